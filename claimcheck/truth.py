"""Which side of a conflict is likely right, how accurate each outlet is, and which outlets likely
copy each other (design §9). Pure: the check's findings in, estimates out; no I/O.

The method is the accuracy-weighted vote with copy detection (ACCU, ACCUCOPY) of Dong, Berti-Equille
and Srivastava, "Integrating conflicting data: the role of source dependence" (VLDB 2009), iterated
to a fixed point over every comparable group at once; docs/decisions.md says how and why.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np


WRONG_FIGURES = 5  # n: how many wrong figures an item plausibly takes (wrong figures repeat: stale, rounded, typo'd)
COPY_RATE = 0.8  # c: the share of its figures a copier takes from the outlet it copies
COPY_PRIOR = 0.1  # alpha: the chance, before any evidence, that one outlet copies another (each way)
START = 0.8  # every outlet's accuracy before the first round
SHRINK = 4.0  # pseudo-figures pulling an outlet toward its perspective, and a perspective toward all outlets
FEW = 5  # under this many figures an outlet's accuracy is "too few to say"
TOLERANCE = 1e-3  # the fixed point: no probability, accuracy or copy probability moves more than this in a round
ROUNDS = 30  # at most; a corpus with no agreement to learn from drifts slowly (Estimate.converged says so)
Z = 1.96  # the accuracy range is a 95% Wilson interval
NAMED = 0.5  # a pair is named as likely copies from this probability of copying on ...
SHARED = 1  # ... when they share at least this many figures on unlikely sides


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
    sides: Sequence[Sequence[str]]
    shared: Sequence[Sequence[str]] = ()


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
    copying: dict[tuple[str, str], float] = field(default_factory=dict)  # pairs likely not independent: the probability
    rounds: int = 0
    converged: bool = True


def shared(sides: Sequence[Sequence[str]], origin_of: Mapping[str, int]) -> tuple[tuple[str, ...], ...]:
    """The claims of each side that share an origin (design §3), from each claim's origin (`origin_of`: claim id
    -> the number of its origin, for claims that share one): they are known copies of one another."""
    found = []
    for claims in sides:
        by_origin: dict[int, list[str]] = defaultdict(list)
        for claim in claims:
            if claim in origin_of:
                by_origin[origin_of[claim]].append(claim)
        found += [tuple(group) for group in by_origin.values() if len(group) > 1]
    return tuple(found)


def data(found: Estimate) -> dict:
    """The estimate as design §9's JSON words it: `likely` by conflict id, `accuracy` and `likely_copies` by outlet."""
    def accuracy(outlet: OutletEstimate) -> dict | None:
        a = outlet.accuracy
        return None if a is None else {"estimate": a.estimate, "low": a.low, "high": a.high, "figures": a.figures}
    return {"likely": {ident: likely and {"side": likely.side, "probability": likely.probability, "why": likely.why}
                       for ident, likely in found.likely.items()},
            "outlets": {ident: {"accuracy": accuracy(outlet), "likely_copies": list(outlet.likely_copies),
                                "reference": outlet.reference} for ident, outlet in found.outlets.items()}}


def weigh(items: Sequence[Item], claims: Mapping[str, str], outlets: Mapping[str, Outlet]) -> Estimate:
    """ACCUCOPY over `items`: `claims` gives each claim's outlet id; outlets missing from `outlets` are
    weighed with no perspective. Reference outlets' claims do not vote."""
    outlets = dict(outlets)
    for outlet in sorted(set(claims.values()) - outlets.keys()):
        outlets[outlet] = Outlet(outlet)
    names = sorted(o for o in outlets if not outlets[o].reference)
    perspectives = sorted({outlets[o].perspective or "" for o in names})
    board = Board(items, claims, {o: n for n, o in enumerate(names)},
                  [perspectives.index(outlets[o].perspective or "") for o in names])
    accuracy = np.full(len(names), START)
    dependence = np.zeros(len(board.pairs))
    probabilities = np.zeros(board.sides)
    rounds, converged = 0, False
    while rounds < ROUNDS and not converged:
        rounds += 1
        new_probabilities = board.probabilities(accuracy, dependence)
        new_accuracy = board.accuracy(new_probabilities)
        new_dependence = board.copying(new_probabilities, new_accuracy)
        moved = max(_moved(new_probabilities, probabilities), _moved(new_accuracy, accuracy),
                    _moved(new_dependence, dependence))
        converged = rounds > 1 and moved < TOLERANCE
        probabilities, accuracy, dependence = new_probabilities, new_accuracy, new_dependence
    return _result(items, claims, outlets, names, board, probabilities.tolist(), accuracy.tolist(), dependence.tolist(),
                   Estimate(rounds=rounds, converged=converged))


def _pairs_within(starts: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every two positions i < j within each run of `sizes` positions from `starts`: the first and the second."""
    firsts, seconds = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for size in np.unique(sizes[sizes > 1]).tolist():
        at = starts[sizes == size]
        i, j = np.triu_indices(size, 1)
        firsts.append((at[:, None] + i[None, :]).ravel())
        seconds.append((at[:, None] + j[None, :]).ravel())
    return np.concatenate(firsts), np.concatenate(seconds)


def _moved(new: np.ndarray, old: np.ndarray) -> float:
    return float(np.abs(new - old).max()) if len(new) else 0.0


def _result(items, claims, outlets, names, board, probabilities, accuracy, dependence, result: Estimate) -> Estimate:
    result.copying = {(names[a], names[b]): round(dependence[n], 6) for n, (a, b) in enumerate(board.pairs)
                      if dependence[n] >= NAMED}
    copies = board.copies(dependence, probabilities, names)
    figures = board.figures.tolist()
    for o, outlet in sorted(outlets.items()):
        if outlet.reference:
            result.outlets[o] = OutletEstimate(None, (), True)
        else:
            n = board.number[o]
            result.outlets[o] = OutletEstimate(_range(accuracy[n], figures[n]), tuple(copies.get(n, ())))
    label = {o: outlets[o].name or o for o in outlets}
    records = [f"{label[name]} ({_record(accuracy[n], figures[n])})" for n, name in enumerate(names)]
    references = {o for o in outlets if outlets[o].reference}
    stated = {c: label[o] for c, o in claims.items() if o in references} if references else {}
    copying = {pair: dependence[n] for n, pair in enumerate(board.pairs)}
    chances = np.array(probabilities)
    rounded = np.round(chances, 6).tolist()
    best, margin, voices = board.best(chances)
    for n, item in enumerate(items):
        first, last = board.spans[n]
        result.sides[item.id] = tuple(rounded[first:last])
        if last - first > 1:
            result.likely[item.id] = (None if voices[n] < 2 or margin[n] < 1e-9 or _unfounded(board, first, last, best[n], probabilities, figures)
                                      else _likely(item, board, first, best[n] - first, probabilities, accuracy, copying,
                                                   names, label, records, stated, figures))
    return result


class Board:
    """The items as flat arrays, built once, so that each round is a few array operations: every side's
    voters (outlet numbers; reference outlets left out) and the pairs of them known to share an origin
    there, each item's span of sides, and the evidence on every pair of outlets that state the same
    figure somewhere (the sides they share, and how many items they both state a figure in but differ on)."""

    def __init__(self, items: Sequence[Item], claims: Mapping[str, str], number: dict[str, int], groups: list[int]):
        self.number, self.groups, outlets = number, np.array(groups, dtype=np.int64), max(len(number), 1)
        self.outlets = outlets
        voter = {c: number[o] for c, o in claims.items() if o in number}
        sizes = np.fromiter((len(item.sides) for item in items), dtype=np.int64, count=len(items))
        self.starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64) if len(items) else sizes
        self.spans = list(zip(self.starts.tolist(), (self.starts + sizes).tolist()))
        self.side_item = np.repeat(np.arange(len(items)), sizes)
        self.unstated = (np.maximum(WRONG_FIGURES + 1, sizes) - sizes).astype(float)
        self.known: dict[int, frozenset[tuple[int, int]]] = {}  # side -> pairs of its voters that share an origin there
        sides = [claims_of_side for item in items for claims_of_side in item.sides]
        for n, item in enumerate(items):
            if item.shared:
                for k, claims_of_side in enumerate(item.sides, start=int(self.starts[n])):
                    if known := self._known(item, claims_of_side, voter):
                        self.known[k] = known
        side_of = np.repeat(np.arange(len(sides)), np.fromiter(map(len, sides), dtype=np.int64, count=len(sides)))
        outlet_of = np.fromiter((voter.get(c, -1) for c in itertools.chain.from_iterable(sides)), dtype=np.int64,
                                count=len(side_of))
        side_of, outlet_of, side = side_of[outlet_of >= 0], outlet_of[outlet_of >= 0], len(sides)
        slots = np.unique(side_of * outlets + outlet_of)
        self.slot_side, self.slot_outlet = slots // outlets, slots % outlets  # each side's voters, in outlet order
        lengths = np.bincount(self.slot_side, minlength=side)
        self.slot_start = np.concatenate(([0], np.cumsum(lengths))).tolist()
        self.slots = self.slot_outlet.tolist()
        self.sides = side
        slot_item = self.side_item[self.slot_side]
        # an item counts toward accuracy when two outlets or more state a figure in it: one voice alone says nothing
        present = np.unique(slot_item * outlets + self.slot_outlet)
        counted = np.bincount(present // outlets, minlength=len(items)) > 1
        mine = counted[slot_item]
        self.figure_side, self.figure_outlet = self.slot_side[mine], self.slot_outlet[mine]
        self.figures = np.bincount(self.figure_outlet, minlength=len(number))
        # every two voters of one side (u < v), and whether they share an origin there
        u_slot, v_slot = _pairs_within(np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lengths) else lengths, lengths)
        self.within_u_slot, self.within_v_slot = u_slot, v_slot
        self.within_u, self.within_v = self.slot_outlet[u_slot], self.slot_outlet[v_slot]
        within_side = self.slot_side[u_slot]
        key = self.within_u * outlets + self.within_v
        known = np.zeros(len(key), dtype=bool)
        if self.known:
            for n in np.flatnonzero(np.isin(within_side, list(self.known))).tolist():
                known[n] = (int(self.within_u[n]), int(self.within_v[n])) in self.known[int(within_side[n])]
        pairs = np.unique(key[~known])
        self.pairs = list(zip((pairs // outlets).tolist(), (pairs % outlets).tolist()))
        self.pair_a, self.pair_b = pairs // outlets, pairs % outlets
        self.within_pair = np.where(known, -1, np.searchsorted(pairs, key))
        self.share_pair, self.share_side = self.within_pair[~known], within_side[~known]
        # items both state a figure in, less those where they share a figure or an origin: where they differ
        item_start = np.searchsorted(present // outlets, np.arange(len(items)))
        item_size = np.bincount(present // outlets, minlength=len(items))
        a_slot, b_slot = _pairs_within(item_start[counted], item_size[counted])
        both = present[a_slot] % outlets * outlets + present[b_slot] % outlets
        both = both[np.isin(both, pairs)]
        stated = np.bincount(np.searchsorted(pairs, both), minlength=len(pairs))
        pos = np.searchsorted(pairs, key).clip(0, max(len(pairs) - 1, 0))
        valid = pairs[pos] == key if len(pairs) else np.zeros(len(key), dtype=bool)
        same = np.unique(self.side_item[within_side][valid] * len(pairs) + pos[valid])
        self.differ = (stated - np.bincount(same % max(len(pairs), 1), minlength=len(pairs))).astype(float)

    def best(self, chances: np.ndarray) -> tuple[list[int], list[float], list[int]]:
        """For each item: its most probable side (the first of equals), how much more probable it is than the
        next, and how many outlets vote in the item."""
        if not self.spans:
            return [], [], []
        top = np.maximum.reduceat(chances, self.starts)
        at = np.arange(len(chances))
        first = np.minimum.reduceat(np.where(chances == top[self.side_item], at, len(chances)), self.starts)
        rest = np.where(at == first[self.side_item], -1.0, chances)
        second = np.maximum.reduceat(rest, self.starts)
        voices = np.bincount(np.unique(self.side_item[self.slot_side] * self.outlets + self.slot_outlet) // self.outlets,
                             minlength=len(self.spans))
        return first.tolist(), (top - second).tolist(), voices.tolist()

    def independent(self, side: int) -> int:
        """How many of a side's voters share no origin there with one before them."""
        voters, known = self.voters(side), self.known.get(side, frozenset())
        return sum(1 for i, o in enumerate(voters) if not any((p, o) in known for p in voters[:i]))

    def voters(self, side: int) -> list[int]:
        """A side's voters: outlet numbers, in order."""
        return self.slots[self.slot_start[side]:self.slot_start[side + 1]]

    @staticmethod
    def _known(item: Item, side: tuple[str, ...], voter: dict[str, int]) -> frozenset[tuple[int, int]]:
        """The pairs of a side's voters that share an origin there."""
        origin = {c: g for g, group in enumerate(item.shared) for c in group}
        by_origin = defaultdict(set)
        for c in side:
            if c in origin and c in voter:
                by_origin[origin[c]].add(voter[c])
        return frozenset((a, b) for group in by_origin.values() for a in group for b in group if a < b)

    def probabilities(self, accuracy: np.ndarray, dependence: np.ndarray) -> np.ndarray:
        """Each side's probability of holding the true figure: exp(its vote count) over the item's n + 1
        possible figures, the figures nobody states counting exp(0) each. A voter counts ln(n A / (1 - A)),
        times (1 - c P(it copies)) for each voter of its side counted before it (the more accurate first;
        times 0 when they share an origin there)."""
        weight = np.maximum(np.log(WRONG_FIGURES * accuracy / (1 - accuracy)), 0.0)  # a figure stated is never less likely than one nobody states
        independent = np.zeros(len(self.slot_side))
        if len(self.within_u):
            u, v = self.within_u, self.within_v
            u_first = (accuracy[u] > accuracy[v]) | ((accuracy[u] == accuracy[v]) & (u < v))
            later = np.where(u_first, self.within_v_slot, self.within_u_slot)
            known = dependence[np.maximum(self.within_pair, 0)] if len(dependence) else np.zeros(len(self.within_pair))
            copied = np.where(self.within_pair >= 0, known, 1.0 / COPY_RATE)  # no pair to weigh: every pair shares an origin
            with np.errstate(divide="ignore"):
                independent = np.bincount(later, weights=np.log(np.maximum(1 - COPY_RATE * copied, 0.0)),
                                          minlength=len(self.slot_side))
        counts = np.bincount(self.slot_side, weights=weight[self.slot_outlet] * np.exp(independent),
                             minlength=self.sides)
        top = np.maximum(np.maximum.reduceat(counts, self.starts), 0.0)
        chances = np.exp(counts - top[self.side_item])
        total = np.add.reduceat(chances, self.starts) + self.unstated * np.exp(-top)
        return chances / total[self.side_item]

    def accuracy(self, probabilities: np.ndarray) -> np.ndarray:
        """Each outlet's share of figures on likely sides, pulled toward its perspective's share by SHRINK
        pseudo-figures (and each perspective toward all outlets'), so that a few figures say little."""
        right = np.bincount(self.figure_outlet, weights=probabilities[self.figure_side], minlength=len(self.figures))
        overall = right.sum() / self.figures.sum() if self.figures.sum() else START
        pooled_right = np.bincount(self.groups, weights=right)
        pooled = np.bincount(self.groups, weights=self.figures)
        prior = ((pooled_right + SHRINK * overall) / (pooled + SHRINK))[self.groups]
        return np.clip((right + SHRINK * prior) / (self.figures + SHRINK), 0.01, 0.99)

    def copying(self, probabilities: np.ndarray, accuracy: np.ndarray) -> np.ndarray:
        """For each pair of outlets that share a figure, the probability that they are not independent
        (one copies the other), from the figures they share and the items they differ on (Dong et al.):
        a shared figure is likelier for a copier, above all a wrong one; a differing one much less likely."""
        x, y = accuracy[self.pair_a][self.share_pair], accuracy[self.pair_b][self.share_pair]
        p = probabilities[self.share_side]
        alone = p * x * y + (1 - p) * (1 - x) * (1 - y) / WRONG_FIGURES
        a_copies = np.log(COPY_RATE * (p * y + (1 - p) * (1 - y)) / alone + 1 - COPY_RATE)
        b_copies = np.log(COPY_RATE * (p * x + (1 - p) * (1 - x)) / alone + 1 - COPY_RATE)
        differ = self.differ * math.log(1 - COPY_RATE)
        a_copies = np.bincount(self.share_pair, weights=a_copies, minlength=len(self.pairs)) + differ
        b_copies = np.bincount(self.share_pair, weights=b_copies, minlength=len(self.pairs)) + differ
        top = np.maximum(np.maximum(a_copies, b_copies), 0.0)
        independent = (1 - 2 * COPY_PRIOR) * np.exp(-top)
        return 1 - independent / (independent + COPY_PRIOR * (np.exp(a_copies - top) + np.exp(b_copies - top)))

    def copies(self, dependence: list[float], probabilities: list[float], names: list[str]) -> dict[int, list[str]]:
        """For each outlet, the outlets it likely copies or is copied by and shares unlikely figures with:
        figures on a side that is not its item's most probable."""
        best = np.maximum.reduceat(np.array(probabilities), self.starts)[self.side_item] if self.spans else np.zeros(0)
        unlikely = np.bincount(self.share_pair, weights=np.array(probabilities)[self.share_side] < best[self.share_side],
                               minlength=len(self.pairs))
        found = defaultdict(list)
        for n, (a, b) in enumerate(self.pairs):
            if dependence[n] >= NAMED and unlikely[n] >= SHARED:
                found[a].append(names[b])
                found[b].append(names[a])
        return found


def _range(accuracy: float, figures: int) -> Accuracy:
    if figures < FEW:
        return Accuracy(None, None, None, figures)
    n = figures + SHRINK
    centre = (accuracy + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(accuracy * (1 - accuracy) / n + Z * Z / (4 * n * n))
    return Accuracy(round(accuracy, 3), round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3), figures)


def _recorded(board: Board, first: int, last: int, figures) -> bool:
    """Whether an outlet voting in the group (its sides `first` to `last`) has a record: FEW figures or more."""
    return any(figures[o] >= FEW for k in range(first, last) for o in board.voters(k))


def _unfounded(board: Board, first: int, last: int, best: int, probabilities, figures) -> bool:
    """Whether the best side rests on nothing: no outlet voting in the group has a record (`_recorded`), and the
    best side has no more independent outlets (one per known origin) than the next best."""
    if _recorded(board, first, last, figures):
        return False
    runner = max((k for k in range(first, last) if k != best), key=lambda k: probabilities[k])
    return board.independent(best) <= board.independent(runner)


def _likely(item: Item, board: Board, first: int, best: int, probabilities, accuracy, copying, names, label, records,
            stated, figures) -> Likely:
    """The most probable side (`best`, counted from the item's first side) with the reasons; where no outlet voting
    has a record (`FEW` figures), saying that the chance rests on how many independent outlets back each side."""
    backers, repeated = _support(board, first + best, accuracy, copying, names, label, records)
    why = f"Backed by {_listed(backers)}" if backers else "Backed only by repeated support"
    if repeated:
        why += f"; counted little as repeated: {_listed(repeated)}"
    against = [part for k in range(first, first + len(item.sides))
               if k != first + best and board.slot_start[k + 1] - board.slot_start[k] > 1
               for part in _support(board, k, accuracy, copying, names, label, records)[1]]
    if against:
        why += f". Against it, counted little as repeated: {_listed(against)}"
    if not _recorded(board, first, first + len(item.sides), figures):
        why += f". No outlet here has a record yet ({FEW} figures): the chance rests on how many independent outlets back each side"
    if stated:
        where = [s for s, side in enumerate(item.sides) if any(c in stated for c in side)]
        if where:
            named = sorted({stated[c] for s in where for c in item.sides[s] if c in stated})
            verdict = ("states this side" if where == [best] else "states another side" if best not in where
                       else "states this side and another")
            why += f". The reference ({', '.join(named)}) {verdict}"
    return Likely(best, _rounded(probabilities[first + best]), why + ".")


def _rounded(probability: float) -> float:
    """A probability to three places that never rounds to a certainty it is not (0.9996 is 0.999, never 1.0), so
    that every output can say "over 99%" (`views.chance`)."""
    if 0.0 < probability < 1.0:
        return min(max(round(probability, 3), 0.001), 0.999)
    return probability


def _support(board: Board, side: int, accuracy, copying, names, label, records) -> tuple[list[str], list[str]]:
    """A side's voters as the vote counts them, the more accurate first: those who count (with their records)
    and those who count less than half, as repeating an outlet counted before them (and which)."""
    voters = board.voters(side)
    if len(voters) == 1:
        return [records[voters[0]]], []
    known = board.known.get(side, frozenset())
    backers, repeated, before = [], [], []
    for o in sorted(voters, key=lambda o: (-accuracy[o], o)):
        counted, strongest, reason = 1.0, 1.0, ""
        for p in before:
            pair = (p, o) if p < o else (o, p)
            factor = 0.0 if pair in known else 1 - COPY_RATE * copying.get(pair, 0.0)
            counted *= factor
            if factor < strongest:
                strongest, reason = factor, f"{'same origin as' if pair in known else 'likely repeats'} {label[names[p]]}"
        if counted < 0.5:
            repeated.append(f"{label[names[o]]} ({reason})")
        else:
            backers.append(records[o])
        before.append(o)
    return backers, repeated


def _record(accuracy: float, figures: int) -> str:
    if figures < FEW:
        return f"{figures} figure{'s' if figures != 1 else ''}, too few to say"
    return f"about {accuracy:.0%} right over {figures} figures"


def _listed(parts: Iterable[str], most: int = 3) -> str:
    parts = list(parts)
    if len(parts) > most:
        parts = parts[:most] + [f"{len(parts) - most} more"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
