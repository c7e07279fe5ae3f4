"""Reviews pin the claims they saw (design section 3), the review command, and minor gaps."""

from __future__ import annotations

import json
import shutil

from conftest import REPO, snapshot

TWO = ("- {id: a, source: tass, subject: gas, property: p, figure: $5 billion, kind: actual}\n"
       "- {id: b, source: reuters, subject: gas, property: p, figure: $7 billion, kind: actual}\n")


def bundled(tmp_path):
    root = tmp_path / "corpus"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_review_then_a_new_claim_opens_the_conflict_again_until_reviewed_again(cli, tmp_path):
    root = bundled(tmp_path)
    for conflict in json.loads(cli(root, "conflicts", "--all", "-f", "json").stdout)["conflicts"]:
        assert cli(root, "review", conflict["id"], "--status", "explained", "--note", "checked").exit_code == 0
    assert cli(root, "check").exit_code == 0
    added = cli(root, "add", "--source", "the-diplomat", "--subject", "currency-swap-2014", "--property", "value",
                "--figure", "1 trillion yuan", "--as-of", "2014-10-13", "--id", "swap-trillion")
    assert added.exit_code == 0, added.output
    stale = cli(root, "check")
    assert stale.exit_code == 1
    assert "[review stale: joined swap-trillion since it was marked explained]" in stale.stdout
    swap = next(c for c in json.loads(cli(root, "conflicts", "-f", "json").stdout)["conflicts"] if c["id"] == "currency-swap-2014/value")
    assert swap["status"] == "open"
    assert swap["stale_review"] == {"status": "explained", "reviewed": swap["stale_review"]["reviewed"], "joined": ["swap-trillion"],
                                    "left": [], "text": "joined swap-trillion since it was marked explained"}
    assert cli(root, "review", "currency-swap-2014/value", "--status", "disputed", "--note", "the trillion is a typo").exit_code == 0
    assert cli(root, "check").exit_code == 0


def test_review_keeps_the_file_comments_and_replaces_only_its_own_block(cli, project):
    reviews = "# decisions, by hand\n- conflict: other/p\n  status: explained\n  note: kept as written   # a comment\n"
    root = project({"claims/a.yaml": TWO + "- {id: c, source: tass, subject: other, property: p, figure: 1 km, kind: actual}\n"
                                           "- {id: d, source: reuters, subject: other, property: p, figure: 9 km, kind: actual}\n",
                    "claims/reviews.yaml": reviews})
    assert cli(root, "review", "gas/p", "--status", "resolved", "--prefer", "b", "--note", "b is the signed figure").exit_code == 0
    text = (root / "claims/reviews.yaml").read_text()
    assert text.startswith(reviews)
    assert "- conflict: gas/p\n  status: resolved\n" in text and "  claims: [a, b]\n  preferred: [b]\n" in text
    assert cli(root, "review", "gas/p", "--status", "disputed", "--note", "not settled").exit_code == 0
    text = (root / "claims/reviews.yaml").read_text()
    assert text.startswith(reviews) and text.count("conflict: gas/p") == 1 and "status: disputed" in text


def test_review_refuses_what_it_cannot_record_and_writes_nothing(cli, project):
    root = project({"claims/a.yaml": TWO})
    before = snapshot(root)
    cases = [(["gas/q", "--status", "explained", "--note", "x"], "no conflict 'gas/q'; did you mean 'gas/p'?"),
             (["gas/p", "--status", "resolved", "--note", "x"], "--status resolved needs --prefer"),
             (["gas/p", "--status", "resolved", "--prefer", "z", "--note", "x"], "--prefer z: not in gas/p"),
             (["gas/p", "--status", "settled", "--note", "x"], "--status 'settled': use one of explained, resolved, disputed")]
    for args, message in cases:
        result = cli(root, "review", *args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.output)
    assert snapshot(root) == before


def test_two_reviews_of_one_conflict_are_a_problem(cli, project):
    reviews = ("- {conflict: gas/p, status: explained, claims: [a, b]}\n"
               "- {conflict: gas/p, status: disputed, claims: [a, b]}\n")
    root = project({"claims/a.yaml": TWO, "claims/reviews.yaml": reviews})
    result = cli(root, "validate")
    assert result.exit_code == 2
    assert "claims/reviews.yaml:2: review of 'gas/p': this conflict is already reviewed at claims/reviews.yaml:1; keep one review" in result.stdout


def test_a_review_without_its_claims_covers_those_held_now_and_strict_asks_for_them(cli, project):
    root = project({"claims/a.yaml": TWO, "claims/reviews.yaml": "- {conflict: gas/p, status: explained}\n"})
    assert cli(root, "check").exit_code == 0
    strict = cli(root, "validate", "--strict")
    assert "review of 'gas/p' does not list the claims it covered" in strict.stdout


def test_a_claim_leaving_a_reviewed_conflict_makes_the_review_stale(cli, project):
    three = TWO + "- {id: c, source: tass, subject: gas, property: p, figure: $9 billion, kind: actual}\n"
    root = project({"claims/a.yaml": three, "claims/reviews.yaml": "- {conflict: gas/p, status: explained, claims: [a, b, c, z]}\n"})
    conflict = json.loads(cli(root, "conflicts", "-f", "json").stdout)["conflicts"][0]
    assert conflict["stale_review"]["left"] == ["z"] and conflict["status"] == "open"
    assert "review stale: left z since it was marked explained" in cli(root, "report", "-f", "md").stdout


def test_minor_gaps_are_listed_and_labelled_but_never_fail_check(cli, project):
    claims = TWO + ("- {id: c, source: tass, subject: oil, property: p, figure: 100 bcm, kind: actual}\n"
                    "- {id: d, source: reuters, subject: oil, property: p, figure: 102 bcm, kind: actual}\n")
    root = project({"claims/a.yaml": claims, "claimcheck.yaml": "min_spread: 0.05\n"})
    result = cli(root, "check")
    assert result.exit_code == 1  # gas/p: $5 vs $7 billion is 40%
    oil = next(line for line in result.stdout.splitlines() if line.startswith("oil/p"))
    assert oil.startswith("oil/p: 100 bcm (TASS, undated) vs 102 bcm (Reuters, undated): +2%") and "[minor]" in oil
    assert "(2 open, 1 of them minor, 0 reviewed)" in result.stdout
    by_id = {c["id"]: c for c in json.loads(cli(root, "conflicts", "-f", "json").stdout)["conflicts"]}
    assert by_id["oil/p"]["minor"] is True and by_id["gas/p"]["minor"] is False
    assert cli(root, "review", "gas/p", "--status", "explained", "--note", "x").exit_code == 0
    assert cli(root, "check").exit_code == 0


def test_a_stale_review_shows_the_status_it_gave_in_the_report(cli, project):
    three = TWO + "- {id: c, source: reuters, subject: gas, property: p, figure: $9 billion, kind: actual}\n"
    review = "- {conflict: gas/p, status: explained, claims: [a, b], note: fine, reviewed: 2024-01-01}\n"
    root = project({"claims/a.yaml": three, "claims/reviews.yaml": review})
    assert "- Review (explained, stale, 2024-01-01): fine" in cli(root, "report", "-f", "md").stdout
    assert "<li>Review (explained, stale, 2024-01-01): fine</li>" in cli(root, "report", "-f", "html").stdout
    stale = json.loads(cli(root, "report", "-f", "json").stdout)["conflicts"][0]["stale_review"]
    assert (stale["joined"], stale["left"], stale["status"]) == (["c"], [], "explained")


def test_edited_reviews_and_settings_give_what_a_run_without_the_cache_gives(project):
    from claimcheck import pipeline, query

    def seen(index) -> list:
        reader = query.Reader(index)
        return [(c.conflict["id"], c.conflict["status"], c.conflict["minor"], c.conflict["stale_review"]) for c in reader.conflicts()] \
            + [str(p) for p in reader.problems()]

    claims = TWO + ("- {id: c, source: tass, subject: oil, property: p, figure: 100 bcm, kind: actual}\n"
                    "- {id: d, source: reuters, subject: oil, property: p, figure: 102 bcm, kind: actual}\n")
    root = project({"claims/a.yaml": claims})
    edits = [("claims/reviews.yaml", "- {conflict: gas/p, status: explained, claims: [a, b]}\n"),
             ("claimcheck.yaml", "min_spread: 0.05\n"),
             ("claims/reviews.yaml", "- {conflict: gas/p, status: explained, claims: [a]}\n"),
             ("claims/reviews.yaml", "- {conflict: gas/p, status: explained}\n- {conflict: gas/p, status: disputed}\n"),
             ("claimcheck.yaml", "min_spread: 0\n")]
    pipeline.run(root)
    for path, text in edits:
        (root / path).write_text(text)
        assert seen(pipeline.run(root)) == seen(pipeline.run(root, use_index=False)), (path, text)
    assert seen(pipeline.run(root))[0][1:] == ("explained", False, None)
