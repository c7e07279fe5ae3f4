"""What an amount is in: a currency, a unit, a percentage, a rate, and the smaller unit a compound
amount adds ("3 dollars 50 cents", "7 feet 10 inches", "2 years and 3 months")."""

from __future__ import annotations

import functools
import re

from . import measure, numbers, typos
from .cursor import Cursor
from .errors import Ambiguous, ExchangeRate, FigureError, TwoReadings, unread_rate
from .parts import Amount, Unit
from .vocabulary import Vocabulary


def currency(c: Cursor, before: bool = False) -> str | None:
    """A currency at the cursor. Before the number only symbols, codes and abbreviations count
    ("$", "RMB", "Rs"): "Euro 2024" is a tournament, not 2,024 euros."""
    vocab = c.vocab
    if c.i >= c.n:
        return None
    token = c.tokens[c.i]
    if before and (letter := letter_currency(c)) is not None:
        c.i += 1
        return letter
    if token.text not in vocab.currencies.firsts and token.text not in vocab.ambiguous.firsts:
        if token.kind == "word" and c.i + 1 < c.n and c.tokens[c.i + 1].attached:
            refuse_glued_sign(c, 0)  # "T$"
        return None  # nearly every word: no currency starts here
    found = c.match(vocab.currencies)
    written = "" if found is None else token.raw if found[1] == 1 else "".join(t.raw for t in c.tokens[c.i:c.i + found[1]])
    if found is not None and written.lower() == found[0].lower() and not written.isupper():
        found = None  # an ISO code counts in capitals only: "3 php developers", "5 try"
    if found is not None and found[1] == 2 and c.peek(1).kind == "sym" and not c.peek(1).attached and _after_a_name(c, 0):
        raise FigureError(f"'{token.raw} {c.peek(1).raw}' after a word may be a name's letter ('Series C', 'hepatitis C') "
                          f"or a dollar's prefix; write {token.raw}{c.peek(1).raw} or US$")
    if found is not None and len(found[0]) == 3 and found[1] == 1 and len(c.peek().raw) == 1 and c.peek().kind == "word":
        following = c.peek(1)
        if following is None or not following.attached or following.kind == "sym":
            found = None  # "R5bn" is rand; "R+12" and "R 5" are not
    if found is not None and before and written.isalpha() and (len(written) > 3 and not written.isupper()
                                                               or len(written) == 3 and written.islower()):
        found = None  # "Euro 2024", "won four finals": a word, not a currency sign before the number
    ambiguous = c.match(vocab.ambiguous) if token.text in vocab.ambiguous.firsts else None
    ending = c.match(vocab.rate_endings) if ambiguous is not None else None
    if ambiguous is not None and ending is not None and ending[1] > ambiguous[1]:
        ambiguous = None  # "£1,200 p/m" is per month
    if ambiguous is not None and (found is None or ambiguous[1] > found[1]):
        if ambiguous[0].startswith(("'in'", "'am'")) or _describes_what_follows(c, token):
            return None
        raise Ambiguous(ambiguous[0])
    if found is None:
        if c.peek() is not None and c.peek().kind == "word":
            refuse_glued_sign(c, 0)
        return None
    refuse_glued_sign(c, found[1] - 1)
    c.i += found[1]
    return found[0]


def letter_currency(c: Cursor, offset: int = 0) -> str | None:
    """'N8.83 trillion': a capital of [currency letters before a scale] against a number that a scale word follows."""
    letter, number, scale = c.peek(offset), c.peek(offset + 1), c.peek(offset + 2)
    if letter is None or number is None or len(letter.raw) != 1 or not letter.raw.isupper() or not number.attached \
            or number.kind != "num" or c.match(c.vocab.scales, offset + 2) is None and not (
                scale is not None and scale.attached and scale.text in c.vocab.scale_letters):
        return None
    return c.vocab.currency_letters_before_a_scale.get(letter.text)


def unit_before(c: Cursor, offset: int = 0) -> tuple[str, int] | None:
    """A unit written before the number ('a magnitude 7.1 earthquake', 'magnitude-6.4 quake'): its name and
    the tokens it takes with its hyphen; None unless a number follows it."""
    found = c.match(c.vocab.units_before, offset)
    if found is None or c.match_before(c.vocab.not_units_before, offset) is not None:
        return None  # "an order of magnitude 3 times": the word is the sentence's
    size = found[1]
    following = c.peek(offset + size)
    if following is not None and following.text == "-" and following.attached:
        size += 1
        following = c.peek(offset + size)
    if following is None or following.kind != "num" or size > found[1] and not following.attached:
        return None
    return found[0], size


def _unknown_sign(form: str) -> FigureError:
    return FigureError(f"{form!r} is a currency claimcheck does not know (it is not US dollars); write its ISO "
                       "code (UYU, ZWL, ...) if claimcheck knows it, or leave the figure out")


def refuse_glued_sign(c: Cursor, offset: int) -> None:
    """'T$', '$U', 'Z$': a currency sign written against letters that make no currency of the vocabulary
    is some other currency, never US dollars (and its letter is never a scale)."""
    token, after = c.peek(offset), c.peek(offset + 1)
    if token is not None and token.kind == "word" and _spaced_prefix(c, offset):
        offset, token, after = offset + 1, after, c.peek(offset + 2)  # the capitals before the sign: "NT $500"
    if token is None or not token.attached and (after is None or not after.attached):
        return  # nothing written against it
    before = c.peek(offset - 1)
    if before is not None and not token.attached and _spaced_prefix(c, offset - 1):
        form = f"{before.raw} {token.raw}"
        if form.lower() not in c.vocab.currencies:
            raise _unknown_sign(form)
        return
    if token.kind == "word" and after is not None and after.attached and after.kind == "sym" and after.text in c.vocab.currencies:
        token, before, after = after, token, c.peek(offset + 2)  # the letters before the sign: "T$"
    if token.kind != "sym" or token.text not in c.vocab.currencies:
        return
    glued = []
    if before is not None and before.kind == "word" and token.attached:
        glued.append(before)
    if after is not None and after.kind == "word" and after.attached:
        glued.append(after)
    for letters in glued:
        form = letters.raw + token.raw if letters is before else token.raw + letters.raw
        if letters is after and c.match(c.vocab.scales, offset + 1 + (token is not c.peek(offset))):
            continue  # "$bn" is not a currency, but nor is it written here before a number
        if form.lower() not in c.vocab.currencies and not (letters is after and c.match(c.vocab.currencies, offset + 1)):
            raise _unknown_sign(form)


def _spaced_prefix(c: Cursor, offset: int) -> bool:
    """'NT $500', 'C $6': one or two capitals at `offset`, a space, then a currency sign against its number is a
    dollar with a country's prefix as some texts space it, never US dollars; but "A $5bn deal" is the article,
    and "Series C $200 million", "Vitamin C $5" a name's letter."""
    letters, sign, number = c.peek(offset), c.peek(offset + 1), c.peek(offset + 2)
    return (letters is not None and letters.kind == "word" and len(letters.raw) <= 2 and letters.raw.isupper()
            and letters.raw.isalpha() and letters.text not in c.vocab.articles and not _after_a_name(c, offset)
            and sign is not None and sign.kind == "sym" and not sign.attached and sign.text in c.vocab.currencies
            and letters.text + sign.text in c.vocab.currencies
            and number is not None and number.attached and number.numeric)


def _after_a_name(c: Cursor, offset: int) -> bool:
    """Whether the letter at `offset` may be a name's: one letter after a word of the sentence's own ("Series C",
    "hepatitis C", "raised S"), not after a function word ("of C $6", "at S $5"); two letters ("US", "HK", "NT")
    are a country's prefix wherever they stand."""
    before, letters = c.peek(offset - 1), c.peek(offset)
    return len(letters.raw) == 1 and before is not None and before.kind == "word" and before.text not in c.vocab.noun_stops


def after_number(c: Cursor, amount: Amount) -> None:
    """The unit, currency or rate written after the number and its scale."""
    vocab = c.vocab
    start = c.i
    if c.i < c.n:  # a word follows the number: what the amount is in
        if c.designation() and not c.peek().attached:
            return  # "12 F-16 fighter jets", "three G7 countries": a name of what is counted follows, no unit
        _refuse_acronym_before_noun(c)
        if amount.unit is None and (percent := c.take(vocab.percent)) is not None:
            amount.percent = percent
        elif amount.unit is None and (rate_unit := c.match(vocab.rate_units)) is not None:
            c.i += rate_unit[1]
            size, _, rest = rate_unit[0].partition(" ") if rate_unit[0][0].isdigit() else ("1", "", rate_unit[0])
            numerator, _, denominator = rest.partition(" / ")
            amount.unit, amount.per, amount.rate_factor = Unit(numerator), denominator, float(size)
            amount.written = c.written(start)
        elif amount.unit is None and not (amount.currency and not c.whole) \
                and unit_before(c) is None:  # in a sentence "$800 stone pizza oven"; "two magnitude 5 aftershocks"
            amount.unit = unit(c)
            if amount.unit is not None:
                _refuse_clock_time(c, start, amount.unit)
                amount.written = c.written(start)
                amount.number = numbers.and_a_half(c, amount.number)  # "a decade and a half"
                c.take(vocab.age_words)  # "65-year-old": an age is a duration
                if amount.unit.name in measure.TEMPERATURES and (change := c.take(vocab.temperature_change)) is not None:
                    c.direction = -1 if change == "-" else 1  # "1.5C of warming", "10C cooler": a change
                compound(c, amount)
            elif not amount.has_unit():
                typos.refuse_unit_typo(c)
        if not amount.has_unit() and (minor := c.match(vocab.minor_currencies)) is not None:
            code, size = minor[0].split()
            c.i += minor[1]
            amount.currency = code  # "164p", "50 pence": hundredths of the pound
            amount.number = numbers.Number(amount.number.value * float(size), amount.number.half_digit * float(size))
        elif (later := currency(c)) is not None:
            if amount.currency not in (None, later):
                raise FigureError(f"two currencies in one figure ({amount.currency} and {later})")
            amount.currency = later
            compound(c, amount)
    if amount.currency and (amount.unit or amount.percent):
        raise FigureError(f"a money figure cannot also be in {c.peek(-1).raw!r}")
    if amount.number.fraction and amount.currency:
        raise FigureError("a fraction word (half, two-thirds) is read as a share; write the amount as a number")
    if amount.number.fraction and amount.unit:
        raise FigureError("a share before a unit ('a 1-in-100-year flood') is a return period or a name, not an amount; "
                          "write the share as a percentage")
    if amount.per is None:
        rate(c, amount)
    token = c.peek()
    if token is not None and token.attached and token.kind == "word" and not amount.has_unit():
        raise FigureError(f"unknown unit {token.raw!r}; write the unit as a word claimcheck knows "
                          "(see 'claimcheck parse --help'), or leave a space before a counted noun")


CLOCK_24H = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")  # "1600": a time of day on a 24-hour clock


def _refuse_clock_time(c: Cursor, start: int, read: Unit) -> None:
    """'at 1600 hrs', '0800 hours': four digits of a 24-hour clock before hours are a time of day as often as a
    duration, so they are refused; a duration written with its thousands comma ('1,600 hours') is read."""
    number = c.tokens[start - 1] if start > 0 else None
    if read.name == "hour" and number is not None and number.kind == "num" and CLOCK_24H.fullmatch(number.raw):
        raise TwoReadings(f"'{c.written(start - 1)}' may be a time of day ({number.raw[:2]}:{number.raw[2:]}) or "
                          f"{int(number.raw):,} hours; write {int(number.raw):,} hours for a duration")


def _refuse_acronym_before_noun(c: Cursor) -> None:
    """'20 TB patients', 'two BP executives', '5 PHP developers': a unit, percentage or currency in capitals before a
    plural noun may name what is counted (tuberculosis, a company, a language); refused rather than guessed. Written
    against a number in digits it is the number's unit ('a 60GB data cap')."""
    token = c.peek()
    if token is None or not token.raw.isupper() or not token.raw.isalpha() or len(token.raw) < 2:
        return
    if token.attached and c.peek(-1) is not None and c.peek(-1).kind == "num":
        return
    following = c.peek(1)
    if following is None or following.kind != "word" or not following.raw.islower() or following.attached \
            or following.text in c.vocab.noun_stops:
        return  # "396 GW was added": a verb ending in s is no plural noun
    currency_phrase = c.match(c.vocab.currencies)
    if currency_phrase is not None and currency_phrase[1] > 1:
        return  # "5 million US dollars": the capitals are part of the currency's name
    if c.unit_at() is None and c.match(c.vocab.percent) is None and currency_phrase is None:
        return
    if c.vocab.plural(following.text):
        raise FigureError(f"{token.raw!r} before {following.raw!r} may be a unit or a name (an acronym of what is "
                          f"counted); write the unit in words, or what is counted with no unit before it")


def unit(c: Cursor) -> Unit | None:
    """The unit at the cursor, past a word of [words before a unit] ("two additional days", "three consecutive
    months"); None, the cursor where it was, when none stands there."""
    start = c.i
    if c.text_at() in c.vocab.words_before_a_unit and c.unit_at(1) is not None:
        c.i += 1
        found = _unit(c)
        if found is None:
            c.i = start
        return found
    return _unit(c)


def _unit(c: Cursor) -> Unit | None:
    vocab = c.vocab
    token = c.peek()
    if token is None or token.raw not in vocab.units.exact.firsts and token.text not in _unit_starts(vocab):
        return None  # no unit starts here
    if c.match(vocab.currencies) is not None and not c.unit_at():
        return None  # "pounds sterling": money, read after
    power = 1
    before = c.match(vocab.powers_before)
    if before is not None and c.unit_at(before[1]):
        power = int(before[0])
        c.i += before[1]
    token = c.peek()
    if c.match(vocab.rate_endings) is not None and power == 1:
        return None  # "£1,200 p/m": a rate, read after
    if token is not None and token.text in vocab.ambiguous and not c.unit_at():
        _refuse_ambiguous(c, token)
    found = c.unit_at()
    last = c.match(vocab.last_word_units) if found is None else None
    if last is not None and (c.whole and (c.i + last[1] == c.n or c.i + last[1] == c.n - 1 and c.tokens[-1].text == ".")
                             or c.match(vocab.size_words, last[1]) is not None):
        found = last  # "2 in", "2 1/2 in thick"; not "$5 million in aid"
    if found is None:
        if power != 1:
            raise FigureError("'square' or 'cubic' before a word that is not a unit")
        if token is not None and token.text in vocab.ambiguous:
            _refuse_ambiguous(c, token)
        return None
    name, size = found
    c.i += size
    if c.text_at() == "-" and c.peek().attached and c.peek(1) is not None and c.peek(1).attached and c.unit_at(1):
        raise FigureError(f"'{c.written(c.i - size, c.i + 1 + c.unit_at(1)[1])}' is a compound unit (a torque, a "
                          "work) that claimcheck does not compare")
    after = c.match(vocab.powers_after)
    if after is not None and (c.peek().attached or c.peek().kind == "word"):
        if power != 1:
            raise FigureError("a unit squared or cubed twice")
        power = int(after[0])
        c.i += after[1]
    return Unit(name, power)


@functools.lru_cache(maxsize=8)
def _unit_starts(vocab: Vocabulary) -> frozenset[str]:
    """Every word (lower-cased) that starts a phrase `unit` looks at: one look rules out most words."""
    return frozenset().union(vocab.units.folded.firsts, vocab.currencies.firsts, vocab.powers_before.firsts,
                             vocab.rate_endings.firsts, vocab.ambiguous.firsts, vocab.last_word_units.firsts)


def _describes_what_follows(c: Cursor, token) -> bool:
    """'a $5 billion grand bargain': after a scale word, 'grand' is an adjective, never thousands."""
    return token.text in c.vocab.describing_words and c.match(c.vocab.scales, -1) is not None


def _refuse_ambiguous(c: Cursor, token) -> None:
    following = c.peek(1)
    if token.text == "in" and following is not None and following.kind == "word":
        return  # "5 million in aid": a preposition
    if token.text in ("am", "pm", "a.m.", "p.m.") and not c.whole and not c.peek(-1).numeric:
        return
    if _describes_what_follows(c, token):
        return
    raise Ambiguous(c.vocab.ambiguous[token.text])


def compound(c: Cursor, amount: Amount) -> None:
    """'3 dollars 50 cents', '7 feet 10 inches', '2 years and 3 months', '2 hours 1 minute 9 seconds': each
    smaller unit that follows adds to the amount."""
    vocab = c.vocab
    skip = 1 if c.text_at() == "and" else 0
    if c.text_at() == "," and amount.unit is not None and amount.unit.power == 1 \
            and measure.unit_kind(vocab, amount.unit.name)[0] == "duration":
        skip = 1  # "two hours, 35 seconds": a smaller unit of time after a comma adds too ("10 miles, 500 metres" not)
    token = c.peek(skip)
    if token is None or token.kind != "num" or amount.scale or amount.number.fraction:
        return
    size = c.match(vocab.minor_units, skip + 1)
    if amount.currency and size is not None:
        part = numbers.digits(token.raw)
        amount.number = numbers.Number(amount.number.value + part.value * float(size[0]), part.half_digit * float(size[0]))
        c.i += skip + 1 + size[1]
        return
    if amount.unit is None or amount.unit.power != 1:
        return
    mine = measure.unit_kind(c.vocab, amount.unit.name)
    last = mine  # each part is in a smaller unit than the one before it
    while token is not None and token.kind == "num":
        smaller = c.unit_at(skip + 1) or (c.match(vocab.last_word_units, skip + 1) if c.peek(skip + 1) is not None
                                          and c.peek(skip + 1).attached else None)  # "6ft 2in"
        if smaller is None:
            return
        theirs = measure.unit_kind(c.vocab, smaller[0])
        if mine[0] != theirs[0] or theirs[2] >= last[2] or mine[0] == "temperature":
            return
        part = numbers.digits(token.raw)
        ratio = theirs[2] / mine[2]
        amount.number = numbers.Number(amount.number.value + part.value * ratio, part.half_digit * ratio)
        c.i += skip + 1 + smaller[1]
        last = theirs
        skip = 1 if c.text_at() == "and" or c.text_at() == "," and mine[0] == "duration" else 0
        token = c.peek(skip)


def rate(c: Cursor, amount: Amount, after_noun: bool = False) -> None:
    """'38 bcm a year', '$52 a barrel', '1.5 million barrels per day', '16.5mtpa', '$10 per capita',
    '$350 per thousand cubic metres'."""
    vocab = c.vocab
    start = c.i
    if c.text_at() != "-" and not c.starts_any(vocab.rate_endings, vocab.rate_words):
        return
    hyphen = 1 if c.text_at() == "-" and c.match(vocab.rate_endings, 1) is not None else 0  # "$1.5bn-a-year"
    if (ending := c.match(vocab.rate_endings, hyphen)) is not None:
        joined = c.text_at(hyphen) == "/" or hyphen  # "130km/h winds", "a 52,000 barrel-a-day refinery": a noun may follow
        if not joined and (c.match(vocab.time_references, hyphen + ending[1]) if after_noun or _explicit(c, hyphen)
                           else time_reference(c, hyphen + ending[1])):
            return  # "a year earlier"; and unless a noun came first, "300 million daily active users"
        c.i += hyphen + ending[1]
        amount.per, amount.written = ending[0], _written(c, amount, start)
        return
    hyphens = _hyphened_rate(c)  # "$100-a-barrel oil": a price a barrel joined to the figure, a noun may follow
    word = c.match(vocab.rate_words, hyphens)
    following = c.peek(hyphens + word[1] + hyphens) if word else None
    if following is None:
        return
    offset = hyphens + word[1] + hyphens
    if following.kind == "word" and following.raw[:1].isupper() and c.peek().text == "per" \
            and c.peek(offset + 1) is not None and c.peek(offset + 1).kind == "word":
        offset += 1  # "Rs 570 crore per Rafale jet", "$80 per Brent barrel": a name before what the rate is per
        following = c.peek(offset)
    size, offset = _denominator_size(c, offset)
    power = c.match(vocab.powers_before, offset)
    unit_offset = offset + (power[1] if power and c.unit_at(offset + power[1]) else 0)
    found = c.match(vocab.denominator_units, unit_offset) or c.unit_at(unit_offset)  # "$350/tcm": per thousand m³
    if found is not None and found[0][0].isdigit():
        listed_size, _, listed = found[0].partition(" ")
        size, found = size * float(listed_size), (listed, found[1])
    if hyphens and found is None:
        return
    if found is not None:
        joined = c.peek().text == "/" and following.attached or hyphens  # "130km/h winds", "$100-a-barrel oil"
        if not joined and (c.match(vocab.time_references, unit_offset + found[1]) if not c.whole
                           else time_reference(c, unit_offset + found[1])):
            return  # in a sentence "$80 a barrel Thursday" is a price a barrel whatever follows
        name = found[0]
        if power is not None and unit_offset > offset:
            name = f"{name} ** {power[0]}"
        c.i += unit_offset + found[1]
        amount.per, amount.per_size = name, size
        amount.written = _written(c, amount, start)
        if c.match(vocab.powers_after) is not None and c.peek().attached:
            raise FigureError("a figure per square or cubic unit (a density) is not one claimcheck compares")
        return
    if size != 1.0:
        return
    if following.text in ("ounce", "oz") and c.text_at(offset + 1) == "of" and (
            metal := c.match(vocab.troy_metals, offset + 2)) is not None:
        c.i += offset + 2 + metal[1]  # "$1,900 an ounce of gold": the troy ounce
        amount.per = metal[0]
        amount.written = _written(c, amount, start)
        return
    per_word = c.peek().text in ("per", "each", "every") or (amount.currency is not None)
    if per_word and amount.unit is None and following.kind == "word" and c.match(vocab.currencies, offset) is not None \
            and (currency := c.match(vocab.currency_names, offset)) is not None and c.text_at(offset + currency[1]) != "of":
        # "$1.08 per euro", "7.2 per dollar": no counted "euro"; but "5 megajoules per dollar", "30 cents per dollar of
        # sales" are rates per an amount of money, "$3.99 per pound" a price per mass, "£500 per try" per a try
        raise exchange_rate(c, c.i + offset + currency[1])
    if per_word and following.kind == "word" and following.text not in vocab.noun_stops \
            and (c.peek(offset + 1) is None or c.text_at(offset + 1) == "of"
                                                  or not c.whole and _noun_ends(c, offset + 1)):  # "$2 per share of stock"
        noun = following.text
        c.i += offset + 1
        amount.per = singular(noun)
        amount.written = _written(c, amount, start)
    elif c.peek().text == "/" and following.attached and following.kind == "word":
        raise unread_rate(c.written(c.i, c.i + offset + 1))  # "126 mg/dL": the amount alone would be a misreading
    elif not c.whole and c.peek().text in ("a", "an") and amount.currency is not None and following.kind == "word" \
            and following.raw.islower() and following.text not in vocab.noun_stops and c.peek(offset + 1) is not None \
            and c.peek(offset + 1).kind == "word" and c.peek(offset + 1).raw.islower() and _noun_ends(c, offset + 2):
        raise unread_rate(c.written(c.i, c.i + offset + 2))  # "$2.90 a diluted share": per a thing of two words


def exchange_rate(c: Cursor, end: int, of: str = "") -> ExchangeRate:
    """The refusal of an exchange rate, read up to the token `end` ("7.2 yuan to the dollar", "$1.08 per euro"), or
    the price `of` a currency the sentence names ("the pound"): claimcheck does not compare one, and its amount
    alone would be read as money or a count."""
    what = f"the price of {of}, an exchange rate" if of else "an exchange rate"
    return ExchangeRate(f"'{c.written(c.start, end)}' is {what}, which claimcheck does not compare; "
                        "leave it out, or write the amount it converts", end)


def _hyphened_rate(c: Cursor) -> int:
    """1 when a rate word is joined to the figure and to what follows by hyphens ("$100-a-barrel"), else 0."""
    dash, word, second = c.peek(), c.peek(1), c.peek(2)
    return int(dash is not None and dash.text == "-" and dash.attached and word is not None and word.attached
               and word.text in c.vocab.rate_words and second is not None and second.text == "-" and second.attached
               and c.peek(3) is not None and c.peek(3).attached)


def _explicit(c: Cursor, offset: int) -> bool:
    """In a sentence 'per', 'each', 'every' make a rate whatever word follows it ("8,300 per day recorded"); after
    'a' or 'daily' a word may make an adjective of the rate ("300 million daily active users"). A figure field
    holds the figure alone."""
    return not c.whole and c.text_at(offset) in c.vocab.explicit_rate_words


def _denominator_size(c: Cursor, offset: int) -> tuple[float, int]:
    """'per 1,000 cubic metres', 'per thousand cubic metres': how many of the denominator, and where its unit starts."""
    token = c.peek(offset)
    if token is None:
        return 1.0, offset
    if token.kind == "num" and c.unit_at(offset + 1) or (token.kind == "num" and c.match(c.vocab.powers_before, offset + 1)):
        return numbers.digits(token.raw).value, offset + 1
    scale = c.match(c.vocab.scales, offset)
    if scale is not None and (c.unit_at(offset + scale[1]) or c.match(c.vocab.powers_before, offset + scale[1])):
        return float(scale[0]), offset + scale[1]
    return 1.0, offset


def _noun_ends(c: Cursor, offset: int) -> bool:
    """Whether what a rate is per, one word, ends before `offset` in a sentence: at a sign, a stop word, a capitalised
    word that starts what follows ("Rs. 737 crore per aircraft Modi government got ...") or a verb and its object, a
    word followed by one of [object openers] ("$142.50 per share represents a premium", "$142.50 a share values the
    company"), after a lowercase word that is no scale word. Any other word after it may be the noun's own ("per
    diluted share", "per passenger mile", "18 deaths per million people"): what it is per is then several words,
    which the reader does not read."""
    after = c.peek(offset)
    if after is None or after.kind == "sym" or after.text in c.vocab.noun_stops \
            or after.kind == "word" and after.raw[:1].isupper():
        return True
    following = c.peek(offset + 1)
    return after.kind == "word" and following is not None and following.text in c.vocab.object_openers \
        and c.peek(offset - 1).raw[:1].islower() and c.match(c.vocab.scales, offset - 1) is None \
        and c.unit_at(offset) is None


def _written(c: Cursor, amount: Amount, start: int) -> str:
    """The unit and rate as written after the number, for showing the figure in its own words."""
    rate = c.written(start)
    if rate.startswith("-"):
        rate = rate[1:].replace("-", " ")  # "barrel-a-day" is shown as "barrel a day"
    elif start < c.n and c.tokens[start].attached:
        return f"{amount.written}{rate}"  # "km/h" as written, not "km /h"
    return f"{amount.written} {rate}".strip()


def time_reference(c: Cursor, offset: int) -> bool:
    """Whether the words after 'a year', 'daily' make them something else than a rate: a time
    ('from a year earlier', 'a month ago') or an adjective ('300 million daily active users')."""
    after = c.peek(offset)
    if after is None or after.kind != "word":
        return False
    joined, noun = c.peek(offset + 1), c.peek(offset + 2)
    if after.text in ("and", "or") and c.peek(offset - 1).kind == "word" and c.text_at(offset - 2) not in c.vocab.articles \
            and joined is not None and joined.kind == "word" and noun is not None and noun.kind == "word" \
            and noun.text not in c.vocab.noun_stops and (
                c.match(c.vocab.rate_endings, offset + 1) is not None and joined.text not in c.vocab.articles
                or c.vocab.verb_like_ending(joined.text)):
        return True  # "15,000 hourly and salaried jobs", "daily and weekly papers": two adjectives before a noun;
        # not "1 million barrels a day and supplied the", "$100 a day and usually stay"
    if not c.whole and after.text in c.vocab.noun_stops:
        return c.match(c.vocab.time_references, offset) is not None
    return c.match(c.vocab.time_references, offset) is not None or after.text not in c.vocab.prepositions


def rate_before_noun(c: Cursor) -> bool:
    """'$1.5bn-a-year contract', '$2bn annual budget': a rate word that a noun follows."""
    hyphen = 1 if c.text_at() == "-" else 0
    ending = c.match(c.vocab.rate_endings, hyphen)
    if ending is None:
        return False
    offset = hyphen + ending[1]
    return time_reference(c, offset) and c.match(c.vocab.time_references, offset) is None


def singular(word: str) -> str:
    """A plural's singular, roughly ("agreements", "countries"); a word in -us, -is or -ss is no plural ("thus",
    "status", "analysis", "glass")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word

