"""Measure the figure reader and the sentence extractor on NewsQuant, the quantity benchmark of CQE.

Run: python benchmarks/newsquant.py DATA [--list]

DATA is a folder outside this repository holding NewsQuant.json as github.com/satya77/CQE_Evaluation
has it (data/formatted_test_set/NewsQuant.json), or a copy of that repository (the script then also
prints the published scores from data/evaluation_output/NewsQuant.csv). NewsQuant (Almasian et al.,
"CQE: A Comprehensive Quantity Extractor", EMNLP 2023) is 590 news sentences, each with its
quantities: value ("1.5", or "a-b" for a range), change (=, ~, >, <, up, down), the unit as the
sentence writes it, the unit normalised, and the concept it is about. It is used to measure, never
to develop against: no reader rule may be written from it.

READING. NewsQuant gives no character span, so each quantity's span is found again here, with a
number reader of this script's own (digits, scale words, spelled and vague numbers, fractions,
ranges): the written number whose value is the annotated one, widened over the annotated unit
words beside it (and over "between"/"from" that open a range). Hedge and direction words are left
out: NewsQuant gives them only as the `change` class. That span goes through `figures.parse`:
- right: value and unit agree with the annotation (see `agrees`), in claimcheck's canonical unit;
- refused: a FigureError, visible to the user;
- misread: an answer that does not agree, or any answer for a unit claimcheck does not model.
A quantity whose number is not written with the annotated value (an annotation slip: "$3 billion"
annotated 3,000,000) or whose unit words are not beside the number ("2,380,000 ($21,972)" annotated
in yen) is counted apart: no reader of that span could be right.

EXTRACTION. As the paper's evaluate_models.py (value+unit): per sentence, each annotated quantity
takes the first unused found figure that agrees with it; precision is agreeing figures over all
found (`extract.scan(sentence, everything=True)`), recall over all 904 annotated quantities,
including those in units claimcheck does not model. Where this differs from the paper's script:
units are compared through the table below instead of CQE's normalised names; a count agrees when
its head noun is one of the annotated noun's words; a vague magnitude agrees with a vague
annotation when their intervals overlap ("millions" is 2 million to under a billion for claimcheck,
1 to 10 million for NewsQuant); a range's ends are compared within their written precision;
"down 5%" read as -5 agrees with value 5 and change down.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# The two public functions measured. When the reader is rewritten under other names, only these lines change.
from claimcheck.extract import scan  # noqa: E402
from claimcheck.figures import FigureError, parse  # noqa: E402

UPSTREAM = "https://github.com/satya77/CQE_Evaluation"
FILE = "NewsQuant.json"
PLACES = (Path("."), Path("data/formatted_test_set"))
PUBLISHED = Path("data/evaluation_output/NewsQuant.csv")

# --- what each NewsQuant unit is in claimcheck -----------------------------------------------------

YEAR_S = 365.25 * 86400
PER_YEAR = {"day": 365.25, "week": 365.25 / 7, "month": 12.0, "year": 1.0}
OIL_BARREL = 0.158987294928  # m3: 42 US gallons
HORSEPOWER = 745.6998715822702  # W, mechanical

# NewsQuant's normalised unit -> (claimcheck's canonical unit, how many of those one NewsQuant unit is).
# A rate's canonical unit is spelled as claimcheck writes it (design 2b: a price per unit is compared converted,
# USD/m3 for "a barrel"; a time denominator as /year; a noun denominator by its name, "USD/share").
UNITS = {
    "percentage": ("%", 1.0), "basis point": ("pp", 0.01),
    "dollar": ("USD", 1.0), "cent": ("USD", 0.01), "euro": ("EUR", 1.0), "pound sterling": ("GBP", 1.0),
    "japanese yen": ("JPY", 1.0), "chinese yuan": ("CNY", 1.0), "australian dollar": ("AUD", 1.0),
    "hong kong dollar": ("HKD", 1.0), "Singaporean dollar": ("SGD", 1.0), "shekel": ("ILS", 1.0),
    "malaysian ringgit": ("MYR", 1.0), "sen": ("MYR", 0.01), "danish krone": ("DKK", 1.0),
    "indian rupee": ("INR", 1.0), "south african rand": ("ZAR", 1.0), "croatian kuna": ("HRK", 1.0),
    "dollar per barrel": ("USD/m3", 1 / OIL_BARREL), "united states dollar per barrel": ("USD/m3", 1 / OIL_BARREL),
    "dollar per mega british thermal unit": ("USD/J", 1 / 1055.05585262e6), "dollar per gallon": ("USD/m3", 1 / 0.003785411784),
    "dollar per gram": ("USD/kg", 1e3), "dollar per ounce": ("USD/ounce", 1.0),
    "dollar per square foot": ("USD/m2", 1 / 0.09290304), "dollar per square metre": ("USD/m2", 1.0),
    "dollar per share": ("USD/share", 1.0), "cent per share": ("USD/share", 0.01),
    "canadian dollar per share": ("CAD/share", 1.0),
    "dollar per year": ("USD/year", 1.0), "dollar per month": ("USD/year", 12.0),
    "dollar per week": ("USD/year", PER_YEAR["week"]), "malaysian ringgit per month": ("MYR/year", 12.0),
    "australian dollar per year": ("AUD/year", 1.0), "australian dollar per month": ("AUD/year", 12.0),
    "new zealand dollar per year": ("NZD/year", 1.0), "new zealand dollar per month": ("NZD/year", 12.0),
    "pound sterling per year": ("GBP/year", 1.0), "shekel per year": ("ILS/year", 1.0),
    "percentage per year": ("%/year", 1.0), "hour per week": ("year/year", PER_YEAR["week"] / (365.25 * 24)),
    "count per minute": ("/year", 365.25 * 24 * 60), "test per day": ("/year", 365.25),
    "residential burglary per week": ("/year", PER_YEAR["week"]), "point per game": ("/game", 1.0),
    "rebound per game": ("/game", 1.0), "assist per game": ("/game", 1.0),
    "metre": ("m", 1.0), "kilometre": ("m", 1e3), "centimetre": ("m", 1e-2), "millimetre": ("m", 1e-3),
    "micrometre": ("m", 1e-6), "nanometre": ("m", 1e-9), "mile": ("m", 1609.344), "yard": ("m", 0.9144),
    "foot": ("m", 0.3048), "inch": ("m", 0.0254),
    "square metre": ("m2", 1.0), "square feet": ("m2", 0.09290304), "square mile": ("m2", 1609.344 ** 2),
    "litre": ("m3", 1e-3), "millilitre": ("m3", 1e-6), "cubic foot": ("m3", 0.028316846592),
    "barrel of oil": ("m3", OIL_BARREL), "barrel per day": ("m3/year", OIL_BARREL * 365.25),
    "gallon": ("m3", 0.003785411784), "quart": ("m3", 0.000946352946), "pint": ("m3", 0.000473176473),
    "ounce": ("m3", 2.95735295625e-05),  # its one sentence is about the US fluid ounce
    "kilogram": ("kg", 1.0), "gram": ("kg", 1e-3), "milligram": ("kg", 1e-6), "pound-mass": ("kg", 0.45359237),
    "ton": ("kg", 1e3), "metric ton": ("kg", 1e3), "gigaton": ("kg", 1e12),
    "year": ("year", 1.0), "year of age": ("year", 1.0), "age": ("year", 1.0), "month": ("year", 1 / 12),
    "month of age": ("year", 1 / 12), "week": ("year", 7 / 365.25), "day": ("year", 1 / 365.25),
    "hour": ("year", 1 / (365.25 * 24)), "minute": ("year", 60 / YEAR_S), "second": ("year", 1 / YEAR_S),
    "mile per hour": ("m/s", 0.44704), "kilometre per hour": ("m/s", 1 / 3.6), "metre per second": ("m/s", 1.0),
    "knot": ("m/s", 1852 / 3600), "foot per century": ("m/s", 0.3048 / (100 * YEAR_S)),
    "watt": ("W", 1.0), "kilowatt": ("W", 1e3), "megawatt": ("W", 1e6), "gigawatt": ("W", 1e9),
    "horsepower": ("W", HORSEPOWER), "brake horsepower": ("W", HORSEPOWER),
    "kilowatt hour": ("J", 3.6e6), "gigawatt hour": ("J", 3.6e12),
    "calorie": ("J", 4184.0),  # its one sentence counts food Calories, which are kilocalories
    "gigabyte": ("B", 1e9), "bit": ("B", 0.125),
    "hertz": ("Hz", 1.0), "kilohertz": ("Hz", 1e3), "gigahertz": ("Hz", 1e9),
}
TEMPERATURES = {"celsius": lambda v: v + 273.15, "fahrenheit": lambda v: (v - 32) * 5 / 9 + 273.15}
# Units claimcheck does not model: for these only a refusal is right.
NOT_MODELED = {
    "degree", "generation wireless", "revolutions per minute", "mile per gallon", "pound-foot", "foot pound-force",
    "newton metre", "kilopound per square inch", "gigapascal", "megapascal", "parts-per-billion",
    "part per million", "milliampere-hour", "megabit per second", "decibel", "exavolt", "volt", "farad",
    "ampere per square centimetre", "kilovolt per centimetre", "roentgen per day", "dram",
    "win above replacement",
}
NO_NOUN = {"-", "count"}  # counts NewsQuant gives without a counted noun
# Every other normalised unit is a counted noun ("worker", "different boss"): a count in claimcheck.


@dataclass(frozen=True)
class Quantity:
    """One annotated quantity of a sentence, with what claimcheck should read for it."""

    sentence: str
    value: float | tuple[float, float]  # a range as the annotation orders it (a change "from a to b")
    change: str
    unit: str  # as written in the sentence, "-" for none
    normalized: str
    want_unit: str | None  # claimcheck's canonical unit; None when claimcheck does not model it
    want: float | tuple[float, float] | None
    noun: str  # the counted noun, "" for none

    @property
    def vague(self) -> bool:
        """'millions', 'tens of thousands', 'dozens': NewsQuant writes these as a range of one decade."""
        if not isinstance(self.value, tuple):
            return False
        low, high = self.value
        return low > 0 and (math.isclose(high, 10 * low) and math.isclose(math.log10(low) % 1, 0, abs_tol=1e-9)
                            or (low, high) == (12, 120))


def quantity(sentence: str, entry: dict) -> Quantity:
    text, normalized = entry["value"].strip(), entry["normalized_unit"].strip()
    if "-" in text[1:] and "E" not in text:  # as evaluate_models.decode_dictionary reads a range
        low, high = text.split("-", 1)
        value: float | tuple[float, float] = (float(low), float(high))
    else:
        value = float(text)
    noun, want_unit, want = "", None, None
    if normalized in TEMPERATURES:
        want_unit, convert = "K", TEMPERATURES[normalized]
        want = tuple(map(convert, value)) if isinstance(value, tuple) else convert(value)
    elif normalized in NOT_MODELED:
        pass
    else:
        if normalized.startswith("%"):  # "a third of those screened": a share
            want_unit, factor = "%", 100.0
        elif normalized in UNITS:
            want_unit, factor = UNITS[normalized]
        else:
            want_unit, factor = "", 1.0
            noun = "" if normalized in NO_NOUN else normalized
        want = (value[0] * factor, value[1] * factor) if isinstance(value, tuple) else value * factor
    return Quantity(sentence, value, entry["change"].strip(), entry["unit"].strip(), normalized, want_unit, want, noun)


STRICT_SIGN = False
"""--strict-sign: a fall read as a negative figure ("fell 0.9%" as -0.9) counts as wrong, as NewsQuant keeps the
magnitude and the direction apart; the scoring the issue's 65.1 for the code before figures v3 matches."""


def agrees(figure, q: Quantity) -> bool:
    """Whether a figure claimcheck read says what the annotation says: the one rule both measures use."""
    if q.want is None or figure.unit != q.want_unit:
        return False
    if q.noun and not _same_noun(figure.noun, q.noun):
        return False
    signs = (1, -1) if q.change == "down" and not STRICT_SIGN else (1,)  # claimcheck writes a fall as a negative figure
    return any(_same_amount(figure, q, sign) for sign in signs)


def _same_amount(figure, q: Quantity, sign: int) -> bool:
    if not isinstance(q.want, tuple):
        return math.isclose(figure.value, sign * q.want, rel_tol=1e-5, abs_tol=1e-8)
    low, high = sorted(sign * end for end in q.want)
    if figure.low is None or figure.high is None:
        return False
    if q.vague:
        return figure.qualifier == "vague" and figure.low < high and low < figure.high
    # A written end is at most half a unit of its leading digit from the interval's edge ("1 to 1.5").
    return (figure.qualifier == "range" and math.isclose(figure.value, (low + high) / 2, rel_tol=1e-5, abs_tol=1e-8)
            and low - _leading(low) <= figure.low <= low + 1e-9 * abs(low)
            and high - 1e-9 * abs(high) <= figure.high <= high + _leading(high))


def _leading(x: float) -> float:
    return 0.5 * 10 ** math.floor(math.log10(abs(x))) if x else 0.5


IRREGULAR = {"children": "child", "people": "person", "feet": "foot", "men": "man", "women": "woman"}


def _singular(word: str) -> str:
    word = word.lower().strip(".,'’")
    if word in IRREGULAR:
        return IRREGULAR[word]
    for plural, single in (("men", "man"), ("ies", "y"), ("sses", "ss"), ("uses", "us"), ("ches", "ch"),
                           ("shes", "sh"), ("xes", "x"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 1 and not word.endswith(("ss", "us")):
            return word[: -len(plural)] + single
    return word


def _same_noun(found: str, annotated: str) -> bool:
    """claimcheck keeps the noun as written ("rushing yards"); NewsQuant lemmatises it ("different boss")."""
    words = found.split()
    return bool(words) and _singular(words[-1]) in {_singular(w) for w in re.split(r"[\s-]+", annotated)}


def load(data: Path) -> list[tuple[str, list[Quantity]]]:
    path = next((data / place / FILE for place in PLACES if (data / place / FILE).is_file()), None)
    if path is None:
        sys.exit(f"{data}: no {FILE} here or in data/formatted_test_set/. Get it from {UPSTREAM} "
                 f"(data/formatted_test_set/{FILE}) into a folder outside this repository, for instance:\n"
                 f"  git clone --depth 1 {UPSTREAM} ../CQE_Evaluation && python {sys.argv[0]} ../CQE_Evaluation")
    entries = json.loads(path.read_text(encoding="utf-8"))
    return [(e["text"], [quantity(e["text"], q) for q in e["quantities"]]) for e in entries]


# --- finding an annotated quantity's span in its sentence --------------------------------------------

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|(?<![\w.])\.\d+|[^\W\d_]+|\S")
SMALL = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mil": 1e6,
          "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "dozen": 12}
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
PLURAL_SCALES = {"dozens": 12, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
RANGE_OPENERS = {"between": ("and",), "from": ("to", "-")}
DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
STOPS = {",", ";", "(", ")", ".", ":", "?", "!", "and", "or", "on", "in", "at", "for", "to", "from", "by", "with",
         "than", "as"}
"""Words that end the unit words after a number, unless they are among them ("Kia and Hyundai vehicles")."""
SPELLINGS = ({"%", "percent", "pc"}, {"$", "dollar", "dollars", "usd"}, {"deg", "degree", "degrees"})


@dataclass(frozen=True)
class Written:
    """A number as the sentence writes it: tokens [start, end) and the value they say."""

    start: int
    end: int
    value: float | tuple[float, float]
    scale: float = 1.0


def numbers(words: list[str]) -> list[Written]:
    """Every reading of every number in a sentence's tokens, by this script's own small reader."""
    found: list[Written] = []
    lower = [w.lower() for w in words]
    for i, word in enumerate(lower):
        base, end = _number_at(lower, i)
        if base is None:
            if word in DENOMINATORS and not (i and _number_at(lower, i - 1)[0] is not None):
                found.append(Written(i, i + 1, 1 / DENOMINATORS[word]))  # "half the condos"
            if word in PLURAL_SCALES:
                start, scale = i, PLURAL_SCALES[word]
                if i >= 2 and lower[i - 1] == "of" and lower[i - 2] in ("tens", "hundreds"):
                    start, scale = i - 2, scale * PLURAL_SCALES.get(lower[i - 2], 10)
                found.append(Written(start, i + 1, (scale, scale * 10)))
            continue
        if i and lower[i - 1] in ("-", "minus"):
            found.append(Written(i - 1, end, -base))
        found.append(Written(i, end, base))
        if end < len(lower) and lower[end] in SCALES:
            found.append(Written(i, end + 1, base * SCALES[lower[end]], SCALES[lower[end]]))
        following = lower[end + 1] if end + 1 < len(lower) else ""
        if end < len(lower) and lower[end] in DENOMINATORS:  # "a third", "one fourth"
            found.append(Written(i, end + 1, base / DENOMINATORS[lower[end]]))
        elif end < len(lower) and lower[end] == "-" and following in DENOMINATORS:  # "two-thirds"
            found.append(Written(i, end + 2, base / DENOMINATORS[following]))
        elif lower[end:end + 1] in (["/"], ["\u2044"]) and end + 1 < len(lower) and DIGITS.fullmatch(following):
            found.append(Written(i, end + 2, base / float(following.replace(",", ""))))  # "1/2 pound"
        elif lower[end:end + 1] == ["of"] or lower[end:end + 2] == ["out", "of"]:  # "one of four"
            at = end + (1 if lower[end] == "of" else 2)
            whole, stop = _number_at(lower, at)
            if whole:
                found.append(Written(i, stop, base / whole))
    return found


def _number_at(lower: list[str], i: int) -> tuple[float | None, int]:
    word = lower[i]
    if DIGITS.fullmatch(word):
        return float(word.replace(",", "")), i + 1
    if word in TENS:
        if lower[i + 1:i + 2] == ["-"] and i + 2 < len(lower) and lower[i + 2] in SMALL:
            return TENS[word] + SMALL[lower[i + 2]], i + 3
        return float(TENS[word]), i + 1
    if word in SMALL:
        return float(SMALL[word]), i + 1
    if word.endswith("fold") and word[:-4] in SMALL:  # "sixfold"
        return float(SMALL[word[:-4]]), i + 1
    if word in ("a", "an") and i + 1 < len(lower) and (lower[i + 1] in SCALES or lower[i + 1] in DENOMINATORS):
        return 1.0, i + 1
    return None, i


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


def _written(found: list[Written], q: Quantity) -> list[tuple[int, int]]:
    """Where the annotated value is written: (first token, end token) of each place, in order (a range's
    closest pair of ends first)."""
    if not isinstance(q.value, tuple):
        return [(w.start, w.end) for w in found if not isinstance(w.value, tuple) and _close(w.value, q.value)]
    if q.vague:
        return [(w.start, w.end) for w in found if isinstance(w.value, tuple)
                and _close(w.value[0], q.value[0]) and _close(w.value[1], q.value[1])]
    places = []
    ends = [w for w in found if not isinstance(w.value, tuple)]
    for second in ends:
        for first in ends:
            if not 0 < second.start - first.end <= 10:
                continue
            a, b = first.value, second.value
            if not (_close(b, q.value[1]) and (_close(a, q.value[0]) or _close(a * second.scale, q.value[0]))
                    or _close(a, q.value[1]) and _close(b, q.value[0])):  # "narrowed to 138,285 from 212,577"
                continue
            places.append((second.start - first.end, first.start, second.end))
    return [(start, end) for _, start, end in sorted(set(places))]


def _fold(word: str) -> str:
    """One spelling for "litre" and "liter", "metres" and "meters"."""
    word = word.lower()
    return re.sub(r"(?<=[a-z]{2})re(s?)$", r"er\1", word)


def unit_words(unit: str) -> list[set[str]]:
    """Each word of the annotated unit, with the spellings that write it ("per cent" for "%")."""
    if unit == "-":
        return []
    whole = "".join(_fold(w) for w in TOKEN.findall(unit))
    words = [whole] if any(whole in s for s in SPELLINGS) else [_fold(w) for w in TOKEN.findall(unit)]
    return [next((s for s in SPELLINGS if w in s), {w, w + "s", w + "es", _singular(w)}) for w in words
            if w not in ("-", "/")]


def _joined(lower: list[str], start: int, end: int) -> str:
    return "".join(w for w in lower[start:end] if w != ".")


def _unit_run(lower: list[str], k: int, units: set[str], step: int) -> int:
    """How many tokens from k (going by step) spell one of the unit words: "U.S." is "us", "per cent" "percent"."""
    for n in range(1, 7):
        start, end = (k, k + n) if step > 0 else (k - n + 1, k + 1)
        if start < 0 or end > len(lower):
            break
        if lower[start:end] != ["."] and _joined(lower, start, end) in units:
            return n
    return 0


def span(words: list[str], start: int, end: int, q: Quantity, ranged: bool) -> tuple[int, int, bool]:
    """Widen a written number over the annotated unit words beside it; whether every unit word is in."""
    lower = [_fold(w) for w in words]
    wanted = unit_words(q.unit) if not q.normalized.startswith("%") else []
    units = set().union(*wanted)
    while start and (n := _unit_run(lower, start - 1, units, -1)):
        start -= n
    k, last, gaps = end, end, 0
    while k < len(lower) and gaps <= 2:
        if n := _unit_run(lower, k, units, 1):
            k += n
            last = k
        elif lower[k] in STOPS or lower[k][0].isdigit():
            break
        elif lower[k] in ("-", "/"):  # "coal-fired"
            k += 1
        else:
            k, gaps = k + 1, gaps + 1
    end = last
    if ranged and start and lower[start - 1] in RANGE_OPENERS and any(
            w in RANGE_OPENERS[lower[start - 1]] for w in lower[start:end]):
        start -= 1
    inside = _joined(lower, start, end)
    return start, end, all(any(spelling in inside for spelling in word) for word in wanted)


@dataclass(frozen=True)
class Reading:
    """What the figure reader made of one annotated quantity's span."""

    quantity: Quantity
    surface: str
    verdict: str  # right, refused, misread, not located, unit not beside the number
    got: str = ""

    @property
    def modeled(self) -> bool:
        return self.quantity.want is not None


def readings(sentences: list[tuple[str, list[Quantity]]]) -> list[Reading]:
    results = []
    for sentence, quantities in sentences:
        tokens = list(TOKEN.finditer(sentence))
        words = [t.group() for t in tokens]
        found, taken = numbers(words), set()
        for q in quantities:
            places = [p for p in _written(found, q) if p not in taken]
            if not places:
                results.append(Reading(q, "", "not located"))
                continue
            spans = [(p, span(words, *p, q, isinstance(q.value, tuple))) for p in places]
            place, (start, end, whole) = next((s for s in spans if s[1][2]), spans[0])
            taken.add(place)
            surface = sentence[tokens[start].start():tokens[end - 1].end()]
            if q.unit == "-" and q.normalized not in NO_NOUN or not whole:  # the unit is elsewhere in the sentence
                results.append(Reading(q, surface, "unit not beside the number"))
            else:
                results.append(judge(q, surface))
    return results


def judge(q: Quantity, surface: str) -> Reading:
    """Read one span as a user would write it in a claim, and compare with the annotation."""
    try:
        figure = parse(surface)
    except FigureError as error:
        return Reading(q, surface, "refused", str(error))
    got = f"{figure.value:.6g} {figure.unit!r} {figure.qualifier}" + (f" {figure.noun!r}" if figure.noun else "")
    return Reading(q, surface, "right" if agrees(figure, q) else "misread", got)


# --- extraction ------------------------------------------------------------------------------------


def extraction(sentences: list[tuple[str, list[Quantity]]], listing: bool) -> dict[str, float]:
    annotated = found = right = 0
    for sentence, quantities in sentences:
        figures = scan(sentence, everything=True)
        annotated, found = annotated + len(quantities), found + len(figures)
        unused = list(figures)
        for q in quantities:
            hit = next((f for f in unused if agrees(f.figure, q)), None)
            if hit is None:
                if listing:
                    print(f"  missed     {_annotation(q):40} in {_excerpt(sentence)}")
                continue
            right += 1
            unused.remove(hit)
        if listing:
            for f in unused:
                got = f"{f.figure.value:.6g} {f.figure.unit!r}" + (f" {f.figure.noun!r}" if f.figure.noun else "")
                print(f"  not in it  {f.text!r:40} {got:28} in {_excerpt(sentence)}")
    precision, recall = right / found if found else 0.0, right / annotated
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"annotated": annotated, "found": found, "right": right,
            "P": 100 * precision, "R": 100 * recall, "F1": 100 * f1}


def _annotation(q: Quantity) -> str:
    value = "-".join(f"{v:g}" for v in q.value) if isinstance(q.value, tuple) else f"{q.value:g}"
    return f"{value} {q.normalized} ({q.change}, written {q.unit!r})"


def _excerpt(sentence: str) -> str:
    return repr(sentence if len(sentence) <= 90 else sentence[:87] + "...")


# --- the report ------------------------------------------------------------------------------------


def _row(name: str, rows: list[Reading]) -> str:
    n = len(rows)
    count = {v: sum(r.verdict == v for r in rows) for v in ("right", "refused", "misread")}
    return (f"  {name:34} {n:5}  {100 * count['right'] / n:6.1f}%  {100 * count['refused'] / n:6.1f}%"
            f"  {count['misread']:7}")


def published(data: Path) -> str:
    path = data / PUBLISHED
    if not path.is_file():
        return ""
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["type"] == "value+unit"]
    return ", ".join(f"{r['model']} {float(r['F1']):.1f}" for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help=f"a folder holding {FILE}, or a copy of {UPSTREAM}")
    parser.add_argument("--list", action="store_true", help="every misread, refusal, miss and false positive")
    parser.add_argument("--strict-sign", action="store_true", help="a fall read as negative counts as wrong")
    args = parser.parse_args()
    global STRICT_SIGN
    STRICT_SIGN = args.strict_sign
    sentences = load(args.data)
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    total = sum(len(qs) for _, qs in sentences)
    print(f"NewsQuant: {len(sentences)} sentences, {total} annotated quantities; claimcheck at {commit}")

    results = readings(sentences)
    located = [r for r in results if r.verdict in ("right", "refused", "misread")]
    if args.list:
        print("\nREADING, every span not read right:")
        for r in sorted(results, key=lambda r: (r.verdict, not r.modeled)):
            if r.verdict != "right":
                scope = "" if r.modeled else " (unit not modeled)"
                print(f"  {r.verdict:8}{scope} {r.surface!r:34} want {_annotation(r.quantity)}: {r.got}")
    print("\nREADING: each annotated quantity's span (its number and unit words) through figures.parse")
    for verdict in ("not located", "unit not beside the number"):
        print(f"  {verdict + ' (counted apart)':42} {sum(r.verdict == verdict for r in results):4}")
    print(f"  {'':34} {'spans':>5}  {'right':>7}  {'refused':>7}  {'misread':>7}")
    print(_row("in claimcheck's dimensions", [r for r in located if r.modeled]))
    print(_row("all located spans", located))

    if args.list:
        print("\nEXTRACTION, every annotated quantity missed and every figure found that is not in the annotation:")
    scores = extraction(sentences, args.list)
    print("\nEXTRACTION: value and unit per sentence, over extract.scan(sentence, everything=True)")
    print(f"  annotated {scores['annotated']}, found {scores['found']}, agreeing {scores['right']}: "
          f"P {scores['P']:.1f}  R {scores['R']:.1f}  F1 {scores['F1']:.1f}")
    if line := published(args.data):
        print(f"  published value+unit F1 ({PUBLISHED}): {line}")


if __name__ == "__main__":
    main()
