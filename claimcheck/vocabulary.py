"""The figure reader's vocabulary, read from `data/phrases.txt` and `data/units.txt`.

Both files explain their own syntax in their headers. This module only reads them into
lookup tables: {phrase: meaning} per table, and {word: pint unit name} for units.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

_DATA = resources.files("claimcheck") / "data"

# A symbol written against a word is part of the phrase ("a$", "us$", "p.a."); between two words
# the key has one space. `key()` joins tokens the same way, so tables and text meet.
_PIECES = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:'s)?|[^\w\s]|\d", re.UNICODE)


def key(pieces: list[tuple[str, bool]]) -> str:
    """Join (text, attached) pieces as a phrase key: no space where the text had none."""
    return "".join(" " + text if n and not attached else text for n, (text, attached) in enumerate(pieces))


def phrase_key(phrase: str, lower: bool = True) -> str:
    """A phrase as written in a data file, as the key tokens of the same text would make."""
    text = phrase.lower() if lower else phrase
    pieces = [(m.group(), m.start() > 0 and not text[m.start() - 1].isspace()) for m in _PIECES.finditer(text)]
    return key(pieces)


@dataclass(frozen=True)
class Table:
    """One table of phrases: {key: meaning}, and the most tokens a phrase of it has."""

    entries: dict[str, str]
    longest: int
    firsts: frozenset[str] = frozenset()  # the first piece of every phrase, to rule out most lookups at once


def _table(entries: dict[str, str]) -> Table:
    longest = max((len(_PIECES.findall(k)) for k in entries), default=1)
    firsts = frozenset(_PIECES.match(k).group() for k in entries if _PIECES.match(k))
    return Table(entries, longest, firsts)


@functools.cache
def phrases(name: str = "phrases.txt") -> dict[str, Table]:
    """Every table of a phrase file in data/ (phrases.txt, or extract.txt), by its name."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for number, line in enumerate((_DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = tables.setdefault(line[1:-1], {})
            continue
        meaning, sep, listed = line.rpartition(": ")
        if not sep or current is None:
            raise ValueError(f"{name}:{number}: expected 'MEANING: phrase, ...' under a [table]")
        for phrase in listed.split(", "):
            phrase = phrase.strip()
            if phrase:
                current[phrase_key(phrase)] = meaning.strip()
    return {name: _table(entries) for name, entries in tables.items()}


@dataclass(frozen=True)
class Units:
    """Words for units: every word as written, and those written in lower case of three letters or more
    also in any case ("Kilometres"); symbols with a capital ("MW", "Myr") only as written."""

    exact: Table  # {word as written: pint unit name}
    folded: Table  # {word lower-cased: pint unit name}
    label: dict[str, str]  # pint unit name -> how a rate's denominator shows it
    definitions: tuple[str, ...]  # `name = definition` of each unit pint lacks


@functools.cache
def units() -> Units:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    label: dict[str, str] = {}
    definitions = []
    for line in (_DATA / "units.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@alias"):
            name, *words = [part.strip() for part in line[len("@alias"):].split("=")]
        else:
            name, definition, *words = [part.strip() for part in line.split("=")]
            definitions.append(f"{name} = {definition}")  # pint gets the unit; the words are claimcheck's
            words = [w for w in words if w != "_"] + [name]
        label.setdefault(name, words[0] if words else name)
        for word in words:
            written = word.replace("_", " ")
            exact[phrase_key(written, lower=False)] = name
            if len(written) >= 3 and written.replace(" ", "").isalpha() and written.islower():
                folded[phrase_key(written)] = name
    return Units(_table(exact), _table(folded), label, tuple(definitions))
