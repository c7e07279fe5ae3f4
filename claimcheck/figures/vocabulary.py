"""The figure reader's vocabulary: the phrase tables of `phrases.txt` and the unit words of `units.txt`.

Both files explain their own syntax in their headers. This module only reads a folder of them
into lookup tables, {phrase: meaning} per table and {word: pint unit name} for units, so that a
reader can be built on another folder (a test adds a line; a project could add its own words).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

from .tokens import tokens

INSTALLED = resources.files("claimcheck") / "data"
"""The vocabulary that ships with claimcheck."""

_NAME_PLURAL = re.compile(r"[^\W\d_]+[-&]?\d+s")
"""A name with its number, in the plural: "F-35s", "G7s"."""

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


class Table(dict):
    """One table of phrases, {key: meaning} (a dict, so `word in table` costs what a dict lookup costs), with
    the most tokens a phrase of it has and, by the first piece of each phrase, the most tokens a phrase that
    starts with it has: most lookups are ruled out at once, and the rest look no further than they must."""

    __slots__ = ("longest", "firsts")  # a dict subclass reads slots several times faster than its own __dict__

    def __init__(self, entries: dict[str, str], longest: int, firsts: dict[str, int]):
        super().__init__(entries)
        self.longest, self.firsts = longest, firsts

    @property
    def entries(self) -> dict[str, str]:
        return self

    __hash__ = object.__hash__


def _table(entries: dict[str, str]) -> Table:
    firsts: dict[str, int] = {}
    for key in entries:
        pieces = _PIECES.findall(key)
        if pieces:  # as many tokens as the phrase may take: "m³" is one piece and two tokens
            firsts[pieces[0]] = max(firsts.get(pieces[0], 0), len(pieces), len(tokens(key)))
    return Table(entries, max(firsts.values(), default=1), firsts)


def phrase_tables(path) -> dict[str, Table]:
    """Every table of a phrase file (phrases.txt, extract.txt), by its name."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = tables.setdefault(line[1:-1], {})
            continue
        meaning, sep, listed = line.rpartition(": ")
        if not sep or current is None:
            raise ValueError(f"{path}:{number}: expected 'MEANING: phrase, ...' under a [table]")
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


def unit_words(path) -> Units:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    label: dict[str, str] = {}
    definitions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@alias"):
            name, *words = [part.strip() for part in line[len("@alias"):].split("=")]
        else:
            name, _, rest = line.partition("=")
            definition, *words = [part.strip() for part in rest.split("=")]
            name = name.strip()
            if not definition:
                raise ValueError(f"{path}:{number}: expected 'NAME = DEFINITION = SYMBOL = word ...' or '@alias NAME = word ...'")
            definitions.append(f"{name} = {definition}")  # pint gets the unit; the words are claimcheck's
            words = [w for w in words if w and w != "_"] + [name]
        label.setdefault(name, words[0] if words else name)
        for word in words:
            written = word.replace("_", " ")
            exact[phrase_key(written, lower=False)] = name
            if len(written) >= 3 and written.replace(" ", "").isalpha() and written.islower():
                folded[phrase_key(written)] = name
    return Units(_table(exact), _table(folded), label, tuple(definitions))


@dataclass(frozen=True, eq=False, slots=True)
class Vocabulary:
    """Every table the reader uses, by the name it has in phrases.txt (spaces as underscores)."""

    prefix_hedges: Table
    suffix_hedges: Table
    position_hedges: Table
    percent: Table
    fraction_points: Table
    rate_point_changes: Table
    describing_joins: Table
    scales: Table
    scale_letters: Table
    size_words: Table
    size_compounds: Table
    currencies: Table
    currency_letters_before_a_scale: Table
    ambiguous: Table
    direction: Table
    change_descriptors: Table
    vague: Table
    numbers: Table
    tens: Table
    multipliers: Table
    fractions: Table
    fraction_characters: Table
    powers_before: Table
    powers_after: Table
    rate_words: Table
    explicit_rate_words: Table
    denominator_openers: Table
    ratio_words: Table
    exchange_rate_words: Table
    exchange_rate_currencies: Table
    currency_openers: Table
    currency_names: Table
    price_of_a_currency_words: Table
    falling_verbs: Table
    tally_openers: Table
    time_references: Table
    points_in_time: Table
    comparisons_with_a_time: Table
    rate_endings: Table
    rate_units: Table
    denominator_units: Table
    last_word_units: Table
    units_before: Table
    not_units_before: Table
    largest_values: Table
    articles: Table
    percent_after_an_article: Table
    temperature_change: Table
    plural_nouns: Table
    counted_nouns: Table
    counted_alike: Table
    units_not_compared: Table
    scaled_nouns: Table
    prepositions: Table
    noun_stops: Table
    counted_after_a_hyphen: Table
    counted_additions: Table
    range_openers: Table
    range_joins: Table
    change_verbs: Table
    no_change: Table
    time_after_a_hedge: Table
    words_before_a_unit: Table
    object_openers: Table
    old_levels: Table
    hedge_prepositions: Table
    range_words: Table
    verbs_before_a_level: Table
    verbs_that_bring_a_level: Table
    times_after_a_duration: Table
    places_after_a_length: Table
    past_verbs: Table
    verb_endings: Table
    verb_objects: Table
    describing_words: Table
    minor_units: Table
    minor_currencies: Table
    leading_words: Table
    troy_metals: Table
    age_words: Table
    year_nouns: Table
    age_openers: Table
    constants: Table
    units: Units
    folder: str

    def number(self, word: str) -> int | None:
        """The value of a number word below twenty ("seven"), else None."""
        meaning = self.numbers.get(word)
        return None if meaning is None else int(meaning)

    def ten(self, word: str) -> int | None:
        meaning = self.tens.get(word)
        return None if meaning is None else int(meaning)

    def plural(self, word: str) -> bool:
        """Whether a word is a plural noun: a listed one ("people", "cattle"), one in -men, or one in -s that is
        not -ss, -is or -us ("agreements"; not "crisis", "census")."""
        if word in self.plural_nouns or word.endswith("men") and len(word) > 4:
            return True
        if word.endswith("s") and not word.isalpha() and _NAME_PLURAL.fullmatch(word):
            return True  # "F-35s", "G7s": a name with its number, in the plural
        return word.isalpha() and word.endswith("s") and not word.endswith(("ss", "is", "us")) and len(word) > 2

    def verb_in_s(self, word: str) -> bool:
        """Whether a word in -s may be the verb of a singular ("costs", "asks"): plural by its ending, and no
        listed plural noun ("series", "people")."""
        return self.plural(word) and word not in self.plural_nouns

    def verb_like_ending(self, word: str) -> bool:
        """Whether a word ends as a verb does ([verb endings]: "killed", "arriving")."""
        return any(word.endswith(ending) for ending in self.verb_endings)

    def denominator(self, word: str) -> int | None:
        """The denominator a fraction word stands for ("third": 3), else None."""
        meaning = self.fractions.get(word)
        return None if meaning is None else int(meaning)


@functools.lru_cache(maxsize=8)
def load(folder: str | None = None) -> Vocabulary:
    """The vocabulary of a folder holding phrases.txt and units.txt (the installed one by default)."""
    base = INSTALLED if folder is None else Path(folder)
    tables = phrase_tables(base / "phrases.txt")
    wanted = {f.name for f in fields(Vocabulary)} - {"units", "folder"}
    missing = sorted(name.replace("_", " ") for name in wanted if name.replace("_", " ") not in tables)
    if missing:
        raise ValueError(f"{base / 'phrases.txt'}: missing the tables {', '.join(f'[{m}]' for m in missing)}")
    chosen = {name: tables[name.replace("_", " ")] for name in wanted}
    return Vocabulary(**chosen, units=unit_words(base / "units.txt"), folder=str(base))
