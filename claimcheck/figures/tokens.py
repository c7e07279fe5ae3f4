"""Text into tokens: numbers, words and symbols, each with where it stands in the text.

Dashes, minus signs, the multiplication sign, curly apostrophes and the narrow and no-break
spaces are folded one character for one, so offsets into the folded text are offsets into the
text as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

FRACTION_CHARACTERS = "½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
POWER_CHARACTERS = "\u00b2\u00b3\u00b9\u2070-\u209f"
NUMBER_STARTS = rf"\d.{FRACTION_CHARACTERS}"
"""Every number token starts with one of these: the other kinds are tried at once on any other character."""
PATTERN = re.compile(
    rf"(?=[{NUMBER_STARTS}])(?:(?P<sci>\d+(?:\.\d+)?\s?[×x]\s?10\s?(?:\^\s?-?|-)\d+|\d+(?:\.\d+)?e-?\d+(?![^\W\d_]))"
    rf"|(?P<vulgar>\d*[{FRACTION_CHARACTERS}])"
    r"|(?P<ratio>\d+/\d+(?![\d/]))"
    r"|(?P<num>\d{1,3}(?:\.\d{3})+,\d{1,2}(?![\d,.])|\d{1,3}(?:\.\d{3}){2,}(?![\d,.])"  # "1.234,56", "1.234.567"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,])|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])"
    r"|\d{1,3}(?: \d{3})+(?![\d.,/])|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?|(?<![^\W\d_])\.\d+))"
    rf"|(?P<power>[{POWER_CHARACTERS}])"
    rf"|(?P<word>[^\W\d_{POWER_CHARACTERS}]+(?:'s)?)"
    r"|(?P<sym>\S)"
)
NORMALIZE = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
                            "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2019": "'",
                            "\u00d7": "×", "\u03bc": "\u00b5"})
NUMERIC = frozenset({"num", "sci", "ratio", "vulgar"})


@dataclass(slots=True)
class Token:
    kind: str  # num, sci, ratio, vulgar, power, word, sym, foreign
    text: str  # lower-cased, dashes folded
    raw: str  # as written, dashes folded
    start: int  # offsets in the text
    end: int
    attached: bool  # no space before it

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC


class Tokens(list):
    """The tokens of one text, which they remember, so that a figure found in them is quoted as written."""

    __slots__ = ("text",)

    def __init__(self, text: str, tokens: list[Token]):
        super().__init__(tokens)
        self.text = text

    def span(self, start: int, end: int) -> str:
        """The text of tokens start..end-1 as written, whitespace folded to single spaces."""
        return " ".join(self.text[self[start].start:self[end - 1].end].split())


def tokens(text: str) -> Tokens:
    """The tokens of a text. A number holding a digit of another script is a token of its own kind,
    `foreign`, which the reader refuses rather than misread."""
    folded = text.translate(NORMALIZE)
    found = Tokens(text, [])
    append = found.append
    end = 0
    for match in PATTERN.finditer(folded):
        previous_end, (start, end) = end, match.span()
        attached = start == previous_end and start > 0  # only whitespace lies between tokens
        raw = match.group()
        kind = match.lastgroup or "sym"
        if kind == "num" and not raw.isascii() and any(unicodedata.category(ch) == "No" for ch in raw):
            kind = "foreign"
        append(Token(kind, raw.lower(), raw, start, end, attached))
    return found
