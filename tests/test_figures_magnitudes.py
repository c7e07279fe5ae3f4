"""Vague magnitudes with a quantifier ("several hundred people", "a few thousand troops") and earthquake
magnitudes ("a magnitude 7.1 earthquake"): read by `parse` and found by `extract.scan` alike, or refused."""

from __future__ import annotations

import pytest

from claimcheck.extract import scan, scan_all
from claimcheck.figures import FigureError, parse
from test_figures import assert_reads


def found(sentence: str) -> list[tuple]:
    return [(f.text, f.figure.low, f.figure.high, f.figure.unit, f.figure.qualifier, f.figure.noun)
            for f in scan(sentence, everything=True)]


@pytest.mark.parametrize("text, low, high, unit, dimension, noun", [
    ("several hundred people", 200, 1000, "", "count", "people"),  # as "hundreds": 2 X to under 10 X
    ("a few thousand troops", 2e3, 1e4, "", "count", "troops"),
    ("several million dollars", 2e6, 1e7, "USD", "money", ""),  # under ten million, unlike "millions"
    ("a few dozen", 24, 120, "", "count", ""),
    ("several hundred thousand", 2e5, 1e6, "", "count", ""),  # as "hundreds of thousands"
    ("a few hundred million euros", 2e8, 1e9, "EUR", "money", ""),
    ("several hundreds of thousands of people", 2e5, 1e6, "", "count", "people"),
    ("several hundred metres", 200, 1000, "m", "length", ""),
    ("a couple of hundred", 150, 300, "", "count", ""),  # about two hundred (decisions)
    ("a couple hundred protesters", 150, 300, "", "count", "protesters"),
])
def test_a_vague_magnitude_with_a_quantifier_is_read_as_an_interval(text, low, high, unit, dimension, noun):
    figure = parse(text)
    assert (figure.low, figure.high, figure.unit, figure.dimension, figure.qualifier, figure.noun) == pytest.approx(
        (low, high, unit, dimension, "vague", noun))
    assert low < figure.value < high


@pytest.mark.parametrize("sentence, expected", [
    ("Several hundred people marched on Monday.", [("Several hundred people", 200, 1000, "", "vague", "people")]),
    ("Police said a few thousand troops were sent.", [("a few thousand troops", 2e3, 1e4, "", "vague", "troops")]),
    ("It cost several million dollars.", [("several million dollars", 2e6, 1e7, "USD", "vague", "")]),
    ("A couple of hundred people came and several hundred thousand watched.",
     [("A couple of hundred people", 150, 300, "", "vague", "people"),
      ("several hundred thousand", 2e5, 1e6, "", "vague", "")]),
    ("They waited a few hours.", []),  # no scale word: no figure
])
def test_a_vague_magnitude_with_a_quantifier_is_found_in_a_sentence(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("text, message", [
    ("a few hundred-year-old trees", "trees a hundred years old"),  # trees a century old, or centuries old
    ("about several hundred", "cannot also be about"),
    ("several hundred to a thousand", "cannot start a range"),
    ("dozens of thousands of people", "a vague magnitude claimcheck does not list"),  # never 24-144 "thousands"
    ("a few hundred thousands", "a vague magnitude claimcheck does not list"),
    ("several thousand million", "a vague magnitude claimcheck does not list"),
])
def test_a_vague_magnitude_that_may_mean_something_else_is_refused(text, message):
    with pytest.raises(FigureError, match=message):
        parse(text)


def test_a_vague_magnitude_joined_to_a_unit_is_refused_in_a_sentence_too():
    scanned = scan_all("They felled a few hundred-year-old trees.", everything=True)
    assert scanned.found == []
    assert [(r.text, "trees a hundred years old" in r.reason) for r in scanned.refused] == [("a few hundred", True)]


def test_several_hundred_agrees_with_a_figure_inside_it_and_not_with_one_outside():
    several = parse("several hundred people")
    assert several.low <= parse("700 people").value < several.high
    assert not several.low <= parse("1,200 people").value < several.high
    assert_reads("a few thousand", (4472.13595499958, 2e3, 1e4, "", "count", "vague"))


@pytest.mark.parametrize("sentence, refused", [
    ("It will last at least several hundred years.", "at least several hundred"),
    ("Up to tens of thousands came.", "Up to tens of thousands"),  # never "thousands" without its "tens of"
    ("Dozens of thousands of people marched.", "Dozens of thousands"),  # never "thousands of people" alone
])
def test_a_vague_magnitude_refused_in_a_sentence_is_refused_whole_never_found_in_part(sentence, refused):
    scanned = scan_all(sentence, everything=True)
    assert scanned.found == []
    assert [r.text for r in scanned.refused] == [refused]


# --- earthquake magnitudes -------------------------------------------------------------------------


@pytest.mark.parametrize("text, value, low, high, noun", [
    ("a magnitude 7.1 earthquake", 7.1, 7.05, 7.15, "earthquake"),  # as precise as written, like any figure
    ("a 7.1-magnitude earthquake", 7.1, 7.05, 7.15, "earthquake"),
    ("magnitude-6.4 quake", 6.4, 6.35, 6.45, "quake"),
    ("a 6.8 magnitude quake", 6.8, 6.75, 6.85, "quake"),
    ("5.9 on the Richter scale", 5.9, 5.85, 5.95, ""),  # Richter and moment magnitude compared as one (decisions)
    ("a magnitude of 6.4", 6.4, 6.35, 6.45, ""),
    ("magnitude 7", 7, 6.5, 7.5, ""),
    ("magnitude 7.1 on the Richter scale", 7.1, 7.05, 7.15, ""),  # the one unit written twice
    ("magnitude 10", 10, 9.5, 10.5, ""),
    ("7 degrees on the Richter scale", 7, 6.5, 7.5, ""),  # was refused: "'°' alone is a temperature or an angle"
])
def test_an_earthquake_magnitude_is_a_figure_of_its_own_dimension(text, value, low, high, noun):
    figure = parse(text)
    assert (figure.value, figure.low, figure.high, figure.unit, figure.dimension, figure.qualifier, figure.noun) == \
        pytest.approx((value, low, high, "magnitude", "magnitude", "exact", noun))


def test_outlets_that_disagree_on_a_magnitude_do_not_agree_and_the_unit_written_first_serves_a_range():
    first, second = parse("a magnitude 6.8 earthquake"), parse("a 7.1-magnitude quake")
    assert first.high < second.low
    assert parse("6.8 magnitude").dimension != parse("6.8 aftershocks").dimension  # a magnitude is never a count
    assert_reads("magnitude 6.1-6.4", (6.25, 6.05, 6.45, "magnitude", "magnitude", "range"))


@pytest.mark.parametrize("text, message", [
    ("magnitude 5 years", "is a unit, and what follows the number is another"),
    ("magnitude 7 million", "is a unit, and what follows the number is another"),
    ("measured 5.9 on the Richter scale", "'measured' before the number is not a hedge"),  # the verb is the quote's
    ("an M7.1 quake", "'an M' before the number"),  # M is also million: not read
    ("magnitude 5 people", "what follows the number is another or counts something"),
    ("magnitude 10,000", "10,000 is more than 10, the largest quake magnitude"),  # no earthquake's
    ("magnitude 10.5", "10.5 is more than 10"),
    ("12 on the Richter scale", "12 is more than 10"),
    ("magnitude 5-12", "12 is more than 10"),
    ("magnitude about 7", "write a hedge before it \\('about magnitude 7'\\)"),  # never "not a hedge"
    ("magnitude -1", "'magnitude' is read as a unit only right before a number"),
    ("30 degrees", "a degree alone \\('°', 'degrees'\\) is a temperature or an angle"),  # the word written, not '°'
])
def test_a_magnitude_that_may_be_something_else_is_refused(text, message):
    with pytest.raises(FigureError, match=message):
        parse(text)


@pytest.mark.parametrize("sentence, expected", [
    ("A magnitude 7.8 earthquake struck Turkey and Syria.", [("magnitude 7.8", 7.75, 7.85, "magnitude", "exact", "")]),
    ("A 7.1-magnitude earthquake hit the region.", [("7.1-magnitude", 7.05, 7.15, "magnitude", "exact", "")]),
    ("The magnitude-6.4 quake killed 12 people.",
     [("magnitude-6.4", 6.35, 6.45, "magnitude", "exact", ""), ("12 people", 11.5, 12.5, "", "exact", "people")]),
    ("The quake measured 5.9 on the Richter scale, officials said.",
     [("5.9 on the Richter scale", 5.85, 5.95, "magnitude", "exact", "")]),
    ("A quake of magnitude 5.4 to 5.6 struck.", [("magnitude 5.4 to 5.6", 5.35, 5.65, "magnitude", "range", "")]),
    ("A loss of that magnitude 5 years ago.", [("5 years", 4.5, 5.5, "year", "exact", "")]),  # "magnitude" is the sentence's
    ("Of that magnitude 5 people died.", [("5 people", 4.5, 5.5, "", "exact", "people")]),
    ("A quake of magnitude 6 killed 5 people.",
     [("magnitude 6", 5.5, 6.5, "magnitude", "exact", ""), ("5 people", 4.5, 5.5, "", "exact", "people")]),
    ("Costs grew by an order of magnitude 3 times in a decade.", [("3 times", 2.5, 3.5, "", "exact", "times")]),
    ("A quake of similar magnitude 6 years ago.", [("6 years", 5.5, 6.5, "year", "exact", "")]),
    ("Two magnitude 5.1 quakes hit.", [("magnitude 5.1", 5.05, 5.15, "magnitude", "exact", "")]),  # never 5.1 quakes
    ("A quake of magnitude 7.1 on the Richter scale hit.",
     [("magnitude 7.1 on the Richter scale", 7.05, 7.15, "magnitude", "exact", "")]),
])
def test_an_earthquake_magnitude_is_found_in_a_sentence(sentence, expected):
    assert found(sentence) == [pytest.approx(e) for e in expected]


def test_a_magnitude_before_a_counted_noun_is_refused_never_read_as_the_count():
    """'Two magnitude 5 aftershocks' may be five aftershocks or two of magnitude 5: neither is guessed."""
    scanned = scan_all("Two magnitude 5 aftershocks hit.", everything=True)
    assert scanned.found == []
    assert "magnitude 5" in [r.text for r in scanned.refused]


def test_a_magnitude_above_the_largest_is_refused_in_a_sentence_never_found():
    scanned = scan_all("A magnitude 10,000 event was logged.", everything=True)
    assert scanned.found == []
    assert [r.text for r in scanned.refused] == ["magnitude 10,000"]


def test_two_outlets_giving_two_magnitudes_for_one_quake_conflict(cli, project):
    claims = """\
    - {id: a, source: tass, subject: quake, property: magnitude, figure: a magnitude 6.8 earthquake, kind: actual}
    - {id: b, source: reuters, subject: quake, property: magnitude, figure: a 7.1-magnitude earthquake, kind: actual}
    """
    out = cli(project({"claims/a.yaml": claims}), "conflicts").stdout
    assert out == "quake/magnitude: magnitude 6.8 (TASS, undated) vs magnitude 7.1 (Reuters, undated): +4% [perspective split]\n"
