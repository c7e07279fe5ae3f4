"""Figures as written, read into intervals with canonical units (design section 2)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from claimcheck import store
from claimcheck.figures import FigureError, parse, read_claims
from claimcheck.models import Settings
from conftest import REPO

B, M = 1e9, 1e6


def reads(text: str) -> tuple:
    f = parse(text)
    return (f.value, f.low, f.high, f.unit, f.dimension, f.qualifier)


# Every figure of the bundled corpus, checked by hand against what a careful reader would say.
SEED_FIGURES = {
    "38 separate agreements": (38, 37.5, 38.5, "", "count", "exact"),
    "three-day": (3 / 365.25, 2.5 / 365.25, 3.5 / 365.25, "year", "duration", "exact"),
    "150 billion yuan": (150 * B, 149.5 * B, 150.5 * B, "CNY", "money", "exact"),
    "$400 billion": (400 * B, 399.5 * B, 400.5 * B, "USD", "money", "exact"),
    "less than $100 billion": (100 * B, None, 100 * B, "USD", "money", "less_than"),
    "30-year": (30, 29.5, 30.5, "year", "duration", "exact"),
    "40-year": (40, 39.5, 40.5, "year", "duration", "exact"),
    "five intergovernmental commissions": (5, 4.5, 5.5, "", "count", "exact"),
    "15 percent": (15, 14.5, 15.5, "%", "percent", "exact"),
    "up to $500 billion": (500 * B, None, 500 * B, "USD", "money", "at_most"),
    "815 billion rubles": (815 * B, 814.5 * B, 815.5 * B, "RUB", "money", "exact"),
    "$24 billion": (24 * B, 23.5 * B, 24.5 * B, "USD", "money", "exact"),
    "about 45 percent": (45, 40.5, 49.5, "%", "percent", "about"),
    "26 subcommissions": (26, 25.5, 26.5, "", "count", "exact"),
    "up to 6 billion yuan": (6 * B, None, 6 * B, "CNY", "money", "at_most"),
    "3 billion yuan": (3 * B, 2.5 * B, 3.5 * B, "CNY", "money", "exact"),
    "More than half": (50, 50, None, "%", "percent", "more_than"),
    "100 million tonnes": (100 * M * 1000, 99.5 * M * 1000, 100.5 * M * 1000, "kg", "mass", "exact"),
    "78 projects": (78, 77.5, 78.5, "", "count", "exact"),
    "US$160 billion": (160 * B, 159.5 * B, 160.5 * B, "USD", "money", "exact"),
    "12 years": (12, 11.5, 12.5, "year", "duration", "exact"),
    "US$65.8 billion": (65.8 * B, 65.75 * B, 65.85 * B, "USD", "money", "exact"),
    "US$200 billion": (200 * B, 199.5 * B, 200.5 * B, "USD", "money", "exact"),
    "US$400 billion": (400 * B, 399.5 * B, 400.5 * B, "USD", "money", "exact"),
    "$146.88 billion": (146.88 * B, 146.875 * B, 146.885 * B, "USD", "money", "exact"),
    "$190.27 billion": (190.27 * B, 190.265 * B, 190.275 * B, "USD", "money", "exact"),
    "$240.11 billion": (240.11 * B, 240.105 * B, 240.115 * B, "USD", "money", "exact"),
}


def assert_reads(text: str, expected: tuple) -> None:
    got = reads(text)
    for g, e in zip(got[:3], expected[:3]):
        assert (g is None and e is None) or g == pytest.approx(e, rel=1e-9), (text, got, expected)
    assert got[3:] == expected[3:], (text, got)


def test_every_seed_figure_reads_as_a_careful_reader_would():
    corpus, problems = store.load(REPO)
    assert problems == []
    figures, problems = read_claims(corpus)
    assert problems == []
    assert {c.figure for c in corpus.claims} == set(SEED_FIGURES)
    for text, expected in SEED_FIGURES.items():
        assert_reads(text, expected)


def test_nouns_of_counts_are_kept():
    assert parse("38 separate agreements").noun == "separate agreements"
    assert parse("five intergovernmental commissions").noun == "intergovernmental commissions"
    assert parse("roughly 1.3 billion").noun == ""


PHRASINGS = {
    # money: four currencies, symbols, codes and names, scale abbreviations
    "$24.5 billion": (24.5 * B, 24.45 * B, 24.55 * B, "USD", "money", "exact"),
    "USD 5 million": (5 * M, 4.5 * M, 5.5 * M, "USD", "money", "exact"),
    "5 million US dollars": (5 * M, 4.5 * M, 5.5 * M, "USD", "money", "exact"),
    "160 billion U.S. dollars": (160 * B, 159.5 * B, 160.5 * B, "USD", "money", "exact"),
    "$400bn": (400 * B, 399.5 * B, 400.5 * B, "USD", "money", "exact"),
    "$1.2tn": (1.2e12, 1.15e12, 1.25e12, "USD", "money", "exact"),
    "$3.5 mln": (3.5 * M, 3.45 * M, 3.55 * M, "USD", "money", "exact"),
    "$250m": (250 * M, 249.5 * M, 250.5 * M, "USD", "money", "exact"),
    "RMB 150 billion": (150 * B, 149.5 * B, 150.5 * B, "CNY", "money", "exact"),
    "CNY 6bn": (6 * B, 5.5 * B, 6.5 * B, "CNY", "money", "exact"),
    "6 billion renminbi": (6 * B, 5.5 * B, 6.5 * B, "CNY", "money", "exact"),
    "₽815 billion": (815 * B, 814.5 * B, 815.5 * B, "RUB", "money", "exact"),
    "815 bn roubles": (815 * B, 814.5 * B, 815.5 * B, "RUB", "money", "exact"),
    "RUB 2 trillion": (2e12, 1.5e12, 2.5e12, "RUB", "money", "exact"),
    "€4.5bn": (4.5 * B, 4.45 * B, 4.55 * B, "EUR", "money", "exact"),
    "5 billion euros": (5 * B, 4.5 * B, 5.5 * B, "EUR", "money", "exact"),
    "EUR 300,000": (300_000, 299_999.5, 300_000.5, "EUR", "money", "exact"),
    "four hundred billion dollars": (400 * B, 399.5 * B, 400.5 * B, "USD", "money", "exact"),
    # hedges of every kind
    "about $400 billion": (400 * B, 360 * B, 440 * B, "USD", "money", "about"),
    "around 70": (70, 63, 77, "", "count", "about"),
    "approximately 1,000 km": (1e6, 0.9e6, 1.1e6, "m", "length", "about"),
    "roughly 1.3 billion": (1.3 * B, 1.17 * B, 1.43 * B, "", "count", "about"),
    "some 400 km": (400e3, 360e3, 440e3, "m", "length", "about"),
    "close to 20%": (20, 18, 22, "%", "percent", "about"),
    "nearly 70": (70, 63, 70, "", "count", "nearly"),
    "almost three decades": (30, 25, 30, "year", "duration", "nearly"),
    "more than $100 billion": (100 * B, 100 * B, None, "USD", "money", "more_than"),
    "over 1,000 kilometres": (1e6, 1e6, None, "m", "length", "more_than"),
    "above 5%": (5, 5, None, "%", "percent", "more_than"),
    "exceeding 2 million tonnes": (2e9, 2e9, None, "kg", "mass", "more_than"),
    "at least 5 km": (5000, 5000, None, "m", "length", "at_least"),
    "no less than 20 years": (20, 20, None, "year", "duration", "at_least"),
    "30 years or more": (30, 30, None, "year", "duration", "at_least"),
    "under 10%": (10, None, 10, "%", "percent", "less_than"),
    "below 3 bcm": (3e9, None, 3e9, "m3", "volume", "less_than"),
    "fewer than 12 agreements": (12, None, 12, "", "count", "less_than"),
    "at most 5 miles": (8046.72, None, 8046.72, "m", "length", "at_most"),
    "no more than 6 months": (0.5, None, 0.5, "year", "duration", "at_most"),
    # ranges: the scale and unit apply to both ends
    "between 30 and 40 percent": (35, 29.5, 40.5, "%", "percent", "range"),
    "$30-40 billion": (35 * B, 29.5 * B, 40.5 * B, "USD", "money", "range"),
    "$30–40 billion": (35 * B, 29.5 * B, 40.5 * B, "USD", "money", "range"),
    "30 to 40 km": (35e3, 29.5e3, 40.5e3, "m", "length", "range"),
    "$5 billion to $7 billion": (6 * B, 4.5 * B, 7.5 * B, "USD", "money", "range"),
    "from 5 to 7 years": (6, 4.5, 7.5, "year", "duration", "range"),
    # percentages spelled three ways, and shares
    "15%": (15, 14.5, 15.5, "%", "percent", "exact"),
    "15 per cent": (15, 14.5, 15.5, "%", "percent", "exact"),
    "-2.5%": (-2.5, -2.55, -2.45, "%", "percent", "exact"),
    "half": (50, 49.5, 50.5, "%", "percent", "exact"),  # a share in words is as precise as a percentage point
    "two-thirds": (200 / 3, 200 / 3 - 0.5, 200 / 3 + 0.5, "%", "percent", "exact"),
    "a quarter": (25, 24.5, 25.5, "%", "percent", "exact"),
    # lengths, volumes, masses
    "1,300 km": (1.3e6, 1299.5e3, 1300.5e3, "m", "length", "exact"),
    "500 miles": (804672, 499.5 * 1609.344, 500.5 * 1609.344, "m", "length", "exact"),
    "38 bcm": (38e9, 37.5e9, 38.5e9, "m3", "volume", "exact"),
    "61 billion cubic metres": (61e9, 60.5e9, 61.5e9, "m3", "volume", "exact"),
    "5 million cubic meters": (5e6, 4.5e6, 5.5e6, "m3", "volume", "exact"),
    "100,000 tonnes": (1e8, 99_999.5e3, 100_000.5e3, "kg", "mass", "exact"),
    "10 million tons": (1e10, 9.5e9, 10.5e9, "kg", "mass", "exact"),
    # durations in years, months and decades
    "25 years": (25, 24.5, 25.5, "year", "duration", "exact"),
    "six months": (0.5, 5.5 / 12, 6.5 / 12, "year", "duration", "exact"),
    "18-month": (1.5, 17.5 / 12, 18.5 / 12, "year", "duration", "exact"),
    "three decades": (30, 25, 35, "year", "duration", "exact"),
    "half a year": (0.5, 0.45, 0.55, "year", "duration", "exact"),  # as precise as "0.5 years"
    # forms seen in spreadsheets and copied sentences
    "US $5 billion": (5 * B, 4.5 * B, 5.5 * B, "USD", "money", "exact"),
    "Rbs 815 billion": (815 * B, 814.5 * B, 815.5 * B, "RUB", "money", "exact"),
    "5 per cent.": (5, 4.5, 5.5, "%", "percent", "exact"),
    "up 10%": (10, 9.5, 10.5, "%", "percent", "exact"),
    "down 5%": (-5, -5.5, -4.5, "%", "percent", "exact"),
    "+5%": (5, 4.5, 5.5, "%", "percent", "exact"),
    "38 billion cubic metres (bcm)": (38e9, 37.5e9, 38.5e9, "m3", "volume", "exact"),
    "a quarter of a century": (25, 24.5, 25.5, "year", "duration", "exact"),
    "nearly half": (50, 45, 50, "%", "percent", "nearly"),
    "4,000-kilometre": (4e6, 3999.5e3, 4000.5e3, "m", "length", "exact"),
    # spelled-out numbers and counts
    "forty-five": (45, 44.5, 45.5, "", "count", "exact"),
    "a dozen": (12, 11.5, 12.5, "", "count", "exact"),
    "two hundred and fifty": (250, 249.5, 250.5, "", "count", "exact"),
}


@pytest.mark.parametrize("text", list(PHRASINGS))
def test_phrasings(text):
    assert_reads(text, PHRASINGS[text])


@pytest.mark.parametrize(
    "text, reason",
    [
        ("banana", "no number found in 'banana'"),
        ("", "the figure is empty"),
        ("   ", "the figure is empty"),
        ("the deal was big", "no number found in 'the deal was big'"),
        ("weeks", "no number found in 'weeks'"),
        ("plus", "no number found in 'plus'"),
        ("200 billion yuan ($29 billion)", "unexpected '$' after the figure"),
        ("5xyz", "unknown unit 'xyz'"),
        ("¥5 billion", "'¥' stands for both yen and yuan; write yuan or CNY, yen or JPY"),
        ("5 pounds", "'pounds' are money or mass; write £ or GBP for money, kg or lb for mass"),
        ("trade hit $200 billion", "'trade hit' before the number is not a hedge claimcheck knows"),
        ("$40-30 billion", "the range runs backwards"),
        ("between 30 and", "the figure ends before its number"),
        ("between 30", "a range opened with between needs 'and' and a second figure"),
        ("30 km to 40 years", "the two ends of the range are in different units"),
        ("$5 billion yuan", "two currencies in one figure (USD and CNY)"),
        ("30-year, $400 billion", "unexpected ','"),
        ("5 and 6", "more than one number"),
        ("about 5 or more", "two hedges in one figure"),
    ],
)
def test_refusals_give_a_reason(text, reason):
    with pytest.raises(FigureError) as refused:
        parse(text)
    assert reason in str(refused.value)


def test_about_uses_the_larger_of_tolerance_and_written_precision():
    assert reads("about 100 km")[1:3] == (90e3, 110e3)  # 10% beats half a unit of the last digit
    assert reads("about 70")[1:3] == (63, 77)
    assert reads("about 1.5")[1:3] == pytest.approx((1.35, 1.65))
    tight = Settings(about_tolerance=0.01)
    assert parse("about 3", tight).low == 2.5  # half a unit of "3" beats 1%
    assert parse("about 4,000", tight).low == pytest.approx(3960)


def test_every_tolerance_is_a_setting_that_tightens_or_loosens():
    wide = Settings(about_tolerance=0.2)
    f = parse("about 1,234", wide)
    assert (f.low, f.high) == pytest.approx((987.2, 1480.8))
    assert parse("about 100 km", Settings(about_tolerance=0.05)).low == 95e3
    loose = Settings(exact_tolerance=0.03)
    assert (parse("$200 billion", loose).low, parse("$200 billion", loose).high) == pytest.approx((194 * B, 206 * B))
    assert parse("$200 billion").low == 199.5 * B  # by default an exact figure is as precise as its last digit


# --- properties -------------------------------------------------------------------

SCALE_FORMS = {1e3: ["thousand"], 1e6: ["million", "mn", "mln", "m"], 1e9: ["billion", "bn", "b"], 1e12: ["trillion", "tn"]}
CURRENCY_FORMS = {"USD": ["${n}", "US${n}", "USD {n}", "{n} dollars"], "CNY": ["{n} yuan", "RMB {n}", "CNY {n}"],
                  "RUB": ["{n} rubles", "{n} roubles", "₽{n}", "RUB {n}"], "EUR": ["€{n}", "{n} euros", "EUR {n}"]}


@st.composite
def written_money(draw):
    whole = draw(st.integers(min_value=1, max_value=999_999))
    decimals = draw(st.sampled_from(["", "5", "25", "75"]))
    digits = f"{whole:,}" if draw(st.booleans()) else str(whole)
    number = digits + ("." + decimals if decimals else "")
    scale = draw(st.sampled_from([None, *SCALE_FORMS]))
    if scale is not None:
        word = draw(st.sampled_from(SCALE_FORMS[scale]))
        number += ("" if draw(st.booleans()) and len(word) <= 3 else " ") + word
    currency = draw(st.sampled_from(list(CURRENCY_FORMS)))
    form = draw(st.sampled_from(CURRENCY_FORMS[currency]))
    value = float(f"{whole}.{decimals or 0}") * (scale or 1)
    return form.format(n=number), value, currency


@given(written_money())
def test_money_written_any_way_reads_back_to_its_value(case):
    text, value, currency = case
    figure = parse(text)
    assert figure.value == pytest.approx(value, rel=1e-9)
    assert figure.unit == currency and figure.dimension == "money"
    assert figure.low <= value <= figure.high


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["percent", "per cent", "%"]))
def test_percentages_read_back(n, form):
    figure = parse(f"{n}{'' if form == '%' else ' '}{form}")
    assert (figure.value, figure.unit) == (n, "%")


SPELLED = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int) -> str:
    if n < 20:
        return SPELLED[n]
    tens, ones = divmod(n, 10)
    return TENS[tens - 2] + (f"-{SPELLED[ones]}" if ones else "")


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["years", "months", "decades"]))
def test_spelled_durations_read_back(n, unit):
    figure = parse(f"{spell(n)} {unit}")
    years = {"years": 1, "months": 1 / 12, "decades": 10}[unit]
    assert figure.value == pytest.approx(n * years) and figure.unit == "year"


def reads_or_is_refused_with_a_reason(text: str) -> None:
    """Any text is read into a well-formed interval, or refused with a reason; nothing else escapes."""
    try:
        figure = parse(text)
    except FigureError as refusal:
        assert str(refusal)
        return
    assert figure.low is None or figure.high is None or figure.low <= figure.high


@hsettings(max_examples=500, deadline=None)  # the first example loads the word lists once
@given(st.text(max_size=60))
def test_arbitrary_text_reads_or_is_refused_with_a_reason(text):
    reads_or_is_refused_with_a_reason(text)


@hsettings(max_examples=300, deadline=None)  # the first example loads the word lists once
@given(st.lists(st.sampled_from([*"0123456789.,$€-–% abmnkt", "about ", "up to ", " billion", " years", "between ", " and ", "half", " rubles"]), max_size=12).map("".join))
def test_number_soup_reads_or_is_refused_with_a_reason(text):
    reads_or_is_refused_with_a_reason(text)


# --- in the project and on the command line --------------------------------------------


def test_validate_reports_an_unreadable_figure_at_its_line(cli, project):
    claims = "- id: x\n  source: tass\n  subject: s\n  property: p\n  figure: lots of bananas\n  kind: actual\n"
    root = project({"claims/a.yaml": claims})
    result = cli(root, "validate")
    assert result.exit_code == 2
    assert result.stdout == "claims/a.yaml:5: claim 'x': figure 'lots of bananas' cannot be read: no number found in 'lots of bananas'\n"


def test_project_settings_change_the_about_tolerance(cli, project):
    root = project({"claimcheck.yaml": "about_tolerance: 0.2\n"})
    row = json.loads(cli(root, "parse", "about 1,234", "--format", "json").stdout)
    assert (row["low"], row["high"]) == pytest.approx((987.2, 1480.8))


def test_bad_settings_are_problems_with_lines(cli, project):
    root = project({"claimcheck.yaml": "about_tolerance: 0.05\nabout_tolerence: 0.1\n"})
    result = cli(root, "validate")
    assert result.exit_code == 2
    assert result.stdout.startswith("claimcheck.yaml:2: settings: unknown field 'about_tolerence'; did you mean 'about_tolerance'?")


def test_parse_json_prints_one_object_per_figure(cli, tmp_path):
    result = cli(tmp_path, "parse", "about $400 billion", "three decades", "--format", "json")
    assert result.exit_code == 0
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {"text": "about $400 billion", "value": 4e11, "low": 3.6e11, "high": 4.4e11,
                     "unit": "USD", "dimension": "money", "qualifier": "about", "noun": ""}
    assert (second["value"], second["unit"], second["low"], second["high"]) == (30, "year", 25, 35)


def test_parse_refusal_prints_error_and_exits_2(cli, tmp_path):
    result = cli(tmp_path, "parse", "up to 6 billion yuan", "banana", "--format", "json")
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["high"] == 6e9 and lines[0]["low"] is None
    assert lines[1] == {"text": "banana", "error": "no number found in 'banana'"}


def test_parse_table_for_people(cli, tmp_path):
    assert cli(tmp_path, "parse", "about 45 percent").stdout == (
        "figure            reads as        value    dimension    qualifier    noun\n"
        "----------------  --------------  -------  -----------  -----------  ------\n"
        "about 45 percent  40.5% to 49.5%  45%      percent      about\n"
    )


def test_a_word_in_us_or_is_is_no_plural():
    """"Thus" read as the plural of "thu" made a group's subject "thu-statement" (a third newcomer's try)."""
    from claimcheck.figures.units import singular
    assert [singular(w) for w in ("thus", "status", "analysis", "glass", "agreements", "countries")] == \
        ["thus", "status", "analysis", "glass", "agreement", "country"]
