"""Read a figure as written ("about $400 billion", "38 bcm a year") into an interval with a unit. Pure.

The vocabulary is data: the words around numbers in `data/phrases.txt`, the units in
`data/units.txt` (converted with pint); the parser only walks those tables.

A written figure is as precise as its last digit ("$24.5 billion" is 24.45 to 24.55 billion).
"about X" is X plus or minus the larger of `about_tolerance` times X and that precision;
"nearly X" is the lower half of it. Bounds ("more than", "up to") leave one end open, ranges
run from the low edge of the first figure to the high edge of the second, and vague
magnitudes ("tens of thousands") have the intervals their table gives. Whatever the reader is
not sure of it refuses, with what to write instead: a refusal is visible, a misreading is not.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass

from . import vocabulary
from .models import Claim, Corpus, Figure, Problem, Settings
from .vocabulary import Table

DEFAULT_SETTINGS = Settings()


class FigureError(ValueError):
    """A figure that cannot be read; the message says why."""


# --- the vocabulary --------------------------------------------------------------

_P = vocabulary.phrases()
PREFIX_HEDGES, SUFFIX_HEDGES = _P["prefix hedges"], _P["suffix hedges"]
SCALES, SCALE_LETTERS, SIZE_WORDS = _P["scales"], _P["scale letters"], _P["size words"]
CURRENCIES, AMBIGUOUS, DIRECTION, VAGUE = _P["currencies"], _P["ambiguous"], _P["direction"], _P["vague"]
NUMBERS = {w: int(n) for w, n in _P["numbers"].entries.items()}
TENS = {w: int(n) for w, n in _P["tens"].entries.items()}
MULTIPLIERS = _P["multipliers"]
FRACTIONS = {w: int(n) for w, n in _P["fractions"].entries.items()}
FRACTION_CHARACTERS = {c: float(v) for c, v in _P["fraction characters"].entries.items()}
POWERS_BEFORE, POWERS_AFTER = _P["powers before"], _P["powers after"]
RATE_WORDS, RATE_ENDINGS, RATE_UNITS = _P["rate words"], _P["rate endings"], _P["rate units"]
DENOMINATOR_UNITS, ARTICLES, AGE_WORDS, CONSTANTS = (_P["denominator units"], _P["articles"], _P["age words"],
                                                     _P["constants"])
LAST_WORD_UNITS, TIME_REFERENCES = _P["last word units"], _P["time references"]
COMPARATIVES, CHANGE_DESCRIPTORS, COUNTED_NOUNS = _P["comparatives"], _P["change descriptors"], _P["counted nouns"]
UNCOMPARED, SCALED_NOUNS = _P["units not compared"], _P["scaled nouns"]
PREPOSITIONS = frozenset(_P["prepositions"].entries)
PERCENT_TABLE, TEMPERATURE_CHANGE, PLURAL_NOUNS = _P["percent"], _P["temperature change"], _P["plural nouns"]
UNITS = vocabulary.units()
RANGE_OPENERS = {"between": ("and", "-", "to"), "from": ("to", "-")}
RANGE_SEPARATORS = ("-", "to")
SIGNS = {"-": -1, "minus": -1, "+": 1, "plus": 1}

# The canonical unit of each dimension pint can tell, as (dimension, unit shown, pint unit).
CANONICAL = (
    ("length", "m", "meter"), ("area", "m2", "meter**2"), ("volume", "m3", "meter**3"), ("mass", "kg", "kilogram"),
    ("duration", "year", "year"), ("speed", "m/s", "meter/second"), ("power", "W", "watt"),
    ("energy", "J", "joule"), ("temperature", "K", "kelvin"), ("frequency", "Hz", "hertz"),
)
DATA_UNIT = ("data", "B", "byte")  # pint's bytes are dimensionless, so data is told by the unit itself
TEMPERATURES = ("degree_Celsius", "degree_Fahrenheit", "kelvin")
UNSIGNED = {"length", "area", "volume", "mass", "duration", "speed", "power", "energy", "data", "frequency", "count"}
"""Dimensions with no negative amounts: a sign written before them is refused (a change is written with a word)."""


# --- tokens --------------------------------------------------------------------

_FRACTION_CHARS = "".join(FRACTION_CHARACTERS)
TOKEN = re.compile(
    r"(?P<sci>\d+(?:\.\d+)?\s?[×x]\s?10\s?(?:\^\s?-?|-)\d+|\d+(?:\.\d+)?e-?\d+(?![^\W\d_]))"
    rf"|(?P<vulgar>\d*[{_FRACTION_CHARS}])"
    r"|(?P<ratio>\d+/\d+(?![\d/]))"
    r"|(?P<num>\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,])|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d{1,3}(?: \d{3})+(?![\d.,/])|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?|(?<![^\W\d_])\.\d+)"
    r"|(?P<power>[\u00b2\u00b3\u00b9\u2070-\u209f])"
    r"|(?P<word>[^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]+(?:'s)?)"
    r"|(?P<sym>\S)"
)
NORMALIZE = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
                            "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2019": "'",
                            "\u00d7": "×"})


@dataclass(slots=True)
class Token:
    kind: str  # num, sci, ratio, vulgar, word, sym
    text: str  # lower-cased
    raw: str  # as written
    attached: bool  # no space before it


def tokenize(text: str) -> list[Token]:
    folded = text.translate(NORMALIZE)
    tokens = []
    for match in TOKEN.finditer(folded):
        start = match.start()
        raw = match.group()
        kind = match.lastgroup or "sym"
        if kind == "num" and not raw.isascii() and any(unicodedata.category(ch) == "No" for ch in raw):
            raise FigureError(f"{raw!r} holds a digit claimcheck cannot read; write the number in 0-9")
        attached = start > 0 and not folded[start - 1].isspace()
        tokens.append(Token(kind, raw.lower(), raw, attached))
    return tokens


# --- numbers -------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: float
    half_digit: float  # half a unit of the last digit written; 0 for words and fractions
    fraction: bool = False  # a share written as a word ("half", "two-thirds"): a percentage
    vague: tuple[float, float] | None = None  # (low, high) of a vague magnitude ("thousands")
    ratio: bool = False  # a share written as "X in Y", which is never of a unit


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")
"""Thousands separated by commas: "1,500,000", and the Indian lakh grouping "10,00,000"."""


_THOUSANDS_POINT = re.compile(r"\d{1,3}\.\d\d0")
"""'2.500', '1.500': a point before three digits ending in 0 is how much of Europe separates thousands."""


def _digits(text: str) -> Number:
    if "," in text and not _GROUPED.fullmatch(text):
        text = text.replace(",", ".")  # a decimal comma: "26,9"
    text = text.replace(",", "").replace(" ", "")
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)
    whole, _, decimals = text.partition(".")
    return Number(float(text), 0.5 * 10 ** -len(decimals))


def _scientific(text: str) -> Number:
    text = text.replace(" ", "")
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
    else:
        mantissa, _, exponent = re.split(r"([×x]10\^?)", text, maxsplit=1)
    base = _digits(mantissa)
    factor = 10.0 ** int(exponent)
    return Number(base.value * factor, base.half_digit * factor)


# --- the parser ------------------------------------------------------------------


@dataclass
class Unit:
    """A unit as written: a pint unit name raised to a power, or a rate of two of them."""

    name: str
    power: int = 1


@dataclass
class Amount:
    number: Number
    sign: int = 1
    signed: bool = False  # written with + or - ("-15€"), not made negative by a word
    scale: float | None = None
    currency: str | None = None
    unit: Unit | None = None
    percent: str | None = None  # "% 1", "pp 1" or "pp 0.01": the unit and how many of it one is
    per: str | None = None  # a rate's denominator: a pint unit name or a noun ("person")
    rate_factor: float = 1.0  # a rate unit's own amount ("mtpa": a million tonnes)
    constant: bool = False  # "absolute zero": exact, no written precision

    def has_unit(self) -> bool:
        return bool(self.currency or self.unit or self.percent)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.n = len(self.tokens)
        self.i = 0
        self.direction = 0

    # -- looking at tokens

    def peek(self, offset: int = 0) -> Token | None:
        index = self.i + offset
        return self.tokens[index] if index < self.n else None

    def text_at(self, offset: int = 0) -> str | None:
        index = self.i + offset
        return self.tokens[index].text if index < self.n else None

    def match(self, table: Table, offset: int = 0, case: bool = False) -> tuple[str, int] | None:
        """The longest phrase of `table` at the cursor (plus `offset`), as (meaning, tokens)."""
        start = self.i + offset
        if start >= self.n or (self.tokens[start].raw if case else self.tokens[start].text) not in table.firsts:
            return None
        found = None
        parts: list[str] = []
        for end in range(start, min(start + table.longest, self.n)):
            token = self.tokens[end]
            if end > start and not token.attached:
                parts.append(" ")
            parts.append(token.raw if case else token.text)
            meaning = table.entries.get("".join(parts))
            if meaning is not None:
                found = (meaning, end - start + 1)
        return found

    def take(self, table: Table) -> str | None:
        found = self.match(table)
        if found is None:
            return None
        self.i += found[1]
        return found[0]

    def unit_at(self, offset: int = 0) -> tuple[str, int] | None:
        """A unit word at the cursor: symbols as written, words in any case."""
        exact = self.match(UNITS.exact, offset, case=True)
        folded = self.match(UNITS.folded, offset)
        if exact and folded:
            return exact if exact[1] >= folded[1] else folded
        return exact or folded

    # -- grammar

    def figure(self, settings: Settings) -> Figure:
        if not self.text.strip():
            raise FigureError("the figure is empty")
        qualifier, closer = self.leading()
        first = self.amount()
        second = None
        token = self.peek()
        if token is not None and token.text == "-" and self.text_at(1) in ("to", "and"):
            self.i += 1  # "8- to 16-meter"
            token = self.peek()
        if token is not None and token.text == "-" and self.match(SUFFIX_HEDGES, 1):
            self.i += 1  # "100,000-plus"
            token = self.peek()
        if token is not None and (token.text in (closer or RANGE_SEPARATORS)) and (
                closer is not None or self._amount_starts(1)):
            if first.number.vague:
                raise FigureError("a vague magnitude (thousands, millions) cannot start a range; write the range in numbers")
            self.i += 1
            second = self.amount()
            if qualifier not in ("exact",):
                raise FigureError(f"a range cannot also be {qualifier.replace('_', ' ')}; write the range alone")
            qualifier = "range"
        elif closer is not None:
            raise FigureError(f"a range opened with {'between' if 'and' in closer else 'from'} needs '{closer[0]}' and a second figure")
        self.trailing_direction(first)
        if (suffix := self.take(SUFFIX_HEDGES)) is not None:
            qualifier = _one_hedge(qualifier, suffix)
        self.trailing_direction(first)
        noun = self.noun(first if second is None else second)
        if second is not None:
            _share_units(first, second)
        if first.number.vague and qualifier == "exact":
            qualifier = "vague"
        elif first.number.vague:
            raise FigureError(f"a vague magnitude (thousands, millions) cannot also be {qualifier.replace('_', ' ')}; keep one")
        if first.percent and not self.direction:
            signs = {DIRECTION.entries[w] for w in noun.lower().replace("-", " ").split() if w in DIRECTION.entries}
            if len(signs) == 1:  # "a 0.25% rate cut": a falling word wherever it stands in the figure
                self.direction = -1 if signs.pop() == "-" else 1
        figure = _interval(self.text, first, second, qualifier, noun, self.direction, settings)
        self.counted(figure, first, second)
        return figure

    def leading(self) -> tuple[str, tuple[str, ...] | None]:
        """The words before the number: a hedge, a range opener, a direction word, an article. Any other
        word is refused, so that the figure field holds the figure and the sentence stays in the quote."""
        qualifier = "exact"
        closer: tuple[str, ...] | None = None
        leading = []
        while self.i < self.n:
            if (hedge := self.take(PREFIX_HEDGES)) is not None:
                qualifier = _one_hedge(qualifier, hedge)
                continue
            token = self.tokens[self.i]
            if token.text in RANGE_OPENERS and self.i + 1 < self.n:
                closer = RANGE_OPENERS[token.text]
                self.i += 1
                continue
            if self.match(CONSTANTS):
                break
            if (direction := self.match(DIRECTION)) is not None and self._amount_starts(direction[1]):
                self.direction = -1 if direction[0] == "-" else 1  # "down 10%", "fell 5%"
                self.i += direction[1]
                if self.text_at() in ("by", "of"):
                    self.i += 1
                continue
            if token.text in ARTICLES.entries and (direction := self.match(DIRECTION, 1)) is not None \
                    and self.text_at(1 + direction[1]) in ("of", "by"):
                self.direction = -1 if direction[0] == "-" else 1  # "a drop of 10%"
                self.i += 2 + direction[1]
                continue
            if token.text in ARTICLES.entries and self._amount_starts(1) and not self.match(CURRENCIES) \
                    and not self.peek(1).attached:
                self.i += 1  # "a $5bn deal"; but "A$5bn" and "A320"
                continue
            if self._amount_starts():
                break
            leading.append(token.raw)
            self.i += 1
        if self.i >= self.n:
            raise FigureError(f"no number found in {self.text.strip()!r}")
        if leading:
            raise FigureError(f"{' '.join(leading)!r} before the number is not a hedge claimcheck knows; "
                              "write the figure with only a hedge such as about, more than, up to")
        return qualifier, closer

    def _amount_starts(self, offset: int = 0) -> bool:
        token = self.peek(offset)
        if token is None:
            return False
        text = token.text
        if text in ("a", "an") and not self.match(CURRENCIES, offset):  # "a $5bn deal", but "A$5bn"
            following = self.peek(offset + 1)
            return following is not None and (
                following.text in FRACTIONS or self.match(MULTIPLIERS, offset + 1) is not None
                or self.match(SCALES, offset + 1) is not None or self.match(UNITS.folded, offset + 1) is not None)
        return (token.kind != "word" and token.kind != "sym" or text in SIGNS or text in NUMBERS or text in TENS
                or text in FRACTIONS or self.match(CURRENCIES, offset) is not None or text in AMBIGUOUS.entries
                or self.match(VAGUE, offset) is not None or self.match(CONSTANTS, offset) is not None)

    def amount(self) -> Amount:
        if (constant := self.take(CONSTANTS)) is not None:
            value, name = constant.split(" ", 1)
            return Amount(Number(float(value), 0.0), unit=Unit(name), constant=True)
        start = self.i
        sign = self.sign()
        currency = self.currency(before=True)
        if sign == 1 and currency is not None:
            sign = self.sign()  # "$-99.99"
        signed = any(t.text in SIGNS for t in self.tokens[start:self.i])
        number = self.number()
        if number is None:
            token = self.peek()
            if not any(t.kind not in ("word", "sym") or t.text in NUMBERS or t.text in TENS for t in self.tokens):
                raise FigureError(f"no number found in {self.text.strip()!r}")
            raise FigureError(f"expected a number at {token.raw!r}" if token else "the figure ends before its number")
        amount = Amount(number, sign, signed=signed, currency=currency)
        if number.fraction:
            self.fraction_of(amount)
        if self.text_at() == "-" and self.peek(1) is not None and self.peek(1).kind == "word":
            self.i += 1  # "$20-billion", "30-year": a scale or unit joined by a hyphen
            if not (self.match(SCALES) or self.match(SCALE_LETTERS) or self.unit_at() or self.match(PERCENT_TABLE)
                    or self.match(CURRENCIES)):
                self.i -= 1
        if not number.vague:
            if (scale := self.take(SCALES)) is not None:
                amount.scale = float(scale)
                if self.text_at() == "-" and self.match(SCALES, 1):
                    self.i += 1
                while (more := self.take(SCALES)) is not None:
                    amount.scale *= float(more)  # "1.5 lakh crore", "a thousand billion"
            elif (letter := self.match(SCALE_LETTERS)) is not None and self.peek().raw.lower() == self.peek().text:
                self.scale_letter(amount, float(letter[0]))
        if number.vague and self.text_at() == "of":
            self.i += 1  # "tens of thousands of dollars"
        if self.text_at() == "-" and self.peek(1) is not None and self.peek(1).kind == "word":
            self.i += 1
            if not (self.unit_at() or self.match(PERCENT_TABLE) or self.match(CURRENCIES) or self.match(RATE_UNITS)):
                self.i -= 1
        if amount.scale and not amount.number.vague:
            amount.number = self.and_a_half(amount.number)  # "a million and a half"
        self.after_number(amount)
        return amount

    def after_number(self, amount: Amount) -> None:
        """The unit, currency or rate written after the number and its scale."""
        if amount.unit is None and (percent := self.take(PERCENT_TABLE)) is not None:
            amount.percent = percent
        elif amount.unit is None and (rate := self.match(RATE_UNITS)) is not None:
            self.i += rate[1]
            size, _, rest = rate[0].partition(" ") if rate[0][0].isdigit() else ("1", "", rate[0])
            numerator, _, denominator = rest.partition(" / ")
            amount.unit, amount.per, amount.rate_factor = Unit(numerator), denominator, float(size)
        elif amount.unit is None:
            amount.unit = self.unit()
            if amount.unit is not None:
                amount.number = self.and_a_half(amount.number)  # "a decade and a half"
                self.take(AGE_WORDS)  # "65-year-old": an age is a duration
                if amount.unit.name in TEMPERATURES and (change := self.take(TEMPERATURE_CHANGE)) is not None:
                    self.direction = -1 if change == "-" else 1  # "1.5C of warming", "10C cooler": a change
        later = self.currency()
        if later is not None:
            if amount.currency not in (None, later):
                raise FigureError(f"two currencies in one figure ({amount.currency} and {later})")
            amount.currency = later
        if amount.currency and (amount.unit or amount.percent):
            raise FigureError(f"a money figure cannot also be in {self.tokens[self.i - 1].raw!r}")
        if amount.number.fraction and amount.currency:
            raise FigureError("a fraction word (half, two-thirds) is read as a share; write the amount as a number")
        if amount.number.fraction and amount.unit:
            raise FigureError("a share before a unit ('a 1-in-100-year flood') is a return period or a name, not an amount; "
                              "write the share as a percentage")
        if amount.per is None:
            self.rate(amount)
        token = self.peek()
        if token is not None and token.attached and token.kind == "word" and not amount.has_unit():
            raise FigureError(f"unknown unit {token.raw!r}; write the unit as a word claimcheck knows "
                              "(see 'claimcheck parse --help'), or leave a space before a counted noun")

    def scale_letter(self, amount: Amount, factor: float) -> None:
        """'$5m', '5m barrels': a single letter is a scale only beside money or before a unit or plural noun."""
        letter = self.peek()
        following = self.peek(1)
        if amount.currency or (following is not None and self.match(CURRENCIES, 1)):
            self.i += 1
            amount.scale = factor
            return
        size = self.match(SIZE_WORDS, 1)
        after_size = self.peek(1 + size[1]) if size else None
        if letter.text == "m" and size and (after_size is None or not (after_size.attached and after_size.text == "-")):
            return  # "37m tall": metres, read as the unit; not "2m long-term unemployed"
        if letter.text == "m" and following is not None and following.attached and (
                self.match(POWERS_AFTER, 1) or following.text == "/"):
            return  # "5m²", "m/s": metres
        if letter.text == "t":
            return  # without money, "t" is tonnes
        if following is not None and (self.unit_at(1) or self.match(RATE_UNITS, 1) or following.text in SCALED_NOUNS.entries
                                      or following.text in PLURAL_NOUNS.entries):
            self.i += 1
            amount.scale = factor
            return
        raise FigureError(f"{letter.raw!r} after a number may be a scale (thousand, million, billion) or a unit; "
                          "write the word: million or metres, thousand or kelvin, billion or bytes")

    def unit(self) -> Unit | None:
        if self.match(CURRENCIES) is not None and not self.unit_at():
            return None  # "pounds sterling": money, read after
        power = 1
        before = self.match(POWERS_BEFORE)
        if before is not None and self.unit_at(before[1]):
            power = int(before[0])
            self.i += before[1]
        token = self.peek()
        if token is not None and token.text in AMBIGUOUS.entries and not self.unit_at():
            self._refuse_ambiguous(token)
        found = self.unit_at()
        if found is None and (last := self.match(LAST_WORD_UNITS)) is not None and self.i + last[1] == self.n \
                or found is None and last is not None and self.i + last[1] == self.n - 1 and self.tokens[-1].text == ".":
            found = last
        if found is None:
            if power != 1:
                raise FigureError("'square' or 'cubic' before a word that is not a unit")
            if token is not None and token.text in AMBIGUOUS.entries:
                self._refuse_ambiguous(token)
            return None
        name, size = found
        self.i += size
        after = self.match(POWERS_AFTER)
        if after is not None and (self.peek().attached or self.peek().kind == "word"):
            if power != 1:
                raise FigureError("a unit squared or cubed twice")
            power = int(after[0])
            self.i += after[1]
        return Unit(name, power)

    def _refuse_ambiguous(self, token: Token) -> None:
        following = self.peek(1)
        if token.text == "in" and following is not None and following.kind == "word":
            return  # "5 million in aid": a preposition
        raise FigureError(AMBIGUOUS.entries[token.text])

    def rate(self, amount: Amount) -> None:
        """'38 bcm a year', '$52 a barrel', '1.5 million barrels per day', '16.5mtpa', '$10 per capita'."""
        hyphen = 1 if self.text_at() == "-" and self.match(RATE_ENDINGS, 1) is not None else 0  # "$1.5bn-a-year"
        if (ending := self.match(RATE_ENDINGS, hyphen)) is not None:
            joined = self.text_at(hyphen) == "/"  # "130km/h winds": a unit, which a noun may follow
            if not joined and self._time_reference(hyphen + ending[1]):
                return
            self.i += hyphen + ending[1]
            amount.per = ending[0]
            return
        word = self.match(RATE_WORDS)
        following = self.peek(word[1]) if word else None
        if following is None:
            return
        offset = word[1]
        unit = self.unit_at(offset) or self.match(DENOMINATOR_UNITS, offset)
        if unit is not None:
            joined = self.tokens[self.i].text == "/" and following.attached  # "130km/h winds"
            if not joined and self._time_reference(offset + unit[1]):
                return
            self.i += offset + unit[1]
            amount.per = unit[0]
            if self.match(POWERS_AFTER) is not None and self.peek().attached:
                raise FigureError("a figure per square or cubic unit (a density) is not one claimcheck compares")
            return
        per_word = self.tokens[self.i].text in ("per", "each", "every") or (amount.currency is not None)
        if per_word and following.kind == "word" and self.peek(offset + 1) is None:
            self.i += offset + 1
            amount.per = _singular(following.text)

    def _rate_before_noun(self) -> bool:
        """'$1.5bn-a-year contract', '$2bn annual budget': a rate word that a noun follows."""
        hyphen = 1 if self.text_at() == "-" else 0
        ending = self.match(RATE_ENDINGS, hyphen)
        if ending is None:
            return False
        offset = hyphen + ending[1]
        return self._time_reference(offset) and self.match(TIME_REFERENCES, offset) is None

    def _time_reference(self, offset: int) -> bool:
        """Whether the words after 'a year', 'daily' make them something else than a rate: a time
        ('from a year earlier', 'a month ago') or an adjective ('300 million daily active users')."""
        after = self.peek(offset)
        if after is None or after.kind != "word":
            return False
        return self.match(TIME_REFERENCES, offset) is not None or after.text not in PREPOSITIONS

    def sign(self) -> int:
        token = self.peek()
        if token is not None and token.text in SIGNS and self._digit_follows(1):
            self.i += 1
            return SIGNS[token.text]
        return 1

    def _digit_follows(self, offset: int) -> bool:
        token = self.peek(offset)
        return token is not None and (token.kind not in ("word", "sym") or self.match(CURRENCIES, offset) is not None)

    def currency(self, before: bool = False) -> str | None:
        """A currency at the cursor. Before the number only symbols, codes and abbreviations count
        ("$", "RMB", "Rs"): "Euro 2024" is a tournament, not 2,024 euros."""
        found = self.match(CURRENCIES)
        written = "".join(t.raw for t in self.tokens[self.i:self.i + found[1]]) if found else ""
        if found is not None and written.lower() == found[0].lower() and not written.isupper():
            found = None  # an ISO code counts in capitals only: "3 php developers", "5 try"
        if found is not None and len(found[0]) == 3 and found[1] == 1 and len(self.tokens[self.i].raw) == 1 \
                and self.tokens[self.i].kind == "word":
            following = self.peek(1)
            if following is None or not following.attached or following.kind == "sym":
                found = None  # "R5bn" is rand; "R+12" and "R 5" are not
        if found is not None and before and written.isalpha() and len(written) > 3 and not written.isupper():
            found = None
        ambiguous = self.match(AMBIGUOUS)
        if ambiguous is not None and (found is None or ambiguous[1] > found[1]):
            if ambiguous[0].startswith(("'in'", "'am'")):
                return None
            raise FigureError(ambiguous[0])
        if found is None:
            return None
        self.i += found[1]
        return found[0]

    def number(self) -> Number | None:
        token = self.peek()
        if token is None:
            return None
        kind = token.kind
        if kind == "num":
            if _THOUSANDS_POINT.fullmatch(token.raw):
                raise FigureError(f"{token.raw!r} may be {token.raw.replace('.', ',')} (a point between thousands) or "
                                  f"{float(token.raw):g}; write {token.raw.replace('.', ',')} or {float(token.raw):g}")
            self.i += 1
            number = _digits(token.raw)
            following = self.peek()
            if following is not None and (following.kind, following.attached) in (("ratio", False), ("vulgar", True)):
                self.i += 1  # "2 1/2", "2½"
                part = _ratio(following.text) if following.kind == "ratio" else FRACTION_CHARACTERS[following.text]
                number = Number(number.value + part, part / 2)  # as precise as "two and a half"
            elif following is not None and (multiplier := self.match(MULTIPLIERS)) is not None:
                self.i += multiplier[1]
                factor = float(multiplier[0])
                number = Number(number.value * factor, number.half_digit * factor)
            return self.in_every(self.and_a_half(number))
        if kind == "sci":
            self.i += 1
            return _scientific(token.text)
        if kind == "ratio":
            if not self.unit_follows(1):
                raise FigureError(f"{token.raw!r} may be a share, odds, a score or a date; write a share as a percentage "
                                  f"({_plain(_ratio(token.text) * 100)}%)")
            self.i += 1
            return Number(_ratio(token.text), 0.0)
        if kind == "vulgar":
            self.i += 1
            whole, part = float(token.text[:-1] or 0), FRACTION_CHARACTERS[token.text[-1]]
            if not whole and not self.unit_follows():
                return Number(part * 100, SHARE_PRECISION, fraction=True)
            return Number(whole + part, part / 2 if whole else _decimal_precision(part))  # "3½ years", "½ mile"
        if (vague := self.match(VAGUE)) is not None:
            self.i += vague[1]
            low, high = (float(x) for x in vague[0].split())
            return Number(math.sqrt(low * high), 0.0, vague=(low, high))
        return self.spelled()

    def in_every(self, number: Number) -> Number:
        """'3 in 10', 'one in five', 'nine out of 10': a share."""
        hyphens = 1 if self.text_at() == "-" and self.text_at(1) == "in" else 0  # "a one-in-a-million chance"
        self.i += hyphens
        skip = 1 if self.text_at() == "in" else 2 if (self.text_at(), self.text_at(1)) == ("out", "of") else 0
        if skip and self.text_at(skip) == "-":
            skip += 1
        if skip and self.text_at(skip) in ("every", "each"):
            skip += 1  # "one in every five"
        following = self.peek(skip)
        hyphenated_scale = following is not None and following.text in ("a", "an") and self.text_at(skip + 1) == "-" \
            and self.match(SCALES, skip + 2)
        if not skip or following is None or not (
                following.kind == "num" or following.text in NUMBERS or following.text in TENS or hyphenated_scale
                or (following.text in ("a", "an") and self.match(SCALES, skip + 1))):
            self.i -= hyphens
            return number
        if hyphenated_scale:
            self.i += skip + 2
            whole = Number(1.0, 0.0)  # the "a" of "in-a-million"
        else:
            self.i += skip
            whole = self.number()
        scale = self.take(SCALES)  # "one in a million"
        if whole is None or whole.value == 0 or whole.fraction:
            raise FigureError("a share 'X in Y' needs a whole Y greater than zero")
        share = 100 * number.value / (whole.value * float(scale or 1))
        return Number(share, min(SHARE_PRECISION, share / 2), fraction=True, ratio=True)

    def unit_follows(self, offset: int = 0) -> bool:
        return self.unit_at(offset) is not None or (
            self.match(POWERS_BEFORE, offset) is not None and self.unit_at(offset + 1) is not None)

    def and_a_half(self, number: Number) -> Number:
        """'two and a half miles', 'one and a half billion', 'two-and-a-half years'."""
        words = [t.text for t in self.tokens[self.i:self.i + 7] if t.text != "-"]
        if len(words) >= 3 and words[0] == "and" and words[1] in ("a", "an", "one") and words[2] in FRACTIONS:
            seen = 0
            while seen < 3:
                seen += self.tokens[self.i].text != "-"
                self.i += 1
            part = 1 / FRACTIONS[words[2]]
            return Number(number.value + part, min(number.half_digit, part / 2))  # "and a half": as precise as a quarter
        return number

    def spelled(self) -> Number | None:
        """Numbers in words: 'twenty-one', 'a hundred and two', 'a dozen', 'two-thirds', 'half'."""
        start = self.i
        text = self.text_at()
        value = None
        if text in ("a", "an", "one") and self.text_at(1) in FRACTIONS:
            self.i += 1
            return self._fraction(1)
        if text in FRACTIONS:  # "half", "a quarter" are read above; a bare "quarter" too
            self.i += 1
            return Number(100.0 / FRACTIONS[text], SHARE_PRECISION, fraction=True)
        if text in ("a", "an"):
            if (multiplier := self.match(MULTIPLIERS, 1)) is not None:
                self.i += 1 + multiplier[1]
                return Number(float(multiplier[0]), 0.5)
            if self.match(SCALES, 1) is not None or self.match(UNITS.folded, 1) is not None:
                unit_size = self.match(UNITS.folded, 1)
                after = self.peek(1 + unit_size[1]) if unit_size else None
                if after is not None and ((after.kind == "word" and after.text not in PREPOSITIONS
                                           and not self.match(TIME_REFERENCES, 1 + unit_size[1]))
                                          or (after.text == "-" and after.attached)):
                    raise FigureError(f"'{self.tokens[self.i].raw} {self.tokens[self.i + 1].raw}' before another word is a name or an "
                                      "ordinal ('a stone wall', 'a second-hand car'), not an amount; write the number")
                self.i += 1  # "a year", "a million"; not "an F-35" or "a C-130"
                value = 1
        elif text in TENS:
            value = TENS[text]
            self.i += 1
            if self.text_at() == "-" and self.text_at(1) in NUMBERS and 0 < NUMBERS[self.text_at(1)] < 10:
                value += NUMBERS[self.text_at(1)]
                self.i += 2
            elif self.text_at() in NUMBERS and 0 < NUMBERS[self.text_at()] < 10:
                value += NUMBERS[self.text_at()]  # "twenty one"
                self.i += 1
        elif text in NUMBERS:
            value = NUMBERS[text]
            self.i += 1
            if self.text_at() == "-" and self.text_at(1) == "and":
                self.i += 1  # "two-and-a-half"
            if self.text_at() == "-" and self.text_at(1) in FRACTIONS:
                self.i += 1
            if self.text_at() in FRACTIONS and value > 0:
                return self._fraction(value)
        if value is None:
            self.i = start
            return None
        if (multiplier := self.match(MULTIPLIERS)) is not None:
            value *= float(multiplier[0])
            self.i += multiplier[1]
        elif self.text_at() == "hundred":
            value *= 100
            self.i += 1
        if self.text_at() == "hundred" and value < 10:
            value *= 100
            self.i += 1
        if self.text_at() == "and" and (self.text_at(1) in NUMBERS or self.text_at(1) in TENS) and value % 100 == 0 and value:
            self.i += 1
            rest = self.spelled()
            value += int(rest.value) if rest else 0
        return self.in_every(self.and_a_half(Number(float(value), 0.5)))

    def _fraction(self, numerator: int) -> Number:
        denominator = FRACTIONS[self.tokens[self.i].text]
        self.i += 1
        return Number(100.0 * numerator / denominator, SHARE_PRECISION, fraction=True)

    def fraction_of(self, amount: Amount) -> None:
        """'half a million', 'a quarter of a century', 'one-half miles': a fraction of a scale or unit."""
        if amount.number.ratio:
            return  # "a 1-in-100-year flood" is refused after the unit, never 0.01 years
        skip = 1 if self.text_at() in ("-", "of") else 0  # "half-hour", "a quarter of a century"
        if self.text_at(skip) in ("a", "an"):
            skip += 1
        share = amount.number.value / 100
        if (multiplier := self.match(MULTIPLIERS, skip)) is not None:
            self.i += skip + multiplier[1]  # "half a dozen"
            amount.number = Number(share * float(multiplier[0]), 0.5)
            return
        if (ambiguous := self.match(AMBIGUOUS, skip)) is not None:
            raise FigureError(ambiguous[0])
        if self.match(PERCENT_TABLE, skip) is not None or (self.text_at() == "-" and self.match(PERCENT_TABLE, 1)):
            self.i += skip or 1  # "half a percent", "a quarter-percentage-point cut"
            amount.number = Number(share, _decimal_precision(share))
            return
        if self.match(SCALES, skip) is not None or self.unit_at(skip) is not None or self.match(CURRENCIES, skip):
            if self.match(CURRENCIES, skip):
                raise FigureError("a fraction word (half, two-thirds) is read as a share; write the amount as a number")
            self.i += skip
            amount.number = Number(share, _decimal_precision(share))
        elif self.text_at() == "-" and self.peek(1) is not None and self.peek(1).kind == "word":
            raise FigureError(f"'{self.tokens[self.i - 1].raw}-{self.peek(1).raw}' is not a share claimcheck can read; "
                              "write the amount as a number with its unit")
        elif self.peek() is not None and self.peek().kind == "word" and self.text_at() not in ("of",) \
                and self._ordinal_word():
            raise FigureError(f"{self.tokens[self.i - 1].raw!r} before {self.peek().raw!r} may be an ordinal (the third "
                              "term); write a share as a percentage or as 'a third of'")

    def _ordinal_word(self) -> bool:
        """'a third term', 'the fourth consecutive month': a singular fraction word before a noun is an ordinal."""
        word = self.tokens[self.i - 1].text
        return word in FRACTIONS and not word.endswith("s") and word not in ("half",)

    def trailing_direction(self, first: Amount) -> None:
        """'a 10% drop', '10% lower': a falling word after a percentage or an amount makes it negative."""
        skip = 0
        while (descriptor := self.match(CHANGE_DESCRIPTORS, skip)) is not None:
            skip += descriptor[1]  # "a 5% year-on-year decline"
        found = self.match(DIRECTION, skip)
        if found is None:
            return
        rest = self.peek(skip + found[1])
        change_of = rest is not None and rest.text in ("in", "of", "on", "from", "since")
        comparative = self.match(COMPARATIVES, skip) is not None  # "300,000 fewer jobs"
        if first.percent or change_of or comparative or (first.has_unit() and (rest is None or rest.text == ".")):
            if self.direction and (self.direction < 0) != (found[0] == "-"):
                raise FigureError("the figure says both up and down; keep one direction word")
            self.direction = -1 if found[0] == "-" else 1
            self.i += skip + found[1]

    def noun(self, last: Amount) -> str:
        """The words after the figure: what a count counts ("38 agreements")."""
        parts: list[str] = []
        while (token := self.peek()) is not None:
            if parts and last.per is None and (self.match(RATE_ENDINGS) or (self.match(RATE_WORDS) and token.text != "/")):
                # "20,000 visitors a day", "1.5 million barrels of oil a day"; but "2% m/m" is a change
                before = self.i
                self.rate(last)
                if last.per is not None:
                    if any(part.lower() in ("twice", "thrice") for part in parts) or (
                            last.has_unit() and any(part.lower() == "times" for part in parts)):
                        raise FigureError("a dose several times a day or a week: write the total per day or per week")
                    continue
                self.i = before
            if not parts and token.text == "each" and self.i == self.n - 1 and last.currency:
                parts.append(token.raw)  # "£1.99 each": a price
                self.i += 1
                continue
            hyphen_rate = token.text == "-" and self.text_at(1) in ("a", "an", "per") and last.has_unit()
            if not parts and (token.text in ("per", "each", "every") or hyphen_rate
                              or (last.has_unit() and self._rate_before_noun())):
                raise FigureError(f"'{' '.join(t.raw for t in self.tokens[self.i:])}' after the figure is a rate claimcheck "
                                  "cannot read; write the rate at the end, per a unit or a thing ('$1.5bn a year', '$2 per share')")
            if token.kind == "num" and token.attached and parts and self.tokens[self.i - 1].kind == "word":
                parts[-1] += token.raw  # "CO2", "PM2.5": a name with a digit in it
                self.i += 1
                continue
            if token.kind not in ("word", "sym") or token.text in NUMBERS or token.text in TENS:
                raise FigureError(f"more than one number ({token.raw!r}); write one figure, or a range as 'X-Y' or 'between X and Y'")
            if token.text == "," and self.peek(1) is not None and self.peek(1).kind != "word" and self.peek(1).attached:
                raise FigureError("a comma separates thousands in groups of three (1,500); write decimals with a point (1.5)")
            if self.i == self.n - 1 and (token.text == "." or (token.text == "'" and self.tokens[self.i - 1].kind == "word")):
                break  # the full stop of the sentence the figure was copied from; "six weeks'"
            if token.kind == "sym" and token.text not in ("-", "(", ")", "/") and not (
                    token.text == "'" and parts and token.attached and self.tokens[self.i - 1].kind == "word"):
                raise FigureError(f"unexpected {token.raw!r} after the figure")
            if not parts and token.kind == "word" and not last.has_unit():
                self._not_a_unit(token)
                _not_a_pint_unit(token.raw)
            if token.attached and parts:
                parts[-1] += token.raw
            elif not (token.text == "-" and not parts):  # "3,000-strong"
                parts.append(token.raw)
            self.i += 1
        return " ".join(parts)

    def counted(self, figure: Figure, first: Amount, second: Amount | None) -> None:
        """A count must count something: a number before a singular noun is a name, a date or a score
        ("the 2024 election", "15 March", "a 2-2 draw"), and a range of bare years is a period."""
        if figure.dimension != "count":
            return
        head = head_noun(figure.noun)
        if head and (figure.value != 1 or second is not None) and not first.number.fraction \
                and not _plural_noun(figure.noun):
            raise FigureError(f"a number before the singular {head!r} is a name, a date, a score or an ordinal, not a "
                              f"count; write what is counted in the plural, or leave the figure out")
        if second is not None and not figure.noun and self.tokens[0].text in ARTICLES.entries:
            raise FigureError("a bare range after 'a' or 'the' is a name or a model ('a 737-800'); write what it counts")
        if second is not None and not figure.noun and all(
                a.scale is None and a.number.value.is_integer() and 1800 <= a.number.value <= 2199 for a in (first, second)):
            raise FigureError(f"a range of years is a period, not a figure; write it in the claim's period "
                              f"({first.number.value:.0f}/{second.number.value:.0f})")

    def _not_a_unit(self, token: Token) -> None:
        """A counted noun that looks like a unit claimcheck does not know ("14 mGy", "45 Js") is refused:
        read as a noun it would be compared as a count."""
        word = token.raw
        looks_like_symbol = len(word) <= 2 or (len(word) <= 4 and any(ch.isupper() for ch in word[1:]))
        if looks_like_symbol and word.lower() not in NUMBERS and word.lower() not in PREPOSITIONS:
            raise FigureError(f"{word!r} after the number looks like a unit claimcheck does not know; write the unit "
                              "in words it knows, or the counted thing as a word")



def _one_hedge(qualifier: str, hedge: str) -> str:
    if qualifier != "exact":
        raise FigureError(f"two hedges in one figure ({qualifier.replace('_', ' ')} and {hedge.replace('_', ' ')}); keep one")
    return hedge


SHARE_PRECISION = 0.5
"""A share in words ("a third", "3 in 10") is as precise as a whole percentage point: "a third" and
"34%" agree."""


def _decimal_precision(share: float) -> float:
    """'half a million' is as precise as '0.5 million', 'a quarter of a century' as '0.25 century'."""
    for places in (1, 2):
        if abs(share * 10 ** places - round(share * 10 ** places)) < 1e-9:
            return 0.5 * 10 ** -places
    return 0.005


@functools.lru_cache(maxsize=4096)
def _pint_name(word: str) -> str | None:
    """The unit pint reads `word` as, if any: '85 decibels' is in a unit claimcheck does not compare."""
    if word.lower() in COUNTED_NOUNS.entries or word.lower() in PREPOSITIONS or not word.isalpha():
        return None
    try:
        found = _registry().parse_unit_name(word)
    except Exception:  # noqa: BLE001 - pint raises several kinds for words it cannot take apart
        return None
    return found[0][1] if found else None


def _not_a_pint_unit(word: str) -> None:
    if word.lower() in UNCOMPARED.entries:
        raise FigureError(f"{word!r} is a unit claimcheck does not compare ({UNCOMPARED.entries[word.lower()]}); a figure "
                          "in it cannot be read, and read as a counted noun it would be compared as a count")
    name = _pint_name(word)
    if name is not None:
        raise FigureError(f"{word!r} is a unit ({name.replace('_', ' ')}) claimcheck does not compare; a figure in it "
                          "cannot be read, and read as a counted noun it would be compared as a count")


def _ratio(text: str) -> float:
    numerator, _, denominator = text.partition("/")
    if float(denominator) == 0:
        raise FigureError("a fraction with a zero denominator")
    return float(numerator) / float(denominator)


def _head_word(noun: str) -> str:
    """The last word of a noun before its first preposition: '38 separate agreements in 2022' -> 'agreements'."""
    words = noun.lower().replace("(", " ").replace(")", " ").split()
    head = list(itertools.takewhile(lambda word: word not in PREPOSITIONS, words))
    return head[-1].strip("'-.") if head else ""


def _plural_noun(noun: str) -> bool:
    """Whether the counted noun ("38 separate agreements", "5 million people") is plural."""
    word = _head_word(noun)
    if not word or word in PLURAL_NOUNS.entries:
        return True
    return word.endswith("s") and not word.endswith(("ss", "is", "us"))  # not "crisis", "census"


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def head_noun(noun: str) -> str:
    """What a count counts, folded: '38 separate agreements' and '38 agreements' both count 'agreement'."""
    word = _head_word(noun)
    return _singular(word) if word else ""


def _share_units(first: Amount, second: Amount) -> None:
    """'$30-40 billion': the currency, unit and rate written once apply to both ends. The scale of
    one end applies to the other only where that end has none and could take it (under 1,000)."""
    kinds = [{name for name in ("currency", "percent", "unit") if getattr(end, name) is not None} for end in (first, second)]
    if all(kinds) and kinds[0] != kinds[1]:  # "7% to $80 billion" is a change and a level, not a range
        raise FigureError("the two ends of the range are in different units (" + " and ".join(
            ", ".join(sorted(k)) for k in kinds) + "); write both in one unit")
    for name in ("currency", "percent", "per"):
        a, b = getattr(first, name), getattr(second, name)
        if a is None:
            setattr(first, name, b)
        elif b is None:
            setattr(second, name, a)
        elif a != b:
            raise FigureError(f"the two ends of the range are in different units ({a} and {b})")
    if first.unit is None:
        first.unit = second.unit
    elif second.unit is None:
        second.unit = first.unit
    elif (first.unit.name, first.unit.power) != (second.unit.name, second.unit.power):
        raise FigureError(f"the two ends of the range are in different units ({first.unit.name} and {second.unit.name}); "
                          "write both in one unit")
    if first.rate_factor != second.rate_factor:
        if first.rate_factor == 1.0:
            first.rate_factor = second.rate_factor
        elif second.rate_factor == 1.0:
            second.rate_factor = first.rate_factor
    if first.scale is None and second.scale is None and first.number.value < 1000 <= second.number.value \
            and second.number.value / 10 <= first.number.value * 1000 <= second.number.value * 10:
        raise FigureError(f"'{_plain(first.number.value)} to {_plain(second.number.value)}' may mean "
                          f"{_plain(first.number.value * 1000)} to {_plain(second.number.value)}; write both ends in full")
    if first.scale is None and second.scale is not None and first.number.value < 1000:
        if first.number.value > second.number.value:
            raise FigureError("the range runs backwards; write the smaller figure first")
        first.scale = second.scale  # "$30-40 billion"; not "from $800,000 to $1.3 million"
    elif second.scale is None and first.scale is not None and second.number.value < 1000 \
            and second.number.value >= first.number.value:
        second.scale = first.scale  # "5 billion to 6"


# --- units -----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _registry():
    import pint  # imported on first use: most figures are money and need no physical units

    registry = pint.UnitRegistry()
    for definition in UNITS.definitions:
        registry.define(definition)
    return registry


@functools.lru_cache(maxsize=None)
def unit_kind(name: str, power: int = 1) -> tuple[str, str, float, float]:
    """(dimension, canonical unit, factor, offset) of a pint unit raised to `power`: one of it is
    `factor` canonical units, plus `offset` for temperatures (0 °C is 273.15 K)."""
    registry = _registry()
    unit = registry.Unit(name) ** power
    if name in TEMPERATURES:
        offset = registry.Quantity(0, name).to("kelvin").magnitude
        factor = registry.Quantity(1, name).to("kelvin").magnitude - offset
        return "temperature", "K", float(factor), float(offset)
    for dimension, shown, target in CANONICAL:
        if unit.is_compatible_with(target):
            return dimension, shown, float((1 * unit).to(target).magnitude), 0.0
    if unit.dimensionless and (1 * registry.Unit(name)).to("byte").magnitude and name.endswith(("byte", "bit")):
        return DATA_UNIT[0], DATA_UNIT[1], float((1 * unit).to("byte").magnitude), 0.0
    raise FigureError(f"claimcheck does not compare figures in {name}")


def _round(x: float | None) -> float | None:
    if x is None or x == 0 or not math.isfinite(x):
        return x
    return round(x, 11 - int(math.floor(math.log10(abs(x)))))


@dataclass
class Measure:
    """How an amount maps onto its canonical unit."""

    dimension: str
    unit: str
    factor: float = 1.0
    offset: float = 0.0


def _measure(amount: Amount, direction: int) -> Measure:
    """The dimension, canonical unit and conversion of an amount."""
    if amount.currency:
        base = Measure("money", amount.currency)
    elif amount.percent:
        unit, size = amount.percent.split()
        base = Measure("percent" if unit == "%" else "percentage_points", unit, float(size))
    elif amount.number.fraction and amount.unit is None:
        base = Measure("percent", "%")
    elif amount.unit is not None:
        dimension, unit, factor, offset = unit_kind(amount.unit.name, amount.unit.power)
        base = Measure(dimension, unit, factor * amount.rate_factor, offset)
        if dimension == "temperature" and direction:
            base = Measure("temperature_change", "delta_K", factor)  # a change of 1 °C is 1 K
    else:
        base = Measure("count", "")
    if amount.per is None:
        return base
    if base.dimension in ("temperature", "temperature_change"):
        raise FigureError("a temperature per unit of time is not a figure claimcheck compares")
    per = amount.per
    if per in UNITS.label and _is_time(per):
        per_year = unit_kind(per)[2]  # years in one of the denominator
        if base.dimension == "length":
            return Measure("speed", "m/s", base.factor / (per_year * 365.25 * 86400))
        if base.dimension in ("percent", "percentage_points"):
            return Measure("rate", f"{base.unit}/{UNITS.label.get(per, per)}")  # compounding: never converted
        return Measure("rate", f"{base.unit}/year", base.factor / per_year)
    label = UNITS.label.get(per, per)
    return Measure("rate", f"{base.unit}/{label}", base.factor)


def _is_time(name: str) -> bool:
    try:
        return unit_kind(name)[0] == "duration"
    except FigureError:
        return False


def _interval(text: str, first: Amount, second: Amount | None, qualifier: str, noun: str, direction: int,
              settings: Settings) -> Figure:
    measure = _measure(first, direction)
    signed = any(a is not None and a.signed for a in (first, second))
    if signed and measure.dimension in UNSIGNED:
        raise FigureError(f"a {measure.dimension} is never negative; '-' or '+' before it may mark a class or a change "
                          "('-66kg', '+100kg'): write the figure, with a word such as 'up to', 'more than', 'down'")

    def scaled(amount: Amount) -> tuple[float, float]:
        k = (amount.scale or 1.0) * measure.factor
        return amount.sign * amount.number.value * k, amount.number.half_digit * k

    value, half = scaled(first)
    if not all(map(math.isfinite, (value, half))):
        raise FigureError("the number is too large to read")
    if first.number.vague:
        k = (first.scale or 1.0) * measure.factor
        low, high = first.number.vague[0] * k, first.number.vague[1] * k
    elif qualifier == "range":
        end, end_half = scaled(second)
        if end < value <= 0:
            (value, half), (end, end_half) = (end, end_half), (value, half)  # "-18 °C to -34 °C"
        if end < value:
            raise FigureError("the range runs backwards; write the smaller figure first")
        low, high, value = value - half, end + end_half, (value + end) / 2
    elif qualifier in ("about", "nearly"):
        tolerance = max(settings.about_tolerance * abs(value), half)
        low, high = value - tolerance, (value + tolerance if qualifier == "about" else value)
    elif qualifier in ("more_than", "at_least"):
        low, high = value, None
    elif qualifier in ("less_than", "at_most"):
        low, high = None, value
    else:
        tolerance = max(settings.exact_tolerance * abs(value), 0.0 if first.constant else half)
        low, high = value - tolerance, value + tolerance
    if direction < 0:
        value, low, high = -value, (None if high is None else -high), (None if low is None else -low)
    if low is not None and low < 0 <= value and direction >= 0 and measure.dimension in UNSIGNED and not signed:
        low = 0.0  # "0-5 years": an amount written without a sign does not reach below zero
    if measure.offset:
        value, low, high = (None if x is None else x + measure.offset for x in (value, low, high))
    return Figure(text=text, value=_round(value), low=_round(low), high=_round(high), unit=measure.unit,
                  dimension=measure.dimension, qualifier=qualifier, noun=noun)


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
    except (IndexError, AttributeError, TypeError, ValueError, OverflowError, KeyError, ZeroDivisionError) as error:
        raise FigureError(f"cannot read {text.strip()!r} as a figure ({type(error).__name__})") from None


@functools.lru_cache(maxsize=65536)
def _parse_once(text: str, settings: Settings) -> Figure | FigureError:
    try:
        return parse(text, settings)
    except FigureError as error:
        return error


def read_claims(corpus: Corpus) -> tuple[dict[str, Figure], list[Problem]]:
    """Every claim's figure read, by the figure's text (each distinct text is parsed once), and the
    problems of those that cannot be read."""
    known: dict[str, Figure | FigureError] = {}
    problems = read(corpus.claims, corpus.settings, known)
    return {text: figure for text, figure in known.items() if isinstance(figure, Figure)}, problems


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
    """An amount in its canonical unit as a person reads it: 'USD 400 billion', '30 years', '1,200 km',
    '10.5 days', '38 bcm/year', '15%'."""
    if x is None:
        return "open"
    if "/" in unit and unit != "m/s":
        numerator, _, denominator = unit.partition("/")
        return f"{human_amount(x, numerator) if numerator else human_number(x)} per {denominator}"
    if unit == "%":
        return f"{human_number(x)}%"
    if unit == "K":
        return f"{_plain(x - 273.15)} °C"
    if unit == "delta_K":
        return f"{_plain(x)} °C change"
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
    if low is None:
        return f"at most {human_amount(high, figure.unit)}"
    if high is None:
        return f"at least {human_amount(low, figure.unit)}"
    if low == high:
        return human_amount(low, figure.unit)
    return f"{human_amount(low, figure.unit)} to {human_amount(high, figure.unit)}"
