"""Small claims projects written inline, and a runner for the command line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

REPO = Path(__file__).resolve().parent.parent

SOURCES = {
    "tass": "id: tass\nname: TASS\nperspective: Russian state media\nkind: agency\n",
    "reuters": "id: reuters\nname: Reuters\nperspective: Western independent\nkind: agency\n",
}


def write_project(root: Path, files: dict[str, str], sources: dict[str, str] | None = None) -> Path:
    """A claims project at `root` with the given files (dedented) and, unless replaced, two outlets."""
    for name, text in (sources if sources is not None else SOURCES).items():
        files = {f"sources/{name}.yaml": text, **files}
    (root / "claims").mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root and its bytes, to prove a refused command changed nothing."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".claimcheck" not in p.parts}


@pytest.fixture
def project(tmp_path: Path):
    def make(files: dict[str, str], sources: dict[str, str] | None = None) -> Path:
        return write_project(tmp_path / "project", files, sources)

    return make


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(root: Path, *args: str, env: dict | None = None):
        return runner.invoke(app, ["--root", str(root), *args], env=env, catch_exceptions=False)

    return invoke
