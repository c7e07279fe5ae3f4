"""The whole pipeline in one place: load, read figures, check. Library users start here.

With the cache, a run does only what the edits since the last run call for:
- nothing changed: the saved findings are shown, and no file is parsed or checked;
- claims files changed: only they are parsed, and only the comparable groups that their claims
  (before and after the edit) fall in are checked again; the rest of the findings are kept;
- anything else changed (an outlet, a subject, a review, the settings, an archive): every group is
  checked again, and only the claims files that changed are parsed.
What a run keeps of every claim between runs is a `Member`, a plain tuple of the fields the check
reads, so an edit never has to load the full records of the files it did not touch.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import check, figures, store
from .cache import Cache, key_of
from .models import Claim, Corpus, Figure, Member, Problem, forget_fields_set

ANALYSIS = "state-analysis"
MEMBERS = "state-members"
Known = dict[str, "Figure | figures.FigureError"]


class Analysis:
    """A project loaded, its figures read and checked. From the cache, the full list of claims is
    only loaded when something asks for it: `check` needs just the claims its findings name."""

    def __init__(self, context: Corpus, findings: check.Findings, problems: list[Problem], claims_count: int,
                 load: Callable[[], tuple[list[Claim], Known]]):
        self._context, self._load = context, load
        self.findings, self.problems = findings, problems
        self.claims_count = claims_count
        self._corpus: Corpus | None = None
        self._figures: dict[str, Figure] | None = None

    def _ensure(self) -> None:
        if self._corpus is None:
            claims, known = self._load()
            figures.read_texts((claim.figure for claim in claims), self._context.settings, known)
            self._figures = {claim.id: known[claim.figure] for claim in claims if isinstance(known[claim.figure], Figure)}
            self._corpus = self._context.model_copy(update={"claims": claims})

    @property
    def corpus(self) -> Corpus:
        self._ensure()
        return self._corpus

    @property
    def figures(self) -> dict[str, Figure]:
        """Each claim's read figure, by claim id (claims whose figure cannot be read are left out)."""
        self._ensure()
        return self._figures

    def corpus_for_lines(self) -> Corpus:
        """Sources, subjects, settings and reviews, without waiting for every claim to load."""
        return self._context

    def involved_claims(self) -> dict[str, Member]:
        """The claims that the findings name (conflicts, targets, not comparable), by id."""
        return self.findings.claims


class _PickledOnce:
    """A part of the saved analysis kept in a pickle of its own: a run that did not change it writes
    the bytes it read instead of pickling it again, so saving after an edit costs about the edit."""

    def _state(self) -> object:
        raise NotImplementedError

    def _restore(self, state: object) -> None:
        raise NotImplementedError

    def __getstate__(self) -> bytes:
        pickled = self.__dict__.get("_pickled")
        if pickled is None:
            pickled = self._pickled = pickle.dumps(self._state(), protocol=pickle.HIGHEST_PROTOCOL)
        return pickled

    def __setstate__(self, pickled: bytes) -> None:
        self._restore(pickle.loads(pickled))  # signed with the entry it is part of
        self._pickled = pickled


@dataclass
class _FileState(_PickledOnce):
    """What one claims file gave the last run: its members and its own problems."""

    digest: str | None
    members: list[tuple]  # Members, or the plain tuples they are kept as between runs
    problems: list[Problem]
    archives: set[str] = field(default_factory=set)

    def _state(self) -> tuple:
        # Plain tuples: named ones unpickle four times slower.
        return self.digest, [tuple(member) for member in self.members], self.problems, self.archives

    def _restore(self, state: tuple) -> None:
        self.digest, self.members, self.problems, self.archives = state


@dataclass
class _Group(_PickledOnce):
    """What one comparable group found."""

    found: check.GroupFindings

    def _state(self) -> check.GroupFindings:
        for model in _models(self.found):
            forget_fields_set(model)
        return replace(self.found, claims={i: tuple(member) for i, member in self.found.claims.items()})

    def _restore(self, state: check.GroupFindings) -> None:
        state.claims = {i: Member.from_row(row) for i, row in state.claims.items()}
        self.found = state


@dataclass
class _Saved:
    """The last analysis, without its claims (the claims files' own cache entries hold those)."""

    token: str  # the same in the members entry saved with it
    context_digests: dict[str, str]  # every file the check reads that is not a claims file
    claims_digests: dict[str, str | None]
    archives: dict[str, str]  # archive path -> hash of its bytes; archives may live outside claims/ and sources/
    context: Corpus  # with no claims
    context_problems: list[Problem]
    groups: dict[check.GroupKey, _Group]
    problems: list[Problem]
    claims_count: int


def analyse(root: Path, use_cache: bool = True, progress: store.Progress | None = None) -> Analysis:
    """Load, read figures and check, doing again only what the edits since the last run call for."""
    root = Path(root)
    cache = Cache(root) if use_cache else None
    if cache is None or not cache.enabled:
        return _Run(root, None, None, progress).full()
    digests = store.digests(root)
    run = _Run(root, cache, digests, progress)
    saved = cache.get(ANALYSIS)
    try:
        if isinstance(saved, _Saved) and saved.context_digests == run.context_digests() and _archives_unchanged(root, saved):
            if saved.claims_digests == run.claims_digests():
                return run.restore(saved)
            found = cache.get(MEMBERS)
            if isinstance(found, tuple) and len(found) == 2 and found[0] == saved.token:
                return run.update(saved, found[1])
    except Exception:  # noqa: BLE001 - an entry of another shape is a miss: everything is checked again below
        pass
    return run.full()


def _archives_unchanged(root: Path, saved: _Saved) -> bool:
    return all(_archive_hash(root, path) == digest for path, digest in saved.archives.items())


def _archive_hash(root: Path, path: str) -> str:
    data = store.Project(root).raw(path)
    return key_of(data) if data is not None else "missing"


class _Run:
    """One analysis of the project at `root`, full or from the last one saved."""

    def __init__(self, root: Path, cache: Cache | None, digests: dict[str, str] | None, progress: store.Progress | None):
        self.root, self.cache, self.digests, self.progress = root, cache, digests, progress
        self.project = store.Project(root)
        self.paths = store.claims_files(self.project)

    def claims_digests(self) -> dict[str, str | None]:
        return {path: self.digests.get(path) for path in self.paths}

    def context_digests(self) -> dict[str, str]:
        claims = set(self.paths)
        return {path: digest for path, digest in self.digests.items() if path not in claims}

    def full(self) -> Analysis:
        context, context_problems = store.load_context(self.project)
        loaded = store.load_claims(self.project, context, self.paths, self.cache, self.progress, self.digests)
        known = self._known(context)
        files = {path: self._file_state(path, context, claims, problems, known) for path, (claims, problems) in loaded.items()}
        if self.cache is None:
            claims = [claim for file_claims, _ in loaded.values() for claim in file_claims]
            load = lambda: (claims, known)  # noqa: E731
        else:  # the claims files' cache entries hold the claims: let them go before the check, for memory
            load = self._cached_claims(context)
        del loaded
        members = [row for state in files.values() for row in state.members]
        groups = check.index(members, known, context.alias_map())
        results = {key: _Group(found) for key, found in check.check_groups(context, groups, known, groups).items()}
        return self._finish(context, context_problems, files, results, known, load)

    def update(self, saved: _Saved, before: dict[str, _FileState]) -> Analysis:
        """Parse the claims files that changed and check again the groups their claims were or are in."""
        context = saved.context
        aliases = context.alias_map()
        changed = [path for path in self.paths if path not in before or before[path].digest != self.digests.get(path)]
        touched = {check.group_key(row, aliases) for path in (*changed, *(set(before) - set(self.paths)))
                   if path in before for row in before[path].members}
        loaded = store.load_claims(self.project, context, changed, self.cache, self.progress, self.digests)
        known = self._known(context)
        files = {}
        for path in self.paths:
            if path in loaded:
                files[path] = self._file_state(path, context, *loaded[path], known)
                touched |= {check.group_key(row, aliases) for row in files[path].members}
            else:
                files[path] = before[path]
        touched |= {twin for key in touched for twin in check.twins(key)}
        members = [row for state in files.values() for row in state.members]
        figures.read_texts((row[check.FIGURE] for row in members), context.settings, known)
        groups = check.index(members, known, aliases, touched)
        results = {key: group for key, group in saved.groups.items() if key not in touched}
        results.update((key, _Group(found)) for key, found in check.check_groups(context, groups, known, touched).items())
        return self._finish(context, saved.context_problems, files, results, known, self._cached_claims(context))

    def restore(self, saved: _Saved) -> Analysis:
        findings = check.assemble(saved.context, {key: group.found for key, group in saved.groups.items()})
        return Analysis(saved.context, findings, saved.problems, saved.claims_count, self._cached_claims(saved.context))

    def _finish(self, context: Corpus, context_problems: list[Problem], files: dict[str, _FileState],
                results: dict[check.GroupKey, _Group], known: Known,
                load: Callable[[], tuple[list[Claim], Known]]) -> Analysis:
        """The findings and problems from the files' states and the groups' findings; saved for the next run."""
        findings = check.assemble(context, {key: group.found for key, group in results.items()})
        members = [row for state in files.values() for row in state.members]
        problems = [*context_problems, *(p for state in files.values() for p in state.problems)]
        problems += store.claims_problems(context, [row[0] for row in members], lambda n: Member.from_row(members[n]).at)
        problems = sorted(problems + findings.problems, key=Problem.order)
        analysis = Analysis(context, findings, problems, len(members), load)
        if self.cache is not None:
            self._save(context, context_problems, files, results, known, analysis)
        return analysis

    def _save(self, context: Corpus, context_problems: list[Problem], files: dict[str, _FileState],
              results: dict[check.GroupKey, _Group], known: Known, analysis: Analysis) -> None:
        cache = self.cache
        archives = {path for state in files.values() for path in state.archives}
        token = key_of(*(f"{path}={digest}" for path, digest in sorted(self.digests.items())))
        cache.put(MEMBERS, (token, files))
        cache.put(ANALYSIS, _Saved(
            token, self.context_digests(), self.claims_digests(), {path: _archive_hash(self.root, path) for path in archives},
            context, context_problems, results, analysis.problems, analysis.claims_count))
        figures_key = _figures_key(context)
        if len(known) != self._known_count:
            cache.put(figures_key, known)
        cache.used.add(figures_key)
        cache.used.update(store.claims_file_key(self.project, path, self.digests) or "" for path in self.paths)
        for prefix in ("file-", "figures-", "analysis-"):  # "analysis-": what cache format 2 kept instead of the state
            cache.prune(prefix)

    def _file_state(self, path: str, context: Corpus, claims: list[Claim], problems: list[Problem], known: Known) -> _FileState:
        problems = problems + figures.read(claims, context.settings, known)
        return _FileState(self.digests.get(path) if self.digests else None, [Member.of(claim) for claim in claims],
                          problems, {claim.archive for claim in claims if claim.archive})

    def _known(self, context: Corpus) -> Known:
        """Figure texts read before under these settings, from the cache."""
        found = self.cache.get(_figures_key(context)) if self.cache is not None else None
        known = found if isinstance(found, dict) else {}
        self._known_count = len(known)
        return known

    def _cached_claims(self, context: Corpus) -> Callable[[], tuple[list[Claim], Known]]:
        def load() -> tuple[list[Claim], Known]:
            claims = store.cached_claims(self.root, self.cache, self.digests)
            if claims is None:  # an entry vanished since: read the files
                return store.load(self.root)[0].claims, {}
            return claims, self._known(context)
        return load


def _figures_key(context: Corpus) -> str:
    return "figures-" + key_of(context.settings.model_dump_json())


def _models(found: check.GroupFindings) -> list:
    models = [*found.not_comparable, *found.targets]
    if found.agreement:
        models.append(found.agreement)
    if found.conflict:
        conflict = found.conflict
        models += [conflict, *conflict.sides, *conflict.intervals, *conflict.conversions]
    return models
