"""What a count counts ("38 agreements"), and the words after a figure that are not part of it."""

from __future__ import annotations

import functools
import re

from ..models import Figure
from . import measure, numbers, units
from .parts import Amount
from .cursor import Cursor
from .errors import FigureError, RefusedThrough, unread_rate
from .vocabulary import Vocabulary

NOUN_WORDS = 5
"""In a sentence, a counted noun is at most this many words ("38 separate trade agreements")."""

_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")  # "2 TDs", "40 MPs"


def noun(c: Cursor, last: Amount) -> str:
    """The words after the figure: in a figure field all of them, in a sentence what a count counts."""
    if c.i >= c.n:
        return ""
    if not last.has_unit() and (uncompared := c.match(c.vocab.units_not_compared)) is not None:
        raise FigureError(f"'{c.written(c.i, c.i + uncompared[1])}' is a unit claimcheck does not compare "
                          f"({uncompared[0]}); read as a counted noun it would be compared as a count")
    if (counted := _hyphen_count(c, last)) is not None:
        if c.whole and c.i < c.n:
            _whole_noun(c, last)  # what follows in a figure field is read as ever ("a 62,062-seat stadium and 40,000")
        return counted
    return _whole_noun(c, last) if c.whole else _sentence_noun(c, last)


def _hyphen_count(c: Cursor, last: Amount) -> str | None:
    """The singular noun a number without a unit is joined to by a hyphen, which it counts ("a 62,062-seat
    stadium", "a four-cylinder engine"), the cursor moved past it; None, the cursor where it was, otherwise."""
    if c.text_at() != "-" or last.has_unit() or last.number.fraction or not _counted_after_hyphen(c, c.i):
        return None
    refuse_unit_like(c.vocab, c.peek(1).raw)  # "a 48-megapixel camera", "a 15-kiloton bomb": never a count
    c.i += 2
    return c.written(c.i - 1, c.i)


def _counted_after_hyphen(c: Cursor, k: int) -> bool:
    """Whether token `k` is a hyphen joining a number of two or more to a noun of [counted after a hyphen], in
    lower case and not the first piece of a longer word ("62,062-seat-capacity")."""
    tokens = c.tokens
    if k < 1 or k + 1 >= c.n or tokens[k].text != "-" or not tokens[k].attached:
        return False
    number, word = tokens[k - 1], tokens[k + 1]
    value = c.vocab.number(number.text) if number.kind == "word" else None
    if number.kind == "num" and number.raw.replace(",", "").isdigit():
        value = int(number.raw.replace(",", ""))
    if value is None or value < 2 or word.kind != "word" or not word.attached or not word.raw.islower() \
            or word.text not in c.vocab.counted_after_a_hyphen:
        return False
    after = tokens[k + 2] if k + 2 < c.n else None
    return after is None or not after.attached or after.kind == "word" or after.text in (".", ",", ";", ":", ")")


def _whole_noun(c: Cursor, last: Amount) -> str:
    vocab = c.vocab
    parts: list[str] = []
    if (named := c.designation()) and not last.has_unit():
        parts.append(c.written(c.i, c.i + named))  # "F-16 fighter jets"
        c.i += named
    while (token := c.peek()) is not None:
        if parts and closing_hedge(c) is not None:
            break  # "50 employees or more": a hedge of the figure, not words of the noun
        if parts and last.per is None and (c.match(vocab.rate_endings) or (c.match(vocab.rate_words) and token.text != "/")):
            # "20,000 visitors a day", "1.5 million barrels of oil a day"; but "2% m/m" is a change
            before = c.i
            units.rate(c, last)
            if last.per is not None:
                _refuse_doses(parts, last)
                continue
            c.i = before
        if not parts and token.text == "each" and c.i == c.n - 1 and last.currency:
            parts.append(token.raw)  # "£1.99 each": a price
            c.i += 1
            continue
        hyphen_rate = token.text == "-" and c.text_at(1) in ("a", "an", "per") and last.has_unit()
        if not parts and (token.text in ("per", "each", "every") or hyphen_rate
                          or (last.has_unit() and (units.rate_before_noun(c) or _rate_then_more(c)))):
            raise unread_rate(c.written(c.i, c.n))
        if token.kind == "num" and token.attached and parts and c.peek(-1).kind == "word":
            parts[-1] += token.raw  # "CO2", "PM2.5": a name with a digit in it
            c.i += 1
            continue
        if token.kind == "num" and parts and c.peek(-1).raw[:1].isupper() and c.peek(1) is not None \
                and c.peek(1).kind == "word":
            parts.append(token.raw)  # "63,000 Model 3 sedans": a name with a number in it
            c.i += 1
            continue
        if parts and (named := c.designation()):
            parts.append(c.written(c.i, c.i + named))  # "five regimental S-400 kits"
            c.i += named
            continue
        if token.kind not in ("word", "sym") or token.text in vocab.numbers or token.text in vocab.tens:
            raise FigureError(f"more than one number ({token.raw!r}); write one figure, or a range as 'X-Y' or 'between X and Y'")
        if token.text == "," and c.peek(1) is not None and c.peek(1).kind != "word" and c.peek(1).attached:
            raise FigureError("a comma separates thousands in groups of three (1,500); write decimals with a point (1.5)")
        if c.i == c.n - 1 and (token.text == "." or (token.text == "'" and c.peek(-1).kind == "word")):
            c.i += 1
            break  # the full stop of the sentence the figure was copied from; "six weeks'"
        if token.kind == "sym" and token.text not in ("-", "(", ")", "/") and not (
                token.text == "'" and parts and token.attached and c.peek(-1).kind == "word"):
            raise FigureError(f"unexpected {token.raw!r} after the figure")
        if not parts and token.kind == "word" and not last.has_unit():
            following = c.peek(1)
            refuse_unit_like(c.vocab, token.raw, named=following is not None and following.kind == "word"
                             and not following.attached)
        if token.attached and parts:
            parts[-1] += token.raw
        elif not (token.text == "-" and not parts):  # "3,000-strong"
            parts.append(token.raw)
        c.i += 1
    return " ".join(parts)


def closing_hedge(c: Cursor) -> tuple[str, int] | None:
    """A hedge after the counted noun that closes the figure ("50 employees or more"; "aged 65 and over are
    eligible"): at the end, before a sign or a function word; not words going on to another noun ("20 students
    and older residents"), nor "and" and a preposition ("10 years and under his leadership"). One opened by "or"
    before any other word is refused whole (RefusedThrough): "1 million users or more face new rules" bounds the
    figure, "20 students or older residents" joins another noun, and the words do not tell which."""
    found = c.match(c.vocab.suffix_hedges)
    if found is None:
        return None
    following = c.peek(found[1])
    if following is not None and following.kind == "word" and following.text not in c.vocab.noun_stops:
        if found[0] == "about":
            return found  # "or so" opens no other noun: "50 people or so attended"
        if c.text_at() == "or":
            raise RefusedThrough(f"'{c.written(c.i, c.i + found[1] + 1)}' after the figure may bound it ('50 employees "
                                 "or more') or join the next words ('20 students or older residents'); write 'at least' "
                                 "or 'at most' before the figure, or leave the figure out", c.i + found[1])
        return None
    if following is not None and hedge_is_a_conjunction(c, found[1]):
        return None
    return found


def hedge_is_a_conjunction(c: Cursor, size: int) -> bool:
    """Whether a hedge opened by "and" ("and over") is "and" and a preposition before an article or a possessive
    ("rose 3% and over the same period"); "or more" is always a hedge."""
    following = c.peek(size)
    return c.text_at() == "and" and following is not None and following.text in c.vocab.object_openers


def _rate_then_more(c: Cursor) -> bool:
    """'$80 a barrel Thursday' in a figure field: a rate with more after it, not a noun 'a barrel Thursday';
    but '10% a year earlier' is a time."""
    if c.match(c.vocab.rate_words) is None:
        return False
    ending = c.match(c.vocab.rate_endings)
    return ending is None or c.match(c.vocab.time_references, ending[1]) is None


def _refuse_doses(parts: list[str], last: Amount) -> None:
    if any(part.lower() in ("twice", "thrice") for part in parts) or (
            last.has_unit() and any(part.lower() == "times" for part in parts)):
        raise FigureError("a dose several times a day or a week: write the total per day or per week")


def _sentence_noun(c: Cursor, last: Amount) -> str:
    """In a sentence: for a count, the words up to its plural head noun ("38 separate agreements",
    "four FA Cup finals"); a rate after them or after the unit ("20,000 visitors a day", "1.5 million
    barrels of oil a day"). A number before a word that is no plural noun is a name or a date: refused."""
    vocab = c.vocab
    if last.has_unit() or last.number.fraction:
        if last.per is None:
            _rate_after_of(c, last)
        if last.per is None and last.has_unit() and units.rate_before_noun(c):
            raise FigureError(f"'{c.written(c.i, min(c.n, c.i + 4))}' after the figure is a rate before a noun, or a "
                              "time; write the rate at the end ('$3,500 a month')")
        if last.has_unit() and c.text_at() == "-" and c.peek().attached and c.peek(1) is not None \
                and c.peek(1).attached and (size := c.match(c.vocab.size_words, 1)) is not None and size[1] == 1:
            c.i += 2  # "a 4,000-km-long border": the size word is part of the figure, as in "4,000 km long"
        elif last.unit and not last.currency and c.i and c.tokens[c.i - 1].text == "m" and c.tokens[c.i - 1].attached \
                and (size := c.match(c.vocab.size_words)) is not None and size[0] == "metres" \
                and not (c.peek(size[1]) is not None and c.peek(size[1]).attached and c.text_at(size[1]) == "-"):
            c.i += size[1]  # "59m wide": the word that tells metres from millions is part of the figure found in a sentence
        return ""
    ends = _noun_candidates(c, last)
    if not ends:
        _refuse_borrowed_unit(c)
        first = c.peek()
        if first is not None and first.kind == "word" and first.text not in vocab.noun_stops and not _separator(c):
            refuse_unit_like(vocab, first.raw)
            if not last.number.vague and not (first.text.endswith("ed") or first.text in ("last", "next", "this")):
                raise FigureError(f"a number before {first.raw!r} is a name, a date, a score or an ordinal, or counts "
                                  f"something written elsewhere; write what is counted in the plural")
        if last.number.vague and c.peek(-1).text == "of":
            c.i -= 1  # "thousands of COVID-19 tests": the figure is "thousands"
        return ""
    if not c.designation():
        refuse_unit_like(vocab, c.peek().raw, named=ends[0] > c.i + 1)
    start = c.i
    c.i = ends[0]
    if last.per is None:
        before = c.i
        units.rate(c, last, after_noun=True)  # "20,000 visitors a day came"
        if last.per is None:
            c.i = before
    return c.written(start, ends[0])


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,5}s")


def acronym_plural(raw: str) -> bool:
    """Whether a word as written is the plural of an acronym ("MPs", "CEOs", "SUVs"): a counted noun, never a name."""
    return _ACRONYM_PLURAL.fullmatch(raw) is not None


def _noun_candidates(c: Cursor, last: Amount) -> list[int]:
    """Where a counted noun may end: at its first plural noun, and on over plural nouns right after it ("five
    intergovernmental commissions", "5 sales representatives"); never across a number ("two countries signed
    five ...")."""
    vocab = c.vocab
    raw = c.tokens[c.i - 1].raw
    bare_code = raw.isdigit() and (len(raw) == 4 or len(raw) == 3 and not raw.endswith("0"))
    # "737 Max planes", "2023 Example News": a name or a year; a round hundred before a maker's name is a count
    # ("220 Boeing aircraft", "150 Black Hawks")
    j, ends, words, in_name = c.i, [], 0, False
    while j < c.n and words < NOUN_WORDS:
        token = c.tokens[j]
        if named := c.designation(j - c.i):
            j += named  # "24 F-16 fighter jets", "two Covid-19 vaccines", "3 R&D centres"
            words += 0 if in_name else 1
            in_name = True
            continue
        ending = c.match(vocab.rate_endings, j - c.i)
        adjective = ending is not None and units.time_reference(c, j - c.i + ending[1]) \
            and c.match(vocab.time_references, j - c.i + ending[1]) is None  # "300 million daily active users"
        if token.text in vocab.numbers or token.text in vocab.tens:
            break
        if j == c.i and token.text in vocab.counted_additions and j + 1 < c.n and _added(c, j + 1):
            j += 1  # "70 more aircraft"; but "20 more than", "50 or more"
            words += 1
            continue
        if token.kind == "word" and token.text not in vocab.noun_stops and (ending is None or adjective):
            if token.raw[:1].isupper() and bare_code:
                break
            if ends and token.text in vocab.plural_nouns and vocab.verb_like_ending(token.text):
                break  # "two attacks killed 20 people": after a plural noun, "killed" is the verb ("5 killed" its noun)
            capital = token.raw[:1].isupper()
            words += 0 if capital and in_name else 1  # "S-400 Triumf", "Russian S-400": one name, one word
            in_name = capital
            j += 1
            if (not token.raw[:1].isupper() or not bare_code and token.raw[1:].islower()) \
                    and vocab.plural(token.text) or not bare_code and acronym_plural(token.raw):
                ends.append(j)  # "38 separate agreements", "1,307,000 Americans", "44 losses", "364 MPs"
            continue
        if token.kind == "num" and j > c.i and c.tokens[j - 1].raw[:1].isupper() and c.tokens[j - 1].kind == "word":
            j += 1  # "Model 3 sedans"
            continue
        if token.text in vocab.describing_joins and not ends and j > c.i and _adjective(vocab, c.tokens[j - 1]) \
                and j + 1 < c.n and _adjective(vocab, c.tokens[j + 1]):
            j += 1  # "12 crore small and marginal farmer families": two words that describe one noun
            continue
        if token.text == "-" and token.attached and j + 1 < c.n and c.tokens[j + 1].attached and j > c.i:
            j += 1  # "long-term", "coal-fired": one word
            words -= 1
            while j + 2 < c.n and c.tokens[j].text in vocab.noun_stops and c.tokens[j + 1].text == "-" \
                    and c.tokens[j + 1].attached and c.tokens[j + 2].attached:
                j += 2  # "surface-to-air", "made-in-India", "state-of-the-art": a stop word inside one word
            continue
        break
    if ends:
        head = 0
        while head + 1 < len(ends) and ends[head + 1] == ends[head] + 1:
            head += 1  # "sales representatives": a plural right after the first plural
        ends = ends[:head + 1]
    if ends and ends[-1] < c.n and c.tokens[ends[-1]].text in vocab.verb_objects and ends[-1] > c.i + 1:
        ends.pop()  # "19 fouls proves it", "One proposal asks the board": the last "plural" is a verb; but the
        # plural right after the number is what is counted ("four times the energy", "lost 5 games the year before")
    single = last.number.value == 1 and not last.number.fraction and last.scale is None  # "1 million marched" is many
    if single and ends and c.tokens[ends[0] - 1].text not in vocab.plural_nouns and (
            ends[0] > c.i + 1 or ends[0] < c.n and _adjective(vocab, c.tokens[ends[0]])):
        ends = []  # "One big problem remains": after one, a word in -s is the verb of a singular noun; "one gas
        # turbine", "one savings bank": a word in -s right after one that a noun follows describes it
    if not ends and single and (whole := _singular_noun(c, j)):
        return [whole]  # "one S-400 air defence system."
    if not ends and (single or last.number.fraction) and j > c.i \
            and c.tokens[c.i].kind == "word" and not c.tokens[c.i].raw[:1].isupper():
        return [c.i + 1]  # "one agreement"
    if not ends and single and (named := c.designation()):
        return [c.i + named]  # "one F-16 crashed": the name alone, as the first word of "one agreement"
    return ends[::-1]


def _added(c: Cursor, j: int) -> bool:
    """Whether token `j`, after "more", is the plural noun of an added count ("70 more aircraft"): no stop word,
    no verb, and no unit or currency ("5 more minutes", "3 more cents" are refused or read as before)."""
    vocab, token = c.vocab, c.tokens[j]
    return token.kind == "word" and token.text not in vocab.noun_stops and vocab.plural(token.text) \
        and not vocab.verb_like_ending(token.text) and token.text not in vocab.past_verbs \
        and c.unit_at(j - c.i) is None and token.text not in vocab.currencies.firsts \
        and token.text not in vocab.minor_currencies.firsts and token.text not in vocab.minor_units.firsts


def _adjective(vocab: Vocabulary, token) -> bool:
    """A word in lower case that may describe a noun: no stop word, no number word, no plural, no verb in -ed/-ing."""
    return token.kind == "word" and token.raw.islower() and token.text not in vocab.noun_stops \
        and token.text not in vocab.numbers and token.text not in vocab.tens and not vocab.plural(token.text) \
        and not vocab.verb_like_ending(token.text) and token.text not in vocab.past_verbs


def _singular_noun(c: Cursor, end: int) -> int:
    """Where the noun after "one" ends: before the first word after its first that looks like a verb (in -s, -ed,
    -ing, or a past tense of [past verbs]: "One big problem remains", "one man fell ill"), else at `end` when
    the words end the clause there (a punctuation mark, a preposition or the sentence's end follows: "one S-400
    air defence system."). Its last word is in lower case. 0 when no such noun of two words or more is there."""
    vocab = c.vocab
    if c.tokens[c.i].raw[:1].isupper() and not c.designation():
        return 0  # "One Direction"
    stop = next((k for k in range(c.i + 1, end) if c.tokens[k].kind == "word" and not (
        c.tokens[k - 1].text == "-" and c.tokens[k].attached) and _verb_like(vocab, c.tokens[k].text)), None)
    if stop is None and (end == c.n or c.tokens[end].kind == "sym" and c.tokens[end].text != "-"
                         or c.tokens[end].text in vocab.prepositions):
        stop = end
    if stop is None or stop - c.i < 2 or c.tokens[stop - 1].kind != "word" or not c.tokens[stop - 1].raw.islower():
        return 0
    return stop


def _verb_like(vocab: Vocabulary, word: str) -> bool:
    return vocab.verb_in_s(word) or vocab.verb_like_ending(word) \
        or word in vocab.past_verbs


def _refuse_borrowed_unit(c: Cursor) -> None:
    """A bare number whose unit may stand after it: '2 in long' (inches, or a preposition?), '45 and 50 mg'
    (45 takes the unit of the number after it)."""
    vocab = c.vocab
    last = c.match(vocab.last_word_units)
    if last is not None:
        after = c.peek(last[1])
        if after is None or after.kind == "sym" or c.match(vocab.size_words, last[1]) is not None:
            raise FigureError(f"{c.peek().raw!r} after the number may be a unit ({last[0]}) or a word of the sentence; "
                              f"write the unit in full")
    if c.text_at() in ("and", "or", "to", ",", "-") and c.peek(1) is not None and c.peek(1).numeric \
            and not (c.text_at() == "to" and _clause_ends(c, 2) and c.start > 0 and c.tokens[c.start - 1].text != "by"):
        # "has climbed from seven to 20.": nothing to take; but "rose by 12 to 89" stays refused, a change never
        # drafted as a level
        raise FigureError(f"the number before {c.text_at()!r} may take the unit of the number after it; write the unit "
                          "with both")


def _clause_ends(c: Cursor, offset: int) -> bool:
    """Whether the clause ends at the cursor plus `offset`: the sentence's end or a mark that closes a clause."""
    token = c.peek(offset)
    return token is None or token.text in (".", ",", ";", ":", "!", "?", ")", "—", "–")


def _separator(c: Cursor) -> bool:
    return c.peek() is not None and c.peek().kind == "sym"


def _rate_after_of(c: Cursor, last: Amount) -> None:
    """'38 billion cubic metres of gas a year': a rate written after what is measured."""
    if c.text_at() != "of":
        return
    size = 1
    for _ in (1, 2):
        token = c.peek(size)
        if token is None or token.kind != "word":
            return
        size += 1
        while (glued := c.peek(size)) is not None and glued.attached and glued.kind != "sym":
            size += 1  # "of CO2 a year", "of PM2.5 a day": a formula is one word
        before = c.i
        c.i += size
        units.rate(c, last)
        if last.per is not None:
            return
        c.i = before


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
"""An acronym in capitals with the plural's s: "20,388 TEUs", "5,000 SUVs", "300 NGOs" count TEUs, SUVs, NGOs."""


def counted(c: Cursor, figure: Figure, first: Amount, second: Amount | None) -> None:
    """A count must count something: a number before a singular noun is a name, a date or a score
    ("the 2024 election", "15 March", "a 2-2 draw"), and a range of bare years is a period."""
    if figure.dimension != "count":
        return
    vocab = c.vocab
    if not figure.noun:
        _bare_range(c, figure, first, second)
        return
    word = _head_word(figure.noun, vocab)
    if word and (word in vocab.units.folded or word in vocab.ambiguous or word in vocab.currencies) \
            and not _head_word(figure.noun, vocab, lower=False)[:1].isupper():  # but "eight straight World Cups"
        raise FigureError(f"{word!r} is a unit written after another word ({figure.noun!r}); write the figure with its "
                          f"unit next to the number, or leave the figure out")
    if figure.noun and not word and not first.number.fraction:
        raise FigureError(f"{figure.noun!r} after the number is not what it counts; write what is counted, or leave it out")
    first_number = next((k for k in range(c.start, c.i) if c.tokens[k].numeric), None)
    number = None if first_number is None else c.tokens[first_number]
    hedged = first_number != c.start  # words before the number ("about 2000 people" counts; "below 2005
    # levels" is of a year): then only the nouns of [year nouns] make it a possible year
    if second is None and number is not None and numbers.YEAR.fullmatch(number.raw) and first.scale is None \
            and (not hedged or word in vocab.year_nouns):
        raise FigureError(f"{number.raw!r} before {figure.noun!r} may be a year (the {number.raw} {figure.noun}); for a "
                          f"count write {int(number.raw):,} {figure.noun}")
    if second is not None and first_number is not None \
            and numbers.years_span(c.written(first_number, c.i).split()[0]) is not None:
        raise FigureError(f"a span of years before {figure.noun!r} ('the 1914-1918 war') is no count; write the count "
                          "with its thousands comma")
    if word and (figure.value != 1 or second is not None) and not first.number.fraction and not vocab.plural(word) \
            and not _ACRONYM_PLURAL.fullmatch(_head_word(figure.noun, vocab, lower=False)) \
            and not any(c.tokens[k + 1].raw == figure.noun and _counted_after_hyphen(c, k)
                        for k in range(c.start + 1, c.i - 1)):  # "a 62,062-seat stadium", "a 20- to 30-member panel"
        raise FigureError(f"a number before the singular {units.singular(word)!r} is a name, a date, a score or an ordinal, not a "
                          f"count; write what is counted in the plural, or leave the figure out")
    _bare_range(c, figure, first, second)


def _bare_range(c: Cursor, figure: Figure, first: Amount, second: Amount | None) -> None:
    if second is None:
        return
    if not c.whole and not figure.noun and c.tokens[c.start].numeric and any(
            t.text == "-" and t.attached for t in c.tokens[c.start:c.i]):
        raise FigureError("two numbers joined by a dash with nothing counted ('213-214', '555-1234') may be a tally, a "
                          "score or a phone number; a range says what it counts")
    if not figure.noun and first.number.value == second.number.value and first.scale == second.scale:
        raise FigureError("a range from a number to itself ('89-89', '2-2') is a score; write one figure")
    if not figure.noun and c.tokens[c.start].text in c.vocab.articles:
        raise FigureError("a bare range after 'a' or 'the' is a name or a model ('a 737-800'); write what it counts")
    if (not figure.noun or c.tokens[c.start].text in c.vocab.range_openers) and all(
            a.scale is None and a.number.value.is_integer() and 1500 <= a.number.value <= 2199 for a in (first, second)) \
            and not any(t.numeric and "," in t.raw for t in c.tokens[c.start:c.i]):  # "between 1,900 and 2,000 units"
        raise FigureError(f"a range of years is a period, not a figure; write it in the claim's period "
                          f"({first.number.value:.0f}/{second.number.value:.0f})")


def refuse_unit_like(vocab: Vocabulary, word: str, named: bool = False) -> None:
    """A counted noun that looks like a unit claimcheck does not know ("14 mGy", "45 Js"), or one that pint
    reads as a unit ("85 decibels"), is refused: read as a noun it would be compared as a count. An acronym
    that names what the next words count ("four FA Cup finals") is no unit (`named`)."""
    if named and word.isupper() and 2 <= len(word) <= 4 or _ACRONYM_PLURAL.fullmatch(word):
        return  # "four FA Cup finals", "2 TDs", "40 MPs"
    looks_like_symbol = len(word) <= 2 or (len(word) <= 4 and any(ch.isupper() for ch in word[1:]))
    if looks_like_symbol and word.lower() not in vocab.numbers and not (word.islower() and word in vocab.prepositions) \
            and word.lower() not in vocab.plural_nouns and word.isalpha():
        raise FigureError(f"{word!r} after the number looks like a unit claimcheck does not know; write the unit "
                          "in words it knows, or the counted thing as a word")
    if word.lower() in vocab.units_not_compared:
        raise FigureError(f"{word!r} is a unit claimcheck does not compare ({vocab.units_not_compared[word.lower()]}); "
                          "a figure in it cannot be read, and read as a counted noun it would be compared as a count")
    name = _pint_name(vocab, word)
    if name is not None:
        raise FigureError(f"{word!r} is a unit ({name.replace('_', ' ')}) claimcheck does not compare; a figure in it "
                          "cannot be read, and read as a counted noun it would be compared as a count")


@functools.lru_cache(maxsize=4096)
def _pint_name(vocab: Vocabulary, word: str) -> str | None:
    """The unit pint reads `word` as, if any: '85 decibels' is in a unit claimcheck does not compare."""
    if word.lower() in vocab.counted_nouns or word.lower() in vocab.prepositions or not word.isalpha():
        return None
    return measure.unit_name(vocab, word)


def _head_word(noun: str, vocab: Vocabulary, lower: bool = True) -> str:
    """The last word of a noun before its first preposition: '38 separate agreements in 2022' -> 'agreements';
    after the preposition a noun starts with ('one of the students', 'a 300,000 drop in jobs')."""
    words = (noun.lower() if lower else noun).replace("(", " ").replace(")", " ").split()
    if words and words[0].lower() in vocab.prepositions and words[0].lower() not in vocab.articles:
        words = words[2:] if words[1:2] and words[1].lower() in vocab.articles else words[1:]  # "of the students"
    head: list[str] = []
    for k, word in enumerate(words):
        joins_describing = word.lower() in vocab.describing_joins and head and not vocab.plural(head[-1].lower()) \
            and k + 1 < len(words)  # "small and marginal farmer families": two words describe one noun
        if word.lower() in vocab.prepositions and not joins_describing:
            break
        head.append(word)
    return head[-1].strip("'-.") if head else ""


def head_noun(noun: str, vocab: Vocabulary) -> str:
    """What a count counts, folded: '38 separate agreements' and '38 agreements' both count 'agreement', '36
    jets' and '36 aircraft' count 'aircraft'."""
    word = _head_word(noun, vocab)
    return counted_as(units.singular(word), vocab) if word else ""


def counted_as(word: str, vocab: Vocabulary) -> str:
    """The noun a singular counted noun counts as ([counted alike]: "jet" and "plane" count aircraft)."""
    return vocab.counted_alike.get(word, word)
