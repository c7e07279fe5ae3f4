"""The whole pipeline in one place: load, read figures, check. Library users start here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import check, figures, store
from .cache import Cache, key_of
from .models import Claim, Corpus, Figure, Problem, forget_fields_set


class Analysis:
    """A project loaded, its figures read and checked. From the cache, the full list of claims is
    only loaded when something asks for it: `check` needs just the claims its findings name."""

    def __init__(self, corpus: Corpus, figures_by_claim: dict[str, Figure] | None, findings: check.Findings,
                 problems: list[Problem], involved: dict[str, Claim] | None = None, claims_count: int | None = None,
                 load: Callable[[], tuple[Corpus, dict[str, Figure]]] | None = None):
        self._corpus, self._figures, self._load = corpus, figures_by_claim, load
        self.findings, self.problems = findings, problems
        self._involved = involved
        self.claims_count = len(corpus.claims) if claims_count is None else claims_count

    def _ensure(self) -> None:
        if self._load is not None:
            self._corpus, self._figures = self._load()
            self._load = None

    @property
    def corpus(self) -> Corpus:
        self._ensure()
        return self._corpus

    @property
    def figures(self) -> dict[str, Figure]:
        self._ensure()
        return self._figures

    def corpus_for_lines(self) -> Corpus:
        """Sources, subjects, settings and reviews, without waiting for every claim to load."""
        return self._corpus

    def involved_claims(self) -> dict[str, Claim]:
        """The claims that the findings name (conflicts, targets, not comparable), by id."""
        if self._load is None or self._involved is None:
            return {claim.id: claim for claim in self.corpus.claims}
        return self._involved


def analyse(root: Path, use_cache: bool = True, progress: store.Progress | None = None) -> Analysis:
    """Load, read figures and check. With the cache, an unchanged project is not parsed or checked
    again, and when something changed only the claims files that changed are parsed."""
    cache = Cache(root) if use_cache else None
    if cache is None or not cache.enabled:
        return _analyse(root, None, progress)
    key = "analysis-" + store.fingerprint(root)
    found = cache.get(key)
    if isinstance(found, _Saved):
        try:
            return found.restore(root, cache)
        except Exception:  # noqa: BLE001 - an entry of another shape is a miss, rebuilt below
            pass
    analysis = _analyse(root, cache, progress)
    cache.put(key, _Saved.of(root, analysis))
    cache.prune("analysis-")
    cache.prune("file-")
    cache.prune("figures-")
    return analysis


def _analyse(root: Path, cache: Cache | None, progress: store.Progress | None) -> Analysis:
    corpus, problems = store.load(root, cache=cache, progress=progress)
    known = None
    if cache is not None:
        figures_key = "figures-" + key_of(corpus.settings.model_dump_json())
        found = cache.get(figures_key)
        known = found if isinstance(found, dict) else {}
        count = len(known)
    read, figure_problems = figures.read_claims(corpus, known)
    if cache is not None:
        if len(known) != count:
            cache.put(figures_key, known)
        cache.used.add(figures_key)
    findings = check.check(corpus, read)
    problems = sorted(problems + figure_problems + findings.problems, key=Problem.order)
    return Analysis(corpus, read, findings, problems)


@dataclass
class _Saved:
    """An analysis without its claims, which the claims files' own cache entries hold: saving the
    whole corpus again would double the cache and the memory a cold run needs."""

    corpus: Corpus  # with no claims
    figures: dict[str, Figure]  # by figure text
    findings: check.Findings
    problems: list[Problem]
    involved: dict[str, Claim]
    claims_count: int
    archives: dict[str, str]  # archive path -> hash of its bytes; archives may live outside claims/ and sources/

    @classmethod
    def of(cls, root: Path, analysis: Analysis) -> "_Saved":
        corpus = analysis.corpus.model_copy(update={"claims": []})
        by_text = {claim.figure: analysis.figures[claim.id] for claim in analysis.corpus.claims if claim.id in analysis.figures}
        findings = analysis.findings
        for conflict in findings.conflicts:
            for model in (conflict, *conflict.sides, *conflict.intervals, *conflict.conversions):
                forget_fields_set(model)
        for model in (*findings.agreements, *findings.targets, *findings.not_comparable):
            forget_fields_set(model)
        named = {c for conflict in findings.conflicts for side in conflict.sides for c in side.claims}
        named |= {c for result in findings.targets for c in (result.target, result.actual)}
        named |= {c for item in findings.not_comparable for c in item.claims}
        involved = {claim.id: claim for claim in analysis.corpus.claims if claim.id in named}
        archives = {claim.archive for claim in analysis.corpus.claims if claim.archive}
        return cls(corpus, by_text, findings, analysis.problems, involved, len(analysis.corpus.claims),
                   {path: _archive_hash(root, path) for path in archives})

    def restore(self, root: Path, cache: Cache) -> Analysis:
        if any(_archive_hash(root, path) != digest for path, digest in self.archives.items()):
            raise LookupError("an archived article changed since")
        def load() -> tuple[Corpus, dict[str, Figure]]:
            claims = store.cached_claims(root, cache)
            if claims is None:  # an entry vanished since: read the files
                fresh = _analyse(root, None, None)
                return fresh.corpus, fresh.figures
            read = {claim.id: self.figures[claim.figure] for claim in claims if claim.figure in self.figures}
            return self.corpus.model_copy(update={"claims": claims}), read

        analysis = Analysis(self.corpus, None, self.findings, self.problems, self.involved, self.claims_count, load)
        analysis.involved_claims()  # an entry of another shape fails here, not in the command
        return analysis


def _archive_hash(root: Path, path: str) -> str:
    data = store.Project(root).raw(path)
    return key_of(data) if data is not None else "missing"
