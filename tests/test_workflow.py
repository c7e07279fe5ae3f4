import json
from conftest import snapshot

def test_import_refuses_a_row_whose_figure_cannot_be_read(cli, project, tmp_path):
    root = project({"claims/a.yaml": "- {id: a, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"})
    csv = tmp_path / "rows.csv"
    csv.write_text("id,source,source_name,source_perspective,url,published,speaker,subject,property,period,figure,kind,quote\n"
                   "b,tass,,,,,,s,p,,lots,actual,\n", encoding="utf-8")
    before = snapshot(root)
    result = cli(root, "import", str(csv))
    assert result.exit_code == 2
    assert "figure 'lots' cannot be read: no number found in 'lots'" in result.stdout
    assert snapshot(root) == before


def test_add_refuses_a_figure_that_cannot_be_read_and_writes_nothing(cli, project):
    root = project({"claims/a.yaml": "- {id: a, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"})
    before = snapshot(root)
    result = cli(root, "add", "--source", "tass", "--subject", "s", "--property", "p", "--figure", "¥5 billion")
    assert result.exit_code == 2
    assert "'¥' stands for both yen and yuan" in result.stdout
    assert snapshot(root) == before


def test_add_refuses_a_claim_identical_to_one_recorded(cli, project):
    root = project({"claims/tass.yaml": "- {id: s-p-tass, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"})
    before = snapshot(root)
    result = cli(root, "add", "--source", "tass", "--subject", "s", "--property", "p", "--figure", "$5 billion")
    assert result.exit_code == 2
    assert "the same claim is already recorded as 's-p-tass' at claims/tass.yaml:1" in result.output
    assert snapshot(root) == before


def test_every_format_option_refuses_a_format_the_command_does_not_write(cli, project):
    root = project({"claims/a.yaml": "- {id: a, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"
                                     "- {id: b, source: reuters, subject: s, property: p, figure: $7 billion, kind: actual}\n"})
    for args in (["export", "-f", "table"], ["report", "-f", "csv"], ["conflicts", "-f", "md"]):
        result = cli(root, *args)
        assert result.exit_code == 2, args
        assert "is not a format of this command" in result.output
    rows = cli(root, "conflicts", "-f", "csv").stdout.splitlines()
    assert rows[0] == "conflict,status,spread,side,low,high,unit,claims,outlets,perspectives"
    assert [row.split(",")[7] for row in rows[1:]] == ["a", "b"]


def test_help_shows_flags_without_a_type_placeholder(cli, tmp_path):
    text = cli(tmp_path, "conflicts", "--help").stdout
    assert "--all " in text and "<bool>" not in text
    assert "table|json|csv" in text
