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
])
def test_a_vague_magnitude_that_may_mean_something_else_is_refused(text, message):
    with pytest.raises(FigureError, match=message):
        parse(text)


def test_a_vague_magnitude_joined_to_a_unit_is_not_found_in_a_sentence():
    assert found("They felled a few hundred-year-old trees.") == []


def test_several_hundred_agrees_with_a_figure_inside_it_and_not_with_one_outside():
    several = parse("several hundred people")
    assert several.low <= parse("700 people").value < several.high
    assert not several.low <= parse("1,200 people").value < several.high
    assert_reads("a few thousand", (4472.13595499958, 2e3, 1e4, "", "count", "vague"))


@pytest.mark.parametrize("sentence, refused", [
    ("It will last at least several hundred years.", "at least several hundred"),
    ("Up to tens of thousands came.", "Up to tens of thousands"),  # never "thousands" without its "tens of"
])
def test_a_hedged_vague_magnitude_in_a_sentence_is_refused_whole_never_found_without_its_hedge(sentence, refused):
    scanned = scan_all(sentence, everything=True)
    assert scanned.found == []
    assert [(r.text, "cannot also be" in r.reason) for r in scanned.refused] == [(refused, True)]
