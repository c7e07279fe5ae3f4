"""Read a figure as written ("about $400 billion", "three decades") into an interval with a unit. Pure.

The vocabulary lives in the tables below (hedges, scale words, currencies,
units, spelled-out numbers); the parser only walks them. Physical units are
converted with pint, using pint's definitions plus `data/units.txt`.

A written figure is as precise as its last digit ("$24.5 billion" is 24.45 to
24.55 billion). "about X" replaces that with X plus or minus the larger of the
relative tolerance and half a unit of X's last non-zero digit; "nearly X" is
the lower half of that. Bounds ("more than", "up to") leave one end open, and
ranges run from the low end of the first figure to the high end of the second.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from .models import Claim, Corpus, Figure, Problem, Settings

DEFAULT_SETTINGS = Settings()


class FigureError(ValueError):
    """A figure that cannot be read; the message says why."""


# --- the vocabulary --------------------------------------------------------------

def _phrases(table: dict[str, str]) -> dict[str, str]:
    """Expand {meaning: "phrase, phrase, ..."} into {phrase: meaning}."""
    return {phrase.strip(): meaning for meaning, phrases in table.items() for phrase in phrases.split(",")}


PREFIX_HEDGES = _phrases({
    "about": "about, around, approximately, approx, roughly, some, circa, ca, close to, an estimated, in the region of",
    "nearly": "nearly, almost, just under, just shy of",
    "more_than": "more than, over, above, exceeding, in excess of, upwards of, greater than, higher than, just over",
    "at_least": "at least, no less than, not less than, no fewer than, not fewer than, a minimum of, minimum",
    "less_than": "less than, under, below, fewer than, lower than",
    "at_most": "up to, at most, no more than, not more than, no greater than, a maximum of, maximum, as much as, as many as",
})
SUFFIX_HEDGES = _phrases({
    "at_least": "or more, or higher, plus, +, and more, and above",
    "at_most": "or less, or fewer, or lower, and below",
    "about": "or so",
})
RANGE_OPENERS = {"between": "and", "from": "to"}
RANGE_SEPARATORS = {"-", "to", "and"}

SCALES = _phrases({
    "1e3": "thousand, thousands, k",
    "1e6": "million, millions, mn, mln, m, mio",
    "1e9": "billion, billions, bn, b, bln",
    "1e12": "trillion, trillions, tn, trn, tr",
})

CURRENCIES = _phrases({
    "USD": "$, us$, us $, usd, dollar, dollars, us dollar, us dollars, american dollars",
    "CNY": "yuan, rmb, cny, renminbi, chinese yuan",
    "RUB": "ruble, rubles, rouble, roubles, rub, rbs, rbl, ₽, russian rubles, russian roubles",
    "EUR": "€, eur, euro, euros",
    "GBP": "£, gbp, sterling, pounds sterling",
    "JPY": "yen, jpy, japanese yen",
})
AMBIGUOUS = {
    "¥": "'¥' stands for both yen and yuan; write yuan or CNY, yen or JPY",
    "pound": "'pound' is money or mass; write £ or GBP, or kg",
    "pounds": "'pounds' are money or mass; write £ or GBP, or kg",
    "lb": "write pounds of mass in kg or tonnes",
}

# (dimension, pint unit) for each way news text writes a unit.
UNITS = {
    key: tuple(meaning.split(":"))
    for key, meaning in _phrases({
        "length:kilometer": "km, kilometre, kilometres, kilometer, kilometers",
        "length:mile": "mile, miles",
        "length:meter": "metre, metres, meter, meters",
        "length:foot": "foot, feet, ft",
        "volume:bcm": "bcm, billion cubic metres, billion cubic meters",
        "volume:tcf": "tcf, trillion cubic feet",
        "volume:meter**3": "cubic metre, cubic metres, cubic meter, cubic meters, m3, m³",
        "volume:foot**3": "cubic feet, cubic foot",
        "volume:oil_barrel": "barrel, barrels, bbl",
        "volume:liter": "litre, litres, liter, liters",
        "mass:news_tonne": "tonne, tonnes, ton, tons, metric ton, metric tons, metric tonne, metric tonnes, t",
        "mass:kilogram": "kg, kilogram, kilograms, kilogramme, kilogrammes",
        "duration:year": "year, years, yr, yrs",
        "duration:month": "month, months",
        "duration:week": "week, weeks",
        "duration:day": "day, days",
        "duration:news_decade": "decade, decades",
        "duration:news_century": "century, centuries",
        "percent:percent": "percent, per cent, pct, %, percentage, per-cent",
    }).items()
}
CANONICAL = {"length": ("m", "meter"), "volume": ("m3", "meter**3"), "mass": ("kg", "kilogram"),
             "duration": ("year", "year"), "percent": ("%", None)}

ONES = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                   "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
MULTIPLIERS = {"hundred": 100, "dozen": 12}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
ARTICLES = {"a", "an", "the"}
NEGATIVES = {"-", "minus", "−", "down"}
POSITIVES = {"+", "plus", "up"}  # "up 10%", "+5%": growth written with its sign


# --- tokens --------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"|(?P<word>us\$|m³|m3|[a-z]+(?:\.(?=[a-z]\.))?)"
    r"|(?P<sym>[$€£¥₽%+−-])"
    r"|(?P<other>\S)"
)
_NORMALIZE = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-",
                            "\u00a0": " ", "\u202f": " ", "\u2009": " "})


@dataclass(frozen=True)
class Token:
    kind: str  # num, word, sym, other
    text: str  # lower-cased
    raw: str  # as written
    attached: bool  # no space before it


def tokenize(text: str) -> list[Token]:
    folded = text.translate(_NORMALIZE)
    folded = re.sub(r"\bu\.\s?s\.", "us", folded, flags=re.IGNORECASE)
    lowered = folded.lower()
    tokens = []
    for match in _TOKEN.finditer(lowered):
        start = match.start()
        attached = start > 0 and not lowered[start - 1].isspace()
        raw = folded[start:match.end()]
        tokens.append(Token(match.lastgroup or "other", match.group().replace(",", "") if match.lastgroup == "num" else match.group(), raw, attached))
    return tokens


# --- numbers -------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: float
    half_digit: float  # half a unit of the last digit written
    half_nonzero: float  # half a unit of the last non-zero digit
    fraction: bool = False  # a share written as a word ("half", "two-thirds")


def _digits(text: str) -> Number:
    whole, _, decimals = text.partition(".")
    value = float(text)
    half_digit = 0.5 * 10 ** -len(decimals)
    significant = (whole.lstrip("0") + decimals).rstrip("0")
    if not significant:
        return Number(value, half_digit, half_digit)
    trailing_zeros = len(whole.lstrip("0") + decimals) - len(significant)
    return Number(value, half_digit, half_digit * 10 ** trailing_zeros)


def _integer(n: int) -> Number:
    return _digits(str(n))


# --- the parser ------------------------------------------------------------------


@dataclass
class Amount:
    number: Number
    sign: int = 1
    scale: float | None = None
    currency: str | None = None
    unit: tuple[str, str] | None = None  # (dimension, pint unit)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    # -- helpers

    def peek(self, offset: int = 0) -> Token | None:
        index = self.i + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def phrase(self, table: dict[str, str], longest: int = 4) -> tuple[str, int] | None:
        """The longest phrase of `table` at the cursor, as (meaning, number of tokens)."""
        for size in range(min(longest, len(self.tokens) - self.i), 0, -1):
            words = self.tokens[self.i:self.i + size]
            key = " ".join(t.text for t in words)
            if key in table and all(t.kind in ("word", "sym") for t in words):
                return table[key], size
        return None

    def phrase_at(self, offset: int, table: dict[str, str]) -> bool:
        self.i += offset
        try:
            return self.phrase(table) is not None
        finally:
            self.i -= offset

    def take(self, table: dict[str, str]) -> str | None:
        found = self.phrase(table)
        if found is None:
            return None
        self.i += found[1]
        return found[0]

    def fail(self, reason: str) -> FigureError:
        return FigureError(reason)

    # -- grammar

    def figure(self, settings: Settings) -> Figure:
        if not self.text.strip():
            raise self.fail("the figure is empty")
        qualifier = "exact"
        closer = None
        leading = []
        while self.peek() is not None:
            if (hedge := self.take(PREFIX_HEDGES)) is not None:
                qualifier = hedge
                continue
            token = self.peek()
            if token.text in RANGE_OPENERS:
                closer = RANGE_OPENERS[token.text]
                self.i += 1
                continue
            if token.text in ARTICLES and self._number_follows(1):
                self.i += 1
                continue
            if self._amount_starts():
                break
            leading.append(token.raw)
            self.i += 1
        if self.peek() is None:
            raise self.fail(f"no number found in {self.text.strip()!r}")
        if leading:
            raise self.fail(f"{' '.join(leading)!r} before the number is not a hedge claimcheck knows; "
                            "write the figure with only a hedge such as about, more than, up to")
        first = self.amount()
        second = None
        separator = self.peek()
        if separator is not None and (separator.text == closer or (closer is None and separator.text in RANGE_SEPARATORS - {"and"})):
            self.i += 1
            second = self.amount()
            qualifier = "range"
        elif closer is not None:
            raise self.fail(f"a range opened with {'between' if closer == 'and' else 'from'} needs '{closer}' and a second figure")
        if (suffix := self.take(SUFFIX_HEDGES)) is not None:
            if qualifier != "exact":
                raise self.fail(f"two hedges in one figure ({qualifier.replace('_', ' ')} and {suffix.replace('_', ' ')}); keep one")
            qualifier = suffix
        noun = self.noun()
        if second is not None:
            _share_units(first, second)
        return _interval(self.text, first, second, qualifier, noun, settings)

    def _number_follows(self, offset: int) -> bool:
        token = self.peek(offset)
        return token is not None and (token.kind == "num" or token.text in CURRENCIES or token.text in ONES or token.text in TENS)

    def _amount_starts(self) -> bool:
        token = self.peek()
        if token.text in ("a", "an"):
            following = self.peek(1)
            return following is not None and following.text in {**MULTIPLIERS, **SCALES, **UNITS, **FRACTIONS}
        return (token.kind == "num" or token.text in CURRENCIES or token.text in AMBIGUOUS or token.text in NEGATIVES
                or token.text in POSITIVES or token.text in ONES or token.text in TENS or token.text in FRACTIONS
                or self.phrase(CURRENCIES) is not None)

    def amount(self) -> Amount:
        currency = self.currency()
        sign = 1
        if self.peek() is not None and self.peek().text in NEGATIVES:
            sign, self.i = -1, self.i + 1
        elif self.peek() is not None and self.peek().text in POSITIVES:
            self.i += 1
        number = self.number()
        if number is None:
            token = self.peek()
            if not any(t.kind == "num" or t.text in ONES or t.text in TENS or t.text in FRACTIONS for t in self.tokens):
                raise self.fail(f"no number found in {self.text.strip()!r}")
            raise self.fail(f"expected a number at {token.raw!r}" if token else "the figure ends before its number")
        if number.fraction:
            # "half a year", "a quarter of a century": a fraction of one unit, not a share
            skip = 2 if self.peek() is not None and self.peek().text == "of" else 1
            if self.peek(skip - 1) is not None and self.peek(skip - 1).text in ("a", "an") and self.phrase_at(skip, UNITS):
                self.i += skip
                number = Number(number.value / 100, 0.0, 0.0)
        amount = Amount(number, sign, currency=currency)
        if (scale := self.take(SCALES)) is not None:
            amount.scale = float(scale)
        if self.peek() is not None and self.peek().text == "-" and self.peek(1) is not None and self.peek(1).kind == "word":
            self.i += 1  # "30-year", "three-day": a unit used as an adjective
            if self.phrase(UNITS) is None:
                self.i -= 1
        found_unit = self.phrase(UNITS)
        if found_unit is not None:
            amount.unit = found_unit[0]
            self.i += found_unit[1]
        later = self.currency()
        if later is not None:
            if amount.currency not in (None, later):
                raise self.fail(f"two currencies in one figure ({amount.currency} and {later})")
            amount.currency = later
        if amount.currency and amount.unit:
            raise self.fail(f"a money figure cannot also be in {self.tokens[self.i - 1].raw!r}")
        if number.fraction and (amount.unit or amount.currency or amount.scale):
            raise self.fail("a fraction word (half, two-thirds) is read as a share; write the amount as a number")
        token = self.peek()
        if token is not None and token.attached and token.kind == "word":
            raise self.fail(f"unknown unit {token.raw!r}")
        return amount

    def currency(self) -> str | None:
        token = self.peek()
        if token is not None and token.text in AMBIGUOUS:
            raise self.fail(AMBIGUOUS[token.text])
        return self.take(CURRENCIES)

    def number(self) -> Number | None:
        token = self.peek()
        if token is None:
            return None
        if token.kind == "num":
            self.i += 1
            number = _digits(token.text)
            if self.peek() is not None and self.peek().text in MULTIPLIERS and not self.peek().attached:
                factor = MULTIPLIERS[self.peek().text]
                self.i += 1
                return Number(number.value * factor, number.half_digit * factor, number.half_nonzero * factor)
            return number
        return self.spelled()

    def spelled(self) -> Number | None:
        """One to ninety-nine, hundreds, a dozen, 'a'/'an' before a unit, and fraction words."""
        start = self.i
        token = self.peek()
        value = None
        if token.text in ("a", "an", "one") and self.peek(1) is not None and self.peek(1).text in FRACTIONS:
            self.i += 1
            return self._fraction(1)
        if token.text in FRACTIONS and token.text in ("half", "halves"):
            self.i += 1
            return Number(50.0, 0.0, 0.0, fraction=True)
        if token.text in ("a", "an"):
            following = self.peek(1)
            if following is not None and (following.text in MULTIPLIERS or following.text in SCALES or following.text in UNITS):
                self.i += 1
                value = 1
        elif token.text in TENS:
            value = TENS[token.text]
            self.i += 1
            if self.peek() is not None and self.peek().text == "-" and self.peek(1) is not None and self.peek(1).text in ONES and 0 < ONES[self.peek(1).text] < 10:
                value += ONES[self.peek(1).text]
                self.i += 2
        elif token.text in ONES:
            value = ONES[token.text]
            self.i += 1
            if self.peek() is not None and self.peek().text == "-" and self.peek(1) is not None and self.peek(1).text in FRACTIONS:
                self.i += 1
            if self.peek() is not None and self.peek().text in FRACTIONS and value > 0:
                return self._fraction(value)
        if value is None:
            self.i = start
            return None
        if self.peek() is not None and self.peek().text in MULTIPLIERS:
            value *= MULTIPLIERS[self.peek().text]
            self.i += 1
            if self.peek() is not None and self.peek().text == "and" and self.peek(1) is not None and (self.peek(1).text in ONES or self.peek(1).text in TENS):
                self.i += 1
                rest = self.spelled()
                value += int(rest.value) if rest else 0
        return _integer(value)

    def _fraction(self, numerator: int) -> Number:
        denominator = FRACTIONS[self.peek().text]
        self.i += 1
        if numerator >= denominator:
            raise self.fail("a fraction of a whole must be less than one")
        return Number(100.0 * numerator / denominator, 0.0, 0.0, fraction=True)

    def noun(self) -> str:
        """The words after the figure: what a count counts ("38 agreements")."""
        parts: list[str] = []
        while (token := self.peek()) is not None:
            if token.kind == "num" or token.text in ONES or token.text in TENS:
                raise self.fail(f"more than one number ({token.raw!r}); write one figure, or a range as 'X-Y' or 'between X and Y'")
            if token.text == "," and self.peek(1) is not None and self.peek(1).kind == "num" and self.peek(1).attached:
                raise self.fail("a comma separates thousands in groups of three (1,500); write decimals with a point (1.5)")
            if token.text == "." and self.i == len(self.tokens) - 1:
                break  # the full stop of the sentence the figure was copied from
            if token.kind in ("sym", "other") and token.text not in ("-", "'", "’", "(", ")"):
                raise self.fail(f"unexpected {token.raw!r} after the figure")
            if token.attached and parts:
                parts[-1] += token.raw
            else:
                parts.append(token.raw)
            self.i += 1
        return " ".join(parts)


def _share_units(first: Amount, second: Amount) -> None:
    """'$30-40 billion': the scale, currency and unit written once apply to both ends."""
    for field in ("scale", "currency", "unit"):
        a, b = getattr(first, field), getattr(second, field)
        if a is None:
            setattr(first, field, b)
        elif b is None:
            setattr(second, field, a)
        elif a != b and field != "scale":
            raise FigureError(f"the two ends of the range are in different units ({_label(a)} and {_label(b)})")


def _label(unit: object) -> str:
    return unit[1] if isinstance(unit, tuple) else str(unit)


@functools.lru_cache(maxsize=1)
def _registry():
    import pint  # imported on first use: most figures are money and need no physical units

    registry = pint.UnitRegistry()
    registry.load_definitions(str(resources.files("claimcheck") / "data" / "units.txt"))
    return registry


@functools.lru_cache(maxsize=None)
def unit_factor(pint_unit: str, dimension: str) -> float:
    """How many canonical units one `pint_unit` is (a kilometre is 1000 m)."""
    target = CANONICAL[dimension][1]
    if target is None:
        return 1.0
    registry = _registry()
    return float(registry.Quantity(1, pint_unit).to(target).magnitude)


def _round(x: float | None) -> float | None:
    if x is None or x == 0 or not math.isfinite(x):
        return x
    return round(x, 11 - int(math.floor(math.log10(abs(x)))))


def _canonical(amount: Amount) -> tuple[str, str, float]:
    """(dimension, unit, factor) for an amount."""
    if amount.currency:
        return "money", amount.currency, 1.0
    if amount.number.fraction:
        return "percent", "%", 1.0
    if amount.unit:
        dimension, pint_unit = amount.unit
        return dimension, CANONICAL[dimension][0], unit_factor(pint_unit, dimension)
    return "count", "", 1.0


def _interval(text: str, first: Amount, second: Amount | None, qualifier: str, noun: str, settings: Settings) -> Figure:
    dimension, unit, factor = _canonical(first)

    def scaled(amount: Amount) -> tuple[float, float, float]:
        k = (amount.scale or 1.0) * factor
        number = amount.number
        return amount.sign * number.value * k, number.half_digit * k, number.half_nonzero * k

    value, half, half_nonzero = scaled(first)
    if not all(map(math.isfinite, (value, half, half_nonzero))):
        raise FigureError("the number is too large to read")
    if qualifier == "range":
        end, end_half, _ = scaled(second)
        if end < value:
            raise FigureError("the range runs backwards; write the smaller figure first")
        low, high, value = value - half, end + end_half, (value + end) / 2
    elif qualifier in ("about", "nearly"):
        tolerance = max(settings.about_tolerance * abs(value), half_nonzero)
        low, high = value - tolerance, (value + tolerance if qualifier == "about" else value)
    elif qualifier in ("more_than", "at_least"):
        low, high = value, None
    elif qualifier in ("less_than", "at_most"):
        low, high = None, value
    else:
        low, high = value - half, value + half
    return Figure(text=text, value=_round(value), low=_round(low), high=_round(high), unit=unit,
                  dimension=dimension, qualifier=qualifier, noun=noun)


def parse(text: str, settings: Settings = DEFAULT_SETTINGS) -> Figure:
    """Read one figure as written; raise FigureError with the reason when it cannot be read."""
    if not isinstance(text, str):
        raise FigureError("a figure is text")
    if len(text) > 500:
        raise FigureError("a figure is a few words; this text is longer than 500 characters")
    try:
        return _Parser(text).figure(settings)
    except FigureError:
        raise
    except (IndexError, AttributeError, TypeError, ValueError, OverflowError) as error:
        raise FigureError(f"cannot read {text.strip()!r} as a figure ({type(error).__name__})") from None


@functools.lru_cache(maxsize=65536)
def _parse_once(text: str, settings: Settings) -> Figure | FigureError:
    try:
        return parse(text, settings)
    except FigureError as error:
        return error


def read_claims(corpus: Corpus, known: dict[str, Figure | FigureError] | None = None) -> tuple[dict[str, Figure], list[Problem]]:
    """Every claim's figure read, by claim id; each distinct text is parsed once. `known` holds texts
    already read under the same settings (from the cache); texts read now are added to it."""
    known = {} if known is None else known
    problems = read(corpus.claims, corpus.settings, known)
    return {claim.id: known[claim.figure] for claim in corpus.claims if isinstance(known[claim.figure], Figure)}, problems


def read(claims: list[Claim], settings: Settings, known: dict[str, Figure | FigureError]) -> list[Problem]:
    """The claims' figures read into `known`, by text; the problems of those that cannot be read."""
    problems = []
    for claim in claims:
        result = known.get(claim.figure)
        if result is None:
            result = known[claim.figure] = _parse_once(claim.figure, settings)
        if isinstance(result, FigureError):
            problems.append(Problem(claim.field_at("figure"), f"claim {claim.id!r}: figure {claim.figure!r} cannot be read: {result}"))
    return problems


def read_texts(texts: Iterable[str], settings: Settings, known: dict[str, Figure | FigureError]) -> None:
    """Any of `texts` not yet in `known` read into it."""
    for text in texts:
        if text not in known:
            known[text] = _parse_once(text, settings)


# --- figures for people ------------------------------------------------------------

_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
UNIT_NAMES = {"year": ("year", "years"), "m": ("m", "m"), "m3": ("m³", "m³"), "kg": ("kg", "kg"), "%": ("%", "%")}


def human_number(x: float) -> str:
    """400000000000 as '400 billion', 1300 as '1,300', 0.5 as '0.5'."""
    for scale, word in _SCALE_WORDS:
        if abs(x) >= scale:
            return f"{_plain(x / scale)} {word}"
    return _plain(x)


def _plain(x: float) -> str:
    if abs(x) >= 1000:
        text = f"{x:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{x:.6g}"
        if "e" in text:
            text = f"{x:.8f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def human_amount(x: float | None, unit: str) -> str:
    """An amount in its canonical unit, as a person reads it: 'USD 400 billion', '30 years', '15%'."""
    if x is None:
        return "open"
    number = human_number(x)
    if unit == "%":
        return f"{number}%"
    if unit in UNIT_NAMES:
        singular, plural = UNIT_NAMES[unit]
        return f"{number} {singular if abs(x) == 1 else plural}"
    if len(unit) == 3 and unit.isupper():
        return f"{unit} {number}"
    return number


def describe(figure: Figure) -> str:
    """The interval of a figure in words: '350 billion to 450 billion USD'."""
    low, high = figure.low, figure.high
    if low is None:
        return f"at most {human_amount(high, figure.unit)}"
    if high is None:
        return f"at least {human_amount(low, figure.unit)}"
    if low == high:
        return human_amount(low, figure.unit)
    return f"{human_amount(low, figure.unit)} to {human_amount(high, figure.unit)}"
