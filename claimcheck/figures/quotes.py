"""Whether a figure appears in its quote: the numbers it writes, with their scale, are found among the
quote's, whatever the separators, spelling and scale word ("$65.8 billion" in "65.8bn dollars", "three
decades" in "three decades", "1,500" in "1500")."""

from __future__ import annotations

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
    quoted = [written for written, _ in written_numbers(quote, vocab)]
    return [text for written, text in written_numbers(figure, vocab) if not any(_same(written, other) for other in quoted)]
