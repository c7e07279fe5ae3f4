"""`--sort` for conflicts and the report, and the web list's `sort`: by id, or the largest first
(design §3 "Sorting"; what each order means is in docs/decisions.md)."""

from __future__ import annotations

import json

import pytest

SOURCES = {
    "tass": "id: tass\nname: TASS\nperspective: Russian state media\n",
    "reuters": "id: reuters\nname: Reuters\nperspective: Western independent\n",
    "xinhua": "id: xinhua\nname: Xinhua\nperspective: Chinese state media\n",
    "stats": "id: stats\nname: Statistics Office\nperspective: official statistics\nreference: true\n",
}
# a/p: spread 0.1, 2 outlets, latest 2016; b/p: spread 3.0, 2 outlets, latest 2015; c/p: spread 0.5, 3
# outlets, latest 2021; d/p: spread 0.2, 2 outlets, undated, against the reference; e/p: spread 0.5, 2 outlets, 2020.
CLAIMS = """
- {id: a1, source: tass, subject: a, property: p, figure: 100 km, kind: actual, published: '2014-01-01'}
- {id: a2, source: reuters, subject: a, property: p, figure: 110 km, kind: actual, published: '2016-05-01'}
- {id: b1, source: tass, subject: b, property: p, figure: 10 km, kind: actual, published: '2015-01-01'}
- {id: b2, source: xinhua, subject: b, property: p, figure: 40 km, kind: actual, published: '2015-02-01'}
- {id: c1, source: tass, subject: c, property: p, figure: 10 km, kind: actual, published: '2021-03-01'}
- {id: c2, source: reuters, subject: c, property: p, figure: 15 km, kind: actual, published: '2019-01-01'}
- {id: c3, source: xinhua, subject: c, property: p, figure: 15 km, kind: actual, published: '2018-01-01'}
- {id: d1, source: stats, subject: d, property: p, figure: 50 km, kind: actual}
- {id: d2, source: tass, subject: d, property: p, figure: 60 km, kind: actual}
- {id: e1, source: reuters, subject: e, property: p, figure: 20 km, kind: actual, published: '2020-01-01'}
- {id: e2, source: xinhua, subject: e, property: p, figure: 30 km, kind: actual, published: '2020-06-01'}
"""
ORDERS = {
    "id": ["a/p", "b/p", "c/p", "d/p", "e/p"],
    "spread": ["b/p", "c/p", "e/p", "d/p", "a/p"],  # the largest gap first; ties by id
    "outlets": ["c/p", "a/p", "b/p", "d/p", "e/p"],  # the most outlets first; ties by id
    "recent": ["c/p", "e/p", "a/p", "b/p", "d/p"],  # the latest claim first; undated last
    "reference": ["d/p", "b/p", "c/p", "e/p", "a/p"],  # against a reference first, then by spread
}


@pytest.fixture
def root(project):
    return project({"claims/a.yaml": CLAIMS}, sources=SOURCES)


@pytest.mark.parametrize("sort", ORDERS)
def test_conflicts_and_the_report_in_each_order(cli, root, sort):
    listed = json.loads(cli(root, "conflicts", "--sort", sort, "--format", "json").stdout)["conflicts"]
    assert [c["id"] for c in listed] == ORDERS[sort]
    lines = cli(root, "conflicts", "--sort", sort).stdout.splitlines()
    assert [line.split(":")[0] for line in lines if not line.startswith(" ")] == ORDERS[sort]  # indented: a conflict's notes
    report = json.loads(cli(root, "report", "--sort", sort, "--format", "json").stdout)
    assert [c["id"] for c in report["conflicts"]] == ORDERS[sort]
    markdown = cli(root, "report", "--sort", sort).stdout
    assert [markdown.index(f"`{ident}`") for ident in ORDERS[sort]] == sorted(markdown.index(f"`{ident}`") for ident in ORDERS[sort])


def test_the_sorts_spread_and_outlets_by_what_the_conflicts_hold(cli, root):
    listed = {c["id"]: c for c in json.loads(cli(root, "conflicts", "--format", "json").stdout)["conflicts"]}
    assert {i: c["spread"] for i, c in listed.items()} == {"a/p": 0.1, "b/p": 3.0, "c/p": 0.5, "d/p": 0.2, "e/p": 0.5}
    assert len({o for side in listed["c/p"]["sides"] for o in side["outlets"]}) == 3
    assert [c for c in listed if listed[c]["reference"]] == ["d/p"]


def test_an_unknown_sort_is_refused(cli, root):
    result = cli(root, "conflicts", "--sort", "size")
    assert result.exit_code == 2 and "'size' is not a sort; use id, spread, outlets, recent, reference" in result.output


def test_the_web_list_offers_the_same_orders(root):
    from starlette.testclient import TestClient

    from claimcheck import web

    http = TestClient(web.app(root), base_url="http://127.0.0.1:8000")
    for sort, order in ORDERS.items():
        page = http.get(f"/conflicts?sort={sort}").text
        shown = [part.split('"', 1)[0] for part in page.split('<h3><a href="/conflicts/')[1:]]
        assert shown == order, sort
        assert f'<option value="{sort}" selected>' in page
