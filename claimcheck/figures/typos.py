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


class Near:
    """The words of a list one edit from a given word, found through their deletions (as SymSpell does):
    a word and a target one edit apart share a form with at most one letter deleted, so a lookup costs
    the word's own deletions, not every edit of it."""

    def __init__(self, targets: set[str]):
        self.targets = frozenset(targets)
        self.by_form: dict[str, set[str]] = {}
        for target in targets:
            for form in _deletions(target):
                self.by_form.setdefault(form, set()).add(target)

    def meant(self, word: str) -> str | None:
        candidates = {t for form in _deletions(word) for t in self.by_form.get(form, ())}
        near = sorted(t for t in candidates if t != word and one_apart(word, t))
        return near[0] if near else None


def one_apart(a: str, b: str) -> bool:
    """Whether one deletion, insertion, substitution or swap of neighbours turns `a` into `b`."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1:]
    return a[start + 1:] == b[start + 1:] or a[start + 2:] == b[start + 2:] and a[start:start + 2] == b[start + 1::-1][:2]


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


@functools.lru_cache(maxsize=8)
def _scale_words(vocab: Vocabulary) -> Near:
    return Near({w for w in vocab.scales if w.isalpha() and len(w) >= LONGEST_SCALE})


@functools.lru_cache(maxsize=8)
def _unit_words(vocab: Vocabulary) -> Near:
    words = {w for w in vocab.units.folded if w.isalpha() and len(w) >= SHORTEST_UNIT}
    words |= {w for w in vocab.currencies if w.isalpha() and len(w) >= SHORTEST_UNIT}
    return Near(words)


@functools.lru_cache(maxsize=16384)
def _meant(word: str, scales: bool, vocab: Vocabulary) -> str | None:
    """The scale word (or, with `scales` False, the unit or currency word) one edit from `word`, if any; news
    repeats its words, so each is looked up once."""
    targets = _scale_words(vocab) if scales else _unit_words(vocab)
    if not word.isalpha() or word in targets.targets or word in vocab.scales or word in vocab.units.folded:
        return None
    return targets.meant(word)


def refuse_scale_typo(c: Cursor) -> None:
    """'$147 billon', '5 milion': a word one letter from a scale word, even an English one, is refused."""
    token = c.peek()
    if token is None or token.kind != "word" or len(token.text) < LONGEST_SCALE - 1:
        return
    meant = _meant(token.text, True, c.vocab)
    if meant is not None:
        raise FigureError(f"{token.raw!r} after the number: did you mean {meant}? write the scale word as it is spelt")


def refuse_unit_typo(c: Cursor) -> None:
    """'12 kilometrs': a word one letter from a unit or currency is refused, unless it is an English word
    ("5 men") or a noun the project's settings list."""
    token = c.peek()
    if token is None or token.kind != "word" or token.text in c.nouns or token.text in c.vocab.noun_stops \
            or len(token.text) < SHORTEST_UNIT:
        return  # "between 5 and 6": a word of the sentence, never a misspelt "rand"
    meant = _meant(token.text, False, c.vocab)
    if meant is None or english(token.text):
        return
    raise FigureError(f"{token.raw!r} after the number: did you mean {meant}? write the unit as it is spelt, or, if "
                      f"{token.raw!r} is what is counted, list it under `nouns:` in claimcheck.yaml")


@functools.lru_cache(maxsize=1)
def _dictionary():
    from spellchecker import SpellChecker  # its English word list ships with the package; loaded only when needed

    return SpellChecker(language="en", distance=1).word_frequency


@functools.lru_cache(maxsize=4096)
def english(word: str) -> bool:
    return _dictionary()[word.lower()] > 0
