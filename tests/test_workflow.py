"""A workflow people can trust (design sections 1, 3 and 4): writes that refuse what they would break,
one --format option, listings that say what they left out, and the commands that find and change
one claim."""

from __future__ import annotations

import json
import re

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
    assert rows[0] == "conflict,status,spread,side,low,high,unit,claims,outlets,origins,perspectives"
    assert [row.split(",")[7] for row in rows[1:]] == ["a", "b"]


def test_help_shows_flags_without_a_type_placeholder(cli, tmp_path):
    text = cli(tmp_path, "conflicts", "--help").stdout
    assert "--all " in text and "<bool>" not in text
    assert "table|json|csv" in text


def test_a_three_sided_conflict_has_one_gap_in_every_output(cli, project):
    claims = ("- {id: a, source: tass, subject: s, property: p, figure: $100 billion, kind: actual}\n"
              "- {id: b, source: reuters, subject: s, property: p, figure: $150 billion, kind: actual}\n"
              "- {id: c, source: tass, subject: s, property: p, figure: $160 billion, kind: actual}\n")
    root = project({"claims/a.yaml": claims})
    conflict = json.loads(cli(root, "conflicts", "-f", "json").stdout)["conflicts"][0]
    assert conflict["spread"] == 0.5  # 100 to 150 is the largest gap between neighbours, not 100 to 160
    assert ": +50%" in cli(root, "conflicts").stdout
    assert "USD 160 billion vs USD 150 billion vs USD 100 billion: +50%" in cli(root, "report", "-f", "md").stdout
    assert "+60%" not in cli(root, "report", "-f", "md").stdout


BROKEN = ("- {id: a, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"
          "- {id: b, source: reuters, subject: s, property: p, figure: $7 billion, kind: ACTUAL}\n")


def test_listings_say_on_stderr_what_they_could_not_load(cli, project):
    root = project({"claims/a.yaml": BROKEN})
    for command in (["claims"], ["outlets"], ["conflicts"], ["report", "-f", "json"]):
        result = cli(root, *command)
        assert result.exit_code == 0, command
        assert "note: the data has 1 problem" in result.stderr and "claimcheck validate" in result.stderr, command


def test_export_refuses_an_incomplete_export_unless_partial(cli, project):
    root = project({"claims/a.yaml": BROKEN})
    refused = cli(root, "export")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "an export would leave records out" in refused.stderr
    partial = cli(root, "export", "--partial")
    assert partial.exit_code == 0 and len(partial.stdout.splitlines()) == 2  # the header and claim a


def test_a_filter_that_matches_nothing_in_the_project_says_so(cli, project):
    root = project({"claims/a.yaml": BROKEN})
    result = cli(root, "conflicts", "--subject", "z")
    assert result.exit_code == 2 and "--subject 'z': no such subject in the project" in result.stderr
    result = cli(root, "claims", "--outlet", "tas")
    assert result.exit_code == 2 and "did you mean 'tass'?" in result.stderr


DATED = ("- {id: a, source: tass, subject: gas, property: p, figure: $5 billion, kind: actual, published: 2016-12-01,"
         " quote: 'Café talks on a $5 billion deal', speaker: Алексей Миллер}\n"
         "- {id: b, source: reuters, subject: gas, property: p, figure: $7 billion, kind: actual, published: 2018-03,"
         " quote: a deal worth $7 billion}\n")


def test_search_folds_case_and_accents(cli, project):
    root = project({"claims/a.yaml": DATED})
    rows = json.loads(cli(root, "search", "CAFE", "-f", "json").stdout)["claims"]
    assert [row["id"] for row in rows] == ["a"]
    assert [r["id"] for r in json.loads(cli(root, "search", "алексей", "-f", "json").stdout)["claims"]] == ["a"]
    assert json.loads(cli(root, "search", "nothing like it", "-f", "json").stdout)["claims"] == []
    assert [r["id"] for r in json.loads(cli(root, "search", "Café", "-f", "json").stdout)["claims"]] == ["a"]
    # the searched fields are kept as one folded text: a search never finds text that spans two of them
    assert json.loads(cli(root, "search", "billion$7", "-f", "json").stdout)["claims"] == []
    assert json.loads(cli(root, "search", "deal\x1f", "-f", "json").stdout)["claims"] == []  # nor the separator


def test_show_prints_one_claim_with_its_reading_location_and_conflicts(cli, project):
    root = project({"claims/a.yaml": DATED})
    shown = json.loads(cli(root, "show", "b", "-f", "json").stdout)
    assert shown["location"] == "claims/a.yaml:2"
    assert shown["conflicts"] == ["gas/p"]
    assert (shown["figure"]["value"], shown["figure"]["unit"]) == (7e9, "USD")
    assert shown["claim"]["quote"] == "a deal worth $7 billion"
    missing = cli(root, "show", "bb")
    assert missing.exit_code == 2 and "no claim 'bb'; did you mean 'b'?" in missing.stderr


def test_since_and_until_keep_what_was_published_then(cli, project):
    root = project({"claims/a.yaml": DATED})
    ids = lambda *args: [r["id"] for r in json.loads(cli(root, "claims", "-f", "json", *args).stdout)["claims"]]  # noqa: E731
    assert ids("--since", "2017") == ["b"]
    assert ids("--until", "2016-12-31") == ["a"]
    assert ids("--since", "2016-12", "--until", "2018-03-01") == ["a", "b"]
    assert json.loads(cli(root, "conflicts", "-f", "json", "--since", "2019").stdout)["conflicts"] == []
    bad = cli(root, "claims", "--since", "last week")
    assert bad.exit_code == 2 and "write a date as YYYY-MM-DD" in bad.output


def test_version_prints_the_installed_version(cli, tmp_path):
    from claimcheck import __version__
    assert cli(tmp_path, "--version").stdout == f"claimcheck {__version__}\n"


CRLF = ("# gas deals, checked by hand\r\n"
        "- id: a\r\n  source: tass\r\n  subject: gas\r\n  property: p\r\n  figure: $5 billion  # as printed\r\n  kind: actual\r\n"
        "\r\n# the other one\r\n"
        "- {id: b, source: reuters, subject: gas, property: p, figure: $7 billion, kind: actual}\r\n")


def test_edit_changes_one_claim_and_keeps_every_other_byte(cli, project):
    root = project({})
    (root / "claims/a.yaml").write_bytes(CRLF.encode())
    result = cli(root, "edit", "b", "--figure", "$8 billion")
    assert result.exit_code == 0, result.output
    text = (root / "claims/a.yaml").read_bytes().decode()
    assert text.startswith(CRLF[:CRLF.index("- {id: b")])  # the first claim, its comments and line endings
    assert "- id: b\r\n  source: reuters\r\n" in text and "figure: $8 billion\r\n" in text
    assert "\n" not in text.replace("\r\n", "")


def test_edit_writes_only_the_lines_of_the_fields_it_changes(cli, project):
    root = project({})
    (root / "claims/a.yaml").write_bytes(CRLF.replace("  kind: actual\r\n", "  period: 2022\r\n  # checked twice\r\n"
                                                      "  kind: actual\r\n", 1).encode())
    before = (root / "claims/a.yaml").read_bytes().decode()
    assert cli(root, "edit", "a", "--kind", "estimate", "--speaker", "a spokesman").exit_code == 0
    after = (root / "claims/a.yaml").read_bytes().decode()
    assert after == before.replace("  kind: actual\r\n", "  kind: estimate\r\n", 1).replace(
        "  subject: gas\r\n", "  speaker: a spokesman\r\n  subject: gas\r\n", 1)  # "# as printed", period 2022, the comment kept


def test_edit_refuses_an_unreadable_figure_and_leaves_the_file(cli, project):
    root = project({})
    (root / "claims/a.yaml").write_bytes(CRLF.encode())
    before = snapshot(root)
    result = cli(root, "edit", "a", "--figure", "lots")
    assert result.exit_code == 2 and "figure 'lots' cannot be read" in result.stdout
    assert snapshot(root) == before


def test_rm_removes_one_claim_and_is_refused_while_a_review_names_it(cli, project):
    root = project({"claims/reviews.yaml": "- {conflict: gas/p, status: resolved, preferred: [a]}\n"})
    (root / "claims/a.yaml").write_bytes(CRLF.encode())
    before = snapshot(root)
    refused = cli(root, "rm", "a")
    assert refused.exit_code == 2 and "named by the review of 'gas/p'" in refused.stderr
    unforced = cli(root, "rm", "b")  # the reviewed conflict would be gone: a new problem, refused
    assert unforced.exit_code == 2 and "review of 'gas/p': there is no such conflict now" in unforced.stdout
    assert snapshot(root) == before
    removed = cli(root, "rm", "b", "--force")
    assert removed.exit_code == 0, removed.output
    text = (root / "claims/a.yaml").read_bytes().decode()
    assert "id: b" not in text and text.startswith(CRLF[:CRLF.index("\r\n# the other one")])


def test_a_json_export_imports_into_an_empty_project_with_the_same_report(cli, tmp_path):
    from conftest import REPO
    exported = tmp_path / "export.json"
    assert cli(REPO, "export", "-f", "json", "-o", str(exported)).exit_code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert {s["id"] for s in data["sources"]} >= {"repost-blog-2017", "roscongress-relay-2023"}  # outlets named only by via
    assert data["subjects"] and data["reviews"] and data["archives"]
    assert cli(tmp_path, "init", str(tmp_path / "copy")).exit_code == 0
    result = cli(tmp_path / "copy", "import", str(exported))
    assert result.exit_code == 0, result.output
    assert cli(tmp_path / "copy", "report", "-f", "json").stdout == cli(REPO, "report", "-f", "json").stdout
    assert cli(tmp_path / "copy", "validate", "--strict").exit_code == 0
    again = cli(tmp_path / "copy", "import", str(exported))  # the same export again changes nothing
    assert again.exit_code == 0 and "0 files written" in again.stdout


def test_the_report_since_a_date_holds_the_findings_of_claims_published_then(cli, project):
    root = project({"claims/a.yaml": DATED + "- {id: c, source: tass, subject: oil, property: p, figure: 5 bcm, kind: actual, published: 2015}\n"
                                             "- {id: d, source: reuters, subject: oil, property: p, figure: 9 bcm, kind: actual, published: 2015}\n"})
    everything = json.loads(cli(root, "report", "-f", "json").stdout)
    assert [c["id"] for c in everything["conflicts"]] == ["gas/p", "oil/p"]
    recent = json.loads(cli(root, "report", "-f", "json", "--since", "2018").stdout)
    assert [c["id"] for c in recent["conflicts"]] == ["gas/p"]  # with claim a of 2016 beside b of 2018
    assert recent["counts"]["claims"] == 1 and recent["counts"]["conflicts_open"] == 1


def test_no_example_leaves_a_dollar_amount_to_the_shell():
    """'$400 billion' in double quotes reaches the program as '00 billion'; every example quotes singly."""
    from conftest import REPO
    from claimcheck import cli as cli_module
    import inspect
    texts = [(REPO / "README.md").read_text(encoding="utf-8"), inspect.getsource(cli_module)]
    offending = [line for text in texts for line in text.splitlines()
                 if re.search(r'claimcheck [a-z].*"[^"]*\$\d[^"]*"', line)]
    assert offending == []


def test_edit_and_rm_touch_only_their_item_even_next_to_an_invalid_one(cli, project):
    text = ("- id: x1\n  source: tass\n  subject: s\n  property: p\n  figure: $5 billion\n  kind: actual\n"
            "- id: x2\n  sorce: typo\n  subject: s\n  property: p\n  figure: $6 billion\n  kind: actual\n"
            "- id: x3\n  source: tass\n  subject: s\n  property: q\n  figure: $7 billion\n  kind: actual\n")
    root = project({"claims/x.yaml": text})
    assert cli(root, "edit", "x1", "--note", "checked").exit_code == 0
    after = (root / "claims/x.yaml").read_text()
    assert after.count("- id:") == 3 and "sorce: typo" in after and "note: checked" in after
    assert cli(root, "rm", "x1").exit_code == 0
    after = (root / "claims/x.yaml").read_text()
    assert after.startswith("- id: x2\n  sorce: typo\n") and "- id: x3" in after


def test_a_file_written_in_flow_style_is_refused_not_rewritten(cli, project):
    flow = "[{id: f1, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}, {id: f2, source: reuters, subject: s, property: p, figure: $6 billion, kind: actual}]\n"
    root = project({"claims/flow.yaml": flow})
    before = snapshot(root)
    for args in (["edit", "f1", "--note", "x"], ["rm", "f2"]):
        result = cli(root, *args)
        assert result.exit_code == 2 and "flow style" in result.stderr, args
    assert snapshot(root) == before


def test_removing_the_last_claim_keeps_the_comments_and_adding_to_an_empty_list_keeps_them(cli, project):
    root = project({"claims/a.yaml": "# Claims from TASS\n- {id: a, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"})
    assert cli(root, "rm", "a").exit_code == 0
    assert (root / "claims/a.yaml").read_text() == "# Claims from TASS\n[]\n"
    added = cli(root, "add", "--source", "tass", "--subject", "s", "--property", "p", "--figure", "$5 billion", "--to", "claims/a.yaml")
    assert added.exit_code == 0, added.output
    assert (root / "claims/a.yaml").read_text().startswith("# Claims from TASS\n- id: s-p-tass\n")


def test_edit_keeps_a_byte_order_mark(cli, project):
    root = project({})
    (root / "claims/a.yaml").write_bytes("\ufeff- {id: a, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n".encode())
    assert cli(root, "edit", "a", "--note", "x").exit_code == 0
    assert (root / "claims/a.yaml").read_bytes().startswith("\ufeff- id: a\n".encode())


def test_a_json_import_refuses_what_an_export_cannot_hold(cli, project, tmp_path):
    root = project({})
    before = snapshot(root)
    cases = [({"claims": [], "archives": {".git/hooks/pre-commit": "x", "Makefile": "y"}}, "is not the archive of any claim"),
             ({"claims": [{"id": "a", "source": "tass", "subject": "s", "property": "p", "figure": "$1 billion",
                           "kind": "actual", "file": "notes/c.yaml"}]}, "is not a .yaml file in claims/"),
             ({"claims": [1]}, "claims[1] has the wrong shape"), ({"claims": "abc"}, "claims has the wrong shape"),
             ({"claims": [], "archives": ["x"]}, "archives has the wrong shape"),
             ({"claims": [], "archives": {"sources/archive/x.txt": 5}}, "has the wrong shape"),
             ([1, 2], "not a claimcheck JSON export")]
    for n, (data, message) in enumerate(cases):
        path = tmp_path / f"e{n}.json"
        path.write_text(json.dumps(data))
        result = cli(root, "import", str(path))
        assert result.exit_code == 2 and message in result.output, (data, result.output)
    assert snapshot(root) == before


def test_removing_a_claim_takes_its_blank_line_with_it_wherever_it_stands(cli, project):
    """A file of claims a blank line apart stays so: no gap of two lines after removing one in the middle, no
    blank line after the heading when the first goes, none at the end when the last goes."""
    items = [f"- id: x{n}\n  source: tass\n  subject: s\n  property: p{n}\n  figure: ${n} billion\n  kind: actual\n"
             for n in (1, 2, 3)]
    text = "# Claims from TASS\n" + "\n".join(items)
    for n in (1, 2, 3):
        root = project({"claims/x.yaml": text})
        assert cli(root, "rm", f"x{n}").exit_code == 0
        rest = [item for m, item in enumerate(items, 1) if m != n]
        assert (root / "claims/x.yaml").read_text() == "# Claims from TASS\n" + "\n".join(rest), n


def test_a_written_claim_states_its_dates_and_period_as_the_files_beside_it_do(cli, project):
    """The project reads every value as text, so `add` writes `published: 2025-01-13` and `period: 2024`, as
    people write them, never quoted ('2025-01-13') as PyYAML would for another reader."""
    root = project({"claims/x.yaml": "- id: x1\n  source: tass\n  published: 2024-01-12\n  subject: s\n  property: p\n"
                                     "  period: 2023\n  figure: $5 billion\n  kind: actual\n"})
    added = cli(root, "add", "--source", "tass", "--subject", "s", "--property", "p", "--period", "2024",
                "--published", "2025-01-13", "--figure", "$6 billion", "--to", "claims/x.yaml")
    assert added.exit_code == 0, added.stderr
    text = (root / "claims/x.yaml").read_text()
    assert "  published: 2025-01-13\n" in text and "  period: 2024\n" in text and "'" not in text
    shown = cli(root, "show", "s-p-tass-2024")
    assert "published: 2025-01-13" in shown.stdout and "period: 2024" in shown.stdout


def test_an_edit_to_a_value_that_reads_as_the_same_number_is_written(cli, project):
    """'7' and 007, '1.5' and 1.50 are different texts (the project reads values as text): an edit from one to the
    other changes the file, and a text that is no calendar date is kept as text."""
    root = project({"claims/x.yaml": "- id: x1\n  source: tass\n  subject: s\n  property: p\n  figure: '1.5'\n"
                                     "  kind: actual\n  note: '7'\n"})
    for args, written in ((["--note", "007"], "  note: 007\n"), (["--figure", "1.50"], "  figure: 1.50\n"),
                          (["--note", "2023-02-30"], "  note: 2023-02-30\n")):
        result = cli(root, "edit", "x1", *args)
        assert result.exit_code == 0, result.stderr
        assert written in (root / "claims/x.yaml").read_text(), args
    assert "note: 2023-02-30" in cli(root, "show", "x1").stdout


def test_a_yaml_draft_writes_its_numbers_and_dates_as_text():
    """A draft's confidence and dates are written as people write them, with no YAML type tags."""
    from claimcheck import interchange

    text = interchange.dump_draft([{"figure": "$5 billion", "confidence": 0.6, "published": "2014-05-21"}])
    assert text == "- figure: $5 billion\n  confidence: 0.6\n  published: 2014-05-21\n"


def test_an_edit_to_the_value_a_claim_holds_changes_nothing_and_says_so(cli, project):
    root = project({"claims/x.yaml": "- id: x1\n  source: tass\n  subject: s\n  property: p\n  figure: $5 billion\n"
                                     "  kind: actual\n  note: '007'\n"})
    before = (root / "claims/x.yaml").read_bytes()
    for args in (["--note", "007"], ["--figure", " $5 billion "]):  # the same text, once validated
        result = cli(root, "edit", "x1", *args)
        assert result.exit_code == 0 and "nothing changed" in result.stdout and "changed " not in result.stdout, args
        assert (root / "claims/x.yaml").read_bytes() == before
