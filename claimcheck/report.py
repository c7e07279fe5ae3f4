"""The discrepancy report as Markdown, self-contained HTML, or JSON: read model in, text out.

`build` gathers what the report says into one JSON-ready structure from the read model (`query`),
its lines and figures from `views`; the templates only lay it out. A conflict is the object of
`conflicts -f json` (`views.ConflictView`), and every claim the report names is in one `claims`
map, by id. The JSON holds everything; Markdown and HTML hold the first `LIMIT` conflicts by the
chosen sort (and at most `LIMIT` of each other list), and say how many more the JSON has, so that
a report of a large project still opens in a browser. Text from sources is untrusted: the HTML
template autoescapes it, the Markdown one escapes it with its `md` filter, and only http(s)
addresses ever become links.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from urllib.parse import quote as percent_encode

from . import safetext, views
from .output import md
from .query import Reader
from .views import safe_url

LIMIT = 500
"""The most conflicts (and targets, groups not comparable, unreadable figures, outlets' claims) that
Markdown and HTML show; the JSON has them all."""


def sections(reader: Reader, since: str | None = None, until: str | None = None, sort: str = "id",
             limit: int | None = None) -> Iterator[tuple[str, object]]:
    """What the report says, section by section in the order of the JSON: a value each, or for a long
    list an iterator of its items (pairs for the `claims` map), read as it is written. Take the
    sections in order: `claims` holds the claims the sections before it named. With --since/--until,
    only the findings that involve a claim published then, and only those claims counted. With
    `limit`, the first `limit` of each list (conflicts by `sort`), and how many each has in all under
    "totals"."""
    outlets, names = reader.outlets, reader.subject_names
    window = {"since": since, "until": until}
    kept = None if since is None and until is None else set(reader.claim_ids(**window))
    involves = lambda ids: kept is None or any(i in kept for i in ids)
    targets = [t for t in reader.found("targets") if involves((t["target"], t["actual"]))]
    not_comparable = [n for n in reader.found("not_comparable") if involves(n["claims"])]
    unreadable = reader.unreadable(since, until)
    total, open_count = reader.count_conflicts(**window), reader.count_conflicts(status="open", **window)
    yield "counts", {
        "claims": reader.claims_count() if kept is None else len(kept), "outlets": len(outlets),
        "perspectives": len(reader.perspectives), "conflicts_open": open_count, "conflicts_reviewed": total - open_count,
        "perspective_splits": reader.count_conflicts(**window, flag="perspective_split"),
        "reference_disagreements": reader.count_conflicts(**window, flag="reference"),
        "targets_met": sum(t["verdict"] == "met" for t in targets), "targets_missed": sum(t["verdict"] == "missed" for t in targets),
        "not_comparable": len(not_comparable), "unreadable": len(unreadable),
    }
    yield "perspectives", [{"name": p, "colour": colour} for p, colour in views.colours(reader.perspectives).items()]
    named: set[str] = set()
    shown: set[str] = set()
    estimate = reader.likely()
    likely = estimate["likely"]

    def conflicts() -> Iterator[dict]:
        for record in (reader.conflicts(sort, limit, **window) if limit is not None else reader.each_conflict(sort, **window)):
            view = views.ConflictView.of(record, outlets, names, likely.get(record.conflict["id"]))
            named.update(view.claim_ids())
            shown.add(view.id)
            yield view.data()

    yield "conflicts", conflicts()
    targets, not_comparable, unreadable = targets[:limit], not_comparable[:limit], unreadable[:limit]
    named.update(i for t in targets for i in (t["target"], t["actual"]))
    named.update(i for n in not_comparable for i in n["claims"])
    named.update(claim.id for claim in unreadable)
    yield "claims", ((claim.id, views.entry(outlets, claim)) for claim in reader.each_claim(named))
    yield "agreements", [a for a in reader.found("agreements") if involves(a["claims"])]
    said = reader.claims_by_id(i for t in targets for i in (t["target"], t["actual"]))
    yield "targets", [{"id": t["id"], "title": views.title(names, said[t["target"]]), "verdict": t["verdict"], "target": t["target"],
                       "actual": t["actual"], "conversions": [{**c, "text": views.conversion_text(said[c["claim"]].figure, c)}
                                                              for c in t["conversions"]]} for t in targets]
    yield "not_comparable", [{"group": n["group"], "reason": n["reason"], "claims": n["claims"]} for n in not_comparable]
    yield "unreadable", [{"claim": claim.id, "reason": claim.unreadable} for claim in unreadable]
    large = limit is not None and reader.count_claims(**window) > limit
    yield "outlets", (_outlet(reader, outlet, window, shown if large else None, estimate["outlets"].get(outlet.id))
                      for outlet in outlets.values())
    if limit is not None:
        yield "totals", {"conflicts": total, "targets": len(reader.found("targets")) if kept is None else len(targets),
                         "not_comparable": len(not_comparable), "unreadable": len(reader.unreadable(since, until)),
                         "limit": limit, "sort": sort}


def build(reader: Reader, since: str | None = None, until: str | None = None, sort: str = "id",
          limit: int | None = None) -> dict:
    """Everything the report shows, as plain data (the JSON format), whole."""
    return {name: (dict(value) if name == "claims" else list(value)) if isinstance(value, Iterator) else value
            for name, value in sections(reader, since, until, sort, limit)}


def _outlet(reader: Reader, outlet, window: dict, shown: set[str] | None, estimate: dict | None) -> dict:
    """An outlet with the claims it made or carried and the side of each conflict they stand on. With
    `shown` (a report cut at LIMIT of a project of more claims than that), only the claims on a side of a
    shown conflict, and how many it has in all."""
    claims = reader.claims(outlet=outlet.id, **window)
    where = reader.stands([c.id for c in claims])
    listed = [c for c in claims if shown is None or any(s["conflict"] in shown for s in where.get(c.id, ()))]
    return {"id": outlet.id, "name": outlet.name, "perspective": outlet.perspective, "kind": outlet.kind,
            "reference": outlet.reference, "url": outlet.url, "link": safe_url(outlet.url), "count": len(claims),
            "accuracy": estimate and estimate["accuracy"], "accuracy_text": views.accuracy_text(estimate),
            "likely_copies": estimate["likely_copies"] if estimate else [],
            "claims": [{"id": c.id, "subject": c.subject, "property": c.property, "period": c.period, "figure": c.figure,
                        "kind": c.kind, "carried": c.source != outlet.id, "conflicts": where.get(c.id, [])} for c in listed]}


# --- JSON and Markdown --------------------------------------------------------------------


def render_json(parts: Iterable[tuple[str, object]]) -> Iterator[str]:
    """The report's sections as JSON, written as they are read: each section on its own line, a long
    list's items (a map's pairs) one per line. Every invisible character is written as its JSON escape
    ('\\u202e'), so the file read in a terminal or an editor shows it instead of obeying it."""
    dump = lambda value: safetext.INVISIBLE.sub(lambda match: json.dumps(match.group())[1:-1], json.dumps(value, ensure_ascii=False))
    for n, (name, value) in enumerate(parts):
        yield f'{"{" if n == 0 else ","}\n  "{name}": '
        if not isinstance(value, (Iterator, list)):
            yield dump(value)
            continue
        pairs = name == "claims"
        yield "{" if pairs else "["
        first = True
        for item in value:
            yield ("\n    " if first else ",\n    ") + (f"{dump(item[0])}: {dump(item[1])}" if pairs else dump(item))
            first = False
        yield ("" if first else "\n  ") + ("}" if pairs else "]")
    yield "\n}\n"


def md_link(text: object, url: str | None) -> str:
    link = safe_url(url)
    return f"[{md(text)}]({percent_encode(link, safe=':/?#=&%+,;@~.-_')})" if link else md(text)


def render_md(data: dict) -> str:
    return _template("report.md.j2").render(data=data).rstrip("\n") + "\n"


# --- HTML ----------------------------------------------------------------------------------

CHART_WIDTH, ROW, PAD, TOP = 640, 40, 12, 8


def chart(conflict: dict, claims: dict[str, dict], colours: dict[str, str]) -> dict:
    """Geometry of a conflict's chart: one mark per claim on one axis, in the group's unit."""
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
        entry = claims[interval["claim"]]
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
            "colour": colours.get(entry["perspective"], views.PALETTE[-1]),
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
    charts = {c["id"]: chart(c, data["claims"], colours) for c in data["conflicts"]}
    return _template("report.html.j2").render(data=data, charts=charts)


def _template(name: str):
    """A template of templates/; jinja2 loads only here, when a report is rendered. The HTML one is
    autoescaped; the Markdown one escapes through its `md` and `md_link` filters."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("claimcheck", "templates"), trim_blocks=True, lstrip_blocks=True,
                              autoescape=select_autoescape(["html.j2"]))
    environment.filters.update(md=md, md_link=md_link, entries=lambda ids, claims: [claims[i] for i in ids])
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


def render(reader: Reader, fmt: str, since: str | None = None, until: str | None = None, sort: str = "id") -> Iterator[str]:
    """The report in pieces (JSON is written as it is read; Markdown and HTML hold the first LIMIT of each list)."""
    if fmt == "json":
        return render_json(sections(reader, since, until, sort))
    return iter([{"md": render_md, "html": render_html}[fmt](build(reader, since, until, sort, LIMIT))])
