"""Text from sources, compared and shown safely. Pure.

An invisible character (a bidirectional override, a zero-width space, any other
control or format character) can make "9 km \u202eevil" display as "9 km live":
loading flags them, and every output shows them as their code, `<U+202E>`.
Quotes are compared with their archive the way a reader sees them: NFC, whitespace folded.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
"""Every character of Unicode category Cc (control) or Cf (format) but tab and newline, as of Unicode 15.1
(written out: building the class from `unicodedata` at import costs a tenth of a second per command)."""

_PLAIN = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
})


def invisible(text: str) -> list[str]:
    """The distinct invisible characters in `text`, in the order they first occur."""
    return list(dict.fromkeys(INVISIBLE.findall(text)))


def describe(char: str) -> str:
    """A character by its code and name, e.g. 'U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"


def visible(text: str) -> str:
    """`text` with each invisible character shown as its code, '<U+202E>': what every output prints. Text
    that is all printable (a test in C) holds none of them: every one is a control or format character."""
    if text.isprintable():
        return text
    return INVISIBLE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


def comparable(text: str) -> str:
    """Text as a reader sees it: Unicode NFC (a composed and a decomposed 'é' are one), whitespace folded."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def plain_punctuation(text: str) -> str:
    """Curly quotes made straight and dashes made hyphens, to tell why a quote was not found."""
    return text.translate(_PLAIN)


def fold_whitespace(text: str) -> str:
    return " ".join(text.split())


def fold(text: str | None) -> str:
    """Text for search: case and accents folded ("Café" finds "cafe")."""
    text = text or ""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
