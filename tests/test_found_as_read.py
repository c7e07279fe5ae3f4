"""Reading and finding are one grammar: a figure the field reads is found in a sentence with the same
reading, or refused there with a reason; never lost silently, never read otherwise (tests/agreement.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import agreement  # noqa: E402
import quantulum  # noqa: E402
from claimcheck.extract import scan, scan_all  # noqa: E402
from claimcheck.figures import FigureError, parse  # noqa: E402


def _found(sentence: str) -> list[tuple[str, float, str]]:
    return [(f.text, f.figure.value, f.figure.unit) for f in scan(sentence, everything=True)]


def test_the_projects_own_figures_are_found_in_sentences_as_the_field_reads_them():
    seen = agreement.disagreements(agreement.project_figures())
    assert not [d for d in seen if d[0] != "refused"], sorted(seen)


def test_quantulum3_surfaces_are_found_in_sentences_as_the_field_reads_them():
    if not quantulum.available():
        pytest.skip(quantulum.MISSING)
    seen = agreement.disagreements(agreement.shared_figures())
    assert not [d for d in seen if d[0] != "refused"], sorted(seen)


def test_the_check_notices_a_figure_lost_or_read_otherwise_in_a_sentence(monkeypatch):
    assert {finding for _, finding in agreement.findings("5 km")} == {"found"}
    monkeypatch.setattr(agreement, "scan_all", lambda sentence, everything: scan_all("", everything))
    assert {finding for _, finding in agreement.findings("5 km")} == {"missed"}
    monkeypatch.undo()
    monkeypatch.setattr(agreement, "parse", lambda text: parse("6 km"))
    assert {finding for _, finding in agreement.findings("5 km")} == {"misread"}


@pytest.mark.parametrize("sentence, expected", [
    ("The day has 3 hrs", [("3 hrs", 0.000342231348392, "year")]),
    ("After two proton beams circulated, it stopped.", [("two proton beams", 2.0, "")]),
    ("The cost rose from $350 per kg to $680 per kg", [("$350 per kg", 350.0, "USD/kg"), ("$680 per kg", 680.0, "USD/kg")]),
    ("They said 396 GW was added on Monday.", [("396 GW", 396e9, "W")]),
    ("It rose from $4-5 billion to $6-7 billion.", [("$4-5 billion", 4.5e9, "USD"), ("$6-7 billion", 6.5e9, "USD")]),
    ("Half to two-thirds of voters agreed.", [("Half to two-thirds", 58.3333333333, "%")]),
])
def test_a_figure_the_field_reads_is_found_where_a_sentence_writes_it(sentence, expected):
    assert _found(sentence) == expected


def test_pm_makes_a_time_of_day_and_hrs_a_duration():
    assert _found("It started at 9 pm.") == [] and _found("It took 9 hrs.") == [("9 hrs", 0.00102669404517, "year")]


def test_the_first_number_of_x_and_y_cases_is_refused_not_guessed():
    """'45 and 50 cases': 45 may be 45 cases or 45 of something else; shown as refused (docs/decisions.md)."""
    result = scan_all("I have seen 45 and 50 cases.", everything=True)
    assert [f.text for f in result.found] == ["50 cases"]
    assert [(r.text, "unit of the number after it" in r.reason) for r in result.refused] == [("45", True)]


def test_the_old_figure_of_from_x_to_y_a_barrel_is_refused_not_lost():
    result = scan_all("Prices rose from $50 to $70 a barrel.", everything=True)
    assert [f.text for f in result.found] == ["$70 a barrel"]
    assert [(r.text, "write the rate with both" in r.reason) for r in result.refused] == [("$50", True)]


def test_a_rate_shows_its_unit_as_written():
    from claimcheck import views

    for text, shown in [("5 km/h", "5 km/h"), ("10 l/km", "10 l/km"), ("$15.4/hour", "USD 15.4 per hour")]:
        figure = parse(text)
        assert views.human_amount(figure.value, figure.unit, (figure.written_unit, figure.written_factor)) == shown


@pytest.mark.parametrize("sentence, refused", [
    ("It was sharper than any taken since the passage of Voyager 2 in 1979", "2"),
    ("He scored 2 in 2019.", "2"),
    ("Exports hit 300 in 2021 and fell.", "300"),
])
def test_a_number_before_in_and_a_year_is_refused_not_read_as_a_share(sentence, refused):
    result = scan_all(sentence, everything=True)
    assert result.found == [] and [r.text for r in result.refused] == [refused]
    assert "may be a share" in result.refused[0].reason


def test_a_share_of_a_year_like_whole_with_what_it_counts_is_still_a_share():
    assert _found("The risk is 1 in 2000 people.") == [("1 in 2000", 0.05, "%")]


def test_a_part_larger_than_its_whole_is_no_share():
    with pytest.raises(FigureError, match="the part is more than the whole"):
        parse("5,000 in 300")


def test_a_figure_refused_for_its_hedges_is_shown_not_dropped():
    """'Some 1,000-plus people': two hedges; the '-plus' is the figure's own, not written against it."""
    result = scan_all("Some 1,000-plus people attended.", everything=True)
    assert result.found == [] and [r.text for r in result.refused] == ["Some 1,000"]
    assert "two hedges" in result.refused[0].reason


@pytest.mark.parametrize("sentence, expected", [
    ("The number of tourists fell by half.", [("fell by half", -50.0, "%")]),
    ("Output fell by half to 20 tonnes.", [("fell by half", -50.0, "%"), ("20 tonnes", 20000.0, "kg")]),
    ("Profits fell by two-thirds to $5 billion.", [("fell by two-thirds", -66.6666666667, "%"), ("$5 billion", 5e9, "USD")]),
])
def test_a_share_of_a_change_keeps_its_sign_and_is_no_range_with_an_amount(sentence, expected):
    """A share is no range's end with an amount ('two-thirds to $5 billion'); 'by half' after a verb is a change."""
    assert _found(sentence) == expected


def test_a_share_and_an_amount_make_no_range_in_a_figure_field():
    with pytest.raises(FigureError, match="different units"):
        parse("half to 20 tonnes")


@pytest.mark.parametrize("sentence", ["At 8, she moved to London.", "By 9, the room was full."])
def test_a_bare_number_after_a_capitalised_opening_word_is_left_out(sentence):
    assert _found(sentence) == []
