"""The derived index, `.claimcheck/index.sqlite` (design §6, §6a): a memo of each stage of the pipeline,
keyed by the stage's inputs, and the tables every command and page reads (`query`).

What it remembers, and by what:
- a file's size, time and digest (compared as git compares its index: size and time, then content);
- a claims file's claims and the problems found in it alone, by the file's digest;
- a figure's reading, by its text and the settings;
- a comparable group's findings, by the group's key and a digest of its members, the outlets they
  name and the settings; the reviews are applied after, to the stored conflicts;
- the outlets, subjects, reviews and settings, by their files' digests.
It stores data, never rendered text: every wording is made by `views` when it is shown. Its version
key holds a hash of the package's own code and vocabulary, so an index written by other code is
rebuilt, never read. The YAML files are the truth: deleting the index changes no answer.

The pipeline (`pipeline.analyse`) decides what to run; this module only keeps and gives back. Each
run is one transaction (`BEGIN IMMEDIATE`, WAL), so runs at once wait for each other and a run
killed midway leaves the index as it was; opening (and making or rebuilding) the file holds
`.claimcheck/index.lock`, so two runs never make it at once. A corrupt, foreign or older index is rebuilt, with a
notice; a project folder that cannot hold one gets an index in memory, which remembers nothing.
The tables are documented in the README, for people who query their claims with sqlite3.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from pydantic_core import from_json

from . import __version__, origins, store
from .safetext import fold
from .models import Claim, Corpus, Figure, Location, Member, Problem, Review, Settings, Source, Subject, date_bounds, period_bounds


def read_json(text: str | bytes) -> object:
    """JSON the index stored, read by pydantic-core's parser: the values of `json.loads` in half its time, and
    in half again without interning its strings (a listing of every conflict reads most of the index, whose
    strings repeat little)."""
    return from_json(text, cache_strings=False)


NAME = "index.sqlite"
OPENING_LOCK = "index.lock"  # held while a run opens, makes or rebuilds the index file
APPLICATION_ID = 0x63636B31  # "cck1": marks the file as a claimcheck index
FORMAT = 18
"""Bump when the tables change shape or what a column holds: an index of another format is rebuilt."""
RACY_NS = 2_000_000_000
"""A file modified this close to the last scan may have changed again within the same mtime tick: hash it."""
DISABLE = "CLAIMCHECK_NO_INDEX"
MAPPED = 1 << 30
"""How much of the index file the read model (`query.Reader`) reads through a memory map (docs/decisions.md):
1 GiB, some 600,000 claims."""

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
                     unreadable TEXT, topic TEXT, grp TEXT, published_from TEXT, published_to TEXT,
                     period_from TEXT, period_to TEXT, plain INTEGER, links TEXT, words TEXT, names TEXT,
                     searched TEXT);
CREATE INDEX claims_by_path ON claims (path, seq);
CREATE INDEX claims_by_id ON claims (id);
CREATE INDEX claims_by_group ON claims (grp);
CREATE INDEX claims_by_source ON claims (source);
CREATE INDEX claims_by_subject ON claims (subject, path, seq);
CREATE INDEX claims_searched ON claims (searched);
CREATE INDEX claims_by_via ON claims (via) WHERE via IS NOT NULL;
CREATE INDEX claims_by_archive ON claims (archive) WHERE archive IS NOT NULL;
CREATE INDEX claims_anchoring ON claims (grp, path, seq, quote, figure, value, low, high, unit, dimension, noun, as_of, period, kind,
                                          published, words, names) WHERE grp IS NOT NULL AND quote <> '';
CREATE TABLE vocabulary (kind INTEGER, word TEXT, claims INTEGER, PRIMARY KEY (kind, word)) WITHOUT ROWID;
CREATE TABLE spans (grp TEXT, dimension TEXT, period TEXT, kind TEXT, unit TEXT, positive INTEGER, smallest REAL, largest REAL);
CREATE INDEX spans_by_group ON spans (grp, unit, positive);
CREATE INDEX spans_fitting ON spans (dimension, period, kind, unit, positive, largest, smallest, grp);
CREATE TABLE readings (text TEXT PRIMARY KEY, value REAL, low REAL, high REAL, unit TEXT, dimension TEXT, qualifier TEXT,
                       noun TEXT, written_unit TEXT, written_factor REAL, range_low REAL, range_high REAL,
                       unreadable TEXT) WITHOUT ROWID;
CREATE TABLE groups (key TEXT PRIMARY KEY, id TEXT, digest TEXT, conflicts INTEGER, agreements INTEGER, targets INTEGER,
                     not_comparable INTEGER, findings TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE conflicts (id TEXT, subject TEXT, property TEXT, period TEXT, kind TEXT, scope TEXT,
                        status TEXT, minor INTEGER, spread REAL, unit TEXT, grp TEXT,
                        perspective_split INTEGER, reference INTEGER, outlets INTEGER, latest TEXT,
                        review_note TEXT, reviewed TEXT, stale_review TEXT, reference_outlets TEXT, conversions TEXT,
                        said TEXT, intervals TEXT, earliest TEXT, perspectives TEXT);
CREATE INDEX conflicts_by_group ON conflicts (grp);
CREATE INDEX conflicts_by_id ON conflicts (id, grp);
CREATE INDEX conflicts_by_status ON conflicts (status, id, grp, minor);
CREATE TABLE sides (conflict TEXT, side INTEGER, claim TEXT, low REAL, high REAL, value REAL, unit TEXT, origins INTEGER,
                    grp TEXT, source TEXT, via TEXT, published TEXT, published_from TEXT, published_to TEXT, figure TEXT,
                    claims INTEGER, largest INTEGER, with_reference INTEGER);
CREATE INDEX sides_by_group ON sides (grp);
CREATE INDEX sides_by_claim ON sides (claim);
CREATE INDEX sides_by_source ON sides (source);
CREATE TABLE problems (path TEXT, line INTEGER, message TEXT, origin TEXT, rank INTEGER);
CREATE INDEX problems_by_origin ON problems (origin);
CREATE TABLE origins (origin INTEGER, position INTEGER, path TEXT, seq INTEGER, source TEXT, repeats INTEGER, claim TEXT);
"""
CLAIMS_TABLE = [column.split()[0] for column in re.search(r"CREATE TABLE claims \((.*?)\);", SCHEMA, re.S).group(1).split(",")]
ANCHORING = "c.grp IS NOT NULL AND c.quote <> ''"
"""The claims a draft may join: with a quote and a readable figure (the index `claims_anchoring` holds them)."""
ANCHOR_COLUMNS = "grp, quote, words, names, topic"
"""What the `vocabulary` counts read of a claim."""
_ANCHOR_AT = [CLAIMS_TABLE.index(name) for name in ANCHOR_COLUMNS.split(", ")]
SPANNED_COLUMNS = "dimension, unit, value"
_SPANNED_AT = [CLAIMS_TABLE.index(name) for name in ("grp", "quote", *SPANNED_COLUMNS.split(", "))]
MEMBER_COLUMNS = ", ".join(Member._fields)
ID_COLUMNS = ", ".join(name if name in ("id", "path", "line") else "NULL" for name in Member._fields)
"""What the rules across claims read of a claim (`validate.ACROSS_CLAIMS`); the other fields left empty."""
FIGURE_COLUMNS = ("value", "low", "high", "unit", "dimension", "qualifier", "noun", "written_unit", "written_factor",
                  "range_low", "range_high")
_TABLE = re.compile(r"CREATE INDEX (\w+) ON (\w+)")
UNIT = "\x1f"
"""Between the perspectives of a conflict (`conflicts.perspectives`): no YAML text can hold it."""


class Rank:
    """Where a problem stands among the problems of one line, as a run of the whole pipeline lists them."""

    READ, FIGURE, EACH, ACROSS, REVIEW, UNKNOWN_REVIEW = range(6)


@functools.cache
def version() -> str:
    """What the index's contents depend on besides the files: claimcheck's own code and vocabulary
    (a hash of the package's files, so any change of code rebuilds it), Python and the data packages."""
    parts = [f"claimcheck {__version__}", f"python {sys.version_info[0]}.{sys.version_info[1]}"]
    for package in ("pydantic", "pint", "currencyconverter"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            parts.append(f"{package} {metadata.version(package)}")
    code = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".txt") and "templates" not in path.relative_to(package).parts:
            code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return "; ".join(parts + [f"code {code.hexdigest()[:16]}"])


class Said(NamedTuple):
    """What the wording of a conflict needs of each of its claims: who, when, what."""

    source: str
    via: str | None
    published: str | None
    figure: str


class Scan(NamedTuple):
    """What a run found on disk: each file's state, and which changed since the index's last run."""

    files: dict[str, tuple[int, int, str, bool]]  # path -> size, time, digest, is a claims file
    changed: set[str]  # added, edited or removed since the last run
    touched: list[str]  # same content, new size or time
    unnamed: list[str]  # file names that are not UTF-8: they cannot be rows
    renamed: bool  # which names are not UTF-8 changed since the last run


class Index:
    """One open index: a SQLite connection, and what the pipeline keeps in it and reads back."""

    def __init__(self, db: sqlite3.Connection, root: Path, path: Path | None, notices: list[str]):
        self.db, self.root, self.path, self.notices = db, Path(root), path, notices
        self.started = time.time_ns()
        self.respan: set[str] = set()  # the groups whose claims changed since their `spans` were made
        self.spanned: Counter | None = None  # what a file forgotten to be kept again held of `spans` (`_spanning`)

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path) -> "Index":
        """The project's index, made or rebuilt as needed; one in memory where the folder cannot hold
        a file (or CLAIMCHECK_NO_INDEX is set), with a notice saying why when that is a surprise."""
        root = Path(root)
        if os.environ.get(DISABLE):
            return cls.memory(root)
        with contextlib.ExitStack() as opening:
            try:
                folder = store.state_folder(root)
                opening.enter_context(store.locked(root, OPENING_LOCK))
            except OSError:
                return cls.memory(root)
            return cls._opened(root, folder)

    @classmethod
    def _opened(cls, root: Path, folder: Path) -> "Index":
        """Open, make or rebuild the index file, while no other run does (two runs making one file at
        once saw each other's half-made file as not claimcheck's, or locked, and deleted it)."""
        path, notices = folder / NAME, []
        existed = path.exists()
        for _ in range(2):
            try:
                db = _connect(path)
                application, format_ = (db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("application_id", "user_version"))
                if application == APPLICATION_ID and format_ == FORMAT and _meta(db, "version") == version():
                    return cls(db, root, path, notices)
                if (application, format_) == (0, 0) and not db.execute("SELECT 1 FROM sqlite_master").fetchone():
                    _create(db)
                    shutil.rmtree(folder / "cache", ignore_errors=True)  # the pickle cache of claimcheck before the index
                    return cls(db, root, path, notices)
                why = "of an older claimcheck" if application == APPLICATION_ID else "not claimcheck's"
            except sqlite3.DatabaseError as error:
                why = f"unreadable: {error}"
            with contextlib.suppress(NameError):
                db.close()
            if not remove(path):
                return cls.memory(root, [f"note: {store.STATE_DIR}/{NAME} cannot be used ({why}); checked without it"])
            if existed:
                notices.append(f"note: {store.STATE_DIR}/{NAME} was {why}; rebuilt it from the files")
        return cls.memory(root, notices)

    @classmethod
    def memory(cls, root: Path, notices: list[str] | None = None) -> "Index":
        """An index in memory: the same tables, gone when the run ends."""
        db = _connect(":memory:")
        _create(db)
        return cls(db, root, None, list(notices or []))

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One run's writes, all or none; a second run waits for the first (up to a minute)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """Every claim and finding written anew: the lookup indexes of their tables are dropped meanwhile
        and made again after, which is far faster than keeping them up to date row by row."""
        made = [statement for statement in SCHEMA.split(";") if statement.strip().startswith("CREATE INDEX")
                and _TABLE.search(statement).group(2) in ("claims", "sides", "conflicts")]
        for statement in made:
            self.db.execute(f"DROP INDEX IF EXISTS {_TABLE.search(statement).group(1)}")
        yield
        for statement in made:
            self.db.execute(statement)

    @contextlib.contextmanager
    def attempt(self) -> Iterator[None]:
        """Writes inside a transaction that are undone if what follows raises (a write refused)."""
        self.db.execute("SAVEPOINT attempt")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK TO attempt")
            self.db.execute("RELEASE attempt")
            raise
        self.db.execute("RELEASE attempt")

    # --- files ----------------------------------------------------------------------------------

    def scan(self, project: store.Project) -> Scan:
        """Every file a run reads and which changed since the last run: claims files, the context
        files (outlets, subjects, reviews, settings, anything else under claims/ and sources/) and
        the archives claims name elsewhere. A pending write (the project's overlay) always counts as changed."""
        db = self.db
        indexed = {path: (size, mtime, digest, bool(is_claims)) for path, size, mtime, digest, is_claims in
                   db.execute("SELECT path, size, changed_ns, digest, is_claims FROM files")}
        claims, others = store.project_files(project)
        claims = set(claims)
        paths = claims | set(others)
        paths |= {row[0] for row in db.execute("SELECT DISTINCT archive FROM claims WHERE archive IS NOT NULL")}
        last_scan = int(_meta(db, "scanned_ns") or 0)
        files, touched, unnamed = {}, [], []
        for path in sorted(paths):
            if not _utf8(path):
                unnamed.append(path)
                continue
            state = self.state(project, path, indexed.get(path), last_scan)
            if state is not None:
                files[path] = (*state, path in claims)
                if path in indexed and indexed[path][2] == state[2] and indexed[path][:2] != state[:2]:
                    touched.append(path)
        changed = {path for path in set(files) | set(indexed) if path not in files or path not in indexed
                   or files[path][2] != indexed[path][2]}
        return Scan(files, changed, touched, unnamed, _names(unnamed) != (_meta(db, "unnamed") or "[]"))

    @staticmethod
    def state(project: store.Project, path: str, old: tuple | None = None, last_scan: int = 0) -> tuple[int, int, str] | None:
        """A file's size, modification time and digest; the digest from the index while size and time
        are as they were, and the time is older than the last scan by more than a tick."""
        if path in project.overlay:
            return len(project.overlay[path].encode("utf-8")), 0, store.file_digest(project, path)
        state = store.file_state(project, path)
        if state is None:
            return None
        size, mtime = state
        if old and old[:2] == (size, mtime) and mtime < last_scan - RACY_NS:
            return old[:3]
        return size, mtime, store.file_digest(project, path)

    def keep_files(self, scan: Scan, archives: set[str]) -> None:
        """The files as this run saw them (with the archives the claims name now), for the next run."""
        files = dict(scan.files)
        project = store.Project(self.root)
        for path in sorted(archives - set(files)):
            if _utf8(path) and (state := self.state(project, path)) is not None:
                files[path] = (*state, False)
        self.db.execute("DELETE FROM files")
        self.db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)",
                            [(path, size, mtime, digest, is_claims) for path, (size, mtime, digest, is_claims) in files.items()])
        _set_meta(self.db, "scanned_ns", str(self.started))
        _set_meta(self.db, "unnamed", _names(scan.unnamed))

    def touch(self, scan: Scan) -> None:
        """Files touched but not changed keep their new times, not to be hashed again."""
        self.db.executemany("UPDATE files SET size = ?, changed_ns = ? WHERE path = ?",
                            [(*scan.files[path][:2], path) for path in scan.touched])

    def written(self, project: store.Project, paths: Iterable[str]) -> None:
        """Files a write put on disk: their real size and time, the digest already kept."""
        for path in paths:
            if (state := store.file_state(project, path)) is not None:
                self.db.execute("UPDATE files SET size = ?, changed_ns = ? WHERE path = ?", (*state, path))

    def named_archives(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT DISTINCT archive FROM claims WHERE archive IS NOT NULL")}

    # --- the context: outlets, subjects, reviews, settings ----------------------------------------

    def context(self) -> Corpus | None:
        """Outlets, subjects, reviews and settings as the last run read them, each where it is written."""
        saved = _meta(self.db, "context")
        return None if saved is None else context_from_json(saved)

    def keep_context(self, context: Corpus, problems: dict[str, list[Problem]]) -> None:
        """The context and the problems of each part re-read (`problems`: part -> its problems)."""
        db = self.db
        for part, found in problems.items():
            self.keep_problems(f"context:{part}", Rank.READ, found)
        db.execute("DELETE FROM sources")
        db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(s.id, s.name, s.perspective, s.kind, s.country, s.url, s.reference, s.note, s.at.path, s.at.line)
                        for s in context.sources.values()])
        _set_meta(db, "context", context_json(context))
        _set_meta(db, "settings", context.settings.model_dump_json())

    def settings_json(self) -> str | None:
        return _meta(self.db, "settings")

    def forget_everything(self) -> None:
        """Every stored row but the files: the settings changed, so every reading and finding may."""
        for table in ("claims", "readings", "groups", "conflicts", "sides", "problems", "origins", "vocabulary", "spans"):
            self.db.execute(f"DELETE FROM {table}")

    # --- readings of figures ------------------------------------------------------------------

    def readings(self, texts: Iterable[str], known: dict) -> None:
        """The readings of `texts` that `known` lacks, as this index holds them: a Figure, or the
        reason it cannot be read (a str)."""
        clause, values = sql_list({text for text in texts if text not in known})
        if not values:
            return
        for row in self.db.execute(f"SELECT text, {', '.join(FIGURE_COLUMNS)}, unreadable FROM readings "
                                   f"WHERE text IN {clause}", values):
            known[row[0]] = figure_of(row[:-1]) if row[-1] is None else row[-1]

    def keep_readings(self, readings: dict[str, object]) -> None:
        """New readings: a Figure, or an error whose text says why it cannot be read."""
        self.db.executemany(f"INSERT OR REPLACE INTO readings VALUES ({', '.join('?' * (len(FIGURE_COLUMNS) + 2))})",
                            [(text, *_reading(reading)) for text, reading in readings.items()])

    # --- claims files ----------------------------------------------------------------------

    def file_members(self, path: str) -> list[tuple[str | None, Member]]:
        """The claims of one file as the index holds them, in file order, each with its group's key."""
        return [(row[0], Member._make(row[1:])) for row in
                self.db.execute(f"SELECT grp, {MEMBER_COLUMNS} FROM claims WHERE path = ? ORDER BY seq", (path,))]

    def forget_file(self, path: str, again: bool = False) -> Counter:
        """A claims file's claims and the problems found in it, before it is read again or after it is gone.
        `again`: it is kept again next (`keep_file`), which takes its claims' words from the vocabulary then
        (returned here), with its new claims' added: one difference written, not every word twice."""
        rows = self.db.execute(f"SELECT {ANCHOR_COLUMNS}, {SPANNED_COLUMNS} FROM claims WHERE path = ?", (path,)).fetchall()
        spanned = _spanning(rows, 5)
        if again:
            self.spanned = spanned
        else:
            self.respan.update(key[0] for key in spanned)
        words = _word_counts(row[:5] for row in rows)
        if not again:
            self._add_words(words, -1)
        self.db.execute("DELETE FROM claims WHERE path = ?", (path,))
        self.db.executemany("DELETE FROM problems WHERE origin = ?", [(f"read:{path}",), (f"rules:{path}",)])
        return words

    def keep_file(self, path: str, rows: list[tuple], words: Counter, problems: list[Problem], rules: list[Problem],
                  forgotten: Counter | None = None) -> None:
        """One claims file's claims as rows (`claim_rows`) with their words (`word_counts` of the rows, counted where
        the file was parsed), the problems of reading it (`problems`) and of the rules on its claims alone (`rules`);
        `forgotten`: the words of the claims it held before."""
        self.db.executemany(f"INSERT INTO claims VALUES ({', '.join('?' * len(CLAIMS_TABLE))})", rows)
        spanned, before = _spanning([[row[n] for n in _SPANNED_AT] for row in rows], 2), self.spanned or Counter()
        self.spanned = None
        self.respan.update(key[0] for key in (spanned - before) + (before - spanned))  # only groups whose spans may change
        if forgotten:
            words = words.copy()
            words.subtract(forgotten)
        self._add_words(words, 1)
        self.keep_problems(f"read:{path}", Rank.READ, problems)
        self.keep_problems(f"rules:{path}", Rank.EACH, rules)

    def item_lines(self, path: str, digest: str) -> list[int] | None:
        """The line of each item of a claims file, as the index read them, while the file holds what was read
        (its `store.file_digest` is `digest`) and every item of it was read into a claim, without a problem;
        None when that cannot be said."""
        db = self.db
        if db.execute("SELECT digest FROM files WHERE path = ? AND is_claims", (path,)).fetchone() != (digest,) \
                or db.execute("SELECT 1 FROM problems WHERE origin = ? LIMIT 1", (f"read:{path}",)).fetchone():
            return None
        return [row[0] for row in db.execute("SELECT line FROM claims WHERE path = ? ORDER BY seq", (path,))] or None

    def rules_found(self, path: str) -> list[tuple[int | None, str]]:
        """What the rules on one claim at a time found in one claims file (line, message), in the order found."""
        return self.db.execute("SELECT line, message FROM problems WHERE origin = ? ORDER BY rowid", (f"rules:{path}",)).fetchall()

    def keep_rules(self, path: str, rules: list[Problem]) -> None:
        """The problems the rules found in one file's claims alone, run again (its outlets or archives changed)."""
        self.db.execute("DELETE FROM problems WHERE origin = ?", (f"rules:{path}",))
        self.keep_problems(f"rules:{path}", Rank.EACH, rules)

    def paths_naming(self, outlets: set[str], archives: set[str]) -> list[str]:
        """The claims files with a claim that names one of these outlets (source or via) or archives."""
        found: set[str] = set()
        for column, wanted in (("source", outlets), ("via", outlets), ("archive", archives)):
            if wanted:
                clause, values = sql_list(wanted)
                found |= {row[0] for row in self.db.execute(f"SELECT DISTINCT path FROM claims WHERE {column} IN {clause}", values)}
        return sorted(found)

    def regroup(self, subjects: set[str], key_of, topic_of) -> set[str]:
        """The claims of these subjects given their group's key and subject after aliases anew (the
        aliases changed); the keys of the groups they left and joined."""
        clause, values = sql_list(subjects)
        touched, updates, left, joined = set(), [], [], []
        for row in self.db.execute(f"SELECT rowid, {ANCHOR_COLUMNS}, {MEMBER_COLUMNS} FROM claims WHERE subject IN {clause}", values):
            anchor, member = row[1:6], Member._make(row[6:])
            key = key_of(member) if anchor[0] is not None else None
            topic = topic_of(member.subject)
            if key != anchor[0]:
                touched |= {anchor[0], key} - {None}
            updates.append((key, topic, row[0]))
            left.append(anchor)
            joined.append((key, *anchor[1:4], topic))
        self.db.executemany("UPDATE claims SET grp = ?, topic = ? WHERE rowid = ?", updates)
        self.respan |= touched
        words = _word_counts(joined)  # a claim's words hold its subject's, after aliases: one difference written
        words.subtract(_word_counts(left))
        self._add_words(words, 1)
        return touched

    def _add_words(self, counts: Counter, sign: int) -> None:
        """The `vocabulary` counts with `counts` (`word_counts`, each may be negative) added (`sign` 1) or
        taken away (-1); a word no claim holds any more is dropped."""
        changes = [(kind, word, sign * n) for (kind, word), n in counts.items() if n]
        self.db.executemany("INSERT INTO vocabulary VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET claims = claims + excluded.claims",
                            changes)
        if any(n < 0 for _, _, n in changes):
            self.db.execute("DELETE FROM vocabulary WHERE claims <= 0")

    def keep_spans(self) -> None:
        """The `spans` of the groups whose claims changed, made again from their claims with a quote and a
        readable figure (those a draft may join): a row per group whose claims are all of one dimension (its
        period and kind, `unit` NULL), and a row per unit and sign of their non-zero values with the smallest and
        the largest size, so that a draft finds the groups a figure may fit as a whole without reading every
        claim (`query.Reader.comparable`)."""
        if not self.respan:
            return
        clause, values = sql_list(self.respan)
        self.db.execute(f"DELETE FROM spans WHERE grp IN {clause}", values)
        self.db.execute(f"INSERT INTO spans SELECT c.grp, min(c.dimension), min(c.period), min(c.kind), NULL, NULL, NULL, NULL "
                        f"FROM claims c WHERE {ANCHORING} AND c.grp IN {clause} GROUP BY c.grp "
                        "HAVING min(c.dimension) = max(c.dimension)", values)
        self.db.execute(f"INSERT INTO spans SELECT c.grp, h.dimension, h.period, h.kind, c.unit, c.value > 0, min(abs(c.value)), "
                        f"max(abs(c.value)) FROM claims c JOIN spans h ON h.grp = c.grp AND h.unit IS NULL "
                        f"WHERE {ANCHORING} AND c.grp IN {clause} AND c.unit IS NOT NULL AND c.value <> 0 "
                        "GROUP BY c.grp, c.unit, c.value > 0", values)
        self.respan.clear()

    def members(self, keys: Iterable[str] | None = None) -> dict[str, list[Member]]:
        """The claims of these groups (all groups when None) by group key, each group in project order."""
        groups: dict[str, list[Member]] = {}
        if keys is None:
            rows = self.db.execute(f"SELECT grp, {MEMBER_COLUMNS} FROM claims WHERE grp IS NOT NULL ORDER BY path, seq")
        else:
            clause, values = sql_list(keys)
            rows = self.db.execute(f"SELECT grp, {MEMBER_COLUMNS} FROM claims WHERE grp IN {clause} ORDER BY path, seq", values)
        for row in rows:
            groups.setdefault(row[0], []).append(Member._make(row[1:]))
        return groups

    def ids(self, wanted: set[str], changed: set[str] | None = None) -> list[Member]:
        """The claims the rules across claims can object to: ids used twice, and those in `wanted`;
        their id and where they are written only. `changed`: the files read again since the ids used
        twice were last found (kept in `meta`): only the ids of their claims, and those, can be used twice
        now, so only they are counted, not every claim's id; None: every id counted."""
        kept = _meta(self.db, "twice")
        if changed is None or kept is None:
            twice = [row[0] for row in self.db.execute("SELECT id FROM claims GROUP BY id HAVING count(*) > 1")]
        else:
            clause, values = sql_list(changed)
            suspects = set(json.loads(kept)) | {row[0] for row in self.db.execute(f"SELECT id FROM claims WHERE path IN {clause}", values)}
            clause, values = sql_list(suspects)
            twice = [row[0] for row in self.db.execute(f"SELECT id FROM claims WHERE id IN {clause} GROUP BY id HAVING count(*) > 1", values)]
        _set_meta(self.db, "twice", json.dumps(sorted(twice)))
        clause, values = sql_list(set(twice) | set(wanted))
        return [Member._make(row) for row in self.db.execute(f"SELECT {ID_COLUMNS} FROM claims WHERE id IN {clause} ORDER BY path, seq", values)]

    def groups_naming(self, outlets: set[str]) -> set[str]:
        """The groups with a claim made by one of these outlets."""
        clause, values = sql_list(outlets)
        return {row[0] for row in self.db.execute(f"SELECT DISTINCT grp FROM claims WHERE grp IS NOT NULL AND source IN {clause}", values)}

    # --- problems --------------------------------------------------------------------------------

    def keep_problems(self, origin: str, rank: int, problems: list[Problem]) -> None:
        """Problems of one origin (a file, a stage, a group), replacing what that origin had."""
        self.db.execute("DELETE FROM problems WHERE origin = ?", (origin,))
        self.db.executemany("INSERT INTO problems VALUES (?, ?, ?, ?, ?)",
                            [(p.where.path, p.where.line, p.message, origin, rank) for p in problems])

    def problems(self, reviews: bool = True) -> list[Problem]:
        """Every problem, in the order of the files and lines they stand on; without `reviews`, those
        the reviews raise left out (a review of a conflict that is gone, a preferred claim not in it)."""
        where = "" if reviews else f"WHERE rank NOT IN ({Rank.REVIEW}, {Rank.UNKNOWN_REVIEW})"
        return [Problem(Location(path, line), message) for path, line, message in self.db.execute(
            f"SELECT path, line, message FROM problems {where} ORDER BY path, ifnull(line, 0), rank, rowid")]

    # --- groups and their findings --------------------------------------------------------------

    def digests(self, keys: Iterable[str]) -> dict[str, str]:
        """The digest of the inputs each of these groups' findings were made from."""
        clause, values = sql_list(keys)
        return dict(self.db.execute(f"SELECT key, digest FROM groups WHERE key IN {clause}", values))

    def forget_groups(self, keys: Iterable[str]) -> None:
        """The findings of these groups, before they are made again."""
        db = self.db
        keys = [(key,) for key in keys]
        db.executemany("DELETE FROM groups WHERE key = ?", keys)
        for table in ("conflicts", "sides"):
            db.executemany(f"DELETE FROM {table} WHERE grp = ?", keys)
        db.executemany("DELETE FROM problems WHERE origin = 'review:' || ?", keys)

    def keep_groups(self, rows: "GroupRows", problems: dict[str, list[Problem]]) -> None:
        """Groups' findings as rows (`group_rows`), and the problems each group's review raised, by key."""
        db = self.db
        db.executemany("INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows.groups)
        db.executemany(f"INSERT INTO conflicts VALUES ({', '.join('?' * 24)})", rows.conflicts)
        db.executemany(f"INSERT INTO sides VALUES ({', '.join('?' * 18)})", rows.sides)
        for key, raised in problems.items():
            self.keep_problems(f"review:{key}", Rank.REVIEW, raised)

    def conflicts(self, where: str = "1", values: list | tuple = (), order: str = "c.id, c.grp", limit: int | None = None,
                  offset: int = 0, intervals: bool = True) -> Iterator[tuple[str, dict, dict[str, Said]]]:
        """Conflicts as stored (`where` and `order` SQL on `conflicts c`), one at a time as they are read:
        each one's group key, the conflict as a dict (the fields of models.Conflict, its review applied;
        without `intervals`, its claims' intervals left out, for the terminal's lines) and, by claim id,
        what each of its claims said (source, via, published, figure)."""
        for row in self.conflict_rows(where, values, order, limit, offset, intervals):
            yield conflict_of(row)

    def conflict_rows(self, where: str = "1", values: list | tuple = (), order: str = "c.id, c.grp", limit: int | None = None,
                      offset: int = 0, intervals: bool = True) -> sqlite3.Cursor:
        """`conflicts` as the rows they are read from (`conflict_of` reads one)."""
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        columns = CONFLICT_COLUMNS if intervals else CONFLICT_COLUMNS.replace("c.intervals", "NULL")
        return self.db.execute(f"SELECT {columns} FROM conflicts c WHERE {where} ORDER BY {order}{page}", values)

    def keep_reviewed(self, reviewed: list[tuple[str, object]], problems: dict[str, list[Problem]]) -> None:
        """Conflicts with their reviews applied (group key, conflict): status, minor, the review's note
        and date, and what changed since a stale review; the problems each review raised, by group key."""
        self.db.executemany(
            "UPDATE conflicts SET status = ?, minor = ?, review_note = ?, reviewed = ?, stale_review = ? WHERE grp = ?",
            [(c.status, int(c.minor), c.review_note, c.reviewed and str(c.reviewed),
              c.stale_review and c.stale_review.model_dump_json(), key) for key, c in reviewed])
        for key, found in problems.items():
            self.keep_problems(f"review:{key}", Rank.REVIEW, found)

    def conflict_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM conflicts")}

    # --- origins, kept when first asked for -------------------------------------------------------

    def origins_kept(self) -> bool:
        return _meta(self.db, "origins") == "kept"

    def keep_origins(self, groups: list[list[tuple[str, int, str, str]]]) -> None:
        """Every origin that several claims share: its claims (path, seq, outlet, id), earliest first; a
        claim after the first of another outlet repeats the origin."""
        db = self.db
        db.execute("DELETE FROM origins")
        db.executemany("INSERT INTO origins VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(number, position, path, seq, source, int(position > 0 and source != group[0][2]), claim)
                        for number, group in enumerate(groups) for position, (path, seq, source, claim) in enumerate(group)])
        _set_meta(db, "origins", "kept")

    def forget_origins(self) -> None:
        self.db.execute("DELETE FROM origins")
        self.db.execute("DELETE FROM meta WHERE key = 'origins'")

    def kept(self, name: str) -> object:
        """What a read made and kept (`keep`) since the last change, as data; None when nothing is kept."""
        text = _meta(self.db, f"kept {name}")
        return None if text is None else read_json(text)

    def keep(self, name: str, data: object) -> None:
        _set_meta(self.db, f"kept {name}", json.dumps(data))

    def memo(self, name: str) -> object:
        """What a read made over every group at once and kept (`keep_memo`) beside a digest of what it read,
        which no change forgets: a read after a change that leaves its inputs as they were takes it back."""
        text = _meta(self.db, f"memo {name}")
        return None if text is None else read_json(text)

    def memo_digest(self, name: str) -> str | None:
        return _meta(self.db, f"memo {name} digest")

    def keep_memo(self, name: str, digest: str, data: object) -> None:
        _set_meta(self.db, f"memo {name}", json.dumps(data))
        _set_meta(self.db, f"memo {name} digest", digest)

    def units(self) -> dict:
        """What pint told a run before of units and words (`figures.units_told`): it depends on the code and
        pint's version alone, which the index's version holds, so no change of the files forgets it."""
        return json.loads(_meta(self.db, "units") or "{}")

    def keep_units(self, told: dict) -> None:
        _set_meta(self.db, "units", json.dumps(told))

    def forget_kept(self, but: tuple[str, ...] = ()) -> None:
        """A change: what reads made and kept is made again when next asked for, from the next state (`generation`),
        but for the names the change cannot have changed."""
        kept, values = sql_list([f"kept {name}" for name in but])
        self.db.execute(f"DELETE FROM meta WHERE key LIKE 'kept %' AND key NOT IN {kept}", values)
        _set_meta(self.db, "generation", str(int(self.generation() or 0) + 1))

    def generation(self) -> str | None:
        """Which state the index holds: a number each change makes new (None before the first)."""
        return _meta(self.db, "generation")


CONFLICT_COLUMNS = ("c.grp, c.id, c.subject, c.property, c.period, c.kind, c.scope, c.status, c.minor, c.spread, "
                    "c.perspective_split, c.reference, c.reference_outlets, c.review_note, c.reviewed, c.stale_review, "
                    "c.conversions, c.said, c.intervals")


def conflict_of(row: tuple) -> tuple[str, dict, dict[str, Said]]:
    """A conflict from its row (`Index.conflict_rows`): its group's key, its dict (models.Conflict's fields)
    and what its claims said (its JSON read by `read_json`)."""
    (key, ident, subject, prop, period, kind, scope, status, minor, spread, divided, reference, references, note, reviewed,
     stale, conversions, made, intervals) = row
    sides, said = [], {}
    for low, high, unit, value, independent, outlets, perspectives, speakers, claims, stated_low, stated_high in read_json(made):
        ids = []
        for claim, source, via, published, figure in claims:
            ids.append(claim)
            said[claim] = Said(source, via, published, figure)
        sides.append({"claims": ids, "low": low, "high": high, "unit": unit, "value": value, "stated_low": stated_low,
                      "stated_high": stated_high, "outlets": outlets, "origins": independent, "perspectives": perspectives,
                      "speakers": speakers})
    return key, {"id": ident, "subject": subject, "property": prop, "period": period, "kind": kind, "scope": scope,
            "status": status, "spread": spread, "perspective_split": bool(divided), "reference": bool(reference),
            "reference_outlets": read_json(references) if reference else [], "sides": sides,
            "conversions": read_json(conversions) if conversions else [],
            "intervals": intervals and [{"claim": claim, "low": low, "high": high, "value": value, "qualifier": qualifier}
                                        for claim, low, high, value, qualifier in read_json(intervals)],
            "review_note": note, "reviewed": reviewed, "minor": bool(minor),
            "stale_review": read_json(stale) if stale else None}, said


class GroupRows(NamedTuple):
    """Rows of `groups`, `conflicts` and `sides` for some groups' findings."""

    groups: list[tuple]
    conflicts: list[tuple]
    sides: list[tuple]


def group_rows(found: list[tuple[str, str, object]], members: dict[str, list[Member]], references: set[str]) -> GroupRows:
    """Groups' findings (key, digest of their inputs, the findings, a conflict with its review applied)
    as rows: one of `groups` each, and for a conflict its row and a row per claim of each side, with
    the claim's outlet and date (for the filters); `references`: the reference outlets. Pure: it runs
    where the groups are checked."""
    rows = GroupRows([], [], [])
    for key, digest, result in found:
        conflict = result.conflict
        rest = {"agreement": result.agreement and result.agreement.model_dump(mode="json"),
                "targets": [t.model_dump(mode="json") for t in result.targets],
                "not_comparable": [n.model_dump(mode="json") for n in result.not_comparable]}
        rows.groups.append((key, result.id, digest, int(conflict is not None), int(result.agreement is not None),
                            len(result.targets), len(result.not_comparable),
                            json.dumps(rest) if result.agreement or result.targets or result.not_comparable else ""))
        if conflict is not None:
            _conflict_rows(key, conflict, members.get(key, ()), references, rows.conflicts, rows.sides)
    return rows


def _conflict_rows(key: str, c, members, references: set[str], conflicts: list, sides: list) -> None:
    """A conflict's row, with its sides and what each claim said as compact JSON (to read it back
    whole), and a row per claim of each side (to find it by outlet, perspective and date in SQL)."""
    said = {member.id: member for member in members}
    dated = [days(said[claim].published) for side in c.sides for claim in side.claims if said[claim].published]
    perspectives = sorted({perspective.lower() for side in c.sides for perspective in side.perspectives})
    made = [[side.low, side.high, side.unit, side.value, side.origins, side.outlets, side.perspectives, side.speakers,
             [[claim, said[claim].source, said[claim].via, said[claim].published, said[claim].figure] for claim in side.claims],
             side.stated_low, side.stated_high]
            for side in c.sides]
    conflicts.append((c.id, c.subject, c.property, c.period, c.kind, c.scope, c.status, int(c.minor), c.spread,
                      c.sides[0].unit, key, int(c.perspective_split), int(c.reference),
                      len({outlet for side in c.sides for outlet in side.outlets}), max((last for _, last in dated), default=None),
                      c.review_note, c.reviewed and str(c.reviewed), c.stale_review and c.stale_review.model_dump_json(),
                      json.dumps(c.reference_outlets),
                      json.dumps([v.model_dump(mode="json") for v in c.conversions]) if c.conversions else None,
                      json.dumps(made), json.dumps([[i.claim, i.low, i.high, i.value, i.qualifier] for i in c.intervals]),
                      min((first for first, _ in dated), default=None), "".join(f"{UNIT}{p}" for p in perspectives) + UNIT))
    largest = max(len(side.claims) for side in c.sides)
    for number, side in enumerate(c.sides, 1):
        reference = int(bool(references & set(side.outlets)))
        for claim_id in side.claims:
            claim = said[claim_id]
            sides.append((c.id, number, claim_id, side.low, side.high, side.value, side.unit, side.origins, key,
                          claim.source, claim.via, claim.published, *days(claim.published), claim.figure,
                          len(side.claims), largest, reference))


def _spanning(rows: Iterable[tuple], at: int) -> Counter:
    """Of claims (their group's key and quote first, `SPANNED_COLUMNS` from `at`): how many of each group with a
    quote and a readable figure have each dimension, unit and value, all that its `spans` are made of."""
    return Counter((row[0], *row[at:at + 3]) for row in rows if row[0] is not None and row[1])


def word_counts(rows: list[tuple]) -> Counter:
    """Of these claims (rows of `claims`) with a quote and a readable figure: how many there are (kind 2) and
    how many hold each word (kind 0) and name (kind 1), as alignment reads them (`extract.quote_words`)."""
    return _word_counts([row[n] for n in _ANCHOR_AT] for row in rows)


def _word_counts(anchors: Iterable[tuple]) -> Counter:
    """`word_counts` of claims' `ANCHOR_COLUMNS`."""
    from .extract import subject_words

    counts: Counter = Counter()
    for grp, quote, words, names, topic in anchors:
        if grp is None or not quote:
            continue
        counts[2, ""] += 1
        counts.update((0, word) for word in set(json.loads(words)) | set(subject_words(topic)))
        counts.update((1, name) for name in json.loads(names))
    return counts


SEARCHED_FIELDS = ("quote", "figure", "speaker", "note", "subject", "property")
"""The fields a search of claims reads (`claims --text`, `search`, the claims page's `q`)."""
SEPARATOR = "\x1f"
"""What stands between the searched fields in `searched`, so that no text found spans two of them."""


def searched(fields: dict) -> str:
    """A claim's searched fields, case and accents folded (`safetext.fold`), as the `searched` column keeps them:
    a search is then one substring test over one narrow index, not a test of each field of every claim."""
    return SEPARATOR.join(fold(fields[name]) for name in SEARCHED_FIELDS)


def claim_rows(claims: list[Claim], members: list[Member], known: dict, keys: list[str | None],
               topics: list[str]) -> list[tuple]:
    """Rows of the `claims` table: each claim's fields, where it is written, its figure's reading (a
    Figure, or why it cannot be read), its group's key and its subject after aliases, the days of its
    dates, whether its searched text is plain ASCII, the keys it shares with the claims of its origin
    (`origins.links`), alignment's words and names, and its searched text folded. Pure: it runs where a file is
    parsed."""
    rows = []
    for seq, (claim, member, key, topic) in enumerate(zip(claims, members, keys, topics)):
        figure = known.get(claim.figure)
        read = _reading(figure)
        fields, lines = claim.__dict__, claim.__pydantic_private__["_lines"]
        said = searched(fields)
        rows.append((*member, fields["url"], fields["note"], lines[0] if lines and lines[0] else member.line, seq, *read, topic,
                     key, *days(fields["published"]), *days(fields["period"], period=True),
                     all((fields[name] or "").isascii() for name in SEARCHED_FIELDS),
                     _json_text(origins.links(member)), *_words(fields["quote"], fields["figure"], key, figure), said))
    return rows


_json_text = json.JSONEncoder(ensure_ascii=False).encode
"""`json.dumps(value, ensure_ascii=False)`, its encoder made once: a cold run writes three for each claim."""


def _words(quote: str | None, figure: str, key: str | None, read: object) -> tuple[str | None, str | None]:
    """The words and names alignment reads in a claim's quote around its figure (`extract.quote_words`; `read`,
    the figure's reading), as JSON: only for a claim with a quote and a readable figure (one a draft may join)."""
    if key is None or not quote or not isinstance(read, Figure):
        return None, None
    from .extract import quote_words

    words, names = quote_words(quote, figure, read.dimension)
    return _json_text(sorted(words)), _json_text(sorted(names))


def _connect(path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA cache_size=-32000")  # 32 MB of pages: inserting into the indexes stays in memory
    db.execute("PRAGMA wal_autocheckpoint=4000")  # copy the log into the database every few edits, not each
    db.create_function("lower_text", 1, lambda text: text and text.lower(), deterministic=True)
    return db


def remove(path: Path) -> bool:
    """Delete the index and its journal; False when it cannot be deleted."""
    try:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
    except OSError:
        return False
    return True


def _create(db: sqlite3.Connection) -> None:
    """The tables, made in one transaction: a run that opens the file meanwhile sees none or all."""
    script = (SCHEMA.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS").replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS")
              + f"PRAGMA application_id={APPLICATION_ID}; PRAGMA user_version={FORMAT};"
              + "INSERT OR REPLACE INTO meta VALUES ('version', '{}');".format(version().replace("'", "''")))
    db.executescript(f"BEGIN IMMEDIATE; {script} COMMIT;")


def _meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(path: str) -> str:
    """A file name that is not UTF-8, with its odd bytes shown as U+FFFD, so that it can be told and kept."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _names(paths: list[str]) -> str:
    return json.dumps(sorted(map(printable, paths)))


@functools.lru_cache(maxsize=65536)
def days(text: str | None, period: bool = False) -> tuple[str | None, str | None]:
    """The first and last day of a date (a period, with `period`) as ISO text, for comparing in SQL."""
    if not text:
        return None, None
    first, last = (period_bounds if period else date_bounds)(text)
    return first.isoformat(), last.isoformat()


MANY = 500


def sql_list(items) -> tuple[str, list]:
    """An SQL list of `items` and the values to bind: placeholders for a few (SQLite probes its index
    with each), one JSON array for many (no limit on how many values a statement may bind)."""
    items = sorted(items)
    if len(items) <= MANY:
        return f"({', '.join('?' * len(items))})", items
    return "(SELECT value FROM json_each(?))", [json.dumps(items)]


def figure_of(row: tuple) -> Figure:
    """A figure as the index keeps its reading: its text, then `FIGURE_COLUMNS`."""
    text, *read = row
    fields = dict(zip(FIGURE_COLUMNS, read))
    fields["written_unit"] = fields["written_unit"] or ""
    return Figure.model_construct(text=text, **fields)


def _reading(reading: object) -> tuple:
    if isinstance(reading, Figure):
        return (*(getattr(reading, name) for name in FIGURE_COLUMNS), None)
    return (None,) * len(FIGURE_COLUMNS) + (str(reading),)


def context_json(context: Corpus) -> str:
    """Outlets, subjects, reviews and settings with where each is written, for a run that reads no file."""
    def row(record) -> list:
        return [record.at.path, record.at.line, record.__pydantic_private__["_lines"], record.model_dump(mode="json")]
    return json.dumps({"settings": context.settings.model_dump(),
                       "sources": [row(s) for s in context.sources.values()],
                       "subjects": [row(s) for s in context.subjects], "reviews": [row(r) for r in context.reviews]})


def context_from_json(text: str) -> Corpus:
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
