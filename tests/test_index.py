"""The index (.claimcheck/index.sqlite): never stale, safe to delete or corrupt, safe to run twice at
once, readable with sqlite3, and after an edit it gives what a run without it gives."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import index, pipeline, query, store
from conftest import REPO, write_project

CLAIMS = "- {{id: {id}, source: tass, subject: deal, property: value, figure: '{figure}', kind: actual}}\n"


@pytest.fixture
def root(tmp_path):
    files = {f"claims/file{n}.yaml": CLAIMS.format(id=f"c{n}", figure=f"${n} billion") for n in range(1, 4)}
    return write_project(tmp_path / "p", files)


def figures_by_claim(cli, root) -> dict[str, str]:
    rows = json.loads(cli(root, "claims", "--format", "json").stdout)["claims"]
    return {row["id"]: row["figure"] for row in rows}


def index_file(root):
    return root / ".claimcheck" / "index.sqlite"


def fresh(cli, root, *args):
    """What a run without the index shows."""
    copy = root.parent / "fresh-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".claimcheck"))
    result = cli(copy, *args)
    return result.exit_code, result.stdout


def test_an_edited_figure_is_seen_on_the_next_run(cli, root):
    assert cli(root, "check").exit_code == 1
    assert index_file(root).is_file()  # the first run made the index
    (root / "claims/file2.yaml").write_text(CLAIMS.format(id="c2", figure="$1 billion"))
    assert figures_by_claim(cli, root)["c2"] == "$1 billion"
    conflicts = json.loads(cli(root, "conflicts", "--format", "json").stdout)["conflicts"]
    assert [side["claims"] for side in conflicts[0]["sides"]] == [["c1", "c2"], ["c3"]]


def read(root, use_index: bool = True) -> query.Reader:
    index = pipeline.run(root, use_index=use_index)
    return query.Reader(index)


def test_only_the_edited_file_is_parsed_again(root, monkeypatch):
    pipeline.run(root).close()
    parsed = []
    original = store._load_list
    monkeypatch.setattr(store, "_load_list", lambda project, path, *rest: parsed.append(path) or original(project, path, *rest))
    (root / "claims/file3.yaml").write_text(CLAIMS.format(id="c3", figure="$7 billion"))
    reader = read(root)
    assert [p for p in parsed if p.startswith("claims/")] == ["claims/file3.yaml"]
    assert {c.id: c.figure for c in reader.claims()}["c3"] == "$7 billion"


def test_an_unchanged_project_is_not_parsed_at_all(root, monkeypatch):
    first = read(root)
    monkeypatch.setattr(store, "_load_list", lambda *args: pytest.fail("parsed a file the cache holds"))
    again = read(root)
    assert again.conflict_ids() == first.conflict_ids() == ["deal/value"]
    assert [c.id for c in again.claims()] == ["c1", "c2", "c3"]


def test_a_corrupt_index_is_rebuilt_with_a_notice(cli, root):
    expected = cli(root, "check").stdout
    index_file(root).write_bytes(b"not a database at all" * 100)
    result = cli(root, "check")
    assert result.stdout == expected
    assert result.stderr == ".claimcheck/index.sqlite was unreadable: file is not a database; rebuilt it from the files\n".replace(".claimcheck", "note: .claimcheck", 1)
    assert cli(root, "check").stderr == ""  # rebuilt once, then used


def test_a_foreign_or_older_index_is_rebuilt_with_a_notice(cli, root):
    expected = cli(root, "check").stdout
    index_file(root).unlink()
    with sqlite3.connect(index_file(root)) as other:  # another program's database at that path
        other.execute("CREATE TABLE claims (x)")
    result = cli(root, "check")
    assert (result.stdout, result.stderr) == (expected, "note: .claimcheck/index.sqlite was not claimcheck's; rebuilt it from the files\n")
    with sqlite3.connect(index_file(root)) as older:
        older.execute(f"PRAGMA user_version={index.FORMAT - 1}")
    result = cli(root, "check")
    assert (result.stdout, result.stderr) == (expected, "note: .claimcheck/index.sqlite was of an older claimcheck; rebuilt it from the files\n")


def test_deleting_the_index_is_safe(cli, root):
    expected = cli(root, "check").stdout
    shutil.rmtree(root / ".claimcheck")
    assert cli(root, "check").stdout == expected
    assert index_file(root).is_file()


def test_two_checks_at_once_give_the_answer_of_a_fresh_run(cli, root):
    (root / "claims/file2.yaml").write_text(CLAIMS.format(id="c2", figure="$9 billion"))
    expected = fresh(cli, root, "check")[1]
    command = [sys.executable, "-m", "claimcheck", "--root", str(root), "check"]
    for _ in range(8):  # two runs making the index file at once once failed about one time in fifty
        shutil.rmtree(root / ".claimcheck", ignore_errors=True)
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [run.communicate() for run in runs]
        assert [out for out, _ in outputs] == [expected, expected]
        assert [err for _, err in outputs] == ["", ""]
    assert cli(root, "check").stdout == expected


def test_the_index_can_be_turned_off(cli, root, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_NO_INDEX", "1")
    assert cli(root, "check").exit_code == 1
    assert not index_file(root).exists()


def test_a_folder_that_cannot_hold_the_index_still_gets_an_answer(cli, root):
    expected = fresh(cli, root, "check")
    (root / ".claimcheck").mkdir(exist_ok=True)
    index_file(root).mkdir()  # a folder where the database would be
    result = cli(root, "check")
    assert (result.exit_code, result.stdout) == expected
    assert "index.sqlite cannot be used (unreadable: unable to open database file); checked without it" in result.stderr


def test_people_can_read_claims_and_conflicts_with_sqlite3(cli, root):
    cli(root, "check")
    with sqlite3.connect(index_file(root)) as db:
        claims = db.execute("SELECT id, source, figure, value, unit, dimension, path, line FROM claims ORDER BY id").fetchall()
        assert claims == [("c1", "tass", "$1 billion", 1e9, "USD", "money", "claims/file1.yaml", 1),
                          ("c2", "tass", "$2 billion", 2e9, "USD", "money", "claims/file2.yaml", 1),
                          ("c3", "tass", "$3 billion", 3e9, "USD", "money", "claims/file3.yaml", 1)]
        conflicts = db.execute("SELECT id, status FROM conflicts").fetchall()
        sides = db.execute("SELECT side, claim FROM sides WHERE conflict = ? ORDER BY side, claim", (conflicts[0][0],)).fetchall()
    assert conflicts == [("deal/value", "open")]
    # "$1 billion" and "$2 billion" only touch at 1.5: two values since design 2b, three sides
    assert sides == [(1, "c1"), (2, "c2"), (3, "c3")]


def test_an_edit_leaves_no_rows_of_what_was_there_before(cli, root):
    cli(root, "check")
    (root / "claims/file1.yaml").write_text(CLAIMS.format(id="c9", figure="$2 billion"))
    (root / "claims/file3.yaml").unlink()
    cli(root, "check")
    with sqlite3.connect(index_file(root)) as db:
        assert db.execute("SELECT id FROM claims ORDER BY id").fetchall() == [("c2",), ("c9",)]
        assert db.execute("SELECT path FROM files WHERE is_claims ORDER BY path").fetchall() == [("claims/file1.yaml",), ("claims/file2.yaml",)]
        assert db.execute("SELECT count(*) FROM conflicts").fetchone() == (0,)


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


def everything(index) -> dict:
    """All that the commands and the web pages show of a project, read through the read model: every
    listing with its filters and sorts, every claim shown, every conflict in every output, outlets,
    origins, the report, what `check` prints, and the data of every page."""
    from claimcheck import report, views, web

    reader = query.Reader(index)
    try:
        outlets, names = reader.outlets, reader.subject_names
        ids = reader.claim_ids()
        conflicts = {sort: [views.ConflictView.of(record, outlets, names) for record in reader.conflicts(sort, status=status)]
                     for sort in query.SORTS for status in ("all", "open")}
        filtered = {(status, subject, outlet, window): [record.conflict["id"] for record in reader.conflicts(
                        "spread", status=status, subject=subject, outlet=outlet, since=window, until=window)]
                    for status in ("open", "all") for subject in (None, "deal", "gas-deal") for outlet in (None, "tass")
                    for window in (None, "2023")}
        pages = [{"status": "all"}, {"status": "open", "sort": "recent"}, {"outlet": "reuters", "sort": "spread"},
                 {"perspective": "Western independent", "status": "all", "page": "2"}, {"since": "2023", "sort": "outlets"}]
        data = {
            "problems": [str(p) for p in reader.problems()],
            "claims": [tuple(c) for c in reader.claims()],
            "filtered claims": [[c.id for c in reader.claims(**filters)] for filters in (
                {"outlet": "tass"}, {"subject": "gas-deal"}, {"kind": "target"}, {"since": "2023", "until": "2023-06"},
                {"period": "2022"}, {"perspective": "western independent"}, {"speaker": "x"})],
            "search": [c.id for c in reader.claims(text="BILLION")] + [c.id for c in reader.claims(text="yuan")],
            "shown": [views.claim_detail(reader.claim(i), reader.conflicts_of(i)) for i in ids],
            "conflicts": {sort: [(view.data(), view.line(), view.rows()) for view in views_] for sort, views_ in conflicts.items()},
            "filtered conflicts": filtered,
            "outlets": [reader.outlet_rows(), reader.outlet_rows("2023", "2023")],
            "origins": views.shared_origins(reader.origin_groups(), outlets),
            "report": [report.build(reader), "".join(report.render(reader, "json")), "".join(report.render(reader, "md", sort="spread")),
                       "".join(report.render(reader, "html"))],
            "tally": reader.tally(),
            "pages": [web.overview(reader), web.outlet_list(reader), *(web.conflict_list(reader, page) for page in pages),
                      *(web.conflict_page(reader, conflict) for conflict in reader.conflict_ids()),
                      web.claim_list(reader, {"q": "billion", "page": "2"}), web.claim_list(reader, {}, "tass"),
                      *(web.claim_page(reader, i, index.root) for i in ids)],
        }
        # `check` prints its lines only for data without problems (ids used twice name two claims).
        data["check"] = (lambda lines, failing: (list(lines), failing))(*views.check(reader)) if not data["problems"] else None
        return data
    finally:
        index.close()


def random_file(rng, n: int, claims: int, collide: bool = True) -> str:
    """Claims files with random figures; with `collide`, also ids used twice, unknown outlets and
    unreadable figures."""
    rows = []
    for i in range(claims):
        rows.append(CLAIM.format(
            # ids collide now and then, within and across files; or never, so that `check` prints its lines
            id=f"c{n}-{rng.randrange(40)}" if collide else f"c{n}-{i}-{rng.randrange(10**9)}",
            source=rng.choice(["tass", "reuters", "tass", "nobody"] if collide else ["tass", "reuters"]),
            subject=rng.choice(["deal", "pact", "trade", "gas-deal"]),
            figure=rng.choice(["$5 billion", "$6 billion", "about $5 billion", "10 billion yuan", "5 years",
                               "up to $7 billion", "more than $4 billion", "lots" if collide else "$8 billion"]),
            kind=rng.choice(["actual", "actual", "target"])))
    return "".join(rows)


@pytest.mark.parametrize("collide", [True, False])
def test_edits_give_what_a_full_check_gives(tmp_path, monkeypatch, collide):
    import random

    rng = random.Random(7)
    subjects = "- {id: deal, aliases: [gas-deal]}\n"
    root = write_project(tmp_path / "p", {"claims/subjects.yaml": subjects,
                                          **{f"claims/f{n}.yaml": random_file(rng, n, 6, collide) for n in range(5)}})
    assert everything(pipeline.run(root)) == everything(pipeline.run(root, use_index=False))
    monkeypatch.setattr(index.Index, "forget_everything", lambda self: pytest.fail("checked everything again"))
    compared = 0
    for step in range(40):
        n = rng.randrange(7)
        path = root / f"claims/f{n}.yaml"
        chance = rng.random()
        if path.exists() and chance < 0.15:
            path.unlink()
        elif path.exists() and chance < 0.5:  # one claim's figure changed, or every claim a line down
            lines = path.read_text().splitlines(keepends=True)
            if lines and chance < 0.35:
                n = rng.randrange(len(lines))
                lines[n] = re.sub(r"figure: '[^']*'", "figure: '$9 billion'", lines[n])
            else:
                lines.insert(0, "# moved down\n")
            path.write_text("".join(lines))
        else:
            path.write_text(random_file(rng, n, rng.randrange(0, 8), collide))
        cached = everything(pipeline.run(root))
        assert cached == everything(pipeline.run(root, use_index=False)), f"step {step}"
        compared += cached["check"] is not None
    assert collide or compared > 20  # without problems (an empty file is one), the lines of `check` were compared


def test_an_edit_checks_only_the_groups_of_the_claims_it_changed(tmp_path, monkeypatch):
    from claimcheck import check

    layout = {"f0": ("deal", "pact"), "f1": ("deal", "trade"), "f2": ("trade", "zinc"), "f3": ("pact", "zinc")}
    files = {f"claims/{name}.yaml": "".join(CLAIM.format(id=f"{name}-{s}", source="tass", subject=s, kind="actual",
                                                       figure=f"${n + 1} billion") for s in subjects)
             for n, (name, subjects) in enumerate(layout.items())}
    root = write_project(tmp_path / "p", files)
    pipeline.run(root).close()
    checked = []
    original = check.check_groups
    monkeypatch.setattr(check, "check_groups", lambda corpus, groups, figures, keys: checked.extend(keys) or original(corpus, groups, figures, keys))

    # f0's deal claim takes another figure: its group is checked again, not that of f0's other claim
    (root / "claims/f0.yaml").write_text(files["claims/f0.yaml"].replace("$1 billion", "$2 billion", 1))
    analysis = pipeline.run(root)
    assert {key[0] for key in checked} == {"deal"}
    assert everything(analysis) == everything(pipeline.run(root, use_index=False))

    checked.clear()  # f0's pact claim moves to another subject (its old group and its new one), deal's figure back
    (root / "claims/f0.yaml").write_text(files["claims/f0.yaml"].replace("subject: pact", "subject: accord"))
    analysis = pipeline.run(root)
    assert {key[0] for key in checked} == {"deal", "pact", "accord"}
    assert everything(analysis) == everything(pipeline.run(root, use_index=False))

    checked.clear()  # nothing changed: nothing is checked
    pipeline.run(root).close()
    assert checked == []


def test_an_edited_outlet_checks_everything_again(cli, tmp_path):
    claims = "".join(CLAIM.format(id=f"c{n}", source="tass", subject="deal", figure=f"${n} billion", kind="actual") for n in (1, 9))
    root = write_project(tmp_path / "p", {"claims/a.yaml": claims})
    assert "Russian state media" in cli(root, "conflicts", "--format", "json").stdout
    (root / "sources/tass.yaml").write_text("id: tass\nname: TASS\nperspective: state media\nkind: agency\n")
    conflicts = json.loads(cli(root, "conflicts", "--format", "json").stdout)["conflicts"]
    assert conflicts[0]["sides"][0]["perspectives"] == ["state media"]


def test_two_groups_with_one_id_both_stay_after_an_edit(cli, tmp_path):
    """A period and a scope both written "2021" give two groups the id w/n/2021 (review, issue 14)."""
    claims = ("- {id: c1, source: tass, subject: w, property: n, period: '2021', figure: 10 widgets, kind: actual}\n"
              "- {id: c2, source: tass, subject: w, property: n, period: '2021', figure: 20 widgets, kind: actual}\n")
    scoped = "- {id: c3, source: tass, subject: w, property: n, scope: '2021', figure: 30 widgets, kind: actual}\n"
    root = write_project(tmp_path / "p", {"claims/x.yaml": claims, "claims/y.yaml": scoped})
    first = cli(root, "check")
    (root / "claims/y.yaml").write_text(scoped.replace("30 widgets", "31 widgets"))
    result = cli(root, "check")
    assert (result.exit_code, result.stdout) == fresh(cli, root, "check") == (first.exit_code, first.stdout)
    assert "w/n/2021: 10 (TASS, undated) vs 20 (TASS, undated)" in result.stdout


def test_an_index_corrupt_inside_its_pages_is_rebuilt(cli, root):
    expected = cli(root, "check").stdout
    with open(index_file(root), "r+b") as db:  # zero four pages past the header
        db.seek(3 * 4096)
        db.write(b"\0" * 4 * 4096)
    result = cli(root, "check")
    assert result.stdout == expected
    assert "rebuilt it from the files" in result.stderr
    assert cli(root, "check").stderr == ""


def test_a_file_name_that_is_not_utf8_is_named_as_a_problem_or_left_alone(cli, root):
    expected = fresh(cli, root, "check")
    (root / "sources" / "archive").mkdir(parents=True, exist_ok=True)
    (root / "sources" / "archive" / os.fsdecode(b"r\xe9sum\xe9.txt")).write_text("hi")  # no claim can name it: no answer changes
    result = cli(root, "check")
    assert (result.exit_code, result.stdout, result.stderr) == (*expected, "")
    (root / "claims" / os.fsdecode(b"caf\xe9.yaml")).write_text(CLAIMS.format(id="c9", figure="$9 billion"))
    result = cli(root, "check")
    assert result.exit_code == 2
    assert result.stdout == "claims/caf\ufffd.yaml: the file name is not UTF-8; rename it with letters a file name can hold in any system\n"


# --- the index holds data, and the code that made it ---------------------------------------


def test_the_index_holds_no_line_that_a_command_prints(cli, root):
    printed = cli(root, "check").stdout.splitlines()
    assert printed[0] == "deal/value: USD 1 billion (TASS, undated) vs USD 2 billion (TASS, undated) vs USD 3 billion (TASS, undated): +100%"
    with sqlite3.connect(index_file(root)) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        texts = [value for table in tables for row in db.execute(f"SELECT * FROM {table}") for value in row if isinstance(value, str)]
    assert texts and not [text for text in texts for line in printed if line in text or "USD 3 billion" in text or "TASS," in text]


def test_a_change_to_the_wording_shows_on_the_next_run_and_the_runs_after(tmp_path, root):
    """The index keeps data, and its version holds a hash of the package's code: a copy of claimcheck
    whose wording was changed between two runs prints the new wording, warm or not."""
    code = tmp_path / "code"
    shutil.copytree(REPO / "claimcheck", code / "claimcheck", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(code)}

    def check() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "claimcheck", "--root", str(root), "check"], cwd=tmp_path, env=env,
                              capture_output=True, text=True)

    assert [check().stdout for _ in range(2)] == [check().stdout] * 2  # made, then warm
    assert "deal/value: USD 1 billion (TASS, undated) vs USD 2 billion (TASS, undated) vs USD 3 billion (TASS, undated)" in check().stdout
    views = code / "claimcheck" / "views.py"
    views.write_text(views.read_text().replace('" vs ".join', '" versus ".join'))
    changed = check()
    assert "deal/value: USD 1 billion (TASS, undated) versus USD 2 billion (TASS, undated) versus USD 3 billion (TASS, undated)" in changed.stdout
    assert changed.stderr == "note: .claimcheck/index.sqlite was of an older claimcheck; rebuilt it from the files\n"
    warm = check()
    assert (warm.stdout, warm.stderr) == (changed.stdout, "")


QUOTED = ("- id: {id}\n  source: {source}\n  subject: deal\n  property: value\n  period: '2022'\n  figure: '{figure}'\n"
          "  kind: actual\n  quote: '{quote}'\n{archive}")


def vocabulary(index) -> list[tuple]:
    """The words alignment counts in the claims' quotes (what a draft's suggested groups are made from)."""
    try:
        return index.db.execute("SELECT kind, word, claims FROM vocabulary ORDER BY kind, word").fetchall()
    finally:
        index.close()


def test_an_edit_runs_the_rules_again_on_the_claims_it_changed_only(tmp_path, monkeypatch):
    """A write re-checks the claim it changes, not the thousand beside it in its file: what the rules found in the
    others (a figure not in its quote, an unknown outlet, a quote not in its archive) stays, at their new lines."""
    import random

    from claimcheck import figures

    rng = random.Random(3)
    archive = "sources/archive/a.txt"

    def claim(n):
        figure = rng.choice(["$5 billion", "$6 billion", "10 billion yuan"])
        return QUOTED.format(id=f"c{n}", source=rng.choice(["tass", "reuters", "nobody"]), figure=figure,
                             quote=rng.choice([f"It was {figure}.", "It was $7 billion.", "Nothing."]),
                             archive=rng.choice(["", f"  archive: {archive}\n"]))

    claims = [claim(n) for n in range(12)]
    root = write_project(tmp_path / "p", {"claims/a.yaml": "".join(claims), archive: "It was $5 billion. It was $7 billion.\n"})
    assert everything(pipeline.run(root)) == everything(pipeline.run(root, use_index=False))
    assert any("not in its quote" in str(p) for p in query.Reader(pipeline.run(root)).problems())
    read = []
    original = figures.missing_from_quote
    monkeypatch.setattr(figures, "missing_from_quote", lambda figure, quote: read.append(quote) or original(figure, quote))
    for step in range(15):
        read.clear()
        n = rng.randrange(len(claims))
        choice = rng.random()
        if choice < 0.4:
            claims[n] = claim(100 + step)  # one claim changed
        elif choice < 0.6:
            claims.insert(n, claim(200 + step))  # one claim added, those below it a claim down
        elif choice < 0.8:
            del claims[n]  # one claim gone, those below it a claim up
        else:
            claims.insert(0, claims.pop())  # the last claim moved to the top: nothing it says changed
        (root / "claims/a.yaml").write_text("".join(claims))
        cached = everything(pipeline.run(root))
        assert len(read) <= 1, f"step {step}: the rules read {len(read)} quotes again"
        assert cached == everything(pipeline.run(root, use_index=False)), f"step {step}"
        assert vocabulary(pipeline.run(root)) == vocabulary(pipeline.run(root, use_index=False)), f"step {step}"
    (root / archive).write_text("It was $6 billion.\n")  # an archive changed: every claim that names it is checked again
    assert everything(pipeline.run(root)) == everything(pipeline.run(root, use_index=False))


def test_the_likely_sides_are_weighed_again_only_when_what_they_read_changed(cli, tmp_path, monkeypatch):
    """The estimate of design §9 is kept by a digest of what it reads: a review or a claim's note leaves that as
    it was, so the likely sides come back without weighing; a changed figure weighs them again, as a run without the index does."""
    from claimcheck import truth

    root = tmp_path / "corpus"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)

    def likely(env: dict | None = None) -> dict:
        listed = json.loads(cli(root, "conflicts", "--all", "--format", "json", env=env).stdout)["conflicts"]
        return {conflict["id"]: conflict["likely"] for conflict in listed}

    before = likely()
    assert any(before.values())
    weighed, weigh = [], truth.weigh
    monkeypatch.setattr(truth, "weigh", lambda *args: weighed.append(1) or weigh(*args))
    assert cli(root, "review", "currency-swap-2014/value", "--status", "disputed", "--note", "x").exit_code == 0
    assert likely() == before and not weighed
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("quote:", "note: a note added\n  quote:", 1), encoding="utf-8")
    assert likely() == before and not weighed  # the file's claims indexed again, in another order
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")
    after = likely()
    assert weighed == [1] and after == likely({index.DISABLE: "1"}) and after != before


def test_a_failure_in_what_is_made_ahead_of_pages_keeps_the_change_indexed(tmp_path):
    """The server makes the likely sides and outlets' rows in the run's transaction; if that fails, the
    change on disk is still indexed (pages make those reads themselves) and a notice says so."""
    root = tmp_path / "corpus"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    pipeline.run(root).close()
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")

    def fails(made):
        made.db.execute("CREATE TABLE made_ahead (x)")
        raise sqlite3.OperationalError("database is locked")

    made = pipeline.run(root, then=fails)
    try:
        assert made.path is not None and any("made ahead" in notice for notice in made.notices)
        assert made.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'made_ahead'").fetchone() == (0,)
        figures = [row[0] for row in made.db.execute("SELECT figure FROM claims WHERE id = 'currency-swap-yuan-diplomat-2016'")]
    finally:
        made.close()
    assert figures == ["1,500 billion yuan"]


def test_a_project_read_on_all_cores_gives_what_one_core_gives(tmp_path, monkeypatch):
    """A large project's files are parsed, their figures read and the rules of one claim at a time run in worker
    processes, and its groups checked there in batches: the same problems, conflicts and pages as one core."""
    import random

    rng = random.Random(11)
    quoted = ("- {id: q1, source: tass, subject: deal, property: value, period: '2022', figure: '$5 billion', kind: actual,"
              " quote: 'The deal is worth $6 billion.', published: '2023-01-10'}\n"
              "- {id: q2, source: reuters, subject: deal, property: value, period: '2022', figure: '$5 billion', kind: actual,"
              " quote: 'worth $5 billion', archive: sources/archive/a.txt, published: '2023-01-10'}\n"
              "- {id: q3, source: nobody, subject: pact, property: value, period: '2022', figure: '$6 billion', kind: actual,"
              " quote: 'a pact worth $6 billion', archive: sources/archive/a.txt, published: '2023-01-10'}\n")
    files = {"claims/subjects.yaml": "- {id: deal, aliases: [gas-deal]}\n", "claims/quoted.yaml": quoted,
             "sources/archive/a.txt": "It signed a pact worth $6 billion.\n",
             **{f"claims/f{n}.yaml": random_file(rng, n, 12) for n in range(8)}}
    one = everything(pipeline.run(write_project(tmp_path / "one", files), use_index=False))
    monkeypatch.setattr(store, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(pipeline, "BATCH", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    ruled = tmp_path / "ruled"
    monkeypatch.setattr(pipeline, "_rules", _noting_the_process(pipeline._rules, ruled))
    many = everything(pipeline.run(write_project(tmp_path / "many", files)))
    assert many == one
    messages = "\n".join(many["problems"])
    assert "figure '$5 billion' is not in its quote" in messages and "quote not found verbatim" in messages
    assert "'nobody'" in messages
    pids = ruled.read_text().split()
    assert len(pids) == 9 and str(os.getpid()) not in pids  # the rules of each file ran in a worker process


def _noting_the_process(function, notes: Path):
    """`function`, writing the id of the process each call runs in to `notes` (a forked worker's too)."""

    def noted(*args, **kwargs):
        with notes.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return function(*args, **kwargs)

    return noted


def test_a_stage_run_here_reads_its_own_runs_inputs_never_what_another_run_left_for_its_workers(tmp_path):
    """Two runs in one process (a server's update and a write): the one whose stage runs here takes the rules'
    inputs it is given, whatever another run of everything has left for its forked workers."""
    import functools

    claim = ("- {id: n1, source: nobody, subject: deal, property: value, period: '2022', figure: '$5 billion', "
             "kind: actual, published: '2023-01-10'}\n")
    root = write_project(tmp_path / "p", {"claims/a.yaml": claim})
    project = store.Project(root)
    context, _ = store.load_context(project)
    claims, problems = store._claims_of(project, "claims/a.yaml")
    stage = functools.partial(pipeline._read_file, settings=context.settings, aliases=context.alias_map(), ruled=True)
    with pipeline._left_for_workers(("another project", None, {})):  # what a concurrent run leaves for its workers
        read = stage("claims/a.yaml", claims, problems, {}, None, (project, context, {}))
    assert ["'nobody'" in problem.message for problem in read.rules] == [True]
