"""One wording and one window of dates for every output: the terminal and the report agree."""

from __future__ import annotations

import json
import subprocess
import sys

THREE_SIDES = ("- {id: a, source: tass, subject: s, property: p, figure: $100 billion, kind: actual, published: 2014-05}\n"
               "- {id: b, source: reuters, subject: s, property: p, figure: $150 billion, kind: actual, published: 2016-03}\n"
               "- {id: c, source: tass, subject: s, property: p, figure: $160 billion, kind: actual, published: 2018-01}\n"
               "- {id: d, source: reuters, subject: t, property: p, figure: 30-year, kind: actual, published: 2014-05}\n"
               "- {id: e, source: tass, subject: t, property: p, figure: 40-year, kind: actual, published: 2014-06}\n")


def test_the_gap_of_a_three_sided_conflict_is_one_label_in_the_terminal_and_every_report(cli, project):
    root = project({"claims/a.yaml": THREE_SIDES})
    line = next(line for line in cli(root, "conflicts").stdout.splitlines() if line.startswith("s/p:"))
    assert line.startswith("s/p: USD 100 billion (TASS, 2014) vs USD 150 billion (Reuters, 2016) vs USD 160 billion (TASS, 2018): +50%")
    gap = json.loads(cli(root, "report", "-f", "json").stdout)["conflicts"][0]["gap"]
    assert gap == "USD 160 billion vs USD 150 billion vs USD 100 billion: +50%"
    assert f"**{gap}**" in cli(root, "report", "-f", "md").stdout
    assert f'<div class="gap">{gap}</div>' in cli(root, "report", "-f", "html").stdout


def test_since_and_until_keep_the_same_conflicts_in_conflicts_outlets_and_the_report(cli, project):
    root = project({"claims/a.yaml": THREE_SIDES})
    window = ("--since", "2016", "--until", "2016-12")
    listed = [c["id"] for c in json.loads(cli(root, "conflicts", "-f", "json", *window).stdout)["conflicts"]]
    reported = json.loads(cli(root, "report", "-f", "json", *window).stdout)
    outlets = {row["id"]: row for row in json.loads(cli(root, "outlets", "-f", "json", *window).stdout)["outlets"]}
    assert listed == [c["id"] for c in reported["conflicts"]] == ["s/p"]
    assert reported["counts"]["claims"] == 1  # only b was published in 2016
    assert (outlets["reuters"]["claims"], outlets["reuters"]["conflicts"]) == (1, 1)
    assert (outlets["tass"]["claims"], outlets["tass"]["conflicts"]) == (0, 1)  # in s/p, through claims of other years


def test_listing_commands_do_not_load_jinja2():
    code = "import sys, claimcheck.cli, claimcheck.report; print('jinja2' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
