"""Which side of a conflict is likely right, how accurate each outlet is, and which outlets likely
copy each other (design §9). Pure: the check's findings in, estimates out; no I/O.

The method is the accuracy-weighted vote with copy detection (ACCU, ACCUCOPY) of Dong, Berti-Equille
and Srivastava, "Integrating conflicting data: the role of source dependence" (VLDB 2009), iterated
to a fixed point over every comparable group at once; docs/decisions.md says how and why.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from . import origins

WRONG_FIGURES = 5  # n: how many wrong figures an item plausibly takes (wrong figures repeat: stale, rounded, typo'd)
COPY_RATE = 0.8  # c: the share of its figures a copier takes from the outlet it copies
COPY_PRIOR = 0.1  # alpha: the chance, before any evidence, that one outlet copies another (each way)
START = 0.8  # every outlet's accuracy before the first round
SHRINK = 4.0  # pseudo-figures pulling an outlet toward its perspective, and a perspective toward all outlets
FEW = 5  # under this many figures an outlet's accuracy is "too few to say"
TOLERANCE = 1e-4  # the fixed point: no accuracy, probability or copy probability moves more than this
ROUNDS = 100
Z = 1.96  # the accuracy range is a 95% Wilson interval
NAMED = 0.5  # a pair is named as likely copies from this probability of copying on


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str | None = None
    perspective: str | None = None
    reference: bool = False


@dataclass(frozen=True)
class Item:
    """One comparable group: its sides (claim ids, in the conflict's order; an agreement has one), and
    the sets of its claims known to share an origin (design §3)."""

    id: str
    sides: tuple[tuple[str, ...], ...]
    shared: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Likely:
    side: int  # index into the conflict's sides
    probability: float
    why: str


@dataclass(frozen=True)
class Accuracy:
    estimate: float | None  # None under FEW figures: too few to say
    low: float | None
    high: float | None
    figures: int


@dataclass(frozen=True)
class OutletEstimate:
    accuracy: Accuracy | None  # None for a reference outlet: left out of the estimate
    likely_copies: tuple[str, ...] = ()
    reference: bool = False


@dataclass
class Estimate:
    likely: dict[str, Likely | None] = field(default_factory=dict)  # by conflict id
    sides: dict[str, tuple[float, ...]] = field(default_factory=dict)  # each side's probability, by item id
    outlets: dict[str, OutletEstimate] = field(default_factory=dict)
    copying: dict[tuple[str, str], float] = field(default_factory=dict)  # pairs that share figures: P(not independent)
    rounds: int = 0
    converged: bool = True


def estimate(findings, corpus) -> Estimate:
    """The estimate for what `check` found: every conflict and agreement, with the corpus's outlets and
    the claims' shared origins."""
    records = {claim.id: claim for claim in corpus.claims}
    records.update(findings.claims)
    items = [_item(c.id, [side.claims for side in c.sides], records, [side.origins for side in c.sides])
             for c in findings.conflicts]
    items += [_item(a.id, [a.claims], records, [None]) for a in findings.agreements]
    outlets = {s.id: Outlet(s.id, s.name, s.perspective, s.reference) for s in corpus.sources.values()}
    return weigh(items, {cid: claim.source for cid, claim in records.items()}, outlets)


def _item(ident: str, sides: list[list[str]], records: Mapping, counts: list[int | None]) -> Item:
    shared = []
    for claims, count in zip(sides, counts):
        if len(claims) > 1 and (count is None or count < len(claims)):  # check counted origins already
            said = [records[c] for c in claims if c in records]
            shared += [tuple(said[n].id for n in group) for group in origins.groups(said) if len(group) > 1]
    return Item(ident, tuple(tuple(side) for side in sides), tuple(shared))


def weigh(items: Sequence[Item], claims: Mapping[str, str], outlets: Mapping[str, Outlet]) -> Estimate:
    """ACCUCOPY over `items`: `claims` gives each claim's outlet id; outlets missing from `outlets` are
    weighed with no perspective. Reference outlets' claims do not vote."""
    outlets = dict(outlets)
    for outlet in sorted(set(claims.values()) - outlets.keys()):
        outlets[outlet] = Outlet(outlet)
    names = sorted(o for o in outlets if not outlets[o].reference)
    board = Board(items, claims, {o: n for n, o in enumerate(names)})
    groups = [outlets[o].perspective for o in names]
    accuracy, figures = [START] * len(names), [0] * len(names)
    dependence = dict.fromkeys(board.pairs, 0.0)
    probabilities = [0.0] * len(board.voters)
    rounds, converged = 0, False
    while rounds < ROUNDS and not converged:
        rounds += 1
        new_probabilities = board.probabilities(accuracy, dependence)
        new_accuracy, figures = board.accuracy(new_probabilities, groups)
        new_dependence = board.copying(new_probabilities, new_accuracy)
        moved = max(_moved(new_probabilities, probabilities), _moved(new_accuracy, accuracy),
                    _moved(new_dependence.values(), dependence.values()))
        converged = rounds > 1 and moved < TOLERANCE
        probabilities, accuracy, dependence = new_probabilities, new_accuracy, new_dependence
    result = Estimate(rounds=rounds, converged=converged)
    result.copying = {(names[a], names[b]): round(p, 6) for (a, b), p in dependence.items()}
    copies = board.copies(dependence, probabilities, names)
    for o, outlet in sorted(outlets.items()):
        if outlet.reference:
            result.outlets[o] = OutletEstimate(None, (), True)
        else:
            n = board.number[o]
            result.outlets[o] = OutletEstimate(_range(accuracy[n], figures[n]), tuple(copies.get(n, ())))
    label = {o: outlets[o].name or o for o in outlets}
    references = {o for o in outlets if outlets[o].reference}
    for n, item in enumerate(items):
        first, last = board.spans[n]
        result.sides[item.id] = tuple(round(p, 6) for p in probabilities[first:last])
        if len(item.sides) > 1:
            result.likely[item.id] = _likely(item, board, n, probabilities, accuracy, figures, dependence, names, label,
                                             claims, references)
    return result


def _moved(new: Iterable[float], old: Iterable[float]) -> float:
    return max((abs(a - b) for a, b in zip(new, old)), default=0.0)


class Board:
    """The items as flat lists, built once: each side's voters (outlet numbers, reference outlets left out)
    and the pairs of them known to share an origin there, each item's span of sides, and the evidence on
    every pair of outlets that state the same figure somewhere."""

    def __init__(self, items: Sequence[Item], claims: Mapping[str, str], number: dict[str, int]):
        self.number = number
        self.voters: list[tuple[int, ...]] = []
        self.known: list[frozenset[tuple[int, int]]] = []
        self.spans: list[tuple[int, int]] = []
        self.item: list[int] = []  # each side's item
        self.figures: list[tuple[int, int]] = []  # (side, outlet) of every item with two outlets or more
        shared, stated = defaultdict(list), defaultdict(set)
        for item in items:
            origin = {c: n for n, group in enumerate(item.shared) for c in group}
            first = len(self.voters)
            for side in item.sides:
                voters = tuple(sorted({number[claims[c]] for c in side if claims.get(c) in number}))
                together = defaultdict(set)
                for c in side:
                    if c in origin and claims.get(c) in number:
                        together[origin[c]].add(number[claims[c]])
                self.voters.append(voters)
                self.item.append(len(self.spans))
                self.known.append(frozenset((a, b) for group in together.values() for a in group for b in group if a < b))
            self.spans.append((first, len(self.voters)))
            if len({o for voters in self.voters[first:] for o in voters}) < 2:
                continue  # one voice alone says nothing of its own accuracy
            for k in range(first, len(self.voters)):
                voters = self.voters[k]
                for i, a in enumerate(voters):
                    self.figures.append((k, a))
                    stated[a].add(len(self.spans) - 1)
                    for b in voters[i + 1:]:
                        if (a, b) not in self.known[k]:
                            shared[a, b].append(k)
        self.pairs: dict[tuple[int, int], tuple[list[int], int]] = {}
        for (a, b), sides in sorted(shared.items()):
            same = {self.item[k] for k in sides}
            self.pairs[a, b] = (sides, len(stated[a] & stated[b] - same))

    def probabilities(self, accuracy: list[float], dependence: dict) -> list[float]:
        """Each side's probability of holding the true figure: exp(its vote count) over the item's n + 1
        possible figures, the figures nobody states counting exp(0) each. A voter counts
        ln(n * A / (1 - A)), less by its probability of copying the voters already counted (all of it when
        they share an origin there), the most accurate counted first."""
        weight = [math.log(WRONG_FIGURES * a / (1 - a)) for a in accuracy]
        counts = []
        for voters, known in zip(self.voters, self.known):
            if len(voters) < 2:
                counts.append(weight[voters[0]] if voters else 0.0)
                continue
            count, before = 0.0, []
            for o in sorted(voters, key=lambda o: (-accuracy[o], o)):
                independent = 1.0
                for p in before:
                    pair = (p, o) if p < o else (o, p)
                    independent *= 0.0 if pair in known else 1 - COPY_RATE * dependence.get(pair, 0.0)
                count += weight[o] * independent
                before.append(o)
            counts.append(count)
        result = []
        for first, last in self.spans:
            mine = counts[first:last]
            top = max(mine + [0.0])
            exps = [math.exp(c - top) for c in mine]
            total = sum(exps) + (max(WRONG_FIGURES + 1, last - first) - (last - first)) * math.exp(-top)
            result += [e / total for e in exps]
        return result

    def accuracy(self, probabilities: list[float], groups: list) -> tuple[list[float], list[int]]:
        """Each outlet's share of figures on likely sides, pulled toward its perspective's share by SHRINK
        pseudo-figures (and each perspective toward all outlets'), so that a few figures say little."""
        right, figures = [0.0] * len(groups), [0] * len(groups)
        for k, o in self.figures:
            right[o] += probabilities[k]
            figures[o] += 1
        overall = sum(right) / sum(figures) if self.figures else START
        pooled = defaultdict(lambda: [0.0, 0])
        for o, group in enumerate(groups):
            pooled[group][0] += right[o]
            pooled[group][1] += figures[o]
        prior = {g: (r + SHRINK * overall) / (f + SHRINK) for g, (r, f) in pooled.items()}
        return [min(0.99, max(0.01, (right[o] + SHRINK * prior[g]) / (figures[o] + SHRINK)))
                for o, g in enumerate(groups)], figures

    def copying(self, probabilities: list[float], accuracy: list[float]) -> dict[tuple[int, int], float]:
        """For each pair of outlets that share a figure, the probability that they are not independent
        (one copies the other), from the figures they share and the items they differ on (Dong et al.)."""
        result = {}
        differs = math.log(1 - COPY_RATE)
        for (a, b), (sides, differ) in self.pairs.items():
            x, y = accuracy[a], accuracy[b]
            right, wrong = x * y, (1 - x) * (1 - y) / WRONG_FIGURES
            a_copies = b_copies = differ * differs
            for k in sides:
                p = probabilities[k]
                alone = p * right + (1 - p) * wrong
                a_copies += math.log(COPY_RATE * (p * y + (1 - p) * (1 - y)) / alone + 1 - COPY_RATE)
                b_copies += math.log(COPY_RATE * (p * x + (1 - p) * (1 - x)) / alone + 1 - COPY_RATE)
            top = max(a_copies, b_copies, 0.0)
            independent = (1 - 2 * COPY_PRIOR) * math.exp(-top)
            result[a, b] = 1 - independent / (independent + COPY_PRIOR * (math.exp(a_copies - top) + math.exp(b_copies - top)))
        return result

    def copies(self, dependence, probabilities, names) -> dict[int, list[str]]:
        """For each outlet, the outlets it likely copies or is copied by and shares unlikely figures with:
        figures on a side that is not its item's most probable."""
        found = defaultdict(list)
        for (a, b), (sides, _) in self.pairs.items():
            if dependence[a, b] >= NAMED and any(probabilities[k] < self.best(k, probabilities) for k in sides):
                found[a].append(names[b])
                found[b].append(names[a])
        return found

    def best(self, side: int, probabilities: list[float]) -> float:
        first, last = self.spans[self.item[side]]
        return max(probabilities[first:last])


def _range(accuracy: float, figures: int) -> Accuracy:
    if figures < FEW:
        return Accuracy(None, None, None, figures)
    n = figures + SHRINK
    centre = (accuracy + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(accuracy * (1 - accuracy) / n + Z * Z / (4 * n * n))
    return Accuracy(round(accuracy, 3), round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3), figures)


def _likely(item: Item, board: Board, n: int, probabilities, accuracy, figures, dependence, names, label, claims,
            references) -> Likely | None:
    """The most probable side with the reasons, or None when fewer than two outlets vote or the top sides tie."""
    first, last = board.spans[n]
    sides, known, chances = board.voters[first:last], board.known[first:last], probabilities[first:last]
    if len({o for voters in sides for o in voters}) < 2:
        return None
    order = sorted(range(len(sides)), key=lambda s: -chances[s])
    best = order[0]
    if chances[best] - chances[order[1]] < 1e-9:
        return None
    backers, repeated, before = [], [], []
    for o in sorted(sides[best], key=lambda o: (-accuracy[o], o)):
        def pair(p, o=o):
            return (p, o) if p < o else (o, p)
        shared = [p for p in before if pair(p) in known[best]]
        copied = max(before, key=lambda p: dependence.get(pair(p), 0.0), default=None)
        if shared:
            repeated.append(f"{label[names[o]]} (same origin as {label[names[shared[0]]]})")
        elif copied is not None and COPY_RATE * dependence.get(pair(copied), 0.0) >= 0.5:
            repeated.append(f"{label[names[o]]} (likely copies {label[names[copied]]})")
        else:
            backers.append(f"{label[names[o]]} ({_record(accuracy[o], figures[o])})")
        before.append(o)
    why = f"Backed by {_listed(backers)}" if backers else "Backed only by repeated support"
    if repeated:
        why += f"; counted little as repeated: {_listed(repeated)}"
    stated = {s for s, side in enumerate(item.sides) for c in side if claims.get(c) in references}
    if stated:
        names_of = sorted({label[claims[c]] for s in stated for c in item.sides[s] if claims.get(c) in references})
        where = "states this side" if stated == {best} else "states another side" if best not in stated else "states this and another side"
        why += f". The reference ({', '.join(names_of)}) {where}"
    return Likely(best, round(chances[best], 3), why + ".")


def _record(accuracy: float, figures: int) -> str:
    if figures < FEW:
        return f"{figures} figure{'s' if figures != 1 else ''}, too few to say"
    return f"about {accuracy:.0%} right over {figures} figures"


def _listed(parts: Iterable[str], most: int = 3) -> str:
    parts = list(parts)
    if len(parts) > most:
        parts = parts[:most] + [f"{len(parts) - most} more"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
