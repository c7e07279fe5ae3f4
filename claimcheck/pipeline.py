"""The one way through: load -> read figures -> validate -> check. Library users start here.

`analyse` is the whole pipeline, on one screen. `run` is what every command calls: the same pipeline
wrapped by the index (`index.run`), which does again only what the edits since the last run call for
and gives the same answer. Writes go through `commit`, which runs the pipeline on the project as the
write would leave it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from . import check, figures, store, validate, views
from .models import Claim, Corpus, Figure, Member, Problem


class Analysis:
    """A project loaded, its figures read, validated and checked. From the index, the full list of
    claims and the findings are only read when something asks for them: `check` needs neither."""

    def __init__(self, context: Corpus, findings: check.Findings | None, problems: list[Problem], claims_count: int,
                 load: Callable[[], tuple[list[Claim], dict[str, Figure]]],
                 load_findings: Callable[[], check.Findings] | None = None,
                 check_lines: list[str] | None = None, failing: bool | None = None):
        self._context, self._load, self._load_findings = context, load, load_findings
        self._findings, self.problems, self.claims_count = findings, problems, claims_count
        self._check_lines, self._failing = check_lines, failing
        self.notices: list[str] = []  # one line each, for stderr: an index rebuilt, or not usable
        self._corpus: Corpus | None = None
        self._figures: dict[str, Figure] = {}

    @property
    def findings(self) -> check.Findings:
        if self._findings is None:
            self._findings = self._load_findings()
        return self._findings

    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            claims, self._figures = self._load()
            self._corpus = self._context.model_copy(update={"claims": claims})
        return self._corpus

    @property
    def figures(self) -> dict[str, Figure]:
        """Each claim's read figure, by claim id (claims whose figure cannot be read are left out)."""
        self.corpus  # noqa: B018 - reading the claims reads their figures
        return self._figures

    def corpus_for_lines(self) -> Corpus:
        """Sources, subjects, settings and reviews, without waiting for every claim to load."""
        return self._context

    def involved_claims(self) -> dict[str, Member]:
        """The claims that the findings name (conflicts, targets, not comparable), by id."""
        return self.findings.claims

    def check_lines(self) -> list[str]:
        """What `check` prints (the index keeps them, so a warm check reads no findings)."""
        if self._check_lines is None:
            self._check_lines = views.check_lines(self._context, self.involved_claims(), self.findings, self.claims_count)
        return self._check_lines

    def failing(self) -> bool:
        """Whether `check` fails: an open conflict that is not minor."""
        if self._failing is None:
            self._failing = bool(self.findings.failing_conflicts())
        return self._failing


def analyse(project: store.Project, progress: store.Progress | None = None) -> Analysis:
    """The pipeline: every file read, every figure read, the project-wide rules, the conflict check."""
    corpus, problems = store.load(project, progress)
    read, figure_problems = figures.read_claims(corpus)
    problems += figure_problems + validate.validate(corpus)
    findings = check.check(corpus, read)
    problems = sorted(problems + findings.problems, key=Problem.order)
    by_claim = {claim.id: read[claim.figure] for claim in corpus.claims if claim.figure in read}
    return Analysis(corpus.model_copy(update={"claims": []}), findings, problems, len(corpus.claims),
                    lambda: (corpus.claims, by_claim))


def run(root: Path, use_index: bool = True, progress: store.Progress | None = None) -> Analysis:
    """The analysis every command shows: the pipeline wrapped by the index, unless `use_index` is
    False or the project folder cannot hold one (the notices say why)."""
    root, stored, notices = Path(root), None, []
    if use_index:
        from . import index

        stored, notices = index.run(root, progress)
    if stored is None:
        analysis = analyse(store.Project(root), progress)
    else:
        analysis = Analysis(stored.context, None, stored.problems, stored.claims_count, stored.load_claims,
                            stored.load_findings, stored.check_lines, stored.failing)
    analysis.notices = notices
    return analysis


def commit(root: Path, texts: dict[str, str], before: list[Problem], reviews: bool = True,
           unchanged: dict[str, str] | None = None) -> list[Problem]:
    """Write `texts` only if the project they make has no problem that it did not have before, and
    return the problems they would add. `reviews` False leaves out what the check finds (stale reviews).
    `unchanged` holds the digest (`store.digest`) each file had when its new text was made: a file
    that changed since (an editor saved it meanwhile) raises store.Changed, and nothing is written."""
    analysis = analyse(store.Project(root, texts))
    after = analysis.problems if reviews else [p for p in analysis.problems if p not in analysis.findings.problems]
    known = Counter((problem.where.path, problem.message) for problem in before)  # lines move when a file is edited
    new = []
    for problem in after:
        key = (problem.where.path, problem.message)
        if known[key]:
            known[key] -= 1
        else:
            new.append(problem)
    if not new:
        for path, digest in (unchanged or {}).items():
            if store.digest(root, path) != digest:
                raise store.Changed(f"{path} changed since it was read; nothing was written")
        store.write_files(root, texts)
    return new
