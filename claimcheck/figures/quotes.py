"""Whether a figure appears in its quote: the numbers it writes, with their scale, are found among the
quote's, whatever the separators, spelling and scale word ("$65.8 billion" in "65.8bn dollars", "three
decades" in "three decades", "1,500" in "1500")."""

from __future__ import annotations

import functools
import re

from .cursor import Cursor
from .errors import FigureError
from .numbers import number
from .tokens import tokens
from .vocabulary import Vocabulary

Written = tuple[float, float | None]
"""A number as written and the scale word after it, if any (65.8, 1e9)."""


def written_numbers(text: str, vocab: Vocabulary) -> list[tuple[Written, str]]:
    """Every number a text writes, in order, each with the scale word or letter right after it, and as written."""
    found: list[tuple[Written, str]] = []
    run = tokens(text)
    c = Cursor(run, 0, vocab, True)
    while c.i < c.n:
        start = c.i
        token = c.peek()
        read = None
        if token.numeric or token.text in vocab.numbers or token.text in vocab.tens or token.text in vocab.fractions \
                or token.text in ("a", "an") or c.match(vocab.vague):
            try:
                read = number(c)
            except (FigureError, ValueError, ZeroDivisionError):
                read = None
        if read is None or c.i == start:
            c.i = start + 1
            continue
        if c.text_at() == "-" and c.peek(1) is not None and c.match(vocab.scales, 1):
            c.i += 1  # "$20-billion"
        scale = c.take(vocab.scales)
        if scale is None and c.peek() is not None and c.peek().attached and (letter := c.take(vocab.scale_letters)):
            scale = letter  # "$5bn" reads above; "$5m", "5M"
        found.append(((read.value, float(scale) if scale else None), c.written(start)))
    return found


def _same(figure: Written, quoted: Written) -> bool:
    (a, a_scale), (b, b_scale) = figure, quoted
    if abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1) and (a_scale == b_scale or a_scale is None or b_scale is None):
        return True  # "$30 billion" in "$30-40 billion", "40" in "40-year"
    whole_a, whole_b = a * (a_scale or 1), b * (b_scale or 1)
    return abs(whole_a - whole_b) <= 1e-9 * max(abs(whole_a), abs(whole_b), 1)  # "1.5 million" in "1,500,000"


def missing_from_quote(figure: str, quote: str, vocab: Vocabulary) -> list[str]:
    """The numbers of `figure` that `quote` does not write, as the figure writes them; empty when all are there."""
    if _written_alone(figure, quote, vocab):
        return []  # most claims quote their figure as written: the quote's numbers need not be read
    quoted = [written for written, _ in written_numbers(quote, vocab)]
    missing = [text for written, text in written_numbers(figure, vocab) if not any(_same(written, other) for other in quoted)]
    if any(text.lower() in ("a", "an") for text in missing):  # "ships a day so any ...": the quote's "a" is refused there
        articles = {token.text for token in tokens(quote) if token.text in ("a", "an")}
        missing = [text for text in missing if text.lower() not in articles]
    return missing


_WORD = re.compile(r"[^\W\d_]+")
_GLUED = re.compile(r"[^\W\d_]\d")
_NEXT_WORD = re.compile(r"[^\w]*?([^\W_][\w']*)")
_LAST_WORD = re.compile(r"([^\W_][\w']*)[^\w]*$")
_JOINED_BEFORE = "-+\u2212\u2013\u2014/\u2044_.,'"
_JOINED_AFTER = "-+\u2013\u2014/\u2044_"
"""Marks that join a number to the one beside it: a figure written beside one of them may be part of a longer
number, a range or a fraction ("-5", "1/2", "1.55", "1,500"), which only a reading of the quote tells (a point
or a comma after the figure joins only a digit: "$400 billion." stands alone)."""


def _written_alone(figure: str, quote: str, vocab: Vocabulary) -> bool:
    """Whether the quote writes the figure as it is (spaces folded) and standing alone: no letter, digit or joining
    mark against it, no number, number word, scale, multiplying or ratio word or "and" just before it, nor after it
    when the figure ends in a digit ("5 billion" in "$15 billion", "five" in "twenty five", "one" in "one and a
    half", "2" in "1/2", "10 voters" in "3 out of 10 voters", "5" in "5 dozen"). Every number of the figure is then
    one the quote writes; a figure the quote writes otherwise is found by reading the quote's numbers."""
    lower = figure.lower()
    if not _number_words(vocab).isdisjoint(_WORD.findall(lower)):
        return False  # a number written in words is read with the words around it ("a month", "one and a half")
    if _GLUED.search(figure) or lower.rstrip().endswith(_ratio_endings(vocab)):
        return False  # "i7 860", "A320": a code; "2 in": a figure ending in a word that joins it to the next
    figure, quote = " ".join(figure.split()), " ".join(quote.split())
    at = quote.find(figure) if figure else -1
    while at >= 0:
        before, after = quote[:at], quote[at + len(figure):]
        if not _joined(before[-1:], _JOINED_BEFORE) and not _joined(after[:1], _JOINED_AFTER) \
                and not (after[:1] in ".," and after[1:2].isdigit()) \
                and not _numeric(_LAST_WORD.search(before[-40:]), vocab) \
                and not (_open_ended(figure, vocab) and _numeric(_NEXT_WORD.match(after), vocab)):  # "$5 billion in 2022"
            return True
        at = quote.find(figure, at + 1)
    return False


def _open_ended(figure: str, vocab: Vocabulary) -> bool:
    """Whether a figure's number may go on into the words after it: it ends in a digit or a multiplier ("5",
    "5 dozen" of "5 dozen and a half"); one that ends in a unit, a scale or a noun is whole ("$5 billion in 2022")."""
    last = _LAST_WORD.search(figure[-40:])
    return figure[-1].isdigit() or last is not None and last.group(1).lower() in vocab.multipliers


def _joined(mark: str, marks: str) -> bool:
    """Whether the character beside a figure (none at the quote's start or end) joins it to what stands there."""
    return bool(mark) and (mark.isalnum() or mark in marks)


@functools.lru_cache(maxsize=8)
def _number_words(vocab: Vocabulary) -> frozenset[str]:
    """The words (lower case) that may write a number: "a", "an", a number, tens, fraction or vague number word;
    gathered once, as a figure's quote is checked for every claim."""
    tables = (vocab.numbers, vocab.tens, vocab.fractions, vocab.vague)
    return frozenset(("a", "an", *(word for table in tables for word in (*table, *table.firsts))))


@functools.lru_cache(maxsize=8)
def _ratio_endings(vocab: Vocabulary) -> tuple[str, ...]:
    """A figure that ends in a word of [ratio words] ("2 in"), as `str.endswith` takes them."""
    return tuple(f" {word}" for word in vocab.ratio_words)


@functools.lru_cache(maxsize=8)
def _scale_words(vocab: Vocabulary) -> frozenset[str]:
    """The words beside a number that may scale, multiply or divide it (`_numeric`): scale words, multipliers
    ("dozen", "baker's dozen", "score") and [ratio words]."""
    return frozenset((*vocab.scales, *vocab.scales.firsts, *vocab.multipliers, *vocab.multipliers.firsts, *vocab.ratio_words))


def _numeric(found: re.Match | None, vocab: Vocabulary) -> bool:
    """Whether a word beside a figure may belong to its number: digits, a number, tens, fraction, scale, vague or
    multiplying word ("dozens", "dozen", "out of", "in"), "and"; never "a" or "an" before it."""
    if found is None:
        return False
    word = found.group(1).lower()
    if word in ("a", "an"):
        return False  # "a 30-year deal": an article before a figure written in digits
    return word[:1].isdigit() or word == "and" or word in _scale_words(vocab) or word in _number_words(vocab)
