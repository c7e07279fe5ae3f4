"""Independent origins (design §3): outlets repeating one story count as one source."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from claimcheck import origins
from conftest import REPO, write_project


def said(**fields):
    base = {"id": "c", "source": "tass", "via": None, "speaker": None, "published": None, "figure": "$5 billion", "quote": None}
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize("first, second", [
    ("Trade hit $200 billion, officials said.", "trade hit $200 billion officials said"),  # case and punctuation
    ("Trade hit  $200 billion,\n officials said.", "Trade hit $200 billion, officials said."),  # whitespace
    ("“Trade hit $200 billion,” he said — officially.", '"Trade hit $200 billion," he said - officially.'),  # curly quotes, dashes
    ("TRADE HIT $200 BILLION", "Trade hit $200 billion!"),
])
def test_quotes_that_differ_only_in_case_whitespace_punctuation_or_quote_marks_are_one_origin(first, second):
    assert origins.count([said(quote=first, source="tass"), said(quote=second, source="xinhua")]) == 1


def test_different_words_are_different_origins():
    assert origins.count([said(quote="Trade hit $200 billion.", source="tass"),
                          said(quote="Trade reached $200 billion.", source="xinhua")]) == 2


def test_the_same_via_carrier_and_figure_is_one_origin():
    assert origins.count([said(via="wire", figure="$5 billion", source="a"), said(via="wire", figure="$5  billion", source="b")]) == 1
    assert origins.count([said(via="wire", figure="$5 billion", source="a"), said(via="wire", figure="$6 billion", source="b")]) == 2
    assert origins.count([said(via="wire", figure="$5 billion", source="a"), said(via="other", figure="$5 billion", source="b")]) == 2


def test_the_same_speaker_and_figure_on_the_same_day_is_one_origin():
    one = dict(speaker="Vladimir Putin", figure="$200 billion", published="2023-03-21")
    assert origins.count([said(**one, source="a"), said(**one, source="b")]) == 1
    assert origins.count([said(**one, source="a"), said(**{**one, "published": "2023-03-22"}, source="b")]) == 2  # another day
    assert origins.count([said(**one, source="a"), said(**{**one, "speaker": "Xi Jinping"}, source="b")]) == 2  # another speaker
    assert origins.count([said(**one, source="a"), said(**{**one, "figure": "$250 billion"}, source="b")]) == 2  # another figure
    assert origins.count([said(**{**one, "published": None}, source="a"), said(**{**one, "published": None}, source="b")]) == 2


def test_sharing_an_origin_is_transitive():
    a = said(quote="Trade hit $200 billion.", via="wire", figure="$200 billion", source="a")
    b = said(quote="trade hit $200 billion", source="b")
    c = said(via="wire", figure="$200 billion", quote="Another sentence with $200 billion.", source="c")
    assert origins.groups([a, b, c]) == [[0, 1, 2]]


# --- in the check and everywhere sides are shown ---------------------------------------------------

WIRE = """
    - {id: w1, source: tass, via: wire, subject: deal, property: value, figure: $5 billion, kind: actual, published: '2023-01-02',
       quote: 'The deal is worth $5 billion, the ministry said.'}
    - {id: w2, source: xinhua, via: wire, subject: deal, property: value, figure: $5 billion, kind: actual, published: '2023-01-03',
       quote: 'The deal is worth $5 billion, the ministry said.'}
    - {id: w3, source: bbc, subject: deal, property: value, figure: $5 billion, kind: actual, published: '2023-01-04',
       quote: '"The deal is worth $5 billion," the ministry said.'}
    - {id: r1, source: reuters, subject: deal, property: value, figure: $9 billion, kind: actual, published: '2023-01-02',
       quote: 'Sources put the deal at $9 billion.'}
"""
OUTLETS = {name: f"id: {name}\nname: {name.upper()}\nperspective: {p}\n" for name, p in
           [("tass", "Russian state media"), ("xinhua", "Chinese state media"), ("bbc", "Western independent"),
            ("reuters", "Western independent"), ("wire", "wire service")]}


def test_a_quote_carried_word_for_word_by_three_outlets_is_one_origin_everywhere(cli, tmp_path):
    root = write_project(tmp_path / "p", {"claims/a.yaml": WIRE}, sources=OUTLETS)
    [conflict] = json.loads(cli(root, "conflicts", "--format", "json").stdout)["conflicts"]
    low, high = conflict["sides"]
    assert (low["outlets"], low["origins"]) == (["bbc", "tass", "xinhua"], 1)
    assert (high["outlets"], high["origins"]) == (["reuters"], 1)
    assert "3 outlets, one origin" in cli(root, "conflicts").stdout
    markdown = cli(root, "report", "--format", "md").stdout
    assert "(3 outlets, one origin)" in markdown
    html = cli(root, "report", "--format", "html").stdout
    assert '<div class="support one-origin">3 outlets, one origin</div>' in html
    report = json.loads(cli(root, "report", "--format", "json").stdout)
    assert report["conflicts"][0]["sides"][0]["support"] == "3 outlets, one origin"
    outlets = {row["id"]: row["repeated"] for row in json.loads(cli(root, "outlets", "--format", "json").stdout)["outlets"]}
    assert outlets == {"tass": 0, "xinhua": 1, "bbc": 1, "reuters": 0, "wire": 0}  # the earliest is the origin


def test_the_origins_command_lists_who_repeated_whom_earliest_first(cli, tmp_path):
    root = write_project(tmp_path / "p", {"claims/a.yaml": WIRE}, sources=OUTLETS)
    result = cli(root, "origins")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "deal/value: 4 outlets, one origin"  # the wire that carried two of them is an outlet too
    assert [line.split()[0] for line in lines[2:5]] == ["2023-01-02", "2023-01-03", "2023-01-04"]
    assert "Sources put the deal" not in result.stdout  # one outlet alone is not a repeated story
    listed = json.loads(cli(root, "origins", "--format", "json").stdout)["origins"]
    assert [c["id"] for c in listed[0]["claims"]] == ["w1", "w2", "w3"]
    assert cli(root, "origins", "--subject", "dael").exit_code == 2  # no such subject: refused, with the nearest
    alone = write_project(tmp_path / "alone", {"claims/a.yaml": WIRE.split("    - {id: r1")[0].replace("via: wire, ", "")
                                               .replace("worth $5 billion", "worth $5bn", 1)}, sources=OUTLETS)
    assert cli(alone, "origins", "--subject", "deal").stdout.strip().startswith("deal/value: 2 outlets, one origin")


def test_the_bundled_corpus_sides_and_their_origins():
    from claimcheck import pipeline, query

    conflicts = [record.conflict for record in query.Reader(pipeline.run(REPO)).conflicts()]
    sides = {(c["id"], n): (side["outlets"], side["origins"]) for c in conflicts for n, side in enumerate(c["sides"], 1)}
    assert sides == {
        ("china-russia-trade/turnover/2022", 1): (["china-customs"], 1),
        ("china-russia-trade/turnover/2022", 2): (["roscongress"], 1),
        ("currency-swap-2014/value", 1): (["the-diplomat"], 1),
        # The digest's sentence, and one sentence of The Diplomat's that gives both the yuan and the dollar figure.
        ("currency-swap-2014/value", 2): (["china-digest-2014", "the-diplomat"], 2),
        ("gazprom-cnpc-gas-deal/duration", 1): (["china-news-aggregator-2014"], 1),
        ("gazprom-cnpc-gas-deal/duration", 2): (["the-diplomat"], 1),
    }


def test_claims_that_share_a_figure_but_not_an_origin_stay_independent(cli, tmp_path):
    claims = """
        - {id: a, source: tass, speaker: Putin, subject: deal, property: value, figure: $5 billion, kind: actual, published: '2023-01-02',
           quote: 'Putin put the deal at $5 billion.'}
        - {id: b, source: xinhua, speaker: Xi, subject: deal, property: value, figure: $5 billion, kind: actual, published: '2023-01-02',
           quote: 'Xi said the deal was worth $5 billion.'}
        - {id: c, source: bbc, speaker: Putin, subject: deal, property: value, figure: $5 billion, kind: actual, published: '2023-01-09',
           quote: 'A week on, Putin again said $5 billion.'}
        - {id: d, source: reuters, subject: deal, property: value, figure: $9 billion, kind: actual, published: '2023-01-02'}
    """
    root = write_project(tmp_path / "p", {"claims/a.yaml": claims}, sources=OUTLETS)
    [conflict] = json.loads(cli(root, "conflicts", "--format", "json").stdout)["conflicts"]
    assert conflict["sides"][0]["origins"] == 3  # other speakers, or the same speaker on another day
    assert "3 outlets, 3 origins" in cli(root, "conflicts").stdout
    assert cli(root, "origins").stdout.strip() == "no origin is shared by several outlets"


def test_currency_and_percent_symbols_are_kept_apart():
    assert origins.count([said(quote="Trade hit $200 billion.", source="a"), said(quote="Trade hit €200 billion.", source="b")]) == 2
    assert origins.count([said(quote="Trade grew 5%.", source="a"), said(quote="Trade grew 5.", source="b")]) == 2


def test_a_year_or_a_month_is_not_the_same_day():
    one = dict(speaker="Vladimir Putin", figure="$200 billion")
    assert origins.count([said(**one, published="2023", source="a"), said(**one, published="2023", source="b")]) == 2
    assert origins.count([said(**one, published="2023-03", source="a"), said(**one, published="2023-03", source="b")]) == 2


def test_several_figures_of_one_outlets_sentence_are_no_repeats(cli, tmp_path):
    claims = """
        - {id: a, source: tass, subject: deal, property: value, figure: $5 billion, kind: actual, published: '2023-01-02',
           quote: 'The $5 billion deal runs 30 years.'}
        - {id: b, source: tass, subject: deal, property: duration, figure: 30 years, kind: actual, published: '2023-01-02',
           quote: 'The $5 billion deal runs 30 years.'}
        - {id: c, source: xinhua, subject: deal, property: value, figure: $5 billion, kind: actual, published: '2023-01-03',
           quote: 'The $5 billion deal runs 30 years.'}
    """
    root = write_project(tmp_path / "p", {"claims/a.yaml": claims}, sources=OUTLETS)
    rows = {row["id"]: row["repeated"] for row in json.loads(cli(root, "outlets", "--format", "json").stdout)["outlets"]}
    assert (rows["tass"], rows["xinhua"]) == (0, 1)
