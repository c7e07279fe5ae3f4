"""The check on a Dask cluster (design §10): `claimcheck check --engine dask [--scheduler ADDRESS]`.

`run(root, client)` lays `pipeline.analyse` out as Dask tasks, each running the same stage functions
as one machine does:

1. the claims files, in chunks of about equal size, read on the workers: parsed, their figures read
   and made members of their groups (`pipeline._read_file`), the rules on one claim at a time
   (`pipeline._rules`), the archives they quote read once per chunk;
2. every claim shuffled into one of as many buckets, by a stable hash of its group without the kind
   (a target group goes with its actual twin, as the check needs) and, for the rules across claims,
   by its id (every claim of an id meets in one bucket);
3. each bucket's groups checked and their conflicts reviewed (`pipeline._checked`, which calls
   `check.check_groups`), in project order, as rows of the index's tables;
4. what every task found gathered here as it completes, into an index in memory (never
   `index.sqlite`) that `views.check` prints from, and into Parquet files that replace
   `.claimcheck/findings/` when all are in. Steps that need every group at once (the rules across
   claims, reviews of no conflict) run here, on the gathered index, after the last bucket. `check`
   prints no likely side (design §9), on either engine, so none is estimated here.

The workers read the project at the same path as this machine (a shared filesystem); a file a worker
cannot read is a problem of that file, as on one machine. A worker lost midway has its tasks run
again by Dask. Dask itself is imported only here, so the core install does not need it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import json
import logging
import os
import shutil
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .. import index, pipeline, store, validate, yamlsafe
from ..check import group_key, unknown_reviews
from ..index import GroupRows, Index, Rank, Scan
from ..models import Corpus, Member, Problem
from ..query import Reader

FINDINGS = "findings"
TABLES = ("groups", "conflicts", "sides", "problems")
"""The Parquet files under .claimcheck/findings/, each with the columns of the index's table of that name."""
CHUNK_BYTES = 32 * 2**20
"""Claims files read by one task at most, about: a chunk's claims wait in memory for the shuffle."""
_TYPES = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64"}


class Unreachable(Exception):
    """No cluster to run on: the scheduler cannot be reached, has no workers or runs other code."""


class Inputs(NamedTuple):
    """What every task reads, sent to each worker once."""

    root: str
    context: Corpus  # outlets, subjects, reviews, settings
    aliases: dict[str, str]
    sources: dict[str, str]  # each outlet as JSON: the digest of a group's inputs names them
    settings: str
    references: set[str]
    preferred: set[str]  # the claims reviews prefer: the rules across claims look at them


class Part(NamedTuple):
    """The claims of one chunk bound for one bucket, in project order."""

    members: list[tuple[str, int, int, Member]]  # group key, file number, place in the file, claim
    readings: dict  # figure text -> its reading, for those claims
    ids: list[tuple[int, int, str, str, int | None]]  # file number, place, id, path, line: every claim by its id


class FilesRead(NamedTuple):
    """What a chunk of claims files holds besides the claims it sends on."""

    problems: list[tuple[str, list[Problem], list[Problem]]]  # path, problems of reading it, of the rules on its claims
    claims: int
    archives: dict[str, list[Problem]]  # each archive its claims name, and the problems of its own bytes


class Checked(NamedTuple):
    """What a bucket's groups found."""

    rows: GroupRows
    problems: dict[str, list[Problem]]  # what each group's review raised, by group key
    ids: list[tuple[int, int, str, str, int | None]]  # the claims the rules across claims look at
    claims: dict[str, tuple[int, int, Member]]  # the claims the target verdicts name


@contextlib.contextmanager
def connect(scheduler: str | None = None) -> Iterator:
    """A Dask client: on the scheduler at `scheduler` (Unreachable when there is none to run on, after
    Dask's connect timeout, `distributed.comm.timeouts.connect`), or on a local cluster of one worker
    process per core, one thread each (the check is pure Python)."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, dashboard_address=":0",
                          silence_logs=logging.CRITICAL) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler)
    except (OSError, ValueError, TypeError) as error:
        raise Unreachable(f"cannot reach the Dask scheduler at {scheduler}: {_first_line(error)}; start one with "
                          "'dask scheduler', or leave out --scheduler to run on a cluster of this machine's cores") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=_timeout())
        except TimeoutError:
            raise Unreachable(f"the Dask scheduler at {scheduler} has no workers; start one with 'dask worker {scheduler}'") from None
        yield client


def check(root: Path, scheduler: str | None = None) -> "Gathered":
    """What `claimcheck check --engine dask` prints from: the project checked on the cluster at
    `scheduler` (a local one when None). Dask's own log lines are kept off the terminal: what goes
    wrong is said in one line (Unreachable)."""
    from distributed.comm.core import CommClosedError

    with _quiet(), connect(scheduler) as client:
        try:
            return run(root, client)
        except (CommClosedError, concurrent.futures.CancelledError, asyncio.CancelledError) as error:
            raise Unreachable(f"the Dask cluster at {client.scheduler.address} went away midway ({_first_line(error)}); "
                              "the findings were left as they were") from None


def run(root: Path, client) -> "Gathered":
    """The project at `root` checked on the cluster of `client`; its findings gathered into a read model
    in memory and written as Parquet under .claimcheck/findings/."""
    import dask
    from distributed import as_completed

    root = Path(root).resolve()
    _same_code(client)
    project = store.Project(root)
    context, problems = store.load_context(project)
    gathered = Index.memory(root)
    listed = store.claims_files(project)
    unnamed = [path for path in sorted({*listed, *store.context_files(project)}) if not index._utf8(path)]
    with gathered.transaction():
        gathered.keep_context(context, {**problems, "names": pipeline._unnamed(Scan({}, set(), [], unnamed, False))})
    paths = [path for path in listed if path not in set(unnamed)]
    threads = sum(client.nthreads().values())
    chunks = _chunks(project, paths, threads)
    buckets = max(1, len(chunks))
    inputs = Inputs(str(root), context, context.alias_map(),
                    {outlet: source.model_dump_json() for outlet, source in context.sources.items()},
                    context.settings.model_dump_json(),
                    {outlet for outlet, source in context.sources.items() if source.reference},
                    {claim for review in context.reviews for claim in review.preferred})
    [shared] = client.scatter([inputs], broadcast=True, hash=False)
    reads, first = [], 0
    for chunk in chunks:
        reads.append(dask.delayed(_read_chunk, pure=False, nout=buckets + 1)(shared, chunk, first, buckets))
        first += len(chunk)
    checks = [dask.delayed(_check_bucket, pure=False)(shared, *[read[number] for read in reads]) for number in range(buckets)]
    files, archives, claims, ids, named, raised = [], {}, 0, [], {}, {}
    with _Findings(root, gathered) as findings, gathered.transaction():
        for _, found in as_completed(client.compute([*checks, *[read[buckets] for read in reads]]), with_results=True):
            if isinstance(found, BaseException):  # the cluster went away and took the tasks along
                raise found
            if isinstance(found, FilesRead):
                files += found.problems
                claims += found.claims
                archives.update(found.archives)
                continue
            gathered.keep_groups(GroupRows(found.rows.groups, found.rows.conflicts, []), {})  # sides: Parquet only
            findings.write(found.rows)
            raised.update(found.problems)
            ids += found.ids
            for claim, place in found.claims.items():
                if claim not in named or place[:2] < named[claim][:2]:
                    named[claim] = place
        _gathered(gathered, context, sorted(files, key=lambda file: file[0]), archives, ids, raised)
        findings.write_problems()
    return Gathered(gathered, claims, {claim: member for claim, (_, _, member) in named.items()})


def _gathered(gathered: Index, context: Corpus, files: list, archives: dict[str, list[Problem]], ids: list,
              raised: dict[str, list[Problem]]) -> None:
    """The problems, kept as one machine keeps them (`pipeline.analyse`), once every task is in: each
    file's, the rules across claims, the archives' own, each review's and reviews of no conflict."""
    for path, read, rules in files:
        gathered.keep_problems(f"read:{path}", Rank.READ, read)
        gathered.keep_problems(f"rules:{path}", Rank.EACH, rules)
    blank = dict.fromkeys(Member._fields)
    across = [Member(**{**blank, "id": claim, "path": path, "line": line}) for _, _, claim, path, line in sorted(ids)]
    gathered.keep_problems("project", Rank.ACROSS, validate.validate(context.model_copy(update={"claims": across}),
                                                                     validate.ACROSS_CLAIMS))
    own = [problem for name in sorted(archives) for problem in archives[name]]
    gathered.keep_problems("archives", Rank.READ, list(dict.fromkeys(own)))  # one file named twice: its problem once
    for key in sorted(raised):
        gathered.keep_problems(f"review:{key}", Rank.REVIEW, raised[key])
    gathered.keep_problems("reviews", Rank.UNKNOWN_REVIEW, unknown_reviews(context, gathered.conflict_ids()))


# --- the tasks, run on the workers ----------------------------------------------------------------


def _without_cycle_collector(task):
    """A task makes hundreds of thousands of small objects and next to no reference cycle: Python's
    cycle collector, walking them again and again as they grow, cost 40% of a bucket's check. The
    command line runs without it for the same reason (`cli.run`); a worker gets it back after the task."""

    @functools.wraps(task)
    def run(*args):
        with yamlsafe.collector_paused():
            return task(*args)

    return run


@_without_cycle_collector
def _read_chunk(inputs: Inputs, paths: list[str], first: int, buckets: int) -> tuple:
    """A chunk of claims files read, each through the stages one machine runs where a file is parsed;
    its claims split into `buckets` parts (`Part`), and last what else the files hold (`FilesRead`).
    `first`: the number of the chunk's first file in project order."""
    project = store.Project(Path(inputs.root))
    stage = functools.partial(pipeline._read_file, settings=inputs.context.settings, aliases=inputs.aliases)
    known: dict = {}  # figure text -> reading, for this chunk: a worker serves runs of other settings too
    parts = [Part([], {}, []) for _ in range(buckets)]
    problems, claims, texts, archives = [], 0, {}, {}
    for number, path in enumerate(paths, first):
        [(_, read)] = store.load_claims(project, [path], stage=stage, inline=(known,))
        for name in sorted({member.archive for member in read.members if member.archive} - set(texts)):
            archives[name] = []
            texts.update(store.read_archives(project, {name}, archives[name]))
        problems.append((path, read.problems, pipeline._rules(project, inputs.context, read.members, texts, path)))
        claims += len(read.members)
        for seq, (key, member) in enumerate(zip(read.keys, read.members)):
            parts[_bucket(member.id, buckets)].ids.append((number, seq, member.id, member.path, member.line))
            if key is not None:
                subject, prop, period, _, scope = group_key(member, inputs.aliases)
                part = parts[_bucket(f"{subject}\0{prop}\0{period}\0{scope}", buckets)]
                part.members.append((key, number, seq, member))
                part.readings[member.figure] = known[member.figure]
    return (*parts, FilesRead(problems, claims, archives))


@_without_cycle_collector
def _check_bucket(inputs: Inputs, *parts: Part) -> Checked:
    """One bucket's groups checked and reviewed as one machine checks them (`pipeline._checked`), each
    group's claims in project order; the claims whose id is used twice or that a review prefers; the
    claims that the target verdicts name."""
    groups: dict[str, list[Member]] = {}
    known: dict = {}
    for part in parts:  # in chunk order: project order
        known.update(part.readings)
        for key, _, _, member in part.members:
            groups.setdefault(key, []).append(member)
    keys = sorted(groups)
    digests = [(key, pipeline._digest(key, groups, inputs.sources, inputs.settings)) for key in keys]
    rows, problems = pipeline._checked(inputs.context, groups, known, digests, inputs.references)
    uses = Counter(place[2] for part in parts for place in part.ids)
    ids = [place for part in parts for place in part.ids if uses[place[2]] > 1 or place[2] in inputs.preferred]
    named = {claim for row in rows.groups if row[5] for verdict in _targets(row) for claim in (verdict["target"], verdict["actual"])}
    places: dict[str, tuple[int, int, Member]] = {}
    for part in parts if named else ():
        for _, number, seq, member in part.members:
            if member.id in named:
                places.setdefault(member.id, (number, seq, member))
    return Checked(rows, problems, ids, places)


def _targets(row: tuple) -> list[dict]:
    """The target verdicts of a row of `groups`."""
    return json.loads(row[7])["targets"]


def _bucket(text: str, buckets: int) -> int:
    """A stable bucket for `text`, the same in every process (Python's own hash of a str is not)."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) % buckets


def _chunks(project: store.Project, paths: list[str], threads: int) -> list[list[str]]:
    """The claims files in runs of about equal size, in project order: at least two per thread, for the
    cluster to balance, and none much over CHUNK_BYTES."""
    sizes = [(store.file_state(project, path) or (0, 0))[0] for path in paths]
    total = sum(sizes)
    count = min(len(paths), max(2 * threads, -(-total // CHUNK_BYTES)))
    chunks: list[list[str]] = []
    current: list[str] = []
    filled = 0
    for path, size in zip(paths, sizes):
        current.append(path)
        filled += size
        if filled * count >= total * (len(chunks) + 1):
            chunks.append(current)
            current = []
    return chunks + [current] if current else chunks


# --- around the run -------------------------------------------------------------------------------


class Gathered(Reader):
    """The read model over what the cluster found: an index in memory with the context, the problems
    and the groups' findings. The claims stay on the workers: of them it holds their count and the
    claims the target verdicts name (what a verdict's line reads of a claim: its figure and outlet)."""

    def __init__(self, gathered: Index, claims: int, named: dict[str, Member]):
        super().__init__(gathered)
        self._claims, self._named = claims, named

    def claims_count(self) -> int:
        return self._claims

    def claims_by_id(self, ids: Iterable[str]) -> dict[str, Member]:
        return {claim: self._named[claim] for claim in ids if claim in self._named}


class _Findings:
    """The findings' Parquet files, each written as the buckets come in, into a new folder that
    replaces .claimcheck/findings/ once complete (under the project's lock). A folder that cannot be
    written leaves the old findings as they were, with a notice; the check goes on."""

    def __init__(self, root: Path, gathered: Index):
        self.root, self.gathered, self.writers, self.folder = root, gathered, {}, None
        self.schemas = {table: _schema(gathered, table) for table in TABLES}

    def __enter__(self) -> "_Findings":
        import pyarrow.parquet as parquet

        try:
            self.folder = store.state_folder(self.root) / f"{FINDINGS}.{os.getpid()}.new"
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir()
            self.writers = {table: parquet.ParquetWriter(self.folder / f"{table}.parquet", schema)
                            for table, schema in self.schemas.items()}
        except OSError as error:
            self._give_up(error)
        return self

    def write(self, rows: GroupRows) -> None:
        for table in ("groups", "conflicts", "sides"):
            self._write(table, getattr(rows, table))

    def write_problems(self) -> None:
        self._write("problems", self.gathered.db.execute(
            "SELECT * FROM problems ORDER BY path, ifnull(line, 0), rank, rowid").fetchall())

    def _write(self, table: str, rows: list[tuple]) -> None:
        import pyarrow

        if table not in self.writers or not rows:
            return
        schema = self.schemas[table]
        columns = list(zip(*rows))
        try:
            self.writers[table].write_table(pyarrow.table(
                [pyarrow.array(column, field.type) for column, field in zip(columns, schema)], schema=schema))
        except OSError as error:
            self._give_up(error)

    def __exit__(self, kind, error, trace) -> None:
        try:
            for writer in self.writers.values():
                writer.close()
        except OSError as failure:
            self._give_up(failure)
        if not self.writers or kind is not None:
            self._remove()
            return
        final = self.folder.parent / FINDINGS
        try:
            with store.locked(self.root):
                old = self.folder.parent / f"{FINDINGS}.{os.getpid()}.old"
                if final.exists():
                    final.rename(old)
                self.folder.rename(final)
                shutil.rmtree(old, ignore_errors=True)
        except OSError as failure:  # store.WriteError too
            self._give_up(failure)

    def _give_up(self, error: OSError) -> None:
        for writer in self.writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        self.writers = {}
        self._remove()
        self.gathered.notices.append(f"note: {store.STATE_DIR}/{FINDINGS} could not be written ({error}); "
                                     "checked without writing it")

    def _remove(self) -> None:
        """The unfinished folder, gone."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _schema(gathered: Index, table: str):
    """The Arrow schema of a findings file: the columns of the index's table of that name."""
    import pyarrow

    return pyarrow.schema([(name, _TYPES[kind]) for _, name, kind, *_ in gathered.db.execute(f"PRAGMA table_info({table})")])


def _same_code(client) -> None:
    """Refuse workers that run other claimcheck code or packages: their answers could differ."""
    here = index.version()
    try:
        codes = client.run(index.version)
    except Exception as error:  # noqa: BLE001 - whatever a worker raised while loading claimcheck
        raise Unreachable(f"the Dask workers cannot run claimcheck ({_first_line(error)}); install the same claimcheck "
                          "and packages on every worker") from None
    other = {worker: code for worker, code in codes.items() if code != here}
    if other:
        worker, code = sorted(other.items())[0]
        raise Unreachable(f"the Dask worker {worker} runs other code ({code}) than this claimcheck ({here}); "
                          "install the same claimcheck and packages on every worker")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Dask's log lines (a client reconnecting, a worker restarted) kept off the terminal meanwhile."""
    loggers = [logging.getLogger(name) for name in ["distributed", *logging.root.manager.loggerDict]
               if name.split(".")[0] == "distributed"]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _timeout() -> float:
    import dask
    from dask.utils import parse_timedelta

    return parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), default="s")


def _first_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
