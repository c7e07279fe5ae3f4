"""Conflicts: which comparable claims disagree, the sides, conversions, targets and reviews."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimcheck import check, figures, store
from conftest import REPO

OUTLETS = {
    "tass": ("TASS", "Russian state media", ""),
    "xinhua": ("Xinhua", "Chinese state media", ""),
    "reuters": ("Reuters", "Western independent", ""),
    "bbc": ("BBC", "Western independent", ""),
    "stats": ("Statistics Office", "official statistics", "true"),
}
COLUMNS = ["id", "source", "source_name", "source_perspective", "url", "published", "speaker", "subject",
           "property", "period", "figure", "kind", "quote", "scope", "via", "archive", "as_of", "source_reference"]


def csv_of(*claims: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    for n, claim in enumerate(claims, start=1):
        row = {"id": f"c{n}", "subject": "deal", "property": "value", "kind": "actual", "published": "2020-01-15", **claim}
        name, perspective, reference = OUTLETS[row["source"]]
        row.update(source_name=name, source_perspective=perspective, source_reference=reference)
        writer.writerow(row)
    return out.getvalue()


@pytest.fixture
def conflicts_of(cli, tmp_path):
    """Import claims into an empty project, as the held-out corpora are scored, and read the conflicts."""

    count = iter(range(1000))

    def run(*claims: dict, extra: tuple[str, ...] = ()) -> list[dict]:
        root = tmp_path / f"p{next(count)}"
        cli(tmp_path, "init", str(root))
        (tmp_path / "rows.csv").write_text(csv_of(*claims))
        result = cli(root, "import", str(tmp_path / "rows.csv"))
        assert result.exit_code == 0, result.output
        result = cli(root, "conflicts", "--format", "json", "--all", *extra)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["conflicts"]

    return run


def sides(conflict: dict) -> list[list[str]]:
    return [side["claims"] for side in conflict["sides"]]


@pytest.mark.parametrize(
    "a, b, conflict",
    [
        ("about $400 billion", "$380 billion", False),  # approximate covers it
        ("$400 billion", "$380 billion", True),  # both exact
        ("$24.5 billion", "$24.3 billion", True),  # precise to the last digit
        ("$24.5 billion", "$24.4 billion", True),  # 24.45 is only both intervals' edge: two values (design 2b)
        ("$24.5 billion", "$24.54 billion", False),
        ("more than $100 billion", "$150 billion", False),
        ("more than $100 billion", "$90 billion", True),
        ("up to $500 billion", "$450 billion", False),
        ("less than $100 billion", "$120 billion", True),
        ("at least $5 billion", "at most $4 billion", True),  # bounds on both sides
        ("at least $5 billion", "at most $6 billion", False),
        ("$30-40 billion", "$35 billion", False),  # ranges
        ("between $30 and $40 billion", "$45 billion", True),
        ("$1.5bn", "1,500 million dollars", False),  # scale words
        ("$1.5bn", "$1.7 billion", True),
        ("nearly $70 billion", "$71 billion", True),  # nearly lies below
        ("nearly $70 billion", "$68 billion", False),
    ],
)
def test_money_in_one_currency(conflicts_of, a, b, conflict):
    found = conflicts_of({"source": "tass", "figure": a}, {"source": "reuters", "figure": b})
    assert bool(found) is conflict


@pytest.mark.parametrize(
    "prop, a, b, conflict",
    [
        ("length", "500 miles", "805 km", False),
        ("length", "500 miles", "700 km", True),
        ("duration", "18 months", "1.5 years", False),
        ("duration", "six months", "2 years", True),
        ("duration", "six months", "1 year", False),  # a year written as 1 is 0.5 to 1.5 years
        ("duration", "three decades", "30-year", False),
        ("duration", "30-year", "40-year", True),
        ("volume", "38 bcm", "38 billion cubic metres", False),
        ("volume", "38 bcm", "30 billion cubic meters", True),
        ("share", "15%", "15 percent", False),
        ("share", "15 per cent", "15 percent", False),
        ("share", "15%", "25 per cent", True),
        ("mass", "100 million tonnes", "100 million tons", False),
    ],
)
def test_unit_conversions(conflicts_of, prop, a, b, conflict):
    found = conflicts_of({"source": "tass", "figure": a, "property": prop}, {"source": "reuters", "figure": b, "property": prop})
    assert bool(found) is conflict


def test_the_json_shape_of_a_conflict(conflicts_of):
    [conflict] = conflicts_of(
        {"source": "tass", "figure": "30-year", "subject": "gas-deal", "property": "duration", "speaker": "Alexei Miller"},
        {"source": "reuters", "figure": "40-year", "subject": "gas-deal", "property": "duration"},
    )
    assert {k: conflict[k] for k in ("id", "subject", "property", "period", "kind", "scope", "status", "spread", "perspective_split", "reference")} == {
        "id": "gas-deal/duration", "subject": "gas-deal", "property": "duration", "period": None, "kind": "actual",
        "scope": None, "status": "open", "spread": 0.33, "perspective_split": True, "reference": False,
    }
    first, second = conflict["sides"]
    assert first == {"claims": ["c1"], "low": 29.5, "high": 30.5, "unit": "year", "value": 30.0, "stated_low": 30.0,
                     "stated_high": 30.0, "outlets": ["tass"], "origins": 1, "perspectives": ["Russian state media"],
                     "speakers": ["Alexei Miller"], "value_text": "30 years", "support": "1 outlet, 1 origin", "one_origin": False}
    assert (conflict["title"], conflict["gap"]) == ("gas-deal: duration", "40 years vs 30 years: +33%")
    assert (second["claims"], second["low"], second["high"], second["outlets"]) == (["c2"], 39.5, 40.5, ["reuters"])


def test_several_agreeing_claims_against_one_outlier(conflicts_of):
    [conflict] = conflicts_of(
        {"source": "tass", "figure": "$200 billion"}, {"source": "xinhua", "figure": "about $200 billion"},
        {"source": "bbc", "figure": "$200.3 billion"}, {"source": "reuters", "figure": "$150 billion"},
        {"source": "tass", "figure": "more than $190 billion"},
    )
    assert sides(conflict) == [["c4"], ["c1", "c2", "c3", "c5"]] or sides(conflict)[0] == ["c4"]
    low_side, high_side = conflict["sides"]
    assert set(high_side["claims"]) == {"c1", "c2", "c3", "c5"}
    # the gap runs from what the sides state: 150 and, nearest it, "more than $190 billion" (design 3)
    assert conflict["spread"] == pytest.approx((190 - 150) / 150, abs=0.01)
    assert conflict["perspective_split"] is False


def test_neighbouring_values_conflict_because_intervals_are_half_open(conflicts_of):
    """Design 2b: "1,028" is [1027.5, 1028.5), so "1,028" and "1,029" are two values; they agreed before."""
    [conflict] = conflicts_of({"source": "tass", "figure": "1,028 agreements"}, {"source": "bbc", "figure": "1,029 agreements"})
    assert sides(conflict) == [["c1"], ["c2"]]
    assert conflicts_of({"source": "tass", "figure": "1,028 agreements"}, {"source": "bbc", "figure": "about 1,029 agreements"}) == []


def test_a_side_says_what_its_claims_said_never_a_median(conflicts_of):
    """Design 3: the headline is a stated figure or the span of stated figures ("USD 22-30 billion"), not
    "USD 28 billion" that nobody wrote."""
    [conflict] = conflicts_of({"source": "tass", "figure": "$22-30bn"}, {"source": "bbc", "figure": "$30 billion"},
                              {"source": "reuters", "figure": "$50 billion"})
    low_side, high_side = conflict["sides"]
    assert (low_side["stated_low"], low_side["stated_high"]) == (22e9, 30e9)
    assert (high_side["stated_low"], high_side["stated_high"]) == (50e9, 50e9)
    assert conflict["spread"] == pytest.approx((50 - 30) / 30, abs=0.01)  # from what the nearer side said


def test_a_claim_overlapping_several_sides_joins_the_nearest_stated_value(conflicts_of):
    """Design 3: "about $89 billion" overlaps both sides; it sits with "$88.8 billion" and "$89 billion",
    not with "$95 billion" (the stabbing put it with the highest side)."""
    [conflict] = conflicts_of({"source": "tass", "figure": "$88.8 billion"}, {"source": "bbc", "figure": "$89 billion"},
                              {"source": "reuters", "figure": "$95 billion"}, {"source": "xinhua", "figure": "about $89 billion"})
    assert sides(conflict) == [["c1", "c2", "c4"], ["c3"]]


def test_every_side_holds_claims_that_agree_with_each_other(conflicts_of):
    found = conflicts_of(
        {"source": "tass", "figure": "between $10 and $20 billion"}, {"source": "xinhua", "figure": "$12 billion"},
        {"source": "bbc", "figure": "$19 billion"}, {"source": "reuters", "figure": "$25 billion"},
    )
    [conflict] = found
    for side in conflict["sides"]:
        assert side["low"] is None or side["high"] is None or side["low"] <= side["high"]
    assert len(conflict["sides"]) == 3  # 12 and 19 cannot share a side, though both agree with the range


@pytest.mark.parametrize(
    "a, b",
    [
        ({"period": "2021"}, {"period": "2022"}),  # different periods
        ({"scope": "exports"}, {"scope": "imports"}),  # different scopes
        ({"kind": "target"}, {"kind": "forecast"}),  # different kinds
        ({"property": "value"}, {"property": "volume"}),
        ({"subject": "deal-a"}, {"subject": "deal-b"}),
    ],
)
def test_claims_that_are_not_comparable_never_conflict(conflicts_of, a, b):
    assert conflicts_of({"source": "tass", "figure": "$1 billion", **a}, {"source": "reuters", "figure": "$9 billion", **b}) == []


def test_prices_per_jet_and_per_aircraft_are_compared_and_per_pilot_is_not(conflicts_of):
    """'Rs 526 crore per aircraft' and 'Rs 570 crore per Rafale jet' are prices per one aircraft ([counted alike])."""
    [conflict] = conflicts_of({"source": "tass", "figure": "Rs 526 crore per aircraft"},
                              {"source": "reuters", "figure": "Rs 570 crore per Rafale jet"},
                              {"source": "bbc", "figure": "Rs 526 crore per plane"})
    assert sides(conflict) == [["c1", "c3"], ["c2"]]
    assert conflicts_of({"source": "tass", "figure": "Rs 526 crore per aircraft"},
                        {"source": "reuters", "figure": "Rs 570 crore per pilot"}) == []
    assert conflicts_of({"source": "tass", "figure": "36 Rafale jets"}, {"source": "reuters", "figure": "40 aircraft"})


def test_a_crowd_of_people_and_of_protesters_is_one_count(conflicts_of):
    """The organisers' "almost 2 million people" and the police's "338,000 protesters" count one crowd."""
    [conflict] = conflicts_of({"source": "tass", "figure": "almost 2 million people"},
                              {"source": "reuters", "figure": "338,000 protesters"})
    assert sides(conflict) == [["c2"], ["c1"]]
    assert conflicts_of({"source": "tass", "figure": "2 million people"}, {"source": "reuters", "figure": "338,000 homes"}) == []


def test_period_and_kind_and_scope_go_into_the_id(conflicts_of):
    [conflict] = conflicts_of(
        {"source": "tass", "figure": "$1 billion", "period": "2022-01/2022-05", "kind": "forecast", "scope": "exports"},
        {"source": "reuters", "figure": "$9 billion", "period": "2022-01/2022-05", "kind": "forecast", "scope": "exports"},
    )
    assert conflict["id"] == "deal/value/2022-01--2022-05/forecast/exports"


def test_disagreeing_with_the_reference_is_labelled(cli, conflicts_of):
    [conflict] = conflicts_of({"source": "stats", "figure": "$190.27 billion"}, {"source": "tass", "figure": "US$200 billion"})
    assert conflict["reference"] is True and conflict["reference_outlets"] == ["stats"]


def test_currencies_convert_at_the_rate_of_each_claims_date(conflicts_of):
    # 1 USD was 6.1310 CNY on Friday 2014-10-10 (ECB); Saturday 2014-10-11 takes Friday's rate.
    # With one claim in each currency, the comparison is in USD.
    found = conflicts_of(
        {"source": "tass", "figure": "150 billion yuan", "as_of": "2014-10-11"},
        {"source": "reuters", "figure": "$24.5 billion", "as_of": "2014-10-13"},
    )
    assert found == []
    [conflict] = conflicts_of(
        {"source": "tass", "figure": "150 billion yuan", "as_of": "2014-10-11"},
        {"source": "reuters", "figure": "$20 billion", "as_of": "2014-10-13"},
    )
    [conversion] = conflict["conversions"]
    assert (conversion["claim"], conversion["source"], conversion["target"]) == ("c1", "CNY", "USD")
    assert conversion["rate_date"] == "2014-10-10" and conversion["figure_date"] == "2014-10-11"
    assert conversion["rate"] == pytest.approx(1 / 6.131, rel=1e-3)
    assert conflict["sides"][1]["value"] == pytest.approx(150e9 / 6.131, rel=1e-3)


def test_conversion_tolerance_widens_the_converted_interval(conflicts_of):
    # $24.5bn is CNY 150.1bn at 6.127; 2% either way covers CNY 147bn, but not 140bn.
    claims = lambda yuan: ({"source": "tass", "figure": f"{yuan} billion yuan", "as_of": "2014-10-13"},  # noqa: E731
                           {"source": "reuters", "figure": "$24.5 billion", "as_of": "2014-10-13"})
    assert conflicts_of(*claims(147)) == []
    assert len(conflicts_of(*claims(140))) == 1


def checked(cli, tmp_path, *claims: dict):
    """`check` on an empty project the claims are imported into."""
    root = tmp_path / "p"
    cli(tmp_path, "init", str(root))
    (tmp_path / "rows.csv").write_text(csv_of(*claims))
    cli(root, "import", str(tmp_path / "rows.csv"))
    return cli(root, "check")


def test_no_rate_means_not_comparable_with_the_reason(cli, tmp_path):
    result = checked(cli, tmp_path, {"source": "tass", "figure": "10 trillion rubles", "period": "2023"},
                     {"source": "reuters", "figure": "$5 billion", "period": "2023"},
                     {"source": "xinhua", "figure": "$9 billion", "period": "2023"})
    assert "deal/value/2023: not comparable: c1: '10 trillion rubles' cannot be converted to USD: the ECB published no RUB rate after 2022-03-01 (the figure's date is 2023-12-31)" in result.stdout
    assert result.exit_code == 1  # $5bn and $9bn still conflict with each other


def test_a_currency_the_ecb_gives_no_rate_for_is_compared_within_itself_only(cli, tmp_path):
    """Naira with naira as written; naira with dollars never converted (no rate exists), but said why."""
    result = checked(cli, tmp_path, {"source": "tass", "figure": "N8.83 trillion", "period": "2019"},
                     {"source": "reuters", "figure": "9.12 trillion naira", "period": "2019"},
                     {"source": "xinhua", "figure": "$28.8 billion", "period": "2019"})
    assert "cannot be converted to NGN: the ECB publishes no USD rate" not in result.stdout
    assert "deal/value/2019: not comparable: c3: '$28.8 billion' cannot be converted to NGN: the ECB publishes no NGN rate" \
        in result.stdout
    assert "1 conflict" in result.stdout and result.exit_code == 1  # N8.83 trillion against 9.12 trillion naira


def test_a_figure_of_another_dimension_is_a_finding_of_its_own(project):
    claims = """\
    - {id: a, source: tass, subject: deal, property: duration, figure: 30-year, kind: actual}
    - {id: b, source: reuters, subject: deal, property: duration, figure: 30 years, kind: actual}
    - {id: c, source: reuters, subject: deal, property: duration, figure: $400 billion, kind: actual}
    """
    corpus, _ = store.load(store.Project(project({"claims/a.yaml": claims})))
    findings = check.check(corpus, figures.read_claims(corpus)[0])
    [odd] = findings.not_comparable
    assert (odd.group, odd.claims) == ("deal/duration", ["c"])
    assert odd.reason == "a money figure among duration figures; check the property or the figure"
    assert [a.claims for a in findings.agreements] == [["a", "b"]]


def test_subject_aliases_meet(project):
    claims = """\
    - {id: a, source: tass, subject: power-of-siberia, property: duration, figure: 30-year, kind: actual}
    - {id: b, source: reuters, subject: gas-deal, property: duration, figure: 40-year, kind: actual}
    """
    subjects = "- id: gas-deal\n  aliases: [power-of-siberia]\n"
    corpus, _ = store.load(store.Project(project({"claims/a.yaml": claims, "claims/subjects.yaml": subjects})))
    [conflict] = check.check(corpus, figures.read_claims(corpus)[0]).conflicts
    assert conflict.id == "gas-deal/duration"


def test_targets_met_and_missed(project):
    claims = """\
    - {id: goal, source: tass, subject: trade, property: turnover, period: '2022', figure: US$200 billion, kind: target}
    - {id: said, source: tass, subject: trade, property: turnover, period: '2022', figure: US$200 billion, kind: actual}
    - {id: counted, source: reuters, subject: trade, property: turnover, period: '2022', figure: $190.27 billion, kind: actual}
    - {id: other-year, source: reuters, subject: trade, property: turnover, period: '2023', figure: $240 billion, kind: actual}
    """
    corpus, _ = store.load(store.Project(project({"claims/a.yaml": claims})))
    findings = check.check(corpus, figures.read_claims(corpus)[0])
    assert sorted((t.target, t.actual, t.verdict) for t in findings.targets) == [
        ("goal", "counted", "missed"), ("goal", "said", "met"),
    ]
    assert [c.id for c in findings.conflicts] == ["trade/turnover/2022"]  # the actuals still disagree


def test_reviews_mark_conflicts_and_stale_reviews_are_problems(cli, project):
    claims = """\
    - {id: a, source: tass, subject: deal, property: duration, figure: 30-year, kind: actual}
    - {id: b, source: reuters, subject: deal, property: duration, figure: 40-year, kind: actual}
    """
    reviews = "- conflict: deal/duration\n  status: resolved\n  preferred: [a]\n  note: the contract says 30\n"
    root = project({"claims/a.yaml": claims, "claims/reviews.yaml": reviews})
    assert cli(root, "conflicts", "-f", "json").stdout.count('"id"') == 0  # reviewed: hidden without --all
    [conflict] = json.loads(cli(root, "conflicts", "--all", "-f", "json").stdout)["conflicts"]
    assert (conflict["status"], conflict["review_note"]) == ("resolved", "the contract says 30")
    assert cli(root, "check").exit_code == 0
    (root / "claims/reviews.yaml").write_text(reviews.replace("deal/duration", "deal/value"))
    result = cli(root, "validate")
    assert result.exit_code == 2
    assert result.stdout == (
        "claims/reviews.yaml:1: review of 'deal/value': there is no such conflict now (its claims agree, or its id "
        "changed); remove the review or give the id that 'claimcheck conflicts --all' shows\n"
    )


def test_check_exit_codes(cli, project):
    agreeing = "- {id: a, source: tass, subject: d, property: p, figure: '5', kind: actual}\n"
    root = project({"claims/a.yaml": agreeing})
    assert cli(root, "check").exit_code == 0
    (root / "claims/b.yaml").write_text("- {id: b, source: reuters, subject: d, property: p, figure: '9', kind: actual}\n")
    assert cli(root, "check").exit_code == 1
    (root / "claims/c.yaml").write_text("- {id: c, source: nobody, subject: d, property: p, figure: '9', kind: actual}\n")
    assert cli(root, "check").exit_code == 2


def test_conflict_line_for_people(cli, project):
    claims = """\
    - {id: a, source: tass, subject: gas, property: duration, figure: 30-year, kind: actual, published: '2014-05-21'}
    - {id: b, source: reuters, subject: gas, property: duration, figure: 40-year, kind: actual, published: 2016-12}
    """
    out = cli(project({"claims/a.yaml": claims}), "conflicts").stdout
    assert out == "gas/duration: 30 years (TASS, 2014) vs 40 years (Reuters, 2016): +33% [perspective split]\n"


def test_conflict_filters(cli, project):
    claims = """\
    - {id: a, source: tass, subject: gas, property: duration, figure: 30-year, kind: actual}
    - {id: b, source: reuters, subject: gas, property: duration, figure: 40-year, kind: actual}
    - {id: c, source: reuters, subject: oil, property: value, figure: $5 billion, kind: actual}
    - {id: d, source: reuters, subject: oil, property: value, figure: $9 billion, kind: actual}
    """
    root = project({"claims/a.yaml": claims})
    ids = lambda *args: [c["id"] for c in json.loads(cli(root, "conflicts", "-f", "json", *args).stdout)["conflicts"]]  # noqa: E731
    assert ids() == ["gas/duration", "oil/value"]
    assert ids("--subject", "oil") == ["oil/value"]
    assert ids("--outlet", "tass") == ["gas/duration"]
    assert ids("--perspective", "russian state media") == ["gas/duration"]


def test_outlets_count_conflicts_minority_and_reference(cli, project):
    sources = {
        "tass": "id: tass\nname: TASS\nperspective: Russian state media\n",
        "reuters": "id: reuters\nname: Reuters\nperspective: Western independent\n",
        "stats": "id: stats\nname: Stats\nperspective: official statistics\nreference: true\n",
    }
    claims = """\
    - {id: a, source: tass, subject: trade, property: turnover, period: '2022', figure: $200 billion, kind: actual}
    - {id: b, source: reuters, subject: trade, property: turnover, period: '2022', figure: $190 billion, kind: actual}
    - {id: c, source: stats, subject: trade, property: turnover, period: '2022', figure: $190.27 billion, kind: actual}
    """
    rows = json.loads(cli(project({"claims/a.yaml": claims}, sources=sources), "outlets", "-f", "json").stdout)["outlets"]
    counts = {r["id"]: (r["conflicts"], r["minority"], r["against_reference"]) for r in rows}
    assert counts == {"reuters": (1, 0, 0), "stats": (1, 0, 0), "tass": (1, 1, 1)}


# --- the bundled corpus ------------------------------------------------------------------


def test_bundled_corpus_conflicts(cli):
    result = cli(REPO, "conflicts", "--all", "--format", "json")
    conflicts = {c["id"]: c for c in json.loads(result.stdout)["conflicts"]}
    gas = conflicts["gazprom-cnpc-gas-deal/duration"]
    assert [(s["low"], s["high"], s["outlets"]) for s in gas["sides"]] == [
        (29.5, 30.5, ["china-news-aggregator-2014"]), (39.5, 40.5, ["the-diplomat"])]
    trade = conflicts["china-russia-trade/turnover/2022"]
    assert trade["reference"] is True and trade["reference_outlets"] == ["china-customs"]
    swap = conflicts["currency-swap-2014/value"]
    assert swap["status"] == "explained"
    assert [s["claims"] for s in swap["sides"]][0] == ["currency-swap-rubles-diplomat-2016"]
    assert "currency-swap-usd-diplomat-2016" in swap["sides"][1]["claims"]
    assert {(c["source"], c["rate_date"]) for c in swap["conversions"]} == {("RUB", "2014-10-13"), ("USD", "2014-10-13")}
    assert set(conflicts) == {"gazprom-cnpc-gas-deal/duration", "china-russia-trade/turnover/2022", "currency-swap-2014/value"}
    check_out = cli(REPO, "check")
    assert check_out.exit_code == 1
    assert "china-russia-trade/turnover/2022: target US$200 billion (Roscongress Foundation) missed: actual $190.27 billion" in check_out.stdout
