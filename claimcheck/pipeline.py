"""The whole pipeline in one place: load, read figures, check. Library users start here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import check, figures, store
from .models import Corpus, Figure, Problem


@dataclass
class Analysis:
    corpus: Corpus
    figures: dict[str, Figure]
    findings: check.Findings
    problems: list[Problem]  # everything `validate` reports: files, schema, figures, stale reviews


def analyse(root: Path) -> Analysis:
    corpus, problems = store.load(root)
    read, figure_problems = figures.read_claims(corpus)
    findings = check.check(corpus, read)
    problems = sorted(problems + figure_problems + findings.problems, key=lambda p: (p.where.path, p.where.line or 0))
    return Analysis(corpus, read, findings, problems)
