"""A figure: the words before the number (hedges, range openers, direction), one amount or a range of
two, the words after it (hedges, direction, what a count counts), read into an interval.

The same grammar reads a figure field (`whole`: every token is the figure, anything else is refused
with the reason) and finds a figure in a sentence (the figure ends where the grammar ends).
"""

from __future__ import annotations

import functools

from ..models import Figure, Settings, plain
from . import amounts, measure, nouns, units
from .parts import Amount, Unit
from .cursor import Cursor
from .errors import ExchangeRate, FigureError, NoFigure, RefusedRange, RefusedThrough
from .tokens import Tokens
from .vocabulary import Vocabulary


def figure(c: Cursor, settings: Settings) -> Figure | None:
    """The figure at the cursor, the cursor moved past it; None (prefix mode only) when none starts here."""
    if c.whole and not c.tokens.text.strip():
        raise FigureError("the figure is empty")
    start = c.i
    if not c.whole and c.text_at() == "minus" and c.text_at(-1) in ("or", "/") and c.text_at(-2) == "plus":
        raise FigureError("'plus or minus' gives a margin either way, not a negative figure; write the margin as "
                          "'a margin of error of 3 points'")
    if not c.whole and c.text_at(-1) == "of" and c.text_at(-3) == "per" and c.peek(-2).kind == "word" \
            and c.match(c.vocab.percent, -3) is None and c.text_at(-4) != "as":  # but "10 per cent of $5 billion",
        # "as per reports of 200 deaths"
        raise FigureError(f"'{c.written(c.i - 3, c.i)}' before the amount is its rate, which the amount alone would "
                          "lose; write the rate after the amount ('earnings of $2.90 per share', 'a loss of $3.70 per share')")
    opened = leading(c)
    if opened is None:
        return None
    qualifier, closer, age = opened
    try:
        first = amounts.amount(c)
    except NoFigure:
        return None
    second = _range_end(c, first, closer)
    widen = False
    if second is not None:
        if qualifier not in ("exact", "about"):
            raise RefusedRange(f"a range cannot also be {qualifier.replace('_', ' ')}; write the range alone")
        widen, qualifier = qualifier == "about", "range"  # "about 10-15 exabytes": each end widened as "about" is
    elif closer is not None:
        if c.whole:
            raise FigureError(f"a range opened with {'between' if ('and',) in closer else 'from'} needs '{closer[0][0]}' "
                              "and a second figure")
        return None
    if age is not None:
        _in_years(c, age, first, second)
    noun = ""
    if c.i < c.n:  # words after the amount: a direction, a hedge, what a count counts
        trailing_direction(c, first)
        if (suffix := _suffix_hedge(c, after_noun=False)) is not None:
            qualifier = one_hedge(qualifier, suffix)
        trailing_direction(c, first)
        if not any(end.percent or end.unit is not None or end.scale for end in (first, second) if end is not None):
            _refuse_exchange_rate(c)  # "rose 2% against the dollar" is a change, "lost $50 million to the pound" an
            # amount; "7.2 yuan to the dollar" a rate
        noun = nouns.noun(c, first if second is None else second)
        if noun and (suffix := _suffix_hedge(c, after_noun=True)) is not None:
            qualifier = one_hedge(qualifier, suffix)  # "companies with 50 employees or more"
        if second is not None and not noun and not c.whole \
                and not any(end.has_unit() or end.scale or end.per for end in (first, second)) \
                and any(t.kind == "word" and t.text in c.vocab.range_joins for t in c.tokens[c.start:c.i]) \
                and c.match_before(c.vocab.tally_openers, c.start - c.i) is not None:  # "won 3-1" is a score already
            raise RefusedThrough(f"'{c.written(c.start)}' after '{c.tokens[c.start - 1].raw}' is a vote or a score, "
                                 "not a range; leave it out, or write each side's count as a figure of its own", c.i)
    if not c.whole and first.currency and all(end.scale is None and end.per is None for end in (first, second) if end):
        _refuse_price_of_a_currency(c, first.currency)  # "The pound rose 0.4% to $1.2715"
    if second is not None:
        share_units(first, second)
    if first.number.vague and qualifier == "exact":
        qualifier = "vague"
    elif first.number.vague:
        raise FigureError(f"a vague magnitude (thousands, millions) cannot also be {qualifier.replace('_', ' ')}; keep one")
    if first.percent and not c.direction and noun:
        signs = {c.vocab.direction[w] for w in noun.lower().replace("-", " ").split() if w in c.vocab.direction}
        if len(signs) == 1:  # "a 0.25% rate cut": a falling word wherever it stands in the figure
            c.direction = -1 if signs.pop() == "-" else 1
    if not c.whole and not c.direction and (first.percent or first.currency or first.number.fraction) \
            and c.text_at(start - c.i - 1) == "by":
        signed = verb_before_by(c.tokens, c.vocab, start - 1)  # "The bank cut its key rate by half a percentage point"
        c.direction = signed[1] if signed else 0
    if not c.whole and not c.direction and first.percent:
        c.direction = _restated_change(c, start)  # "Farm incomes fell by £1.5 billion, or 22%"
    if not c.whole and c.direction and c.tokens[start].text in c.vocab.direction and (
            start > 0 and c.tokens[start - 1].text in c.vocab.articles and c.vocab.verb_like_ending(c.tokens[start].text)
            # "a falling 10 tonne boulder": an adjective; but "a drop of 10%"
            or not first.has_unit() and not first.number.fraction or first.percent and c.text_at() == "of"
            or result_is_duration(c, first) and c.match(c.vocab.times_after_a_duration) is not None
            or _result_kind(c, first) == "length" and c.match(c.vocab.places_after_a_length) is not None):
        return None  # "the lower 48 states", "lost 3 children", "lost 20% of its territory", "fell 2 days after",
        # "plummeted 2 km from the airport": read without the word
    if not c.whole and qualifier == "more_than" and age is None and result_is_duration(c, first):
        if c.tokens[start].text == "over":
            return None  # "$5 billion over 10 years": a period, not more than ten years
        if c.tokens[start].text in c.vocab.direction and c.text_at(start - c.i + 1) == "over":
            raise RefusedThrough(f"'{c.written(start)}' may be a change of more than that or one over that time "
                                 "('life expectancy fell over two years'); write 'by more than' or 'over a period of'", c.i)
    if not c.whole and result_is_duration(c, first) and c.match(c.vocab.points_in_time) is not None \
            and c.match(c.vocab.comparisons_with_a_time, c.start - c.i) is not None:
        return None  # "higher than two years ago": the figure starts at its number, two years, not more than two
    if first.unit is not None and first.unit.name in measure.TEMPERATURES and not c.direction:
        c.direction = _changed_by(c, start)  # "warmed by about 1.1C", "rose 2C": a change in temperature
    text = c.tokens.text if c.whole else c.written(start)  # a figure field as written, a found figure folded
    try:
        result = measure.interval(c.vocab, text, first, second, qualifier, noun, c.direction, settings, widen)
    except FigureError:
        if c.whole or not _sign_word_opens(c, start):
            raise
        return None  # "tested negative 10 days later": the word is the sentence's, the figure starts at the number
    nouns.counted(c, result, first, second)
    return result


_CLOSING_MARKS = frozenset(".,;:!?)]'\"’”")
"""Marks that may stand against a word and end its phrase, not join it to the next."""


def _refuse_exchange_rate(c: Cursor) -> None:
    """'7.2 yuan to the dollar', 'weakened past 100 to the dollar': words of [exchange rate words] and a currency
    after an amount or a count make it an exchange rate, refused whole (RefusedThrough)."""
    words = c.match(c.vocab.exchange_rate_words)
    if words is None:
        return
    currency = _currency_at(c, words[1])
    if currency is None:
        return
    end = c.i + words[1] + currency[1]
    after = c.peek(end - c.i)
    if after is not None and (after.attached and after.text not in _CLOSING_MARKS  # "dollar-starved", "R&D"
                              or after.kind == "word" and after.text not in c.vocab.noun_stops):  # "to the euro zone"
        return
    raise units.exchange_rate(c, end)


def _currency_at(c: Cursor, offset: int) -> tuple[str, int] | None:
    """The currency named at the cursor (plus `offset`), as the codes it may stand for and its tokens: a word of
    [currencies], or one of [exchange rate currencies], which name a currency only where a rate's words say so."""
    return c.match(c.vocab.currencies, offset) or c.match(c.vocab.exchange_rate_currencies, offset)


def _price_of_a_currency(c: Cursor, currency: str) -> tuple[int, int] | None:
    """Where a sentence names, before the figure, a currency other than the figure's (`currency`) as what it is about
    and says nothing else before the figure: its name ([currency names]) after a word of [currency openers] ("The
    pound", "One US dollar") or first in the sentence ("Sterling"), not joined to the next word nor before a name or
    a number ("the euro-area bank", "The Dollar Tree chain", "Euro 2024"), and between the two only what a price's
    sentence holds (`_says_a_price`); as the tokens where the words naming it start and end, or None."""
    vocab = c.vocab
    for k in range(c.start):
        if c.tokens[k].kind != "word" or k and c.tokens[k - 1].text not in vocab.currency_openers:
            continue
        named = c.match(vocab.currency_names, k - c.i)
        if named is None:
            continue
        found = _currency_at(c, k - c.i)
        if found is None or currency in found[0].split():
            continue
        end = k + named[1]
        after = c.tokens[end]
        if after.attached and after.text == "-" or after.raw[:1].isupper() or after.numeric:
            continue
        if all(_says_a_price(vocab, token) for token in c.tokens[end:c.start]):
            return max(k - 1, 0), end
    return None


def _says_a_price(vocab: Vocabulary, token) -> bool:
    """Whether a word may stand between a currency's name and its price ("rose 0.4% to", "was trading at", "fell 1%
    against the dollar to"): a number, a percent sign, a hedge, a word of change or of [price of a currency words]."""
    text = token.text
    return token.numeric or text == "%" or text in vocab.price_of_a_currency_words or text in vocab.direction \
        or text in vocab.change_verbs or text in vocab.verbs_before_a_level or text in vocab.prefix_hedges.firsts \
        or text in vocab.currency_names


def _refuse_price_of_a_currency(c: Cursor, currency: str) -> None:
    """'The pound rose 0.4% to $1.2715', 'One euro buys 1.08 dollars', 'The dollar climbed to 151.97 yen': an amount of
    money with no scale word after the name of another currency the sentence is about (`_price_of_a_currency`) is
    that currency's price, an exchange rate, refused whole (ExchangeRate)."""
    named = _price_of_a_currency(c, currency)
    if named is not None:
        raise units.exchange_rate(c, c.i, c.tokens.span(*named).lower())


def _sign_word_opens(c: Cursor, start: int) -> bool:
    """A sign word that may be the sentence's ("tested negative 10 days later", "plus 12 aircraft"); "minus"
    is always the number's: "an approval rating of minus 12" is refused, never found as 12."""
    token = c.tokens[start]
    return token.kind == "word" and token.text in amounts.SIGNS and token.text != "minus"


def _in_years(c: Cursor, unit: str, first: Amount, second: Amount | None) -> None:
    """'aged 34', 'ages 18 to 24': an age written without a unit is in years; 'aged 6 months' keeps its unit. A scale
    word makes no age ("at the age of 2 billion users" counts users)."""
    ends = [first] if second is None else [first, second]
    if all(not end.has_unit() and end.per is None and not end.number.fraction and not end.number.vague and end.scale is None
           for end in ends):
        for end in ends:
            end.unit = Unit(unit)


def leading(c: Cursor) -> tuple[str, tuple[str, ...] | None, str | None] | None:
    """The words before the number: a hedge, a range opener, a direction word, an article. In a figure
    field any other word is refused, so that the field holds the figure and the sentence stays in the
    quote; in a sentence, no figure starts there (None)."""
    vocab = c.vocab
    qualifier = "exact"
    closer: tuple[tuple[str, ...], ...] | None = None
    age = None
    extra = []
    before = _before_number(vocab)
    hedged = c.start  # where the hedges and range opener that open the figure end
    while c.i < c.n:
        if c.tokens[c.i].text not in before and _amount_starts(c):
            break  # most figures start with their number or currency: one look passes every word that may precede it
        at = c.i
        if (hedge := c.take(vocab.prefix_hedges)) is not None:
            if not c.whole and c.start > 0 \
                    and vocab.verbs_before_a_level.get(c.tokens[c.start - 1].text) == " ".join(c.written(at).lower().split()):
                raise RefusedThrough(f"'{c.tokens[c.start - 1].raw} up to' may say the level reached ('rates went up "
                                     "to 5.5%') or a bound ('fares rose up to 15%'); write 'rose to X' or 'up to X'",
                                     _amount_end(c, 0))
            if not c.whole and hedge == "at_most" and _brought_up(c, at):
                return None  # the level an object was brought up to: the figure starts after "up to"
            if not c.whole and c.i == at + 1 and c.tokens[at].text in vocab.hedge_prepositions \
                    and c.match(vocab.prefix_hedges) is not None:
                return None  # "grew over almost 20 minutes": [hedge prepositions] before another hedge
            qualifier = one_hedge(qualifier, hedge)
            hedged = c.i if at == hedged else hedged
            continue
        token = c.peek()
        if age is None and c.i == hedged and (opener := c.match(vocab.age_openers)) is not None \
                and _age_follows(c, opener[1]):
            age = opener[0]  # "aged 34", "aged between 18 and 24", "under age 5"
            c.i += opener[1]
            continue
        if token.text in vocab.range_openers and c.i + 1 < c.n and not _after_change(c):
            closer = _closers(vocab, token.text)
            c.i += 1
            hedged = c.i if at == hedged else hedged  # "between ages 18 and 24"
            continue
        if c.match(vocab.constants):
            break
        if c.whole and token.text in vocab.leading_words and _amount_starts(c, 1):
            c.i += 1  # "top three seeds", "a record 32 goals": which of what is counted
            continue
        if (direction := c.match(vocab.direction)) is not None and (c.whole or direction[0] == "-") \
                and (after := _after_direction(c, direction[1])) is not None:
            if (position := c.match(vocab.position_hedges, direction[1])) is not None:
                if _percent_follows(c, direction[1] + position[1]):
                    crossed = c.written(c.i, c.i + direction[1] + position[1])
                    raise FigureError(f"a percentage after '{crossed}' may be a level crossed or a change smaller "
                                      "than it ('fell under 1%' often means it fell by less than 1%); write the level "
                                      "('below 4%') or the change ('fell less than 1%')")
                if not c.whole:
                    return None  # "Bitcoin fell below $30,000": a level crossed, the figure starts at the hedge
                c.i += direction[1]
                continue
            c.direction = -1 if direction[0] == "-" else 1  # "down 10%", "fell 5%", "fell more than 5%"
            c.i += after
            continue
        if c.whole and token.text in vocab.articles and (direction := c.match(vocab.direction, 1)) is not None \
                and c.text_at(1 + direction[1]) in ("of", "by"):
            c.direction = -1 if direction[0] == "-" else 1  # "a drop of 10%"
            c.i += 2 + direction[1]
            continue
        if c.whole and token.text in vocab.articles and _amount_starts(c, 1) and not c.match(vocab.currencies) \
                and not c.peek(1).attached:
            c.i += 1  # "a $5bn deal"; but "A$5bn" and "A320"
            continue
        if _amount_starts(c):
            break
        if not c.whole and qualifier != "exact" and c.i == hedged and token.text in ("a", "an") \
                and c.match(vocab.time_after_a_hedge, 1) is not None:
            break  # "blocked for nearly a week", "more than a year": after a hedge, "a" and a unit is an amount
        if not c.whole:
            return None
        units.refuse_glued_sign(c, 0)  # "Z$ 100"
        if (unit_word := c.match(vocab.units_before)) is not None and not extra:
            written = c.written(c.i, c.i + unit_word[1])  # "magnitude about 7", "magnitude -1"
            raise FigureError(f"{written!r} is read as a unit only right before a number ({written} 7.1); write a "
                              f"hedge before it ('about {written} 7') and the number without a sign")
        extra.append(token.raw)
        c.i += 1
    if c.i >= c.n:
        if not c.whole:
            return None
        raise FigureError(f"no number found in {c.tokens.text.strip()!r}")
    if extra:
        raise FigureError(f"{' '.join(extra)!r} before the number is not a hedge claimcheck knows; "
                          "write the figure with only a hedge such as about, more than, up to")
    return qualifier, closer, age


def _age_follows(c: Cursor, offset: int) -> bool:
    """Whether a figure follows the age words at the cursor (`offset` tokens): a number, or a hedge or range
    opener before one."""
    if c.text_at(offset) in c.vocab.range_openers:
        offset += 1
    hedge = c.match(c.vocab.prefix_hedges, offset)
    return _amount_starts(c, offset + (hedge[1] if hedge else 0))


@functools.lru_cache(maxsize=8)
def _before_number(vocab: Vocabulary) -> frozenset[str]:
    """Every word that starts a phrase `leading` reads before the number."""
    return frozenset().union(vocab.prefix_hedges.firsts, vocab.range_openers, vocab.constants.firsts,
                             vocab.leading_words, vocab.direction.firsts, vocab.articles)


def result_is_duration(c: Cursor, first: Amount) -> bool:
    return _result_kind(c, first) == "duration"


def _result_kind(c: Cursor, first: Amount) -> str | None:
    """The dimension of an amount in a unit and not a rate ("duration", "length"), else None."""
    return measure.unit_kind(c.vocab, first.unit.name)[0] if first.unit is not None and first.per is None else None


def _changed_by(c: Cursor, start: int) -> int:
    """Whether the words before a temperature say it is a change, and its sign (0 for a level): 'rose by 1.2C',
    'warming to 1.5C'; a word of direction right before its number, 'rose 2C', 'fell 3C' ('fell below 0C' is a level)."""
    before = c.tokens[start - 1].text if start > 0 else None
    if before == "by" or before in ("to", "of") and start > 1 and c.tokens[start - 2].text in c.vocab.temperature_change:
        return 1
    if before in c.vocab.direction and c.tokens[start].numeric:
        return -1 if c.vocab.direction[before] == "-" else 1
    return 0


def verb_before_by(tokens: Tokens, vocab: Vocabulary, by: int) -> tuple[int, int] | None:
    """Where the nearest direction word or falling verb ([falling verbs]) before 'by' in the same clause (up to six
    words back) stands, and its sign; None when none does. A falling verb signs only its object's change ("lowered
    LDL cholesterol by 60%"), never a participle's agent ("Reducing inequality is supported by 60% of voters")."""
    agent = by > 0 and vocab.verb_like_ending(tokens[by - 1].text)
    for k in range(by - 1, max(-1, by - 7), -1):
        token = tokens[k]
        if token.kind == "sym":
            return None
        meaning = vocab.direction.get(token.text) or (None if agent and k < by - 1 else vocab.falling_verbs.get(token.text))
        if meaning is not None:
            return k, -1 if meaning == "-" else 1
    return None


def _restated_change(c: Cursor, start: int) -> int:
    """The sign of a change that a percentage after ', or' restates ("Farm incomes fell by £1.5 billion, or 22%",
    "The Dow tumbled 500 points, or 1.4%", "has shrunk by $1.5 trillion, or 15%"): the direction word (or phrase)
    right before the amount that ends at the comma; 0 when none stands there ("fell to $50 billion, or 2% of
    GDP" is a level; "The lower house approved $5 billion, or 3%" names no change)."""
    if start < 3 or c.tokens[start - 1].text != "or" or c.tokens[start - 2].text != ",":
        return 0
    k = start - 3  # back over the amount: "£1.5 billion", "$1,000", "500 points", "1.2%"
    if c.tokens[k].kind == "word" and k > 0 and c.tokens[k - 1].numeric and c.tokens[k].text not in c.vocab.scales:
        k -= 1  # its unit or counted noun
    if c.tokens[k].text in c.vocab.scales or c.tokens[k].text == "%":
        k -= 1
    if not c.tokens[k].numeric:
        return 0
    if k > 0 and c.tokens[k - 1].kind == "sym" and c.tokens[k - 1].text != ",":
        k -= 1  # a currency's sign
    found = c.match_before(c.vocab.direction, k - c.i)
    return 0 if found is None else -1 if found[0] == "-" else 1


def _after_direction(c: Cursor, offset: int) -> int | None:
    """Where the figure goes on after a direction word: 'fell 5%', 'fell by 5%', 'fell sharply by 5%', 'fell
    more than 5%', 'lost about $2 billion' (the hedge is read next); None when no figure follows it."""
    if c.text_at(offset) is not None and c.text_at(offset).endswith("ly") and c.text_at(offset + 1) == "by":
        offset += 1  # an adverb before "by": "fell sharply by 5%"
    if c.text_at(offset) in ("by", "of"):
        offset += 1
    hedge = c.match(c.vocab.prefix_hedges, offset)
    return offset if _amount_starts(c, offset + (hedge[1] if hedge else 0)) else None


def _percent_follows(c: Cursor, offset: int) -> bool:
    """Whether the amount from `offset` on is a percentage ('5%', 'five per cent', '1.5 million %')."""
    for k in range(offset, offset + 4):
        token = c.peek(k)
        if token is None:
            return False
        if c.match(c.vocab.percent, k) is not None:
            return True
        if not (token.numeric or token.text in c.vocab.numbers or c.match(c.vocab.scales, k) is not None):
            return False
    return False


RANGE_OF_A_CHANGE = 20.0
"""After a word of change, 'X to Y' with its unit or scale written once, after the last end, is a range of the
change ("fell 5 to 20 percent", "fell $1 to $4 million", "a reduction of 10% to 50%") while Y is at most this many
times X; beyond it, and wherever both ends are written alike ("rose $2.10 to $85.40", "could fall 5% to 20%",
"claims rose 5,000 to 230,000"), the words are as often the change and the new level as a range of the change,
and are refused whole. Six rounds of review found ranges and splits misread by every threshold between them."""

_BOTH_WAYS = ("after a word of change, 'X to Y' may be the change and the new figure or a range of the change "
              "('grow 2% to 3%'); write 'rose by X to Y', or 'between X and Y'")


def _change_and_level_or_range(c: Cursor, first: Amount, second: Amount, of_a_change: bool) -> None:
    """After a word of change, 'X to Y' read as a range (returns) or refused whole (RefusedThrough): see
    RANGE_OF_A_CHANGE. `of_a_change`: `_of_a_change(c)`."""
    shares_scale = second.scale is not None and first.scale is None and first.number.value < 1000  # "$2 to $3 billion"
    written_once = second.has_unit() and not first.has_unit() or shares_scale
    scale = second.scale if shares_scale else first.scale or 1.0
    ratio = abs(second.number.value * (second.scale or 1.0)) / max(abs(first.number.value * scale), 1e-300)
    if (written_once or of_a_change) and ratio <= RANGE_OF_A_CHANGE:
        return  # "rose 5 to 10 percent", "fell $1 to $4 million", "a loss of $1 million to $5 million"
    raise RefusedThrough(_BOTH_WAYS, c.i)


def _brought_up(c: Cursor, at: int) -> bool:
    """Whether the hedge at token `at` ("up to") follows a verb of [verbs that bring a level] and its object: a word
    of [object openers] and one to three words more, none a preposition or a mark ("bringing that total up to $3.5
    billion", "pushed the death toll up to 90"): the level reached. Not "bring storm surges of up to 13 feet",
    "boost output by up to 10%", "take a stake of up to 49%": there "up to" bounds."""
    for k in range(at - 1, max(at - 6, -1), -1):
        token = c.tokens[k]
        if token.kind == "word" and token.text in c.vocab.object_openers:
            return k > 0 and at - k >= 2 and c.tokens[k - 1].text in c.vocab.verbs_that_bring_a_level
        if token.kind != "word" or token.text in c.vocab.noun_stops:
            return False
    return False


def _after_change_word(c: Cursor, of_a_change: bool) -> bool:
    """Whether the figure being read says it changed ("fell 2%") or follows a verb or a word of change ("rose $2",
    "closed up $2.10"), or a noun of change and "of" (`of_a_change`: `_of_a_change(c)`)."""
    return c.direction != 0 or of_a_change or c.match_before(c.vocab.change_verbs, c.start - c.i) is not None \
        or c.match_before(c.vocab.direction, c.start - c.i) is not None \
        and c.match_before(c.vocab.no_change, c.start - c.i) is None  # "makes up 5% to 10%"


def _of_a_change(c: Cursor) -> bool:
    """A noun of change and "of" ("a drop of 10% to 20%", "a loss of $1 million to $5 million"): a range, both ends
    written or not, but for ends far apart ("an increase of 5,000 to 230,000")."""
    before = c.start - c.i - 1
    return any(token.text == "of" for token in c.tokens[c.start:c.i]) \
        or c.text_at(before) == "of" and c.match_before(c.vocab.direction, before) is not None


def _after_change(c: Cursor) -> bool:
    """'trade rose from $100 billion to $200 billion': after a verb of change, 'from X to Y' is two figures; so is
    'from X to Y' in a sentence where both write their unit and fall ("cut it by 25 basis points from 6.5% to
    6.25%": a range is never written from its larger end, `_falls_to`)."""
    return c.text_at() == "from" and (_change_before(c, 0) or not c.whole and _falling_pair(c) and not any(
        c.text_at(-back) in c.vocab.range_words for back in range(1, 5)))  # "ranged from 35C to 28C": a range


def _falling_pair(c: Cursor) -> bool:
    """Whether 'from' at the cursor opens two amounts joined by 'to' that `_falls_to`."""
    probe = Cursor(c.tokens, c.i + 1, c.vocab, False)
    try:
        first = amounts.amount(probe)
        if probe.text_at() != "to":
            return False
        probe.i += 1
        return _falls_to(first, amounts.amount(probe))
    except FigureError:
        return False


def _amount_starts(c: Cursor, offset: int = 0) -> bool:
    token = c.peek(offset)
    if token is None:
        return False
    vocab = c.vocab
    text = token.text
    if text in ("a", "an") and not c.match(vocab.currencies, offset):  # "a $5bn deal", but "A$5bn"
        if c.match(vocab.vague, offset) is not None:
            return True  # "a few hundred", "a couple of thousand"
        following = c.peek(offset + 1)
        if following is None:
            return False
        if not c.whole:  # in a sentence "a" starts a number only before a scale, a multiplier, a fraction, a percent,
            unit = c.match(vocab.units.folded, offset + 1)  # or a unit and a half ("a decade and a half")
            return (following.text in vocab.fractions and c.text_at(offset - 1) != "and"
                    or c.match(vocab.multipliers, offset + 1) is not None or c.match(vocab.scales, offset + 1) is not None
                    or c.match(vocab.percent_after_an_article, offset + 1) is not None
                    or unit is not None and c.text_at(offset + 1 + unit[1]) == "and"
                    and c.text_at(offset + 2 + unit[1]) in ("a", "half"))
        return (following.text in vocab.fractions or c.match(vocab.multipliers, offset + 1) is not None
                or c.match(vocab.scales, offset + 1) is not None or c.match(vocab.units.folded, offset + 1) is not None
                or c.match(vocab.percent_after_an_article, offset + 1) is not None)
    return (token.kind not in ("word", "sym") or text in amounts.SIGNS and amounts.sign_length(c, offset) > 0
            or text in vocab.numbers or text in vocab.tens or text in vocab.fractions
            or c.match(vocab.currencies, offset) is not None or units.letter_currency(c, offset) is not None
            or text in vocab.ambiguous and (c.whole or _sign_before_number(c, offset))
            or c.match(vocab.vague, offset) is not None or c.match(vocab.constants, offset) is not None
            or units.unit_before(c, offset) is not None)


def _sign_before_number(c: Cursor, offset: int) -> bool:
    """'¥4.3 trillion', 'kr 500': in a sentence an ambiguous currency before a number starts a figure, to be refused."""
    meaning = c.vocab.ambiguous.get(c.text_at(offset), "")
    following = c.peek(offset + 1)
    return following is not None and following.numeric and not meaning.startswith(("'in'", "'am'")) \
        and c.text_at(offset) not in c.vocab.noun_stops


def _range_end(c: Cursor, first: Amount, closer: tuple[tuple[str, ...], ...] | None) -> Amount | None:
    """The second figure of a range ('10-12%', 'between 5 and 6 billion', '8- to 16-meter'), if one follows."""
    vocab = c.vocab
    before = c.i
    if closer is None and not c.whole and _changed_from(c, first) and _closing(c, _closers(vocab, "from")):
        closer = _closers(vocab, "from")  # "rose from 5 up to 10 percent": never "up to 10 percent" alone, at most 10%
    if closer is not None:
        if (words := _closing(c, closer)) and not c.whole:
            raise RefusedThrough("'from X up to Y' in a sentence may be a range or a change from X to Y ('rates went "
                                 "from 0.25% up to 5.5%'); write a range as 'between X and Y', a change as two figures",
                                 _amount_end(c, words + 1))
        c.i += words  # in a figure field, "from 450 sq ft up to 900 sq ft" is a range: at the closer's last word
        closer = tuple(words[-1] for words in closer)
    token = c.peek()
    if token is None or token.text != "-" and token.text not in (closer or vocab.range_joins) \
            or token.text == "-" and not token.attached and c.peek(1) is not None and c.peek(1).attached:
        c.i = before  # "Stoxx 50 -1.3%": a hyphen spaced on one side only is the next figure's sign
        return None
    if token is not None and token.text == "-" and (c.text_at(1) in vocab.range_joins or c.text_at(1) == "and"):
        c.i += 1  # "8- to 16-meter", "a 7- or 8-inch screen", "5--6%" (two hyphens for a dash)
        token = c.peek()
    if token is not None and token.text == "-" and c.match(vocab.suffix_hedges, 1):
        c.i += 1  # "100,000-plus"
        return None
    joins = closer or tuple(vocab.range_joins)
    if token is None or token.text not in joins or not (closer is not None or _amount_starts(c, 1)):
        c.i = before
        return None
    word = c.peek(1)
    if token.text == "-" and word is not None and word.attached and (word.text in vocab.numbers or word.text in vocab.tens) \
            and c.peek(-1).numeric:
        raise FigureError(f"'{c.written(c.i - 1, c.i + 2)}': a number in digits joined to one in words is a name, not a range")
    if first.number.vague:
        raise FigureError("a vague magnitude (thousands, millions) cannot start a range; write the range in numbers")
    if closer is None and (not c.whole and token.text != "-" and (_changed_from(c, first) or c.text_at(c.start - c.i - 1) == "by")
                           or _unit_after_first_only(c, first)):
        c.i = before  # "rose from $50 to $70", "widened by $43.6 billion to $419.2 billion", "fell 0.4% to 13176";
        # but "rose from $4-5 billion to $6-7 billion" is two ranges
        return None
    c.i += 1
    try:
        second = amounts.amount(c)
        if not c.whole and closer is not None and c.text_at(c.start - c.i) == "from" \
                and _change_before(c, c.start - c.i, bare=True):
            raise RefusedThrough(f"'{c.written(c.start, c.i)}' after a verb of change and what changed may be a change "
                                 "from one figure to the other or a range ('increased production from 5,000 to 7,000 "
                                 "cars'); write a range as 'between X and Y', a change as two figures", c.i)
        if first.unit_first and not second.has_unit():
            second.unit = first.unit  # "magnitude 5.4 to 5.6 struck": the unit written first is the second end's too
        if not c.whole and closer is None:
            _same_kind(first, second, exactly=True)
            if token.text == "to" and not (first.per is not None and second.per is None) \
                    and _after_change_word(c, of_a_change := _of_a_change(c)):
                _change_and_level_or_range(c, first, second, of_a_change)  # "Oil jumped $3 a barrel to $90": two figures (below)
            if token.text == "to" and _falls_to(first, second):
                raise FigureError("an old and a new figure")  # "from the current 6.3 percent to 6 percent"
        if first.per is not None and second.per is None:
            raise FigureError("a rate and then an amount ('1,100 crore per plane or 36,000 crore'): two figures, not a range")
        return second
    except FigureError as error:
        if c.whole or closer is not None and not isinstance(error, NoFigure) \
                or isinstance(error, RefusedThrough) and not isinstance(error, ExchangeRate):
            raise  # in a sentence "slowed from 6.7% to nearly 2.5%" is no range: no amount starts at the hedge
        c.i = before  # "rose 7% to $80 billion": the range is not one, the first figure stands alone
        return None


def _amount_end(c: Cursor, offset: int) -> int:
    """Where the amount at `offset` ends, with a range it starts ("up to 10 to 12 percent"), as a token index, the
    cursor left where it was; at `offset` if none reads."""
    before = c.i
    c.i += offset
    try:
        amounts.amount(c)
        while c.text_at() in c.vocab.range_joins and _amount_starts(c, 1):
            c.i += 1
            amounts.amount(c)
    except FigureError:
        pass
    end, c.i = c.i, before
    return end


@functools.lru_cache(maxsize=8)
def _closers(vocab: Vocabulary, opener: str) -> tuple[tuple[str, ...], ...]:
    """The words that may close a range `opener` opens ([range openers]), each as its words."""
    return tuple(tuple(words.split("_")) for words in vocab.range_openers[opener].split())


def _closing(c: Cursor, closer: tuple[tuple[str, ...], ...]) -> int:
    """How many words before its last a closer of several words at the cursor has ('up to': 1), else 0."""
    for words in closer:
        if len(words) > 1 and all(c.text_at(k) == word for k, word in enumerate(words)):
            return len(words) - 1
    return 0


def _falls_to(first: Amount, second: Amount) -> bool:
    """'6.3 percent to 6 percent': in a sentence two amounts that each write their unit and run downwards are an
    old and a new figure, each read as written, not a range written backwards. Two negative ends may run from
    the one nearer zero ("-18 °C to -34 °C")."""
    if not (first.has_unit() and second.has_unit()) or first.per != second.per:
        return False
    a, b = (end.sign * end.number.value * (end.scale or 1.0) for end in (first, second))
    return a > b and not (a < 0 and b < 0)


def _unit_after_first_only(c: Cursor, first: Amount) -> bool:
    """'0.4 per cent to 13176': a unit written after the first number and none after the second is no range."""
    if not first.has_unit() or first.unit_first or first.currency and c.tokens[c.start].text in c.vocab.currencies.firsts:
        return False
    probe = Cursor(c.tokens, c.i + 1, c.vocab, False)
    try:
        second = amounts.amount(probe)
    except FigureError:
        return False
    return not second.has_unit()


def _changed_from(c: Cursor, first: Amount) -> bool:
    """Whether the figure follows 'rose from', 'fell from', 'from the current' ([old levels]) or 'X to': its 'to Y' is
    the new figure, not a range's end."""
    offset = c.start - c.i - 1
    if c.text_at(offset) == "to" and _money_before(c, offset - 1, first):
        return True  # "rises from $160 to $180 to $200": a run of new figures, never the range $180-200
    if c.text_at(offset) in c.vocab.old_levels:  # "from the current 62,303 to 62,850": an old level, whatever the verb
        offset -= 2 if c.text_at(offset - 1) in c.vocab.object_openers else 1
        return c.text_at(offset) == "from"
    return c.text_at(offset) == "from" and _change_before(c, offset)


def _change_before(c: Cursor, offset: int, bare: bool = False) -> bool:
    """Whether a verb of change stands right before `offset` ("rose from"), or before what changed, up to four
    words opened by an article or a possessive ("raised the retirement age from", "cut its prime lending rate
    from"). Never across a preposition ("cut the rate on loans from 1 to 5 years") or a word of [range words]
    ("price increases ranging from 10% to 30%"); a bare object is as often a range's ("slashed prices from 20% to
    70%", "raised money from 500 to 600 donors"). With `bare`, whether a verb of change stands before a bare object
    of up to three words instead ("increased production from"): a change or a range, which the words cannot tell."""
    if not bare and c.match_before(c.vocab.change_verbs, offset) is not None:
        return True
    for back in range(1, 5):
        word = c.peek(offset - back)
        if word is None or word.kind != "word" or word.text in c.vocab.range_words:
            return False
        if word.text in c.vocab.object_openers:
            return not bare and c.match_before(c.vocab.change_verbs, offset - back) is not None
        if word.text in c.vocab.noun_stops:
            return False
        if bare and back > 1 and c.match_before(c.vocab.change_verbs, offset - back + 1) is not None:
            return True
    return False


def _money_before(c: Cursor, offset: int, first: Amount) -> bool:
    """Whether the words ending at `offset` are an amount in the currency of the figure at the cursor, written
    with its currency before the number ("$160 to $180 to $200", "Rs 160 to Rs 180 to Rs 200", "US$1.5bn to
    US$2bn to ..."); never a year ("the forecast for 2024 to 3 to 3.5 percent")."""
    if first.currency is None:
        return False
    if c.match_before(c.vocab.scales, offset + 1) or c.match_before(c.vocab.scale_letters, offset + 1):
        offset -= 1  # "$1.5bn to"
    number = c.peek(offset)
    found = c.match_before(c.vocab.currencies, offset) if number is not None and number.kind == "num" else None
    return found is not None and found[0] == first.currency


def trailing_direction(c: Cursor, first: Amount) -> None:
    """'a 10% drop', '10% lower': a falling word after a percentage or an amount makes it negative."""
    vocab = c.vocab
    if not c.starts_any(vocab.change_descriptors, vocab.direction):
        return
    skip = 0
    while (descriptor := c.match(vocab.change_descriptors, skip)) is not None:
        skip += descriptor[1]  # "a 5% year-on-year decline"
    found = c.match(vocab.direction, skip)
    if found is None or not skip and found[1] == 1 and vocab.verb_like_ending(c.text_at()):
        return  # a verb after the figure tells what its thing does: "18 trillion gallons falling over seven days"
    rest = c.peek(skip + found[1])
    change_of = rest is not None and rest.text in ("in", "of", "on", "from", "since")
    at_end = rest is None or rest.text == "." or (not c.whole and (rest.kind == "sym" or rest.text in vocab.noun_stops))
    if first.percent or change_of or (first.has_unit() and at_end):
        if c.direction and (c.direction < 0) != (found[0] == "-"):
            raise FigureError("the figure says both up and down; keep one direction word")
        c.direction = -1 if found[0] == "-" else 1
        c.i += skip + found[1]


def _suffix_hedge(c: Cursor, after_noun: bool) -> str | None:
    """A hedge written after the number ("100 or more", "aged 65 and over", "$150,000 or more a year") or after the
    counted noun ("50 employees or more", `nouns.closing_hedge`), taken; but not "and" before the next figure's
    hedge ("90 deaths and over 1,000 injuries") or before an article ("rose 3% and over the same period")."""
    found = nouns.closing_hedge(c) if after_noun else c.match(c.vocab.suffix_hedges)
    if found is None:
        return None
    following = c.peek(found[1])
    if following is not None and (following.numeric or following.text in c.vocab.currencies or following.text == "than"
                                  or nouns.hedge_is_a_conjunction(c, found[1])):
        return None  # "prices rose 3% and over the same period wages rose 2%": "over" opens a phrase of its own;
        # "power outages and more than a dozen deaths": "more than" opens the next figure
    c.i += found[1]
    return found[0]


def one_hedge(qualifier: str, hedge: str) -> str:
    """The figure's hedge once another is read; two that differ are refused ("about 50 people or so" says one twice)."""
    if qualifier not in ("exact", hedge):
        raise FigureError(f"two hedges in one figure ({qualifier.replace('_', ' ')} and {hedge.replace('_', ' ')}); keep one")
    return hedge


def _same_kind(first: Amount, second: Amount, exactly: bool = False) -> None:
    kinds = [{name for name in ("currency", "percent", "unit") if getattr(end, name) is not None}
             | ({"percent"} if end.number.fraction else set()) for end in (first, second)]  # "two-thirds" is a share
    if all(kinds) and kinds[0] != kinds[1]:  # "7% to $80 billion" is a change and a level, not a range
        raise FigureError("the two ends of the range are in different units (" + " and ".join(
            ", ".join(sorted(k)) for k in kinds) + "); write both in one unit")
    if exactly and any(None not in (a, b) and a != b for a, b in (
            (first.currency, second.currency), (first.percent, second.percent),
            (first.unit and first.unit.name, second.unit and second.unit.name))):
        raise FigureError("the two ends are in different units: two figures, not a range")  # "110 JPY to 1 USD"


def share_units(first: Amount, second: Amount) -> None:
    """'$30-40 billion': the currency, unit and rate written once apply to both ends. The scale of
    one end applies to the other only where that end has none and could take it (under 1,000)."""
    _same_kind(first, second)
    apart = second.currency is not None and first.currency is not None  # "from $200 to $4 million": two figures
    for name in ("currency", "percent", "per", "written"):
        a, b = getattr(first, name), getattr(second, name)
        if not a:
            setattr(first, name, b)
        elif not b:
            setattr(second, name, a)
        elif a != b and name != "written":
            raise FigureError(f"the two ends of the range are in different units ({a} and {b})")
    if first.unit is None:
        first.unit = second.unit
    elif second.unit is None:
        second.unit = first.unit
    elif (first.unit.name, first.unit.power) != (second.unit.name, second.unit.power):
        raise FigureError(f"the two ends of the range are in different units ({first.unit.name} and {second.unit.name}); "
                          "write both in one unit")
    for name in ("rate_factor", "per_size"):
        a, b = getattr(first, name), getattr(second, name)
        if a != b and a == 1.0:
            setattr(first, name, b)
        elif a != b and b == 1.0:
            setattr(second, name, a)
    a, b = first.number.value, second.number.value
    if first.scale is None and second.scale is None and a < 1000 <= b and b / 10 <= a * 1000 <= b * 10:
        raise RefusedRange(f"'{plain(a)} to {plain(b)}' may mean {plain(a * 1000)} to "
                          f"{plain(b)}; write both ends in full")
    if first.scale is None and second.scale is not None and a < 1000 and not (apart and a > b):
        if a > b:
            raise RefusedRange("the range runs backwards; write the smaller figure first")
        first.scale = second.scale  # "$30-40 billion"; not "from $800,000 to $1.3 million", "from $200 to $4 million"
    elif second.scale is None and first.scale is not None and b < 1000 and b >= a:
        second.scale = first.scale  # "5 billion to 6"


def may_start(c: Cursor) -> bool:
    """Whether a figure may start at the cursor: a hedge, a range opener, a falling word, or an amount."""
    vocab = c.vocab
    token = c.peek()
    if token is None:
        return False
    return (c.match(vocab.prefix_hedges) is not None or token.text in vocab.range_openers or c.match(vocab.age_openers) is not None
            or _amount_starts(c) or (d := c.match(vocab.direction)) is not None and d[0] == "-")
