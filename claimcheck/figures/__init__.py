"""Read a figure as written ("about $400 billion", "38 bcm a year") into an interval with a unit, and
find figures in sentences with the same grammar. Pure.

tokens -> the phrases of the vocabulary's tables -> one amount or a range -> an interval. The
vocabulary is data (`data/phrases.txt`, `data/units.txt`, each explaining its syntax); a `Reader`
can be built on another folder of them. A written figure is as precise as its last digit ("$24.5
billion" is 24.45 to 24.55 billion); "about X" is X plus or minus the larger of `about_tolerance`
times X and that precision; bounds leave one end open; ranges run from the low edge of the first
figure to the high edge of the second. Whatever the reader is not sure of it refuses, with what to
write instead: a refusal is visible, a misreading is not.
"""

from __future__ import annotations

import functools

from ..models import Claim, Corpus, Figure, Problem, Settings
from . import grammar, measure, nouns, numbers, quotes, vocabulary
from .cursor import Cursor
from .errors import FigureError
from .tokens import Token, Tokens, tokens

__all__ = ["FigureError", "Reader", "Token", "Tokens", "compared_unit", "head_noun", "missing_from_quote", "parse", "read", "read_claims",
           "read_prefix", "reader", "remember_units", "tokens", "unit_kind", "units_told"]

DEFAULT_SETTINGS = Settings()
LONGEST_FIGURE = 500
_UNEXPECTED = (IndexError, AttributeError, TypeError, ValueError, OverflowError, KeyError, ZeroDivisionError)


class Reader:
    """The figure reader on one vocabulary folder (the installed one by default)."""

    def __init__(self, folder: str | None = None):
        self.vocab = vocabulary.load(folder)

    def parse(self, text: str, settings: Settings = DEFAULT_SETTINGS) -> Figure:
        """Read one figure as written; raise FigureError with the reason when it cannot be read."""
        if not isinstance(text, str):
            raise FigureError("a figure is text")
        if len(text) > LONGEST_FIGURE:
            raise FigureError(f"a figure is a few words; this text is longer than {LONGEST_FIGURE} characters")
        if (span := numbers.years_span(text.strip())) is not None:
            raise FigureError(f"'{text.strip()}' is a span of years ({span[0]} to {span[1]}), not a figure; "
                              "write the figure the claim gives for it")
        try:
            found = grammar.figure(Cursor(tokens(text), 0, self.vocab, True, settings.nouns), settings)
        except FigureError:
            raise
        except _UNEXPECTED as error:
            raise FigureError(f"cannot read {text.strip()!r} as a figure ({type(error).__name__})") from None
        return found

    def read_prefix(self, found: Tokens, i: int, settings: Settings = DEFAULT_SETTINGS) -> tuple[Figure, int] | None:
        """The figure that starts at token `i` of a sentence and where it ends (the index after it); None
        when no figure starts there. A figure that starts there but cannot be read raises FigureError."""
        cursor = Cursor(found, i, self.vocab, False, settings.nouns)
        try:
            figure = grammar.figure(cursor, settings)
        except FigureError:
            raise
        except _UNEXPECTED as error:
            raise FigureError(f"cannot read {found.span(i, min(i + 6, len(found)))!r} as a figure "
                              f"({type(error).__name__})") from None
        return None if figure is None else (figure, cursor.i)

    def starts(self, found: Tokens, i: int) -> bool:
        """Whether a figure may start at token `i`: a cheap test before `read_prefix`."""
        return grammar.may_start(Cursor(found, i, self.vocab, False))


@functools.lru_cache(maxsize=1)
def reader() -> Reader:
    return Reader()


def parse(text: str, settings: Settings = DEFAULT_SETTINGS) -> Figure:
    """Read one figure as written with the installed vocabulary."""
    return reader().parse(text, settings)


def read_prefix(found: Tokens, i: int, settings: Settings = DEFAULT_SETTINGS) -> tuple[Figure, int] | None:
    return reader().read_prefix(found, i, settings)


def head_noun(noun: str) -> str:
    """What a count counts, folded: '38 separate agreements' and '38 agreements' both count 'agreement'."""
    return nouns.head_noun(noun, reader().vocab)


def compared_unit(unit: str) -> str:
    """A unit as figures are compared in it: a rate per a thing per what that thing counts as ("INR/jet" and
    "INR/plane" are "INR/aircraft")."""
    numerator, per, denominator = unit.partition("/")
    return f"{numerator}/{nouns.counted_as(denominator, reader().vocab)}" if per else unit


def missing_from_quote(figure: str, quote: str) -> list[str]:
    """The numbers a figure writes that its quote does not (after folding separators, spelled numbers and
    scale words); empty when the figure is in its quote."""
    return quotes.missing_from_quote(figure, quote, reader().vocab)


def unit_kind(name: str, power: int = 1) -> tuple[str, str, float, float]:
    return measure.unit_kind(reader().vocab, name, power)


def remember_units(told: dict) -> None:
    """What `units_told` gave in another process: those units and words are read without loading pint."""
    measure.remember(reader().vocab, told)


def units_told() -> dict:
    """What pint told of the units and words of the installed vocabulary's figures so far (`measure.told`)."""
    return measure.told(reader().vocab)


@functools.lru_cache(maxsize=65536)
def _parse_once(text: str, settings: Settings) -> Figure | FigureError:
    try:
        return parse(text, settings)
    except FigureError as error:
        return error


def read_claims(corpus: Corpus) -> tuple[dict[str, Figure], list[Problem]]:
    """Every claim's figure read, by the figure's text (each distinct text is parsed once), and the
    problems of those that cannot be read."""
    known: dict[str, Figure | FigureError] = {}
    problems = read(corpus.claims, corpus.settings, known)
    return {text: figure for text, figure in known.items() if isinstance(figure, Figure)}, problems


def read(claims: list[Claim], settings: Settings, known: dict[str, Figure | FigureError]) -> list[Problem]:
    """The claims' figures read into `known`, by text; the problems of those that cannot be read."""
    problems = []
    for claim in claims:
        result = known.get(claim.figure)
        if result is None:
            result = known[claim.figure] = _parse_once(claim.figure, settings)
        if isinstance(result, FigureError):
            problems.append(Problem(claim.field_at("figure"), f"claim {claim.id!r}: figure {claim.figure!r} cannot be read: {result}"))
    return problems
