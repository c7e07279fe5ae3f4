"""The command line end to end, through typer's CliRunner, on small corpora written here."""

from __future__ import annotations

import json

import pytest
import typer.main

from claimcheck.cli import app
from conftest import snapshot

CLAIMS = """\
- id: gas-30
  source: tass
  published: 2014-05-21
  speaker: Alexei Miller
  subject: gas-deal
  property: duration
  period: 2014
  figure: 30-year
  kind: actual
- id: gas-40
  source: reuters
  published: 2016-12-01
  subject: power-of-siberia
  property: duration
  figure: 40-year
  kind: actual
- id: trade-2022
  source: reuters
  subject: trade
  property: turnover
  period: 2022-01/2022-05
  figure: US$65.8 billion
  kind: target
"""
SUBJECTS = "- id: gas-deal\n  aliases: [power-of-siberia]\n"


@pytest.fixture
def small(project):
    return project({"claims/all.yaml": CLAIMS, "claims/subjects.yaml": SUBJECTS})


def test_every_command_has_help_with_an_example():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help and "Example: claimcheck" in command.help, name


def test_validate_clean_and_broken(cli, small):
    result = cli(small, "validate")
    assert result.exit_code == 0
    assert result.stdout == "ok: 3 claims from 2 outlets, no problems\n"
    (small / "claims/bad.yaml").write_text("- id: x\n  source: nobody\n  subject: s\n  property: p\n  figure: '1'\n  kind: actual\n")
    result = cli(small, "validate")
    assert result.exit_code == 2
    assert result.stdout == "claims/bad.yaml:1: claim 'x': unknown source 'nobody'; add sources/nobody.yaml for it\n"
    assert result.stderr == "1 problem\n"


def test_not_a_project_is_a_clear_refusal(cli, tmp_path):
    result = cli(tmp_path, "validate")
    assert result.exit_code == 2
    assert "not a claims project (no claims/ or sources/ folder); run 'claimcheck init" in result.stderr


def test_root_from_environment(small):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["claims", "--format", "json"], env={"CLAIMCHECK_ROOT": str(small)})
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["claims"]) == 3


def test_claims_table(cli, small):
    result = cli(small, "claims", "--kind", "actual")
    assert result.stdout == (
        "id      outlet    subject           property    period    figure    kind    published\n"
        "------  --------  ----------------  ----------  --------  --------  ------  -----------\n"
        "gas-30  tass      gas-deal          duration    2014      30-year   actual  2014-05-21\n"
        "gas-40  reuters   power-of-siberia  duration              40-year   actual  2016-12-01\n"
    )


def test_one_outlets_claims_are_grouped_by_subject(cli, small):
    result = cli(small, "claims", "--outlet", "reuters")
    assert result.stdout == (
        "gas-deal\n\n"
        "id      property    period    figure    kind    published\n"
        "------  ----------  --------  --------  ------  -----------\n"
        "gas-40  duration              40-year   actual  2016-12-01\n\n"
        "trade\n\n"
        "id          property    period           figure           kind    published\n"
        "----------  ----------  ---------------  ---------------  ------  -----------\n"
        "trade-2022  turnover    2022-01/2022-05  US$65.8 billion  target\n"
    )


def test_markdown_listing_escapes_data(cli, project):
    root = project({"claims/a.yaml": CLAIMS.replace("30-year", "'30-year <b>|</b>'")})
    out = cli(root, "claims", "--format", "md").stdout
    assert "30-year &lt;b&gt;\\|&lt;/b&gt;" in out and "<b>" not in out


@pytest.mark.parametrize(
    "args, ids",
    [
        (["--subject", "gas-deal"], ["gas-30", "gas-40"]),  # the alias groups with its subject
        (["--perspective", "western independent"], ["gas-40", "trade-2022"]),
        (["--property", "turnover"], ["trade-2022"]),
        (["--speaker", "miller"], ["gas-30"]),
        (["--period", "2022"], ["trade-2022"]),
        (["--period", "2022-03"], ["trade-2022"]),
        (["--period", "2015"], []),
        (["--kind", "target"], ["trade-2022"]),
        (["--outlet", "reuters", "--kind", "actual"], ["gas-40"]),
    ],
)
def test_claims_filters(cli, small, args, ids):
    result = cli(small, "claims", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [c["id"] for c in json.loads(result.stdout)["claims"]] == ids


def test_claims_json_carries_outlet_and_location(cli, small):
    [claim] = json.loads(cli(small, "claims", "--outlet", "tass", "-f", "json").stdout)["claims"]
    assert claim["outlet_name"] == "TASS" and claim["perspective"] == "Russian state media"
    assert claim["location"] == "claims/all.yaml:1" and claim["figure"] == "30-year"


def test_bad_filter_values_are_refused(cli, small):
    assert cli(small, "claims", "--kind", "guess").exit_code == 2
    result = cli(small, "claims", "--period", "someday")
    assert result.exit_code == 2 and "--period: period 'someday' is not understood" in result.stderr


def test_outlets(cli, small):
    rows = json.loads(cli(small, "outlets", "--format", "json").stdout)["outlets"]
    assert [(r["id"], r["perspective"], r["claims"]) for r in rows] == [
        ("reuters", "Western independent", 2), ("tass", "Russian state media", 1)
    ]


def test_outlets_csv(cli, small):
    assert cli(small, "outlets", "--format", "csv").stdout.splitlines()[:2] == [
        "id,name,perspective,kind,reference,claims,carried,repeated,conflicts,minority,against_reference,accuracy,likely_copies",
        "reuters,Reuters,Western independent,agency,,2,0,0,0,0,0,too few to say (0 figures),",
    ]


def test_terminal_output_strips_escape_sequences(cli, project):
    root = project({"claims/a.yaml": CLAIMS.replace("30-year", "'30-year\x1b[2J\x07'")})
    out = cli(root, "claims", "--outlet", "tass").stdout
    assert "\x1b" not in out and "\x07" not in out and "30-year[2J" not in out


def test_init_makes_an_empty_project_that_validates(cli, tmp_path):
    target = tmp_path / "new"
    result = cli(tmp_path, "init", str(target))
    assert result.exit_code == 0
    assert (target / "claims").is_dir() and (target / "sources/archive").is_dir()
    assert ".claimcheck/" in (target / ".gitignore").read_text()
    assert cli(target, "validate").stdout == "ok: 0 claims from 0 outlets, no problems\n"
    before = snapshot(target)
    assert "already a claims project" in cli(tmp_path, "init", str(target)).stdout
    assert snapshot(target) == before


def test_schema_describes_claim_files(cli, tmp_path):
    document = json.loads(cli(tmp_path, "schema", "claims").stdout)
    assert document["type"] == "array"
    claim = document["$defs"]["Claim"]
    assert set(claim["required"]) == {"id", "source", "subject", "property", "figure", "kind"}
    assert claim["additionalProperties"] is False
    source = json.loads(cli(tmp_path, "schema", "source").stdout)
    assert set(source["required"]) == {"id", "name", "perspective"}
    assert cli(tmp_path, "schema", "nothing").exit_code == 2


# --- import, export, add ---------------------------------------------------------

HEADER = "id,source,source_name,source_perspective,url,published,speaker,subject,property,period,figure,kind,quote\n"


def test_export_import_round_trip(cli, small, tmp_path):
    exported = cli(small, "export", "--format", "csv").stdout
    (tmp_path / "rows.csv").write_text(exported)
    empty = tmp_path / "empty"
    cli(tmp_path, "init", str(empty))
    result = cli(empty, "import", str(tmp_path / "rows.csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "imported 3 claims and 2 outlets into claims/rows.yaml; 0 already present\n"
    assert cli(empty, "validate").exit_code == 0
    assert cli(empty, "export", "--format", "csv").stdout == exported
    claims = lambda root: [{k: v for k, v in c.items() if k not in ("file", "line")}  # noqa: E731
                           for c in json.loads(cli(root, "export", "-f", "json").stdout)["claims"]]
    assert claims(empty) == claims(small)  # CSV carries the claims; the JSON export carries the whole project


def test_import_twice_changes_nothing(cli, small, tmp_path):
    (tmp_path / "new.csv").write_text(HEADER + "rt-1,rt,RT,Russian state media,https://rt.com/a,2023-01-02,,trade,turnover,2022,$190 billion,actual,trade hit $190 billion\n")
    assert cli(small, "import", str(tmp_path / "new.csv")).exit_code == 0
    before = snapshot(small)
    result = cli(small, "import", str(tmp_path / "new.csv"))
    assert result.exit_code == 0
    assert result.stdout == "imported 0 claims and 0 outlets into nothing new; 1 already present\n"
    assert snapshot(small) == before
    assert "name: RT" in (small / "sources/rt.yaml").read_text()


def test_import_refuses_an_id_clash_and_writes_nothing(cli, small, tmp_path):
    (tmp_path / "clash.csv").write_text(HEADER + "gas-30,tass,,,,2014-05-21,Alexei Miller,gas-deal,duration,2014,25-year,actual,\n")
    before = snapshot(small)
    result = cli(small, "import", str(tmp_path / "clash.csv"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'clash.csv'}:2: claim id 'gas-30' already exists at claims/all.yaml:1 with other content (figure: '30-year' vs '25-year')" in result.stdout
    assert snapshot(small) == before


def test_one_bad_row_refuses_the_whole_import(cli, small, tmp_path):
    rows = (
        "ok-1,tass,,,,,,trade,turnover,2022,$1 billion,actual,\n"
        '"multi-2",tass,,,,,,trade,turnover,2022,"$2,000 million",guess,"a quote\nover two lines"\n'
        "new-3,nobody,,,,,,trade,turnover,2022,$3 billion,actual,\n"
    )
    (tmp_path / "bad.csv").write_text(HEADER + rows)
    before = snapshot(small)
    result = cli(small, "import", str(tmp_path / "bad.csv"))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].endswith("bad.csv:3: row with id 'multi-2': column kind: Input should be 'actual', 'target', 'forecast' or 'estimate'")
    assert lines[1].endswith("bad.csv:5: row with id 'new-3': outlet 'nobody' is not in sources/; fill source_name and source_perspective to add it")
    assert "nothing was imported" in result.stderr
    assert snapshot(small) == before


def test_import_reads_bom_and_reports_unknown_columns(cli, small, tmp_path):
    (tmp_path / "bom.csv").write_bytes(("\ufeff" + HEADER + "b-1,tass,,,,,,trade,turnover,2021,$1 billion,actual,\n").encode())
    assert cli(small, "import", str(tmp_path / "bom.csv")).exit_code == 0
    (tmp_path / "typo.csv").write_text(HEADER.replace("figure", "figur"))
    result = cli(small, "import", str(tmp_path / "typo.csv"))
    assert result.exit_code == 2
    assert "typo.csv:1: unknown column 'figur'; missing column 'figure'; the columns are: id, source," in result.stderr


def test_add_appends_a_validated_claim(cli, small):
    original = (small / "claims/tass.yaml").exists()
    assert not original
    result = cli(small, "add", "--source", "tass", "--subject", "trade", "--property", "turnover", "--period", "2023", "--figure", "$240 billion")
    assert result.exit_code == 0, result.output
    assert result.stdout == "added claim trade-turnover-tass-2023 to claims/tass.yaml\n"
    again = cli(small, "add", "--source", "tass", "--subject", "trade", "--property", "turnover", "--period", "2023", "--figure", "$241 billion")
    assert again.stdout == "added claim trade-turnover-tass-2023-2 to claims/tass.yaml\n"
    figures = [c["figure"] for c in json.loads(cli(small, "claims", "--outlet", "tass", "-f", "json").stdout)["claims"]]
    assert figures == ["30-year", "$240 billion", "$241 billion"]


def test_add_keeps_the_existing_file_word_for_word(cli, small):
    before = (small / "claims/all.yaml").read_text()
    cli(small, "add", "--source", "tass", "--subject", "gas-deal", "--property", "value", "--figure", "$400 billion", "--to", "claims/all.yaml")
    after = (small / "claims/all.yaml").read_text()
    assert after.startswith(before) and "figure: $400 billion" in after


@pytest.mark.parametrize(
    "args, message",
    [
        (["--source", "nobody"], "claims/nobody.yaml:1: claim 'gas-deal-value-nobody': unknown source 'nobody'"),
        (["--source", "tass", "--kind", "rumour"], "the claim was not added: --kind: Input should be 'actual'"),
        (["--source", "tass", "--published", "2014-02-30"], "--published: '2014-02-30' is not a calendar date"),
        (["--source", "tass", "--id", "gas-30"], "duplicate claim id 'gas-30' (first defined at claims/all.yaml:1)"),
    ],
)
def test_add_refuses_invalid_claims_and_changes_nothing(cli, small, args, message):
    before = snapshot(small)
    result = cli(small, "add", "--subject", "gas-deal", "--property", "value", "--figure", "$400 billion", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert snapshot(small) == before


# --- the bundled corpus ----------------------------------------------------------


def test_bundled_corpus_is_strictly_valid(cli):
    from conftest import REPO

    result = cli(REPO, "validate", "--strict")
    assert result.exit_code == 0, result.output


def test_bundled_corpus_quotes_are_verbatim_in_the_seed_articles(cli):
    from conftest import REPO

    claims = json.loads(cli(REPO, "claims", "--format", "json").stdout)["claims"]
    assert len(claims) >= 25
    for claim in claims:
        if claim.get("archive"):
            article = " ".join((REPO / claim["archive"]).read_text(encoding="utf-8").split())
            assert " ".join(claim["quote"].split()) in article, claim["id"]
    outlets = json.loads(cli(REPO, "outlets", "--format", "json").stdout)["outlets"]
    assert len(outlets) >= 5 and len({o["perspective"] for o in outlets}) >= 3
    assert [o["id"] for o in outlets if o["reference"]] == ["china-customs"]
    sputnik = json.loads(cli(REPO, "claims", "--outlet", "sputnik", "--format", "json").stdout)["claims"]
    assert sputnik and {c["outlet"] for c in sputnik} == {"sputnik"}


def test_bundled_archives_are_the_seed_articles():
    from conftest import REPO

    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the shared seeds are not beside this checkout")
    for seed in seeds.glob("*.txt"):
        assert (REPO / "sources/archive" / f"seed-{seed.name[:3]}.txt").read_bytes() == seed.read_bytes()


def test_a_csv_named_like_the_subjects_file_imports_beside_it(cli, small, tmp_path):
    (tmp_path / "subjects.csv").write_text(HEADER + "s-1,tass,,,,,,trade,turnover,2021,$1 billion,actual,\n")
    result = cli(small, "import", str(tmp_path / "subjects.csv"))
    assert result.exit_code == 0, result.output
    assert "into claims/subjects-claims.yaml" in result.stdout


def test_a_listing_that_fails_midway_still_shows_the_lines_made_before(capsys):
    """Output is written in large pieces; a failure (a broken index, Ctrl-C) must not swallow the lines
    that were already made."""
    from claimcheck import cli

    def lines():
        yield "first conflict"
        yield "\nsecond conflict"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cli._print(lines())
    assert capsys.readouterr().out == "first conflict\nsecond conflict"


def test_python_dash_m_runs_the_command_only_as_the_main_module(tmp_path):
    """A process the server spawns (to make the likely sides after a write) imports the main module again, as
    `__mp_main__`: under `python -m claimcheck serve` that import ran the command line once more with the server's
    arguments instead of the work it was spawned for."""
    import subprocess
    import sys

    imported = subprocess.run([sys.executable, "-c", "import claimcheck.__main__"], capture_output=True, text=True,
                              cwd=tmp_path, check=False)
    assert (imported.returncode, imported.stdout, imported.stderr) == (0, "", "")
    ran = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, cwd=tmp_path,
                         check=False)
    assert ran.returncode == 0 and ran.stdout.strip()


def test_serve_holds_no_snapshot_of_the_index_while_it_serves(cli, small, monkeypatch):
    """`serve` brings the index up to date before its first page, then lets that snapshot go: held for the server's
    life, it kept every later change in the index's log (no checkpoint could copy it back: 160 MB after one
    benchmark run at 100,000 claims, and every commit tried again)."""
    import sqlite3

    from claimcheck import pipeline, web

    seen = []

    def serving(root, port, open_):
        path = root / "claims/all.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        pipeline.run(root).close()  # a change committed while the server runs
        db = sqlite3.connect(root / ".claimcheck/index.sqlite", isolation_level=None)
        seen.append(db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])  # 1: a reader holds the log
        db.close()

    monkeypatch.setattr(web, "serve", serving)
    result = cli(small, "serve", "--port", "0")
    assert result.exit_code == 0 and seen == [0]
