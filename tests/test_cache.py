"""The load cache: never stale, safe to delete, and an entry it did not sign is never unpickled."""

from __future__ import annotations

import json
import pickle

import pytest

from claimcheck import cache as cache_module, pipeline, store
from conftest import write_project

CLAIMS = "- {{id: {id}, source: tass, subject: deal, property: value, figure: '{figure}', kind: actual}}\n"


@pytest.fixture
def root(tmp_path):
    files = {f"claims/file{n}.yaml": CLAIMS.format(id=f"c{n}", figure=f"${n} billion") for n in range(1, 4)}
    return write_project(tmp_path / "p", files)


def figures_by_claim(cli, root) -> dict[str, str]:
    rows = json.loads(cli(root, "claims", "--format", "json").stdout)["claims"]
    return {row["id"]: row["figure"] for row in rows}


def entries(root):
    return sorted((root / ".claimcheck" / "cache").glob("*-*"))


def test_an_edited_figure_is_seen_on_the_next_run(cli, root):
    assert cli(root, "check").exit_code == 1
    assert entries(root)  # the first run filled the cache
    (root / "claims/file2.yaml").write_text(CLAIMS.format(id="c2", figure="$1 billion"))
    assert figures_by_claim(cli, root)["c2"] == "$1 billion"
    conflicts = json.loads(cli(root, "conflicts", "--format", "json").stdout)["conflicts"]
    assert [side["claims"] for side in conflicts[0]["sides"]] == [["c1", "c2"], ["c3"]]


def test_only_the_edited_file_is_parsed_again(root, monkeypatch):
    pipeline.analyse(root)
    parsed = []
    original = store._load_list
    monkeypatch.setattr(store, "_load_list", lambda project, path, *rest: parsed.append(path) or original(project, path, *rest))
    (root / "claims/file3.yaml").write_text(CLAIMS.format(id="c3", figure="$7 billion"))
    analysis = pipeline.analyse(root)
    assert [p for p in parsed if p.startswith("claims/")] == ["claims/file3.yaml"]
    assert {c.id: c.figure for c in analysis.corpus.claims}["c3"] == "$7 billion"


def test_an_unchanged_project_is_not_parsed_at_all(root, monkeypatch):
    first = pipeline.analyse(root)
    monkeypatch.setattr(store, "_load_list", lambda *args: pytest.fail("parsed a file the cache holds"))
    again = pipeline.analyse(root)
    assert [c.id for c in again.findings.conflicts] == [c.id for c in first.findings.conflicts]
    assert [c.id for c in again.corpus.claims] == ["c1", "c2", "c3"]


def test_corrupt_or_foreign_entries_are_ignored_and_rebuilt(cli, root):
    expected = cli(root, "check").stdout
    for entry in entries(root):
        entry.write_bytes(b"not a cache entry")
    result = cli(root, "check")
    assert (result.stdout, result.stderr) == (expected, "")
    # An entry of another shape, correctly signed (as an older claimcheck would have left it):
    store_cache = cache_module.Cache(root)
    for entry in entries(root):
        store_cache.put(entry.name, {"something": "else"})
    result = cli(root, "check")
    assert (result.stdout, result.stderr) == (expected, "")


def test_an_unsigned_entry_is_never_unpickled(cli, root, tmp_path):
    expected = cli(root, "check").stdout
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for entry in entries(root):
        entry.write_bytes(b"\0" * 32 + pickle.dumps(Planted()))
    assert cli(root, "check").stdout == expected
    assert not marker.exists()


def test_deleting_the_cache_is_safe(cli, root):
    expected = cli(root, "check").stdout
    import shutil

    shutil.rmtree(root / ".claimcheck")
    assert cli(root, "check").stdout == expected
    assert entries(root)


def test_the_cache_can_be_turned_off(cli, root, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_NO_CACHE", "1")
    assert cli(root, "check").exit_code == 1
    assert not entries(root)


def test_stale_entries_are_pruned(cli, root):
    cli(root, "check")
    before = {e.name for e in entries(root)}
    (root / "claims/file1.yaml").write_text(CLAIMS.format(id="c1", figure="$2 billion"))
    cli(root, "check")
    after = {e.name for e in entries(root)}
    assert len(after) == len(before) and after != before  # the old file's and analysis's entries are gone


def test_progress_shows_only_on_a_terminal_after_a_second(monkeypatch):
    import io

    from claimcheck import cli as cli_module

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(cli_module.sys, "stderr", io.StringIO())
    assert cli_module._progress_bar() is None  # not a terminal: nothing
    terminal = Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", terminal)
    clock = iter([0.0, 0.5, 2.0, 2.5])
    monkeypatch.setattr(cli_module.time, "monotonic", lambda: next(clock))
    show = cli_module._progress_bar()
    show(10, 100)  # half a second in: quiet
    assert terminal.getvalue() == ""
    show(50, 100)
    show(100, 100)
    assert terminal.getvalue().splitlines()[-1].endswith("100/100 files")
    assert "50/100 files" in terminal.getvalue()


def test_an_edited_archive_outside_sources_is_seen(cli, tmp_path):
    claim = "- {id: a, source: tass, subject: deal, property: value, figure: $5 billion, kind: actual, quote: worth $5 billion, archive: notes/article.txt}\n"
    root = write_project(tmp_path / "p", {"claims/a.yaml": claim, "notes/article.txt": "a deal worth $5 billion"})
    assert cli(root, "validate").exit_code == 0
    (root / "notes/article.txt").write_text("a deal worth $6 billion")
    result = cli(root, "validate")
    assert result.exit_code == 2
    assert "quote not found verbatim in notes/article.txt" in result.stdout


# --- after an edit, only the groups it touched are checked again, with the result of a full check ---

CLAIM = ("- {{id: {id}, source: {source}, subject: {subject}, property: value, period: '2022', figure: '{figure}', "
         "kind: {kind}, published: '2023-01-10'}}\n")


def everything(analysis) -> dict:
    """All that a command shows of an analysis."""
    findings = analysis.findings
    return {
        "conflicts": [c.model_dump() for c in findings.conflicts],
        "agreements": [a.model_dump() for a in findings.agreements],
        "targets": [t.model_dump() for t in findings.targets],
        "not_comparable": [n.model_dump() for n in findings.not_comparable],
        "problems": [str(p) for p in analysis.problems],
        "claims": analysis.claims_count,
        "involved": {i: (m.source, m.figure, str(m.at)) for i, m in analysis.involved_claims().items()},
        "corpus": [c.id for c in analysis.corpus.claims],
    }


def random_file(rng, n: int, claims: int) -> str:
    rows = []
    for i in range(claims):
        rows.append(CLAIM.format(
            id=f"c{n}-{rng.randrange(40)}",  # ids collide now and then, within and across files
            source=rng.choice(["tass", "reuters", "tass", "nobody"]),
            subject=rng.choice(["deal", "pact", "trade", "gas-deal"]),
            figure=rng.choice(["$5 billion", "$6 billion", "about $5 billion", "10 billion yuan", "5 years",
                               "up to $7 billion", "more than $4 billion", "lots"]),
            kind=rng.choice(["actual", "actual", "target"])))
    return "".join(rows)


def test_edits_give_what_a_full_check_gives(tmp_path, monkeypatch):
    import random

    rng = random.Random(7)
    subjects = "- {id: deal, aliases: [gas-deal]}\n"
    root = write_project(tmp_path / "p", {"claims/subjects.yaml": subjects,
                                          **{f"claims/f{n}.yaml": random_file(rng, n, 6) for n in range(5)}})
    assert everything(pipeline.analyse(root)) == everything(pipeline.analyse(root, use_cache=False))
    full = pipeline._Run.full
    monkeypatch.setattr(pipeline._Run, "full", lambda run: pytest.fail("checked everything again") if run.cache else full(run))
    for step in range(40):
        n = rng.randrange(7)
        path = root / f"claims/f{n}.yaml"
        if path.exists() and rng.random() < 0.15:
            path.unlink()
        else:
            path.write_text(random_file(rng, n, rng.randrange(0, 8)))
        cached = everything(pipeline.analyse(root))
        assert cached == everything(pipeline.analyse(root, use_cache=False)), f"step {step}"


def test_an_edit_checks_only_the_groups_its_claims_were_and_are_in(tmp_path, monkeypatch):
    from claimcheck import check

    layout = {"f0": ("deal", "pact"), "f1": ("deal", "trade"), "f2": ("trade", "zinc"), "f3": ("pact", "zinc")}
    files = {f"claims/{name}.yaml": "".join(CLAIM.format(id=f"{name}-{s}", source="tass", subject=s, kind="actual",
                                                       figure=f"${n + 1} billion") for s in subjects)
             for n, (name, subjects) in enumerate(layout.items())}
    root = write_project(tmp_path / "p", files)
    pipeline.analyse(root)
    checked = []
    original = check.check_groups
    monkeypatch.setattr(check, "check_groups", lambda corpus, groups, figures, keys: checked.extend(keys) or original(corpus, groups, figures, keys))

    (root / "claims/f0.yaml").write_text(files["claims/f0.yaml"].replace("$1 billion", "$2 billion", 1))
    analysis = pipeline.analyse(root)
    assert {key[0] for key in checked} == {"deal", "pact"}
    assert everything(analysis) == everything(pipeline.analyse(root, use_cache=False))

    checked.clear()  # f0's pact claim moves to another subject: its old group and its new one
    (root / "claims/f0.yaml").write_text(files["claims/f0.yaml"].replace("subject: pact", "subject: accord"))
    analysis = pipeline.analyse(root)
    assert {key[0] for key in checked} == {"deal", "pact", "accord"}
    assert everything(analysis) == everything(pipeline.analyse(root, use_cache=False))

    checked.clear()  # nothing changed: nothing is checked
    pipeline.analyse(root)
    assert checked == []


def test_an_edited_outlet_checks_everything_again(cli, tmp_path):
    claims = "".join(CLAIM.format(id=f"c{n}", source="tass", subject="deal", figure=f"${n} billion", kind="actual") for n in (1, 9))
    root = write_project(tmp_path / "p", {"claims/a.yaml": claims})
    assert "Russian state media" in cli(root, "conflicts", "--format", "json").stdout
    (root / "sources/tass.yaml").write_text("id: tass\nname: TASS\nperspective: state media\nkind: agency\n")
    conflicts = json.loads(cli(root, "conflicts", "--format", "json").stdout)["conflicts"]
    assert conflicts[0]["sides"][0]["perspectives"] == ["state media"]
