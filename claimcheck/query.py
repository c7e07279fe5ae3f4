"""The read model: what each command and page shows, read from the index with SQL. Filters, sorting
and paging happen in the database; nothing here loads the corpus into Python. Rows come back as
plain tuples and dicts, for `views` to word.

Every listing reads through a `Reader` on an index that `pipeline.run` has brought up to date. The
one thing kept on demand rather than by the pipeline is the corpus-wide origins (which claims repeat
an earlier claim's origin): `outlets` and `origins` compute them the first time they are asked for
after the claims change, and keep them in the index for the next time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from . import origins as origin_rules
from .index import ANCHORING, MAPPED, SEPARATOR, UNIT, Index, Said, conflict_of, read_json, sql_list

from .models import Claim, Location, Problem, date_bounds, period_bounds
from .safetext import fold

if TYPE_CHECKING:
    from . import truth

CLAIM_FIELDS = tuple(Claim.model_fields)
"""A claim's fields in the order of the file format; `ClaimRow` starts with them."""
SORTS = {
    "id": "c.id, c.grp",
    "spread": "c.spread IS NULL, c.spread DESC, c.id, c.grp",
    "outlets": "c.outlets DESC, c.id, c.grp",
    "recent": "c.latest IS NULL, c.latest DESC, c.id, c.grp",
    "reference": "c.reference DESC, c.spread IS NULL, c.spread DESC, c.id, c.grp",
}
"""How `--sort` orders conflicts (docs/decisions.md): by id, or the largest first."""
STATUSES = ("open", "all", "explained", "resolved", "disputed")


class ClaimRow(NamedTuple):
    """One claim as the index holds it: its fields, where it is written, its figure as read (or why not)."""

    id: str
    source: str
    via: str | None
    url: str | None
    published: str | None
    speaker: str | None
    subject: str
    property: str
    period: str | None
    figure: str
    kind: str
    scope: str | None
    as_of: str | None
    quote: str | None
    archive: str | None
    note: str | None
    path: str
    line: int | None
    figure_line: int | None
    seq: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    dimension: str | None
    qualifier: str | None
    noun: str | None
    written_unit: str | None
    written_factor: float | None
    range_low: float | None
    range_high: float | None
    unreadable: str | None
    topic: str

    @property
    def at(self) -> Location:
        return Location(self.path, self.line)

    def fields(self) -> dict[str, object]:
        """The fields its file stores, in the order of the format, absent ones left out."""
        return {name: value for name, value in zip(CLAIM_FIELDS, self) if value is not None}

    def field_at(self, field: str) -> Location:
        """Where one field is written (the figure's own line is kept), for problems about it."""
        return Location(self.path, self.figure_line or self.line) if field == "figure" else self.at

    def claim(self):
        """The claim as a model (`models.Claim`), where it is written, for the code that edits and drafts."""
        claim = Claim.model_construct(**dict(zip(CLAIM_FIELDS, self)))
        claim._at, claim._lines = self.at, (self.figure_line,)
        return claim

    def reading(self) -> dict:
        """How its figure reads, as `parse --format json` gives it; an unreadable one has an "error"."""
        if self.unreadable is not None:
            return {"text": self.figure, "error": self.unreadable}
        return {"text": self.figure, "value": self.value, "low": self.low, "high": self.high, "unit": self.unit,
                "dimension": self.dimension, "qualifier": self.qualifier, "noun": self.noun,
                "written_unit": self.written_unit or "", "written_factor": self.written_factor,
                "range_low": self.range_low, "range_high": self.range_high}


CLAIM_COLUMNS = ", ".join(f"c.{name}" for name in ClaimRow._fields)


class OutletRow(NamedTuple):
    id: str
    name: str
    perspective: str
    kind: str | None
    country: str | None
    url: str | None
    reference: bool
    note: str | None
    path: str
    line: int | None


class ConflictRecord(NamedTuple):
    """A conflict as the check made it, its review applied, and what its claims said."""

    conflict: dict
    claims: dict[str, Said]


class Conflicts(Sequence):
    """Conflicts as the rows they are read from, each made a record when it is taken; a slice is again
    `Conflicts`. The rows of 16,716 conflicts are read in 0.05 s, their records made in 0.18 s."""

    def __init__(self, rows: list[tuple]):
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, at):
        return Conflicts(self.rows[at]) if isinstance(at, slice) else _record(self.rows[at])

    def __iter__(self) -> Iterator[ConflictRecord]:
        return map(_record, self.rows)


def _record(row: tuple) -> ConflictRecord:
    """A conflict's record from its row of the index (`Index.conflict_rows`)."""
    _, conflict, claims = conflict_of(row)
    return ConflictRecord(conflict, claims)


class Reader:
    """What every command and page reads, on one index brought up to date by `pipeline.run`."""

    def __init__(self, index: Index, in_run: bool = False):
        """`in_run`: inside a run's own transaction (`pipeline.run(then=...)`), which keeps what the reads make."""
        self.index, self.db = index, index.db
        self.db.execute(f"PRAGMA mmap_size={MAPPED}")  # pages read in place, not copied: a listing reads most conflicts
        self._in_run = in_run
        if not self.db.in_transaction:
            self.db.execute("BEGIN")  # every read sees one committed state, whatever runs meanwhile
        self._generation = index.generation()  # the state read: what is made of it is kept only onto it

    # --- the context ----------------------------------------------------------------------------

    @functools.cached_property
    def outlets(self) -> dict[str, OutletRow]:
        """Every outlet, by id, in id order."""
        return {row[0]: OutletRow(*row[:6], bool(row[6]), *row[7:]) for row in self.db.execute(
            "SELECT id, name, perspective, kind, country, url, reference, note, path, line FROM sources ORDER BY id")}

    @functools.cached_property
    def _context(self) -> dict:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'context'").fetchone()
        return json.loads(row[0]) if row else {"settings": {}, "sources": [], "subjects": [], "reviews": []}

    def context(self):
        """Outlets, subjects, reviews and settings as models (for writes and the strict rules)."""
        from .index import context_from_json

        return context_from_json(json.dumps(self._context))

    @functools.cached_property
    def subject_names(self) -> dict[str, str]:
        return {fields["id"]: fields["name"] for *_, fields in self._context["subjects"] if fields.get("name")}

    @functools.cached_property
    def aliases(self) -> dict[str, str]:
        """Each alias and the subject it names (the first one, where a slug is named twice)."""
        return {alias: fields["id"] for *_, fields in reversed(self._context["subjects"]) for alias in fields.get("aliases", [])}

    def canonical(self, subject: str) -> str:
        return self.aliases.get(subject, subject)

    @functools.cached_property
    def perspectives(self) -> list[str]:
        return sorted({outlet.perspective for outlet in self.outlets.values()})

    def subjects(self, named: bool = True) -> set[str]:
        """Every subject a claim names and every alias; with `named`, the subjects `subjects.yaml` names too."""
        return ({row[0] for row in self.db.execute("SELECT DISTINCT subject FROM claims")} | set(self.aliases)
                | ({fields["id"] for *_, fields in self._context["subjects"]} if named else set()))

    # --- problems and counts ---------------------------------------------------------------------

    def problems(self, reviews: bool = True) -> list[Problem]:
        """Every problem (without `reviews`, those the reviews raise left out), by file and line."""
        return self.index.problems(reviews)

    def corpus(self):
        """The whole project as models (`models.Corpus`, every claim in it), for library users and the
        code that needs every claim at once (drafting suggests from them); the commands read rows."""
        return self.context().model_copy(update={"claims": [row.claim() for row in self.all_claims()]})

    def problem_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM problems").fetchone()[0]

    def strict_problems(self) -> list[Problem]:
        """Every problem, and what `validate --strict` asks beyond them (`validate.STRICT`, run on every claim)."""
        from . import validate

        corpus = self.context().model_copy(update={"claims": list(self.all_claims())})
        return sorted(self.problems() + validate.validate(corpus, validate.STRICT), key=Problem.order)

    def claims_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM claims").fetchone()[0]

    def tally(self) -> dict[str, int]:
        """How many conflicts (open, minor among the open), agreeing groups, target checks, groups not compared."""
        conflicts, open_, minor = self.db.execute(
            "SELECT count(*), total(status = 'open'), total(status = 'open' AND minor) FROM conflicts").fetchone()
        agreements, targets, not_comparable = self.db.execute(
            "SELECT total(agreements), total(targets), total(not_comparable) FROM groups").fetchone()
        return {"conflicts": conflicts, "open": int(open_), "minor": int(minor), "agreements": int(agreements),
                "targets": int(targets), "not_comparable": int(not_comparable)}

    # --- claims ---------------------------------------------------------------------------------

    def claims(self, limit: int | None = None, offset: int = 0, **filters) -> list[ClaimRow]:
        """The claims the filters keep (see `_claim_filters`), in project order; a page of them with `limit`."""
        where, values = self._claim_filters(**filters)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        return [ClaimRow._make(row) for row in self.db.execute(
            f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE {where} ORDER BY c.path, c.seq{page}", values)]

    def count_claims(self, **filters) -> int:
        where, values = self._claim_filters(**filters)
        return self.db.execute(f"SELECT count(*) FROM claims c WHERE {where}", values).fetchone()[0]

    def _claim_filters(self, outlet=None, perspective=None, subject=None, property=None, speaker=None, period=None,
                       kind=None, since=None, until=None, text=None) -> tuple[str, list]:
        """SQL for the filters of `claims` and `search`: the outlet made or carried it, its outlet's
        perspective (any case), its subject after aliases, its property, part of its speaker's name
        (any case), its period overlapping `period`, its kind, published in [since, until], and `text`
        in its quote, figure, speaker, note, subject or property (case and accents folded). A period
        that is not one raises ValueError."""
        clauses, values = ["1"], []
        if outlet is not None:
            clauses.append("(c.source = ? OR c.via = ?)")
            values += [outlet, outlet]
        if perspective is not None:
            clauses.append("c.source IN (SELECT id FROM sources WHERE lower_text(perspective) = ?)")
            values.append(perspective.lower())
        if subject is not None:
            topic = self.canonical(subject)
            # A claim's group key (pipeline._key, JSON) starts with its topic: a range of the indexed key finds them.
            first = json.dumps([topic])[:-1] + ", "
            clauses.append("((c.grp >= ? AND c.grp < ?) OR c.grp IS NULL) AND c.topic = ?")
            values += [first, first + "\U0010ffff", topic]
        if property is not None:
            clauses.append("c.property = ?")
            values.append(property)
        if speaker is not None:
            clauses.append("instr(lower_text(ifnull(c.speaker, '')), ?) > 0")
            values.append(speaker.lower())
        if period is not None:
            first, last = period_bounds(period)
            clauses.append("c.period_to >= ? AND c.period_from <= ?")
            values += [first.isoformat(), last.isoformat()]
        if kind is not None:
            clauses.append("c.kind = ?")
            values.append(kind)
        clauses += _window("c", since, until, values)
        if text is not None:  # each claim's searched fields are kept folded (`index.searched`): one scan of their index
            wanted = fold(text)
            if SEPARATOR in wanted:
                clauses.append("0")  # the fields' separator in `searched`: no field holds it
            else:
                clauses.append("instr(c.searched, ?) > 0")
                values.append(wanted)
        return " AND ".join(clauses), values

    def claim(self, claim_id: str) -> ClaimRow | None:
        """A claim by id (the first in project order, where an id is used twice)."""
        row = self.db.execute(f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.id = ? ORDER BY c.path, c.seq LIMIT 1",
                              (claim_id,)).fetchone()
        return ClaimRow._make(row) if row else None

    def claims_by_id(self, ids: Iterable[str]) -> dict[str, ClaimRow]:
        """These claims by id (the first in project order, where an id is used twice)."""
        clause, values = sql_list(set(ids))
        found: dict[str, ClaimRow] = {}
        for row in self.db.execute(f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.id IN {clause} ORDER BY c.path, c.seq", values):
            found.setdefault(row[0], ClaimRow._make(row))
        return found

    def claim_ids(self, **filters) -> list[str]:
        """The ids of the claims the filters keep (see `_claim_filters`), in project order."""
        where, values = self._claim_filters(**filters)
        return [row[0] for row in self.db.execute(f"SELECT c.id FROM claims c WHERE {where} ORDER BY c.path, c.seq", values)]

    def each_claim(self, ids: Iterable[str]) -> Iterator[ClaimRow]:
        """These claims in project order, one at a time as they are read (the first, where an id is used twice)."""
        clause, values = sql_list(set(ids))
        seen: set[str] = set()
        for row in self.db.execute(f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.id IN {clause} ORDER BY c.path, c.seq", values):
            if row[0] not in seen:
                seen.add(row[0])
                yield ClaimRow._make(row)

    def conflicts_of(self, claim_id: str) -> list[str]:
        """The ids of the conflicts a claim stands in."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT conflict FROM sides WHERE claim = ? ORDER BY conflict", (claim_id,))]

    def same_claim(self, fields: dict[str, object]) -> ClaimRow | None:
        """A recorded claim whose every field but the id is `fields`' (absent fields absent)."""
        names = [name for name in CLAIM_FIELDS if name != "id"]
        row = self.db.execute(f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE "
                              + " AND ".join(f"c.{name} IS ?" for name in names) + " ORDER BY c.path, c.seq LIMIT 1",
                              [fields.get(name) for name in names]).fetchone()
        return ClaimRow._make(row) if row else None

    def ids_like(self, prefix: str) -> set[str]:
        """The claim ids that start with `prefix`."""
        return {row[0] for row in self.db.execute("SELECT id FROM claims WHERE substr(id, 1, ?) = ?", (len(prefix), prefix))}

    def unreadable(self, since=None, until=None) -> list[ClaimRow]:
        """The claims whose figure cannot be read (published in the window, when given)."""
        values: list = []
        where = " AND ".join(["c.unreadable IS NOT NULL", *_window("c", since, until, values)])
        return [ClaimRow._make(row) for row in self.db.execute(
            f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE {where} ORDER BY c.path, c.seq", values)]

    def all_claims(self) -> Iterable[ClaimRow]:
        """Every claim in project order, one at a time (for export)."""
        for row in self.db.execute(f"SELECT {CLAIM_COLUMNS} FROM claims c ORDER BY c.path, c.seq"):
            yield ClaimRow._make(row)

    def claim_files(self) -> list[str]:
        """The files that hold claims, in project order (where a new claim may go)."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT path FROM claims ORDER BY path")]

    def archives(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT DISTINCT archive FROM claims WHERE archive IS NOT NULL ORDER BY archive")]

    # --- what drafting reads (extract.Project) -----------------------------------------------------

    def units(self) -> dict:
        """What pint told a run before of units and words (`Index.units`)."""
        return self.index.units()

    def keep_units(self, told: dict) -> None:
        """Keep what pint told this run, for the next one (in a write of its own)."""
        with self._writing():
            self.index.keep_units(told)

    def claim_subjects(self) -> set[str]:
        """Every subject a claim names, as written."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT subject FROM claims")}

    def first_claims(self, subjects: set[str]) -> dict[str, tuple]:
        """Where each subject's first claim stands in project order: (path, seq)."""
        clause, values = sql_list(subjects)
        return {subject: (path, seq) for subject, path, seq in self.db.execute(
            f"SELECT subject, path, seq FROM claims c WHERE subject IN {clause} AND NOT EXISTS (SELECT 1 FROM claims d "
            "WHERE d.subject = c.subject AND (d.path < c.path OR d.path = c.path AND d.seq < c.seq))", values)}

    def subject_figures(self, subject: str) -> list[tuple[str, str]]:
        """The (property, figure) of every claim whose subject, after aliases, is `subject`, in project order."""
        named = [alias for alias, target in self.aliases.items() if target == subject]
        clause, values = sql_list(named + ([subject] if self.canonical(subject) == subject else []))
        return self.db.execute(f"SELECT property, figure FROM claims WHERE subject IN {clause} ORDER BY path, seq", values).fetchall()

    def quoted(self, source: str, figure: str) -> list[Claim]:
        """The outlet's claims of this figure that have a quote, in project order."""
        return [ClaimRow._make(row).claim() for row in self.db.execute(
            f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.source = ? AND c.figure = ? AND c.quote <> '' ORDER BY c.path, c.seq",
            (source, figure))]

    def id_taken(self, claim_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM claims WHERE id = ? LIMIT 1", (claim_id,)).fetchone() is not None

    def comparable(self, wanted: list[tuple], ratio: float) -> list:
        """Every claim with a quote and a readable figure (`extract.Anchor`: only what alignment reads) of each
        comparable group that one wanted (dimension, period, kind, unit, value) may fit as a whole, in project
        order: all its claims of that dimension, period and kind, and those in the wanted unit with the value's
        sign within a factor of `ratio` of it (a hair more: the aligner decides, `align._fitting`). The SQL
        compares only the wanted unit: other units, and money in other currencies than USD (the aligner compares
        money in dollars), are given whatever their values. The groups are found in the index's `spans` (each
        group's dimension, and its smallest and largest value by unit and sign), then only their claims are read, from
        `claims_anchoring`, which holds every column read here."""
        from .extract import Anchor

        groups: set[str] = set()
        asked: set[tuple] = set()  # (dimension, period, kind, unit, sign) whose groups without such a value are found
        whole = "dimension = ? AND period IS ? AND kind = ?"
        for dimension, period, kind, unit, value in sorted(set(wanted), key=repr):
            if not value:  # every group of the dimension, period and kind
                groups.update(row[0] for row in self.db.execute(
                    f"SELECT grp FROM spans WHERE {whole} AND unit IS NULL", (dimension, period, kind)))
                continue
            positive = int(value > 0)
            if (dimension, period, kind, unit, positive) not in asked:  # those with no value in the unit and sign
                asked.add((dimension, period, kind, unit, positive))
                groups.update(row[0] for row in self.db.execute(
                    f"SELECT grp FROM spans h WHERE {whole} AND unit IS NULL AND NOT EXISTS (SELECT 1 FROM spans s "
                    "WHERE s.grp = h.grp AND s.unit = ? AND s.positive = ?)", (dimension, period, kind, unit, positive)))
            low, high = abs(value) / ratio * (1 - 1e-9), abs(value) * ratio * (1 + 1e-9)
            groups.update(row[0] for row in self.db.execute(
                f"SELECT grp FROM spans WHERE {whole} AND unit = ? AND positive = ? AND largest BETWEEN ? AND ? "
                "AND smallest >= ?", (dimension, period, kind, unit, positive, low, high, low)))
        if not groups:
            return []
        clause, values = sql_list(groups)
        keys: dict[str, tuple] = {}
        sets: dict[str, frozenset] = {}  # the same words (or names) read once: news repeats its sentences
        found = []
        for grp, *fields, words, names in self.db.execute(
                "SELECT c.grp, c.quote, c.figure, c.value, c.low, c.high, c.unit, c.dimension, c.noun, c.as_of, c.period, "
                f"c.published, c.words, c.names FROM claims c INDEXED BY claims_anchoring WHERE {ANCHORING} AND c.grp IN {clause} "
                "ORDER BY c.path, c.seq",
                values):
            key = keys.get(grp)
            if key is None:
                key = keys[grp] = tuple(json.loads(grp))
            if words not in sets:
                sets[words] = frozenset(json.loads(words))
            if names not in sets:
                sets[names] = frozenset(json.loads(names))
            found.append(Anchor(key, *fields, sets[words], sets[names]))
        return found

    def group_taken(self, key: tuple) -> bool:
        """Whether a claim with a quote and a readable figure has this comparable group."""
        return self.db.execute("SELECT 1 FROM claims WHERE grp = ? AND quote <> '' LIMIT 1",
                               (json.dumps(list(key)),)).fetchone() is not None

    def group_count(self) -> int:
        """How many comparable groups have a claim with a quote and a readable figure."""
        return self.db.execute("SELECT count(DISTINCT grp) FROM claims WHERE grp IS NOT NULL AND quote <> ''").fetchone()[0]

    def vocabulary(self, words: set[str], names: set[str]):
        """Of the claims with a quote and a readable figure: how many, and how many hold each of these words
        and names (`extract.Vocabulary`), as the index counts them."""
        from .extract import Vocabulary

        found = self.db.execute("SELECT claims FROM vocabulary WHERE kind = 2").fetchone()
        counted = []
        for kind, asked in ((0, words), (1, names)):
            clause, values = sql_list(asked)
            counted.append(Counter(dict(self.db.execute(
                f"SELECT word, claims FROM vocabulary WHERE kind = ? AND word IN {clause} AND claims > 0", [kind, *values]))))
        return Vocabulary(found[0] if found else 0, *counted)

    # --- conflicts ------------------------------------------------------------------------------

    def conflicts(self, sort: str = "id", limit: int | None = None, offset: int = 0, full: bool = True, **filters) -> list[ConflictRecord]:
        """The conflicts the filters keep (see `_conflict_filters`), ordered by `sort` (SORTS), a page with
        `limit`; without `full`, their claims' intervals left out (what a terminal line does not show)."""
        return list(self._conflicts(sort, limit, offset, full, **filters))

    def _conflicts(self, sort: str, limit: int | None, offset: int, full: bool, **filters) -> Iterator[ConflictRecord]:
        where, values = self._conflict_filters(**filters)
        return map(_record, self.index.conflict_rows(where, values, SORTS[sort], limit, offset, intervals=full))

    def each_conflict(self, sort: str = "id", full: bool = True, **filters) -> Iterator[ConflictRecord]:
        """`conflicts`, one at a time as they are read: a long listing is written as it is read."""
        return self._conflicts(sort, None, 0, full, **filters)

    def conflict_rows(self, sort: str = "id", full: bool = True, **filters) -> "Conflicts":
        """`conflicts` as their rows, each made a record when it is taken: the halves of a long listing can
        be worded on two cores (`cores.texts`). The rows are held whole: at 100,000 claims some 20 MB of JSON
        without the intervals, and with them (`conflicts -f json`) a peak of 132 MB where streaming took 81 MB."""
        where, values = self._conflict_filters(**filters)
        return Conflicts(self.index.conflict_rows(where, values, SORTS[sort], intervals=full).fetchall())

    def count_conflicts(self, **filters) -> int:
        where, values = self._conflict_filters(**filters)
        return self.db.execute(f"SELECT count(*) FROM conflicts c WHERE {where}", values).fetchone()[0]

    def conflict(self, conflict_id: str) -> ConflictRecord | None:
        """A conflict by id (the first by its group's key, where two groups share an id)."""
        found = self.conflicts(limit=1, ident=conflict_id)
        return found[0] if found else None

    def conflict_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM conflicts ORDER BY id")]

    def conflict_subjects(self, limit: int | None = None) -> list[str]:
        """The subjects of the conflicts, in order; at most `limit` of them."""
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        return [row[0] for row in self.db.execute(f"SELECT DISTINCT subject FROM conflicts ORDER BY subject{page}")]

    def review_of(self, conflict_id: str) -> dict | None:
        """The fields of the review recorded for a conflict, as its file holds them (None when there is none)."""
        return next((fields for *_, fields in self._context["reviews"] if fields["conflict"] == conflict_id), None)

    def _conflict_filters(self, status: str = "all", subject=None, perspective=None, outlet=None, since=None,
                          until=None, flag: str | None = None, ident: str | None = None, text: str | None = None) -> tuple[str, list]:
        """SQL for the filters of `conflicts`: its status (open, all, or a review's), its subject (aliases
        count), a side with an outlet of this perspective (any case), a claim the outlet made or
        carried, a claim published in [since, until]; `flag` 'perspective_split' or 'reference'; its id;
        `text` in its id or its subject's name (case and accents folded)."""
        clauses, values = [f"c.{flag}"] if flag in ("perspective_split", "reference") else [], []
        if ident is not None:
            clauses.append("c.id = ?")
            values.append(ident)
        if text is not None:
            wanted = fold(text)
            named = [subject for subject, name in self.subject_names.items() if wanted in fold(name)]
            clause, named_values = sql_list(named)
            clauses.append(f"(instr(lower(c.id), ?) > 0 OR c.subject IN {clause})")
            values += [wanted, *named_values]
        if status == "open":
            clauses.append("c.status = 'open'")
        elif status != "all":
            clauses.append("c.status = ?")
            values.append(status)
        if subject is not None:
            clauses.append("c.subject = ?")
            values.append(self.canonical(subject))
        if perspective is not None:  # any side's, lower case, each between unit separators
            clauses.append("instr(c.perspectives, ?) > 0")
            values.append(f"{UNIT}{perspective.lower()}{UNIT}")
        if outlet is not None:
            clauses.append("c.grp IN (SELECT s.grp FROM sides s WHERE s.source = ? OR s.via = ?)")
            values += [outlet, outlet]
        if since is not None or until is not None:  # a claim published in the window: its latest, or earliest, date tells most
            values += [period_bounds(since)[0].isoformat() if since else "", period_bounds(until)[1].isoformat() if until else "9"]
            clauses.append("c.latest >= ? AND c.earliest <= ?")
            if since is not None and until is not None:
                clauses.append(f"EXISTS (SELECT 1 FROM sides s WHERE s.grp = c.grp AND {' AND '.join(_window('s', since, until, values))})")
        return " AND ".join(clauses) or "1", values

    # --- what else the check found --------------------------------------------------------------

    def found(self, kind: str) -> list[dict]:
        """The targets met or missed, the groups not comparable, or the agreements ('targets',
        'not_comparable', 'agreements'), in group id order."""
        column = {"targets": "targets", "not_comparable": "not_comparable", "agreements": "agreements"}[kind]
        found = []
        for (text,) in self.db.execute(f"SELECT findings FROM groups WHERE {column} > 0 ORDER BY id, key"):
            item = json.loads(text)[{"agreements": "agreement"}.get(kind, kind)]
            found += item if isinstance(item, list) else [item]
        return found

    # --- outlets and origins --------------------------------------------------------------------

    def outlet_rows(self, since=None, until=None) -> list[dict]:
        """One row per outlet: its claims, those it carried, those repeating another outlet's earlier
        claim (the same origin), the conflicts it is in, those where it is on a smaller side, and those
        against the reference. With a window, only the claims published then and the conflicts with one.
        Without, kept in the index once made, until the next change."""
        if since is None and until is None:
            if (kept := self.index.kept("outlets")) is None:
                rows = self._outlet_rows()
                with self._writing() as same:
                    if same:
                        self.index.keep("outlets", rows)
                return rows
            return kept
        return self._outlet_rows(since, until)

    def _outlet_rows(self, since=None, until=None) -> list[dict]:
        values: list = []
        window = _window("c", since, until, values)
        where = " AND ".join(window) or "1"
        made = dict(self.db.execute(f"SELECT source, count(*) FROM claims c WHERE {where} GROUP BY source", values))
        carried = dict(self.db.execute(f"SELECT via, count(*) FROM claims c WHERE via IS NOT NULL AND {where} GROUP BY via", values))
        repeated = self._repeated(since, until)
        side_values: list = []
        side_window = _window("w", since, until, side_values)
        kept = (f"AND s.grp IN (SELECT w.grp FROM sides w WHERE {' AND '.join(side_window)})" if side_window else "")
        stands = {row[0]: row[1:] for row in self.db.execute(
            "SELECT s.source, count(DISTINCT s.grp), count(DISTINCT CASE WHEN s.claims < s.largest THEN s.grp END), "
            "count(DISTINCT CASE WHEN c.reference AND NOT s.with_reference THEN s.grp END) "
            f"FROM sides s JOIN conflicts c ON c.grp = s.grp WHERE 1 {kept} GROUP BY s.source", side_values)}
        return [{"id": o.id, "name": o.name, "perspective": o.perspective, "kind": o.kind, "reference": o.reference,
                 "claims": made.get(o.id, 0), "carried": carried.get(o.id, 0), "repeated": repeated.get(o.id, 0),
                 **dict(zip(("conflicts", "minority", "against_reference"), stands.get(o.id, (0, 0, 0))))}
                for o in self.outlets.values()]

    def likely(self, weigh: bool = True) -> dict | None:
        """Which side of each conflict is likely right, and each outlet's accuracy and likely copies (design §9,
        `truth.data`): estimated over every group at once, so kept in the index, by a digest of what the
        estimate reads; after a change that leaves that as it was (a review, a claim's note), made again only
        as a digest. None, without `weigh`, when they are not kept for this state: even telling whether they
        must be weighed again reads every group (half a second at 100,000 claims)."""
        digest = self.index.kept("likely")
        if digest is not None and digest == self.index.memo_digest("likely"):
            return self.index.memo("likely")
        if not weigh:
            return None
        from . import truth  # numpy: imported when the sides are weighed again, not by every listing

        inputs = self._estimate_inputs()
        digest = _digest(inputs)
        weighed = digest != self.index.memo_digest("likely")
        found = truth.data(truth.weigh(*inputs)) if weighed else self.index.memo("likely")
        with self._writing() as same:
            if weighed:
                self.index.keep_memo("likely", digest, found)
            if same:
                self.index.keep("likely", digest)
        return found

    def estimate(self) -> truth.Estimate:
        """The truth-discovery estimate (`truth.weigh`) over every conflict and agreement of the project."""
        from . import truth

        return truth.weigh(*self._estimate_inputs())

    def _estimate_inputs(self) -> tuple[list[truth.Item], dict[str, str], dict[str, truth.Outlet]]:
        """What the estimate reads: every conflict's and agreement's claims by side with those that share an
        origin, each claim's outlet, and the outlets."""
        from . import truth

        self._keep_origins()
        origin_of = dict(self.db.execute("SELECT claim, origin FROM origins"))
        conflicts: dict[str, tuple[str, list[list[str]]]] = {}  # by group: the conflict's id and its sides' claims
        rows = self.db.execute("SELECT grp, conflict, side, claim FROM sides ORDER BY rowid").fetchall()
        rows.sort(key=lambda row: (row[0], row[2]))  # stable: by group (text, in SQLite's order), side, rowid
        for group, ident, side, claim in rows:
            sides = conflicts.setdefault(group, (ident, []))[1]
            if len(sides) < side:
                sides.append([])
            sides[side - 1].append(claim)
        items = [truth.Item(ident, sides, truth.shared(sides, origin_of)) for ident, sides in conflicts.values()]
        for agreement in self.found("agreements"):
            items.append(truth.Item(agreement["id"], [agreement["claims"]], truth.shared([agreement["claims"]], origin_of)))
        claims = dict(self.db.execute("SELECT id, source FROM claims"))
        outlets = {o.id: truth.Outlet(o.id, o.name, o.perspective, o.reference) for o in self.outlets.values()}
        return items, claims, outlets

    def stands(self, claim_ids: Iterable[str] | None = None) -> dict[str, list[dict]]:
        """Where claims stand in conflicts: for each claim, each conflict's id, its side, how many
        sides it has and its status (every claim's when `claim_ids` is None)."""
        clause, values = ("", []) if claim_ids is None else sql_list(set(claim_ids))
        where = f"WHERE s.claim IN {clause}" if claim_ids is not None else ""
        found: dict[str, list[dict]] = {}
        for claim, conflict, side, sides, status in self.db.execute(
                "SELECT s.claim, s.conflict, s.side, (SELECT max(side) FROM sides t WHERE t.grp = s.grp), c.status "
                f"FROM sides s JOIN conflicts c ON c.grp = s.grp {where} ORDER BY c.id, c.grp, s.side", values):
            found.setdefault(claim, []).append({"conflict": conflict, "side": side, "sides": sides, "status": status})
        return found

    def origin_groups(self, since=None, until=None) -> list[list[ClaimRow]]:
        """The origins that several claims share, each earliest published first (undated last, then in
        project order). Without a window, kept in the index once made."""
        if since is not None or until is not None:
            values: list = []
            where = " AND ".join(_window("c", since, until, values))
            claims = [ClaimRow._make(row) for row in self.db.execute(
                f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE {where} ORDER BY c.path, c.seq", values)]
            return [group for group in _origins(claims) if len(group) > 1]
        self._keep_origins()
        groups: dict[int, list[ClaimRow]] = {}
        for row in self.db.execute(f"SELECT o.origin, {CLAIM_COLUMNS} FROM origins o JOIN claims c "
                                   "ON c.path = o.path AND c.seq = o.seq ORDER BY o.origin, o.position"):
            groups.setdefault(row[0], []).append(ClaimRow._make(row[1:]))
        return list(groups.values())

    def _keep_origins(self) -> None:
        """The origins of every claim, made from the keys each claim shares with its origin's claims
        (kept with the claim) and kept in the index, unless they are kept already. Made on the state read,
        without holding the index's write lock, and made again should a change replace that state meanwhile."""
        while not self.index.origins_kept():
            claims = self.db.execute("SELECT path, seq, source, id, published_from, links FROM claims ORDER BY path, seq").fetchall()
            # every claim's keys read as one JSON text: a hundred thousand small ones take twice as long
            groups = origin_rules.joined(read_json("[" + ",".join(claim[5] for claim in claims) + "]"))
            first_day = [_first_day(claim[4]) for claim in claims]
            made = [[claims[n][:4] for n in sorted(group, key=first_day.__getitem__)] for group in groups if len(group) > 1]
            with self._writing() as same:
                if same and not self.index.origins_kept():
                    self.index.keep_origins(made)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[bool]:
        """A write of what a read made, to keep (in a transaction of its own, unless the reader is inside a
        run's), then reads again, the state as it is then. It gives whether the state is still the one read: a
        run that committed a change meanwhile (the web app's updates) makes what was read of the state before
        no longer the state's to keep."""
        if self._in_run:
            yield True
            return
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        with self.index.transaction():
            yield self.index.generation() == self._generation
        self.db.execute("BEGIN")
        self._generation = self.index.generation()

    def _repeated(self, since=None, until=None) -> dict[str, int]:
        """By outlet: its claims whose origin's earliest claim is another outlet's."""
        if since is not None or until is not None:
            counts: dict[str, int] = {}
            for group in self.origin_groups(since, until):
                for claim in group[1:]:
                    if claim.source != group[0].source:
                        counts[claim.source] = counts.get(claim.source, 0) + 1
            return counts
        self._keep_origins()
        return dict(self.db.execute("SELECT source, sum(repeats) FROM origins GROUP BY source"))


def keep_ahead(index: Index, in_run: bool = True) -> None:
    """What reads make over every group at once (the outlets' rows with their origins, the likely sides),
    made and kept inside a run's transaction (`pipeline.run(then=keep_ahead)`): the state it commits
    holds them, so no page waits on making them (the web app's updates, design §6a). Without `in_run`,
    on the index's last committed state, each kept in a write of its own."""
    reader = Reader(index, in_run=in_run)
    reader.outlet_rows()
    reader.likely()


def _origins(claims: list) -> list[list]:
    """The claims' independent origins (`origins.py`), each earliest published first (undated last, then
    in project order): every claim after the first repeats the origin of an earlier one."""
    return [sorted((claims[n] for n in group), key=lambda claim: earliest(claim.published)) for group in origin_rules.groups(claims)]


def _digest(inputs: tuple) -> str:
    """A digest of the estimate's inputs (`Reader._estimate_inputs`): equal inputs, equal estimates. The claims' outlets
    are sorted, as their rows come in the order a file's last edit left them."""
    items, claims, outlets = inputs
    made = json.dumps([[[item.id, item.sides, item.shared] for item in items], sorted(claims.items()),
                       [[o.id, o.name, o.perspective, o.reference] for o in outlets.values()]], ensure_ascii=False)
    return hashlib.sha256(made.encode("utf-8", "surrogatepass")).hexdigest()


def _window(table: str, since: str | None, until: str | None, values: list) -> list[str]:
    """SQL clauses for 'published in [since, until]' on a table with published_from/_to columns; a
    claim without a date is outside any window."""
    clauses = []
    if since is not None:
        clauses.append(f"{table}.published_to >= ?")
        values.append(period_bounds(since)[0].isoformat())
    if until is not None:
        clauses.append(f"{table}.published_from <= ?")
        values.append(period_bounds(until)[1].isoformat())
    return clauses


def earliest(published: str | None) -> tuple:
    """A sort key for dates: earliest published first, undated last."""
    return _first_day(published and date_bounds(published)[0].isoformat())


def _first_day(published_from: str | None) -> tuple:
    """`earliest` from the first day of the date as the index keeps it (`claims.published_from`, ISO text)."""
    return published_from is None, published_from or ""


