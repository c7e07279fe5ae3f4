"""Fewer refusals, no new misreading: spellings and forms news writes widely that the reader refused
although they name one thing only. Each is asserted as a user would see it, in a figure field and
found in a sentence; the look-alikes that stay ambiguous stay refused."""

from __future__ import annotations

import pytest

from claimcheck import extract
from claimcheck.figures import FigureError, parse

FOOT, YARD, HECTOLITRE = 0.3048, 0.9144, 0.1


def reads(text: str) -> tuple:
    figure = parse(text)
    return figure.value, figure.unit, figure.dimension


@pytest.mark.parametrize("text, value, unit, dimension", [
    ("250 sqm", 250, "m2", "area"),  # floor space as property news writes it
    ("250 sq.m.", 250, "m2", "area"),
    ("1,200 sqft", 1200 * FOOT ** 2, "m2", "area"),
    ("$5,000 per sqm", 5000, "USD/m2", "rate"),
    ("140 million hectolitres", 140e6 * HECTOLITRE, "m3", "volume"),  # beer and wine volumes
    ("140 million hl", 140e6 * HECTOLITRE, "m3", "volume"),
    ("3.2 MMT", 3.2e9, "kg", "mass"),  # million metric tons, as commodity reports write them
    ("100 kmph", 100 / 3.6, "m/s", "speed"),
    ("100 yds", 100 * YARD, "m", "length"),
    ("42ºC", 315.15, "K", "temperature"),  # the ordinal sign typed for the degree sign
    ("42 ºC", 315.15, "K", "temperature"),
    ("42˚C", 315.15, "K", "temperature"),
    ("100ºF", (100 - 32) * 5 / 9 + 273.15, "K", "temperature"),
    ("40 deg celsius", 313.15, "K", "temperature"),
])
def test_unit_spellings_news_uses_are_read(text, value, unit, dimension):
    got_value, got_unit, got_dimension = reads(text)
    assert (got_unit, got_dimension) == (unit, dimension)
    assert got_value == pytest.approx(value)


@pytest.mark.parametrize("text, value, unit", [
    ("€1.234,56", 1234.56, "EUR"),  # a decimal comma after points: the points part thousands
    ("1.234,56 €", 1234.56, "EUR"),
    ("1.234.567 euros", 1_234_567, "EUR"),  # two points: thousands
    ("€1.234.567", 1_234_567, "EUR"),
    ("12.345.678,90 EUR", 12_345_678.90, "EUR"),
    ("Rp 1.500.000", 1_500_000, "IDR"),
])
def test_points_between_thousands_are_read_where_the_figure_settles_them(text, value, unit):
    figure = parse(text)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


def test_points_between_thousands_stay_refused_where_nothing_settles_them():
    for text in ("€1.899", "Rp 100.000"):
        with pytest.raises(FigureError, match="a point between thousands"):
            parse(text)
    assert parse("1.234").value == 1.234  # no currency: a decimal point, as before


def test_a_european_price_in_a_sentence_is_one_figure():
    """Before, '€1.234,56 per tonne' was found as '56 per tonne' (0.056 a kg): silently wrong."""
    found = extract.scan("The average price was €1.234,56 per tonne.", everything=True)
    assert [(f.text, f.figure.unit) for f in found] == [("€1.234,56 per tonne", "EUR/kg")]
    assert found[0].figure.value == pytest.approx(1.23456)


def test_negative_is_a_sign():
    assert (parse("negative 0.3%").value, parse("negative 0.3%").unit) == (-0.3, "%")
    assert parse("negative $3 billion").value == -3e9
    found = extract.scan("Inflation was negative 0.3% in the eurozone.", everything=True)
    assert [(f.text, f.figure.value) for f in found] == [("negative 0.3%", -0.3)]  # before: 0.3, the sign lost


def test_a_sign_word_before_an_amount_that_has_no_sign_belongs_to_the_sentence():
    with pytest.raises(FigureError, match="never negative"):
        parse("negative 10 days")  # a figure field says what it means
    found = extract.scan("He tested negative 10 days later.", everything=True)
    assert [(f.text, f.figure.unit) for f in found] == [("10 days", "year")]


@pytest.mark.parametrize("text, value, low, high, qualifier", [
    ("aged 40", 40, 39.5, 40.5, "exact"),
    ("age 40", 40, 39.5, 40.5, "exact"),
    ("aged between 18 and 24", 21, 17.5, 24.5, "range"),
    ("ages 18 to 24", 21, 17.5, 24.5, "range"),
    ("aged over 65", 65, 65, None, "more_than"),
    ("aged 6 months", 0.5, 0.5 - 1 / 24, 0.5 + 1 / 24, "exact"),  # an age with its own unit keeps it
])
def test_an_age_is_a_duration_in_years(text, value, low, high, qualifier):
    """'aged 40' was refused in a figure field and found as a bare count of 40 in a sentence."""
    figure = parse(text)
    assert (figure.unit, figure.dimension, figure.qualifier) == ("year", "duration", qualifier)
    assert (figure.value, figure.low, figure.high) == (pytest.approx(value), pytest.approx(low),
                                                      None if high is None else pytest.approx(high))


def test_an_age_in_a_sentence_is_found_in_years():
    found = extract.scan("Voters aged 18 to 24 favoured the party, and a man, aged 34, was hurt.", everything=True)
    assert [(f.text, f.figure.value, f.figure.unit) for f in found] == [("aged 18 to 24", 21, "year"),
                                                                        ("aged 34", 34, "year")]
    percent = extract.scan("Of those aged 65, 40% voted.", everything=True)
    assert [(f.text, f.figure.unit) for f in percent] == [("aged 65", "year"), ("40%", "%")]


def test_a_rate_after_a_slash_that_cannot_be_read_is_refused_not_dropped():
    """'126 mg/dL' read 126 mg, its '/dL' kept as a counted noun in a field and dropped in a sentence."""
    with pytest.raises(FigureError, match="'/dL' after the figure is a rate claimcheck cannot read"):
        parse("50 mg/dL")
    scanned = extract.scan_all("Blood sugar above 126 mg/dL is diabetic.", everything=True)
    assert scanned.found == [] and "a rate claimcheck cannot read" in scanned.refused[0].reason
    assert (parse("$5/share").unit, parse("5 mg/kg").unit, parse("3 g/day").unit) == ("USD/share", "kg/kg", "kg/year")


@pytest.mark.parametrize("text", ["$3 grand", "£2 grand", "a $50,000 grand prize"])
def test_grand_after_a_bare_number_is_refused_never_read_as_the_number(text):
    with pytest.raises(FigureError, match="'grand' after a number may be slang for thousands"):
        parse(text)


def test_grand_in_a_sentence_is_refused_after_a_bare_number_and_an_adjective_after_a_scale():
    paid = extract.scan_all("He paid $3 grand for the car.")
    assert (paid.found, [r.text for r in paid.refused]) == ([], ["$3 grand"])
    deal = extract.scan_all("The city won a $5 billion grand bargain.")
    assert [(f.text, f.figure.value, f.figure.unit) for f in deal.found] == [("$5 billion", 5e9, "USD")]
