"""Draft claims from article text (design §7). Pure, but for reading the article file.

An article is read into plain text (HTML through trafilatura's main-text extraction, Markdown
with its markup dropped), page furniture is dropped line by line, and the rest is split into
sentences with pysbd. In each sentence the figures are found by the figure reader itself
(`figures.Reader.read_prefix`, the one grammar that also reads a claim's figure field), so what is
found is what the reader reads; a figure it refuses is reported, not proposed. The words around a
figure (speakers, periods, kinds, what is not a figure) are data: `data/extract.txt`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from collections import Counter
from typing import NamedTuple, Protocol

from . import figures
from .check import group_key
from .figures.cursor import Cursor
from .figures.errors import Ambiguous, RefusedRange, RefusedThrough, TwoReadings, unread_rate
from .figures.numbers import YEARS, years_span
from .figures.units import CLOCK_24H
from .figures.tokens import Token, Tokens
from .figures.vocabulary import INSTALLED, Table, key, phrase_tables
from .models import Claim, Corpus, Figure, Settings
from .safetext import fold_whitespace

_X = phrase_tables(INSTALLED / "extract.txt")
SPEECH_VERBS, SPEAKER_OPENERS, SPEECH_TIMES, KINDS = _X["speech verbs"], _X["speaker openers"], _X["speech times"], _X["kinds"]
SPEAKER_ADVERBS = _X["words between a speaker and its verb"]
MONTHS, RELATIVE_YEARS, YEAR_PARTS = _X["months"], _X["relative years"], _X["year parts"]
CHANGE_BASES = _X["change bases"]
SPANS_BACK = _X["spans back"]
_CLAUSE_WORDS = _X["clause words"]
TIMES_REFERRED_TO, RESTATING_JOINERS = _X["times referred to"], _X["restating joiners"]
ALTERNATIVE_WORDS, AMOUNT_PARTS, EARLIER_TENSE = _X["alternative words"], _X["amount parts"], _X["earlier tense"]
SPAN_OPENERS = _X["span openers"]
EARLIER_TIME, PARTICIPLE_ENDINGS = _X["earlier time"], _X["participle endings"]
LABELS, CLOCK_WORDS, DETERMINERS = _X["labels"], _X["clock words"], _X["determiners"]
TIME_ZONES = _X["time zones"]
FURNITURE, REFERENCE_NOUNS = _X["furniture"], _X["reference nouns"]
PROPERTIES, AGREEMENT_TERMS, SYNONYMS, GENERIC = _X["properties"], _X["agreement terms"], _X["synonyms"], _X["generic words"]
SPECIFICATIONS, ONE_AMOUNT_PROPERTIES = _X["specifications"], _X["one amount properties"]
LINK_LINES, CREDITS, PLAIN_COUNT_WORDS = _X["link lines"], _X["credits"], _X["plain count words"]
SUBJECT_WORDS, KINDS_OF_THINGS = _X["subject words"], _X["kinds of things"]
COUNTED_BEFORE, COUNTED_AFTER = _X["counted before a count"], _X["counted after a count"]
NATIONALS, LIST_PLACES, TO_A_LISTENER = _X["nationals"], _X["list places"], _X["verbs to a listener"]
DURATION_TIMES = _X["times a duration names"]
COUNTRIES = _X["countries"]
RATE_WORDS, GROWTH_WORDS, OWN_RATE_WORDS = _X["rate words"], _X["growth words"], _X["own rate words"]

_PERIOD_OPENERS = frozenset(_X["period openers"])
_YEAR_OPENERS = _PERIOD_OPENERS | frozenset(_X["year openers"])
_SENTENCE_ENDS = ".!?"
_NAME_JOINS = frozenset(_X["name joins"])
_START_WORDS = frozenset(_X["start words"])
_PRONOUNS = frozenset(_X["pronouns"])


def words(sentence: str) -> Tokens:
    return figures.tokens(sentence)


def _vocab():
    return figures.reader().vocab


def match(table: Table, run: Tokens, i: int) -> int:
    """How many tokens from `i` on make the longest phrase of `table`; 0 if none does."""
    found = Cursor(run, i, _vocab(), False).match(table)
    return found[1] if found else 0


def mentions(table: Table, text: str) -> bool:
    """Whether a phrase of `table` stands anywhere in `text`."""
    run = words(text)
    return any(match(table, run, i) for i in range(len(run)))


def match_before(table: Table, run: Tokens, i: int) -> int:
    """How many tokens just before `i` make the longest phrase of `table`; 0 if none does."""
    found = Cursor(run, i, _vocab(), False).match_before(table)
    return found[1] if found else 0


def _key(run: list[Token]) -> str:
    return key([(t.text, t.attached) for t in run])


# --- what is not a figure ----------------------------------------------------------------------

_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_PHONE = re.compile(r"(?<![\w.,])\+?\(?\d{1,4}\)?(?:[ -]\(?\d{2,4}\)?){2,}(?![\w.,]*\d)")
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,2}|[a-z])[.)]\s")

_BLOCKING = frozenset('"\'″′°±^×/')  # written against a number, these make it something the reader does not read


def _not_a_figure(sentence: str, run: Tokens, i: int, end: int, start: int | None = None) -> str | None:
    """Why the number at `i` (its figure read from `start`, when known, to `end`) is not a figure, or None if it may
    be. A word joined to the number by a hyphen makes it part of a name or a code ("OAO-1", "RS-28"), unless it
    is a sign the reader read ("minus-130")."""
    word, after = run[i], run[i + 1] if i + 1 < len(run) else None
    before = run[i - 1] if i > 0 else None
    if any(m.start() <= word.start < m.end() for pattern in (_DATE, _PHONE) for m in pattern.finditer(sentence)):
        return "a date or a phone number"
    if i == 0 and _LIST_NUMBER.match(sentence):
        return "a list number"
    if word.kind == "num" and re.fullmatch(r"\d{4}", word.text) and int(word.text) in YEARS and before and (
            before.text in _YEAR_OPENERS or match_before(MONTHS, run, i)):
        return "a year"  # "in 2015 people were poorer", "by 2030 countries will"
    if word.kind != "word" and word.attached and before and (before.kind in ("word", "num") and not match_before(
            _vocab().currencies, run, i) and not (start == i - 1 and before.text in _vocab().currency_letters_before_a_scale)
            or before.text == "^" or before.text == "-" and i > 1 and run[i - 2].kind == "word" and before.attached
            and not match(_vocab().units_before, run, i - 2)  # "magnitude-6.4" is a unit before the number,
            and not (start is not None and start <= i - 2 and run[i - 2].text in figures.amounts.SIGNS)):  # "minus-130"
        return "part of a name or a code (L2, OAO-1)"
    if before and before.text == ":" and word.attached and i > 1 and run[i - 2].kind == "num" and before.attached:
        return "a time of day"  # the minutes of "10:30"
    if before and before.text == "," and before.attached and word.attached and i > 1 and run[i - 2].numeric:
        return "the decimals of a number written with a decimal comma (1.234,56)"
    if before and before.text == "-" and before.attached and word.attached and word.kind == "word" and i > 1 \
            and run[i - 2].kind == "num":
        return "part of a name (7-Eleven)"
    if before and before.text == "-" and before.attached and word.attached and i > 1 and run[i - 2].kind == "num" \
            and not (after and after.kind == "word" and _vocab().plural(after.text)):
        return "the second number of a score or a tally (3-1)"  # never a negative number; "1200-30 soldiers" is refused
    if after and after.attached and after.text in ("st", "nd", "rd", "th"):
        return "an ordinal"
    if after and after.text == ":" and i + 2 < len(run) and run[i + 2].kind == "num" and run[i + 2].attached:
        return "a time of day"
    if match(CLOCK_WORDS, run, i + 1) and re.fullmatch(r"(?:[1-9]|1[0-2])(?:\.[0-5]\d)?", word.text):
        return "a time of day"
    if match(TIME_ZONES, run, i + 1) and CLOCK_24H.fullmatch(word.text):
        return "a time of day"  # "by 1232 GMT"
    if word.kind == "num" and re.fullmatch(r"0\d+", word.text):
        return "a time of day or a code (0600, 007)"  # a count is never written with a leading zero
    if i > 0 and (match_before(LABELS, run, i) or match_before(MONTHS, run, i)) or match(MONTHS, run, i + 1) and word.kind == "num":
        return "a label or a date"
    if end < len(run) and run[end].attached and (run[end].kind in ("word", "num", "power") or run[end].text in _BLOCKING and run[end - 1].numeric
                                                 or run[end].text == "-" and end + 1 < len(run) and run[end + 1].attached):
        return "written against something the reader does not read"
    return None


def _year(run: Tokens, start: int, end: int, figure: Figure) -> bool:
    """A year or a span of years ("2013-14"), not a count."""
    return figure.dimension == "count" and not figure.noun and all(
        w.kind != "num" or re.fullmatch(r"\d{4}", w.text) and int(w.text) in YEARS or w.text.isdigit() and len(w.text) == 2
        for w in run[start:end]) and any(w.kind == "num" and len(w.text) == 4 for w in run[start:end])


# --- a sentence's figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A figure found in a sentence: its text as written and where it stands, and how it reads."""

    text: str
    start: int
    end: int
    figure: Figure


@dataclass(frozen=True)
class Refused:
    """A number that looks like a figure but that the reader refuses: shown, never proposed silently. `start` and
    `end` are where it stands in the text scanned (`text` folds the spaces between its words)."""

    text: str
    start: int
    end: int
    reason: str

    @classmethod
    def of(cls, run: Tokens, start: int, end: int, reason: str) -> "Refused":
        """Tokens start..end of a run, refused for `reason`."""
        return cls(run.span(start, end), run[start].start, run[end - 1].end, reason)


@dataclass
class Scan:
    found: list[Found] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def scan(sentence: str, everything: bool = False, reader: figures.Reader | None = None,
         settings: Settings | None = None) -> list[Found]:
    """The figures of a sentence, in order. Without `everything`, only those worth tracking (see
    `_worth_tracking`)."""
    return scan_all(sentence, everything, reader, settings).found


def scan_all(sentence: str, everything: bool = False, reader: figures.Reader | None = None,
             settings: Settings | None = None) -> Scan:
    """The figures of a sentence and the numbers in it that the reader refuses."""
    reader = reader or figures.reader()
    settings = settings or Settings()
    run, result, i = words(sentence), Scan(), 0
    last_money = None  # where the last money figure ended
    while i < len(run):
        if _hours_minutes_seconds(run, i):
            result.refused.append(Refused.of(run, i, i + 5, HOURS_MINUTES_SECONDS))
            i += 5  # "2:00:35": a race's time, never left out without a word
            continue
        if not reader.starts(run, i):
            i += 1
            continue
        if (years := _years_end(run, i, reader.vocab)) is not None:
            i = years  # "for 2018-19", "the 2016/17 season": a fiscal year or a season, a date
            continue
        try:
            read = reader.read_prefix(run, i, settings)
        except RefusedThrough as error:
            result.refused.append(Refused.of(run, i, error.end, str(error)))
            i = error.end  # "from 0.25% up to 5.5%": no word of it found alone
            continue
        except figures.FigureError as error:
            number = _number_at(run, i)
            if number is None and (vague := _vague_at(reader, run, i)) is not None:
                result.refused.append(Refused.of(run, i, vague, str(error)))
                i = vague  # "at least several hundred years": refused whole, never found without its hedge
                continue
            if number is None or number - i > 3:
                i += 1  # no number of its own follows: "Canadian dollars are now about $200 billion"
                continue
            end = _other_end(run, number) if isinstance(error, RefusedRange) and not _year_at(run, number) else number + 1
            if isinstance(error, Ambiguous):
                end = _amount_end(reader, run, number + 1)  # "32 riyals": the amount, its currency too
                last_money = end  # "(S$12)" after it is the amount restated, found
            pair = end > number + 1 and not _not_a_figure(sentence, run, end - 1, end)  # said, never passed over
            if pair or isinstance(error, TwoReadings) or not (_not_a_figure(sentence, run, number, number + 1) and _not_a_figure(
                    sentence, run, number, _end_from(reader, run, number, settings))) and not _year_at(run, number):
                result.refused.append(Refused.of(run, i, end, str(error)))
            i = end
            continue
        if read is None:
            i += 1
            continue
        figure, end = read
        number = _number_at(run, i, end) or i
        if _not_a_figure(sentence, run, number, end, i) or _year(run, i, end, figure) or _name(run, i, figure) \
                or _unread_rate_follows(run, i, end, figure, reader, settings):
            if (after_rate := _rate_opens(run, end)) is not None and not _not_a_figure(sentence, run, number, end, i):
                per = run.span(end, min(after_rate + 2, len(run)))  # the reader stopped at a rate it cannot read
                result.refused.append(Refused.of(run, i, min(after_rate + 2, len(run)), str(unread_rate(per))))
                denominator = _number_at(run, after_rate, after_rate + 2)
                i = max(end, number + 1, denominator + 1 if denominator is not None else 0)
                continue  # "3 per 100,000 people": the rate's denominator is no count of its own
            elif end < len(run) and run[end].text == "to" and not _not_a_figure(sentence, run, number, end, i) \
                    and _unread_rate_follows(run, i, end, figure, reader, settings):
                result.refused.append(Refused.of(run, i, end, RATE_AFTER_THE_NEW))
            i = max(end, number + 1)
            continue
        text = run.span(i, end)
        if (differs := _reads_otherwise(reader, text, figure, settings)) is not None:
            if (text := _with_its_verb(reader, run, i, end, figure, settings)) is None:
                result.refused.append(Refused.of(run, i, end, differs))  # what a claim's figure field would not read alike
                i = max(end, number + 1)
                continue
        in_brackets = i > 0 and run[i - 1].text == "(" and end < len(run) and run[end].text == ")"
        converted = in_brackets and last_money == i - 1  # "10.5 million Australian dollars ($7.5 million)"
        if not (in_brackets and figure.dimension == "money" and not converted) and (  # "($99.99)" may be a loss
                everything or _worth_tracking(sentence, run, i, end, figure)):
            result.found.append(Found(text, run[i].start, run[end - 1].end, figure))
        last_money = end if figure.dimension == "money" else None
        i = end
    return result


HOURS_MINUTES_SECONDS = ("a time written as hours:minutes:seconds ('2:00:35') may be a duration or a time of day; write "
                         "a duration in words ('2 hours 35 seconds')")


def _hours_minutes_seconds(run: Tokens, i: int) -> bool:
    """Whether `run` holds "2:00:35" at `i`: three numbers joined by colons, minutes and seconds of two digits."""
    if i + 4 >= len(run) or i > 0 and run[i - 1].text == ":" and run[i].attached:
        return False
    parts, colons = run[i:i + 5:2], run[i + 1:i + 5:2]
    return all(t.kind == "num" and t.text.isdigit() for t in parts) and all(t.text == ":" and t.attached for t in colons) \
        and all(t.attached for t in parts[1:]) and all(len(t.text) == 2 for t in parts[1:])


def _amount_end(reader: figures.Reader, run: Tokens, i: int) -> int:
    """Where the scale and [ambiguous] words of a refused amount that start at `i` end ("trillion riyals"), at most
    three."""
    vocab = reader.vocab
    end = i
    while end < min(len(run), i + 3):
        n = match(vocab.scales, run, end) or match(vocab.ambiguous, run, end)
        if not n:
            break
        end += n
    return end


def _name(run: Tokens, start: int, figure: Figure) -> bool:
    """A number in a name or a label: a bare number after a capitalised word or '&' inside the sentence
    ("the S&P 500", "iPhone 11", "the Big 12", "Game 2"), or a figure written against a word ("PLX-R18")."""
    if start > 0 and run[start].attached and run[start - 1].kind in ("word", "num") and not run[start].numeric:
        return True
    if start > 1 and run[start].attached and run[start - 1].text in ".-" and run[start - 1].attached \
            and run[start - 2].kind == "word":
        return True  # "ID.3", "TA-35"
    if figure.dimension != "count" or start < 1:
        return False
    first = run[start]
    if first.kind == "word" and first.raw[:1].islower() and first.text not in _vocab().numbers \
            and first.text not in _vocab().tens:
        return False  # "our Blue Planet more than 3,200 times": a hedge between them; but "Ireland Under 20 side"
    before = run[start - 1]  # "Windows 11 users", "FTSE 100 companies", "Title 42 expulsions"; not "The two
    # countries" nor "After two proton beams" (a word that ends a noun phrase names nothing, but "Year 11 pupils";
    # a bare number after it stays out: "At 8, she moved" is an age, "By 9," a time)
    named = before.text == "&" or before.kind == "word" and any(ch.isupper() for ch in before.raw) and before.raw.isalpha() \
        and before.text not in _vocab().articles and before.text not in DETERMINERS \
        and (before.text not in _vocab().noun_stops or match(_vocab().units.folded, run, start - 1) or not figure.noun)
    # but a name and its count as an item of a list ("won 157 seats, the Conservatives 121 and the NDP 24")
    return named and not (not figure.noun and _counted_by_list(run.text, first.start, first.end) is not None)


def _reads_otherwise(reader: figures.Reader, text: str, figure: Figure, settings: Settings) -> str | None:
    """Why the figure found in a sentence would read otherwise as a claim's figure field, if it would: a draft
    is imported as it stands, so what extract proposes must read the same there. None when it does."""
    try:
        field = reader.parse(text, settings)
    except figures.FigureError as error:
        return str(error)
    same = (field.value, field.low, field.high, field.unit, field.dimension) == (
        figure.value, figure.low, figure.high, figure.unit, figure.dimension)
    if same:
        return None

    def read(f: Figure) -> str:
        if f.low == f.high or f.value is not None and None not in (f.low, f.high):
            return f"{f.value:g} {f.unit}".strip()
        return f"at least {f.low:g} {f.unit}".strip() if f.high is None else f"at most {f.high:g} {f.unit}".strip()

    return (f"{text!r} reads as {read(figure)} in its sentence, with the words around it, but as {read(field)} "
            "alone, as a claim's figure field would hold it; write the words that make the difference into the figure")


def _with_its_verb(reader: figures.Reader, run: Tokens, i: int, end: int, figure: Figure, settings: Settings) -> str | None:
    """A change told by a verb before what changed and "by" ("cut the repo rate by 25 basis points": -0.25 pp) as
    a figure field reads it alike: the verb that signs it in its sentence (`grammar.verb_before_by`), "by" and the
    figure ("cut by 25 basis points"); the quote holds each word. None when no such verb signs it, when a word
    that opens another clause or verb stands between ("fell as supply was boosted by 12%": another verb's "by"),
    when the field would still read otherwise, or when "to" and a figure in the same unit follow ("reduced
    admissions by 70% to 80%" may be a range of the change; "cut its rate by 50 basis points to 10.75%" is a change
    and the new level)."""
    if i < 2 or run[i - 1].text != "by" or _to_the_same_unit(reader, run, end, figure):
        return None
    vocab = reader.vocab
    signed = figures.grammar.verb_before_by(run, vocab, i - 1)
    if signed is None or any(word.kind == "word" and (vocab.verb_like_ending(word.text) or word.text in vocab.past_verbs
                                                      or word.text in _CLAUSE_WORDS) for word in run[signed[0] + 1:i - 1]):
        return None
    written = f"{run[signed[0]].raw} by {run.span(i, end)}"
    return written if _reads_otherwise(reader, written, figure, settings) is None else None


def _to_the_same_unit(reader: figures.Reader, run: Tokens, end: int, figure: Figure) -> bool:
    """Whether the figure ending at `end` is followed by "to" and a figure of its unit."""
    if end >= len(run) or run[end].text != "to":
        return False
    try:
        after = reader.read_prefix(run, end + 1)
    except figures.FigureError:
        return True  # refused: say nothing of the pair
    return after is not None and after[0].unit == figure.unit


def _end_from(reader: figures.Reader, run: Tokens, number: int, settings: Settings) -> int:
    """Where the figure at a number ends, as the grammar reads it from there ("Some 1,000-plus people" is
    refused for its two hedges; the "-plus" is part of the figure, not something written against it). A
    refused number is left out only when it is no figure both on its own and up to there."""
    try:
        read = reader.read_prefix(run, number, settings)
    except figures.FigureError:
        read = None
    return number + 1 if read is None else read[1]


def _number_at(run: Tokens, i: int, end: int | None = None) -> int | None:
    """The first token from `i` (before `end`) that is a number, in digits or words."""
    vocab = _vocab()
    for k in range(i, min(end or len(run), len(run), i + 8)):
        if _a_number(run[k]) or run[k].kind == "foreign" \
                or run[k].text in vocab.fractions:  # "a half-point gain" refused is never lost
            return k
    return None


def _a_number(token: Token) -> bool:
    """Whether a token is a number in digits or a number word ("seven", "twenty")."""
    return token.numeric or token.text in _vocab().numbers or token.text in _vocab().tens


def _vague_at(reader: figures.Reader, run: Tokens, i: int) -> int | None:
    """Where a vague magnitude that starts within three tokens of `i` ends ("at least several hundred"), if one does."""
    for k in range(i, min(i + 4, len(run))):
        found = Cursor(run, k, reader.vocab, False).match(reader.vocab.vague)
        if found is not None:
            end = k + found[1]
            while end < len(run) and (run[end].text in reader.vocab.scales or run[end].text == "of" and end + 1 < len(
                    run) and run[end + 1].text in reader.vocab.scales):
                end += 1  # "dozens of thousands": the scale words after it are part of what is refused
            return end
    return None


def _years_end(run: Tokens, i: int, vocab) -> int | None:
    """Where a year and the last two digits of a later one end ("2018-19", "2016/17"), if they start at `i` and
    no plural noun follows: one span of years, never 2018 and a negative 19 or a share of 2016/17; "sold 2016/17
    units" is left to the reader, which refuses it."""
    word = run[i]
    if word.kind == "ratio":
        written, end = word.text, i + 1
    elif word.kind == "num" and i + 2 < len(run) and run[i + 1].text in "-/" and run[i + 1].attached \
            and run[i + 2].kind == "num" and run[i + 2].attached \
            and not (i + 3 < len(run) and run[i + 3].attached and run[i + 3].text not in ".,;:)"):
        written, end = word.text + "-" + run[i + 2].text, i + 3
    else:
        return None
    if years_span(written) is None or end < len(run) and run[end].kind == "word" and vocab.plural(run[end].text):
        return None
    unit = run[end].text if end < len(run) and (match(vocab.units.folded, run, end) or match(vocab.units.exact, run, end)) else None
    if len(run[end - 1].text) == 4 and unit is not None and not (unit.isalpha() and len(unit) > 3 and not vocab.plural(unit)):
        return None  # "1900-2000 km", "metres": a range in a unit, which the reader reads; "the 2010-2020 decade" is years
    return end


def _year_at(run: Tokens, i: int) -> bool:
    return run[i].kind == "num" and bool(re.fullmatch(r"\d{4}", run[i].text)) and int(run[i].text) in YEARS


RATE_AFTER_THE_NEW = ("the rate is written only after the new figure ('from $50 to $70 a barrel'); the old one may "
                      "share it or not: write the rate with both ('from $50 a barrel to $70 a barrel')")


def _other_end(run: Tokens, number: int) -> int:
    """Where a refused range's first number ends with the number joined to it ("between 50 and 60,000", "5 to 3",
    "from 9 to 5"): neither end of a refused range is found alone."""
    joins = _vocab().range_joins
    join = next((k for k in range(number + 1, min(number + 4, len(run) - 1))  # "5% and 3%", "5 million to 3"
                 if run[k].text in joins or run[k].text == "and"), None)
    if join is None or run[join].text == "-" and run[join].attached != run[join + 1].attached:  # "Stoxx 50 -1.3%"
        return number + 1
    other = next((k for k in (join + 1, join + 2) if k < len(run) and run[k].numeric), None)  # "$30 and $40,000"
    return number + 1 if other is None else other + 1


def _rate_opens(run: Tokens, end: int) -> int | None:
    """Where the rest of a rate starts when one opens at `end` ([denominator openers]: 'per', 'for every 1,000
    people'); None when none does."""
    opener = match(_vocab().denominator_openers, run, end)
    return end + opener if opener else None


def _unread_rate_follows(run: Tokens, start: int, end: int, figure: Figure, reader: figures.Reader,
                         settings: Settings) -> bool:
    """'$5 per share' with its rate unread, or the old figure of 'rose from $50 to $70 a barrel', whose rate
    is written only after the new one: the amount alone would be a misreading ('from $350 per kg to $680
    per kg' writes its own)."""
    if _rate_opens(run, end) is not None:
        return True
    if "/" in figure.unit or not (start > 1 and run[start - 1].text == "from" and end + 1 < len(run) and run[end].text == "to"):
        return False
    try:
        after = reader.read_prefix(run, end + 1, settings)
    except figures.FigureError:
        return False
    return after is not None and after[0].dimension == "rate"


def _worth_tracking(sentence: str, run: Tokens, start: int, end: int, figure: Figure) -> bool:
    """Not a count that says nothing: one thing, a count with no noun or a name for one ("One Belt"; but a
    count of a people, "32 Kenyans", or of a named thing in the plural, "150 Black Hawks", counts), or a small
    count of what the article is about ("the two countries", "two giants")."""
    if figure.dimension == "duration" and start > 0 and run[start - 1].text in ("first", "last", "next") \
            and end < len(run) and run[end].text == "of":
        return False  # "the first five months of 2022" is a period
    if figure.dimension == "duration" and (n := match(DURATION_TIMES, run, end)) \
            and not (end + n < len(run) and run[end + n].text == "than"):
        return False  # "signed two years ago" dates an event
    if figure.dimension != "count":
        return True
    if not figure.noun:  # "the death toll rose to more than 2,000": a count of what its clause names, if it names one
        return (figure.value or 0) >= 2 and counted_by_clause(sentence, run[start].start, run[end - 1].end) is not None
    noun = run[end - 1]
    small = (figure.value or 0) < 10
    named = noun.raw[:1].isupper() and noun.text not in PEOPLE and not figures.nouns.acronym_plural(noun.raw) and not (
        # "One Belt"; but "32 Kenyans" counts people, "48 MPs" members of parliament
        noun.raw.endswith("s") and noun.raw[1:-1].islower() and figure.noun != noun.raw)  # a plural of a longer name:
    # "150 Black Hawks" counts helicopters; a lone capitalised word stays a title's ("Three Kings")
    return bool(figure.noun) and (figure.value or 0) >= 2 and not named and not (
        small and (start > 0 and run[start - 1].text in DETERMINERS.entries or noun.text in REFERENCE_NOUNS.entries))


# --- who, when, what kind ---------------------------------------------------------------------


def _capitalised(word: Token) -> bool:
    return word.raw[:1].isupper()


_BRACKETS = re.compile(r"\([^()]*\)")
_AGENCIES = r"(?:AP|AFP|Reuters|PTI|IANS|ANI|TASS|Xinhua|Sputnik|UPI|dpa|Bloomberg)"
_BYLINE = re.compile(rf"^\s*(?:[A-Z][A-Za-z .,'-]{{1,40}}?)?\s*\(?\b{_AGENCIES}\)?\s*[-–—:]+\s*"
                     rf"|^\s*(?:[A-Z][a-z]{{2,8}}\.?\s+)?\d{{1,2}}\s*\({_AGENCIES}\)\s*[-–—:]+\s*"
                     r"|^\s*[A-Z][A-Z .,'-]{2,40}[:,]\s*(?=[A-Z])"
                     r"|^\s*[A-Z][A-Z .'-]{2,30}(?:,[A-Za-z0-9 .,'-]{1,40}?)?\s*\([A-Z][A-Za-z]{1,10}\)\s*[-–—:]\s*")
"""A dateline or a wire byline at the start of a sentence: "(AP) –", "MOSCOW (Reuters) -", "Sept. 15 (UPI) --",
"NEW DELHI: ", and a city in capitals with its date and any agency in brackets ("RABAT, 10th September, 2023
(WAM) - ")."""


def without_credits(sentence: str) -> str:
    """The sentence with what names no speaker blanked out, offsets kept: a byline or dateline at its start and
    brackets that hold a photo credit or a caption ("(Photo Credit: Sputnik)")."""
    def blank(found: re.Match) -> str:
        credit = mentions(CREDITS, found.group()) or found.start() == 0
        return " " * len(found.group()) if credit else found.group()
    byline = _BYLINE.match(sentence)  # before the brackets are blanked: "MOSCOW (Reuters) -" is one dateline
    start = byline.end() if byline else 0
    return " " * start + _BRACKETS.sub(blank, sentence[start:])


@functools.lru_cache(maxsize=1 << 12)
def attribution_names(sentence: str, said_by: str | None) -> frozenset[str]:
    """The names (`word_of`) of a sentence that say who reported or said it, not what it is about: its byline or
    dateline ("SHANGHAI (Reuters) -"), a speaker that reports it ("Kommersant reported", "according to Interfax")
    and a person who says it ("Alexei Miller" of "Gazprom CEO Alexei Miller said"). A speaker that may be a party
    to what it says stays ("Rosneft said it paid ...", the "Gazprom" of its CEO)."""
    byline = _BYLINE.match(sentence)
    text = " " + (sentence[:byline.end()] if byline else "")  # each word read inside a sentence
    if said_by:
        text += " " + (said_by if _reports(sentence, said_by) else _person(said_by))
    return frozenset(word for word, named, _ in map(word_of, WORD.finditer(text)) if named)


def _reports(sentence: str, said_by: str) -> bool:
    """Whether a speaker reports the sentence rather than says it: "according to X", "X reported"."""
    name = re.escape(said_by)
    return re.search(rf"\baccording to\s+(?:the\s+)?{name}|{name}\s+(?:reported|reports|quoted|cited)\b", sentence) is not None


_PERSON = re.compile(r"(?:[A-Z][\w'.-]+\s+)+[A-Z][\w'-]+$")


def _person(said_by: str) -> str:
    """The person's name a speaker ends with: its last run of two or more capitalised words ("Alexei Miller" of
    "Gazprom CEO Alexei Miller"); "" for one word ("Rosneft", "Miller": a party or a person, which the words
    cannot tell)."""
    head = said_by.split(",")[0].strip()
    found = _PERSON.search(head)
    if found is None:
        return ""
    words = found.group().split()
    while len(words) > 2 and (words[0].lower() in GENERIC or words[0].isupper() or words[0].lower() in COUNTRIES
                              or not figures.typos.english(words[0].lower()) and words[1].isupper()):
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else ""


def speaker(sentence: str) -> str | None:
    """Who the sentence quotes: "according to X", "X said", "said X", "X told Y". Only a name
    (a capitalised word) is taken: "he said" gives none, and so does "according to data"; a photo
    credit or a wire byline never is."""
    sentence = without_credits(sentence)
    run = words(sentence)
    verbs = 0  # speech verbs met that named nobody: after one, only a verb that ends the sentence names its speaker
    # ("..., Reuters reported."), never a later clause's subject ("while Governor Roy Cooper warned of more rain")
    for i in range(len(run)):
        name = None
        if n := match(SPEAKER_OPENERS, run, i):
            name = _named(_name_after(sentence, run, i + n))
        elif run[i].raw.islower() and (n := match(SPEECH_VERBS, run, i)):  # "The United States" is no verb
            # a name after the verb, but not a time ("said Saturday") nor after a verb that named nobody
            after = None if verbs or match(SPEECH_TIMES, run, i + n) or match(TO_A_LISTENER, run, i) \
                else _name_after(sentence, run, i + n)  # "told Reuters": a listener
            # the verb ends the sentence: "..., Reuters reported.", "..., officials said on Friday."
            closing = all(t.kind != "word" or t.text == "on" or t.text in SPEECH_TIMES for t in run[i + n:])
            name = _named(_name_before(sentence, run, i) or after) if not verbs or closing else None
            verbs += 1
        if name:
            return name  # else on: "a quake was estimated to have killed 12,000, according to the USGS"
    return None


def _named(name: str | None) -> str | None:
    """A speaker found, unless it is only words that stand for one ([pronouns]: "He said" names nobody)."""
    return None if name is None or all(word.lower() in _PRONOUNS and not (len(word) > 1 and word.isupper())
                                       for word in re.findall(r"[^\W\d_]+", name)) else name  # "WHO", "IT" name


def _name_after(sentence: str, run: Tokens, i: int) -> str | None:
    """The name that starts at `i`, up to a punctuation mark; with what a comma adds to it when
    that runs to the end of the sentence ("said Vladimir Putin, the Russian president.")."""
    name = _name_from(sentence, run, i)
    end = i + len(words(name)) if name else i
    if name and end < len(run) and run[end].text == "," and end + 1 < len(run) and run[end + 1].text in ("the", "a", "an"):
        rest = sentence[run[end + 1].start:].rstrip().rstrip(_SENTENCE_ENDS).rstrip()
        if not any(ch in rest for ch in ",;:"):
            return f"{name}, {rest}"
    return name


def _name_from(sentence: str, run: Tokens, i: int) -> str | None:
    j = i
    while j < len(run) and not (run[j].kind == "sym" and run[j].text in ",;:()" + _SENTENCE_ENDS and not run[j].raw == "."
                                or run[j].text == "." and (j + 1 == len(run) or not run[j].attached)):
        j += 1
    taken = run[i:j]
    if taken and taken[0].text == "the":
        taken = taken[1:] if len(taken) > 1 and _capitalised(taken[1]) else []
    if not taken or not _capitalised(taken[0]):
        return None
    return sentence[taken[0].start:taken[-1].end]


def _dash(token: Token) -> bool:
    """A dash that sets off an aside (" — ", " - "), not a hyphen in a word."""
    return token.text == "-" and not token.attached


def _name_before(sentence: str, run: Tokens, verb: int) -> str | None:
    j = verb
    while j > 1 and run[j - 1].text in SPEAKER_ADVERBS:
        j -= 1  # "GM also said", "Reuters has reported"
    if j > 3 and run[j - 1].text == ")" and run[j - 3].text == "(" and run[j - 2].raw.isupper() \
            and _capitalised(run[j - 4]) and run[j - 4].text not in DETERMINERS:
        j -= 3  # "The National Transportation Safety Committee (NTSC) said": the name before its acronym
    if j > 0 and _dash(run[j - 1]):  # "GM — which is the largest U.S. automaker — said"
        k = next((k for k in range(j - 2, -1, -1) if _dash(run[k])), None)
        return _name_before(sentence, run, k) if k else None
    if j > 0 and run[j - 1].text == ",":  # "Sergey Pavlov, the deputy director of JSC Russian Railways, notes"
        k = next((k for k in range(j - 2, -1, -1) if run[k].text == ","), None)
        if k is not None and k > 0 and _capitalised(run[k - 1]):
            name = _name_before(sentence, run, k)
            return f"{name}{sentence[run[k].start:run[j - 2].end]}" if name else None
        return None
    k = j
    while k > 0 and (_capitalised(run[k - 1]) and run[k - 1].kind == "word" or run[k - 1].text in ("-", "'s", ".") and run[k - 1].attached
                     or run[k - 1].text in _NAME_JOINS and k > 1 and _capitalised(run[k - 2]) and _capitalised(run[k])):
        k -= 1
    if k == j or k > 0 and run[k - 1].kind == "word" and not _capitalised(run[k - 1]) and run[k - 1].text not in ("and", "but"):
        return None if k == j else sentence[run[k].start:run[j - 1].end]
    return sentence[run[k].start:run[j - 1].end]


_CLAUSE_ENDS = re.compile(r"(?<!\d),|,(?!\d)|[;:()\u2013\u2014]|\s-\s")  # not the comma of "40,000"


def _clause(sentence: str, near: int) -> tuple[int, int]:
    """Where the clause holding offset `near` starts and ends: clauses end at , ; : ( ) and dashes (a comma between
    digits is a thousands separator); a clause in
    brackets belongs to the one before it, brackets in brackets too ("pay 15% (INR58.5 billion (USD810 million))"),
    and an aside in brackets does not end the clause it interrupts ("delivery (of the missiles) will be in 24
    months")."""
    bounds = [0, *(m.end() for m in _CLAUSE_ENDS.finditer(sentence)), len(sentence) + 1]
    at = next(n for n in range(1, len(bounds)) if near < bounds[n])
    n = at - 1  # the clause starts at bounds[n]
    while n > 0 and sentence[bounds[n] - 1] in "()":
        if sentence[bounds[n] - 1] == ")":  # back to the aside's "("
            depth = 0
            while n > 0:
                depth += {")": 1, "(": -1}.get(sentence[bounds[n] - 1], 0)
                if depth <= 0:
                    break
                n -= 1
        n -= 1
    return bounds[n], bounds[at]


def _capitalised_phrase(phrase: str) -> str:
    """A pattern for a phrase of a table written with its first letter in capitals ("United States", "U.S.")."""
    rest = r"\s+".join(map(re.escape, phrase.split()))[len(re.escape(phrase[0])):]
    return re.escape(phrase[0].upper()) + "(?i:" + rest + ")"


_COUNTRY_PHRASES = sorted((phrase for phrase in COUNTRIES if " " in phrase or "." in phrase), key=len, reverse=True)
_COUNTRY_NAMES = sorted((phrase for phrase, country in COUNTRIES.items() if phrase == country or phrase == "sino" or (
    "." in phrase or " " in phrase or len(phrase) <= 3) and not phrase.endswith(("an", "ans"))), key=len, reverse=True)
"""The words and phrases of [countries] that name a country, not its people ("India", "U.S.", "United States",
"UK"; never "Indian", "South Korean"): those joined by a hyphen are each a word (`WORD`)."""
_COUNTRY_NAME = "(?:" + "|".join(map(_capitalised_phrase, _COUNTRY_NAMES)) + ")"
PEOPLE = frozenset(word for word in COUNTRIES if word not in _COUNTRY_NAMES and word not in COUNTRIES.values()
                   and not word.endswith("a"))  # "America", "Burma", "Macedonia" name a country
"""The words of [countries] that name a country's people ("Kenyans", "Chinese"): a count of them counts people
("32 Kenyans"), never a name."""
_JOINED = "(?:" + "|".join(sorted({re.escape(word.capitalize()) for word in (*COUNTRIES, *_X["name prefixes"])
                                    if word.isalpha()}, key=len, reverse=True)) + ")"
"""The words ([countries], [name prefixes]) that a hyphen joins to a name as one word ("Indian-American",
"Anti-China")."""
WORD = re.compile(r"(?<![\w.])(?:" + "|".join(map(_capitalised_phrase, _COUNTRY_PHRASES)) + r")(?!\w)"
                  rf"|(?<![\w.])(?=[A-Z][^\W\d_]*-[A-Z]){_COUNTRY_NAME}(?=-{_COUNTRY_NAME}(?!\w|'(?!s\b)))"
                  rf"|(?<![\w.-])(?=[A-Z][a-z]{{4,}}-[A-Z][a-z]{{4,}}(?![\w-]|'(?!s\b)))(?!{_JOINED}-)[A-Z][a-z]+"
                  rf"(?=-(?!{_JOINED}(?![a-z])))"
                  r"|[^\W\d_][\w'-]*[^\W_]|[^\W\d_]")
"""A word, as alignment reads the words around a figure (`align`); a country's name of several words or with
points ("United States", "U.S."; [countries]) is one word, and countries' names joined by hyphens are each a
word ("India-Russia trade", "China-Russia-India", "Russia-U.S."), as are two other names of five letters or more
("Mumbai-Ahmedabad", "Rolls-Royce"; never a first name's "Jean-Claude"); any other hyphen joins ("Non-US",
"Anti-China", "Indian-American", "Sino-Russian", "Kremlin-backed", "S-400": [name prefixes])."""


def word_of(match: re.Match) -> tuple[str, bool, str | None]:
    """A word of a sentence (a `WORD` match) as alignment reads it: lower case without "'s", whether it is a
    name (capitalised inside the sentence or beginning a name of several words (`_begins_a_name`: "Nord Stream"),
    with more than one capital, a designation with a digit or a country,
    which its people's word names too; never a generic word, a month or a stop word), and the word it counts as among
    the words around a figure (singular, synonyms as one; None for a short word, a stop word, a speech verb, a
    currency or scale word of an amount)."""
    inside = match.start() > 0 or _begins_a_name(match)
    read = word_as_read(match.group(), inside)
    if read[0] in _figure_words() and _in_amount(match.string, match.start(), match.end()):
        return word_as_read(match.group(), inside, True)
    return read


_CAPITAL_NEXT = re.compile(r"[ \t]+[A-Z]")


def _begins_a_name(match: re.Match) -> bool:
    """Whether a sentence's first word begins a name of several words: capitalised, followed by another capitalised
    word, and no English word (`figures.typos.english`): "Nord Stream 2 will ...", "Gazprom Neft said"; never
    "Despite Russia's ..." nor "Year-on-year, steel ...". A first word alone is capitalised whatever it is."""
    raw = match.group()
    return raw[:1].isupper() and _CAPITAL_NEXT.match(match.string, match.end()) is not None \
        and not figures.typos.english(raw.lower().removesuffix("'s"))


def word_at(sentence: str, start: int, end: int) -> tuple[str, bool, str | None]:
    """`word_of` of the word of `sentence` from `start` to `end`."""
    return word_of(WORD.match(sentence, start, end))


_NUMBER_BEFORE = re.compile(r"\d[\d.,]*\s*$")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'.-]*)\s*$")


def _in_amount(sentence: str, start: int, end: int) -> bool:
    """Whether a currency or scale word (`_figure_words`) stands in an amount: beside a number ("Rs 3,961",
    "5 Billion"), or after such a word that does ("5.4 Billion Dollars"). Elsewhere it is a word like any other
    ("Rand Paul", "a steel mill")."""
    before = sentence[:start]
    if _NUMBER_BEFORE.search(before) or sentence[end:].lstrip()[:1].isdigit():
        return True
    previous = _WORD_BEFORE.search(before)
    return previous is not None and previous.group(1).lower() in _figure_words() \
        and _NUMBER_BEFORE.search(before[:previous.start()]) is not None


@functools.lru_cache(maxsize=1 << 16)
def word_as_read(raw: str, inside: bool, in_amount: bool = False) -> tuple[str, bool, str | None]:
    """`word_of` of a word as written, inside its sentence or first, in an amount or not (`_in_amount`): news
    repeats its words, and the index reads the words of every claim's quote."""
    head, hyphen, tail = raw.partition("-")
    if hyphen and head[:1].isupper() and tail.isalpha() and tail.islower() and not is_designation(raw):
        raw = head  # "Congress-led", "Kremlin-backed", "Russian-made": the name is the capitalised part
    word = " ".join(raw.lower().removesuffix("'s").split())
    country = COUNTRIES.get(word) if raw[:1].isupper() else None  # "Indian" names India; "turkey" is a bird
    word = country or word
    designation = is_designation(raw)  # "S-400", "F-35", "Turkey": a name wherever it stands
    if designation and _reads_as_figure(raw) or in_amount:
        return word, False, None  # "INR58" of "INR58.5 billion", "Rs", "Billion": part of another figure
    named = (designation or country or raw[:1].isupper() and inside and len(word) > 1 or sum(ch.isupper() for ch in raw) > 1) \
        and word not in GENERIC and word not in MONTHS and word not in _vocab().noun_stops and word not in DETERMINERS \
        and word not in TIME_ZONES  # "8:24 a.m. EDT" names nothing a figure is of
    if len(word) < 3 and not named or word in _vocab().noun_stops or word in DETERMINERS or word in SPEECH_VERBS \
            or word in TIME_ZONES:
        return word, named, None
    single = figures.units.singular(word)
    return word, named, SYNONYMS.get(single, single)


@functools.cache
def _figure_words() -> frozenset[str]:
    """The currency, scale and percent words of the figure reader's ("rs", "billion", "crore")."""
    vocab = figures.reader().vocab
    return frozenset(key for table in (vocab.currencies, vocab.minor_currencies, vocab.scales, vocab.percent) for key in table)


def _reads_as_figure(raw: str) -> bool:
    try:
        figures.parse(raw)
    except figures.FigureError:
        return False
    return True


def is_designation(word: str) -> bool:
    """Whether a word is a designation ("S-400", "F-35", "A320"): letters and digits that name one product or
    system, which a sentence is more likely about than the people, places and days it also names; a year in a
    word ("end-2021", "mid-2019") and a part of a year ("Q1", "H2": `[year parts]`) are dates, not designations."""
    digits = re.findall(r"\d+", word)
    return bool(digits) and not any(len(run) == 4 and int(run) in YEARS for run in digits) and word.lower() not in YEAR_PARTS


def figure_span(quote: str, figure: str) -> tuple[int, int]:
    """Where a claim's figure stands in its quote; (0, 0) when the quote does not hold it as written."""
    at = quote.find(figure)
    return (at, at + len(figure)) if at >= 0 else (0, 0)


def named_in_figure(named: bool, dimension: str) -> bool:
    """Whether a word inside a figure counts among the words around it: a name in a count's noun does ("five
    S-400 systems" names the S-400, "36 Rafale jets" the Rafale); the figure's other words do not."""
    return named and dimension == "count"


def quote_words(quote: str, figure: str, dimension: str) -> tuple[set[str], set[str]]:
    """The words a claim's quote counts as around its figure (of `dimension`) and the names it holds (`word_of`):
    the words alignment weighs, without their weights, which the index keeps for every claim (`align.align`)."""
    start, end = figure_span(quote, figure)
    words, names = set(), set()
    for match in WORD.finditer(quote):
        word, named, counted = word_of(match)
        if start <= match.start() < end:
            if named_in_figure(named, dimension):
                names.add(word)
                words.add(counted or word)
            continue
        if named:
            names.add(word)
        if counted is not None:
            words.add(counted)
    return words, names


def subject_words(subject: str) -> list[str]:
    """The words of a subject's slug, which a claim's words include (its subject after aliases)."""
    return re.split(r"[-_]", subject)


def joiner(table: Table, text: str) -> str | None:
    """The meaning in `table` of `text` when all of it is one phrase of the table ("or", " (" between two
    amounts), else None."""
    run = words(text)
    return table.entries[_key(run)] if run and match(table, run, 0) == len(run) else None


def offers_alternatives(sentence: str) -> bool:
    """Whether a sentence offers its amounts as alternatives ("whichever is higher"; [alternative words])."""
    return mentions(ALTERNATIVE_WORDS, sentence)


def agreement_term(sentence: str, near: int | None) -> bool:
    """Whether the clause of the figure at `near` says it is a term of an agreement ("a 30-year deal", "signed a
    contract worth $5 billion"): actual even when it describes the future, with no period of its own. With `near`
    None: whether any clause of the sentence names an agreement."""
    start, end = _clause(sentence, near) if near is not None else (0, len(sentence))
    return mentions(AGREEMENT_TERMS, sentence[start:end])


def amount_part(sentence: str, start: int, end: int) -> str | None:
    """The part of a quantity the figure at `start`..`end` measures ([amount parts]: "each", "combined"), from the
    phrase of its clause nearest it with no other number between them ("will each provide EUR 950m with Gazprom
    putting up the other 50%": the 50% is no one partner's), else None."""
    low, high = _clause(sentence, start)
    run = words(sentence[:high])
    found, distance, i = None, math.inf, 0
    while i < len(run):
        n = match(AMOUNT_PARTS, run, i) if run[i].start >= low and not start <= run[i].start < end else 0
        if not n:
            i += 1
            continue
        first, last = (run[i + n - 1].end, start) if run[i].start < start else (end, run[i].start)
        if not any(t.numeric and first <= t.start < last and not _in_name(run, k) for k, t in enumerate(run)):
            meaning = AMOUNT_PARTS.entries[_key(run[i:i + n])]
            gap = abs(run[i].start - start)
            if meaning != "neither" and gap < distance:
                found, distance = meaning, gap
        i += n
    return found


def amount_span(sentence: str, end: int) -> str | None:
    """The span a figure ending at `end` is a total over, when a phrase of [span openers] and a duration follow it
    in its clause, within `SPAN_WORDS` words that are "of" or nouns ("$350 billion over the next 10 years", "$350
    billion of defense purchases over the next decade": "over-10-years"), else None: never after a verb or a
    preposition ("was delayed by over two years", "matures in over 10 years") nor before "ago"."""
    run = words(sentence[end:_clause(sentence, end - 1)[1]])
    vocab = figures.reader().vocab
    for i in range(min(len(run), SPAN_WORDS + 1)):
        n = match(SPAN_OPENERS, run, i)
        if n:
            return _span_after(run, i + n)
        word = run[i]
        if word.kind != "word" or word.text != "of" and (
                word.text in vocab.noun_stops or word.text in vocab.prepositions or word.text in vocab.past_verbs
                or vocab.verb_like_ending(word.text)):
            return None  # "was delayed by over two years": a verb or a preposition stands between
    return None


def _span_after(run: Tokens, i: int) -> str | None:
    """The duration read at token `i` as a span's slug ("10 years", "ten years", "a decade": "10-years"; "10-15
    years": "10-years-to-15-years"), None when none is there or "ago" follows it."""
    reader = figures.reader()
    try:
        read = reader.read_prefix(run, i)
        if read is None and i < len(run):  # "over a decade", "over the next decade": one of the unit
            unit = i + 1 if run[i].text in ("a", "an") and i + 1 < len(run) else i
            read = reader.parse(f"1 {run[unit].raw}"), unit + 1
    except figures.FigureError:
        return None
    if read is None or read[0].dimension != "duration" or not read[0].value or (
            read[1] < len(run) and run[read[1]].text == "ago"):
        return None
    figure = read[0]
    if figure.range_low is not None and figure.range_high is not None:
        return f"over-{_span_words(figure.range_low)}-to-{_span_words(figure.range_high)}"
    return f"over-{_span_words(figure.value)}"


def _span_words(years: float) -> str:
    """A span in whole years, months, days, hours or minutes as a slug ("10-years", "18-months", "2-hours"),
    whichever is whole first: "ten years", "10 years" and "a decade" are one span."""
    for size, unit in ((1, "year"), (12, "month"), (365.25, "day"), (8766, "hour"), (525960, "minute")):
        count = years * size
        if abs(count - round(count)) < 1e-6 * max(1.0, count):
            return f"{round(count)}-{unit}{'s' * (round(count) != 1)}"
    return f"{years * 525960:.0f}-minutes"


SPAN_WORDS = 4
"""How many words may stand between an amount and the phrase of [span openers] that says what span it is a total
over ("$350 billion of defense purchases over the next 10 years")."""


_ADDRESS_DESIGNATION = re.compile(r"(?<![a-z0-9])([a-z]{1,3})[-_]?(\d{2,4})(?![0-9])")
_ADDRESS_TAIL = re.compile(r"(?:\.[a-z0-9]+|[-_]\d{5,}|[-_](?:19|20)\d\d)+$")
"""What ends a headline segment without being part of the headline: a file extension, an id, a year
("-1786262.html", "roast-turkey-recipe-2018")."""


def address_names(url: str | None, text: str = "") -> frozenset[str]:
    """The names an article's address holds: news addresses carry the headline
    ("/india-russia-sign-5-43-billion-s-400-missile-deal/"), whose countries and designations say what the
    article is about. Only the headline is read (the last segment of several words, without an id, year or file
    extension), not the site's sections ("/india-news/", "/world/us/"). Its countries count as written (a quote
    drafted alone names them nowhere else; a join that rests on them says so in its `match`); as the address is
    in lower case, letters and digits there are a designation only if the text writes it ("up-101" is no
    "UP-101")."""
    if not url:
        return frozenset()
    from urllib.parse import urlsplit

    headline = _headline(urlsplit(url).path.lower())
    found = {COUNTRIES[word] for word in re.split(r"[^a-z]+", headline) if word in COUNTRIES and len(word) > 2}
    for letters, digits in _ADDRESS_DESIGNATION.findall(headline):
        designation = f"{letters}-{digits}"
        if is_designation(designation) and not _reads_as_figure(designation) and letters not in _figure_words() \
                and re.search(rf"(?<![\w-]){letters.upper()}[- ]?{digits}(?!\d)", text):
            found.add(designation)
    return frozenset(found)


def _headline(path: str) -> str:
    """The headline segment of an address's path: the last one of two words or more once its tail is cut."""
    for segment in reversed(path.split("/")):
        segment = _ADDRESS_TAIL.sub("", segment)
        if len(re.findall(r"[a-z]+", segment)) >= 2:
            return segment
    return ""


_OF_WORD = re.compile(r"\s+of\s+(?:the\s+)?([^\W\d_][\w-]*)")


@functools.lru_cache(maxsize=1 << 12)
def counted_by_clause(sentence: str, start: int, end: int) -> str | None:
    """What a count with no noun of its own at `start`..`end` counts where its clause names it ([counted before a
    count], [counted after a count]: "the death toll rose to more than 2,000", "1,832 were injured"; a part of a
    plural: "122 of the seats"), else None. A
    phrase before names the first count after it only, but for an old level after "from" ("the number of dead
    rose from 3,000 to 5,000"): "the death toll passed 1,000 on day 3", "rose to 2,012, with 1,293 in Al Haouz"
    name no dead by their 3 or 1,293."""
    low, high = _clause(sentence, start)
    after = words(sentence[end:high])
    if (n := match(COUNTED_AFTER, after, 0)) and not (n < len(after) and after[n].text == "to"):
        return COUNTED_AFTER[_key(after[:n])]  # but "3 million turned out to be too optimistic"
    if (part := _part_of(after)) is not None and not _numbered(words(sentence[low:start])):
        return part
    if low > 1 and (aside := _clause(sentence, low - 2)[0]) > 1 \
            and sum(t.kind == "word" for t in words(sentence[aside:low])) <= 2:
        low = _clause(sentence, aside - 2)[0]  # "The official death toll, meanwhile, remained at 50": past an aside
    before = words(sentence[low:start])
    for i in range(len(before) - 1, -1, -1):  # the phrase nearest the count
        if n := match(COUNTED_BEFORE, before, i):
            between = before[i + n:]
            if any(t.numeric and not (k and (between[k - 1].text == "from" or match_before(MONTHS, between, k)))
                   and not (t.text.isdigit() and int(t.text) in YEARS) for k, t in enumerate(between)):
                break  # another count first; a date ("as of September 10", "in 2023") is none
            return COUNTED_BEFORE[_key(before[i:i + n])]
    return _counted_by_list(sentence, start, end)


def _numbered(before: Tokens) -> bool:
    """Whether a count is the number of a thing in a series that the word before it names ("day 3 of the talks",
    "game 3 of the series", "week 12 of the strike": [labels], [period nouns], or a noun of [counted after a
    hyphen]), not a part of a plural."""
    if not before or before[-1].kind != "word" or not before[-1].raw.islower():
        return False
    word = before[-1].text
    return word in LABELS or word in _PERIOD_NOUNS or word in _vocab().counted_after_a_hyphen


def _part_of(after: Tokens) -> str | None:
    """The plural noun a count is a part of, when the words after it say so ("122 of the seats", "156 of 338 seats",
    "32 of its 157 passengers", "2 million of the city's 7 million people": seats, seats, passengers, people): "of",
    at most a word of [determiners], an owner's name ("the city's", "HK's") and a number with its scale word, and a
    plural noun. Else None."""
    vocab = _vocab()
    if not after or after[0].text != "of":
        return None
    k = 1
    if k < len(after) and (after[k].text in DETERMINERS or after[k].text in vocab.articles):
        k += 1
    if k < len(after) and after[k].kind == "word" and after[k].raw.endswith(("'s", "’s")):
        k += 1
    if k < len(after) and after[k].kind == "num":
        k += 1 + bool(match(vocab.scales, after, k + 1))
    if k < len(after) and after[k].kind == "word" and after[k].raw.islower() and vocab.plural(after[k].text):
        return after[k].raw
    return None


def _counted_by_list(sentence: str, start: int, end: int) -> str | None:
    """What a count with no noun counts where it is an item of a list whose first item names it: the count before it
    in the sentence counts a noun (or is such an item itself), the count is followed by its place ([list places]),
    and no more than ten words ending in a comma, "and" or a semicolon stand between them ("20,000 people were in
    shelters in North Carolina, 6,400 in South Carolina, and 400 in Virginia": the 6,400 and the 400 are people);
    or the item is a name and its count, the count ending the item ("the Liberal Party won 157 seats, the
    Conservatives 121, the Bloc Quebecois 32 and the NDP 24": a comma, "and" or the sentence's end after it; the
    comma or "and" before the name, up to three words before it), in a list of such items (a name and its count
    next, or before it). Else None."""
    run = words(sentence[:start])
    following = words(sentence[end:end + 17])
    if match(LIST_PLACES, following, 0):
        item = len(run)
    elif (item := _named_item(run)) is None or following and following[0].text not in (*_ITEM_ENDS, "."):
        return None
    k = next((k for k in range(len(run) - 1, -1, -1) if _a_number(run[k])), None)
    if k is None:
        return None
    try:
        read = figures.reader().read_prefix(run, k)
    except figures.FigureError:
        return None
    if read is None or read[0].dimension != "count":
        return None
    figure, stop = read
    between = run[stop:item]
    if not between or len(between) > 10 or between[-1].text not in _ITEM_ENDS \
            or any(t.text in SPEECH_VERBS for t in between):
        return None
    if item < len(run) and not all(t.text in _vocab().object_openers for t in run[item:_name_start(run)]) \
            and not (_NAMED_COUNT_NEXT.match(sentence, end) or k and run[k - 1].raw[:1].isupper()):
        return None  # "10 million consoles, mostly the Xbox 360": words other than "the" before the name, and no
        # name and its count beside it in the list ("the opposition Conservative 121, Bloc Quebecois 32")
    if figure.noun:
        return figure.noun  # its head noun is what the aligner compares (`align._measures`)
    return counted_by_clause(sentence, run[k].start, run[stop - 1].end)  # an item of the list before it


_ITEM_ENDS = (",", "and", ";")
"""What ends an item of a list of counts and opens the next."""

_NAMED_COUNT_NEXT = re.compile(r"\s*(?:,|and)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,3}\d")
"""A name and its count next in a list (", Bloc Quebecois 32", " and the NDP 24")."""


def _name_start(run: Tokens) -> int:
    """Where the capitalised words at the end of `run` start (at most four)."""
    k = len(run)
    while k > 0 and run[k - 1].kind == "word" and run[k - 1].raw[:1].isupper() and len(run) - k < 4:
        k -= 1
    return k


def _named_item(run: Tokens) -> int | None:
    """Where the name before a count at the end of `run` starts, with up to three words before it that open the
    item ("the opposition Conservative"): the position after the comma, "and" or semicolon that opens the item, if
    the words right before the count are capitalised. Else None."""
    k = _name_start(run)
    if k == len(run):
        return None
    for back in range(k, max(k - 4, 0), -1):
        if run[back - 1].text in _ITEM_ENDS:
            return back
        if run[back - 1].kind != "word" or not run[back - 1].raw.islower():
            return None
    return None


def kinds_counted(noun: str, sentence: str, end: int) -> str | None:
    """What a count of kinds counts the kinds of, when the sentence names it after the figure ([kinds of things]:
    "three types of missiles" -> "missile"), else None."""
    last = noun.split()[-1].lower() if noun.split() else ""
    found = _OF_WORD.match(sentence, end) if last in KINDS_OF_THINGS else None
    return figures.units.singular(found.group(1).lower()) if found else None


EARLIER = "earlier"
"""What `told_earlier` gives for a figure of a time before its sentence's, whatever other sentences say."""


def old_level(sentence: str, start: int, end: int) -> str | None:
    """`EARLIER` for the old level of a change from one figure to another: "from" (and a word of [old levels]: "from
    the current") before the figure, "to" and a number after it ("the death toll has climbed from seven to 20": the
    seven was the toll before). Else None."""
    before, after = words(sentence[:start]), words(sentence[end:end + 40])
    vocab = _vocab()
    k = len(before) - 1
    while k >= 0 and (before[k].text in vocab.old_levels or before[k].text in vocab.object_openers):
        k -= 1
    if k < 0 or before[k].text != "from" or not after or after[0].text != "to":
        return None
    following = after[1] if len(after) > 1 else None
    return EARLIER if following is not None and (following.numeric or following.kind == "sym"
                                                 or following.text in vocab.numbers) else None


def told_earlier(sentence: str, start: int) -> str | None:
    """Whether the figure at `start` follows, in its clause and with no other number between, words of [earlier
    tense] and a past participle ("had negotiated a price of Rs 526 crore"): `EARLIER` when the sentence names an
    earlier time ([earlier time]) or is no reported speech (no verb of [speech verbs]); in reported speech the
    participle, lower case ("said India had paid": "paid"), as the past perfect there may be the simple past
    said again; None when the figure is not told in the past perfect."""
    low, _ = _clause(sentence, start)
    run = words(sentence[low:start])
    for i in range(len(run)):
        n = match(EARLIER_TENSE, run, i)
        if n and i + n < len(run) and _participle(run[i + n]) \
                and not any(t.numeric and not _in_name(run, k) for k, t in enumerate(run) if k > i + n):
            whole = words(sentence)
            if any(match(EARLIER_TIME, whole, k) for k in range(len(whole))) \
                    or not any(whole[k].raw.islower() and match(SPEECH_VERBS, whole, k) for k in range(len(whole))):
                return EARLIER
            return run[i + n].text.lower()
    return None


def says_simple_past(sentence: str, participle: str) -> bool:
    """Whether a sentence says `participle` as a verb of its own, not after a word of [earlier tense] ("India
    paid Russia"): the time a past perfect in reported speech tells again."""
    run = words(sentence)
    return any(t.text.lower() == participle and not (k and match_before(EARLIER_TENSE, run, k)) for k, t in enumerate(run))


def _participle(token: Token) -> bool:
    """Whether a word is a past participle: one of [participle endings] or [past verbs] (phrases.txt)."""
    word = token.text
    return token.kind == "word" and (word.endswith(tuple(PARTICIPLE_ENDINGS)) and len(word) > 3 or word in _vocab().past_verbs)


def _in_name(run: Tokens, k: int) -> bool:
    """Whether the number at `k` is part of a name: right after a capitalised word, or a hyphen after one ("Nord
    Stream 2", "S-400", "Boeing 737")."""
    before = run[k - 2] if k > 1 and run[k - 1].text == "-" else run[k - 1] if k else None
    return before is not None and before.kind == "word" and before.raw[:1].isupper()


_ATTRIBUTIVE = re.compile(r"\d[\w.,]*-[^\W\d_]")
_NOUN_AFTER = re.compile(r"\s+[^\W\d_]")
_WORDS_BEFORE = re.compile(r"(?:[^\W\d_][\w'-]*\s+){0,2}$")


def _two_words_before(sentence: str, near: int) -> int:
    return _WORDS_BEFORE.search(sentence[:near]).start()


_BUT = re.compile(r"\bbut\b|\band\b")
"""Where what comes after a figure may turn to another clause for its kind: "but", or "and" (`_turns`)."""


def _turns(sentence: str, turn: re.Match, stop: int) -> bool:
    """Whether "but", or "and" before no other figure in the clause's next five words, turns to another clause
    ("has risen to 20 and more fatalities are expected", "stood at 50 and is expected to rise"); not "and" in a
    list of figures ("20 and 30 are expected", "revenue of $4 billion and profit of $1 billion are forecast", "5
    million cars and two million trucks are expected")."""
    if turn.group() == "but":
        return True
    vocab = _vocab()
    return not any(t.numeric or t.text in vocab.numbers or t.text in vocab.tens or t.text in vocab.currencies
                   for t in words(sentence[turn.end():stop])[:5])


def kind(sentence: str, near: int, end: int | None = None) -> str:
    """target, forecast or estimate when a word of that kind stands in the clause holding offset
    `near` (the figure itself, `near` to `end`, aside: "36 targets" is no target); else actual, and
    always actual for the terms of an agreement (design §7a). A figure written as an adjective before its noun
    ("the $11-billion project", "the 1,230-kilometre pipeline") states what the noun is: the clause's kind words
    speak of its verb ("is expected to double", "are estimated at"), so only the two words before it count ("a
    planned $5-billion plant")."""
    if agreement_term(sentence, near):
        return "actual"
    start, stop = _clause(sentence, near)
    if (turn := _BUT.search(sentence, end or near, stop)) is not None and _turns(sentence, turn, stop):
        stop = turn.start()  # "remained at 50 but is expected to rise": the kind of what comes after "but" or "and"
    if end is not None and _ATTRIBUTIVE.search(sentence[near:end]) and _NOUN_AFTER.match(sentence, end):
        start, stop = max(start, _two_words_before(sentence, near)), end  # "the $11-billion project is expected to ..."
    text = sentence[start:stop]
    if end is not None:
        text = text[:near - start] + " " * (end - near) + text[end - start:]
    run, kinds = words(text), set()
    for i in range(len(run)):
        if (n := match(KINDS, run, i)) and not (i and run[i - 1].text in _vocab().articles and i + n < len(run) and (
                run[i + n].numeric or match(_vocab().currencies, run, i + n))
                and near not in (start + run[i - 1].start, start + run[i + n].start)):
            kinds.add(KINDS.entries[_key(run[i:i + n])])  # but "$6.82bn vs. an expected $6.33bn": the other figure's
    own = words(sentence[near:end]) if end is not None else []
    for i in range(next((k for k, token in enumerate(own) if token.numeric), 0)):  # its own hedge: "an estimated 12,000"
        if n := match(KINDS, own, i):
            kinds.add(KINDS.entries[_key(own[i:i + n])])
    return next((k for k in ("target", "forecast", "estimate") if k in kinds), "actual")


def _span_back(run: Tokens, i: int, published: dt.date, near: int) -> str | None:
    """The span a phrase of [spans back] at `i` names, ending at the article's month: "for the past two years" in
    February 2025 is "2023-02/2025-02"; None unless a whole number of years or months follows, and for the figure
    at `near` that is that number ("over the past 12 months" dates no "12 months")."""
    n = match(SPANS_BACK, run, i)
    if not n or i + n + 1 >= len(run) or run[i].start <= near < run[i + n + 1].end:
        return None
    count, unit = run[i + n], run[i + n + 1].text
    value = count.text if count.text.isdigit() else _vocab().numbers.get(count.text)
    if value is None or not str(value).isdigit() or unit not in ("years", "months", "year", "month"):
        return None
    months = int(value) * (12 if unit.startswith("year") else 1)
    if not 0 < months <= 600:
        return None
    first = published.year * 12 + published.month - 1 - months
    return f"{first // 12}-{first % 12 + 1:02d}/{published.year}-{published.month:02d}"


def period(sentence: str, near: int, published: dt.date | None) -> str | None:
    """The period the sentence names, nearest to offset `near`: "in 2022" -> 2022, "in April" ->
    the April before `published`, "in the first five months of 2022" -> 2022-01/2022-05, "last
    year" -> the year before `published`."""
    run, named, skip = words(sentence), [], 0
    for i, word in enumerate(run):
        if i < skip:
            continue
        if published and (span := _month_span(run, i, published)):
            named.append((word.start, span[0]))
            skip = span[1]
            continue
        year = int(word.text) if word.kind == "num" and word.text.isdigit() and int(word.text) in YEARS else None
        if (year or word.kind == "word") and _starts_then(run, i):
            continue  # "supplies are due to start in 2018": when they start, not the period of the supplies
        if year and i > 0 and (run[i - 1].text in _PERIOD_OPENERS or match_before(MONTHS, run, i)):
            months = _months_before(run, i - 1)
            if i + 2 < len(run) and run[i + 1].text in ("-", "/", "to") and run[i + 2].kind == "num":
                last = run[i + 2].text  # "in 2019-2020", "in 2019-20": both years
                end = int(last) if len(last) == 4 else year // 100 * 100 + int(last) if len(last) == 2 else 0
                if months or not year < end <= year + 50:
                    continue  # a span not read as one is no period, rather than half of one
                named.append((word.start, f"{year}/{end}"))
            elif months:
                named.append((word.start, f"{year}-{months[0]:02d}" if months[0] == months[1] else
                              f"{year}-{months[0]:02d}/{year}-{months[1]:02d}"))
            else:
                named.append((word.start, str(year)))
        elif (n := match(MONTHS, run, i)) and i > 0 and run[i - 1].text in _PERIOD_OPENERS and published and not (
                i + n < len(run) and run[i + n].kind == "num"):
            month = int(MONTHS.entries[_key(run[i:i + n])])
            named.append((word.start, f"{published.year - (month > published.month)}-{month:02d}"))
        elif (n := match(RELATIVE_YEARS, run, i)) and published and not (
                match_before(CHANGE_BASES, run, i) and any(t.kind == "num" for t in run[:i])):
            named.append((word.start, str(published.year + int(RELATIVE_YEARS.entries[_key(run[i:i + n])]))))
        elif published and (span := _span_back(run, i, published, near)):
            named.append((word.start, span))
    start, end = _clause(sentence, near)
    own = [item for item in named if start <= item[0] < end]
    if not own:  # a period in a short opening clause dates the whole sentence ("In 2022, trade reached ..."), or
        # the part of it after a colon or semicolon ("growth in trade: in the first six months of 2022, it amounted to")
        part = max((m.end() for m in re.finditer(r"[:;]", sentence[:start])), default=0)
        opening_end = _clause(sentence, part)[1]
        if start >= opening_end and len(words(sentence[part:opening_end])) <= 9:
            own = [item for item in named if part <= item[0] < opening_end]
    if not own and refers_back(sentence, near):
        own = [item for item in named if item[0] < start][-1:]  # "in January ..., valuing the deal then at"
    if not own:
        return None  # "gas will flow from 2018" dates its own clause, not the deal's value in another
    return min(own, key=lambda item: abs(item[0] - near))[1]


def refers_back(sentence: str, near: int) -> bool:
    """Whether the figure at offset `near` is placed at a time its sentence named before (`[times referred to]`:
    "valuing the deal then at ...", "which was $6 billion at the time"): of the table's phrases in its clause,
    read without overlap ("since then" is no "then"), the `then` or `now` nearest the figure is a `then`."""
    start, end = _clause(sentence, near)
    run, found, i = words(sentence[start:end]), [], 0
    while i < len(run):
        n = match(TIMES_REFERRED_TO, run, i)
        if not n:
            i += 1
            continue
        meaning = TIMES_REFERRED_TO.entries[_key(run[i:i + n])]
        if meaning == "then next to the figure":
            meaning = "then" if i + n < len(run) and start + run[i + n].start == near else ""
        if meaning in ("then", "now"):
            found.append((abs(start + run[i].start - near), meaning))
        i += n
    return bool(found) and min(found)[1] == "then"


_SPAN_JOINS = frozenset(_X["month span joins"])
_SPAN_OPENERS = _PERIOD_OPENERS | frozenset(_X["month span openers"])


def _month_span(run: Tokens, i: int, published: dt.date) -> tuple[str, int] | None:
    """A span of months without a year at `i` ("between April and August", "during the April-December period"),
    with the token after it: in the year a relative year after it names ("this year"), else the last such span
    whose last month is not after `published`'s month (news of June may report April to June; a span that runs
    over the new year, "April-March", starts the year before)."""
    if not (i > 0 and run[i - 1].text in _SPAN_OPENERS and (n := match(MONTHS, run, i))):
        return None
    j = i + n
    if not (j + 1 < len(run) and run[j].text in _SPAN_JOINS and (m := match(MONTHS, run, j + 1))):
        return None
    after = j + 1 + m
    if after < len(run) and run[after].kind == "num":
        return None  # "April-August 2022": the year's own reading
    first = int(MONTHS.entries[_key(run[i:j])])
    last = int(MONTHS.entries[_key(run[j + 1:after])])
    if after < len(run) and (r := match(RELATIVE_YEARS, run, after)):
        end_year, after = published.year + int(RELATIVE_YEARS.entries[_key(run[after:after + r])]), after + r
    else:
        end_year = published.year - (last > published.month)
    start_year = end_year - (first > last)
    return f"{start_year}-{first:02d}/{end_year}-{last:02d}", after


def _starts_then(run: Tokens, i: int) -> bool:
    """Whether the date at `i` is when something starts: a verb of [start words] right before it or before its
    opener, the opener followed by nothing but a month ("due to start in 2018", "will begin in March 2019",
    "starts next year"). A noun is not such a verb ("at the start of 2018" is a time the figure holds at), nor a
    start verb further off ("started to recover in 2018"), nor one of a period ([period nouns]: "the fiscal year
    that began in April 2018" is the period)."""
    def starting(at: int) -> bool:
        return at >= 0 and run[at].text in _START_WORDS and not (at > 0 and run[at - 1].text in _ARTICLES) \
            and not any(run[n].text in _PERIOD_NOUNS and run[n - 1].text not in _RATE_OPENERS and not _length(run, n)
                        for n in range(max(1, at - 3), at))  # "the year that began in"; never "a year", "for 30 years"

    if starting(i - 1):
        return True
    for opener in (i - 1, i - 2):
        if opener > 0 and run[opener].text in _PERIOD_OPENERS and (opener == i - 1 or match(MONTHS, run, i - 1) == 1):
            return starting(opener - 1)
    return False


_ARTICLES = frozenset(_X["start nouns"])
_PERIOD_NOUNS = frozenset(_X["period nouns"])
_RATE_OPENERS = frozenset(_X["rate openers"])


_LENGTH_OPENERS = frozenset(_X["length openers"])
_PERIOD_OPENING = frozenset(_X["period openings"])


def _length(run: Tokens, n: int) -> bool:
    """Whether the period noun at `n` is a length of time: a number before it that "for", "within" or "lasting"
    opens, hedges between ("for 30 years starting in 2019", "for up to 30 years", "for the next 30 years"); "in the
    six months beginning in January 2019" and "the first five years starting in 2019" are periods ("for the six
    months beginning in January 2019" is a length: its start month is no period of six months)."""
    number = run[n - 1]
    if not (number.kind == "num" or number.text in _vocab().numbers or number.text in _vocab().tens):
        return False
    for token in reversed(run[max(0, n - 6):n - 1]):
        if token.text in _LENGTH_OPENERS:
            return True
        if token.text in _PERIOD_OPENING or token.kind != "word":
            return False  # "in the first five years": a period
    return False


def _months_before(run: Tokens, i: int) -> tuple[int, int] | None:
    """The months named just before a year at `i + 1`: "April 2017", "the first five months of",
    "the first quarter of"."""
    if n := match_before(MONTHS, run, i + 1):
        month = int(MONTHS.entries[_key(run[i + 1 - n:i + 1])])
        k = i + 1 - n
        if k > 1 and run[k - 1].text in ("-", "to", "through") and (m := match_before(MONTHS, run, k - 1)):
            return int(MONTHS.entries[_key(run[k - 1 - m:k - 1])]), month  # "January-May 2022"
        return month, month
    if run[i].text != "of":
        return None
    if n := match_before(YEAR_PARTS, run, i):
        low, high = YEAR_PARTS.entries[_key(run[i - n:i])].split("-")
        return int(low), int(high)
    if i >= 3 and run[i - 1].text == "months" and run[i - 3].text == "first":
        count = run[i - 2].text
        months = _vocab().number(count) or (int(count) if count.isdigit() else 0)
        return (1, months) if 1 <= months <= 12 else None
    return None


# --- the article --------------------------------------------------------------------------------

_MARKDOWN = [(re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
             (re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+])\s+", re.M), ""), (re.compile(r"(\*\*|__|\*|`)(.+?)\1"), r"\2")]


def html_text(data: bytes) -> str:
    """The main text of an HTML page (trafilatura's extraction: boilerplate, navigation and comments dropped)."""
    import trafilatura  # only extract needs it, and it is slow to import

    # Bytes, so that trafilatura reads the page's own charset.
    return (trafilatura.extract(data, include_comments=False, include_tables=False, favor_precision=True) or "") + "\n"


def fetch(url: str) -> str:
    """The main text of the page at an http(s) address, fetched with trafilatura. Raises ValueError with the reason
    when the address cannot be fetched or holds no article text."""
    if not is_address(url):
        raise ValueError(f"{url}: only http(s) addresses are fetched")
    if os.environ.get(LOCAL_FETCH) != "1" and _local(url):
        raise ValueError(f"{url}: an address of this machine or a private network is not fetched; set {LOCAL_FETCH}=1 "
                         "to fetch it, or save the page and give the file")
    from trafilatura.downloads import fetch_response
    from trafilatura.settings import use_config

    config = use_config()
    if os.environ.get(LOCAL_FETCH) == "1":
        config.set("DEFAULT", "SSRF_PROTECTION", "False")  # this machine's or the intranet's pages, asked for
    response = fetch_response(url, decode=False, config=config)
    if response is None or not response.data:
        raise ValueError(f"{url}: could not be fetched (no answer, an error status, or a name of a private network, "
                         f"which is fetched only with {LOCAL_FETCH}=1)")
    if getattr(response, "status", 200) >= 400:
        raise ValueError(f"{url}: the server answered {response.status}")
    text = html_text(response.data)
    if not any(not _furniture(line) for line in text.splitlines() if line.strip()):
        raise ValueError(f"{url}: no article text found on the page")
    return text


def _local(url: str) -> bool:
    """Whether an address names this machine or a private network by itself ("localhost", "127.0.0.1",
    "192.168.1.5"): refused with that reason, where trafilatura's own refusal would say no more than that nothing
    came back. A name that only resolves to one is refused by trafilatura."""
    import ipaddress
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


LOCAL_FETCH = "CLAIMCHECK_FETCH_LOCAL"
"""Set to 1 to fetch pages from this machine or a private network: trafilatura refuses non-public addresses
otherwise, so a manifest from elsewhere cannot make claimcheck read the intranet."""

MANIFEST_COLUMNS = ("file", "source", "source_name", "source_perspective", "published", "url")
"""The columns of a manifest of articles (design §7a); `file` is a path relative to the manifest or an address."""


@dataclass
class Listed:
    """One article to draft: where it is (a file, or an http(s) address), the outlet, date and address it came
    from, an outlet's name and perspective when the project lacks it, and where it was asked for (for messages:
    the manifest's line, or the file as given)."""

    file: str
    source: str
    source_name: str | None = None
    source_perspective: str | None = None
    published: str | None = None
    url: str | None = None
    at: str = ""

    @property
    def address(self) -> bool:
        return is_address(self.file)


def is_address(where: str) -> bool:
    return bool(re.match(r"https?://", where, flags=re.IGNORECASE))


def read_manifest(path: Path) -> tuple[list[Listed], list[str]]:
    """The rows of a manifest CSV (a `file` relative to the manifest's folder, or an address), and every problem
    with it as `path:line: what is wrong`."""
    import csv

    problems, rows = [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return [], [f"{path}: {getattr(error, 'strerror', None) or error}"]
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ("file", "source") if c not in (reader.fieldnames or [])]
    unknown = [c for c in reader.fieldnames or [] if c not in MANIFEST_COLUMNS]
    if missing or unknown:
        return [], [f"{path}:1: the columns are {', '.join(MANIFEST_COLUMNS)}" + (f"; missing {', '.join(missing)}" if missing else "")
                    + (f"; unknown {', '.join(unknown)}" if unknown else "")]
    for line, row in enumerate(reader, 2):
        values = {k: (v or "").strip() or None for k, v in row.items() if k}
        if not values.get("file") or not values.get("source"):
            problems.append(f"{path}:{line}: a row needs a file (a path or an address) and a source (an outlet id)")
            continue
        where = values["file"] if is_address(values["file"]) else str(path.parent / values["file"])
        rows.append(Listed(where, values["source"], values.get("source_name"), values.get("source_perspective"),
                           values.get("published"), values.get("url"), f"{path}:{line}"))
    return rows, problems


def article_text(path: Path) -> str:
    """The article's text, as it is archived: a plain text file as it is, Markdown without its
    markup, HTML reduced to its main text. Raises ValueError when it holds no sentence to read."""
    data = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm") or data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        text = html_text(data)
    else:
        try:
            text = data.decode("utf-8")  # line ends kept: the archive is the file as it is
        except UnicodeDecodeError as error:
            raise ValueError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None
        if path.suffix.lower() in (".md", ".markdown"):
            for pattern, replacement in _MARKDOWN:
                text = pattern.sub(replacement, text)
    if not any(not _furniture(line) for line in text.splitlines() if line.strip()):
        raise ValueError(f"{path}: no article text found")
    return text


def _furniture(line: str) -> bool:
    """A line of page furniture: it starts with a word of `furniture`, is shorter than a sentence
    and holds no figure ("Share this", "© 2023 Example News", "Updated 10:30 GMT"), or it is only
    symbols."""
    run = words(line.strip())
    if run and all(w.kind == "sym" for w in run) or run and match(LINK_LINES, run, 0):
        return True
    return bool(run) and bool(match(FURNITURE, run, 0)) and len([w for w in run if w.kind == "word"]) < 12 \
        and not scan(line, everything=True)


def _heading(line: str, first: bool) -> bool:
    """A headline, a standfirst or a caption: a short line with no full stop at its end, that opens the article
    or is written in title case ("India Has Signed A $5 Billion Deal To Buy Russian S-400s"). Not a claim."""
    text = line.strip()
    if not text or text[-1] in '.!?"”’\'' or len(text.split()) > 30:
        return False
    long_words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    title_case = long_words and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)
    return first or bool(title_case)


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a text, each with its offset: paragraph by paragraph, so a sentence never
    runs across a line break, and none from a line of page furniture."""
    import pysbd

    segmenter, found, offset = pysbd.Segmenter(language="en", clean=False), [], 0
    first = True
    for paragraph in text.split("\n"):
        cursor = 0
        skip = not paragraph.strip() or _furniture(paragraph) or _heading(paragraph, first)
        first = first and not paragraph.strip()
        for sentence in segmenter.segment(paragraph) if not skip else []:
            sentence = sentence.strip()
            at = paragraph.find(sentence, cursor)
            if sentence and at >= 0:
                found.append((offset + at, sentence))
                cursor = at + len(sentence)
        offset += len(paragraph) + 1
    return found


# --- drafts -----------------------------------------------------------------------------------


@dataclass
class Proposal:
    """One drafted claim, in the import columns."""

    figure: str
    quote: str
    speaker: str | None
    period: str | None
    kind: str
    subject: str
    property: str
    figure_read: Figure
    already: Claim | None = None  # the same figure and quote already claimed by the outlet
    match: str = ""  # which comparable group the proposal joins and why (design §7a)
    confidence: float | None = None  # how sure that is, 0 to 1
    start: int = 0  # where the figure stands in the quote
    end: int = 0
    article: int = 0  # which article of a batch it is from
    dated: dt.date | None = None  # the article's date (not a claim field: the claim keeps it as written)


class Vocabulary(NamedTuple):
    """How many of the project's claims with a quote and a readable figure there are (`items`), and how many
    of them hold each word and name asked (those none holds left out)."""

    items: int
    words: Counter
    names: Counter


class Anchor(NamedTuple):
    """A claim a draft may join, as alignment reads it: its comparable group (subject after aliases, property,
    period, kind, scope), its quote, its figure as written and as read (what `align` reads of a Figure), the
    dates its figure may hold at (a money figure is compared in dollars at that date's rate), and the words and
    names of its quote around the figure (`quote_words`, as the index keeps them: their weights are read only
    where a proposal shares one)."""

    key: tuple
    quote: str
    figure: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    dimension: str
    noun: str | None
    as_of: str | None
    period: str | None
    published: str | None
    words: frozenset[str]
    names: frozenset[str]


class Project(Protocol):
    """What drafting reads of a project, each part when it is needed, so that a draft never loads every claim:
    `query.Reader` reads it from the index with SQL (the commands and pages), `InMemory` from a `Corpus`
    (library users, tests). `comparable` may give more than is asked: the aligner keeps what it can use."""

    def context(self) -> Corpus:
        """Outlets, subjects (with their aliases) and settings; no claims."""

    def claim_subjects(self) -> set[str]:
        """Every subject a claim names, as written."""

    def first_claims(self, subjects: set[str]) -> dict[str, tuple]:
        """Where each subject's first claim stands in project order (to break ties as a walk of the claims would)."""

    def subject_figures(self, subject: str) -> list[tuple[str, str]]:
        """The (property, figure) of every claim whose subject, after aliases, is `subject`, in project order."""

    def quoted(self, source: str, figure: str) -> list[Claim]:
        """The outlet's claims of this figure that have a quote, in project order."""

    def id_taken(self, claim_id: str) -> bool:
        """Whether a claim of the project has this id."""

    def comparable(self, wanted: list[tuple], ratio: float) -> list[Anchor]:
        """Every claim with a quote and a readable figure of each comparable group that a wanted (dimension,
        period, kind, unit, value) may fit as a whole: all its claims of that dimension, period and kind, and
        those in the unit within a factor of `ratio` of the value (for money, a value in dollars, compared with
        amounts in USD), in project order; whole groups. More may be given: the aligner decides."""

    def group_taken(self, key: tuple) -> bool:
        """Whether a claim with a quote and a readable figure has this comparable group (subject after aliases,
        property, period, kind, scope)."""

    def group_count(self) -> int:
        """How many comparable groups have a claim with a quote and a readable figure."""

    def vocabulary(self, words: set[str], names: set[str]) -> Vocabulary:
        """Of the claims with a quote and a readable figure: how many there are, and how many hold each of
        these words (`quote_words` and `subject_words` of the subject after aliases) and names."""


class InMemory:
    """`Project` on a `Corpus` in memory: every claim is at hand, so `comparable` gives them all."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.aliases = corpus.alias_map()
        self.read = figures.read_claims(corpus)[0] if corpus.claims else {}
        self.order: dict[str, tuple] = {}
        for n, claim in enumerate(corpus.claims):
            self.order.setdefault(claim.subject, (n,))
        self.anchors = [claim for claim in corpus.claims if claim.quote and claim.figure in self.read]
        self._vocabulary: Vocabulary | None = None

    def context(self) -> Corpus:
        return self.corpus

    def claim_subjects(self) -> set[str]:
        return set(self.order)

    def first_claims(self, subjects: set[str]) -> dict[str, tuple]:
        return {subject: self.order[subject] for subject in subjects if subject in self.order}

    def subject_figures(self, subject: str) -> list[tuple[str, str]]:
        return [(claim.property, claim.figure) for claim in self.corpus.claims
                if self.aliases.get(claim.subject, claim.subject) == subject]

    def quoted(self, source: str, figure: str) -> list[Claim]:
        return [claim for claim in self.corpus.claims if claim.source == source and claim.quote and claim.figure == figure]

    def id_taken(self, claim_id: str) -> bool:
        return any(claim.id == claim_id for claim in self.corpus.claims)

    def comparable(self, wanted: list[tuple], ratio: float) -> list[Anchor]:
        return [anchor(self._key(claim), claim, self.read[claim.figure]) for claim in self.anchors]

    def _key(self, claim: Claim) -> tuple:
        return group_key(claim, self.aliases)

    def group_taken(self, key: tuple) -> bool:
        return any(self._key(claim) == key for claim in self.anchors)

    def group_count(self) -> int:
        return len({self._key(claim) for claim in self.anchors})

    def vocabulary(self, words: set[str], names: set[str]) -> Vocabulary:
        if self._vocabulary is None:
            held, named = Counter(), Counter()
            for claim in self.anchors:
                own, names_held = quote_words(claim.quote, claim.figure, self.read[claim.figure].dimension)
                held.update(own | set(subject_words(self.aliases.get(claim.subject, claim.subject))))
                named.update(names_held)
            self._vocabulary = Vocabulary(len(self.anchors), held, named)
        every = self._vocabulary
        return Vocabulary(every.items, Counter({w: every.words[w] for w in words if every.words[w]}),
                          Counter({n: every.names[n] for n in names if every.names[n]}))


def anchor(key: tuple, claim, figure: Figure) -> Anchor:
    words, names = quote_words(claim.quote, claim.figure, figure.dimension)
    return Anchor(key, claim.quote, claim.figure, figure.value, figure.low, figure.high, figure.unit, figure.dimension,
                  figure.noun, claim.as_of, claim.period, claim.published, frozenset(words), frozenset(names))


def project_of(project: Project | Corpus) -> Project:
    return InMemory(project) if isinstance(project, Corpus) else project


class Taken(set):
    """Claim ids in use: those given in this run, and the project's, asked one at a time."""

    def __init__(self, project: Project):
        super().__init__()
        self.project = project

    def __contains__(self, claim_id: object) -> bool:
        return set.__contains__(self, claim_id) or self.project.id_taken(claim_id)


class Suggester:
    """Subject and property for a figure: the project's own when the sentence names one of its
    subjects (by id, name or alias, fuzzy matched word by word with rapidfuzz, so "Russian" meets
    "russia"), else new slugs from the sentence's words. Each word of the sentence is matched once
    against every subject's name words, and only the subjects it meets are scored."""

    def __init__(self, project: Project | Corpus):
        self.project = project = project_of(project)
        context = project.context()
        self.names = {entry.id: {w for text in (entry.id, entry.name or "", *entry.aliases) for w in _content(text)}
                      for entry in context.subjects}
        listed = list(self.names)
        aliases = context.alias_map()
        for subject in project.claim_subjects():
            self.names.setdefault(aliases.get(subject, subject), _subject_content(subject))
        self.listed = {subject: n for n, subject in enumerate(listed)}
        self.having: dict[str, list[str]] = {}  # a name word -> the subjects whose names hold it
        for subject, names in self.names.items():
            for name in names:
                self.having.setdefault(name, []).append(subject)
        self.words = list(self.having)
        self.meets: dict[str, list[str]] = {}  # a sentence's word -> the name words it meets
        self.properties: dict[str, list[tuple[str, str]]] = {}  # subject -> (property, figure) of its claims

    def guess(self, sentence: str, found: Found) -> tuple[str, str]:
        best = self._subject(_content(sentence))
        return best or _slug(_nearest(sentence, found)) or "subject", self._property(best, sentence, found.figure)

    def _subject(self, present: set[str]) -> str | None:
        """The subject most of whose name words the sentence's words meet (two at least, or all of one or two),
        the first in the project's order where several meet as many."""
        from rapidfuzz import fuzz, process

        met_words: set[str] = set()
        for word in present:
            if word not in self.meets:
                self.meets[word] = [self.words[n] for _, _, n in process.extract(
                    word, self.words, scorer=fuzz.ratio, score_cutoff=85, limit=None)]
            met_words.update(self.meets[word])
        best, score = [], 0.0
        for subject in {subject for name in met_words for subject in self.having[name]}:
            names = self.names[subject]
            met = len(names & met_words)
            if met >= min(2, len(names)):
                if met / len(names) > score:
                    best, score = [subject], met / len(names)
                elif met / len(names) == score:
                    best.append(subject)
        if len(best) < 2:
            return best[0] if best else None
        first = self.project.first_claims({subject for subject in best if subject not in self.listed})
        return min(best, key=lambda s: (0, self.listed[s]) if s in self.listed else (1, *first.get(s, ())))

    def _property(self, subject: str | None, sentence: str, figure: Figure) -> str:
        if subject is not None and subject not in self.properties:
            self.properties[subject] = self.project.subject_figures(subject)
        same = [p for p, written in self.properties.get(subject, []) if _dimension(written) == figure.dimension]
        if same:
            return max(dict.fromkeys(same), key=same.count)  # a tie: the first in project order, the same every run
        if figure.dimension == "count":
            return _slug(figures.head_noun(figure.noun)) or "count"
        if figure.dimension == "percent":
            return "growth" if re.search(r"\b(?:grew|rose|increased|fell|dropped|declined|up|down)\b", sentence) else "share"
        return {"money": "value"}.get(figure.dimension, figure.dimension)


def _dimension(written: str) -> str | None:
    try:
        return figures.parse(written).dimension
    except figures.FigureError:
        return None


def _content(text: str) -> set[str]:
    """The words of a text that may name something: three letters or more, not a stop word."""
    return {w for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if _names_something(w)}


@functools.lru_cache(maxsize=1 << 16)
def _subject_content(subject: str) -> frozenset[str]:
    """`_content` of a subject a claim names: a server drafts again and again from the same subjects."""
    return frozenset(_content(subject))


@functools.lru_cache(maxsize=1 << 16)
def _names_something(word: str) -> bool:
    """Whether a word (lower case) is no stop word: a draft reads the words of every subject's id, which repeat."""
    return word not in _vocab().noun_stops.entries and word not in DETERMINERS.entries and word not in SPEECH_VERBS.entries


def _nearest(sentence: str, found: Found) -> list[str]:
    """Up to three words that may name a thing (`names_a_thing`) just before the figure (the sentence's subject,
    most often), else after it."""
    def naming(text: str) -> list[str]:
        return [w for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if names_a_thing(w)]
    return naming(sentence[:found.start])[-3:] or naming(sentence[found.end:])[:3]


@functools.lru_cache(maxsize=1 << 16)
def names_a_thing(word: str) -> bool:
    """Whether a word (lower case) may stand in a new subject's slug where no name does: a content word that is
    no number word, kind, change, generic word or month, nor a verb, adjective or adverb of `[subject words]` or by its
    ending ("simultaneously", "increased", "exceeding"): a slug names a thing a reader would recognise."""
    listed = SUBJECT_WORDS.get(word)
    if listed == "thing":
        return True
    vocab = _vocab()
    return listed is None and len(word) > 2 and _names_something(word) and word not in vocab.numbers \
        and word not in vocab.tens and word not in vocab.change_verbs.entries and word not in KINDS.entries \
        and word not in GENERIC and word not in MONTHS and not word.endswith(("ed", "ing", "ly"))


def _slug(words: list[str] | str) -> str:
    text = words if isinstance(words, str) else " ".join(words)
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def draft(text: str, project: Project | Corpus, source: str, published: dt.date | None, everything: bool = False,
          guesses: Suggester | None = None, refused: list[Refused] | None = None) -> list[Proposal]:
    """A proposal for each figure of the text, in order; those the outlet already claims with the
    same quote carry that claim in `already`. `guesses` may be shared by the articles of a batch. The
    numbers the reader refuses are added to `refused`, when given, each with where it stands in `text`, so that a
    draft says what it left out."""
    project = project_of(project)
    guesses = guesses or Suggester(project)
    claimed: dict[str, list[Claim]] = {}  # a figure -> the outlet's claims of it with a quote
    proposals = []
    for at, sentence in sentences(text):
        said_by, quote = speaker(sentence), fold_whitespace(sentence)
        before = None  # the sentence's figure before this one, and its period
        scanned = scan_all(sentence, everything)
        if refused is not None:
            refused += [replace(number, start=at + number.start, end=at + number.end) for number in scanned.refused]
        for found in scanned.found:
            subject, property_ = guesses.guess(sentence, found)
            if found.text not in claimed:
                claimed[found.text] = project.quoted(source, found.text)
            already = next((c for c in claimed[found.text] if fold_whitespace(c.quote) in quote), None)
            when = _when(sentence, found, before, published)
            before = found, when
            proposals.append(Proposal(found.text, sentence, said_by, when, kind(sentence, found.start, found.end), subject,
                                      property_, found.figure, already, start=found.start, end=found.end, dated=published))
    return proposals


def _when(sentence: str, found: Found, before: tuple[Found, str | None] | None, published: dt.date | None) -> str | None:
    """A figure's period: that of the figure it restates in brackets right after it ("815 billion rubles ($24
    billion at the time)"); none for a term of an agreement (design §7a) unless its clause places it at a time the
    sentence named before ("in January ..., valuing the deal then at 39,000 crore rupees": `refers_back`); else
    the one its clause names (`period`); for a count of the dead, injured or missing that names no time, the
    article's day: tolls rise from one day to the next, and two days' tolls are two figures, never a contradiction."""
    if before is not None and sentence[before[0].end:found.start].strip() == "(":
        return before[1]
    if agreement_term(sentence, found.start) and not refers_back(sentence, found.start):
        return None
    named = period(sentence, found.start, published)
    if named is None and published is not None and _toll(found, sentence):
        return published.isoformat()  # "the death toll has risen to 20": the toll of the article's day
    return named


_TOLLS = frozenset(_X["tolls"])


def _toll(found: Found, sentence: str) -> bool:
    """Whether a figure counts the dead, injured or missing, by its noun or its clause ("1,037 dead", "the death
    toll has risen to 20", "2,059 were wounded")."""
    if found.figure.dimension != "count":
        return False
    return (counted_by_clause(sentence, found.start, found.end) or figures.head_noun(found.figure.noun)) in _TOLLS


@dataclass
class Article:
    """One article of a batch: its text and the outlet, date and address it came from."""

    text: str
    source: str
    published: str | None = None
    url: str | None = None
    name: str = "article"  # where it came from, for the archive's file name


def claim_fields(proposals: list[Proposal], common: dict[str, str | None], taken: set[str]) -> list[dict[str, str]]:
    """The claim fields of each proposal not already claimed, with `common` ones (source, url,
    published, archive) and a fresh id; `taken` gains the ids given."""
    from .interchange import fresh_id

    drafted = []
    for proposal in proposals:
        if proposal.already:
            continue
        fields = {name: value for name, value in {**common, **vars(proposal)}.items() if value and name in Claim.model_fields}
        fields["id"] = fresh_id(fields, taken)
        taken.add(fields["id"])
        drafted.append(fields)
    return drafted
