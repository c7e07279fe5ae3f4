"""Every line, gap, conversion wording, title and outlet statistic's words, built once for the terminal,
the report and the web app. Pure: rows of the read model (`query`) in, plain data and text out.

A conflict has one view, `ConflictView`: its terminal line, its CSV rows and its JSON object (the
object of `conflicts -f json` and of `report -f json`, which the report's templates and the web
pages lay out) are all made from it.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from . import cores
from .models import Figure, period_bounds, plain
from .output import terminal_safe
from .query import CLAIM_FIELDS, ClaimRow, ConflictRecord, OutletRow, Said, earliest

CONFLICT_COLUMNS = ["conflict", "status", "spread", "side", "low", "high", "unit", "claims", "outlets", "origins", "perspectives"]
CLAIM_TABLE = ["id", "outlet", "subject", "property", "period", "figure", "kind", "published"]
CLAIM_COLUMNS = ["id", "outlet", "outlet_name", "perspective", *(name for name in CLAIM_FIELDS if name not in ("id", "source")),
                 "location"]
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C564B", "#666666"]


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
    if unit == "magnitude":
        return f"magnitude {plain(x)}"
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
    return f"{number} {plural(number, noun)}"


def plural(number: int, noun: str) -> str:
    """The noun as `number` of it is written: "1 conflict", "2 conflicts"."""
    return noun if number == 1 else f"{noun}s"


def colours(perspectives: Iterable[str]) -> dict[str, str]:
    """A colour for each perspective, the same in the report and the web app."""
    return {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(sorted(perspectives))}


def title(subject_names: dict[str, str], group, kind: str = "actual") -> str:
    """A group's title, from a conflict or a claim of it (a target check is titled as its actuals' group)."""
    get = group.get if isinstance(group, dict) else lambda name: getattr(group, name)
    words = f"{subject_names.get(get('subject'), get('subject'))}: {get('property').replace('-', ' ')}"
    if get("period"):
        words += f", {get('period').replace('/', ' to ')}"
    if kind != "actual":
        words += f" ({kind})"
    if get("scope"):
        words += f" [{get('scope')}]"
    return words


def outlet_name(outlets: dict[str, OutletRow], outlet: str) -> str:
    """An outlet's name (its id where the outlet is unknown)."""
    return outlets[outlet].name if outlet in outlets else outlet


@functools.lru_cache(maxsize=65536)
def said_by(name: str, published: str | None) -> str:
    """Who said a figure and when, as the terminal names it: "TASS, 2014"."""
    year = (published or "")[:4] or "undated"
    return name if name.endswith(year) else f"{name}, {year}"


# --- claims ---------------------------------------------------------------------------------


def claim_rows(outlets: dict[str, OutletRow], claims: Iterable[ClaimRow]) -> list[dict]:
    rows = []
    for claim in claims:
        source = outlets.get(claim.source)
        fields = {name: value for name, value in claim.fields().items() if name != "source"}
        rows.append({"id": claim.id, "outlet": claim.source, "outlet_name": source and source.name,
                     "perspective": source and source.perspective, **fields, "location": str(claim.at)})
    return rows


def by_subject(subject_names: dict[str, str], claims: Iterable[ClaimRow]) -> dict[str, list[ClaimRow]]:
    """Claims grouped by subject under its title, so that one outlet's story reads at a glance."""
    groups: dict[str, list[ClaimRow]] = {}
    for claim in claims:
        subject = claim.topic
        groups.setdefault(f"{subject}: {subject_names[subject]}" if subject in subject_names else subject, []).append(claim)
    return groups


def reading(text: str, settings) -> dict:
    """How a figure reads; an unreadable one has an "error". A rate also says the unit it was written in
    (`written_unit`) and how many canonical units one of it is (`written_factor`)."""
    from . import figures  # the figure reader: only what reads a figure's text loads it

    try:
        read = figures.parse(text, settings).model_dump()
    except figures.FigureError as error:
        return {"text": text, "error": str(error)}
    for name, keep in (("written_unit", "written_factor"), ("range_low", "range_high")):
        if not read[name]:
            del read[name], read[keep]  # only rates say their written unit, only ranges their two ends
    return read


def claim_detail(claim: ClaimRow, conflicts: list[str]) -> dict:
    """One claim in full, as `show` prints it: its fields, how its figure reads, where, its conflicts."""
    return {"claim": claim.fields(), "figure": claim.reading(), "location": str(claim.at), "conflicts": conflicts}


def reads_as(reading: dict) -> str:
    """How a figure reads, in words, from `reading`'s answer."""
    return reading.get("error") and f"cannot be read: {reading['error']}" or describe(Figure(**reading))


def claim_lines(detail: dict) -> str:
    lines = [f"{name}: {value}" for name, value in detail["claim"].items()]
    lines += [f"reads as: {reads_as(detail['figure'])}", f"location: {detail['location']}",
              f"conflicts: {', '.join(detail['conflicts']) or 'none'}"]
    return terminal_safe("\n".join(lines))


def entry(outlets: dict[str, OutletRow], claim: ClaimRow) -> dict:
    """One claim as the report and the web app show it beside others: who said it, when, the quote, a link."""
    source, via = outlets.get(claim.source), outlets.get(claim.via) if claim.via else None
    reading = claim.reading()
    return {
        "id": claim.id, "figure": claim.figure, "reads_as": None if "error" in reading else reads_as(reading),
        "kind": claim.kind, "outlet": claim.source, "outlet_name": source.name if source else claim.source,
        "perspective": source.perspective if source else None, "reference": bool(source and source.reference),
        "via": claim.via, "via_name": via.name if via else None, "speaker": claim.speaker,
        "published": claim.published, "as_of": claim.as_of, "quote": claim.quote,
        "url": claim.url, "link": safe_url(claim.url), "location": str(claim.at),
    }


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


# --- origins ---------------------------------------------------------------------------------


def shared_origins(groups: list[list[ClaimRow]], outlets: dict[str, OutletRow], subject: str | None = None) -> list[dict]:
    """The origins that several outlets share (of a subject after aliases, when given), earliest
    first: who repeated whom, with the shared quote. An outlet that carried a claim (`via`) counts as one."""
    named = lambda group: {c.source for c in group} | {c.via for c in group if c.via}
    shared = [group for group in groups if len(named(group)) > 1 and (subject is None or any(c.topic == subject for c in group))]
    return [{"groups": sorted(dict.fromkeys(f"{c.topic}/{c.property}" for c in group)),
             "outlets": len(named(group)), "quote": next((c.quote for c in group if c.quote), None),
             "claims": [{"id": c.id, "published": c.published, "outlet": c.source, "outlet_name": outlet_name(outlets, c.source),
                         "via": c.via, "via_name": outlet_name(outlets, c.via) if c.via else None,
                         "speaker": c.speaker, "figure": c.figure, "location": str(c.at)} for c in group]}
            for group in sorted(shared, key=lambda group: earliest(group[0].published))]


def origin_lines(item: dict) -> str:
    """One shared origin as `origins` prints it: where, how many, the quote, then each claim by date."""
    lines = [f"{', '.join(item['groups'])}: {support(item['outlets'], 1)}"]
    if item["quote"]:
        lines.append(f"  “{' '.join(item['quote'].split())}”")
    for c in item["claims"]:
        via = f" via {c['via_name']}" if c["via"] else ""
        lines.append(f"  {c['published'] or 'undated'}  {c['outlet_name']}{via}: {c['figure']} ({c['id']}, {c['location']})")
    return terminal_safe("\n".join(lines))


# --- conflicts, targets, the check -------------------------------------------------------


def headline(side: dict) -> str:
    """What a side's claims state (design 3): one value, or the span of what they stated ("USD 22–30 billion"),
    never a median nobody wrote."""
    value, low, high = side["value"], side.get("stated_low"), side.get("stated_high")
    return span(value if low is None else low, value if high is None else high, side["unit"])


@functools.lru_cache(maxsize=65536)
def span(low: float, high: float, unit: str) -> str:
    """Two amounts as one span, the words they share written once: "USD 22–30 billion", "5–6%". Made once
    for each: the 16,716 conflicts of 100,000 claims have 80,787 sides but 8,451 different spans."""
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


@functools.lru_cache(maxsize=1024)
def support(outlets: int, origins: int) -> str:
    """Support read by origins: "3 outlets, one origin" (several outlets repeating one origin),
    "2 outlets, 2 origins"."""
    return f"{count(outlets, 'outlet')}, {'one origin' if origins == 1 and outlets > 1 else count(origins, 'origin')}"


def conversion_text(figure: str, conversion: dict, short: bool = False) -> str:
    """A figure converted to the group's currency, with the rate and its date; `short` for the terminal."""
    rate = f"{conversion['rate']:.6g} {conversion['target']} per {conversion['source']}"
    if short:
        return f"{figure} at {rate} (ECB, {conversion['rate_date']}, for {conversion['figure_date']})"
    return (f"{figure} converted at {rate} (ECB reference rate of {conversion['rate_date']}, "
            f"for a figure dated {conversion['figure_date']})")


def stale_text(stale: dict) -> str:
    """What changed since a review that has gone stale, as every output words it."""
    parts = [f"joined {', '.join(stale['joined'])}" if stale["joined"] else "", f"left {', '.join(stale['left'])}" if stale["left"] else ""]
    return "; ".join(p for p in parts if p) + f" since it was marked {stale['status']}"


def likely_text(likely: dict, side: dict) -> str:
    """The side likely right (design §9), as every output words it: its figure, how likely, and why."""
    return f"likely right: {headline(side)} ({chance(likely['probability'])}). {likely['why']}"


def chance(probability: float) -> str:
    """A probability as a percentage that never rounds to a certainty it is not: "over 99%", "under 1%"."""
    if 0.99 < probability < 1:
        return "over 99%"
    if 0 < probability < 0.01:
        return "under 1%"
    return f"{probability:.0%}"


def accuracy_text(estimate: dict | None) -> str:
    """An outlet's estimated accuracy (design §9) in words: the estimate with its range and the figures behind it,
    "too few to say" under five figures, "reference" for an outlet left out of the estimate."""
    if estimate is None or estimate.get("reference"):
        return "reference"
    accuracy = estimate["accuracy"]
    if accuracy["estimate"] is None:
        return f"too few to say ({count(accuracy['figures'], 'figure')})"
    return f"{accuracy['estimate']:.0%} ({accuracy['low']:.0%}–{accuracy['high']:.0%}, {count(accuracy['figures'], 'figure')})"


ESTIMATING = "being estimated again after a change"
"""What a page says of the likely sides and the outlets' accuracy while the server makes them again (design §9):
never an older estimate, whose sides may have changed."""


OUTLET_SORTS = ("id", "claims", "conflicts", "accuracy")
"""The orders of `outlets --sort` (design §9): id, or largest first."""


def outlet_listing(rows: list[dict], estimates: dict[str, dict] | None, sort: str, structured: bool) -> list[dict]:
    """The outlets' rows with their accuracy and likely copies (design §9), in `sort` order: as JSON data when
    `structured`, else in words for a table or CSV. An outlet with no estimate sorts last by accuracy; with no
    estimates at all (being made again, `ESTIMATING`, which the page says once) none has an accuracy."""
    if estimates is None:
        return [{**row, "accuracy": None if structured else "reference" if row["reference"] else "",
                 "likely_copies": [] if structured else ""} for row in outlet_listing(rows, {}, sort, structured)]

    def accuracy(row: dict) -> float:
        found = estimates.get(row["id"]) or {}
        return -1.0 if not found.get("accuracy") or found["accuracy"]["estimate"] is None else found["accuracy"]["estimate"]
    order = {"id": lambda row: row["id"], "claims": lambda row: (-row["claims"], row["id"]),
             "conflicts": lambda row: (-row["conflicts"], row["id"]), "accuracy": lambda row: (-accuracy(row), row["id"])}[sort]
    listed = []
    for row in sorted(rows, key=order):
        found = estimates.get(row["id"])
        copies = found["likely_copies"] if found else []
        listed.append({**row, "accuracy": (found and found["accuracy"]) if structured else accuracy_text(found),
                       "likely_copies": copies if structured else " ".join(copies)})
    return listed


@dataclass
class ConflictView:
    """One conflict as every output shows it: the figures side by side, who said them, the gap, the
    review, the side likely right. `conflict` is the conflict as checked with its review applied (JSON data);
    `said` what each of its claims said; `outlets` and `subject_names` name things for people; `likely` the side
    likely right by the outlets' records (design §9), None when nothing can be said."""

    conflict: dict
    said: dict[str, Said]
    outlets: dict[str, OutletRow]
    subject_names: dict[str, str]
    likely: dict | None = None
    _amounts: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, record: ConflictRecord, outlets: dict[str, OutletRow], subject_names: dict[str, str],
           likely: dict | None = None) -> "ConflictView":
        return cls(record.conflict, record.claims, outlets, subject_names, likely)

    @property
    def id(self) -> str:
        return self.conflict["id"]

    def claim_ids(self) -> list[str]:
        return [claim for side in self.conflict["sides"] for claim in side["claims"]]

    @property
    def amounts(self) -> list[str]:
        """What each side states (`headline`), worded once for the line, the gap and the JSON."""
        if self._amounts is None:
            self._amounts = [headline(side) for side in self.conflict["sides"]]
        return self._amounts

    def gap(self, said: list[str] | None = None) -> str:
        """The figures and the spread between them, as design section 5 words it: "40 years vs 30
        years: +33%", high to low; with `said` (who said each side), low to high, as the terminal lists them."""
        amounts = self.amounts
        text = " vs ".join([f"{amount} ({who})" for amount, who in zip(amounts, said)]) if said else " vs ".join(reversed(amounts))
        spread = self.conflict["spread"]
        return text + (f": {spread_label(spread)}" if spread is not None else "")

    def _who(self, side: dict) -> str:
        """Who said a side's figures ("TASS, 2014"), each once; for a side of several claims, its outlets and origins."""
        claims = side["claims"]
        if len(claims) == 1:  # most sides: one claim, worded without a list
            return self._said_by(claims[0])
        names = dict.fromkeys([self._said_by(claim_id) for claim_id in claims])
        return "; ".join(names) + f" — {support(len(side['outlets']), side['origins'])}"

    def _said_by(self, claim_id: str) -> str:
        claim = self.said.get(claim_id)
        if claim is None:
            return claim_id
        outlet = self.outlets.get(claim.source)
        return said_by(outlet.name if outlet else claim.source, claim.published)

    def line(self) -> str:
        """The conflict as people read it in a terminal: the figures side by side, with who said them
        (and, for a side of several claims, its outlets and origins), the gap, the labels, the review
        and the conversions."""
        c = self.conflict
        said = [self._who(side) for side in c["sides"]]
        stale = c["stale_review"]
        marks = [c["reference"] and "disagrees with the reference: " + ", ".join(self.reference_names()),
                 c["perspective_split"] and "perspective split", c["minor"] and "minor",
                 c["status"] != "open" and c["status"], stale and f"review stale: {stale_text(stale)}"]
        text = f"{c['id']}: {self.gap(said)}" + "".join([f" [{mark}]" for mark in marks if mark])
        if c["review_note"]:
            status = stale["status"] if stale else c["status"]
            text += f"\n    review ({status}{', ' + str(c['reviewed']) if c['reviewed'] else ''}): {' '.join(c['review_note'].split())}"
        for conversion in c["conversions"]:
            text += f"\n    {conversion_text(self._figure(conversion['claim']), conversion, short=True)}"
        if self.likely:
            text += f"\n    {likely_text(self.likely, c['sides'][self.likely['side']])}"
        return terminal_safe(text)

    def side_outlets(self, side: dict) -> list[str]:
        """The names of the outlets of a side's claims, each once, in the order of its claims."""
        return list(dict.fromkeys(outlet_name(self.outlets, self.said[i].source) if i in self.said else i for i in side["claims"]))

    def _figure(self, claim_id: str) -> str:
        said = self.said.get(claim_id)
        return said.figure if said else claim_id

    def reference_names(self) -> list[str]:
        return [outlet_name(self.outlets, outlet) for outlet in self.conflict["reference_outlets"]]

    def rows(self) -> list[dict]:
        """One row per side, for CSV."""
        c = self.conflict
        return [{"conflict": c["id"], "status": c["status"], "spread": c["spread"], "side": n, "low": side["low"],
                 "high": side["high"], "unit": side["unit"], "claims": " ".join(side["claims"]),
                 "outlets": " ".join(side["outlets"]), "origins": side["origins"], "perspectives": "; ".join(side["perspectives"])}
                for n, side in enumerate(c["sides"], 1)]

    def data(self) -> dict:
        """The conflict's JSON object: the fields of design §4, then the words people read (title,
        gap, each side's amount and support, a stale review's text, each conversion's)."""
        c = self.conflict
        stale = c["stale_review"]
        return {
            "id": c["id"], "subject": c["subject"], "property": c["property"], "period": c["period"], "kind": c["kind"],
            "scope": c["scope"], "status": c["status"], "minor": c["minor"],
            "stale_review": stale and {**stale, "text": stale_text(stale)},
            "spread": c["spread"], "perspective_split": c["perspective_split"], "reference": c["reference"],
            "reference_outlets": c["reference_outlets"], "reference_names": self.reference_names(),
            "sides": [{"claims": side["claims"], "low": side["low"], "high": side["high"], "unit": side["unit"],
                       "outlets": side["outlets"], "perspectives": side["perspectives"], "origins": side["origins"],
                       "value": side["value"], "value_text": amount,
                       "stated_low": side.get("stated_low"), "stated_high": side.get("stated_high"),
                       "support": support(len(side["outlets"]), side["origins"]),
                       "one_origin": side["origins"] == 1 and len(side["outlets"]) > 1, "speakers": side["speakers"]}
                      for side, amount in zip(c["sides"], self.amounts)],
            "title": title(self.subject_names, c, c["kind"]), "gap": self.gap(), "unit": c["sides"][0]["unit"],
            "review_note": c["review_note"], "reviewed": c["reviewed"],
            "conversions": [{**conversion, "text": conversion_text(self._figure(conversion["claim"]), conversion)}
                            for conversion in c["conversions"]],
            "intervals": c["intervals"],
            "likely": self.likely and {key: self.likely[key] for key in ("side", "probability", "why")},
            "likely_text": self.likely and likely_text(self.likely, c["sides"][self.likely["side"]]),
        }


def target_line(outlets: dict[str, OutletRow], claims: dict[str, ClaimRow], result: dict) -> str:
    target, actual = claims[result["target"]], claims[result["actual"]]
    return terminal_safe(f"{result['id']}: target {target.figure} ({outlet_name(outlets, target.source)}) {result['verdict']}: "
                         f"actual {actual.figure} ({outlet_name(outlets, actual.source)})")


def not_comparable_line(item: dict) -> str:
    return terminal_safe(f"{item['group']}: not comparable: {', '.join(item['claims'])}: {item['reason']}")


class Tally(NamedTuple):
    conflicts: int = 0
    open: int = 0
    minor: int = 0  # open but not failing the check
    agreements: int = 0
    targets: int = 0
    not_comparable: int = 0


def summary_line(claims_count: int, counts: Tally) -> str:
    """The last line of `check`."""
    minor = f", {counts.minor} of them minor" if counts.minor else ""
    return (f"{count(claims_count, 'claim')}: {count(counts.conflicts, 'conflict')} "
            f"({counts.open} open{minor}, {counts.conflicts - counts.open} reviewed), "
            f"{count(counts.agreements, 'agreeing group')}, "
            f"{count(counts.targets, 'target check')}, {counts.not_comparable} not comparable")


def check(reader) -> tuple[Iterator[str], bool]:
    """What `check` prints, read through `reader` (a `query.Reader`) as it is printed, as texts to be joined
    by newlines (`cores.texts`: one may hold many lines): every conflict, target and group not compared,
    then the counts; and whether it fails (an open conflict that is not minor)."""
    counts = Tally(**reader.tally())

    def lines() -> Iterator[str]:
        outlets, names = reader.outlets, reader.subject_names
        yield from cores.texts(reader.conflict_rows(full=False), lambda record: ConflictView.of(record, outlets, names).line(), "\n")
        targets, not_comparable = reader.found("targets"), reader.found("not_comparable")
        claims = reader.claims_by_id({i for t in targets for i in (t["target"], t["actual"])})
        yield from (target_line(outlets, claims, result) for result in targets)
        yield from (not_comparable_line(item) for item in not_comparable)
        yield summary_line(reader.claims_count(), counts)

    return lines(), counts.open > counts.minor
