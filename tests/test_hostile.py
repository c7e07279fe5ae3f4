"""Hostile and broken input: clear errors at path:line, no code run, nothing lost (issue: hostile input)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from claimcheck import cli as cli_module, store, yamlsafe
from claimcheck.figures import FigureError, parse
from claimcheck.output import Format, render
from conftest import SOURCES, snapshot, write_project

CLAIM = "- id: a\n  source: tass\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: actual\n"


def refused(cli, root, *args):
    """Run a command that must fail: exit 2, and return its output (stdout then stderr)."""
    before = snapshot(root)
    result = cli(root, *args)
    assert result.exit_code == 2, result.output
    assert snapshot(root) == before
    return result.stdout + result.stderr


# --- YAML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch PWNED']", "!!python/name:os.system", "!custom thing", "!!binary aGVsbG8="])
def test_tags_construct_nothing_and_run_nothing(cli, project, tag):
    root = project({"claims/a.yaml": CLAIM + f"  note: {tag}\n"})
    out = refused(cli, root, "validate")
    assert out.startswith("claims/a.yaml:7: YAML tag ") and "is not allowed" in out
    assert not (root / "PWNED").exists() and not os.path.exists("PWNED")


def test_malformed_yaml_gives_line_and_column(cli, project):
    root = project({"claims/a.yaml": CLAIM + "  quote: [unclosed\n  speaker: x\n"})
    out = refused(cli, root, "validate")
    assert out.startswith("claims/a.yaml:8: invalid YAML (column 10):")


def test_billion_laughs_is_refused_fast_and_small(project):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(9)]
    root = project({"claims/bomb.yaml": "\n".join(lines) + "\n"})
    tracemalloc.start()
    started = time.perf_counter()
    _, problems = store.load(root)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [p.message for p in problems] == ["aliases expand to more than 10000 values; write the values out instead"]
    assert elapsed < 1.0  # the bound; a guard against expansion, not a benchmark
    assert peak < 50 * 2**20


def test_not_utf8(cli, project):
    root = project({})
    (root / "claims/a.yaml").write_bytes(CLAIM.encode() + b"  note: caf\xe9\n")
    assert refused(cli, root, "validate").startswith("claims/a.yaml:7: the file is not UTF-8 (byte 0xe9); save it as UTF-8")


def test_empty_file_and_mapping_instead_of_list(cli, project):
    root = project({"claims/empty.yaml": "", "claims/map.yaml": "id: a\nsource: tass\n"})
    out = refused(cli, root, "validate")
    assert "claims/empty.yaml:1: the file is empty" in out
    assert "claims/map.yaml:1: a claims file holds a list of claims" in out


def test_control_characters_and_deep_nesting(cli, project):
    root = project({"claims/nul.yaml": "- id: a\x00\n", "claims/deep.yaml": "[" * 3000 + "]" * 3000 + "\n"})
    out = refused(cli, root, "validate")
    assert "claims/nul.yaml:1: the file holds a control character (#x0000) that YAML does not allow; remove it" in out
    assert "claims/deep.yaml:1: the YAML nests deeper than 50 levels" in out


def test_a_large_file_loads(project):
    """Five megabytes here; benchmarks/large_file.py measures 50 MB and how time grows with size."""
    block = "".join(CLAIM.replace("id: a", f"id: c{i}") for i in range(30_000))
    root = project({"claims/big.yaml": block})
    corpus, problems = store.load(root)
    assert problems == [] and len(corpus.claims) == 30_000


# --- schema ---------------------------------------------------------------------------------


def test_every_schema_problem_in_one_run(cli, project, tmp_path):
    (tmp_path / "outside.txt").write_text("a quote")
    files = {
        "claims/a.yaml": (
            "- id: a\n  sorce: tass\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: actual\n"  # unknown field
            "- id: b\n  source: tass\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: rumour\n"  # wrong kind
            "- id: c\n  source: tass\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: actual\n  period: 2022-13\n"
            "- id: d\n  source: tass\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: actual\n  published: 2022-02-30\n"
            "- id: e\n  source: tass\n  subject: deal\n  property: value\n  figure: ''\n  kind: actual\n"
            "- id: f\n  source: nobody\n  via: nowhere\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: actual\n"
            "- id: g\n  source: tass\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: actual\n  quote: a quote\n  archive: ../outside.txt\n"
        ),
        "claims/b.yaml": "- id: f\n  source: tass\n  subject: deal\n  property: value\n  figure: $6 billion\n  kind: actual\n",
    }
    root = project(files)
    (root / "sources/archive").mkdir()
    (root / "sources/archive/link.txt").symlink_to(tmp_path / "outside.txt")
    with open(root / "claims/a.yaml", "a") as stream:
        stream.write("- id: h\n  source: tass\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: actual\n  quote: a quote\n  archive: sources/archive/link.txt\n")
    lines = refused(cli, root, "validate").splitlines()
    expected = [
        "claims/a.yaml:2: claim 'a': unknown field 'sorce'; did you mean 'source'?",
        "claims/a.yaml:12: claim 'b': kind 'rumour' is not allowed",
        "claims/a.yaml:19: claim 'c': period: '2022-13' is not a calendar date",
        "claims/a.yaml:26: claim 'd': published: '2022-02-30' is not a calendar date",
        "claims/a.yaml:31: claim 'e': figure is empty; it is required",
        "claims/a.yaml:33: claim 'f': unknown source 'nobody'",
        "claims/a.yaml:33: claim 'f': unknown via 'nowhere'",
        "claims/a.yaml:40: claim 'g': archive '../outside.txt' leaves the project folder",
        "claims/a.yaml:48: claim 'h': archive 'sources/archive/link.txt' leaves the project folder",
        "claims/b.yaml:1: duplicate claim id 'f' (first defined at claims/a.yaml:33)",
    ]
    for want in expected:
        assert any(line.startswith(want) for line in lines), want
    assert lines[-1] == f"{len(lines) - 1} problems"


def test_a_claims_file_that_links_outside_the_project(cli, project, tmp_path):
    (tmp_path / "elsewhere.yaml").write_text(CLAIM)
    root = project({})
    (root / "claims/linked.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert refused(cli, root, "validate").startswith("claims/linked.yaml: the file links outside the project folder")


# --- writes ---------------------------------------------------------------------------------


def test_a_write_failing_midway_leaves_every_file_as_it_was(cli, project, tmp_path, monkeypatch):
    root = project({"claims/a.yaml": CLAIM})
    rows = "id,source,source_name,source_perspective,subject,property,figure,kind\nn1,rt,RT,Russian state media,deal,value,$5 billion,actual\n"
    (tmp_path / "new.csv").write_text(rows)
    before = snapshot(root)
    real_replace, calls = os.replace, []

    def fail_on_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", fail_on_second)
    result = cli(root, "import", str(tmp_path / "new.csv"), "--into", "claims/a.yaml")
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr == "cannot write claims/a.yaml: No space left on device\n"
    assert len(calls) >= 2
    assert snapshot(root) == before
    assert not [p for p in root.rglob("*") if p.suffix in (".tmp", ".bak")]


def test_a_failed_write_of_new_data_leaves_no_partial_file(project, monkeypatch):
    root = project({"claims/a.yaml": CLAIM})
    before = snapshot(root)
    monkeypatch.setattr(store.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OSError):
        store.write_files(root, {"claims/a.yaml": "- broken", "claims/new.yaml": "[]\n"})
    assert snapshot(root) == before


def test_interrupted_command_changes_nothing(project, monkeypatch):
    root = project({"claims/a.yaml": CLAIM})
    before = snapshot(root)

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        store.write_files(root, {"claims/a.yaml": CLAIM * 2})
    assert snapshot(root) == before


def test_two_adds_at_once_both_land(project):
    root = project({"claims/a.yaml": CLAIM})
    command = [sys.executable, "-m", "claimcheck", "--root", str(root), "add", "--source", "tass", "--subject", "deal",
               "--property", "value", "--to", "claims/a.yaml"]
    processes = [subprocess.Popen(command + ["--figure", f"${n} billion", "--id", f"added-{n}"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for n in range(6, 10)]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    corpus, problems = store.load(root)
    assert problems == []
    assert sorted(c.id for c in corpus.claims) == ["a", "added-6", "added-7", "added-8", "added-9"]


def test_import_twice_and_id_clash_and_bad_rows(cli, project, tmp_path):
    root = project({"claims/a.yaml": CLAIM})
    header = "id,source,subject,property,figure,kind,quote\n"
    (tmp_path / "ok.csv").write_bytes(("\ufeff" + header + 'n1,tass,deal,value,$5 billion,actual,"worth $5 billion, quoted\nover two lines"\n').encode())
    assert cli(root, "import", str(tmp_path / "ok.csv")).exit_code == 0
    before = snapshot(root)
    assert cli(root, "import", str(tmp_path / "ok.csv")).exit_code == 0
    assert snapshot(root) == before
    (tmp_path / "bad.csv").write_text(header + "n2,tass,deal,value,$6 billion,actual,\na,tass,deal,value,$7 billion,actual,\nn3,tass,deal,value,$8 billion,guess,\n")
    out = refused(cli, root, "import", str(tmp_path / "bad.csv"))
    assert "bad.csv:3: claim id 'a' already exists at claims/a.yaml:1 with other content (figure: '$5 billion' vs '$7 billion')" in out
    assert "bad.csv:4: row with id 'n3': column kind:" in out and "nothing was imported" in out


@pytest.mark.parametrize("content, message", [
    (b"id,source,subject,property,figure,kind\na,tass,d,p,\"" + b"9" * 200_000 + b"\",actual\n", ":2: the CSV cannot be read (field larger than field limit"),
    ("id,source,subject,property,figure,kind\na,tass,d,p,1,actual,extra\n".encode(), ":2: the row has 7 cells but the header names 6 columns"),
    (b"id,source,subject,property,figure,kind\na,tass,d,p,caf\xe9,actual\n", ":2: the file is not UTF-8 (byte 0xe9)"),
])
def test_broken_csv_is_refused_with_its_line(cli, project, tmp_path, content, message):
    root = project({"claims/a.yaml": CLAIM})
    (tmp_path / "broken.csv").write_bytes(content)
    assert message in refused(cli, root, "import", str(tmp_path / "broken.csv"))


@pytest.mark.parametrize("option", [["--into", "../escape.yaml"], ["--into", "claims/../../escape.yaml"], ["--into", "claims/notes.txt"]])
def test_import_writes_only_inside_claims(cli, project, tmp_path, option):
    root = project({"claims/a.yaml": CLAIM})
    (tmp_path / "ok.csv").write_text("id,source,subject,property,figure,kind\nn1,tass,deal,value,$5 billion,actual\n")
    assert "name a .yaml file inside claims/" in refused(cli, root, "import", str(tmp_path / "ok.csv"), *option)
    assert not (tmp_path / "escape.yaml").exists()


# --- output ---------------------------------------------------------------------------------


def test_csv_export_defuses_formulas_and_round_trips(cli, project, tmp_path):
    dangerous = ["=HYPERLINK(\"http://evil\")", "+1+1", "-5%", "@SUM(A1)"]  # tab and CR starts: see below
    claims = "".join(
        f"- id: f{n}\n  source: tass\n  subject: deal\n  property: p{n}\n  figure: '1'\n  kind: actual\n  note: \"{text.replace(chr(34), chr(92) + chr(34)).replace(chr(9), chr(92) + 't').replace(chr(13), chr(92) + 'r')}\"\n"
        for n, text in enumerate(dangerous)
    )
    root = project({"claims/a.yaml": claims})
    exported = cli(root, "export", "--format", "csv").stdout
    notes = [row["note"] for row in csv.DictReader(io.StringIO(exported))]
    assert notes == ["'" + text for text in dangerous]
    (tmp_path / "again.csv").write_text(exported)
    fresh = write_project(tmp_path / "fresh", {}, sources=SOURCES)
    assert cli(fresh, "import", str(tmp_path / "again.csv")).exit_code == 0
    assert cli(fresh, "export", "--format", "csv").stdout == exported
    # Fields are stripped of surrounding whitespace when loaded, so tab and CR starts are defused at the cell level.
    cells = next(iter(csv.DictReader(io.StringIO(render([{"a": "\tx", "b": "\r=1"}], Format.csv, "rows"), newline=""))))
    assert cells == {"a": "'\tx", "b": "'\r=1"}


def test_terminal_output_strips_ansi_from_data(cli, project):
    root = project({"claims/a.yaml": "- id: a\n  source: tass\n  subject: deal\n  property: value\n  figure: \"\\e]0;pwned\\a\\e[31m5\"\n  kind: actual\n"})
    out = cli(root, "claims").stdout + cli(root, "validate").stdout
    assert "\x1b" not in out and "\x07" not in out


def test_errors_have_no_traceback_but_debug_shows_one(monkeypatch, capsys, project):
    root = project({"claims/a.yaml": CLAIM})
    from claimcheck import pipeline

    monkeypatch.setattr(pipeline, "run", lambda root, **options: 1 / 0)
    monkeypatch.setattr(sys, "argv", ["claimcheck", "--root", str(root), "check"])
    with pytest.raises(SystemExit) as exit_:
        cli_module.run()
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert err == "internal error: ZeroDivisionError: division by zero (run with --debug for the traceback)\n"
    monkeypatch.setattr(sys, "argv", ["claimcheck", "--debug", "--root", str(root), "check"])
    with pytest.raises(SystemExit):
        cli_module.run()
    assert "Traceback (most recent call last)" in capsys.readouterr().err


# --- fuzzing --------------------------------------------------------------------------------

YAML_PIECES = ["- ", "id: ", "a", "\n", "  ", ":", "&x ", "*x", "!!str ", "!!python/object ", "[", "]", "{", "}", "'", '"',
               "source: tass", "figure: ", "$5 billion", "kind: actual", "#", "|", ">", "<<: ", "\t", "- - ", "? ", "null", "~"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join))
def test_fuzz_yaml_documents_never_escape_as_exceptions(tmp_path, text):
    root = write_project(tmp_path / "fuzz", {"claims/a.yaml": text}, sources=SOURCES)
    corpus, problems = store.load(root)
    assert all(str(p).startswith(("claims/a.yaml", "sources/")) for p in problems)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_bytes_never_escape_as_exceptions(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        yamlsafe.parse(text)
    except yamlsafe.YamlProblem as problem:
        assert problem.message


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=20), st.sampled_from(["5", "1,500", "3.25", "forty-two", "$7bn", "half", "12%"]), st.text(max_size=20))
def test_fuzz_text_around_numbers(before, number, after):
    try:
        parse(before + number + after)
    except FigureError as refusal:
        assert str(refusal)
