"""Which side is likely right (design §9): the accuracy-weighted vote with copy detection."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from claimcheck import pipeline, query, truth, views
from claimcheck.truth import Item, Outlet, weigh
from conftest import write_project

PRESS = ["a", "b", "c", "d"]
COPIERS = ["x", "y", "z"]


def outlet(ident: str, perspective: str, reference: bool = False) -> str:
    return (f"id: {ident}\nname: Outlet {ident.upper()}\nperspective: {perspective}\n"
            + ("reference: true\n" if reference else ""))


def claims_file(groups: dict[str, dict[str, int]], quotes: dict[tuple[str, str], str] | None = None) -> str:
    """A claims file: in each group (a subject) each outlet states its figure in km, in its own words unless
    `quotes` gives the words."""
    lines = []
    for subject, stated in groups.items():
        for source, km in stated.items():
            quote = (quotes or {}).get((subject, source), f"{source} put the length of {subject} at {km} km.")
            lines.append(f"- id: {subject}-{source}\n  source: {source}\n  subject: {subject}\n  property: length\n"
                         f"  figure: {km} km\n  kind: actual\n  published: 2024-01-15\n  quote: {quote}\n")
    return "\n".join(lines)


class Conflict:
    """A conflict as the tests read it: its id, subject and sides' claims."""

    def __init__(self, data: dict):
        self.id, self.subject, self.sides = data["id"], data["subject"], [side["claims"] for side in data["sides"]]


class Analysis:
    def __init__(self, reader: query.Reader):
        self.conflicts = [Conflict(record.conflict) for record in reader.each_conflict()]


def analysed(root: Path, groups: dict[str, dict[str, int]], sources: dict[str, str], quotes=None):
    """The project's conflicts and the estimate over them, as every command reads it (`query.Reader.estimate`)."""
    write_project(root, {"claims/lengths.yaml": claims_file(groups, quotes)}, sources)
    reader = query.Reader(pipeline.run(root, use_index=False))
    assert not reader.problems(), reader.problems()
    return Analysis(reader), reader.estimate()


def side_of(conflict, claim: str) -> int:
    return next(n for n, side in enumerate(conflict.sides) if claim in side)


def test_three_outlets_repeating_wrong_figures_are_outvoted_where_they_are_the_largest_side(tmp_path):
    """x, y and z repeat one another's wrong figures: where four outlets contradict them that shows, and
    where only two do, the two are still likely right, though the three are the largest side."""
    groups = {}
    for n in range(3):  # the four independent outlets against the three
        groups[f"road-{n}"] = {**{o: 100 + n for o in PRESS}, **{o: 150 + n for o in COPIERS}}
    for n, pair in enumerate(["ab", "cd", "ac", "bd"]):  # two of them against the three
        groups[f"bridge-{n}"] = {**{o: 200 + n for o in pair}, **{o: 250 + n for o in COPIERS}}
    for k, copier in enumerate(COPIERS):  # each of the three right on its own, beside one other outlet
        for n in range(4):
            groups[f"tunnel-{copier}-{n}"] = {copier: 300 + n, PRESS[(n + k) % 4]: 300 + n}
    sources = {o: outlet(o, "press") for o in PRESS} | {o: outlet(o, "blogs") for o in COPIERS}
    analysis, found = analysed(tmp_path / "p", groups, sources)

    for n, pair in enumerate(["ab", "cd", "ac", "bd"]):
        conflict = next(c for c in analysis.conflicts if c.subject == f"bridge-{n}")
        largest = max(range(len(conflict.sides)), key=lambda s: len(conflict.sides[s]))
        right = side_of(conflict, f"bridge-{n}-{pair[0]}")
        assert largest != right  # counting claims would pick the three
        likely = found.likely[conflict.id]
        assert likely.side == right and likely.probability > 0.9
        assert f"Backed by Outlet {pair[0].upper()} (about" in likely.why
        assert "Against it, counted little as repeated: Outlet Y (likely repeats Outlet X)" in likely.why
    for copier in COPIERS:
        assert set(found.outlets[copier].likely_copies) == set(COPIERS) - {copier}
        assert found.outlets[copier].accuracy.estimate < 0.5
    for press in PRESS:
        assert found.outlets[press].likely_copies == ()
        assert found.outlets[press].accuracy.estimate > 0.9


def test_an_outlet_with_two_figures_is_too_few_to_say(tmp_path):
    groups = {f"road-{n}": {"a": 100 + n, "b": 100 + n, "c": 100 + n} for n in range(5)}
    groups["road-0"]["new"] = 170
    groups["road-1"]["new"] = 101
    sources = {o: outlet(o, "press") for o in ["a", "b", "c", "new"]}
    analysis, found = analysed(tmp_path / "p", groups, sources)

    assert found.outlets["new"].accuracy == truth.Accuracy(None, None, None, 2)
    assert found.outlets["a"].accuracy.figures == 5 and found.outlets["a"].accuracy.estimate is not None
    low, estimate, high = found.outlets["a"].accuracy.low, found.outlets["a"].accuracy.estimate, found.outlets["a"].accuracy.high
    assert 0 <= low < estimate < high <= 1
    conflict = next(c for c in analysis.conflicts if c.subject == "road-0")
    assert found.likely[conflict.id].side == side_of(conflict, "road-0-a")
    assert "Outlet NEW" not in found.likely[conflict.id].why
    assert "about" in found.likely[conflict.id].why


def test_the_reason_names_an_outlet_with_too_few_figures_as_such():
    outlets = {o: Outlet(o, o.upper(), "press") for o in ["a", "b", "c", "d"]}
    items = [Item(f"g{n}", [[f"g{n}-a"], [f"g{n}-b", f"g{n}-c"]]) for n in range(2)]
    claims = {f"g{n}-{o}": o for n in range(2) for o in "abc"}
    found = weigh(items, claims, outlets)
    assert "B (2 figures, too few to say)" in found.likely["g0"].why
    assert found.outlets["d"].accuracy == truth.Accuracy(None, None, None, 0)


def test_a_reference_outlet_is_left_out_of_the_vote_and_never_down_weighted(tmp_path):
    """The official statistics stand alone against three outlets in every group: they are not outvoted into
    a poor record, they move no probability, and every reason says where they stand."""
    groups = {f"road-{n}": {"a": 100 + n, "b": 100 + n, "c": 140 + n, "stats": 140 + n} for n in range(6)}
    groups.update({f"rail-{n}": {"a": 500 + n, "b": 500 + n, "c": 500 + n} for n in range(4)})
    sources = {o: outlet(o, "press") for o in "abc"} | {"stats": outlet("stats", "official statistics", reference=True)}
    analysis, found = analysed(tmp_path / "with", groups, sources)
    without = {subject: {o: km for o, km in stated.items() if o != "stats"} for subject, stated in groups.items()}
    _, alone = analysed(tmp_path / "without", without, sources)

    assert found.outlets["stats"] == truth.OutletEstimate(None, (), True)
    for o in "abc":
        assert found.outlets[o] == alone.outlets[o]
    for conflict in analysis.conflicts:
        likely, unmoved = found.likely[conflict.id], alone.likely[conflict.id]
        assert (likely.side, likely.probability) == (unmoved.side, unmoved.probability)
        assert likely.side != side_of(conflict, f"{conflict.subject}-stats")
        assert likely.why.endswith("The reference (Outlet STATS) states another side.")


def test_outlets_that_share_an_origin_count_once(tmp_path):
    """p and q carry one quote word for word: one origin, so two independent outlets outweigh them."""
    groups = {"road-0": {"p": 100, "q": 100, "r": 120, "s": 120}}
    quotes = {("road-0", "p"): "The road is 100 km long, the ministry said.",
              ("road-0", "q"): "The road is 100 km long, the ministry said."}
    sources = {o: outlet(o, "press") for o in "pqrs"}
    analysis, found = analysed(tmp_path / "p", groups, sources, quotes)

    conflict = analysis.conflicts[0]
    likely = found.likely[conflict.id]
    assert likely.side == side_of(conflict, "road-0-r")
    assert "Outlet Q (same origin as Outlet P)" in likely.why
    assert found.outlets["p"].likely_copies == ()  # a known origin is no hidden copy


def test_nothing_can_be_said_of_a_tie_of_one_voice_or_of_outlets_without_a_record():
    outlets = {"a": Outlet("a", None, "press"), "b": Outlet("b", None, "press"), "c": Outlet("c", None, "press"),
               "stats": Outlet("stats", None, "official", reference=True)}
    items = [Item("tie", [["tie-a"], ["tie-b"]]), Item("alone", [["alone-a"], ["alone-stats"]]),
             Item("more", [["more-a"], ["more-b", "more-c"]])]
    claims = {"tie-a": "a", "tie-b": "b", "alone-a": "a", "alone-stats": "stats", "more-a": "a", "more-b": "b", "more-c": "c"}
    found = weigh(items, claims, outlets)
    assert found.likely["tie"] is None and found.likely["alone"] is None
    assert found.likely["more"].side == 1  # two outlets against one: something, though none has a record
    assert "No outlet here has a record yet (5 figures): the chance rests on how many independent outlets" \
        in found.likely["more"].why  # and the reason says what its chance rests on

    # b has lost once more than a, which is no record: the accuracies differ, the suggestion would be a guess
    items.append(Item("again", [["again-a", "again-c"], ["again-b"]]))
    claims.update({"again-a": "a", "again-c": "c", "again-b": "b"})
    found = weigh(items, claims, outlets)
    assert found.outlets["a"].accuracy.estimate is None and found.likely["tie"] is None


@pytest.mark.parametrize("probability, shown", [(0.999, "over 99%"), (1.0, "100%"), (0.5, "50%"), (0.004, "under 1%")])
def test_a_probability_is_never_shown_as_a_certainty_it_is_not(probability, shown):
    assert views.chance(probability) == shown


def test_a_likely_side_backed_by_many_against_one_is_over_99_percent_never_100():
    """A newcomer's try: three independent outlets against one, none with a record, read "likely right: USD 68.7
    billion (100%)": the probability was rounded to three places before `views.chance` could say "over 99%".
    Five against one, alone, rounds so."""
    outlets = {o: Outlet(o, o.upper(), "press") for o in "abcdez"}
    items = [Item("deal", [[f"deal-{o}" for o in "abcde"], ["deal-z"]])]
    found = weigh(items, {f"deal-{o}": o for o in "abcdez"}, outlets)
    likely = found.likely["deal"]
    assert likely.side == 0 and 0.99 < likely.probability < 1.0
    assert views.chance(likely.probability) == "over 99%"


def test_the_same_input_gives_the_same_output():
    outlets = {o: Outlet(o, o.upper(), "press" if o in "abc" else "blogs") for o in "abcxyz"}
    items, claims = [], {}
    for n in range(12):
        sides = [["abc"[n % 3], "xyz"[n % 3]], ["abc"[(n + 1) % 3]], ["xyz"[(n + 2) % 3], "abc"[(n + 2) % 3]]]
        items.append(Item(f"g{n}", [[f"g{n}-{o}" for o in side] for side in sides]))
        claims.update({f"g{n}-{o}": o for side in sides for o in side})
    first = weigh(items, claims, outlets)
    assert weigh(items, claims, outlets) == first
    shuffled = weigh(items, dict(reversed(list(claims.items()))), dict(reversed(list(outlets.items()))))
    assert shuffled == first
    assert list(first.outlets) == sorted(outlets)


def test_an_empty_project_gives_an_empty_estimate():
    found = weigh([], {}, {"a": Outlet("a", None, "press")})
    assert found.likely == {} and found.outlets["a"].accuracy == truth.Accuracy(None, None, None, 0)


def test_a_project_whose_only_side_of_several_outlets_is_one_origin_is_weighed():
    """Every pair of outlets on one side shares an origin, so no pair is left to weigh for copying: this raised
    an IndexError in every command that shows the likely side."""
    outlets = {o: Outlet(o, o.upper(), "press") for o in "abc"}
    items = [Item("g", [["g-a", "g-b"], ["g-c"]], shared=[["g-a", "g-b"]])]
    found = weigh(items, {"g-a": "a", "g-b": "b", "g-c": "c"}, outlets)
    assert found.likely["g"] is None  # one origin against one outlet: nothing can be said


# --- what people see: the conflicts, the report, the outlets and a review (design §9) -------------------------


@pytest.fixture
def voted(tmp_path):
    """Four press outlets that agree in five groups and one, 'lone', that stands apart in four of them: in a sixth
    group, a and b say 300 km, c and lone 310 km."""
    groups = {f"road-{n}": {"a": 100 + n, "b": 100 + n, "c": 100 + n, "d": 100 + n, "lone": 150 + n if n < 4 else 100 + n}
              for n in range(5)}
    groups["bridge"] = {"a": 300, "b": 300, "d": 300, "lone": 310}
    sources = {o: outlet(o, "press") for o in ["a", "b", "c", "d", "lone"]}
    root = tmp_path / "p"
    write_project(root, {"claims/lengths.yaml": claims_file(groups)}, sources)
    return root


def test_every_output_shows_the_likely_side_with_its_probability_and_why(cli, voted):
    listed = {c["id"]: c for c in json.loads(cli(voted, "conflicts", "--format", "json").stdout)["conflicts"]}
    bridge = listed["bridge/length"]
    likely = bridge["likely"]
    assert set(likely) == {"side", "probability", "why"} and likely["probability"] > 0.5
    assert bridge["sides"][likely["side"]]["claims"] == ["bridge-a", "bridge-b", "bridge-d"]
    assert "Backed by Outlet A" in likely["why"]
    lines = cli(voted, "conflicts").stdout.splitlines()
    assert lines[0].startswith("bridge/length: 300 km")
    assert lines[1] == f"    likely right: 300 km ({views.chance(likely['probability'])}). {likely['why']}"
    report = json.loads(cli(voted, "report", "--format", "json").stdout)
    assert next(c for c in report["conflicts"] if c["id"] == "bridge/length")["likely"] == likely
    markdown = cli(voted, "report").stdout
    assert "| 1: 300 km (3 outlets, 3 origins) (likely right) |" in markdown
    assert "- Likely right: 300 km" in markdown
    html = cli(voted, "report", "--format", "html").stdout
    assert '<div class="side likely">' in html and "<li class=\"likely-why\">Likely right: 300 km (" in html


def test_outlets_show_their_accuracy_and_sort_by_it(cli, voted):
    rows = json.loads(cli(voted, "outlets", "--sort", "accuracy", "--format", "json").stdout)["outlets"]
    assert rows[-1]["id"] == "lone"  # the least accurate last
    assert all(set(row["accuracy"]) == {"estimate", "low", "high", "figures"} for row in rows)
    lone = rows[-1]["accuracy"]
    assert lone["figures"] == 6 and lone["low"] < lone["estimate"] < lone["high"] < rows[0]["accuracy"]["estimate"]
    table = cli(voted, "outlets", "--sort", "accuracy").stdout
    assert f"{lone['estimate']:.0%} ({lone['low']:.0%}–{lone['high']:.0%}, 6 figures)" in table
    assert cli(voted, "outlets", "--sort", "size").exit_code == 2


def test_accepting_the_likely_side_writes_the_review_it_names(cli, voted):
    likely = next(c for c in json.loads(cli(voted, "conflicts", "--format", "json").stdout)["conflicts"]
                  if c["id"] == "bridge/length")["likely"]
    result = cli(voted, "review", "bridge/length", "--accept-likely")
    assert result.exit_code == 0, result.output
    [review] = yaml.safe_load((voted / "claims/reviews.yaml").read_text())
    assert review["status"] == "resolved" and review["preferred"] == ["bridge-a", "bridge-b", "bridge-d"]
    assert review["note"] == likely["why"] and review["claims"] == sorted(["bridge-a", "bridge-b", "bridge-d", "bridge-lone"])
    refused = cli(voted, "review", "bridge/length", "--accept-likely", "--prefer", "bridge-lone")
    assert refused.exit_code == 2 and "give no --status other than resolved and no --prefer" in refused.output


def test_accepting_a_likely_side_where_nothing_can_be_said_is_refused(cli, tmp_path):
    from conftest import REPO

    root = tmp_path / "copy"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".claimcheck", ".venv", "__pycache__"))
    before = (root / "claims/reviews.yaml").read_bytes()
    refused = cli(root, "review", "gazprom-cnpc-gas-deal/duration", "--accept-likely")
    assert refused.exit_code == 2 and "no side is likely right" in refused.output
    assert (root / "claims/reviews.yaml").read_bytes() == before
