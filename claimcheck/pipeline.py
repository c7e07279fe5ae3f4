"""The one way through: files -> claims -> figures -> rules -> conflict check -> reviews. Library users start here.

`analyse` is the whole pipeline. Each stage runs on what changed since the index's last run and
keeps what it makes in the index, by the stage's inputs (`index.Index`: rows by file digest,
readings by text and settings, a group's findings by a digest of its members, their outlets and the
settings); a first run, or a run with an index in memory, runs every stage on everything. Commands
and pages then read what they show from the index (`query`). `run` is what every command calls;
writes go through `commit`, which runs the pipeline on the project as the write would leave it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import check, store, validate
from .index import GroupRows, Index, Rank, Scan, claim_rows, group_rows, printable, remove, sql_list, word_counts
from .models import Conflict, Corpus, Figure, Location, Member, Problem

if TYPE_CHECKING:
    from . import figures

BATCH = 1000
"""Groups checked and saved at a time: their findings are let go once kept."""


class Changes(NamedTuple):
    """What changed in the context since the last run, and so what must run again beyond the claims files."""

    everything: bool  # no run before, or other settings: every stage on everything
    outlets: set[str]  # outlets added, removed or changed: their claims' rules and groups
    archives: set[str]  # archives changed: the rules of the claims that quote them
    subjects: set[str]  # slugs whose subject changed (aliases): their claims' groups
    reviews: set[str]  # the conflicts that a changed review names, before or after the change


def analyse(project: store.Project, index: Index, progress: store.Progress | None = None) -> None:
    """The pipeline: the files read, their figures read, the rules, the conflict check and the reviews,
    each on what changed since `index` last saw the project; what each stage makes is kept in it."""
    scan = index.scan(project)
    if not scan.changed and not scan.renamed:
        index.touch(scan)  # touched but not changed: their new times kept, not to be hashed again
        return
    context, changes = _context(project, index, scan)  # outlets, subjects, reviews, settings
    known: dict[str, Figure | figures.FigureError] = {}  # figure text -> its reading, as this run needs them
    with index.bulk() if changes.everything else contextlib.nullcontext():
        touched, fresh = _claims(project, index, context, scan, changes, known, progress)
        touched |= _context_rules(project, index, context, scan, changes)
        _rules_across(project, index, context, None if changes.everything else scan.changed)
        if changes.everything:
            wanted = set(fresh)
        else:  # the groups of the claims that changed, with the target or actual twin of each, and of changed outlets
            wanted = touched | {_json(twin) for key in touched for twin in check.twins(_tuple(key))}
            wanted |= index.groups_naming(changes.outlets)
        rechecked = _check(index, context, sorted(wanted), fresh if changes.everything else None, known)
    index.keep_spans()  # after the lookup indexes are made again
    _reviews(index, context, changes, set(rechecked))
    if changes.everything or any(_was_claims(scan, index, path) for path in scan.changed):
        index.forget_origins()
    index.forget_kept(but=KEPT_OVER_REVIEWS if _reviews_only(scan, index) else ())
    index.keep_files(scan, index.named_archives())


def _claims(project: store.Project, index: Index, context: Corpus, scan: Scan, changes: Changes, known: dict,
            progress: store.Progress | None) -> tuple[set[str], dict[str, list[Member]]]:
    """The claims files that changed (every one, when everything runs again), each read, its figures read
    and the rules on its claims alone run, and kept; each file's claims let go once kept. The keys of the
    groups whose claims changed, and (when everything runs again) every group's claims."""
    paths = store.claims_files(project) if changes.everything else sorted(p for p in scan.changed if _was_claims(scan, index, p))
    paths = [path for path in paths if path not in scan.unnamed]
    aliases, archives = context.alias_map(), {}
    touched, fresh = set(), {}
    for path in paths:
        if path not in scan.files:  # gone
            touched |= {key for key, _ in index.file_members(path) if key is not None}
            index.forget_file(path)
    # A run of everything runs the rules of one claim at a time where each file is parsed (on all cores, for a
    # large project), as nothing found before is kept; a run of some files runs them here, keeping what they found.
    stage = functools.partial(_read_file, settings=context.settings, aliases=aliases, ruled=changes.everything)
    lookup = functools.partial(_readings, index)
    same_context = not (changes.everything or changes.outlets
                        or any(not _was_claims(scan, index, path) for path in changes.archives))
    ruling = (project, context, archives) if changes.everything else None  # what the rules read, where the stage runs them
    files = store.load_claims(project, [p for p in paths if p in scan.files], progress, stage, (known, lookup, ruling))
    with _left_for_workers(ruling) if ruling else contextlib.nullcontext():
        for path, read in files:
            before = [] if changes.everything else index.file_members(path)
            found = _found_before(before, index.rules_found(path)) if same_context else {}
            forgotten = None if changes.everything else index.forget_file(path, again=True)
            known.update(read.readings)
            index.keep_readings(read.readings)
            rules = read.rules if read.rules is not None else _rules(project, context, read.members, archives, path, found)
            index.keep_file(path, read.rows, read.words, read.problems, rules, forgotten)
            after = list(zip(read.keys, read.members))
            if changes.everything:
                for key, member in after:
                    if key is not None:
                        fresh.setdefault(key, []).append(member)
            else:
                touched |= _changed_groups(before, after)
    return touched, fresh


class FileRead(NamedTuple):
    """What a claims file's own stages made of it: rows of the index, its claims as members of their
    groups (their keys beside them), the problems of reading it, the readings of its new figure texts."""

    rows: list[tuple]
    words: Counter  # alignment's word counts of the rows (`index.word_counts`)
    members: list[Member]
    keys: list[str | None]
    problems: list[Problem]
    readings: dict
    rules: list[Problem] | None  # what the rules of one claim at a time found (`_rules`), where the stage ran them


_READINGS: dict = {}
"""The readings a worker process made, for the files it parses next (a worker parses one run's files)."""


def _read_file(path: str, claims: list, problems: list[Problem], known: dict | None = None, lookup=None,
               ruling: tuple | None = None, *, settings, aliases: dict[str, str], ruled: bool = False) -> FileRead:
    """A claims file's own stages after it is parsed, run where it was parsed (a worker process, for a
    large project): its figures read (those the index holds looked up, with `lookup`), its claims made
    members of their groups and rows of the index; with `ruled`, the rules of one claim at a time run on
    them, with the project, context and archives given (`ruling`, where the stage runs here) or left for the worker
    processes (`_left_for_workers`); its claims let go."""
    from . import figures  # the figure reader: loaded by a run that reads a file, not by one that finds nothing changed

    known = _READINGS if known is None else known
    if lookup is not None:
        lookup({claim.figure for claim in claims}, known)
    new = {claim.figure for claim in claims if claim.figure not in known}
    problems = problems + figures.read(claims, settings, known)
    members = [Member.of(claim) for claim in claims]
    made: dict[tuple, str] = {}
    keys = [_key(member, aliases, made) if isinstance(known[member.figure], Figure) else None for member in members]
    rows = claim_rows(claims, members, known, keys, [aliases.get(member.subject, member.subject) for member in members])
    rules = None
    if ruled:
        project, context, archives = ruling or _INHERITED
        rules = _rules(project, context, members, archives, path)
    return FileRead(rows, word_counts(rows), members, keys, problems, {text: known[text] for text in new}, rules)


def _context_rules(project: store.Project, index: Index, context: Corpus, scan: Scan, changes: Changes) -> set[str]:
    """The context changed: the rules run again on the claims files that name a changed outlet or
    archive, and the claims of changed aliases put in their groups; the keys of the groups they left and joined."""
    if changes.everything:
        return set()
    archives: dict = {}
    for path in index.paths_naming(changes.outlets, changes.archives):
        if path not in scan.changed:  # a file read this run had its rules run
            index.keep_rules(path, _rules(project, context, [member for _, member in index.file_members(path)], archives, path))
    aliases, keys = context.alias_map(), {}
    return index.regroup(changes.subjects, lambda member: _key(member, aliases, keys), lambda slug: aliases.get(slug, slug))


def _rules_across(project: store.Project, index: Index, context: Corpus, changed: set[str] | None) -> None:
    """The rules across claims (ids used twice, reviews naming claims, subjects named twice) and the
    problems of the archives' own bytes: found anew on every update (`changed`: the files read again, None for all)."""
    named = {claim for review in context.reviews for claim in review.preferred}
    across = context.model_copy(update={"claims": index.ids(named, changed)})
    index.keep_problems("project", Rank.ACROSS, validate.validate(across, validate.ACROSS_CLAIMS))
    archive_problems: list[Problem] = []
    store.read_archives(project, index.named_archives(), archive_problems)
    index.keep_problems("archives", Rank.READ, archive_problems)


def _reviews(index: Index, context: Corpus, changes: Changes, rechecked: set[str]) -> None:
    """The reviews, applied to each conflict as it is checked (in `_check`), and here to the stored
    conflicts that a changed review names, as the check made them; reviews of no conflict found."""
    stored = [(key, _as_checked(conflict)) for key, conflict, _ in list(index.conflicts(*_ids(changes.reviews))) if key not in rechecked]
    reviewed, problems = _review(context, stored)
    index.keep_reviewed(reviewed, {**{key: [] for key, _ in stored}, **problems})  # a review gone takes its problems along
    index.keep_problems("reviews", Rank.UNKNOWN_REVIEW, check.unknown_reviews(context, index.conflict_ids()))


def _context(project: store.Project, index: Index, scan: Scan) -> tuple[Corpus, Changes]:
    """Outlets, subjects, reviews and settings: the parts whose files changed read again, and what changed in them."""
    previous = index.context()
    parts = {store.context_part(path) for path in scan.changed if not _was_claims(scan, index, path)}
    names = _unnamed(scan)
    if previous is None or "settings" in parts:
        context, problems = store.load_context(project)
        everything = previous is None or context.settings.model_dump_json() != index.settings_json()
        if everything and previous is not None:
            index.forget_everything()
        index.keep_context(context, {**problems, "names": names})
        reviews = {review.conflict for review in [*context.reviews, *(previous.reviews if previous else [])]}
        return context, Changes(everything, set(context.sources), set(), set(), reviews)
    context, problems = store.load_context(project, parts & set(store.CONTEXT_PARTS), previous)
    index.keep_context(context, {**problems, "names": names})
    old, new = previous.sources, context.sources
    outlets = {o for o in set(old) | set(new) if o not in old or o not in new or old[o].model_dump() != new[o].model_dump()}
    before, after = previous.alias_map(), context.alias_map()
    subjects = {slug for slug in set(before) | set(after) if before.get(slug) != after.get(slug)}
    archives = {path for path in scan.changed if store.context_part(path) == "archives"}
    reviews = {review.conflict for review in [*previous.reviews, *context.reviews]} if "reviews" in parts else set()
    return context, Changes(False, outlets, archives, subjects, reviews)


def _check(index: Index, context: Corpus, wanted: list[str], fresh: dict[str, list[Member]] | None, known: dict) -> list[str]:
    """The groups in `wanted` whose inputs changed since their findings were kept, checked again, their
    conflicts reviewed, and kept, a batch at a time; the keys of the groups checked again. `fresh`:
    every group's claims, when everything is checked (the batches then run on all cores); else the
    claims are read from the index."""
    sources = {outlet: source.model_dump_json() for outlet, source in context.sources.items()}
    settings = context.settings.model_dump_json()
    references = {outlet for outlet, source in context.sources.items() if source.reference}
    batches = [wanted[start:start + BATCH] for start in range(0, len(wanted), BATCH)]
    if fresh is not None:
        for rows, problems in _on_all_cores(_checked_afresh, batches, (context, fresh, known, sources, settings, references)):
            index.keep_groups(rows, problems)
        return wanted
    checked = []
    for batch in batches:
        twins = {_json(check.twins(_tuple(key))[0]) for key in batch if _tuple(key)[3] == "target"}
        groups = index.members(set(batch) | twins)
        digests = {key: _digest(key, groups, sources, settings) for key in batch}
        kept = index.digests(batch)
        stale = [key for key in batch if digests[key] != kept.get(key)]
        index.forget_groups(stale)
        _readings(index, {member.figure for key in (*batch, *twins) for member in groups.get(key, ())}, known)
        index.keep_groups(*_checked(context, groups, known, [(key, digests[key]) for key in stale], references))
        checked += stale
    return checked


def _checked(context: Corpus, groups: dict[str, list[Member]], known: dict, keys: list[tuple[str, str]],
             references: set[str]) -> tuple[GroupRows, dict[str, list[Problem]]]:
    """Groups (their keys, each with the digest of its inputs) checked and their conflicts reviewed, as
    rows of the index; the problems each review raised. `groups` holds their claims (and their twins')."""
    found = check.check_groups(context, {_tuple(key): members for key, members in groups.items()}, known,
                               [_tuple(key) for key, _ in keys])
    results = {_json(key): result for key, result in found.items()}
    reviewed, problems = _review(context, [(key, result.conflict) for key, result in results.items() if result.conflict])
    for key, conflict in reviewed:
        results[key].conflict = conflict
    digests = dict(keys)
    return group_rows([(key, digests[key], result) for key, result in results.items()], groups, references), problems


_INHERITED: tuple = ()
"""What every file or batch of a run of everything reads, left here for the worker processes forked to share it
(`_left_for_workers`)."""


_LEAVING = threading.RLock()
"""Held while a run leaves inputs for its workers: two runs of everything in one process (a server's update and a
write, each in a thread of its own) take turns, never reading each other's."""


@contextlib.contextmanager
def _left_for_workers(inputs: tuple) -> Iterator[None]:
    """`inputs`, large, left for the worker processes forked meanwhile to inherit rather than sent to each."""
    global _INHERITED
    with _LEAVING:
        _INHERITED = inputs
        try:
            yield
        finally:
            _INHERITED = ()


def _checked_afresh(batch: list[str]) -> tuple[GroupRows, dict[str, list[Problem]]]:
    """One batch of a check of everything, in a worker process: the inputs are the ones it inherited."""
    context, fresh, known, sources, settings, references = _INHERITED
    twins = {_json(check.twins(_tuple(key))[0]) for key in batch if _tuple(key)[3] == "target"}
    groups = {key: fresh[key] for key in (*batch, *twins) if key in fresh}
    return _checked(context, groups, known, [(key, _digest(key, fresh, sources, settings)) for key in batch], references)


def _on_all_cores(work, batches: list, inputs: tuple) -> Iterator:
    """`work` done on each batch, in order, on all cores: the inputs, large, are not sent but left for
    the forked worker processes to inherit. One batch, or one core: done here."""
    with _left_for_workers(inputs):
        workers = min(os.cpu_count() or 1, len(batches))
        if workers < 2:
            yield from map(work, batches)
            return
        import concurrent.futures  # a run that checks no group never loads them
        import multiprocessing

        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(work, batches)


def _review(context: Corpus, conflicts: list[tuple[str, Conflict]]) -> tuple[list[tuple[str, Conflict]], dict[str, list[Problem]]]:
    """Conflicts (by group key) with their reviews applied, and the problems each review raised."""
    named = {review.conflict for review in context.reviews}
    plain = [(key, conflict) for key, conflict in conflicts if conflict.id not in named]
    reviewed = list(zip([key for key, _ in plain], check.review(context, [conflict for _, conflict in plain])[0]))
    problems = {}
    for key, conflict in conflicts:
        if conflict.id in named:
            result, problems[key] = check.review(context, [conflict])
            reviewed.append((key, result[0]))
    return reviewed, problems


def _as_checked(conflict: dict) -> Conflict:
    """A stored conflict as the check made it, before any review (what a review sets, unset)."""
    return Conflict.model_validate({**conflict, "status": "open", "minor": False, "review_note": None, "reviewed": None,
                                    "stale_review": None})


def _ids(ids: set[str]) -> tuple[str, list]:
    """SQL for the conflicts with these ids."""
    clause, values = sql_list(ids)
    return f"c.id IN {clause}", values


def _digest(key: str, groups: dict[str, list[Member]], sources: dict[str, str], settings: str) -> str:
    """What a group's findings are made from: its claims (a target group's actuals too), the outlets
    they name and the settings. Where a claim is written (file, line) is no input."""
    members = list(groups.get(key, ()))
    subject, prop, period, kind, scope = _tuple(key)
    if kind == "target":
        members += groups.get(_json((subject, prop, period, "actual", scope)), ())
    said = json.dumps([member[:12] + member[14:] for member in members])
    outlets = json.dumps([sources.get(outlet) for outlet in sorted({member.source for member in members})])
    return hashlib.blake2b("\n".join((said, outlets, settings)).encode(), digest_size=16).hexdigest()


def _changed_groups(before: list[tuple[str | None, Member]], after: list[tuple[str | None, Member]]) -> set[str]:
    """The groups whose claims from one file differ (added, gone, changed, or in another order);
    where a claim is written is no difference: a claim moved down a line changes no finding."""
    def said(pairs):
        groups: dict[str, list[tuple]] = {}
        for key, member in pairs:
            if key is not None:
                groups.setdefault(key, []).append(member[:12] + member[14:])
        return groups
    old, new = said(before), said(after)
    return {key for key in set(old) | set(new) if old.get(key) != new.get(key)}


def _rules(project: store.Project, context: Corpus, members: list[Member], archives: dict, path: str,
           found: dict[tuple, list[str]] | None = None) -> list[Problem]:
    """What the rules on one claim at a time find in one file's claims (the archives they quote read once per run).
    `found` (`_found_before`): what they found in claims the file held before, unchanged but for their line, kept
    at their new line instead of found again (their outlets and archives unchanged): an edit re-checks one claim."""
    found = found if found and len({member.line for member in members}) == len(members) else {}
    fresh = [member for member in members if _said(member) not in found] if found else members
    named = {member.archive for member in fresh if member.archive} - set(archives)
    archives.update(store.read_archives(project, named, []))  # an archive's own problems are kept once, by `analyse`
    corpus = context.model_copy(update={"claims": fresh, "archives": archives})
    problems = [problem for problem in validate.validate(corpus, validate.EACH_CLAIM) if problem.where.path == path]
    if not found:
        return problems
    by_line: dict[int | None, list[Problem]] = {}
    for problem in problems:
        by_line.setdefault(problem.where.line, []).append(problem)
    return [problem for member in members for problem in
            ([Problem(member.at, message) for message in found[_said(member)]] if _said(member) in found
             else by_line.get(member.line, []))]


def _found_before(members: list[tuple[str | None, Member]], found: list[tuple[int | None, str]]) -> dict[tuple, list[str]]:
    """What the rules on one claim at a time found in each claim of a file before (`Index.rules_found`), by what
    the claim says (`_said`); nothing when two claims stood on one line (their problems cannot be told apart)."""
    lines = [member.line for _, member in members]
    if None in lines or len(set(lines)) != len(lines):
        return {}
    by_line: dict[int | None, list[str]] = {}
    for line, message in found:
        by_line.setdefault(line, []).append(message)
    if not set(by_line) <= set(lines):
        return {}
    return {_said(member): by_line.get(member.line, []) for _, member in members}


def _said(member: Member) -> tuple:
    """What a claim says, where it is written but its line: what the rules on one claim at a time read of it."""
    return member._replace(line=None)


def _readings(index: Index, texts: set[str], known: dict) -> None:
    """The figures' readings the index holds, into `known` (a reason it cannot be read as a FigureError)."""
    from .figures import FigureError

    found: dict = {}
    index.readings({text for text in texts if text not in known}, found)
    for text, reading in found.items():
        known[text] = FigureError(reading) if isinstance(reading, str) else reading


KEPT_OVER_REVIEWS = ("likely",)
"""What reads keep (`Index.keep`) that a change of the reviews alone leaves as it was: the likely sides read the
sides, the origins, the claims' outlets and the outlets, never a review (`query.Reader.likely`)."""


def _reviews_only(scan: Scan, index: Index) -> bool:
    """Whether the reviews file is all that changed (a review recorded, from the browser or the command line)."""
    return not scan.renamed and all(not _was_claims(scan, index, path) and store.context_part(path) == "reviews"
                                    for path in scan.changed)


def _was_claims(scan: Scan, index: Index, path: str) -> bool:
    if path in scan.files:
        return scan.files[path][3]
    return index.db.execute("SELECT is_claims FROM files WHERE path = ?", (path,)).fetchone() in ((1,),)


def _unnamed(scan: Scan) -> list[Problem]:
    """Outlet and claims files whose names are not UTF-8: they cannot be read into the index, and say so."""
    return [Problem(Location(printable(path)), "the file name is not UTF-8; rename it with letters a file name can hold in any system")
            for path in scan.unnamed if path.endswith(store.YAML_SUFFIXES)
            and path.startswith((f"{store.CLAIMS_DIR}/", f"{store.SOURCES_DIR}/"))]


def _key(member: Member, aliases: dict[str, str], made: dict[tuple, str]) -> str:
    """A claim's group key as the index keeps it (JSON text), each made once per run (`made`)."""
    key = check.group_key(member, aliases)
    text = made.get(key)
    if text is None:
        text = made[key] = _json(key)
    return text


def _json(key: tuple) -> str:
    return json.dumps(list(key))


def _tuple(key: str) -> tuple:
    return tuple(json.loads(key))


# --- running it ----------------------------------------------------------------------------------


def run(root: Path, use_index: bool = True, progress: store.Progress | None = None,
        then: Callable[[Index], None] | None = None) -> Index:
    """The project's index, brought up to date with its files: what every command reads. Without
    `use_index` (or where the folder cannot hold one) an index in memory, made from scratch. `then`
    runs in the same transaction, so that what it keeps is in the state readers first see (the web
    app's update keeps the reads of every group at once, `query.keep_ahead`)."""
    root = Path(root)
    index = Index.open(root) if use_index else Index.memory(root)
    try:
        with index.transaction():
            analyse(store.Project(root), index, progress)
            if then is not None:
                _ahead(index, then)
        return index
    except sqlite3.DatabaseError as error:
        index.close()
        if index.path is None:
            raise
        name = f"{store.STATE_DIR}/{index.path.name}"
        if isinstance(error, sqlite3.OperationalError) or not remove(index.path):
            notice = f"note: {name} could not be updated ({error}); checked without it"
            again = run(root, use_index=False, progress=progress, then=then)
        else:  # corrupt inside its pages: made again from the files, once
            notice = f"note: {name} was unreadable: {error}; rebuilt it from the files"
            again = run(root, use_index=True, progress=progress, then=then)
        again.notices[:0] = [*index.notices, notice]
        return again


def _ahead(index: Index, then: Callable[[Index], None]) -> None:
    """`then` in the run's transaction, undone alone if it fails: what it makes ahead only spares a reader
    the time, so the change on disk is indexed without it (readers make it themselves) and a notice says why."""
    try:
        with index.attempt():
            then(index)
    except Exception as error:
        index.notices.append(f"note: the reads made ahead of pages were left out ({error}); pages make them")


def commit(root: Path, texts: dict[str, str], reviews: bool = True, unchanged: dict[str, str] | None = None,
           index: Index | None = None) -> list[Problem]:
    """Write `texts` only if the project they make has no problem that the project on disk does not
    have, and return the problems they would add (nothing written then). The pipeline runs on the
    project as the write leaves it, through the index, so only what the write touches is read and
    checked again. `reviews` False leaves out what the reviews raise (rm --force). `unchanged` holds
    the digest (`store.digest`) each file had when its new text was made: a file that changed since
    (an editor saved it meanwhile) raises store.Changed, and nothing is written. `index`: the project's,
    open and brought up to date by the caller (who closes it), instead of opened here."""
    root = Path(root)
    given = index
    index = run(root) if given is None else given  # the project as it is on disk, in the index
    try:
        with index.transaction():
            analyse(store.Project(root), index)
            before = Counter((p.where.path, p.message) for p in index.problems(reviews))
            try:
                with index.attempt():
                    analyse(store.Project(root, texts), index)
                    new = []
                    for problem in index.problems(reviews):
                        key = (problem.where.path, problem.message)  # lines move when a file is edited
                        if before[key]:
                            before[key] -= 1
                        else:
                            new.append(problem)
                    if new:
                        raise _Refused(new)
                    for path, digest in (unchanged or {}).items():
                        if store.digest(root, path) != digest:
                            raise store.Changed(f"{path} changed since it was read; nothing was written")
                    store.write_files(root, texts)
                    index.written(store.Project(root), texts)
            except _Refused as refused:
                return refused.problems
        return []
    finally:
        if given is None:
            index.close()


class _Refused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
