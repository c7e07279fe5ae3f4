"""The derived index, `.claimcheck/index.sqlite` (design §6): what the last run found, so the next run
does only what the edits since call for. The YAML files are the truth; deleting the index changes no
answer, only the time to get it.

A run compares the files with the index as git does (size and modification time, then a digest of
the content) and then:
- nothing changed: the findings and problems are read back; no file is parsed and nothing is checked;
- claims files changed: only they are parsed, and only the comparable groups their claims were or
  are in are checked again;
- anything else changed (an outlet, a subject, a review, an archive): every group is checked again,
  still parsing only the claims files that changed; a change of settings rebuilds everything.
Each run is one transaction (`BEGIN IMMEDIATE`, WAL), so runs at once wait for each other and a run
killed midway leaves the index as it was. A corrupt, foreign or older index is rebuilt, with a notice.
The tables are documented in the README, for people who query their claims with sqlite3.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import operator
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from typing import NamedTuple
from importlib import metadata, resources
from pathlib import Path

from . import __version__, check, figures, store, validate, views
from .models import Claim, Corpus, Figure, Location, Member, Problem, Review, Settings, Source, Subject

NAME = "index.sqlite"
APPLICATION_ID = 0x63636B31  # "cck1": marks the file as a claimcheck index
FORMAT = 13
"""Bump when the tables change shape: an index of another format is rebuilt."""
RACY_NS = 2_000_000_000
"""A file modified this close to the last scan may have changed again within the same mtime tick: hash it."""
DISABLE = "CLAIMCHECK_NO_INDEX"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, changed_ns INTEGER NOT NULL, digest TEXT NOT NULL,
                    is_claims INTEGER NOT NULL);
CREATE TABLE sources (id TEXT PRIMARY KEY, name TEXT, perspective TEXT, kind TEXT, country TEXT, url TEXT,
                      reference INTEGER, note TEXT, path TEXT, line INTEGER);
CREATE TABLE claims (id TEXT, source TEXT, via TEXT, speaker TEXT, subject TEXT, property TEXT, period TEXT, kind TEXT,
                     scope TEXT, as_of TEXT, published TEXT, figure TEXT, path TEXT, line INTEGER, quote TEXT,
                     archive TEXT, url TEXT, note TEXT, figure_line INTEGER, seq INTEGER,
                     value REAL, low REAL, high REAL, unit TEXT, dimension TEXT, qualifier TEXT, noun TEXT,
                     written_unit TEXT, written_factor REAL, range_low REAL, range_high REAL,
                     unreadable TEXT);
CREATE INDEX claims_by_path ON claims (path, seq);
CREATE INDEX claims_by_figure ON claims (figure);
CREATE INDEX claims_by_subject ON claims (subject);
CREATE TABLE groups (id TEXT, key TEXT, conflict_line TEXT, target_lines TEXT, other_lines TEXT,
                     conflicts INTEGER, open INTEGER, minor INTEGER, agreements INTEGER, targets INTEGER,
                     not_comparable INTEGER, findings TEXT NOT NULL, PRIMARY KEY (id, key)) WITHOUT ROWID;
CREATE TABLE conflicts (id TEXT, subject TEXT, property TEXT, period TEXT, kind TEXT, scope TEXT,
                        status TEXT, minor INTEGER, spread REAL, unit TEXT, grp TEXT);
CREATE TABLE sides (conflict TEXT, side INTEGER, claim TEXT, low REAL, high REAL, value REAL, unit TEXT, origins INTEGER, grp TEXT);
CREATE TABLE problems (path TEXT, line INTEGER, message TEXT, origin TEXT);
CREATE INDEX claims_by_id ON claims (id);
CREATE INDEX conflicts_by_group ON conflicts (grp);
CREATE INDEX sides_by_group ON sides (grp);
CREATE INDEX problems_by_origin ON problems (origin);
"""
MEMBER_COLUMNS = ", ".join(Member._fields)
ID_COLUMNS = ", ".join(name if name in ("id", "path", "line") else "NULL" for name in Member._fields)
"""What the rules across claims read of a claim (`validate.ACROSS_CLAIMS`); the other fields left empty."""
CLAIM_EXTRA = ("url", "note")
FIGURE_COLUMNS = ("value", "low", "high", "unit", "dimension", "qualifier", "noun", "written_unit", "written_factor",
                  "range_low", "range_high")
PROJECT = ""  # the origin of problems found anew on every update
CONTEXT = "context"  # the origin of problems in outlets, subjects, reviews and settings


@functools.cache
def _version() -> str:
    """What the index's contents depend on besides the files: our code, the figure vocabulary, Python
    and the data packages."""
    parts = [f"claimcheck {__version__}", f"python {os.sys.version_info[0]}.{os.sys.version_info[1]}"]
    for package in ("pydantic", "pint", "currencyconverter"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            parts.append(f"{package} {metadata.version(package)}")
    vocabulary = hashlib.sha256()
    for name in ("phrases.txt", "units.txt"):
        vocabulary.update((resources.files("claimcheck") / "data" / name).read_bytes())
    return "; ".join(parts + [f"vocabulary {vocabulary.hexdigest()[:16]}"])


class Stored(NamedTuple):
    """A run's answer as the index gives it: the claims and findings are read only when asked for."""

    context: Corpus
    problems: list[Problem]
    claims_count: int
    load_claims: Callable[[], tuple[list[Claim], dict[str, Figure]]]
    load_findings: Callable[[], check.Findings]
    check_lines: list[str]
    failing: bool


def run(root: Path, progress: store.Progress | None = None) -> tuple[Stored | None, list[str]]:
    """The analysis of the project at `root` through its index, and notices for stderr; None where
    the index cannot be used (the caller then runs the pipeline without it)."""
    connection, notices = _open(Path(root))
    if connection is None:
        return None, notices
    try:
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            return _Run(Path(root), connection, progress).analysis(), notices
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) or not _remove(Path(root) / store.STATE_DIR / NAME):
            return None, [*notices, f"note: {store.STATE_DIR}/{NAME} could not be updated ({error}); checked without it"]
        # Corrupt inside its pages: made again from the files, once.
        stored, again = run(root, progress)
        return stored, [*notices, f"note: {store.STATE_DIR}/{NAME} was unreadable: {error}; rebuilt it from the files", *again]
    except UnicodeEncodeError:  # a file name that is not UTF-8 cannot be kept in the index
        return None, [*notices, f"note: a file name under claims/ or sources/ is not UTF-8; checked without {store.STATE_DIR}/{NAME}"]
    finally:
        connection.close()


def _remove(path: Path) -> bool:
    """Delete the index and its journal; False when it cannot be deleted."""
    try:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
    except OSError:
        return False
    return True


def _open(root: Path) -> tuple[sqlite3.Connection | None, list[str]]:
    """The index, made or rebuilt as needed; None where the project folder cannot hold one."""
    if os.environ.get(DISABLE):
        return None, []
    try:
        folder = store.state_folder(root)
    except OSError:
        return None, []
    path = folder / NAME
    notices = []
    existed = path.exists()
    for _ in range(2):
        try:
            connection = sqlite3.connect(path, timeout=60, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA cache_size=-32000")  # 32 MB of pages: inserting into the indexes stays in memory
            connection.execute("PRAGMA wal_autocheckpoint=4000")  # copy the log into the database every few edits, not each
            application, format_ = (connection.execute(f"PRAGMA {name}").fetchone()[0] for name in ("application_id", "user_version"))
            if application == APPLICATION_ID and format_ == FORMAT and _meta(connection, "version") == _version():
                return connection, notices
            if (application, format_) == (0, 0) and not connection.execute("SELECT 1 FROM sqlite_master").fetchone():
                _create(connection)
                shutil.rmtree(folder / "cache", ignore_errors=True)  # the pickle cache of claimcheck before the index
                return connection, notices
            why = "of an older claimcheck" if application == APPLICATION_ID else "not claimcheck's"
        except sqlite3.DatabaseError as error:
            why = f"unreadable: {error}"
        with contextlib.suppress(NameError):
            connection.close()
        if not _remove(path):
            return None, [f"note: {store.STATE_DIR}/{NAME} cannot be used ({why}); checked without it"]
        if existed:
            notices.append(f"note: {store.STATE_DIR}/{NAME} was {why}; rebuilt it from the files")
    return None, notices


def _create(connection: sqlite3.Connection) -> None:
    """The tables, made in one transaction: a run that opens the file meanwhile sees none or all."""
    script = (SCHEMA.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS").replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS")
              + f"PRAGMA application_id={APPLICATION_ID}; PRAGMA user_version={FORMAT};"
              + "INSERT OR REPLACE INTO meta VALUES ('version', '{}');".format(_version().replace("'", "''")))
    connection.executescript(f"BEGIN IMMEDIATE; {script} COMMIT;")


def _meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


class _Run:
    """One run against the index: what changed, then only the work it calls for."""

    def __init__(self, root: Path, db: sqlite3.Connection, progress: store.Progress | None):
        self.root, self.db, self.progress = root, db, progress
        self.project = store.Project(root)
        self.started = time.time_ns()

    def analysis(self):
        claims_changed, context_changed = self._changes()
        saved = _meta(self.db, "context")
        if saved is not None and not context_changed:
            if not claims_changed:  # files touched but not changed: keep their new times, not to hash them again
                self.db.executemany("UPDATE files SET size = ?, changed_ns = ? WHERE path = ?",
                                    [(*self.files[path][:2], path) for path in self.touched])
                return self._restore(_context_from_json(saved))
            return self._update(_context_from_json(saved), None, claims_changed, False)
        context, context_problems = store.load_context(self.project)
        if saved is None or context.settings.model_dump_json() != _meta(self.db, "settings"):
            for table in ("claims", "problems"):  # figures are read under the settings: read everything again
                self.db.execute(f"DELETE FROM {table}")
            claims_changed = store.claims_files(self.project)
        return self._update(context, context_problems, claims_changed, True)

    # --- what changed ---------------------------------------------------------------------------

    def _changes(self) -> tuple[list[str], bool]:
        """The claims files added, edited or removed, and whether any other file the check reads changed."""
        claims = set(store.claims_files(self.project))
        indexed = {path: (size, mtime, digest, bool(is_claims)) for path, size, mtime, digest, is_claims in
                   self.db.execute("SELECT path, size, changed_ns, digest, is_claims FROM files")}
        paths = claims | set(store.context_files(self.project))
        paths |= {row[0] for row in self.db.execute("SELECT DISTINCT archive FROM claims WHERE archive IS NOT NULL")}
        last_scan = int(_meta(self.db, "scanned_ns") or 0)
        self.files, self.touched, changed = {}, [], set(indexed)
        for path in sorted(paths):
            state = self._state(path, indexed.get(path), last_scan)
            if state is not None:
                self.files[path] = (*state, path in claims)
                if path in indexed and indexed[path][2] == state[2]:
                    changed.discard(path)
                    if indexed[path][:2] != state[:2]:
                        self.touched.append(path)
                else:
                    changed.add(path)
        was_claims = {path for path in changed if path in claims or (path in indexed and indexed[path][3])}
        return sorted(was_claims), bool(changed - was_claims)

    def _state(self, path: str, old: tuple | None, last_scan: int) -> tuple[int, int, str] | None:
        """A file's size, modification time and digest; the digest from the index while size and time
        are as they were, and the time is older than the last scan by more than a tick."""
        state = store.file_state(self.project, path)
        if state is None:
            return None
        size, mtime = state
        if old and old[:2] == (size, mtime) and mtime < last_scan - RACY_NS:
            return old[:3]
        return size, mtime, store.file_digest(self.project, path)

    # --- reading back ---------------------------------------------------------------------------

    def _restore(self, context: Corpus):
        problems = [Problem(Location(path, line), message) for path, line, message in
                    self.db.execute("SELECT path, line, message FROM problems ORDER BY rowid")]
        return self._analysis(context, problems, self.db.execute("SELECT count(*) FROM claims").fetchone()[0])

    def _analysis(self, context: Corpus, problems: list[Problem], claims_count: int) -> Stored:
        """The analysis as the index holds it: what `check` prints read at once, the rest when asked."""
        db, root = self.db, self.root
        lines = [row[0] for row in db.execute("SELECT conflict_line FROM groups WHERE conflict_line IS NOT NULL ORDER BY id")]
        for column in ("target_lines", "other_lines"):
            lines += [line for row in db.execute(f"SELECT {column} FROM groups WHERE {column} != '' ORDER BY id")
                      for line in row[0].split("\n")]
        counts = views.Tally(*map(int, db.execute("SELECT total(conflicts), total(open), total(minor), total(agreements), "
                                                  "total(targets), total(not_comparable) FROM groups").fetchone()))
        return Stored(context, problems, claims_count, lambda: _claims(root), lambda: _findings(root, context),
                      [*lines, views.summary_line(claims_count, counts)], counts.open > counts.minor)

    # --- updating -------------------------------------------------------------------------------

    def _update(self, context: Corpus, context_problems: list[Problem] | None, changed: list[str], everything: bool) -> Stored:
        """Read the changed claims files, run the rules, check the groups the changes touched (every
        group when `everything`). `context_problems` None: the context is as it was."""
        aliases = context.alias_map()
        before = {Member._make(row) for path in changed for row in
                  self.db.execute(f"SELECT {MEMBER_COLUMNS} FROM claims WHERE path = ?", (path,))}
        known: dict[str, Figure | figures.FigureError] = {}
        fresh = self._read(context, changed, known)
        skip = sorted({row.path for row in fresh} | set(changed))  # the files whose claims are in `fresh`
        if everything:  # every claim in full: every rule runs on it and every group is checked
            rows = _in_project_order(fresh, self._rows(MEMBER_COLUMNS, skip))
            problems = self._validate(context, context_problems, rows, rows)
            self._check(context, None, rows, known)
        else:
            # The rules across claims can only find a problem with an id used twice or named by a review.
            ids = {row[0] for row in self.db.execute("SELECT id FROM claims GROUP BY id HAVING count(*) > 1")}
            ids |= {claim for review in context.reviews for claim in review.preferred}
            problems = self._validate(context, context_problems, fresh,
                                      _in_project_order(fresh, self._rows(ID_COLUMNS, skip, ids=ids)))
            # The groups of the claims that are new, gone or different (a claim moved down a line is
            # different: its group's lines name it), with the target or actual twin of each.
            touched = {check.group_key(row, aliases) for row in before.symmetric_difference(fresh)}
            touched |= {twin for key in touched for twin in check.twins(key)}
            wanted = {key[0] for key in touched}
            wanted |= {alias for alias, subject in aliases.items() if subject in wanted}
            members = _in_project_order([row for row in fresh if row.subject in wanted], self._rows(MEMBER_COLUMNS, skip, wanted))
            self._check(context, touched, members, known)
        count = self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        validated = len(problems)
        problems += check.unknown_reviews(context, {row[0] for row in self.db.execute("SELECT id FROM conflicts")})

        # Problems in the order a run without the index gives: by file and line, a file's own first.
        db = self.db
        kept = [(Problem(Location(path, line), message), origin) for path, line, message, origin in
                db.execute("SELECT path, line, message, origin FROM problems WHERE origin != ? ORDER BY rowid", (PROJECT,))]
        found = [pair for pair in kept if pair[1].startswith("group:")]  # what the check found, after the rules
        kept = [pair for pair in kept if not pair[1].startswith("group:")]
        ordered = sorted(kept + [(p, PROJECT) for p in problems[:validated]] + found + [(p, PROJECT) for p in problems[validated:]],
                         key=lambda pair: pair[0].order())
        db.execute("DELETE FROM problems")
        db.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)", [(*_problem_row(p), origin) for p, origin in ordered])
        self._save(context)
        return self._analysis(context, [p for p, _ in ordered], count)

    def _read(self, context: Corpus, changed: list[str], known: dict) -> list[Member]:
        """The changed claims files read into the index, file by file (their claims let go as they are
        written, for memory); their claims' rows in project order."""
        db, rows = self.db, []
        db.executemany("DELETE FROM claims WHERE path = ?", [(path,) for path in changed])
        db.executemany("DELETE FROM problems WHERE origin IN (?, ?)", [(path, f"rules:{path}") for path in changed])
        for path, claims, problems in store.load_claims(self.project, [p for p in changed if p in self.files], self.progress):
            _figures_of(db, claims, known)  # texts read before under these settings are not read again
            problems = problems + figures.read(claims, context.settings, known)
            members = [Member.of(claim) for claim in claims]
            db.executemany(f"INSERT INTO claims VALUES ({', '.join('?' * 32)})", _claim_rows(claims, members, known))
            db.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)", [(*_problem_row(p), path) for p in problems])
            rows += members
        return rows

    def _validate(self, context: Corpus, context_problems: list[Problem] | None, each: list[Member],
                  rows: list[Member]) -> list[Problem]:
        """The rules that look at one claim at a time run on `each` (the claims read now, or all when
        the context changed) and are kept by file; those across claims run on every claim's id. Returns
        the problems to find again on every update."""
        db = self.db
        if context_problems is not None:  # kept with the context's own origin, until the context changes
            db.execute("DELETE FROM problems WHERE origin = ?", (CONTEXT,))
            db.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)", [(*_problem_row(p), CONTEXT) for p in context_problems])
        if each is rows:
            db.execute("DELETE FROM problems WHERE origin LIKE 'rules:%'")
        problems: list[Problem] = []
        named = {row[0] for row in db.execute("SELECT DISTINCT archive FROM claims WHERE archive IS NOT NULL")}
        archives = store.read_archives(self.project, named, problems)
        for path in named - set(self.files):
            state = self._state(path, None, 0)
            if state is not None:
                self.files[path] = (*state, False)
        db.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)",
                       [(*_problem_row(p), f"rules:{p.where.path}") for p in
                        validate.validate(context.model_copy(update={"claims": each, "archives": archives}), validate.EACH_CLAIM)])
        return problems + validate.validate(context.model_copy(update={"claims": rows}), validate.ACROSS_CLAIMS)

    def _check(self, context: Corpus, touched: set[check.GroupKey] | None, members: list[Member], known: dict) -> None:
        """The groups in `touched` (all when None) checked again, their rows replaced, a thousand
        groups at a time: their findings are let go once saved."""
        db = self.db
        if touched is None:
            for table in ("groups", "conflicts", "sides"):
                db.execute(f"DELETE FROM {table}")
            db.execute("DELETE FROM problems WHERE origin LIKE 'group:%'")
        else:
            # By the group's key: two groups may share an id (a period and a scope both written "2021").
            keys = [(check.group_id(*key), json.dumps(key)) for key in touched]
            db.executemany("DELETE FROM groups WHERE id = ? AND key = ?", keys)
            for table in ("conflicts", "sides"):
                db.executemany(f"DELETE FROM {table} WHERE grp = ?", [(key,) for _, key in keys])
            db.executemany("DELETE FROM problems WHERE origin = 'group:' || ?", [(key,) for _, key in keys])
        _figures_of(db, members, known)
        groups = check.index(members, known, context.alias_map(), touched)
        keys = list(groups if touched is None else touched)
        for start in range(0, len(keys), 1000):
            rows_by_table: dict[str, list[tuple]] = {"groups": [], "conflicts": [], "sides": [], "problems": []}
            for key, found in check.check_groups(context, groups, known, keys[start:start + 1000]).items():
                self._group_rows(context, key, found, rows_by_table)
            for table, table_rows in rows_by_table.items():
                if table_rows:
                    db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(table_rows[0]))})", table_rows)

    def _rows(self, columns: str, skip: list[str], subjects: set[str] | None = None, ids: set[str] | None = None) -> list[Member]:
        """The claims of the files not in `skip` (of these subjects or ids only, when given)."""
        clause, values = _values(skip)
        where = f"path NOT IN {clause}"
        for column, wanted in (("subject", subjects), ("id", ids)):
            if wanted is not None:
                clause, more = _values(wanted)
                where += f" AND {column} IN {clause}"
                values += more
        return list(map(Member._make, self.db.execute(f"SELECT {columns} FROM claims WHERE {where}", values)))

    def _group_rows(self, context: Corpus, key: check.GroupKey, found: check.GroupFindings, rows: dict) -> None:
        """One group's rows: its findings as the check made them, with its review applied and its lines
        for `check`; added to `rows` by table, so each table takes one insert."""
        claims, stored_key = found.claims, json.dumps(key)
        conflicts, problems = check.review(context, [found.conflict] if found.conflict else [])
        conflict = conflicts[0] if conflicts else None
        is_open = bool(conflict and conflict.status == "open")
        rows["groups"].append((
            found.id, stored_key, views.conflict_line(context, claims, conflict) if conflict else None,
            "\n".join(views.target_line(context, claims, result) for result in found.targets),
            "\n".join(views.not_comparable_line(item) for item in found.not_comparable),
            int(conflict is not None), int(is_open), int(is_open and conflict.minor), int(found.agreement is not None),
            len(found.targets), len(found.not_comparable),
            _adapter(check.GroupFindings).dump_json(found).decode()))  # the long text last: rows read faster
        rows["problems"] += [(*_problem_row(p), f"group:{stored_key}") for p in problems]
        if conflict:
            c = conflict
            rows["conflicts"].append((c.id, c.subject, c.property, c.period, c.kind, c.scope, c.status, c.minor, c.spread,
                                      c.sides[0].unit, stored_key))
            rows["sides"] += [(c.id, n, claim, side.low, side.high, side.value, side.unit, side.origins, stored_key)
                              for n, side in enumerate(c.sides, 1) for claim in side.claims]

    def _save(self, context: Corpus) -> None:
        db = self.db
        db.execute("DELETE FROM files")
        db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)",
                       [(path, size, mtime, digest, is_claims) for path, (size, mtime, digest, is_claims) in self.files.items()])
        db.execute("DELETE FROM sources")
        db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(s.id, s.name, s.perspective, s.kind, s.country, s.url, s.reference, s.note, s.at.path, s.at.line)
                        for s in context.sources.values()])
        for key, value in (("context", _context_json(context)), ("settings", context.settings.model_dump_json()),
                           ("scanned_ns", str(self.started))):
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _problem_row(problem: Problem) -> tuple:
    return problem.where.path, problem.where.line, problem.message


def _in_project_order(fresh: list[Member], indexed: list[Member]) -> list[Member]:
    """Claims read now and claims from the index, by file and line (faster than asking SQLite for the order)."""
    return sorted(fresh + indexed, key=operator.attrgetter("path", "line"))


def _findings(root: Path, context: Corpus) -> check.Findings:
    """Every group's findings, with the reviews applied (for the commands that list them)."""
    with contextlib.closing(sqlite3.connect(Path(root) / store.STATE_DIR / NAME)) as db:
        rows = db.execute("SELECT key, findings FROM groups").fetchall()
    found = _adapter(list[check.GroupFindings]).validate_json("[" + ",".join(text for _, text in rows) + "]")
    return check.assemble(context, dict(zip([key for key, _ in rows], found)))


def _figures_of(db: sqlite3.Connection, claims: list, known: dict) -> None:
    """The figures of `claims` that this run has not read, as the index holds them (read, or why not)."""
    clause, values = _values({claim.figure for claim in claims if claim.figure not in known})
    for row in db.execute(f"SELECT figure, {', '.join(FIGURE_COLUMNS)}, unreadable FROM claims "
                          f"WHERE figure IN {clause} GROUP BY figure", values):
        known[row[0]] = _figure(row[:-1]) if row[-1] is None else figures.FigureError(row[-1])


MANY = 500


def _values(items) -> tuple[str, list]:
    """An SQL list of `items` and the values to bind: placeholders for a few (SQLite probes its index
    with each), one JSON array for many (no limit on how many values a statement may bind)."""
    items = sorted(items)
    if len(items) <= MANY:
        return f"({', '.join('?' * len(items))})", items
    return "(SELECT value FROM json_each(?))", [json.dumps(items)]


def _figure(row: tuple) -> Figure:
    text, *read = row
    fields = dict(zip(FIGURE_COLUMNS, read))
    fields["written_unit"] = fields["written_unit"] or ""
    return Figure.model_construct(text=text, **fields)


def _claim_rows(claims: list[Claim], members: list[Member], known: dict) -> Iterable[tuple]:
    for seq, (claim, member) in enumerate(zip(claims, members)):
        figure = known.get(claim.figure)
        read = ((*(getattr(figure, name) for name in FIGURE_COLUMNS), None)
                if isinstance(figure, Figure) else (None,) * len(FIGURE_COLUMNS) + (str(figure),))
        yield (*member, claim.url, claim.note, claim.field_at("figure").line, seq, *read)


def _claims(root: Path) -> tuple[list[Claim], dict[str, Figure]]:
    """Every claim and its read figure, from the index (for the commands that list claims)."""
    claims, read = [], {}
    fields = [*Member._fields, *CLAIM_EXTRA]
    with contextlib.closing(sqlite3.connect(Path(root) / store.STATE_DIR / NAME)) as db:
        for row in db.execute(f"SELECT {', '.join(fields)}, figure_line, {', '.join(FIGURE_COLUMNS)} FROM claims ORDER BY path, seq"):
            values = dict(zip(fields, row))
            path, line = values.pop("path"), values.pop("line")
            claim = Claim.model_construct(**values)
            claim._at, claim._lines = Location(path, line), (row[len(fields)],)
            claims.append(claim)
            if row[len(fields) + 1] is not None:
                read[claim.id] = _figure((claim.figure, *row[len(fields) + 1:]))
    return claims, read


@functools.cache
def _adapter(kind):
    """The pydantic adapter that keeps findings as JSON (`kind`: one group's, or a list of them), made once."""
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def _context_json(context: Corpus) -> str:
    """Outlets, subjects, reviews and settings with where each is written, for a run that reads no file."""
    def row(record) -> list:
        return [record.at.path, record.at.line, record._lines, record.model_dump()]
    return json.dumps({"settings": context.settings.model_dump(),
                       "sources": [row(s) for s in context.sources.values()],
                       "subjects": [row(s) for s in context.subjects], "reviews": [row(r) for r in context.reviews]})


def _context_from_json(text: str) -> Corpus:
    data = json.loads(text)
    loaded = {}
    for name, model in (("sources", Source), ("subjects", Subject), ("reviews", Review)):
        records = []
        for path, line, lines, fields in data[name]:
            record = model.model_construct(**fields)
            record._at, record._lines = Location(path, line), tuple(lines) if lines else None
            records.append(record)
        loaded[name] = records
    return Corpus.model_construct(settings=Settings.model_validate(data["settings"]),
                                  sources={s.id: s for s in loaded["sources"]}, claims=[],
                                  subjects=loaded["subjects"], reviews=loaded["reviews"], archives={})
