"""The discrepancy report as Markdown, self-contained HTML, or JSON. Pure: an analysis in, text out.

`build` gathers everything the report says into one JSON-ready structure, its
lines and figures from `views`; the templates only lay it out. Text from sources
is untrusted: the HTML template autoescapes it, the Markdown one escapes it with
its `md` filter, and only http(s) addresses ever become links.
"""

from __future__ import annotations

import json
from urllib.parse import quote as percent_encode

from . import safetext, views
from .models import Claim, Corpus
from .output import md
from .pipeline import Analysis
from .views import safe_url

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C564B", "#666666"]


# --- gathering ----------------------------------------------------------------------


def title(corpus: Corpus, group, kind: str = "actual") -> str:
    """A group's title, from a conflict or a claim of it (a target check is titled as its actuals' group)."""
    names = {s.id: s.name for s in corpus.subjects if s.name}
    words = f"{names.get(group.subject, group.subject)}: {group.property.replace('-', ' ')}"
    if group.period:
        words += f", {group.period.replace('/', ' to ')}"
    if kind != "actual":
        words += f" ({kind})"
    if group.scope:
        words += f" [{group.scope}]"
    return words


def _entry(corpus: Corpus, claim: Claim, analysis: Analysis) -> dict:
    source = corpus.sources.get(claim.source)
    via = corpus.sources.get(claim.via) if claim.via else None
    figure = analysis.figures.get(claim.id)
    return {
        "id": claim.id, "figure": claim.figure, "reads_as": views.describe(figure) if figure else None,
        "kind": claim.kind, "outlet": claim.source, "outlet_name": source.name if source else claim.source,
        "perspective": source.perspective if source else None, "reference": bool(source and source.reference),
        "via": claim.via, "via_name": via.name if via else None, "speaker": claim.speaker,
        "published": claim.published, "as_of": claim.as_of, "quote": claim.quote,
        "url": claim.url, "link": safe_url(claim.url), "location": str(claim.at),
    }


def _conversions(claims: dict[str, Claim], conversions: list) -> list[dict]:
    return [{**c.model_dump(), "text": views.conversion_text(claims[c.claim].figure, c)} for c in conversions]


def conflict_data(corpus: Corpus, claims: dict[str, Claim], analysis: Analysis, conflict) -> dict:
    """One conflict as the report and the web app show it: its sides with each claim in full, the
    gap, the conversions, the review and each claim's interval for the chart."""
    entry = lambda claim_id: _entry(corpus, claims[claim_id], analysis)
    return {
        "id": conflict.id, "title": title(corpus, conflict, conflict.kind), "status": conflict.status,
        "review_note": conflict.review_note, "reviewed": conflict.reviewed, "minor": conflict.minor,
        "stale_review": conflict.stale_review and {**conflict.stale_review.model_dump(),
                                                   "text": conflict.stale_review.describe()},
        "spread": conflict.spread, "gap": views.gap(conflict), "perspective_split": conflict.perspective_split,
        "reference": conflict.reference, "reference_outlets": [corpus.sources[o].name for o in conflict.reference_outlets],
        "unit": conflict.sides[0].unit,
        "sides": [{
            "value": side.value, "low": side.low, "high": side.high, "unit": side.unit,
            "value_text": views.headline(side), "stated_low": side.stated_low, "stated_high": side.stated_high,
            "perspectives": side.perspectives, "outlets": side.outlets, "origins": side.origins,
            "support": views.support(len(side.outlets), side.origins), "one_origin": side.origins == 1 and len(side.outlets) > 1, "speakers": side.speakers,
            "claims": [entry(c) for c in side.claims],
        } for side in conflict.sides],
        "conversions": _conversions(claims, conflict.conversions),
        "intervals": [i.model_dump() for i in conflict.intervals],
    }


def build(analysis: Analysis, since: str | None = None, until: str | None = None) -> dict:
    """Everything the report shows, as plain data (the JSON format). With --since/--until, only the
    findings that involve a claim published then, and only those claims counted."""
    claims = {claim.id: claim for claim in analysis.corpus.claims}
    corpus, findings = views.window(analysis.corpus, analysis.findings, since, until)
    perspectives = sorted({s.perspective for s in corpus.sources.values()})
    colours = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(perspectives)}
    entry = lambda claim_id: _entry(corpus, claims[claim_id], analysis)
    conflicts = [conflict_data(corpus, claims, analysis, conflict) for conflict in findings.conflicts]
    targets = [{"id": t.id, "title": title(corpus, claims[t.target]), "verdict": t.verdict, "target": entry(t.target),
                "actual": entry(t.actual), "conversions": _conversions(claims, t.conversions)} for t in findings.targets]
    not_comparable = [{"group": n.group, "reason": n.reason, "claims": [entry(c) for c in n.claims]} for n in findings.not_comparable]
    unreadable = [{**_entry(corpus, claim, analysis), "reason": views.reading(claim.figure, corpus.settings).get("error", "not read")}
                  for claim in corpus.claims if claim.id not in analysis.figures]
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
        "outlets": views.outlet_claims(corpus, findings.conflicts),
    }


# --- JSON and Markdown --------------------------------------------------------------------


def render_json(data: dict) -> str:
    """The data exactly, with each invisible character written as its JSON escape ('\\u202e'), so the
    file read in a terminal or an editor shows it instead of obeying it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return safetext.INVISIBLE.sub(lambda match: json.dumps(match.group())[1:-1], text) + "\n"


def md_link(text: object, url: str | None) -> str:
    link = safe_url(url)
    return f"[{md(text)}]({percent_encode(link, safe=':/?#=&%+,;@~.-_')})" if link else md(text)


def render_md(data: dict) -> str:
    return _template("report.md.j2").render(data=data).rstrip("\n") + "\n"


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
        "low_label": views.human_amount(lo + margin, conflict["unit"]),
        "high_label": views.human_amount(hi - margin, conflict["unit"]),
        "low_x": x(lo + margin), "high_x": x(hi - margin),
    }


def render_html(data: dict) -> str:
    data = _visible(data)
    colours = {p["name"]: p["colour"] for p in data["perspectives"]}
    charts = {c["id"]: chart(c, colours) for c in data["conflicts"]}
    return _template("report.html.j2").render(data=data, charts=charts)


def _template(name: str):
    """A template of templates/; jinja2 loads only here, when a report is rendered. The HTML one is
    autoescaped; the Markdown one escapes through its `md` and `md_link` filters."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("claimcheck", "templates"), trim_blocks=True, lstrip_blocks=True,
                              autoescape=select_autoescape(["html.j2"]))
    environment.filters.update(md=md, md_link=md_link)
    return environment.get_template(name)


def _visible(value: object) -> object:
    """Every text in the report's data with its invisible characters shown as their code (the template escapes the rest)."""
    if isinstance(value, str):
        return safetext.visible(value)
    if isinstance(value, dict):
        return {key: _visible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible(item) for item in value]
    return value


def render(analysis: Analysis, fmt: str, since: str | None = None, until: str | None = None) -> str:
    data = build(analysis, since, until)
    return {"json": render_json, "md": render_md, "html": render_html}[fmt](data)

