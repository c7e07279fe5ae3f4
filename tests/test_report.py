"""The discrepancy report: golden Markdown and JSON, escaping of untrusted text, the committed docs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from claimcheck import pipeline, query, report
from conftest import REPO, write_project

GOLDEN = Path(__file__).parent / "golden"

SMALL = {
    "sources/tass.yaml": "id: tass\nname: TASS\nperspective: Russian state media\nkind: agency\nurl: https://tass.com\n",
    "sources/reuters.yaml": "id: reuters\nname: Reuters\nperspective: Western independent\nkind: agency\n",
    "sources/stats.yaml": "id: stats\nname: Statistics Office\nperspective: official statistics\nreference: true\n",
    "claims/subjects.yaml": "- id: gas-deal\n  name: the gas deal\n",
    "claims/reviews.yaml": "- conflict: trade/turnover/2022\n  status: disputed\n  note: the office revises in March\n  reviewed: 2024-01-05\n",
    "claims/claims.yaml": """\
- id: gas-30
  source: tass
  url: https://tass.com/economy/1
  published: 2014-05-21
  speaker: Alexei Miller
  subject: gas-deal
  property: duration
  figure: 30-year
  kind: actual
  quote: a 30-year contract
- id: gas-40
  source: reuters
  url: https://reuters.com/a
  published: 2016-12-01
  subject: gas-deal
  property: duration
  figure: 40-year
  kind: actual
  quote: the 40-year deal
- id: trade-goal
  source: tass
  subject: trade
  property: turnover
  period: '2022'
  figure: $200 billion
  kind: target
- id: trade-said
  source: tass
  subject: trade
  property: turnover
  period: '2022'
  figure: more than $195 billion
  kind: actual
- id: trade-counted
  source: stats
  subject: trade
  property: turnover
  period: '2022'
  figure: $190.27 billion
  kind: actual
- id: rubles-2023
  source: tass
  subject: trade
  property: turnover
  period: '2023'
  figure: 20 trillion rubles
  kind: actual
- id: dollars-2023
  source: reuters
  subject: trade
  property: turnover
  period: '2023'
  figure: about $240 billion
  kind: actual
- id: vague
  source: reuters
  subject: trade
  property: partners
  figure: lots of partners
  kind: actual
""",
}


@pytest.fixture
def small(tmp_path):
    return write_project(tmp_path / "small", SMALL, sources={})


@pytest.mark.parametrize("fmt, name", [("md", "report.md"), ("json", "report.json")])
def test_report_matches_its_golden_file(cli, small, fmt, name):
    result = cli(small, "report", "--format", fmt)
    assert result.exit_code == 0, result.output
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_report_json_holds_what_the_others_show(cli, small):
    data = json.loads(cli(small, "report", "--format", "json").stdout)
    assert data["counts"] == {
        "claims": 8, "outlets": 3, "perspectives": 3, "conflicts_open": 1, "conflicts_reviewed": 1,
        "perspective_splits": 2, "reference_disagreements": 1, "targets_met": 1, "targets_missed": 1,
        "not_comparable": 1, "unreadable": 1,
    }
    gas = next(c for c in data["conflicts"] if c["id"] == "gas-deal/duration")
    assert gas["title"] == "the gas deal: duration" and gas["gap"] == "40 years vs 30 years: +33%"
    assert data["claims"][gas["sides"][0]["claims"][0]]["quote"] == "a 30-year contract"
    assert data["not_comparable"][0]["reason"].startswith("'20 trillion rubles' cannot be converted to USD: the ECB published no RUB rate after 2022-03-01")
    assert data["unreadable"][0]["reason"] == "no number found in 'lots of partners'"


def test_report_to_a_file(cli, small, tmp_path):
    target = tmp_path / "out.html"
    result = cli(small, "report", "--format", "html", "-o", str(target))
    assert result.exit_code == 0
    html = target.read_text()
    assert html.startswith("<!doctype html>") and "40-year" in html
    assert not re.search(r"<(script|link|iframe|object)\b|src=|@import|url\((?!#)", html)  # self-contained, nothing fetched


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def hostile_analysis(tmp_path):
    """Untrusted text everywhere; the URLs are set past validation to prove the report's own defence."""
    root = write_project(tmp_path / "evil", {
        "sources/evil.yaml": f"id: evil\nname: '{HOSTILE}'\nperspective: '{HOSTILE}'\n",
        "sources/fine.yaml": "id: fine\nname: Fine\nperspective: calm\n",
        "claims/a.yaml": f"""\
- id: a
  source: evil
  speaker: '{HOSTILE}'
  subject: deal
  property: value
  figure: $5 billion
  kind: actual
  quote: '$5 billion {HOSTILE}'
- id: b
  source: fine
  subject: deal
  property: value
  figure: $9 billion
  kind: actual
""",
    }, sources={})
    reader = query.Reader(pipeline.run(root, use_index=False))
    assert reader.problems() == []
    reader.db.execute("UPDATE claims SET url = 'javascript:alert(3)' WHERE id = 'a'")
    reader.db.execute("UPDATE sources SET url = 'javascript:alert(4)' WHERE id = 'evil'")
    return reader


def test_html_escapes_everything_from_sources_and_links_only_http(tmp_path):
    html = "".join(report.render(hostile_analysis(tmp_path), "html"))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert 'href="javascript' not in html and "href='javascript" not in html


def test_markdown_escapes_everything_from_sources_and_links_only_http(tmp_path):
    text = "".join(report.render(hostile_analysis(tmp_path), "md"))
    assert "<script>" not in text and "<img" not in text
    assert "](javascript" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_safe_url():
    assert report.safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert report.safe_url("HTTP://EXAMPLE.ORG") == "HTTP://EXAMPLE.ORG"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "/relative", "https://a b", 'https://a"onmouseover=x'):
        assert report.safe_url(bad) is None, bad


def test_committed_docs_report_is_current(cli):
    """docs/report.md and .html are regenerated with:
    claimcheck report -f md -o docs/report.md && claimcheck report -f html -o docs/report.html"""
    for fmt in ("md", "html"):
        committed = (REPO / "docs" / f"report.{fmt}").read_text(encoding="utf-8")
        assert cli(REPO, "report", "--format", fmt).stdout == committed, f"docs/report.{fmt} is stale; regenerate it"


def test_a_large_report_in_markdown_and_html_holds_the_first_conflicts_and_says_where_the_rest_are(cli, tmp_path, monkeypatch):
    """At 100,000 claims the HTML must open in a browser: it holds the first LIMIT conflicts by --sort
    (here LIMIT is made 2, for five conflicts and ten claims), the JSON every one."""
    claims = "".join(f"- {{id: c{n}{side}, source: {'tass' if side == 'a' else 'reuters'}, subject: s{n}, property: p, "
                     f"figure: {10 * n + (5 if side == 'b' else 0) + 1} km, kind: actual}}\n" for n in range(5) for side in "ab")
    root = write_project(tmp_path / "large", {"claims/a.yaml": claims})
    monkeypatch.setattr(report, "LIMIT", 2)
    markdown = cli(root, "report", "--sort", "spread").stdout
    assert "*The first 2 of 5 conflicts, by spread; 3 more are in the JSON report" in markdown
    assert [markdown.count(f"`s{n}/p`") for n in range(5)] == [1, 1, 0, 0, 0]  # the largest gaps: 1 to 6 km, 11 to 16 km
    assert "5 claims; the 2 in the conflicts above are listed (the JSON report lists every one)" in markdown
    html = cli(root, "report", "--format", "html").stdout
    assert '<p class="more">The first 2 of 5 conflicts, by id; 3 more are in the JSON report' in html
    assert len(json.loads(cli(root, "report", "--format", "json").stdout)["conflicts"]) == 5
