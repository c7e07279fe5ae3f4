"""Numbers as news writes them: digits with their precision, words, fractions, shares, vague magnitudes."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from ..models import plain
from .cursor import Cursor
from .errors import FigureError

SHARE_PRECISION = 0.5
"""A share in words ("a third", "3 in 10") is as precise as a whole percentage point: "a third" and
"34%" agree."""


@dataclass(slots=True)
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

THREE_AFTER_POINT = re.compile(r"\d{1,3}\.\d{3}")
"""'€1.899': next to a currency, a point before three digits separates thousands in much of the world."""


_POINT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+,\d{1,2}|\d{1,3}(?:\.\d{3}){2,}")
"""Thousands separated by points, settled by a decimal comma or a second point: "1.234,56", "1.234.567"."""


def digits(text: str) -> Number:
    if _POINT_GROUPED.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif "," in text and not _GROUPED.fullmatch(text):
        text = text.replace(",", ".")  # a decimal comma: "26,9"
    text = text.replace(",", "").replace(" ", "")
    if not text.isascii():  # full-width and other scripts' digits, read as the digits they are
        text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)
    _, _, decimals = text.partition(".")
    return Number(float(text), 0.5 * 10 ** -len(decimals))


def scientific(text: str) -> Number:
    text = text.replace(" ", "")
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
    else:
        mantissa, _, exponent = re.split(r"([×x]10\^?)", text, maxsplit=1)
    base = digits(mantissa)
    factor = 10.0 ** int(exponent)
    return Number(base.value * factor, base.half_digit * factor)


def ratio(text: str) -> float:
    numerator, _, denominator = text.partition("/")
    if float(denominator) == 0:
        raise FigureError("a fraction with a zero denominator")
    return float(numerator) / float(denominator)


def decimal_precision(share: float) -> float:
    """'half a million' is as precise as '0.5 million', 'a quarter of a century' as '0.25 century'."""
    for places in (1, 2):
        if abs(share * 10 ** places - round(share * 10 ** places)) < 1e-9:
            return 0.5 * 10 ** -places
    return 0.005


def starts_number(c: Cursor, offset: int = 0) -> bool:
    """Whether a number may start at the cursor (plus `offset`): digits, a number word, a fraction, a vague magnitude."""
    token = c.peek(offset)
    if token is None:
        return False
    v = token.text
    return (token.kind not in ("word", "sym") or v in c.vocab.numbers or v in c.vocab.tens or v in c.vocab.fractions
            or c.match(c.vocab.vague, offset) is not None or c.match(c.vocab.constants, offset) is not None)


def number(c: Cursor, share: bool = True) -> Number | None:
    """The number at the cursor. `share` False after a currency sign: "$443 in 2013" is an amount and a year,
    never a share of 2013."""
    token = c.peek()
    if token is None:
        return None
    kind = token.kind
    if kind == "foreign":
        raise FigureError(f"{token.raw!r} holds a digit claimcheck cannot read; write the number in 0-9")
    if kind == "num":
        if "." in token.raw and _THOUSANDS_POINT.fullmatch(token.raw):
            raise FigureError(f"{token.raw!r} may be {token.raw.replace('.', ',')} (a point between thousands) or "
                              f"{float(token.raw):g}; write {token.raw.replace('.', ',')} or {float(token.raw):g}")
        c.i += 1
        if " " in token.raw:
            _space_grouped(c, token.raw)
        read = digits(token.raw)
        following = c.peek()
        if following is not None and (following.kind, following.attached) in (("ratio", False), ("vulgar", True)):
            c.i += 1  # "2 1/2", "2½"
            part = ratio(following.text) if following.kind == "ratio" else _character(c, following.text)
            read = Number(read.value + part, part / 2)  # as precise as "two and a half"
        elif following is not None and (multiplier := c.take(c.vocab.multipliers)) is not None:
            factor = float(multiplier)
            read = Number(read.value * factor, read.half_digit * factor)
        read = and_a_half(c, read)
        return in_every(c, read) if share else read
    if kind == "sci":
        c.i += 1
        return scientific(token.text)
    if kind == "ratio":
        if not unit_follows(c, 1):
            raise FigureError(f"{token.raw!r} may be a share, odds, a score or a date; write a share as a percentage "
                              f"({plain(ratio(token.text) * 100)}%)")
        c.i += 1
        return Number(ratio(token.text), 0.0)
    if kind == "vulgar":
        c.i += 1
        whole, part = float(token.text[:-1] or 0), _character(c, token.text[-1])
        if not whole and not unit_follows(c):
            return Number(part * 100, SHARE_PRECISION, fraction=True)
        return Number(whole + part, part / 2 if whole else decimal_precision(part))  # "3½ years", "½ mile"
    if (vague := c.match(c.vocab.vague)) is not None:
        c.i += vague[1]
        low, high = (float(x) for x in vague[0].split())
        return Number(math.sqrt(low * high), 0.0, vague=(low, high))
    return spelled(c)


def _space_grouped(c: Cursor, raw: str) -> None:
    """'10 000 km': thousands parted by a space are read only when a unit, a currency or a scale stands apart after
    them, or nothing does. '35 737 Max jets', '4 155mm shells', '20 777 freighters' are two numbers."""
    following = c.peek()
    if following is None or following.kind == "sym" and not following.attached:
        return
    vocab = c.vocab
    apart = not following.attached and (c.unit_at() is not None or c.match(vocab.currencies) is not None
                                        or c.match(vocab.scales) is not None or c.match(vocab.percent) is not None)
    if not apart:
        first, _, rest = raw.partition(" ")
        raise FigureError(f"{raw!r} may be {first.replace(' ', '')}{rest.replace(' ', '')} or two numbers ({first} and "
                          f"{rest}); write {first},{rest.replace(' ', ',')} for one number")


def _character(c: Cursor, character: str) -> float:
    return float(c.vocab.fraction_characters[character])


def unit_follows(c: Cursor, offset: int = 0) -> bool:
    return c.unit_at(offset) is not None or (
        c.match(c.vocab.powers_before, offset) is not None and c.unit_at(offset + 1) is not None)


YEAR = re.compile(r"(19|20)\d\d")
"""A number that may be a year."""


def in_every(c: Cursor, read: Number) -> Number:
    """'3 in 10', 'one in five', 'nine out of 10': a share."""
    if c.text_at() not in ("in", "out", "-"):
        return read
    start = c.i
    hyphens = 1 if c.text_at() == "-" and c.text_at(1) == "in" else 0  # "a one-in-a-million chance"
    c.i += hyphens
    skip = 1 if c.text_at() == "in" else 2 if (c.text_at(), c.text_at(1)) == ("out", "of") else 0
    if skip and c.text_at(skip) == "-":
        skip += 1
    if skip and c.text_at(skip) in ("every", "each"):
        skip += 1  # "one in every five"
    following = c.peek(skip)
    scales = c.vocab.scales
    hyphenated_scale = following is not None and following.text in ("a", "an") and c.text_at(skip + 1) == "-" \
        and c.match(scales, skip + 2)
    after_whole = c.peek(skip + 1)
    if not skip or following is None or not (
            following.kind == "num" or following.text in c.vocab.numbers or following.text in c.vocab.tens
            or hyphenated_scale or (following.text in ("a", "an") and c.match(scales, skip + 1))):
        c.i -= hyphens
        return read
    if not c.whole and YEAR.fullmatch(following.raw) and (after_whole is None or after_whole.kind != "word"
                                                          or after_whole.text in c.vocab.noun_stops):
        if read.half_digit < 0.5:
            c.i -= hyphens
            return read  # "to 35.2 in 2018": a part with decimals of a year-like whole is no share, but a number and its year
        raise FigureError(f"'{c.written(c.i - 1, c.i + skip + 1)}' may be a share (one in 2000) or a number and a "
                          "year (Voyager 2 in 1979); write a share as a percentage or with what is counted")
    if hyphenated_scale:
        c.i += skip + 2
        whole = Number(1.0, 0.0)  # the "a" of "in-a-million"
    else:
        c.i += skip
        whole = number(c)
    scale = c.take(scales)  # "one in a million"
    if whole is None or whole.value == 0 or whole.fraction:
        raise FigureError("a share 'X in Y' needs a whole Y greater than zero")
    if read.value > whole.value * float(scale or 1):
        raise FigureError(f"'{c.written(start, c.i)}' is no share: the part is more than the whole; a number and a year "
                          "('5,000 in 2020') or a score is written apart from it")
    share = 100 * read.value / (whole.value * float(scale or 1))
    return Number(share, min(SHARE_PRECISION, share / 2), fraction=True, ratio=True)


def and_a_half(c: Cursor, read: Number) -> Number:
    """'two and a half miles', 'one and a half billion', 'two-and-a-half years', 'an hour and half',
    'one hundred and three quarters'."""
    text = c.text_at()
    if text != "and" and not (text == "-" and c.text_at(1) == "and"):
        return read
    words = [t.text for t in c.tokens[c.i:c.i + 7] if t.text != "-"]
    if len(words) < 2 or words[0] != "and":
        return read
    fractions = c.vocab.fractions
    count = c.vocab.number(words[1]) if words[1] not in ("a", "an") else 1
    if words[1] in fractions and words[1] == "half":
        numerator, used = 1, 2  # "an hour and half"
    elif count and len(words) >= 3 and words[2] in fractions:
        numerator, used = count, 3  # "and a half", "and three quarters"
    else:
        return read
    denominator = c.vocab.denominator(words[used - 1])
    seen = 0
    while seen < used:
        seen += c.tokens[c.i].text != "-"
        c.i += 1
    part = numerator / denominator
    return Number(read.value + part, min(read.half_digit, 0.5 / denominator))  # "and a half": as precise as a quarter


def spelled(c: Cursor) -> Number | None:
    """Numbers in words: 'twenty-one', 'a hundred and two', 'a dozen', 'two-thirds', 'half'."""
    vocab = c.vocab
    start = c.i
    text = c.text_at()
    value = None
    if text in ("a", "an", "one") and c.text_at(1) in vocab.fractions:
        if not c.whole and c.text_at(-1) == "and":
            return None  # "a year and a half": the half of something read before it, never a share
        c.i += 1
        return _fraction(c, 1)
    if text in vocab.fractions:  # "half", "a quarter" are read above; a bare "quarter" too
        if not c.whole and not _share_in_sentence(c):
            return None  # "the fourth quarter", "the first half of 2022", "the Fourth of July"
        c.i += 1
        return Number(100.0 / vocab.denominator(text), SHARE_PRECISION, fraction=True)
    if text in ("a", "an"):
        if (multiplier := c.match(vocab.multipliers, 1)) is not None:
            after = c.peek(1 + multiplier[1])
            if not c.whole and not (after is not None and (after.text == "of" or after.text.endswith("s"))):
                return None  # in a sentence "a gross profit" is no 144, "a score" no 20: only "a dozen eggs"
            c.i += 1 + multiplier[1]
            return Number(float(multiplier[0]), 0.5)
        if c.match(vocab.percent_after_an_article, 1) is not None:
            c.i += 1  # "a percentage point", "a percent"
            return Number(1.0, 0.5)
        if c.match(vocab.scales, 1) is not None or c.match(vocab.units.folded, 1) is not None:
            unit_size = c.match(vocab.units.folded, 1)
            after = c.peek(1 + unit_size[1]) if unit_size else None
            if after is not None and ((after.kind == "word" and after.text not in vocab.prepositions
                                       and not c.match(vocab.time_references, 1 + unit_size[1])
                                       and not (after.text == "and" and c.text_at(2 + unit_size[1]) in ("a", "half")))
                                      or (after.text == "-" and after.attached)):
                if c.whole:
                    raise FigureError(f"'{c.peek().raw} {c.peek(1).raw}' before another word is a name or an ordinal "
                                      "('a stone wall', 'a second-hand car'), not an amount; write the number")
                return None
            c.i += 1  # "a year", "a million"; not "an F-35" or "a C-130"
            value = 1
    elif text in vocab.tens:
        value = vocab.ten(text)
        c.i += 1
        if c.text_at() == "-" and 0 < (vocab.number(c.text_at(1) or "") or 0) < 10:
            value += vocab.number(c.text_at(1))
            c.i += 2
        elif 0 < (vocab.number(c.text_at() or "") or 0) < 10:
            value += vocab.number(c.text_at())  # "twenty one"
            c.i += 1
    elif text in vocab.numbers:
        value = vocab.number(text)
        c.i += 1
        if c.text_at() == "-" and c.text_at(1) == "and":
            c.i += 1  # "two-and-a-half"
        if c.text_at() == "-" and c.text_at(1) in vocab.fractions:
            c.i += 1
        if c.text_at() in vocab.fractions and value > 0:
            return _fraction(c, value)
    if value is None or not c.whole and text == "one" and not _quantity_follows(c) and not _lowercase_word(c) \
            and not c.designation():
        c.i = start
        return None  # in a sentence "one" counts what follows it ("one agreement", "one S-400 system"), not "one of
        # them", "that one.", "One Direction"
    if (multiplier := c.match(vocab.multipliers)) is not None:
        value *= float(multiplier[0])
        c.i += multiplier[1]
    elif c.text_at() == "hundred":
        value *= 100
        c.i += 1
    if c.text_at() == "hundred" and value < 10:
        value *= 100
        c.i += 1
    skip = 1 if c.text_at() == "and" else 0  # "a hundred and two", "six hundred forty-two"
    if (c.text_at(skip) in vocab.numbers or c.text_at(skip) in vocab.tens) and value % 100 == 0 and value \
            and c.text_at(skip + 1) not in vocab.fractions and (skip or value >= 100):
        c.i += skip
        rest = spelled(c)
        value += int(rest.value) if rest else 0
    value = _thousands(c, value)
    return in_every(c, and_a_half(c, Number(float(value), 0.5)))


def _thousands(c: Cursor, value: float) -> float:
    """'twenty-eight thousand six hundred forty-two': a scale word between number words multiplies what
    comes before it and adds what comes after."""
    scale = c.match(c.vocab.scales)
    after = c.text_at(scale[1]) if scale else None
    if scale is None or value >= 1000 or not (after in c.vocab.numbers or after in c.vocab.tens):
        return value
    start = c.i
    c.i += scale[1]
    rest = spelled(c)
    part = rest.value if rest else 0.0
    smaller = c.match(c.vocab.scales)
    if rest is not None and smaller is not None and float(smaller[0]) < float(scale[0]) and part < 1000:
        part *= float(smaller[0])  # "one million two hundred thousand"
        c.i += smaller[1]
    if rest is None or part >= float(scale[0]):
        c.i = start
        return value
    return value * float(scale[0]) + part


def _share_in_sentence(c: Cursor) -> bool:
    """In a sentence a bare fraction word is a share only as 'half' (not 'the first half') before what it is of."""
    before, after = c.peek(-1), c.peek(1)
    hedged = c.match_before(c.vocab.prefix_hedges) is not None  # "Nearly half of voters": the capital is the hedge's
    if c.peek().text not in ("half",) or before is not None and (
            before.text in c.vocab.articles or before.raw[:1].isupper() and not hedged
            or before.text in ("first", "second", "last", "final")):
        return False
    if before is not None and before.text == "by" and (after is None or after.kind == "sym" and after.text != "-"
                                                        or after.text in c.vocab.prepositions):
        return True  # "fell by half.", "cut by half in 2020"; not "by half-time"
    if after is not None and after.text in c.vocab.range_joins and any(c.text_at(k) in c.vocab.fractions for k in (2, 3, 4)):
        return True  # "half to two-thirds of voters": a range of shares
    return after is not None and (after.text in ("of", "the", "a", "an", "their", "its", "his", "her", "our")
                                  or c.match(c.vocab.scales, 1) is not None or unit_follows(c, 1))


_CLAUSE_ENDS = ".!?,;:"
YEARS = range(1800, 2101)  # a four-digit number in here may be a year
_YEAR_SPAN = re.compile(r"(\d{4})[-/](\d{2}|\d{4})")


def years_span(written: str) -> tuple[int, int] | None:
    """The first and last year of a span written "2018-19" or "2016/17" (a fiscal year, a season) or "1914-1918",
    else None."""
    span = _YEAR_SPAN.fullmatch(written)
    if span is None or int(span[1]) not in YEARS:
        return None
    first = int(span[1])
    if len(span[2]) == 4:
        last = int(span[2])
        return (first, last) if last in YEARS and first < last <= first + 100 else None
    last = first // 100 * 100 + int(span[2])
    last += 100 if last <= first else 0
    return (first, last) if last - first <= 10 else None


def _lowercase_word(c: Cursor) -> bool:
    """A word in lower case after "one" that may be what it counts: not a stop word, nor a word in -s followed by a
    number, a word of [verb objects] or the end of the clause, which is the verb after a singular ("That one costs 3
    dimes", "one asks the board"; but "one news crew", "one savings bank", "one series")."""
    token = c.peek()
    if token is None or token.kind != "word" or not token.raw.islower() or token.text in c.vocab.noun_stops:
        return False
    if not c.vocab.verb_in_s(token.text):
        return True
    after = c.peek(1)
    return not (after is None or after.numeric or after.text in c.vocab.verb_objects or after.text in _CLAUSE_ENDS)


def _quantity_follows(c: Cursor) -> bool:
    """A scale, a multiplier, a unit, a currency, a percentage, another number word, 'and a half' or 'in
    ten' after 'one': then it is a number."""
    vocab = c.vocab
    token = c.peek()
    return token is not None and (c.match(vocab.scales) is not None or c.match(vocab.multipliers) is not None
                                  or unit_follows(c) or c.match(vocab.currencies) is not None
                                  or c.match(vocab.percent) is not None or token.text in ("hundred", "and", "in", "out", "-", "to", "or")
                                  or c.match(vocab.rate_units) is not None)


def _fraction(c: Cursor, numerator: int) -> Number:
    denominator = c.vocab.denominator(c.peek().text)
    c.i += 1
    return Number(100.0 * numerator / denominator, SHARE_PRECISION, fraction=True)
