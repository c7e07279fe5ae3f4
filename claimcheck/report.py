"""The discrepancy report as Markdown, self-contained HTML, or JSON. Pure: an analysis in, text out.

`build` gathers everything the report says into one JSON-ready structure; the
three renderers only lay it out. Text from sources is untrusted: the HTML
template autoescapes it, Markdown escapes it here, and only http(s) addresses
ever become links.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from collections.abc import Callable
from urllib.parse import quote as percent_encode

from jinja2 import Environment, PackageLoader, select_autoescape

from . import figures, safetext
from .output import md
from .models import Claim, Conflict, Corpus
from .pipeline import Analysis

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C564B", "#666666"]


def safe_url(url: str | None) -> str | None:
    """The address if it is plain http(s), else None: no javascript:, data: or relative links."""
    if url and re.match(r"https?://[^\s<>\"']+$", url, flags=re.IGNORECASE):
        return url
    return None


# --- gathering ----------------------------------------------------------------------


def _title(corpus: Corpus, subject: str, prop: str, period: str | None, kind: str = "actual", scope: str | None = None) -> str:
    names = {s.id: s.name for s in corpus.subjects if s.name}
    words = f"{names.get(subject, subject)}: {prop.replace('-', ' ')}"
    if period:
        words += f", {period.replace('/', ' to ')}"
    if kind != "actual":
        words += f" ({kind})"
    if scope:
        words += f" [{scope}]"
    return words


def _entry(corpus: Corpus, claim: Claim, analysis: Analysis) -> dict:
    source = corpus.sources.get(claim.source)
    via = corpus.sources.get(claim.via) if claim.via else None
    figure = analysis.figures.get(claim.id)
    return {
        "id": claim.id, "figure": claim.figure, "reads_as": figures.describe(figure) if figure else None,
        "kind": claim.kind, "outlet": claim.source, "outlet_name": source.name if source else claim.source,
        "perspective": source.perspective if source else None, "reference": bool(source and source.reference),
        "via": claim.via, "via_name": via.name if via else None, "speaker": claim.speaker,
        "published": claim.published, "as_of": claim.as_of, "quote": claim.quote,
        "url": claim.url, "link": safe_url(claim.url), "location": str(claim.at),
    }


def _gap(conflict: Conflict) -> str:
    """The sides' values from high to low and the spread the terminal shows, as design section 5
    words it: "40 years vs 30 years: +33%"."""
    text = " vs ".join(figures.human_amount(side.value, side.unit) for side in reversed(conflict.sides))
    if conflict.spread is not None:
        text += f": {figures.spread_label(conflict.spread)}"
    return text


def _conversion_text(claims: dict[str, Claim], conversion) -> str:
    return (f"{claims[conversion.claim].figure} converted at {conversion.rate:.6g} {conversion.target} per "
            f"{conversion.source} (ECB reference rate of {conversion.rate_date}, for a figure dated {conversion.figure_date})")


def build(analysis: Analysis, keep: Callable[[Claim], bool] | None = None) -> dict:
    """Everything the report shows, as plain data (the JSON format). With `keep` (a window of
    publication dates), only the findings that involve a claim it keeps, and only those claims counted."""
    corpus, findings = analysis.corpus, analysis.findings
    claims = {claim.id: claim for claim in corpus.claims}
    if keep is not None:
        findings = _within(findings, {c.id for c in corpus.claims if keep(c)})
        corpus = corpus.model_copy(update={"claims": [c for c in corpus.claims if keep(c)]})
    perspectives = sorted({s.perspective for s in corpus.sources.values()})
    colours = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(perspectives)}
    conflicts = []
    for conflict in findings.conflicts:
        conflicts.append({
            "id": conflict.id, "title": _title(corpus, conflict.subject, conflict.property, conflict.period, conflict.kind, conflict.scope),
            "status": conflict.status, "review_note": conflict.review_note, "reviewed": conflict.reviewed,
            "minor": conflict.minor,
            "stale_review": conflict.stale_review and {**conflict.stale_review.model_dump(),
                                                       "text": conflict.stale_review.describe()},
            "spread": conflict.spread, "gap": _gap(conflict), "perspective_split": conflict.perspective_split,
            "reference": conflict.reference,
            "reference_outlets": [corpus.sources[o].name for o in conflict.reference_outlets],
            "unit": conflict.sides[0].unit,
            "sides": [{
                "value": side.value, "low": side.low, "high": side.high, "unit": side.unit,
                "value_text": figures.human_amount(side.value, side.unit),
                "perspectives": side.perspectives, "outlets": side.outlets, "speakers": side.speakers,
                "claims": [_entry(corpus, claims[c], analysis) for c in side.claims],
            } for side in conflict.sides],
            "conversions": [{**c.model_dump(), "text": _conversion_text(claims, c)} for c in conflict.conversions],
            "intervals": [i.model_dump() for i in conflict.intervals],
        })
    targets = [{
        "id": t.id, "title": _title(corpus, *_split_group(claims[t.target])), "verdict": t.verdict,
        "target": _entry(corpus, claims[t.target], analysis), "actual": _entry(corpus, claims[t.actual], analysis),
        "conversions": [{**c.model_dump(), "text": _conversion_text(claims, c)} for c in t.conversions],
    } for t in findings.targets]
    not_comparable = [{"group": n.group, "reason": n.reason, "claims": [_entry(corpus, claims[c], analysis) for c in n.claims]}
                      for n in findings.not_comparable]
    unreadable = []
    for claim in corpus.claims:
        if claim.id not in analysis.figures:
            try:
                figures.parse(claim.figure, corpus.settings)
                reason = "not read"
            except figures.FigureError as error:
                reason = str(error)
            unreadable.append({**_entry(corpus, claim, analysis), "reason": reason})
    open_count = len(findings.open_conflicts())
    return {
        "counts": {
            "claims": len(corpus.claims), "outlets": len(corpus.sources), "perspectives": len(perspectives),
            "conflicts_open": open_count, "conflicts_reviewed": len(findings.conflicts) - open_count,
            "perspective_splits": sum(c.perspective_split for c in findings.conflicts),
            "reference_disagreements": sum(c.reference for c in findings.conflicts),
            "targets_met": sum(t.verdict == "met" for t in findings.targets),
            "targets_missed": sum(t.verdict == "missed" for t in findings.targets),
            "not_comparable": len(findings.not_comparable), "unreadable": len(unreadable),
        },
        "perspectives": [{"name": p, "colour": colours[p]} for p in perspectives],
        "conflicts": conflicts,
        "agreements": [a.model_dump() for a in findings.agreements],
        "targets": targets,
        "not_comparable": not_comparable,
        "unreadable": unreadable,
        "outlets": _outlets(corpus, findings.conflicts),
    }


def _within(findings, kept: set[str]):
    """The findings that involve at least one of the `kept` claims."""
    involves = lambda ids: any(i in kept for i in ids)  # noqa: E731
    return dataclasses.replace(
        findings,
        conflicts=[c for c in findings.conflicts if involves(i for side in c.sides for i in side.claims)],
        agreements=[a for a in findings.agreements if involves(a.claims)],
        targets=[t for t in findings.targets if involves((t.target, t.actual))],
        not_comparable=[n for n in findings.not_comparable if involves(n.claims)],
    )


def _split_group(claim: Claim) -> tuple:
    return claim.subject, claim.property, claim.period, "actual", claim.scope


def _outlets(corpus: Corpus, conflicts: list[Conflict]) -> list[dict]:
    where: dict[str, list[dict]] = defaultdict(list)
    for conflict in conflicts:
        for number, side in enumerate(conflict.sides, start=1):
            for claim_id in side.claims:
                where[claim_id].append({"conflict": conflict.id, "side": number, "sides": len(conflict.sides), "status": conflict.status})
    rows = []
    for source in sorted(corpus.sources.values(), key=lambda s: s.id):
        mine = [c for c in corpus.claims if source.id in (c.source, c.via)]
        rows.append({
            "id": source.id, "name": source.name, "perspective": source.perspective, "kind": source.kind,
            "reference": source.reference, "url": source.url, "link": safe_url(source.url),
            "claims": [{"id": c.id, "subject": c.subject, "property": c.property, "period": c.period, "figure": c.figure,
                        "kind": c.kind, "carried": c.source != source.id, "conflicts": where.get(c.id, [])} for c in mine],
        })
    return rows


# --- JSON and Markdown --------------------------------------------------------------------


def render_json(data: dict) -> str:
    """The data exactly, with each invisible character written as its JSON escape ('\\u202e'), so the
    file read in a terminal or an editor shows it instead of obeying it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return safetext.INVISIBLE.sub(lambda match: json.dumps(match.group())[1:-1], text) + "\n"


def md_link(text: object, url: str | None) -> str:
    link = safe_url(url)
    if not link:
        return md(text)
    return f"[{md(text)}]({percent_encode(link, safe=':/?#=&%+,;@~.-_')})"


def _date(entry: dict) -> str:
    return entry["published"] or ""


def _section(out: list[str], title: str, items: list[dict], empty: str, line, header: list[str] = ()) -> None:
    out += [f"## {title}", ""]
    out += [*header, *map(line, items)] if items else [empty]
    out.append("")


def render_md(data: dict) -> str:
    counts = data["counts"]
    out = ["# Discrepancy report", ""]
    out += [
        f"- **{counts['claims']}** claims from **{counts['outlets']}** outlets with **{counts['perspectives']}** perspectives",
        f"- **{counts['conflicts_open']}** open conflicts, **{counts['conflicts_reviewed']}** reviewed",
        f"- **{counts['perspective_splits']}** perspective splits, **{counts['reference_disagreements']}** disagreements with the reference",
        f"- targets: **{counts['targets_met']}** met, **{counts['targets_missed']}** missed; "
        f"**{counts['not_comparable']}** figures not comparable; **{counts['unreadable']}** figures unreadable",
        "",
        "## Conflicts",
        "",
    ]
    if not data["conflicts"]:
        out += ["No conflicts.", ""]
    for number, conflict in enumerate(data["conflicts"], start=1):
        labels = [conflict["status"]]
        if conflict["minor"]:
            labels.append("minor")
        if conflict["stale_review"]:
            labels.append("review stale: " + md(conflict["stale_review"]["text"]))
        if conflict["perspective_split"]:
            labels.append("perspective split")
        if conflict["reference"]:
            labels.append("disagrees with the reference: " + ", ".join(md(n) for n in conflict["reference_outlets"]))
        out += [f"### {number}. {md(conflict['title'])}", "",
                f"`{md(conflict['id'])}` · **{md(conflict['gap'])}** · {' · '.join(labels)}", ""]
        out += ["| Side | Figure as written | Reads as | Outlet | Perspective | Speaker | Date | Quote |",
                "|---|---|---|---|---|---|---|---|"]
        for side_number, side in enumerate(conflict["sides"], start=1):
            for entry in side["claims"]:
                outlet = md_link(entry["outlet_name"], entry["url"]) + (f" (via {md(entry['via_name'])})" if entry["via_name"] else "")
                quote = f"“{md(entry['quote'])}”" if entry["quote"] else ""
                out.append(f"| {side_number}: {md(side['value_text'])} | {md(entry['figure'])} | {md(entry['reads_as'])} | "
                           f"{outlet} | {md(entry['perspective'])} | {md(entry['speaker'])} | {md(_date(entry))} | {quote} |")
        out.append("")
        for conversion in conflict["conversions"]:
            out.append(f"- Conversion: {md(conversion['text'])}")
        if conflict["review_note"] or conflict["status"] != "open":
            reviewed = f", {md(conflict['reviewed'])}" if conflict["reviewed"] else ""
            status = f"{conflict['stale_review']['status']}, stale" if conflict["stale_review"] else conflict["status"]
            out.append(f"- Review ({md(status)}{reviewed}): {md(conflict['review_note'])}")
        if conflict["conversions"] or conflict["review_note"] or conflict["status"] != "open":
            out.append("")
    def figure_by(entry: dict) -> str:
        return f"{md(entry['figure'])} ({md_link(entry['outlet_name'], entry['url'])})"

    _section(out, "Targets met and missed", data["targets"], "No target has an actual figure of the same period.",
             lambda t: f"| {md(t['title'])} | {figure_by(t['target'])} | {figure_by(t['actual'])} | **{t['verdict']}** |",
             header=["| Group | Target | Actual | Verdict |", "|---|---|---|---|"])
    _section(out, "Figures not comparable", data["not_comparable"], "Every comparable group could be compared.",
             lambda n: f"- `{md(n['group'])}`: {', '.join(figure_by(e) for e in n['claims'])}: {md(n['reason'])}")
    _section(out, "Figures that could not be read", data["unreadable"], "Every figure was read.",
             lambda u: f"- {md(u['location'])}: {figure_by(u)}: {md(u['reason'])}")
    out += ["## Outlets", ""]
    for outlet in data["outlets"]:
        reference = " · reference" if outlet["reference"] else ""
        out += [f"### {md_link(outlet['name'], outlet['url'])}", "", f"{md(outlet['perspective'])}{reference} · {len(outlet['claims'])} claims", ""]
        if outlet["claims"]:
            out += ["| Claim | Subject | Property | Period | Figure | In conflict |", "|---|---|---|---|---|---|"]
            for claim in outlet["claims"]:
                where = "; ".join(f"{md(c['conflict'])} (side {c['side']} of {c['sides']}, {c['status']})" for c in claim["conflicts"])
                carried = " (carried)" if claim["carried"] else ""
                out.append(f"| {md(claim['id'])}{carried} | {md(claim['subject'])} | {md(claim['property'])} | {md(claim['period'])} | "
                           f"{md(claim['figure'])} | {where} |")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML ----------------------------------------------------------------------------------

CHART_WIDTH, ROW, PAD, TOP = 640, 40, 12, 8


def chart(conflict: dict, colours: dict[str, str]) -> dict:
    """Geometry of a conflict's chart: one mark per claim on one axis, in the group's unit."""
    entries = {e["id"]: e for side in conflict["sides"] for e in side["claims"]}
    intervals = conflict["intervals"]
    finite = [x for i in intervals for x in (i["low"], i["high"], i["value"]) if x is not None]
    lo, hi = min(finite), max(finite)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    margin = (hi - lo) * 0.08
    lo, hi = lo - margin, hi + margin
    plot = CHART_WIDTH - 2 * PAD

    def x(value: float) -> float:
        return round(PAD + (value - lo) / (hi - lo) * plot, 1)

    marks = []
    for row, interval in enumerate(intervals):
        entry = entries[interval["claim"]]
        y = TOP + row * ROW + ROW - 10
        left = x(interval["low"]) if interval["low"] is not None else PAD
        right = x(interval["high"]) if interval["high"] is not None else CHART_WIDTH - PAD
        qualifier = interval["qualifier"]
        shape = ("arrow" if qualifier in ("more_than", "at_least", "less_than", "at_most")
                 else "dot" if qualifier == "exact" else "bar")
        label = f"{entry['figure']} · {entry['outlet_name']}"
        marks.append({
            "claim": interval["claim"], "shape": shape, "x": x(interval["value"]), "x1": left, "x2": right, "y": y,
            "open_left": interval["low"] is None, "open_right": interval["high"] is None,
            "colour": colours.get(entry["perspective"], PALETTE[-1]),
            "label": label if len(label) <= 60 else label[:59] + "…",
            "title": f"{entry['figure']} — {entry['outlet_name']} ({entry['perspective']})",
        })
    axis_y = TOP + len(intervals) * ROW + 4
    return {
        "width": CHART_WIDTH, "height": axis_y + 26, "marks": marks, "axis_y": axis_y,
        "axis_x1": PAD, "axis_x2": CHART_WIDTH - PAD,
        "low_label": figures.human_amount(lo + margin, conflict["unit"]),
        "high_label": figures.human_amount(hi - margin, conflict["unit"]),
        "low_x": x(lo + margin), "high_x": x(hi - margin),
    }


def render_html(data: dict) -> str:
    environment = Environment(loader=PackageLoader("claimcheck", "templates"), autoescape=select_autoescape(default=True),
                              trim_blocks=True, lstrip_blocks=True)
    data = _visible(data)
    colours = {p["name"]: p["colour"] for p in data["perspectives"]}
    charts = {c["id"]: chart(c, colours) for c in data["conflicts"]}
    return environment.get_template("report.html.j2").render(data=data, charts=charts)


def _visible(value: object) -> object:
    """Every text in the report's data with its invisible characters shown as their code (the template escapes the rest)."""
    if isinstance(value, str):
        return safetext.visible(value)
    if isinstance(value, dict):
        return {key: _visible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible(item) for item in value]
    return value


def render(analysis: Analysis, fmt: str, keep: Callable[[Claim], bool] | None = None) -> str:
    data = build(analysis, keep)
    return {"json": render_json, "md": render_md, "html": render_html}[fmt](data)

