"""One amount of a figure: a sign, a currency, a number, its scale, and what it is in (a unit, a
percentage, a rate)."""

from __future__ import annotations

from . import numbers, typos, units
from .cursor import Cursor
from .errors import Ambiguous, FigureError, NoFigure, TwoReadings
from .numbers import Number
from .parts import Amount, Unit

SIGNS = {"-": -1, "minus": -1, "negative": -1, "+": 1, "plus": 1}


def amount(c: Cursor) -> Amount:
    vocab = c.vocab
    if (constant := c.take(vocab.constants)) is not None:
        value, name = constant.split(" ", 1)
        return Amount(Number(float(value), 0.0), unit=Unit(name), constant=True)
    unit_before = units.unit_before(c)
    if unit_before is not None:
        c.i += unit_before[1]
    start = c.i
    sign = _sign(c)
    currency = units.currency(c, before=True)
    if sign == 1 and currency is not None:
        sign = _sign(c)  # "$-99.99"
    signed = c.i > start and any(t.text in SIGNS for t in c.tokens[start:c.i])
    number_start = c.i
    number = numbers.number(c, share=currency is None)
    if number is None:
        token = c.peek()
        if not c.whole:
            raise NoFigure("no number here")
        if not any(t.kind not in ("word", "sym") or t.text in vocab.numbers or t.text in vocab.tens for t in c.tokens[c.start:]):
            raise FigureError(f"no number found in {c.written(c.start, c.n)!r}")
        raise FigureError(f"expected a number at {token.raw!r}" if token else "the figure ends before its number")
    result = Amount(number, sign, signed=signed, currency=currency)
    if number.fraction:
        fraction_of(c, result)
    if c.text_at() == "-" and c.peek(1) is not None and c.peek(1).kind == "word":
        c.i += 1  # "$20-billion", "30-year": a scale or unit joined by a hyphen
        if not (c.match(vocab.scales) or c.match(vocab.scale_letters) or c.unit_at() or c.match(vocab.percent)
                or c.match(vocab.currencies)):
            c.i -= 1
        elif number.vague:
            raise FigureError(f"'{c.written(number_start, c.i + 1)}' may count things of that size ('a few "
                              "hundred-year-old trees' are trees a hundred years old) or be their size; write it in numbers")
    if not number.vague:
        _scale(c, result, number_start)
    if number.vague and c.text_at() == "of" and c.peek(1) is not None and c.peek(1).kind == "word":
        c.i += 1  # "tens of thousands of dollars", "dozens of people"
    if number.vague and c.match(vocab.scales) is not None:
        raise FigureError(f"'{c.written(number_start, c.i + 1)}' is a vague magnitude claimcheck does not list; write "
                          "it as 'hundreds of thousands' or 'several hundred thousand', or in numbers")
    if c.text_at() == "-" and c.peek(1) is not None and c.peek(1).kind == "word":
        c.i += 1
        if not (c.unit_at() or c.match(vocab.percent) or c.match(vocab.currencies) or c.match(vocab.rate_units)):
            c.i -= 1
    if result.scale and not result.number.vague:
        result.number = numbers.and_a_half(c, result.number)  # "a million and a half"
    units.after_number(c, result)
    if unit_before is not None:
        _written_before(c, result, unit_before[0], start - unit_before[1])
    if result.currency and not result.scale and numbers.THREE_AFTER_POINT.fullmatch(c.tokens[number_start].raw):
        raw = c.tokens[number_start].raw
        raise FigureError(f"{raw!r} next to a currency may be {raw.replace('.', ',')} (a point between thousands, as "
                          f"much of the world writes it) or {float(raw):g}; write {raw.replace('.', ',')} or "
                          f"{float(raw):g}")
    return result


def _written_before(c: Cursor, result: Amount, name: str, start: int) -> None:
    """'magnitude 7.1': the unit written before the number is the amount's, if the number has nothing else and
    counts nothing ('magnitude 5 people' is the sentence's magnitude and five people)."""
    again = result.unit == Unit(name)  # "magnitude 7.1 on the Richter scale"
    counts = result.number.half_digit >= 0.5 and _counted_after(c)
    if (result.has_unit() and not again) or result.scale or result.per or result.signed or result.number.fraction \
            or result.number.vague or counts:
        if not c.whole and not counts:
            raise NoFigure("the word before the number is the sentence's")  # "of that magnitude 5 years ago"
        raise FigureError(f"{c.tokens[start].raw!r} before the number is a unit, and what follows the number is "
                          "another or counts something; write one")
    result.unit, result.unit_first = Unit(name), True


def _counted_after(c: Cursor) -> bool:
    """Whether a plural noun follows a whole number ('magnitude 5 people died', '3 times'): what is counted; not
    a verb ('magnitude 6 killed 5 people', 'magnitude 5 rises to 6'). '5.1 quakes' count no quakes."""
    token = c.peek()
    return token is not None and token.kind == "word" and c.vocab.plural(token.text) \
        and not c.vocab.verb_like_ending(token.text) and token.text not in c.vocab.noun_stops \
        and token.text not in c.vocab.change_verbs


def _scale(c: Cursor, result: Amount, number_start: int) -> None:
    vocab = c.vocab
    if (scale := c.take(vocab.scales)) is not None:
        result.scale = float(scale)
        if c.text_at() == "-" and c.match(vocab.scales, 1):
            c.i += 1
        while (more := c.take(vocab.scales)) is not None:
            result.scale *= float(more)  # "1.5 lakh crore", "a thousand billion"
        _smaller_scale(c, result)
        return
    if (letter := c.match(vocab.scale_letters)) is not None and c.peek().raw.lower() == c.peek().text \
            and not (c.designation() and not c.peek().attached):  # "31 M1 Abrams tanks", "10 B-52 bombers"
        if (unit := c.unit_at()) is not None and unit[1] > 1:
            return  # "80 m.p.h": a unit that starts with a scale letter
        _scale_letter(c, result, float(letter[0]), number_start)
        return
    typos.refuse_scale_typo(c)


def _smaller_scale(c: Cursor, result: Amount) -> None:
    """'$1 billion 250 million': a number of a smaller scale right after a scale adds to the amount."""
    token = c.peek()
    if token is None or token.kind != "num" or token.attached or (smaller := c.match(c.vocab.scales, 1)) is None:
        return
    part = numbers.digits(token.raw)
    if part.value * float(smaller[0]) >= result.scale:
        return  # not smaller: "1 million 2 million" is two amounts
    ratio = float(smaller[0]) / result.scale
    result.number = Number(result.number.value + part.value * ratio, part.half_digit * ratio)
    c.i += 1 + smaller[1]


def _scale_letter(c: Cursor, result: Amount, factor: float, number_start: int) -> None:
    """'$5m', '5m barrels': a single letter is a scale only beside money or before a unit or plural noun."""
    vocab = c.vocab
    letter = c.peek()
    following = c.peek(1)
    if result.currency or (following is not None and c.match(vocab.currencies, 1)):
        if result.currency is None:
            units.refuse_glued_sign(c, 1)  # "1 T$" is no trillion dollars
        c.i += 1
        result.scale = factor
        return
    hyphen = 1 if following is not None and following.text == "-" and following.attached else 0
    size = c.match(vocab.size_words, 1 + hyphen)
    after_size = c.peek(1 + hyphen + size[1]) if size else None
    if letter.text == "m" and size and (not hyphen or c.peek(2).attached and size[0] == "metres") \
            and (after_size is None or not (after_size.attached and after_size.text == "-")) \
            and c.match(vocab.size_compounds, 1 + hyphen) is None:
        return  # "37m tall", "a 400m-long ship": metres, read as the unit; not "2m long-term unemployed"
    if letter.text == "m" and following is not None and following.attached and (
            c.match(vocab.powers_after, 1) or following.text == "/"):
        return  # "5m²", "m/s": metres
    if letter.text == "t":
        return  # without money, "t" is tonnes
    if following is not None and (
            c.unit_at(1) or c.match(vocab.rate_units, 1) or following.text in vocab.scaled_nouns
            or following.text in vocab.plural_nouns):
        c.i += 1
        result.scale = factor
        return
    raise FigureError(f"{letter.raw!r} after a number may be a scale (thousand, million, billion) or a unit; "
                      "write the word: million or metres, thousand or kelvin, billion or bytes")


def _sign(c: Cursor) -> int:
    if c.text_at() not in SIGNS or (length := sign_length(c, 0)) == 0:
        return 1
    sign = SIGNS[c.text_at()]
    c.i += length
    return sign


def sign_length(c: Cursor, offset: int) -> int:
    """How many tokens the sign before a number at `offset` takes: '-5', 'minus 5' and 'minus-130' (a word and its
    hyphen); 0 when none stands there."""
    token = c.peek(offset)
    if token is None or token.text not in SIGNS:
        return 0
    if token.kind == "word" and c.text_at(offset + 1) == "-" and c.peek(offset + 1).attached:
        return 2 if digit_follows(c, offset + 2) else 0
    return 1 if digit_follows(c, offset + 1) else 0


def digit_follows(c: Cursor, offset: int) -> bool:
    """A number or a currency right after a sign; a dash apart from the number is punctuation ("then - 18")."""
    token = c.peek(offset)
    if token is None or c.peek(offset - 1).kind == "sym" and not token.attached:
        return False
    return token.kind not in ("word", "sym") or c.match(c.vocab.currencies, offset) is not None


def fraction_of(c: Cursor, result: Amount) -> None:
    """'half a million', 'a quarter of a century', 'one-half miles': a fraction of a scale or unit."""
    vocab = c.vocab
    if result.number.ratio:
        return  # "a 1-in-100-year flood" is refused after the unit, never 0.01 years
    skip = 1 if c.text_at() in ("-", "of") else 0  # "half-hour", "a quarter of a century"
    if c.text_at(skip) in ("a", "an"):
        skip += 1
    share = result.number.value / 100
    if (multiplier := c.match(vocab.multipliers, skip)) is not None:
        c.i += skip + multiplier[1]  # "half a dozen"
        result.number = Number(share * float(multiplier[0]), 0.5)
        return
    if (ambiguous := c.match(vocab.ambiguous, skip)) is not None:
        raise Ambiguous(ambiguous[0])
    if c.match(vocab.percent, skip) is not None or (c.text_at() == "-" and c.match(vocab.percent, 1)):
        c.i += skip or 1  # "half a percent", "a quarter-percentage-point cut"
        result.number = Number(share, numbers.decimal_precision(share))
        return
    if c.text_at() == "-" and (point := c.match(vocab.fraction_points, 1)) is not None \
            and (change := _change_follows(c, 1 + point[1])) is not None:
        if not _rate_context(c, change):
            raise TwoReadings(f"'{c.peek(-1).raw}-{c.peek(1).raw}' may be index points or percentage points; only a "
                              "cut or a hike is a rate's; write the change with its unit ('rose 0.5 percentage "
                              "points', 'gained 0.5 points')")
        c.i += 1 + point[1]  # "a quarter-point cut", "a half-point hike": a fraction of a percentage point
        result.number, result.percent = Number(share, numbers.decimal_precision(share)), point[0]
        return
    if c.match(vocab.scales, skip) is not None or c.unit_at(skip) is not None or c.match(vocab.currencies, skip):
        if c.match(vocab.currencies, skip):
            raise FigureError("a fraction word (half, two-thirds) is read as a share; write the amount as a number")
        c.i += skip
        result.number = Number(share, numbers.decimal_precision(share))
    elif c.text_at() == "-" and c.peek(1) is not None and c.peek(1).kind == "word":
        if c.whole:
            raise FigureError(f"'{c.peek(-1).raw}-{c.peek(1).raw}' is not a share claimcheck can read; "
                              "write the amount as a number with its unit")
    elif c.peek() is not None and c.peek().kind == "word" and c.text_at() != "of" and _ordinal_word(c):
        raise FigureError(f"{c.peek(-1).raw!r} before {c.peek().raw!r} may be an ordinal (the third "
                          "term); write a share as a percentage or as 'a third of'")


def _change_follows(c: Cursor, offset: int) -> int | None:
    """Where a direction word stands at `offset`, after any change descriptors ("a quarter-point cut", "a half-point
    annual rise"), else None."""
    while (descriptor := c.match(c.vocab.change_descriptors, offset)) is not None:
        offset += descriptor[1]
    return offset if c.match(c.vocab.direction, offset) is not None else None


def _rate_context(c: Cursor, change: int) -> bool:
    """Whether a fraction of a point before the change at `change` is of a rate: the change is a rate's ("a
    quarter-point cut", "a half-point hike", [rate point changes]); else it may be index points ("The Dow posted a
    half-point gain"). Words near it in a sentence cannot decide: a figure field holds no sentence."""
    return c.match(c.vocab.rate_point_changes, change) is not None


def _ordinal_word(c: Cursor) -> bool:
    """'a third term', 'the fourth consecutive month': a singular fraction word before a noun is an ordinal."""
    word = c.peek(-1).text
    return word in c.vocab.fractions and not word.endswith("s") and word != "half"
