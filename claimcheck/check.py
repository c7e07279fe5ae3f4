"""Where sources disagree. Pure: the corpus and its read figures in, findings out.

Claims are comparable when they share subject (after aliases), property,
period, kind, scope and dimension. Comparable claims agree when their
intervals share more than an end point: a figure's interval is half-open, so
"1,028" and "1,029" are two values (design 2b). The sides of a group are found
by stabbing: sort by upper end, open a side just below the first upper end not
yet covered, and put every claim that contains that point into it. That is
O(n log n), and every claim of a side contains the side's point, so a side's
claims all agree with each other. A claim that overlaps several sides then
joins the one whose stated values are nearest its own; a side's headline is
what its claims state, never a median nobody wrote.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import origins, rates
from .models import (
    Agreement,
    ClaimInterval,
    Conflict,
    Conversion,
    Corpus,
    Figure,
    Member,
    NotComparable,
    Problem,
    Side,
    StaleReview,
    TargetResult,
    date_bounds,
    period_bounds,
)

INF = math.inf


@dataclass
class Findings:
    conflicts: list[Conflict] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    targets: list[TargetResult] = field(default_factory=list)
    not_comparable: list[NotComparable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claims: dict[str, Member] = field(default_factory=dict)  # the claims the findings name, by id

    def open_conflicts(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.status == "open"]

    def failing_conflicts(self) -> list[Conflict]:
        """The open conflicts that fail `check`: all but the minor ones."""
        return [c for c in self.open_conflicts() if not c.minor]


@dataclass
class GroupFindings:
    """What one comparable group found. Kept between runs, so that after an edit only the groups the
    edited claims fall in are checked again."""

    id: str
    conflict: Conflict | None = None
    agreement: Agreement | None = None
    not_comparable: list[NotComparable] = field(default_factory=list)
    targets: list[TargetResult] = field(default_factory=list)  # for a target group: its verdicts against the actuals
    claims: dict[str, Member] = field(default_factory=dict)  # the claims the findings name, by id


@dataclass(frozen=True, slots=True)
class Entry:
    """A claim ready to compare: its interval in the group's unit, converted if need be."""

    claim: Member
    figure: Figure
    low: float
    high: float
    value: float
    unit: str
    conversion: Conversion | None = None
    stated: tuple[float, float] = (0.0, 0.0)
    """What the claim states, in the group's unit: its figure, or the two ends of its range."""


GroupKey = tuple  # (subject after aliases, property, period, kind, scope)
def group_key(member: Member, aliases: dict[str, str]) -> GroupKey:
    return aliases.get(member.subject, member.subject), member.property, member.period, member.kind, member.scope


def twins(key: GroupKey) -> tuple[GroupKey, GroupKey]:
    """The actual and the target group of the same figure: a target is checked against the actuals."""
    subject, prop, period, _, scope = key
    return (subject, prop, period, "actual", scope), (subject, prop, period, "target", scope)


def group_id(subject: str, prop: str, period: str | None, kind: str, scope: str | None) -> str:
    """The stable id of a comparable group: subject/property[/period][/kind][/scope]."""
    return "/".join(filter(None, (subject, prop, period and period.replace("/", "--"), kind != "actual" and kind, scope)))


def check(corpus: Corpus, figures: dict[str, Figure]) -> Findings:
    """Conflicts, agreements, targets met or missed, and what could not be compared.
    `figures` are the claims' read figures, by the figure's text (claims unread are left out)."""
    groups = index([Member.of(claim) for claim in corpus.claims], figures, corpus.alias_map())
    return assemble(corpus, check_groups(corpus, groups, figures, groups))


def index(members: list[Member], figures: dict[str, object], aliases: dict[str, str],
          keys: set[GroupKey] | None = None) -> dict[GroupKey, list[Member]]:
    """The claims whose figure was read (`figures` by text), by comparable group; only the groups in
    `keys` when given."""
    groups: dict[GroupKey, list[Member]] = defaultdict(list)
    if keys is not None:  # a claim's subject as written tells most claims apart at once
        wanted = {key[0] for key in keys}
        wanted |= {alias for alias, subject in aliases.items() if subject in wanted}
    for member in members:
        if keys is not None and member.subject not in wanted:
            continue
        if isinstance(figures.get(member.figure), Figure):
            key = group_key(member, aliases)
            if keys is None or key in keys:
                groups[key].append(member)
    return groups


def check_groups(corpus: Corpus, groups: dict[GroupKey, list[Member]], figures: dict[str, Figure],
                 keys: Iterable[GroupKey]) -> dict[GroupKey, GroupFindings]:
    """The groups in `keys` checked; those with nothing to say are left out. A target group's
    verdicts need its actual twin in `groups`."""
    results = {}
    for key in keys:
        members = groups.get(key, [])
        found = _check_group(corpus, key, members, figures)
        if key[3] == "target":
            actuals = groups.get(twins(key)[0], [])
            found.targets = _targets(corpus, key, members, actuals, figures)
            members = members + actuals
        if found.conflict or found.agreement or found.not_comparable or found.targets:
            named = {c for side in found.conflict.sides for c in side.claims} if found.conflict else set()
            named |= {c for item in found.not_comparable for c in item.claims}
            named |= {c for result in found.targets for c in (result.target, result.actual)}
            found.claims = {member.id: member for member in members if member.id in named}
            results[key] = found
    return results


def assemble(corpus: Corpus, results: dict[GroupKey, GroupFindings]) -> Findings:
    """Every group's findings in one list each, in group id order, with the reviews applied."""
    findings = Findings()
    for found in sorted(results.values(), key=lambda found: found.id):
        if found.conflict:
            findings.conflicts.append(found.conflict)
        if found.agreement:
            findings.agreements.append(found.agreement)
        findings.not_comparable += found.not_comparable
        findings.targets += found.targets
        findings.claims.update(found.claims)
    findings.conflicts, findings.problems = review(corpus, sorted(findings.conflicts, key=lambda c: c.id))
    findings.problems += unknown_reviews(corpus, {c.id for c in findings.conflicts})
    return findings


def _check_group(corpus: Corpus, key: GroupKey, members: list[Member], figures: dict[str, Figure]) -> GroupFindings:
    ident = group_id(*key)
    found = GroupFindings(ident)
    if len(members) < 2:
        return found  # nothing to compare with
    entries = _comparable(corpus, ident, members, figures, found.not_comparable)
    if len(entries) < 2:
        return found
    sides = _sides(corpus, entries)
    if len(sides) == 1:
        side = sides[0]
        found.agreement = Agreement(id=ident, claims=side.claims, low=side.low, high=side.high, unit=side.unit)
    else:
        found.conflict = _conflict(corpus, key, ident, sides, entries)
    return found


# --- making claims comparable ---------------------------------------------------


def _comparable(corpus: Corpus, ident: str, claims: list[Member], figures: dict[str, Figure],
                not_comparable: list[NotComparable]) -> list[Entry]:
    read = [figures[c.figure] for c in claims]
    dimensions = {figure.dimension for figure in read}
    if len(dimensions) == 1:
        dimension = dimensions.pop()
    else:
        claims, read = _keep_most(ident, claims, read, lambda figure: figure.dimension, not_comparable, _other_dimension)
        dimension = read[0].dimension
    if dimension == "count":
        from .figures import head_noun  # the figure reader, loaded only where a count's nouns are compared

        claims, read = _keep_most(ident, claims, read, lambda figure: head_noun(figure.noun) or None, not_comparable,
                                  _other_noun)
    if dimension == "rate":
        from .figures import compared_unit  # "INR/jet" and "INR/plane" are prices per one aircraft

        unit_of = lambda figure: compared_unit(figure.unit)  # noqa: E731
    else:
        unit_of = lambda figure: figure.unit  # noqa: E731
    units = {unit_of(figure) for figure in read}
    if len(units) > 1 and dimension != "money":
        claims, read = _keep_most(ident, claims, read, unit_of, not_comparable, _other_unit)
    if dimension != "money" or len(units) == 1:
        return [_entry(c, figure) for c, figure in zip(claims, read)]
    units = Counter(figure.unit for figure in read)
    target = max(sorted(units), key=lambda u: (units[u], u == "USD"))
    entries = []
    for claim, figure in zip(claims, read):
        if figure.unit == target:
            entries.append(_entry(claim, figure))
            continue
        converted = _convert(claim, figure, target, corpus.settings.conversion_tolerance)
        if isinstance(converted, str):
            not_comparable.append(NotComparable(group=ident, claims=[claim.id], reason=converted))
        else:
            entries.append(converted)
    return entries


def _keep_most(ident: str, claims: list[Member], read: list[Figure], kind, not_comparable: list[NotComparable],
               reason) -> tuple[list[Member], list[Figure]]:
    """The claims of the most common `kind(figure)`; the others each reported as not comparable, with
    `reason(theirs, kept)`. A kind of None (a count with no noun) goes with any."""
    kinds = Counter(k for k in map(kind, read) if k is not None)
    if len(kinds) <= 1:
        return claims, read
    kept = max(sorted(kinds), key=lambda k: kinds[k])
    for other in sorted(kinds):
        if other != kept:
            odd = [c.id for c, figure in zip(claims, read) if kind(figure) == other]
            not_comparable.append(NotComparable(group=ident, claims=odd, reason=reason(other, kept)))
    pairs = [(c, figure) for c, figure in zip(claims, read) if kind(figure) in (kept, None)]
    return [c for c, _ in pairs], [figure for _, figure in pairs]


def _other_dimension(other: str, kept: str) -> str:
    if "rate" in (other, kept):
        return (f"a {other} figure among {kept} figures: a rate (so much a year, per barrel) never agrees with an "
                "amount; check the property or the figure")
    return f"a {other} figure among {kept} figures; check the property or the figure"


def _other_noun(other: str, kept: str) -> str:
    return f"a count of {other!r} among counts of {kept!r}: counts compare only when they count the same thing"


def _other_unit(other: str, kept: str) -> str:
    if other.split("/")[0] != kept.split("/")[0] and other.split("/")[1:] == kept.split("/")[1:]:
        return (f"a rate in {other} among rates in {kept}: claimcheck does not convert the currencies of rates yet; "
                "compare them by hand")
    return f"a figure in {other} among figures in {kept}: these units cannot be converted into each other"


def _entry(claim: Member, figure: Figure) -> Entry:
    low = -INF if figure.low is None else figure.low
    high = INF if figure.high is None else figure.high
    return Entry(claim, figure, low, high, figure.value, figure.unit, stated=_stated(figure, 1.0))


def _stated(figure: Figure, k: float) -> tuple[float, float]:
    """The values a figure states, times `k`: a range's ends, a vague magnitude's bounds, else its value."""
    if figure.range_low is not None and figure.range_high is not None:
        return figure.range_low * k, figure.range_high * k
    if figure.qualifier == "vague" and figure.low is not None and figure.high is not None:
        return figure.low * k, figure.high * k
    return figure.value * k, figure.value * k


def figure_date(claim: Member) -> dt.date | None:
    """The date a figure holds at: `as_of`, else the end of its period, else `published`."""
    if claim.as_of:
        return date_bounds(claim.as_of)[1]
    if claim.period:
        return period_bounds(claim.period)[1]
    if claim.published:
        return date_bounds(claim.published)[1]
    return None


def _convert(claim: Member, figure: Figure, target: str, tolerance: float) -> Entry | str:
    on = figure_date(claim)
    if on is None:
        return f"{figure.text!r} is in {figure.unit}, the others in {target}, and the claim has no date (as_of, period or published) to pick an exchange rate"
    found = rates.rate(figure.unit, target, on)
    if isinstance(found, str):
        return f"{figure.text!r} cannot be converted to {target}: {found}"
    k = found.per_unit
    low = -INF if figure.low is None else _widen(figure.low * k, tolerance, down=True)
    high = INF if figure.high is None else _widen(figure.high * k, tolerance, down=False)
    conversion = Conversion(claim=claim.id, source=figure.unit, target=target, rate=round(k, 6),
                            rate_date=found.date.isoformat(), figure_date=on.isoformat())
    return Entry(claim, figure, low, high, figure.value * k, target, conversion, stated=_stated(figure, k))


def _widen(x: float, tolerance: float, down: bool) -> float:
    """Move x away from the interval's centre by the conversion tolerance."""
    return x * (1 - tolerance if (x >= 0) == down else 1 + tolerance)


# --- sides -----------------------------------------------------------------------


def agree(a: Entry, b: Entry) -> bool:
    """Whether two claims' intervals share more than an end point (a figure's interval is half-open); a
    point interval (an exact figure with no written precision) agrees with what contains it."""
    return max(a.low, b.low) < min(a.high, b.high) or (
        max(a.low, b.low) == min(a.high, b.high) and (a.low == a.high or b.low == b.high))


def _contains(entry: Entry, stab: float, point: bool) -> bool:
    """Whether `entry` holds the stab point: just below `stab`, or `stab` itself when the opening claim is a point."""
    return entry.low <= stab if point else entry.low < stab


def _sides(corpus: Corpus, entries: list[Entry]) -> list[Side]:
    groups: list[list[Entry]] = []
    stabs: list[tuple[float, bool]] = []
    for entry in sorted(entries, key=lambda e: (e.high, e.low, e.claim.id)):
        if not stabs or not _contains(entry, *stabs[-1]):
            stabs.append((entry.high, entry.low == entry.high))
            groups.append([])
        groups[-1].append(entry)
    groups = _nearest(groups)
    return sorted((_side(corpus, group) for group in groups if group), key=lambda s: s.value)


def _nearest(groups: list[list[Entry]]) -> list[list[Entry]]:
    """Each claim that agrees with every claim of several sides joins the side whose stated values are nearest
    its own ("about $89 billion" with "$88.8 billion" and "$89 billion", not with "$95 billion")."""
    if len(groups) < 2:
        return groups
    commons = [(max(e.low for e in group), min(e.high for e in group)) for group in groups]
    highs = [high for _, high in commons]  # rising: each side opens above the last one's point
    points = [math.fsum(e.stated[0] + e.stated[1] for e in group) / (2 * len(group)) for group in groups]
    moved = [list(group) for group in groups]
    for at, group in enumerate(groups):
        for entry in group:
            if len(group) == 1 or entry.low == -INF and entry.high == INF:
                continue
            own = (entry.stated[0] + entry.stated[1]) / 2
            candidates = []
            k = bisect.bisect_right(highs, entry.low)
            while k < len(commons) and (k == 0 or highs[k - 1] < entry.high):  # a later side opens above highs[k - 1]
                low, high = commons[k]
                if k != at and max(low, entry.low) < min(high, entry.high):  # inside what all of side k allow
                    candidates.append(k)
                k += 1
            best = min(candidates, key=lambda k: (abs(points[k] - own), k), default=None)
            if best is None:
                continue
            # the mean of the side's other claims, summed only for a claim another side could take
            mine = sum(e.stated[0] + e.stated[1] for e in group if e is not entry) / (2 * (len(group) - 1))
            if abs(points[best] - own) < abs(mine - own):
                moved[at].remove(entry)
                moved[best].append(entry)
    return moved


def _finite(x: float) -> float | None:
    return None if math.isinf(x) else _tidy(x)


def _tidy(x: float) -> float:
    return float(f"{x:.12g}")


def _side(corpus: Corpus, entries: list[Entry]) -> Side:
    claims = [e.claim for e in entries]
    outlets = sorted({c.source for c in claims})
    sources = [corpus.sources[o] for o in outlets if o in corpus.sources]
    stated_low = min(e.stated[0] for e in entries)
    stated_high = max(e.stated[1] for e in entries)
    return Side(
        claims=[c.id for c in claims],
        low=_finite(max(e.low for e in entries)),
        high=_finite(min(e.high for e in entries)),
        unit=entries[0].unit,
        value=_tidy((stated_low + stated_high) / 2),
        stated_low=_tidy(stated_low),
        stated_high=_tidy(stated_high),
        outlets=outlets,
        origins=origins.count(claims),
        perspectives=sorted({s.perspective for s in sources}),
        speakers=sorted({c.speaker for c in claims if c.speaker}),
    )


def _conflict(corpus: Corpus, key: tuple, ident: str, sides: list[Side], entries: list[Entry]) -> Conflict:
    subject, prop, period, kind, scope = key
    gaps = [(b.stated_low - a.stated_high) / abs(a.stated_high) for a, b in zip(sides, sides[1:]) if a.stated_high != 0]
    perspective_sets = [set(side.perspectives) for side in sides]
    split = all(not (a & b) for i, a in enumerate(perspective_sets) for b in perspective_sets[i + 1:])
    references = sorted({
        outlet for side in sides for outlet in side.outlets
        if outlet in corpus.sources and corpus.sources[outlet].reference
    })
    return Conflict(
        id=ident, subject=subject, property=prop, period=period, kind=kind, scope=scope,
        spread=round(max(gaps), 2) if gaps else None, perspective_split=split,
        reference=bool(references), reference_outlets=references, sides=sides,
        conversions=[e.conversion for e in entries if e.conversion is not None],
        intervals=[ClaimInterval(claim=e.claim.id, low=_finite(e.low), high=_finite(e.high), value=_tidy(e.value),
                                 qualifier=e.figure.qualifier) for e in sorted(entries, key=lambda e: (e.value, e.claim.id))],
    )


# --- targets and reviews ----------------------------------------------------------


def _targets(corpus: Corpus, key: GroupKey, targets: list[Member], actuals: list[Member],
             figures: dict[str, Figure]) -> list[TargetResult]:
    if not targets or not actuals:
        return []
    ident = group_id(*twins(key)[0])
    quiet: list[NotComparable] = []  # claims not comparable here are reported by their own groups already
    entries = _comparable(corpus, ident, targets + actuals, figures, quiet)
    results = []
    for target in (e for e in entries if e.claim.kind == "target"):
        for actual in (e for e in entries if e.claim.kind == "actual"):
            met = actual.low <= target.high if target.low == -INF else actual.high >= target.low
            results.append(TargetResult(
                id=ident, verdict="met" if met else "missed", target=target.claim.id, actual=actual.claim.id,
                unit=target.unit, target_low=_finite(target.low), target_high=_finite(target.high),
                actual_low=_finite(actual.low), actual_high=_finite(actual.high),
                conversions=[e.conversion for e in (target, actual) if e.conversion is not None],
            ))
    return results


def review(corpus: Corpus, conflicts: list[Conflict]) -> tuple[list[Conflict], list[Problem]]:
    """Each conflict with its review applied: the review's status, or open again with what changed
    when claims joined or left it since the review; conflicts under `min_spread` marked minor. The
    groups' own findings stay as the check made them, to be kept for the next run."""
    reviews: dict[str, object] = {}
    for entry in corpus.reviews:
        reviews.setdefault(entry.conflict, entry)  # a second review of one conflict is a problem of `unknown_reviews`
    minimum = corpus.settings.min_spread
    result, problems = [], []
    for conflict in conflicts:
        if minimum and conflict.spread is not None and conflict.spread < minimum:
            conflict = conflict.model_copy(update={"minor": True})
        entry = reviews.get(conflict.id)
        if entry is None:
            result.append(conflict)
            continue
        held = {c for side in conflict.sides for c in side.claims}
        pinned = set(entry.claims) if entry.claims is not None else held
        if pinned != held:  # claims joined or left since the review: open again, saying which
            stale = StaleReview(status=entry.status, reviewed=entry.reviewed and str(entry.reviewed),
                                joined=sorted(held - pinned), left=sorted(pinned - held))
            result.append(conflict.model_copy(update={"review_note": entry.note, "reviewed": entry.reviewed, "stale_review": stale}))
            continue
        stray = [c for c in entry.preferred if c not in held]
        if stray:
            problems.append(Problem(entry.field_at("preferred"), (
                f"review of {entry.conflict!r}: preferred claim{'s' if len(stray) > 1 else ''} {', '.join(stray)} "
                "not in this conflict; list claims from its sides")))
        result.append(conflict.model_copy(update={"status": entry.status, "review_note": entry.note, "reviewed": entry.reviewed}))
    return result, problems


def unknown_reviews(corpus: Corpus, conflict_ids: set[str]) -> list[Problem]:
    """Reviews of a conflict reviewed before, and of conflicts that do not exist now."""
    problems = []
    first: dict[str, object] = {}
    for entry in corpus.reviews:
        if entry.conflict in first:
            problems.append(Problem(entry.field_at("conflict"), (
                f"review of {entry.conflict!r}: this conflict is already reviewed at {first[entry.conflict]}; keep one review")))
            continue
        first[entry.conflict] = entry.at
        if entry.conflict not in conflict_ids:
            problems.append(Problem(entry.field_at("conflict"), (
                f"review of {entry.conflict!r}: there is no such conflict now (its claims agree, or its id changed); "
                "remove the review or give the id that 'claimcheck conflicts --all' shows")))
    return problems
