"""Every line, gap, conversion wording, window of dates and outlet statistic, built once for the
terminal, the report and the web app. Pure: the analysis' pieces in, plain data and text out."""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from . import figures, interchange, origins
from .figures.numbers import plain
from .models import Claim, Corpus, Figure, period_bounds
from .output import terminal_safe

CLAIM_TABLE = ["id", "outlet", "subject", "property", "period", "figure", "kind", "published"]
CLAIM_COLUMNS = ["id", "outlet", "outlet_name", "perspective",
                 *(name for name in Claim.model_fields if name not in ("id", "source")), "location"]
SEARCHED_FIELDS = ("quote", "figure", "speaker", "note", "subject", "property")


# --- figures for people ------------------------------------------------------------

_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
# For each canonical unit, the units a person reads it in, largest first: (size in canonical units, name).
NATURAL = {
    "m": ((1e3, "km"), (1.0, "m"), (1e-2, "cm"), (1e-3, "mm"), (1e-9, "nm")),
    "m2": ((1e6, "km²"), (1e4, "hectares"), (1.0, "m²")),
    "m3": ((1e9, "bcm"), (1.0, "m³"), (1e-3, "litres"), (1e-6, "ml")),
    "kg": ((1e3, "tonnes"), (1.0, "kg"), (1e-3, "g"), (1e-6, "mg")),
    "year": ((1.0, "years"), (1 / 12, "months"), (7 / 365.25, "weeks"), (1 / 365.25, "days"),
             (1 / 8766, "hours"), (1 / 525960, "minutes"), (1 / 31557600, "seconds")),
    "m/s": ((1 / 3.6, "km/h"),),
    "W": ((1e9, "GW"), (1e6, "MW"), (1e3, "kW"), (1.0, "W")),
    "J": ((3.6e12, "GWh"), (3.6e9, "MWh"), (3.6e6, "kWh"), (1.0, "J")),
    "B": ((1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"), (1.0, "bytes")),
    "Hz": ((1e9, "GHz"), (1e6, "MHz"), (1e3, "kHz"), (1.0, "Hz")),
    "pp": ((1.0, "percentage points"),),
}


def human_number(x: float) -> str:
    """400000000000 as '400 billion', 1300 as '1,300', 0.5 as '0.5'."""
    for scale, word in _SCALE_WORDS:
        if abs(x) >= scale:
            return f"{plain(x / scale)} {word}"
    return plain(x)


def human_amount(x: float | None, unit: str, written: tuple[str, float | None] = ("", None)) -> str:
    """An amount in its canonical unit as a person reads it: 'USD 400 billion', '30 years', '1,200 km',
    '10.5 days', '15%'; a rate in the words it was written in ('2.3 million bpd', 'USD 350 per thousand
    cubic metres') when `written` gives them and how many canonical units one of them is."""
    if x is None:
        return "open"
    label, factor = written
    if label and factor:
        label = f"per {label[1:]}" if label.startswith("/") else label
        number = human_number(x / factor)
        code = unit.partition("/")[0]
        return f"{code} {number} {label}" if len(code) == 3 and code.isupper() else f"{number} {label}"
    if "/" in unit and unit != "m/s":
        numerator, _, denominator = unit.partition("/")
        return f"{human_amount(x, numerator) if numerator else human_number(x)} per {denominator}"
    if unit == "%":
        return f"{human_number(x)}%"
    if unit == "K":
        return f"{plain(x - 273.15)} °C"
    if unit == "delta_K":
        return f"{plain(x)} °C change"
    if unit in NATURAL:
        ladder = NATURAL[unit]
        size, name = next(((s, n) for s, n in ladder if abs(x) >= s * 0.999999), ladder[-1])
        if unit == "year" and abs(x) == 1:
            name = "year"
        return f"{human_number(x / size)} {name}"
    if len(unit) == 3 and unit.isupper():
        return f"{unit} {human_number(x)}"
    return human_number(x)


def spread_label(spread: float) -> str:
    """A conflict's spread as every output words it: the largest gap between neighbouring sides."""
    return f"+{spread * 100:.0f}%"


def describe(figure: Figure) -> str:
    """The interval of a figure in words: 'USD 350 billion to USD 450 billion'."""
    low, high = figure.low, figure.high
    written = (figure.written_unit, figure.written_factor)
    if low is None:
        return f"at most {human_amount(high, figure.unit, written)}"
    if high is None:
        return f"at least {human_amount(low, figure.unit, written)}"
    if low == high:
        return human_amount(low, figure.unit, written)
    return f"{human_amount(low, figure.unit, written)} to {human_amount(high, figure.unit, written)}"


def safe_url(url: str | None) -> str | None:
    """The address if it is plain http(s), else None: no javascript:, data: or relative links."""
    return url if url and re.match(r"https?://[^\s<>\"']+$", url, flags=re.IGNORECASE) else None


def did_you_mean(value: str, known, otherwise: str = "") -> str:
    """"; did you mean 'tass'?" for the known names nearest a mistyped one, else `otherwise`."""
    near = difflib.get_close_matches(value, known, n=3)
    return f"; did you mean {', '.join(repr(n) for n in near)}?" if near else otherwise


def date_error(value: str) -> str | None:
    """What is wrong with a date a person gave (--since, --until, --published, the web filters), or None."""
    try:
        period_bounds(value)
    except ValueError:
        return f"{value!r}: write a date as YYYY-MM-DD, YYYY-MM or YYYY"
    return None


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# --- which claims and findings ----------------------------------------------------


def published_within(claim, since: str | None, until: str | None) -> bool:
    """Whether a claim was published in [since, until]; a claim without a date is kept only without bounds."""
    if since is None and until is None:
        return True
    return _overlaps(claim.published, since and period_bounds(since)[0], until and period_bounds(until)[1])


def involving(findings, kept: set[str]):
    involves = lambda ids: any(i in kept for i in ids)
    return dataclasses.replace(
        findings,
        conflicts=[c for c in findings.conflicts if involves(i for side in c.sides for i in side.claims)],
        agreements=[a for a in findings.agreements if involves(a.claims)],
        targets=[t for t in findings.targets if involves((t.target, t.actual))],
        not_comparable=[n for n in findings.not_comparable if involves(n.claims)],
    )


def window(corpus: Corpus, findings, since: str | None, until: str | None):
    """The claims published in [since, until] and the findings that involve one of them, as
    `report` and `outlets` count them; without bounds, everything."""
    if since is None and until is None:
        return corpus, findings
    kept = [c for c in corpus.claims if published_within(c, since, until)]
    return corpus.model_copy(update={"claims": kept}), involving(findings, {c.id for c in kept})


def select_claims(corpus: Corpus, outlet=None, perspective=None, subject=None, property=None, speaker=None,
                  period=None, kind=None, since=None, until=None) -> list[Claim]:
    """The claims `claims` lists for its filters; a period that is not one raises ValueError."""
    wanted_period = period_bounds(period) if period else None
    wanted_subject = corpus.canonical_subject(subject) if subject else None

    def keep(claim: Claim) -> bool:
        source = corpus.sources.get(claim.source)
        return all((
            outlet is None or outlet in (claim.source, claim.via),
            perspective is None or (source is not None and source.perspective.lower() == perspective.lower()),
            wanted_subject is None or corpus.canonical_subject(claim.subject) == wanted_subject,
            property is None or claim.property == property,
            speaker is None or speaker.lower() in (claim.speaker or "").lower(),
            wanted_period is None or _overlaps(claim.period, *wanted_period),
            kind is None or claim.kind == kind,
        ))

    return [claim for claim in corpus.claims if keep(claim) and published_within(claim, since, until)]


def _overlaps(dates: str | None, first, last) -> bool:
    """Whether a date or period meets [first, last], a bound of None being open; no date never does."""
    if not dates:
        return False
    start, end = period_bounds(dates)
    return (first is None or end >= first) and (last is None or start <= last)


def fold(text: str | None) -> str:
    """Text for search: case and accents folded ("Café" finds "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search(corpus: Corpus, text: str) -> list[Claim]:
    wanted = fold(text)
    return [claim for claim in corpus.claims if any(wanted in fold(getattr(claim, name)) for name in SEARCHED_FIELDS)]


def select_conflicts(corpus: Corpus, claims: dict, findings, subject=None, perspective=None, outlet=None,
                     everything=False, since=None, until=None) -> list:
    """The conflicts `conflicts` lists for its filters; `claims` holds (at least) every claim they name."""
    wanted_subject = corpus.canonical_subject(subject) if subject else None

    def keep(conflict) -> bool:
        ids = [claim_id for side in conflict.sides for claim_id in side.claims]
        return all((
            everything or conflict.status == "open",
            wanted_subject is None or conflict.subject == wanted_subject,
            perspective is None or any(perspective.lower() == p.lower() for side in conflict.sides for p in side.perspectives),
            outlet is None or any(outlet in (claims[i].source, claims[i].via) for i in ids),
            (since is None and until is None) or any(published_within(claims[i], since, until) for i in ids),
        ))

    return [conflict for conflict in findings.conflicts if keep(conflict)]


# --- claims ---------------------------------------------------------------------------------


def claim_rows(corpus: Corpus, claims: list[Claim]) -> list[dict]:
    rows = []
    for claim in claims:
        source = corpus.sources.get(claim.source)
        fields = {name: value for name, value in interchange.stored_fields(claim).items() if name != "source"}
        rows.append({"id": claim.id, "outlet": claim.source, "outlet_name": source and source.name,
                     "perspective": source and source.perspective, **fields, "location": str(claim.at)})
    return rows


def by_subject(corpus: Corpus, claims: list[Claim]) -> dict[str, list[Claim]]:
    """Claims grouped by subject under its title, so that one outlet's story reads at a glance."""
    names = {subject.id: subject.name for subject in corpus.subjects if subject.name}
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        subject = corpus.canonical_subject(claim.subject)
        groups.setdefault(f"{subject}: {names[subject]}" if subject in names else subject, []).append(claim)
    return groups


def reading(text: str, settings) -> dict:
    """How a figure reads; an unreadable one has an "error". A rate also says the unit it was written in
    (`written_unit`) and how many canonical units one of it is (`written_factor`)."""
    try:
        read = figures.parse(text, settings).model_dump()
    except figures.FigureError as error:
        return {"text": text, "error": str(error)}
    for field, keep in (("written_unit", "written_factor"), ("range_low", "range_high")):
        if not read[field]:
            del read[field], read[keep]  # only rates say their written unit, only ranges their two ends
    return read


def claim_detail(claim: Claim, findings, settings) -> dict:
    """One claim in full, as `show` prints it: its fields, how its figure reads, where, its conflicts."""
    conflicts = [c.id for c in findings.conflicts if any(claim.id in side.claims for side in c.sides)]
    return {"claim": interchange.stored_fields(claim), "figure": reading(claim.figure, settings),
            "location": str(claim.at), "conflicts": conflicts}


def reads_as(reading: dict) -> str:
    """How a figure reads, in words, from `reading`'s answer."""
    return reading.get("error") and f"cannot be read: {reading['error']}" or describe(Figure(**reading))


def claim_lines(detail: dict) -> str:
    lines = [f"{name}: {value}" for name, value in detail["claim"].items()]
    lines += [f"reads as: {reads_as(detail['figure'])}", f"location: {detail['location']}",
              f"conflicts: {', '.join(detail['conflicts']) or 'none'}"]
    return terminal_safe("\n".join(lines))


def figure_rows(texts: list[str], settings) -> list[dict]:
    """How each figure reads, as `parse` prints it."""
    return [reading(text, settings) for text in texts]


def figure_table(rows: list[dict]) -> list[dict]:
    return [
        {"figure": row["text"], "reads as": row.get("error") and f"error: {row['error']}" or describe(Figure(**row)),
         "value": human_amount(row.get("value"), row.get("unit", ""), (row.get("written_unit", ""), row.get("written_factor"))) if "value" in row else "",
         "dimension": row.get("dimension"), "qualifier": row.get("qualifier"), "noun": row.get("noun")}
        for row in rows
    ]


# --- outlets ----------------------------------------------------------------------------


def _outlet(source) -> dict:
    return {"id": source.id, "name": source.name, "perspective": source.perspective, "kind": source.kind,
            "reference": source.reference}


def outlet_rows(corpus: Corpus, conflicts: list) -> list[dict]:
    """One row per outlet: its claims, those it carried, those that repeat another outlet's earlier
    claim (the same origin), and where it stands in the conflicts."""
    # A claim repeats when its origin's earliest claim is another outlet's; several figures from one
    # sentence of one outlet are that outlet's own.
    repeated = Counter(claim.source for group in origin_groups(corpus.claims) for claim in group[1:]
                       if claim.source != group[0].source)
    return [{**_outlet(source), "claims": sum(c.source == source.id for c in corpus.claims),
             "carried": sum(c.via == source.id for c in corpus.claims), "repeated": repeated[source.id],
             **outlet_conflict_counts(source.id, conflicts)}
            for source in sorted(corpus.sources.values(), key=lambda s: s.id)]


def shared_origins(corpus: Corpus, subject: str | None = None) -> list[dict]:
    """The origins that several outlets share (of a subject, when given), earliest first: who
    repeated whom, with the shared quote. An outlet that carried a claim (`via`) counts as one."""
    wanted = subject and corpus.canonical_subject(subject)
    outlets = lambda group: {c.source for c in group} | {c.via for c in group if c.via}
    shared = [group for group in origin_groups(corpus.claims) if len(outlets(group)) > 1
              and (wanted is None or any(corpus.canonical_subject(c.subject) == wanted for c in group))]
    return [{"groups": sorted(dict.fromkeys(f"{corpus.canonical_subject(c.subject)}/{c.property}" for c in group)),
             "outlets": len(outlets(group)), "quote": next((c.quote for c in group if c.quote), None),
             "claims": [{"id": c.id, "published": c.published, "outlet": c.source, "outlet_name": outlet_name(corpus, c),
                         "via": c.via, "via_name": corpus.sources[c.via].name if c.via in corpus.sources else c.via,
                         "speaker": c.speaker, "figure": c.figure, "location": str(c.at)} for c in group]}
            for group in sorted(shared, key=lambda group: _published(group[0]))]


def origin_lines(item: dict) -> str:
    """One shared origin as `origins` prints it: where, how many, the quote, then each claim by date."""
    lines = [f"{', '.join(item['groups'])}: {support(item['outlets'], 1)}"]
    if item["quote"]:
        lines.append(f"  “{' '.join(item['quote'].split())}”")
    for c in item["claims"]:
        via = f" via {c['via_name']}" if c["via"] else ""
        lines.append(f"  {c['published'] or 'undated'}  {c['outlet_name']}{via}: {c['figure']} ({c['id']}, {c['location']})")
    return terminal_safe("\n".join(lines))


def _published(claim: Claim) -> tuple:
    """Earliest published first, undated last."""
    return claim.published is None, claim.published and period_bounds(claim.published)[0]


def origin_groups(claims: list[Claim]) -> list[list[Claim]]:
    """The claims' independent origins (`origins.py`), each earliest published first (undated last,
    then in project order): every claim after the first repeats the origin of an earlier one."""
    return [sorted((claims[n] for n in group), key=_published) for group in origins.groups(claims)]


def outlet_conflict_counts(outlet: str, conflicts: list) -> dict[str, int]:
    """Conflicts an outlet is in, those where it is on a smaller side, and those against the reference."""
    counts = dict.fromkeys(("conflicts", "minority", "against_reference"), 0)
    for conflict in conflicts:
        mine = [side for side in conflict.sides if outlet in side.outlets]
        largest = max(len(side.claims) for side in conflict.sides)
        counts["conflicts"] += bool(mine)
        counts["minority"] += any(len(side.claims) < largest for side in mine)
        counts["against_reference"] += conflict.reference and any(not set(side.outlets) & set(conflict.reference_outlets) for side in mine)
    return counts


def outlet_claims(corpus: Corpus, conflicts: list) -> list[dict]:
    """Each outlet with every claim it made or carried and the side of each conflict it stands on."""
    where: dict[str, list[dict]] = {}
    for conflict in conflicts:
        for number, side in enumerate(conflict.sides, start=1):
            for claim_id in side.claims:
                where.setdefault(claim_id, []).append({"conflict": conflict.id, "side": number, "sides": len(conflict.sides),
                                                       "status": conflict.status})
    return [{**_outlet(source), "url": source.url, "link": safe_url(source.url),
             "claims": [{"id": c.id, "subject": c.subject, "property": c.property, "period": c.period, "figure": c.figure,
                         "kind": c.kind, "carried": c.source != source.id, "conflicts": where.get(c.id, [])}
                        for c in corpus.claims if source.id in (c.source, c.via)]}
            for source in sorted(corpus.sources.values(), key=lambda s: s.id)]


# --- conflicts, targets, the check -------------------------------------------------------


def headline(side) -> str:
    """What a side's claims state (design 3): one value, or the span of what they stated ("USD 22–30 billion"),
    never a median nobody wrote. Sides kept by an older index have no stated span: their value stands."""
    low = side.value if side.stated_low is None else side.stated_low
    high = side.value if side.stated_high is None else side.stated_high
    return span(low, high, side.unit)


def span(low: float, high: float, unit: str) -> str:
    """Two amounts as one span, the words they share written once: "USD 22–30 billion", "5–6%"."""
    first, second = human_amount(low, unit), human_amount(high, unit)
    if first == second:
        return first
    a, b = first.split(" "), second.split(" ")
    head = 0
    while head < min(len(a), len(b)) - 1 and a[head] == b[head] and not any(ch.isdigit() for ch in a[head]):
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head - 1 and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = " ".join(a[head:len(a) - tail]), " ".join(b[head:len(b) - tail])
    unit_a = middle_a.lstrip("-0123456789.,")  # "5%" and "6%": the sign of percent is shared too
    if unit_a and middle_b.endswith(unit_a) and not any(ch.isdigit() for ch in unit_a):
        middle_a = middle_a[:-len(unit_a)]
    return " ".join(filter(None, [" ".join(a[:head]), f"{middle_a}–{middle_b}", " ".join(a[len(a) - tail:])]))


def gap(conflict, said: list[str] | None = None) -> str:
    """The figures and the spread between them, as design section 5 words it: "40 years vs 30 years:
    +33%", high to low; with `said` (who said each side), low to high, as the terminal lists them."""
    amounts = [headline(side) for side in conflict.sides]
    text = " vs ".join(f"{amount} ({who})" for amount, who in zip(amounts, said)) if said else " vs ".join(reversed(amounts))
    return text + (f": {spread_label(conflict.spread)}" if conflict.spread is not None else "")


def conversion_text(figure: str, conversion, short: bool = False) -> str:
    """A figure converted to the group's currency, with the rate and its date; `short` for the terminal."""
    rate = f"{conversion.rate:.6g} {conversion.target} per {conversion.source}"
    if short:
        return f"{figure} at {rate} (ECB, {conversion.rate_date}, for {conversion.figure_date})"
    return f"{figure} converted at {rate} (ECB reference rate of {conversion.rate_date}, for a figure dated {conversion.figure_date})"


def outlet_name(corpus: Corpus, claim) -> str:
    """The name of the outlet that made a claim (its id where the outlet is unknown)."""
    source = corpus.sources.get(claim.source)
    return source.name if source else claim.source


def _who(corpus: Corpus, claim) -> str:
    """Who said a figure and when, as the terminal names it: "TASS, 2014"."""
    name, year = outlet_name(corpus, claim), (claim.published or "")[:4] or "undated"
    return name if name.endswith(year) else f"{name}, {year}"


def support(outlets: int, origins: int) -> str:
    """Support read by origins: "3 outlets, one origin" (several outlets repeating one origin),
    "2 outlets, 2 origins"."""
    return f"{count(outlets, 'outlet')}, {'one origin' if origins == 1 and outlets > 1 else count(origins, 'origin')}"


def conflict_line(corpus: Corpus, claims: dict, conflict) -> str:
    """A conflict as people read it: the figures side by side, with who said them (and, for a side
    of several claims, its outlets and origins), and the gap."""
    said = ["; ".join(dict.fromkeys(_who(corpus, claims[i]) for i in side.claims))
            + (f" — {support(len(side.outlets), side.origins)}" if len(side.claims) > 1 else "") for side in conflict.sides]
    stale = conflict.stale_review
    marks = [conflict.reference and "disagrees with the reference: " + ", ".join(corpus.sources[o].name for o in conflict.reference_outlets),
             conflict.perspective_split and "perspective split", conflict.minor and "minor",
             conflict.status != "open" and conflict.status, stale and f"review stale: {stale.describe()}"]
    text = f"{conflict.id}: {gap(conflict, said)}" + "".join(f" [{mark}]" for mark in marks if mark)
    if conflict.review_note:
        status = stale.status if stale else conflict.status
        text += f"\n    review ({status}{', ' + str(conflict.reviewed) if conflict.reviewed else ''}): {' '.join(conflict.review_note.split())}"
    for conversion in conflict.conversions:
        text += f"\n    {conversion_text(claims[conversion.claim].figure, conversion, short=True)}"
    return terminal_safe(text)


def conflict_rows(conflicts: list) -> list[dict]:
    """One row per side of each conflict, for CSV."""
    return [{"conflict": c.id, "status": c.status, "spread": c.spread, "side": n, "low": side.low, "high": side.high,
             "unit": side.unit, "claims": " ".join(side.claims), "outlets": " ".join(side.outlets), "origins": side.origins,
             "perspectives": "; ".join(side.perspectives)}
            for c in conflicts for n, side in enumerate(c.sides, 1)]


def target_line(corpus: Corpus, claims: dict, result) -> str:
    target, actual = claims[result.target], claims[result.actual]
    return terminal_safe(f"{result.id}: target {target.figure} ({outlet_name(corpus, target)}) {result.verdict}: "
                         f"actual {actual.figure} ({outlet_name(corpus, actual)})")


def not_comparable_line(item) -> str:
    return terminal_safe(f"{item.group}: not comparable: {', '.join(item.claims)}: {item.reason}")


class Tally(NamedTuple):
    conflicts: int = 0
    open: int = 0
    minor: int = 0  # open but not failing the check
    agreements: int = 0
    targets: int = 0
    not_comparable: int = 0


def tally(findings) -> Tally:
    open_ = findings.open_conflicts()
    return Tally(len(findings.conflicts), len(open_), len(open_) - len(findings.failing_conflicts()),
                 len(findings.agreements), len(findings.targets), len(findings.not_comparable))


def summary_line(claims_count: int, counts: Tally) -> str:
    """The last line of `check`."""
    minor = f", {counts.minor} of them minor" if counts.minor else ""
    return (f"{count(claims_count, 'claim')}: {count(counts.conflicts, 'conflict')} "
            f"({counts.open} open{minor}, {counts.conflicts - counts.open} reviewed), "
            f"{count(counts.agreements, 'agreeing group')}, "
            f"{count(counts.targets, 'target check')}, {counts.not_comparable} not comparable")


def check_lines(corpus: Corpus, claims: dict, findings, claims_count: int) -> list[str]:
    """What `check` prints: every conflict, target and group not compared, then the counts."""
    lines = [conflict_line(corpus, claims, conflict) for conflict in findings.conflicts]
    lines += [target_line(corpus, claims, result) for result in findings.targets]
    lines += [not_comparable_line(item) for item in findings.not_comparable]
    return lines + [summary_line(claims_count, tally(findings))]
