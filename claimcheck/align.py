"""Alignment of drafted claims (design §7a): the same quantity gets the same comparable group across the
articles of a batch and the claims already in the project. Pure.

Each figure is described by what it is (its dimension and unit, a count's noun), when (its period) and as
what (its kind), the property its clause names ("worth", "invest", "range": `data/extract.txt`'s
[properties]), the words around it, weighted by how near they stand and by how rare they are in the batch
(TF-IDF over the batch's sentences and the project's quotes), and its value. Figures join a group only
when all of the first four agree with every figure of the group and their values are within a factor of
`RATIO` of each other; among those, the group whose words are most like the figure's, if alike enough
(`LIKE`). The project's comparable groups are groups from the start, so a new figure takes their key. A
new group's subject slug comes from the names its figures' sentences share, once for all articles.
Each proposal says which group it joins and why (`match`) and how sure that is (`confidence`).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from . import check, extract, figures, yamlsafe
from .models import Corpus, Figure, period_bounds

LIKE = 0.10
"""How alike (cosine of weighted words) a figure and a group must be for the figure to join it."""
LIKE_APART = 0.30
"""How alike they must be when the figure's value disagrees with the group's: a wrong join there is a false
conflict, so it takes more."""
MONEY_APART = 0.10
"""Amounts in two currencies whose dollar values (at any rate the aligner finds) are further apart than this share
are taken to disagree: the check converts each at its own date and would find them in conflict."""
RESTATED = 0.05
"""Two figures of one sentence in units written differently and this close are one amount restated (a
conversion in brackets, rounded)."""
OR_RESTATED = 0.5
"""Two amounts in two currencies joined by a bare "or" this close in dollars are one amount restated, even in a
sentence that offers alternatives (a conversion at another date's rate, rounded); further apart there they are two."""
RATIO = 3.0
"""Figures in one unit further apart than this factor are never one quantity's claims."""
NEAR = 6
"""A word this many words from the figure weighs half what the word next to it does."""


@dataclass(slots=True)
class Item:
    """A figure as the aligner sees it: a proposal, or a claim of the project (whose key is fixed)."""

    what: str  # dimension, unit or counted noun: only figures of one `what` are compared
    value: float | None
    unit: str  # as figures are compared in it (`figures.compared_unit`: "INR/jet" is "INR/aircraft")
    period: str | None
    kind: str
    prop: str | None  # the property its clause names, if any
    words: dict[str, float]  # weighted words around it (a Counter while they are read); a claim's once weighed (`_weigh`)
    names: set[str]  # the names (capitalised words, designations) of its sentence
    article: int
    named_around: set[str] = field(default_factory=set)  # the names its article's sentences with figures hold
    address: frozenset[str] = frozenset()  # the names its article's address holds (`extract.address_names`)
    proposal: object | None = None
    key: tuple | None = None  # a claim's comparable group, kept
    figure: Figure | extract.Anchor | None = None  # as read: value, low, high, unit, dimension, noun
    held: frozenset[str] = frozenset()  # the words around it, unweighed (`words`' keys, a claim's before they are weighed)
    read: tuple = ()  # a claim's (quote, start, end, dimension): where its words are read from when they are weighed
    part: str | None = None  # the part of a quantity it measures ("each", "combined": `extract.amount_part`), if any
    earlier: str | None = None  # told in the past perfect ("had negotiated a price of ..."): `extract.told_earlier`
    why: str = ""  # why this figure joins its group, where the group's reasons do not say it
    restating: bool = False  # of an amount restated in its sentence (`_restates`), the one whose value is no evidence
    listed: frozenset[str] = frozenset()  # the names its sentence gives the other items of its list (`_own_names`)
    own_names: frozenset[str] = frozenset()  # the names of its own item of such a list


@dataclass
class Group:
    items: list[Item] = field(default_factory=list)
    key: tuple | None = None  # the project's group, when it is one


def draft_batch(articles: list[extract.Article], project: extract.Project | Corpus, everything: bool = False,
                refused: list[tuple[extract.Article, extract.Refused]] | None = None
                ) -> list[tuple[extract.Article, extract.Proposal]]:
    """The proposals of every article (`extract.draft`), each with its article, aligned across the batch and the
    project's claims so that the same quantity gets the same comparable group (design §7a); the numbers the
    reader refuses, each with its article, are added to `refused` when it is given."""
    project = extract.project_of(project)
    with yamlsafe.collector_paused():  # the ~20,000 short-lived candidates at 100,000 claims: a quarter of a draft
        guesses = extract.Suggester(project)
        drafted = []
        for number, article in enumerate(articles):
            when = period_bounds(article.published)[1] if article.published else None  # "2017-05" reads as its last day
            left_out: list[extract.Refused] = []
            for proposal in extract.draft(article.text, project, article.source, when, everything, guesses, left_out):
                proposal.article = number
                drafted.append((article, proposal))
            if refused is not None:
                refused += [(article, number_refused) for number_refused in left_out]
        align([proposal for _, proposal in drafted], project, {n: extract.address_names(a.url, a.text) for n, a in enumerate(articles)})
    return drafted


def align(proposals: list, project: extract.Project | Corpus, addresses: dict[int, frozenset[str]] | None = None) -> None:
    """Set each proposal's subject, property, period and kind so that the same quantity shares them, and say
    which group it joins and how sure that is; `addresses` holds the names each article's address holds
    (`extract.address_names`), by its number."""
    if not proposals:
        return
    project = extract.project_of(project)
    mine = [_proposal_item(p) for p in proposals]
    around: dict[int, set[str]] = {}
    for item in mine:
        item.address = (addresses or {}).get(item.article, frozenset())
        around.setdefault(item.article, set(item.address)).update(item.names)
    for item in mine:
        item.named_around = around[item.article]
    _own_names(mine)
    anchors, fits = _anchors(mine, project)
    items = anchors + mine
    known = project.vocabulary({w for item in items for w in item.held}, {name for item in items for name in item.names})
    total = known.items + len(mine)  # every claim that could be an anchor counts, read or not (`_anchors`)
    weights = _idf(mine, known.words, total)
    named = known.names + Counter(name for item in mine for name in item.names)
    rare = {name for name, n in named.items() if n <= max(2, total // 4)}  # names few sentences share
    for item in mine:
        item.words = {w: n * weights.get(w, 1.0) for w, n in item.words.items()}
    groups: list[Group] = []
    by_key: dict[tuple, Group] = {}
    for item in anchors:
        group = by_key.get(item.key)
        if group is None:
            group = by_key[item.key] = Group(key=item.key)
            groups.append(group)
        group.items.append(item)
    candidates: list[list[Group]] = [[] for _ in mine]  # the project's groups each proposal fits, in order
    for group in groups:
        for n in fits[group.key]:
            candidates[n].append(group)
    _weigh(groups, fits, mine, weights)
    new: list[Group] = []
    placed: list[Group] = []  # the group of each proposal so far
    for n, item in enumerate(mine):
        best, score = None, LIKE
        for group in candidates[n] + new:  # every group it may join, in the order of `groups`
            if not all(_compatible(item, other) for other in group.items if other.proposal is not None and not other.restating):
                continue  # with the project's claims of the group it is compatible (`fits`)
            alike = _like(item, group) + _closeness(item, group)
            if alike + SHARED_NAME < score:
                continue  # the evidence of names can add no more than a shared rare name's
            parties = _other_parties(item, group)
            like = alike - _other_names(item, group, rare) - OTHER_NAMES * parties
            if like >= score and (not _disagrees(item, group) or not parties and _may_disagree(item, group, like)):
                best, score = group, like
        restated = _restates(item, mine[n - 1]) if n else False
        if restated:
            before = mine[n - 1]
            alone = len(placed[-1].items) == 1 and placed[-1].items[0] is before
            if placed[-1] is best:
                pass  # it joins the group of the amount it restates by its own evidence
            elif best is not None and alone and placed[-1].key is None:
                groups.remove(placed[-1])  # the amount it restates started a group alone: both join this one
                new.remove(placed[-1])
                before.restating = _disagrees(before, best)  # "Rs 3,961 crore (about $5 billion)": the rupees
                best.items.append(before)
                placed[-1] = best
            else:
                best, score = placed[-1], 1.0
                item.restating = True
            item.why = f"; restates {before.proposal.figure} of its sentence"
            before.why = f"; restated as {item.proposal.figure} in its sentence"
        if best is None:
            best = Group()
            groups.append(best)
            new.append(best)
        if best.items and _disagrees(item, best) and not restated:
            item.why = "; its value disagrees with some of the group's, " + (
                "but agrees with one side of a disagreement the group already holds" if _on_a_side(item, best)
                else "a contradiction to review")
            if addressed := _named_by_address(item, best):
                item.why += f" (a name shared only through the articles' addresses: {', '.join(addressed)})"
        best.items.append(item)
        placed.append(best)
        item.proposal.confidence = round(min(1.0, score), 2) if len(best.items) > 1 else None
    _merge_agreeing(groups, new, rare)
    _name(groups, project)


def _merge_agreeing(groups: list[Group], new: list[Group], rare: set[str]) -> None:
    """Two new groups of one quantity that the pass in text order started apart (a figure met the first group
    before the figures most like it had joined it) become one: every figure of one is compatible with every
    figure of the other, none of the later group's disagrees with the earlier, and one of them is as alike to
    the earlier group as a join asks (`align`'s own test, the evidence of names and values with the words)."""
    buckets: dict[tuple, list[Group]] = {}
    for group in new:
        first = group.items[0]
        buckets.setdefault((first.what, first.period, first.part), []).append(group)
    for bucket in buckets.values():
        for n, later in enumerate(bucket):
            for earlier in bucket[:n]:
                if earlier.items and _one_quantity(earlier, later, rare):
                    earlier.items += later.items
                    later.items = []
                    break
    groups[:] = [group for group in groups if group.items]


def _one_quantity(earlier: Group, later: Group, rare: set[str]) -> bool:
    mine = [item for item in later.items if not item.restating]
    if not all(_compatible(item, other) for item in mine for other in earlier.items if not other.restating):
        return False
    if any(_disagrees(item, earlier) for item in mine):
        return False
    return any(_like(item, earlier) + _closeness(item, earlier) - _other_names(item, earlier, rare)
               - OTHER_NAMES * _other_parties(item, earlier) >= LIKE for item in mine)


def _own_names(mine: list[Item]) -> None:
    """Leave each figure of a list the names of its own item: where a sentence holds several figures of one `what`,
    a name that stands in another one's clause and not in its own is that figure's ("364 seats for the
    Conservatives, 203 for Labour": Labour is no name of the 364). Names outside every such clause (the sentence's
    subject, "The Labour Party won 202 seats and 32.1% of the vote, down from 262 seats") stay every figure's."""
    alike: dict[tuple, list[Item]] = {}
    for item in mine:
        alike.setdefault((item.article, item.proposal.quote, item.what), []).append(item)
    for items in alike.values():
        if len(items) < 2:
            continue
        own = [_clause_names(item.proposal.quote, item.proposal.start) for item in items]
        for item, names in zip(items, own):
            if not names:
                continue  # "up to four hours in the past between Zhuhai and Hong Kong - the bridge cuts this to 30 minutes"
            others = set().union(*(theirs for theirs in own if theirs is not names)) - names
            item.names -= others
            item.listed, item.own_names = frozenset(others), frozenset(names)


_NAMED_ITEM_JOIN = re.compile(r"\band\b(?=\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}\d)")
"""An "and" that opens a list's item of a name and its count, or of a count ("and China 6", "and the NDP 24", "and
300,000 in China")."""


def _clause_names(sentence: str, start: int) -> set[str]:
    """The names of the clause that holds offset `start` of `sentence` (`extract._clause`)."""
    low, high = extract._clause(sentence, start)
    for joined in _NAMED_ITEM_JOIN.finditer(sentence, low, min(high, len(sentence))):
        if joined.end() <= start:
            low = joined.end()  # "Australia 9 and China 6": the 6's item starts at "and China"
        else:
            high = joined.start()
            break
    names = set()
    for match in extract.WORD.finditer(sentence, low, min(high, len(sentence))):
        word, named, _ = extract.word_at(sentence, match.start(), match.end())
        if named:
            names.add(word)
    return names


def _anchors(mine: list[Item], project: extract.Project) -> tuple[list[Item], dict[tuple, list[int]]]:
    """The project's claims a proposal could join, as items, in project order: the claims (with a quote and a
    readable figure) of each comparable group that one proposal is compatible with as a whole; and for each
    such group, which proposals (by position in `mine`) are. The other groups can never be joined, so their
    words are not read (docs/decisions.md: the words' weights are those of the batch and these claims)."""
    wanted = {(item.figure.dimension, item.period, kind, "USD" if _in_dollars(item) else item.figure.unit, item.value)
              for item in mine for kind in {item.kind, "actual" if item.kind in _TERM_KINDS else item.kind}}
    groups: dict[tuple, list[extract.Anchor]] = {}
    for anchor in project.comparable(sorted(wanted, key=repr), RATIO):
        groups.setdefault(anchor.key, []).append(anchor)
    alike: dict[tuple, list[int]] = {}  # the proposals of each period, kind and what
    for n, item in enumerate(mine):
        alike.setdefault((item.period, item.kind, item.what), []).append(n)
    anchors, fits = [], {}
    for key, members in groups.items():
        whats = {_anchor_what(anchor) for anchor in members}
        if len(whats) != 1:
            continue
        asking = alike.get((key[2], key[3], *whats), []) + [  # and those that may be the same term (`_same_term`)
            n for kind in (_TERM_KINDS if key[3] == "actual" else ()) for n in alike.get((key[2], kind, *whats), [])]
        if not asking:
            continue
        values = [_claim_value(anchor) for anchor in members]
        units = [figures.compared_unit(a.unit) if a.dimension == "rate" else a.unit for a in members]
        fitting = _fitting(mine, asking, values, units)
        if not fitting:  # what, when, as what and how much: no words read yet
            continue
        parts = {_claim_part(anchor) for anchor in members}  # which part
        fitting = [n for n in fitting if len(parts) == 1 and mine[n].part in parts]
        if not fitting:
            continue
        own = frozenset(extract.subject_words(key[0]))
        what = next(iter(whats))
        full = [_claim_item(anchor, value, own, what, *parts) for anchor, value in zip(members, values)]
        props = {item.prop for item in full if item.prop}
        fitting = [n for n in fitting if not mine[n].prop or props <= {mine[n].prop}
                   or all(_one_amount(mine[n], other) for other in full if other.prop not in (None, mine[n].prop))]
        fitting = [n for n in fitting if mine[n].kind == key[3] or all(_same_term(mine[n], other) for other in full)]
        if fitting:
            anchors += full
            fits[key] = fitting
    return anchors, fits


_TERM_KINDS = ("forecast", "estimate")
"""The kinds of a figure that may be an actual figure's term or amount (`_same_term`), with the project's claims as
with the batch's."""


def _fitting(mine: list[Item], asking: list[int], values: list, units: list[str]) -> list[int]:
    """Which of the proposals `asking` (of the group's period, kind and what) are `_compatible` with every claim
    of a group (each claim's value and unit), the properties their clauses name aside: the claims' values, by
    unit and sign, are told by the smallest and the largest (a quotient falls as its divisor grows)."""
    amounts: dict[tuple, list[float]] = {}
    for value, unit in zip(values, units):
        if value:
            amounts.setdefault((unit, value > 0), []).append(abs(value))
    spans = {key: (min(held), max(held)) for key, held in amounts.items()}
    fitting = []
    for n in asking:
        item = mine[n]
        if item.value:
            amount, positive = abs(item.value), item.value > 0
            if not all(1 / RATIO <= amount / largest and amount / smallest <= RATIO
                       for (unit, sign), (smallest, largest) in spans.items()
                       if sign == positive and (unit == item.unit or _in_dollars(item) and _has_rate(unit))):
                continue
        fitting.append(n)
    return fitting


def _compatible(a: Item, b: Item) -> bool:
    if a.what != b.what or a.part != b.part or a.period != b.period or a.kind != b.kind and not _same_term(a, b):
        return False
    if a.proposal is not None and b.proposal is not None and a.proposal.quote == b.proposal.quote \
            and a.article == b.article:
        if a.unit == b.unit and a.value != b.value and not _restated(a, b):
            return False  # two amounts of one unit in one sentence are two quantities ("$1.125 billion, 45% of $2.5 billion")
        if _alternatives(a, b) or _alternatives(b, a):
            return False  # "$5 million or €10 million, whichever is higher"
    if _self_contradiction(a, b) or _self_contradiction(b, a):
        return False
    if a.prop and b.prop and a.prop != b.prop and not _one_amount(a, b):
        return False
    same_unit = a.unit == b.unit or _in_dollars(a) and _in_dollars(b)  # money is compared in dollars, roughly
    if same_unit and a.value and b.value and (a.value > 0) == (b.value > 0):
        ratio = abs(a.value) / abs(b.value)
        return 1 / RATIO <= ratio <= RATIO
    return True


def _self_contradiction(a: Item, b: Item) -> bool:
    """Whether two figures of one article would contradict each other though no two people say them: an article
    that states 32.1%, 57.2% and 76% states three quantities, not a contradiction with itself (docs/decisions.md).
    In one unit only (an amount in two currencies may be one amount converted at another date's rate), and in two
    sentences (in one, `_compatible` reads them, restatements such as "280 km (175 miles)" aside)."""
    if a.proposal is None or b.proposal is None or a.article != b.article or a.unit != b.unit \
            or a.proposal.quote == b.proposal.quote:
        return False
    return (a.proposal.speaker or None) == (b.proposal.speaker or None) and _disagrees(a, Group([b]))


def _one_amount(a: Item, b: Item) -> bool:
    """Whether two figures whose clauses name two properties may still be one amount: the properties are of one
    line of [one amount properties] ("worth", "investment", "budget" of one project) and the values agree."""
    if not _one_family(a.prop, b.prop):
        return False
    return _agrees(a, b) if a.proposal is not None else _agrees(b, a)


def _agrees(item: Item, other: Item) -> bool:
    """Whether a proposal's value agrees with another figure's (as `_disagrees` reads them, from the proposal's side;
    a claim alone is never said to agree)."""
    return item.proposal is not None and not _disagrees(item, Group([other]))


def _one_family(a: str | None, b: str | None) -> bool:
    """Whether two properties are of one line of [one amount properties] (one property is of its own line)."""
    family = extract.ONE_AMOUNT_PROPERTIES.get(a)
    return family is not None and family == extract.ONE_AMOUNT_PROPERTIES.get(b)


def _joined(item: Item, before: Item) -> str | None:
    """What the words between a figure and the one before it in its sentence say of the two (extract.txt's
    [restating joiners]), if they are one phrase of that table: for money, in another currency; for any other
    measure, only a restatement in brackets ("i.e.") in a unit written otherwise ("400 meter (1900 foot)": a wrong
    conversion is a contradiction to show, as for money)."""
    mine, theirs = item.proposal, before.proposal
    if not (item.what == before.what and mine.quote == theirs.quote and item.article == before.article
            and mine.start >= theirs.end):
        return None
    said = extract.joiner(extract.RESTATING_JOINERS, mine.quote[theirs.end:mine.start])
    if item.what == "money":
        return said if item.unit != before.unit else None
    between = mine.quote[theirs.end:mine.start].strip()
    closed = between != "(" or mine.quote[mine.end:].lstrip().startswith(")")  # "(1900 foot)", not "(45 minutes by train)"
    return said if said == "restates" and closed and item.unit == before.unit \
        and _unit_written(mine.figure) != _unit_written(theirs.figure) else None


def _unit_written(figure: str) -> str:
    """How a figure writes its unit: its words, words of size aside ("meter" of "400 meter", "m" of "24m deep")."""
    size = figures.reader().vocab.size_words
    return " ".join(word for word in re.findall(r"[a-z]+", figure.lower()) if word not in size)


def _close(a: Item, b: Item) -> bool:
    return bool(a.value and b.value) and _within(a.value, b.value, OR_RESTATED)


def _restates(item: Item, before: Item) -> bool:
    """Whether a money figure restates the one before it in its sentence in another currency ("valued at about $5
    billion or Rs 39,610 crore", "INR390 billion (USD5.43 billion)"): they are one amount however far apart a
    rate puts them (a wrong conversion is a contradiction to show), unless they are `_alternatives`."""
    said = _joined(item, before)
    return said == "restates" or said == "restates unless alternatives" and not _offered_apart(item, before)


def _alternatives(item: Item, before: Item) -> bool:
    """Whether a money figure and the one before it are two amounts offered as alternatives: a bare "or" between
    amounts far apart in a sentence that offers alternatives ("$5 million or €10 million, whichever is higher")."""
    return _joined(item, before) == "restates unless alternatives" and _offered_apart(item, before)


def _offered_apart(item: Item, before: Item) -> bool:
    """Two amounts of one sentence far apart in dollars, in a sentence that offers alternatives."""
    return not _close(item, before) and extract.offers_alternatives(item.proposal.quote)


def _same_term(a: Item, b: Item) -> bool:
    """Whether two figures of the kinds actual and forecast may be one term (design §7a: the same term gets the same
    kind in every article): the forecast's sentence names an agreement in another clause than the figure's, whose
    "will" made it a forecast ("The contract value is $5.43 billion, India will receive five S-400 kits"), or both
    name the same property of [specifications], stated in one and worded with "will" in the other ("has a capacity
    of 55 bcm", "will have a capacity of 55 bcm") or properties of one line of [one amount properties] without a
    period ("will cost around £1 billion", "has cost £1bn"); and the two values agree. A forecast that differs is
    another figure, not the term ("exports reached $10 billion" beside "will reach $15 billion" under one trade
    agreement).
    An estimate and an actual figure may be one amount, "estimated" its hedge ("the project is estimated at 9.5 bln
    euro" beside "the €9.5 billion project"); where they differ, a join takes the evidence any disagreeing figure
    needs (`_may_disagree`: the same names, much the same words), as "the 650-km line" and "505 km, the feasibility
    study estimated" differ on one length. Beside a forecast an estimate is what an actual figure is ("will cost
    around £1billion" beside "an estimated £800m")."""
    kinds = {a.kind, b.kind}
    if kinds == {"actual", "estimate"}:
        return True  # an estimate is a claim of the quantity: where it disagrees, `_may_disagree` asks for the evidence
    if kinds != {"actual", "forecast"} and kinds != {"estimate", "forecast"}:
        return False
    forecast, actual = (a, b) if a.kind == "forecast" else (b, a)
    specified = forecast.prop is not None and (forecast.prop == actual.prop and forecast.prop in extract.SPECIFICATIONS
                                               or forecast.period is None and _one_family(forecast.prop, actual.prop))
    return forecast.proposal is not None and (specified or _names_agreement(forecast.proposal.quote)) \
        and _agrees(forecast, actual)


@functools.lru_cache(maxsize=1 << 12)
def _names_agreement(sentence: str) -> bool:
    """`extract.agreement_term` of a whole sentence, read once: a figure is compared with many."""
    return extract.agreement_term(sentence, None)


def _restated(a: Item, b: Item) -> bool:
    """Whether two figures of one sentence are one amount written in two units ("40 to 400 km (25 to 250 miles)"):
    their last words differ, and their values are within `RESTATED` of each other."""
    if not a.value or not b.value or _last_word(a.proposal.figure) == _last_word(b.proposal.figure):
        return False
    return _within(a.value, b.value, RESTATED)


def _within(a: float, b: float, share: float) -> bool:
    """Whether two values' sizes are no further apart than `share` of the smaller."""
    return max(abs(a), abs(b)) <= (1 + share) * min(abs(a), abs(b))


def _last_word(text: str) -> str:
    found = extract.WORD.findall(text)
    return found[-1].lower() if found else ""


def _value(figure: Figure, on) -> float | None:
    """A figure's value as the aligner compares it: money in US dollars at the ECB rate of its date (else the last
    one), only to tell far-apart amounts apart ("6 billion yuan" is no "$400 billion"; the check converts each claim
    at its own date); money in a currency the ECB gives no rate for in that currency, compared with amounts in it
    only (`_in_dollars`)."""
    if figure.dimension != "money" or figure.unit == "USD" or not _has_rate(figure.unit):
        return figure.value
    from . import rates

    found = rates.rate(figure.unit, "USD", on) if on else None
    return figure.value * (found.per_unit if isinstance(found, rates.Rate) else rates.latest(figure.unit, "USD"))


def _has_rate(currency: str) -> bool:
    """Whether the ECB gives a rate for a currency to US dollars at some date (`rates.latest`)."""
    from . import rates

    return currency == "USD" or rates.latest(currency, "USD") is not None


def _in_dollars(item: Item) -> bool:
    """Whether an item's value is money in US dollars (`_value`): amounts in two currencies are compared so."""
    return item.what == "money" and _has_rate(item.unit)


def _closeness(item: Item, group: Group) -> float:
    """Evidence from the values: a figure within a tenth of the group's figures in one unit is likelier theirs."""
    value, unit, money = item.value, item.unit, _in_dollars(item)
    if not value:
        return 0.0
    nearest, distance = None, 0.0  # the first of the group's values nearest the figure's, in one unit
    for other in group.items:
        if other.value and (money and _in_dollars(other) or other.unit == unit) and not other.restating:
            gap = abs(other.value - value)
            if nearest is None or gap < distance:
                nearest, distance = other.value, gap
    if nearest is None:
        return 0.0
    nearest = abs(nearest)
    ratio = max(abs(item.value), nearest) / max(min(abs(item.value), nearest), 1e-12)
    return 0.15 if ratio <= 1.1 else 0.08 if ratio <= 1.3 else 0.0


SHARED_NAME = 0.05
"""Evidence for: a name few sentences name, named by the figure's sentence and a group's."""
OTHER_NAMES = 0.08
"""Evidence against: the figure names rare things, the group names others, and none in common."""


def _like(item: Item, group: Group) -> float:
    """How alike a figure's words are to a group's: to its nearest figure's (a quote alone says little, so the
    one most like it counts)."""
    return max((_cosine(item.words, other.words) for other in group.items if other.words), default=0.0)  # no words: 0


def _may_disagree(item: Item, group: Group, like: float) -> bool:
    """Whether a figure whose value disagrees with the group's may still join it: a wrong join there is a false
    conflict, so it takes a count of the same thing ("four new missile types" are not "five different missile
    types"), the property the group names where the figure's clause names one, and then either a side the group's
    figures already take (`_on_a_side`: no conflict that was not there) or a name the figure's sentence or
    article shares with the group's sentences or a project group's subject (a lone sentence that names nothing,
    "the deal is worth $2.5 billion", cannot say whose deal it contradicts) and either words much alike (`like`,
    without the evidence of a shared rare name, counted here already) or the same quantity named."""
    if item.what.startswith("count:") and any(_counted(other) != _counted(item) for other in group.items):
        return False
    if item.prop and all(_plain_property(other) != item.prop for other in group.items):
        return False  # "45 percent in advance" against "55 percent" no clause calls an advance: two quantities
    if any(not _one_time(item, other) for other in group.items if not other.restating):
        return False  # "had negotiated a price of Rs 526 crore" against the price "comes with" now: two times
    if _on_a_side(item, group):
        return True
    theirs = {name for other in group.items for name in other.names | other.address}
    if group.key is not None:
        theirs.update(extract.subject_words(group.key[0]))  # "china-russia-trade" names China and Russia
    if not (item.names | item.named_around) & theirs:
        return False
    if _listed_apart(item, theirs) or any(_listed_apart(other, item.names) for other in group.items):
        return False  # "364 seats for the Conservatives, 203 for Labour": the 364 is no figure of Labour's group
    return like >= LIKE_APART or _same_quantity(item, group) or like >= LIKE and _nearly_equal(item, group)


NEARLY = 0.02
"""Values this close (a share of the larger) that still disagree differ as roundings or slips of one quantity do
("72.7 per cent" and "72.9 percent", 157 and 156 seats), rarely as two quantities' values."""


def _nearly_equal(item: Item, group: Group) -> bool:
    """Whether a figure's value is within `NEARLY` of every value of the group's, in one unit or in dollars."""
    values = [other.value for other in group.items if not other.restating
              and (other.unit == item.unit or _in_dollars(item) and _in_dollars(other))]
    return bool(values) and bool(item.value) and all(
        v and (v > 0) == (item.value > 0) and abs(v - item.value) <= NEARLY * max(abs(v), abs(item.value)) for v in values)


def _listed_apart(item: Item, names: set[str]) -> bool:
    """Whether `names` name another item of the figure's list and none its own (`_own_names`)."""
    return bool(item.listed & names) and not item.own_names & names


def _named_by_address(item: Item, group: Group) -> list[str]:
    """The names a figure and a group share only through their articles' addresses, when their sentences share
    none: what a disagreeing join then rests on, for the person reading the draft."""
    own = item.names | item.named_around - item.address
    theirs = {name for other in group.items for name in other.names}
    if own & theirs:
        return []
    return sorted((item.names | item.named_around) & {name for other in group.items for name in other.names | other.address})


def _on_a_side(item: Item, group: Group) -> bool:
    """Whether a figure takes a side already there: the group's figures disagree among themselves, and the
    figure agrees with one of them ("the $5.4 billion deal" beside "$5.43 billion" and "$5.2 billion"). Joining
    then shows no conflict that was not there, so a sentence that names nothing ("With the $5.4 billion deal now
    official, ...") may join."""
    members = [other for other in group.items if not other.restating]
    split = any(_disagrees(a, Group([b for b in members if b is not a])) for a in members if a.proposal is not None)
    return split and any(not _disagrees(item, Group([other])) for other in members)  # a claim is read from a proposal's side


def _same_quantity(item: Item, group: Group) -> bool:
    """Strong evidence that a figure states the group's quantity, so a value that disagrees is a contradiction to
    show, not another quantity: the same property named by every figure, or a count of the same thing, and values
    within half again; a count of kinds of one thing ("missile types", "three types of missiles": [kinds of
    things]) within `RATIO`, since a thing has few kinds and counts of them differ by more than half when they
    disagree. Counts of things themselves ("twelve ballistic missiles" fired, "thirty" held) keep half again."""
    if not item.what.startswith("count:") and (not item.prop or any(other.prop != item.prop for other in group.items)):
        return False
    values = [abs(other.value) for other in group.items if other.value and item.value]
    limit = RATIO if _counts_kinds(item) and len(_counted(item)) > 1 else 1.5
    return bool(values) and all(max(v, abs(item.value)) <= limit * min(v, abs(item.value)) for v in values)


def _counts_kinds(item: Item) -> bool:
    """Whether a figure counts kinds of a thing: its noun ends in a word of [kinds of things] ("missile types")."""
    words = ((item.figure.noun if item.figure is not None else None) or "").split()
    return item.what.startswith("count:") and bool(words) and words[-1].lower() in extract.KINDS_OF_THINGS


def _counted(item: Item) -> frozenset[str]:
    """The words of what a count counts, singular, without names and words that do not narrow it, with the thing a
    count of kinds names after "of" ("three types of missiles" counts missile types); of a count with no noun, what
    `_what` found it counts."""
    if item.what.startswith("count:people of "):
        return frozenset({item.what})  # "18 Canadians", "18 Canadian nationals": one country's people (`_measures`)
    noun = item.figure.noun if item.figure is not None else ""
    words = {figures.units.singular(word) for word in extract.WORD.findall(noun)
             if word.islower() and word not in extract.PLAIN_COUNT_WORDS and word not in extract.DETERMINERS}
    if not noun and item.what.removeprefix("count:"):
        words = {item.what.removeprefix("count:")}  # a count with no noun, of what its clause or list names (`_what`)
    if item.proposal is not None:
        sentence, end = item.proposal.quote, item.proposal.end
    elif item.read:
        sentence, end = item.read[0], item.read[2]
    else:
        return frozenset(words)
    kinds_of = extract.kinds_counted(noun or "", sentence, end)
    return frozenset(words | {kinds_of} if kinds_of else words)


def _disagrees(item: Item, group: Group) -> bool:
    """Whether the figure's interval misses a group member's (in one unit): joining would make a conflict."""
    mine = item.proposal.figure_read if item.proposal is not None else None
    if mine is None:
        return False
    for other in group.items:
        if other.restating:
            continue  # a restatement's value, however wrong, tells nothing of where the group's values lie
        theirs = other.figure
        if theirs is not None and _in_dollars(item) and _in_dollars(other) and theirs.unit != mine.unit and item.value \
                and other.value:
            if not _within(item.value, other.value, MONEY_APART):
                return True  # the check converts each at its own date: amounts this far apart in dollars conflict
            continue
        if theirs is None or other.unit != item.unit:
            continue  # in one unit as compared ("INR/jet" and "INR/plane" are one)
        low = max(x for x in (mine.low, theirs.low) if x is not None) if mine.low is not None or theirs.low is not None else None
        high = min(x for x in (mine.high, theirs.high) if x is not None) if mine.high is not None or theirs.high is not None else None
        if low is not None and high is not None and low >= high:
            return True
    return False


def _other_names(item: Item, group: Group, rare: set[str]) -> float:
    """Evidence against: the figure's sentence names things few sentences name ("Rosneft"), and the group's name
    others ("Gazprom"), and none is shared."""
    own = item.names & rare
    theirs = {name for other in group.items for name in other.names} & rare
    if own & theirs:
        return -SHARED_NAME  # a rare name both name is evidence for
    return OTHER_NAMES if own and theirs else 0.0


def _other_parties(item: Item, group: Group) -> bool:
    """Evidence against, and never a conflict: the figure's sentence and the group's name one country and each
    another the other does not ("Turkey bought S-400 systems from Russia" beside "India bought S-400 systems from
    Russia": two deals). Sentences that share no country may name the two sides of one deal ("Gazprom of Russia",
    "China's CNPC")."""
    own = (item.names | item.address) & _COUNTRIES  # "turkey-russia-sign-deal-s-400" for "worth $2.5 billion"
    theirs = {name for other in group.items for name in other.names} & _COUNTRIES
    return bool(own & theirs) and bool(own - theirs) and bool(theirs - own)


def _anchor_what(anchor: extract.Anchor) -> str:
    """`_what` of a claim, read in its quote where it is a count with no noun (where its figure stands, as
    `_claim_part` finds it: the words around it are not weighed for this)."""
    if anchor.dimension == "count" and not anchor.noun:
        return _what(anchor, anchor.quote, *extract.figure_span(anchor.quote, anchor.figure))
    return _what(anchor)


def _what(figure: Figure | extract.Anchor, sentence: str = "", start: int = 0, end: int = 0) -> str:
    """What a figure measures, as far as comparing goes: money (any currency), a unit, or what a count counts, named
    by its noun or, for a count with none, by its clause in `sentence` ("the death toll rose to 2,000" counts the
    dead: `extract.counted_by_clause`)."""
    noun = figure.noun
    if figure.dimension == "count" and not noun and end:
        noun = extract.counted_by_clause(sentence, start, end) or ""
    return _measures(figure.dimension, figure.unit, noun)


@functools.lru_cache(maxsize=4096)
def _measures(dimension: str, unit: str, noun: str) -> str:
    if dimension == "money":
        return "money"
    if dimension == "count":
        head = _synonym(figures.head_noun(noun))
        written = noun.split()
        country = next((extract.COUNTRIES.get(word.lower()) for n, word in enumerate(written)
                        if word.lower() in extract.COUNTRIES and not (n and written[n - 1][:1].isupper())
                        and not (n + 1 < len(written) and written[n + 1][:1].isupper())), None)  # not "American Airlines"
        if country is not None and (head in extract.COUNTRIES or head in extract.NATIONALS):
            return f"count:people of {country}"  # "18 Canadians", "18 Canadian nationals" (extract.txt's [nationals])
        return "count:" + head
    if dimension == "rate":
        return "rate:" + figures.compared_unit(unit).partition("/")[2] + (":money" if unit[:3].isupper() else ":" + unit)
    return dimension


_NO_QUANTITY = frozenset({"growth", "share", "inflation"})
_QUANTITY_DIMENSIONS = frozenset({"money", "rate", "volume", "mass", "energy", "power"})
_RATE_WORDS, _RATE_OF_GROWTH, _NOT_RATED = extract.RATE_WORDS, extract.GROWTH_WORDS, extract.OWN_RATE_WORDS
"""What a rate word is in a clause of growth: extract.txt's [rate words], [growth words], [own rate words]."""


def _rated(sentence: str, found: list[tuple[int, int, str]], n: int) -> str | None:
    """What the rate word at `n` of a sentence's words is the rate of, as one word either way it is written
    ("savings rate", "Unemployment rate in ...", "rate of saving", "rate of US unemployment"), or None when it is a
    growth's own rate ("GDP growth rate", "grew at an average rate of", "at a rate of nearly 5%", "the rate of
    economic growth") or names nothing."""
    if n + 1 < len(found) and found[n + 1][2].lower() == "of":
        end = found[n + 1][1]
        for start, stop, raw in found[n + 2:n + 5]:
            if any(ch.isdigit() for ch in sentence[end:start]):
                return None  # "at a rate of 7% year-on-year": the figure comes first
            word = raw.lower()
            if raw[:1].isupper() or word in ("the", "a", "an"):  # "the rate of (the) US unemployment": a name narrows it
                end = stop
                continue
            if word in _RATE_OF_GROWTH or word in _NOT_RATED or word in _hedge_words():
                return None
            return extract.word_as_read(raw, True)[2]
        return None
    if not n:
        return None
    before = found[n - 1][2]
    if before[:1].isupper() and found[n - 1][0] > 0 or before.lower() in _NOT_RATED:
        return None  # a name's rate ("the Fed rate") or a growth's own; a sentence's first word may be the thing
    return extract.word_as_read(before, True)[2]


@functools.cache
def _hedge_words() -> frozenset[str]:
    """The words a figure's hedge starts with ("nearly", "around", "close to"): after "a rate of" they open the
    figure, not what the rate is of."""
    hedges = figures.reader().vocab.prefix_hedges
    return frozenset((*(phrase.split()[0] for phrase in hedges), *hedges.firsts))


def _grown(sentence: str, found: list[tuple[int, int, str]], n: int, name: str) -> str | None:
    """The quantity a growth is of, as a slug, where the word at `n` names one by its property `name`: the
    property's name, or for a rate the thing it is the rate of (`_rated`: "saving-rate", "unemployment-rate"), so
    that two rates' growths are two quantities; None for a growth's own rate, so that the clause's other words say
    what it is of ("China's exports grew at an average rate of 7%")."""
    if found[n][2].lower() not in _RATE_WORDS:
        return name
    rated = _rated(sentence, found, n)
    return None if rated is None else f"{rated}-rate"


def _synonym(word: str) -> str:
    return extract.SYNONYMS.get(word, word)


def _context(sentence: str, start: int, end: int, dimension: str) -> tuple[Counter, set[str], str | None]:
    """The words around a figure, weighted by nearness; the sentence's names; the property its clause names for
    a figure of `dimension`."""
    words, names, prop, prop_distance = Counter(), set(), None, math.inf
    grown, grown_distance = None, math.inf  # the nearest quantity its clause names that a change may be of
    clause_start, clause_end = extract._clause(sentence, start)
    found = [(match.start(), match.end(), match.group()) for match in extract.WORD.finditer(sentence)]
    starts = [at for at, _, _ in found]
    split = start if any(at < start < stop for at, stop, _ in found) else None  # a word runs into the figure
    for n, (at, stop, raw) in enumerate(found):
        word, named, counted = extract.word_at(sentence, at, stop)
        inside = start <= at < end  # the figure's own words name its property ("Rs 40,000 crore loss"), nothing else
        distance = 0 if inside else _words_between(sentence, min(stop, start), max(at, end), starts, split)
        if inside and extract.named_in_figure(named, dimension):  # a name its count counts ("five S-400 systems")
            names.add(word)
            words[counted or word] += 2.0
        elif named and not inside:
            names.add(word)
        if clause_start <= at < clause_end and distance < prop_distance:
            pair = f"{word} {found[n + 1][2].lower()}" if n + 1 < len(found) else ""
            named_prop = extract.PROPERTIES.get(pair) or extract.PROPERTIES.get(word) \
                or extract.PROPERTIES.get(figures.units.singular(word))  # "advance payment", "net income"
            name, *dimensions = (named_prop or "-").split()
            if named_prop and dimension in dimensions:
                prop, prop_distance = name, distance
            if named_prop and name not in _NO_QUANTITY and not _QUANTITY_DIMENSIONS.isdisjoint(dimensions) \
                    and distance < grown_distance and (quantity := _grown(sentence, found, n, name)) is not None:
                grown, grown_distance = quantity, distance
        if counted is None or inside:
            continue
        weight = (0.25 if word in extract.GENERIC else 2.0 if named else 1.0) * NEAR / (NEAR + distance)
        words[counted] += weight
    if prop == "growth" and grown is not None:
        prop = f"{grown}-growth"  # "exports fell 4.6 percent" is no "economy grew 5.2%": the growth of exports
    if prop is None and dimension == "duration" and any(
            _synonym(word.lower()) == "agreement" for word in extract.WORD.findall(sentence[clause_start:clause_end])):
        prop = "duration"  # "a 30-year deal", "the contract runs 40 years": the term of the agreement its clause names
    return words, names, prop


@functools.lru_cache(maxsize=1 << 16)
def _claim_read(quote: str, figure: str, dimension: str) -> tuple[tuple, str | None]:
    """Where a claim's words are read from (its quote, the figure's span in it, its dimension) and the property
    its figure's clause names (`_context`'s), read without weighing the words around the figure when no word of
    the quote may name one, as in most claims' quotes; kept, as a server drafts again and again into the same
    claims."""
    start, end = extract.figure_span(quote, figure)
    read = (quote, start, end, dimension)
    if dimension == "duration" or any(_may_name(raw) for raw in extract.WORD.findall(quote)):
        return read, _claim_context(*read)[2]
    return read, None


@functools.lru_cache(maxsize=1 << 16)
def _claim_context(sentence: str, start: int, end: int, dimension: str) -> tuple[Counter, set[str], str | None]:
    """`_context` of a claim's figure in its quote, read once and kept (the same quote and figure recur in a
    draft, and from one draft to the next in a server); only read, never changed."""
    return _context(sentence, start, end, dimension)


_COUNTRIES = frozenset(extract.COUNTRIES.values())
"""Every country as a name (the names `extract.word_of` gives countries and their peoples' words)."""

_PAIRS = frozenset(phrase.split()[0] for phrase in extract.PROPERTIES if " " in phrase)

_PART_WORDS = re.compile("|".join(sorted({form for phrase, part in extract.AMOUNT_PARTS.entries.items() if part != "neither"
                                           for word in [max(phrase.split(), key=len)] for form in (word, word.capitalize())})))
"""The longest word of each phrase of [amount parts], in lower case or capitalised, anywhere: a quote none of them
stands in holds no such phrase (a plain alternation without word bounds is some three times faster to search, and
what it finds is read again as words)."""

_SPAN_WORDS = re.compile(r"\b(?:" + "|".join(sorted({re.escape(phrase.split()[0]) for phrase in extract.SPAN_OPENERS}))
                         + r")\b", re.IGNORECASE)
"""The first words of [span openers]: where none stands soon after a figure, it is a total over no span."""

_EARLIER_WORDS = re.compile("|".join(sorted({form for phrase in extract.EARLIER_TENSE for word in [phrase.split()[0]]
                                              for form in (word, word.capitalize())})))
"""The first words of the phrases of [earlier tense], in lower case or capitalised, anywhere."""


def _may_be_earlier(sentence: str, start: int) -> bool:
    """Whether a word of [earlier tense] may stand before offset `start` (found anywhere, read again as words)."""
    return _EARLIER_WORDS.search(sentence, 0, start) is not None
"""The first words of the properties named by two words ("net income")."""


@functools.lru_cache(maxsize=1 << 16)
def _may_name(raw: str) -> bool:
    """Whether a word as written may name a property (`_context`: itself, singular, or a pair's first word)."""
    word = raw.lower().removesuffix("'s")
    return word in extract.PROPERTIES or word in _PAIRS or figures.units.singular(word) in extract.PROPERTIES


def _words_between(sentence: str, first: int, last: int, starts: list[int], split: int | None) -> int:
    """How many words `sentence[first:last]` holds, read on its own: the sentence's words that start there (one
    cut at `last` still reads as one word), unless a word of the sentence runs across `first` (`split`, the
    figure's start, when one runs into the figure): then the piece is read again."""
    if first == split:
        return len(extract.WORD.findall(sentence[first:last]))
    return bisect.bisect_left(starts, last) - bisect.bisect_left(starts, first)


def _proposal_item(proposal) -> Item:
    figure = proposal.figure_read
    words, names, prop = _context(proposal.quote, proposal.start, proposal.end, figure.dimension)
    return Item(_what(figure, proposal.quote, proposal.start, proposal.end), _value(figure, proposal.dated),
                figures.compared_unit(figure.unit), proposal.period, proposal.kind, prop,
                words, names, proposal.article, proposal=proposal, figure=figure, held=frozenset(words),
                part=_part(proposal.quote, proposal.start, proposal.end),
                earlier=_earlier(proposal.quote, proposal.start) or extract.old_level(proposal.quote, proposal.start, proposal.end))


def _claim_item(anchor: extract.Anchor, value: float | None, own: frozenset[str], what: str | None = None,
                part: str | None = None) -> Item:
    """A claim as the aligner sees it (its value as `_claim_value` gives it, its subject's words `own`, what it
    measures and which part when its group's claims were told them), its words not weighed yet (`_weigh`)."""
    read, prop = _claim_read(anchor.quote, anchor.figure, anchor.dimension)
    unit = figures.compared_unit(anchor.unit) if anchor.dimension == "rate" else anchor.unit
    earlier = _earlier(anchor.quote, read[1]) if _may_be_earlier(anchor.quote, read[1]) else None
    return Item(what or _anchor_what(anchor), value, unit, anchor.period, anchor.key[3], prop, {}, anchor.names, -1,
                key=anchor.key, figure=anchor, held=anchor.words | own, read=read, part=part, earlier=earlier)


def _claim_part(anchor: extract.Anchor) -> str | None:
    start, end = extract.figure_span(anchor.quote, anchor.figure)
    return _part(anchor.quote, start, end) if end else None  # a figure its quote writes otherwise: no part read


@functools.lru_cache(maxsize=1 << 16)
def _earlier(sentence: str, start: int) -> str | None:
    """`extract.told_earlier`, read only when a word of [earlier tense] stands in the sentence; kept."""
    if not _may_be_earlier(sentence, start):
        return None
    return extract.told_earlier(sentence, start)


def _one_time(item: Item, other: Item) -> bool:
    """Whether two figures are told of one time: both in the past perfect or neither, or one in the past perfect
    of reported speech and the other's sentence saying that verb in the simple past ("Tass said India had paid
    Russia $6.5 billion" and "India paid Russia $5.43 billion, Tass said": news puts "paid" back after "said")."""
    if bool(item.earlier) == bool(other.earlier):
        return True
    shifted, plain = (item, other) if item.earlier else (other, item)
    sentence = _sentence(plain)
    return shifted.earlier != extract.EARLIER and sentence is not None and extract.says_simple_past(sentence, shifted.earlier)


def _sentence(item: Item) -> str | None:
    return item.proposal.quote if item.proposal is not None else item.read[0] if item.read else None


@functools.lru_cache(maxsize=1 << 16)
def _part(sentence: str, start: int, end: int) -> str | None:
    """`extract.amount_part` of a figure, read only when its sentence holds a word of a phrase of [amount parts],
    else the span it is a total over (`extract.amount_span`: "over-10-years"), read only when a word of a phrase
    of [span openers] follows it; kept, as a claim is compared with draft after draft."""
    if _PART_WORDS.search(sentence) and (part := extract.amount_part(sentence, start, end)) is not None:
        return part
    if not _SPAN_WORDS.search(sentence, end, end + 80):
        return None
    return extract.amount_span(sentence, end)


def _weigh(groups: list[Group], fits: dict[tuple, list[int]], mine: list[Item], weights: dict[str, float]) -> None:
    """The weighted words of each claim that shares a word with a proposal that fits its group: only those
    are compared with a proposal (`_like`), and a claim that shares none is unlike it whatever the weights
    (`_cosine` 0), so the words around its figure are not read."""
    for group in groups:
        asking = [mine[n].held for n in fits[group.key]]
        own = extract.subject_words(group.key[0])  # the subject's own words (after aliases)
        for item in group.items:
            if not any(not item.held.isdisjoint(words) for words in asking):
                continue
            words = dict(_claim_context(*item.read)[0])
            for part in own:
                words[part] = words.get(part, 0) + 1.0
            item.words = {w: n * weights.get(w, 1.0) for w, n in words.items()}


def _claim_value(anchor: extract.Anchor) -> float | None:
    """A claim's value as the aligner compares it: money in dollars at the rate of the date its figure holds at."""
    if anchor.dimension != "money" or anchor.unit == "USD":
        return anchor.value  # as `_value` gives it, without working out the date
    return _value(anchor, check.figure_date(anchor))


def _idf(mine: list[Item], known: Counter, total: int) -> dict[str, float]:
    """Each word's weight: how rare it is among the batch's figures and the project's claims (of `total`), of
    which `known` says how many hold each word."""
    documents = known + Counter(w for item in mine for w in set(item.words))
    return {w: math.log((1 + total) / (1 + n)) + 1.0 for w, n in documents.items()}


def _cosine(a: Counter, b: Counter) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b[w] for w, weight in a.items() if w in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(x * x for x in a.values()) * sum(x * x for x in b.values()))


def _name(groups: list[Group], project: extract.Project) -> None:
    """Keys for the groups: the project's where a group is one of its, else a subject from the names the group's
    sentences share and a property from what its figures measure; two groups never share a key, and a new group
    never takes the key of a group of the project's claims (those it could not join are not among `groups`)."""
    used: set[tuple] = {group.key for group in groups if group.key}
    held = None
    for group in groups:
        proposals = [item for item in group.items if item.proposal is not None]
        if not proposals:
            continue
        first = proposals[0]
        articles = len({item.article for item in proposals})
        if group.key:
            subject, prop, period, kind, scope = group.key
            claims = sum(1 for item in group.items if item.proposal is None)
            why = f"joins {subject}/{prop} ({claims} claim{'s' * (claims != 1)}): "
        else:
            subject, prop = _subject(group), _property(group)
            kinds = {item.kind for item in proposals}
            period, kind = first.period, "actual" if len(kinds) > 1 else first.kind  # a term is actual (`_same_term`)
            key = (subject, prop, period, kind, None)
            if key in used or project.group_taken(key):
                if held is None:
                    held = (_held(groups), project.group_count(), [other for other in groups if not other.key])
                prop = f"{prop}-{_distinct(group, project, *held)}"
            used.add((subject, prop, period, kind, None))
            why = (f"new group {subject}/{prop}: {len(proposals)} figures in {articles} articles, "
                   if articles > 1 else "new group: no figure of another article or of the project joined it")
        for item in proposals:
            item.proposal.subject, item.proposal.property = subject, prop
            item.proposal.period, item.proposal.kind = period, kind
            reasons = _reasons(group, item) if group.key or articles > 1 else ""
            term = f"; the same term as the group's {kind} figures, though its clause reads as {_a(item.kind)}"
            item.proposal.match = why + reasons + item.why + (term if item.kind != kind else "")
            if item.proposal.confidence is None:
                item.proposal.confidence = 0.5 if len(group.items) == 1 else 0.6


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"  # "a forecast", "an estimate"


def _reasons(group: Group, item: Item) -> str:
    """Why a figure is in its group, in its own words: the words its sentence shares with the group's other
    sentences (never words of its own sentence alone), its dimension, property, part, and the time its verbs tell."""
    mine = _sentence(item)
    shared = Counter(w for other in group.items if other is not item and (mine is None or _sentence(other) != mine)
                     for w in other.held if w in item.words)
    words = _ranked(shared)[:3]
    kind, _, detail = item.what.partition(":")
    per = f" per {detail.split(':')[0]}" if kind == "rate" else ""  # "rate per aircraft": "INR/jet" and "INR/plane"
    reasons = [f"same words ({', '.join(words)})" if words else "alike words", f"same dimension ({kind}{per})"]
    if item.prop:
        reasons.append(f"same property ({item.prop})")
    if item.what.startswith("count:") and len(counted := _counted(item)) > 1:
        reasons.append(f"counts of the same thing ({' '.join(sorted(counted))})")
    if item.part:
        reasons.append(f"same part ({item.part})")
    if item.earlier and not all(i.earlier for i in group.items):
        reasons.append(f"reported speech puts \"{item.earlier}\" back as \"had {item.earlier}\": the same time")
    elif item.earlier:
        reasons.append("both told of an earlier time (had ...)")
    return ", ".join(reasons)


def _ranked(counts: Counter) -> list:
    """The keys, most counted first and a tie in sorted order: a draft's names and reasons are the same
    every run (a Counter's own ties follow the order of sets, which changes from one process to the next)."""
    return sorted(counts, key=lambda key: (-counts[key], key))


def _subject(group: Group) -> str:
    """The slug of the names the group's sentences share, else of those any of them holds: a designation
    ("S-400") first, then the names most sentences share, then those nearest the figures and rarest (their weight
    among the figures' words), so the system or product a sentence is about outranks the people and places
    around it. Where its sentences name nothing, the words around its figures that may name a thing
    (`extract.names_a_thing`: never "simultaneously", "capable" or "six")."""
    about = {id(item): item.names - _attribution(item) for item in group.items}
    names = Counter(name for item in group.items for name in about[id(item)])
    weight = Counter()
    for item in group.items:
        for name in about[id(item)]:
            weight[name] += item.words.get(extract.word_as_read(name, True)[2] or name, 0.0)
    ranked = sorted(names, key=lambda name: (not extract.is_designation(name), -names[name], -round(weight[name], 6), name))
    common = [name for name in ranked if names[name] > 1][:3] or ranked[:3]
    if not common:
        words = Counter()
        for item in group.items:
            words.update({word: weight for word, weight in item.words.items()
                          if extract.names_a_thing(word) and word not in _attribution(item)})
        common = _ranked(words)[:2]
    return extract._slug(_in_text_order(common, group)) or "subject"


def _attribution(item: Item) -> frozenset[str]:
    """The names of a figure's sentence that say who reported or said it (`extract.attribution_names`): a subject
    names what the figure is about, never "Reuters" of a dateline or the speaker."""
    if item.proposal is None:
        return frozenset()
    return extract.attribution_names(item.proposal.quote, item.proposal.speaker)


def _in_text_order(chosen: list[str], group: Group) -> list[str]:
    """The words chosen for a slug, a designation first ("s-400"), then in the order the group's first sentence
    holding them writes them ("premier li keqiang", "nord stream", never "keqiang-li-premier"); a word no sentence
    holds as read keeps its place after."""
    places: dict[str, tuple[int, int]] = {}
    for n, item in enumerate(group.items):
        sentence = _sentence(item)
        if sentence is None:
            continue
        for match in extract.WORD.finditer(sentence):
            word, _, counted = extract.word_of(match)
            for form in (word, counted):
                if form in chosen and form not in places:
                    places[form] = (n, match.start())
        if len(places) == len(chosen):
            break
    return sorted(chosen, key=lambda word: (not extract.is_designation(word), word not in places, places.get(word, (0, 0)),
                                            chosen.index(word)))


def _property(group: Group) -> str:
    item = group.items[0]
    return _measured(group, item) + (f"-{item.part}" if item.part else "")  # "investment-each", "capacity-combined"


def _measured(group: Group, item: Item) -> str:
    props = Counter(i.prop for i in group.items if i.prop)
    if props:
        return _ranked(props)[0]
    kind, _, detail = item.what.partition(":")
    if kind == "count":
        return extract._slug(detail) or "count"
    if kind == "rate":
        return "price" if detail.endswith(":money") else "rate"
    return PLAIN_PROPERTIES.get(kind, kind)


PLAIN_PROPERTIES = {"money": "value", "percent": "share"}
"""The property of an amount whose clause names none: a sum of money is what something is worth ("for
€222million" is the fee "worth £200m"), a percentage a share."""


def _plain_property(item: Item) -> str | None:
    """The property a figure's clause names, or the one an amount of its kind has when none is named."""
    return item.prop or PLAIN_PROPERTIES.get(item.what)


def _held(groups: list[Group]) -> Counter:
    """How many groups hold each word (in one of their figures' words)."""
    held = Counter()
    for group in groups:
        held.update({word for item in group.items for word in item.held})
    return held


def _distinct(group: Group, project: extract.Project, held: Counter, count: int, new: list[Group]) -> str:
    """The word that most tells this group from the others with the same key: one no other group's figure and
    no claim of the project holds (`held`: by how many groups each word is held, this one among them), else a
    number after the project's groups (`count`), by its place among the new groups (`new`)."""
    own = Counter()
    for item in group.items:
        own.update(item.words)
    for word in _ranked(own):
        if held[word] == 1 and len(word) > 2 and not project.vocabulary({word}, set()).words:
            return extract._slug(word)
    return str(count + new.index(group) + 1)  # after the project's groups, as if all were read
