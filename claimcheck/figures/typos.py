"""Misspelt scale and unit words after a number are refused with what was probably meant, never read
as a counted noun: "$147 billon" is not 147 dollars' worth of billon."""

from __future__ import annotations

import functools
import string

from .cursor import Cursor
from .errors import FigureError
from .vocabulary import Vocabulary

LONGEST_SCALE = 6
"""Scale words this long or longer (thousand, million, billion, trillion, hundred) are checked for typos;
shorter ones ("lakh", "mn") are one letter from too many real words."""

SHORTEST_UNIT = 4
"""Unit and currency words this long or longer are checked for typos."""


def one_edit(word: str) -> set[str]:
    """Every word one deletion, transposition, substitution or insertion away (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    letters = string.ascii_lowercase
    return ({a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + ch + b[1:] for a, b in splits if b for ch in letters} | {a + ch + b for a, b in splits for ch in letters})


@functools.lru_cache(maxsize=8)
def _scale_words(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(w for w in vocab.scales.entries if w.isalpha() and len(w) >= LONGEST_SCALE)


@functools.lru_cache(maxsize=8)
def _unit_words(vocab: Vocabulary) -> frozenset[str]:
    words = {w for w in vocab.units.folded.entries if w.isalpha() and len(w) >= SHORTEST_UNIT}
    words |= {w for w in vocab.currencies.entries if w.isalpha() and len(w) >= SHORTEST_UNIT}
    return frozenset(words)


def _meant(word: str, targets: frozenset[str], vocab: Vocabulary) -> str | None:
    if not word.isalpha() or word in targets or word in vocab.scales or word in vocab.units.folded:
        return None
    near = sorted(one_edit(word) & targets)
    return near[0] if near else None


def refuse_scale_typo(c: Cursor) -> None:
    """'$147 billon', '5 milion': a word one letter from a scale word, even an English one, is refused."""
    token = c.peek()
    if token is None or token.kind != "word":
        return
    meant = _meant(token.text, _scale_words(c.vocab), c.vocab)
    if meant is not None:
        raise FigureError(f"{token.raw!r} after the number: did you mean {meant}? write the scale word as it is spelt")


def refuse_unit_typo(c: Cursor) -> None:
    """'12 kilometrs': a word one letter from a unit or currency is refused, unless it is an English word
    ("5 men") or a noun the project's settings list."""
    token = c.peek()
    if token is None or token.kind != "word" or token.text in c.nouns:
        return
    meant = _meant(token.text, _unit_words(c.vocab), c.vocab)
    if meant is None or english(token.text):
        return
    raise FigureError(f"{token.raw!r} after the number: did you mean {meant}? write the unit as it is spelt, or, if "
                      f"{token.raw!r} is what is counted, list it under `nouns:` in claimcheck.yaml")


@functools.lru_cache(maxsize=1)
def _dictionary():
    from spellchecker import SpellChecker  # its English word list ships with the package; loaded only when needed

    return SpellChecker(language="en", distance=1).word_frequency


def english(word: str) -> bool:
    return _dictionary()[word.lower()] > 0
