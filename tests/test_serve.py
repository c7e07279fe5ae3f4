"""`claimcheck serve`: pages, reviews from the browser, and what the server refuses (design §8)."""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from claimcheck import query, web
from conftest import REPO, snapshot, write_project

ORIGIN = "http://127.0.0.1:8000"
SWAP = "currency-swap-2014/value"


def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled corpus to write reviews into."""
    root = tmp_path / "corpus"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def client(root: Path) -> TestClient:
    return TestClient(web.app(root, token="session-token"), base_url=ORIGIN)


def review_form(page: str) -> dict[str, list[str]]:
    """The hidden fields of the review form, as the page gave them (token, digest, the claims shown)."""
    fields: dict[str, list[str]] = {}
    form = page[page.index('<form class="review"'):]
    for hidden in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form[:form.index("</form>")]):
        fields.setdefault(hidden[0], []).append(html.unescape(hidden[1]))
    return fields


def post(http: TestClient, conflict: str, fields: dict, origin: str | None = ORIGIN):
    headers = {"content-type": "application/x-www-form-urlencoded", **({"origin": origin} if origin else {})}
    from urllib.parse import urlencode

    return http.post(f"/conflicts/{conflict}", content=urlencode(fields, doseq=True), headers=headers, follow_redirects=False)


def statuses(cli, root: Path) -> dict[str, str]:
    conflicts = json.loads(cli(root, "conflicts", "--all", "--format", "json").stdout)["conflicts"]
    return {c["id"]: c["status"] for c in conflicts}


def test_the_overview_counts_in_the_words_check_uses(tmp_path):
    """'1 agreements', '1 open conflicts': the counts are worded as `check`'s summary words them (views.count)."""
    root = write_project(tmp_path / "p", {"claims/a.yaml": """
        - {id: a1, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}
        - {id: a2, source: reuters, subject: s, property: p, figure: $9 billion, kind: actual}
        - {id: b1, source: tass, subject: t, property: p, figure: $5 billion, kind: actual}
        - {id: b2, source: reuters, subject: t, property: p, figure: $5 billion, kind: actual}
        """})
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client(root).get("/").text))
    assert "1 open conflict " in page and "1 agreeing group " in page and "2 outlets" in page


def test_every_page_renders_the_bundled_corpus(tmp_path):
    http = client(bundled(tmp_path))
    assert "open conflicts" in http.get("/").text
    listing = http.get("/conflicts?status=all").text
    assert f'href="/conflicts/{SWAP}"' in listing and "CNY 123.41 billion" in listing
    page = http.get(f"/conflicts/{SWAP}").text
    for shown in ("150 billion yuan", "815 billion rubles", "The Diplomat", '<svg class="chart"', "Conversion:", "Record a review"):
        assert shown in page
    assert "The Diplomat" in http.get("/outlets").text
    assert "currency-swap-rubles-diplomat-2016" in http.get("/outlets/the-diplomat").text
    assert "gas-deal-value-digest-2014" in http.get("/claims?q=natural%20gas").text
    claim = http.get("/claims/currency-swap-rubles-diplomat-2016").text
    for shown in ("815 billion rubles", "RUB 814.5 billion to RUB 815.5 billion", "claims/seed-003-the-diplomat-2016.yaml:", SWAP):
        assert shown in claim
    assert http.get("/conflicts/no/such/thing").status_code == 404


def test_every_response_carries_a_content_security_policy(tmp_path):
    http = client(bundled(tmp_path))
    for url in ("/", "/conflicts", f"/conflicts/{SWAP}", "/style.css", "/app.js", "/nowhere"):
        policy = http.get(url).headers.get("content-security-policy", "")
        assert "default-src 'none'" in policy and "script-src 'self'" in policy, url


def test_the_conflict_filters_keep_what_the_command_keeps(cli, tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    for wanted, options in [("status=all&outlet=the-diplomat", ["--outlet", "the-diplomat"]),
                           ("status=all&perspective=Western+analysis", ["--perspective", "Western analysis"]),
                           ("status=all&subject=china-russia-trade", ["--subject", "china-russia-trade"]),
                           ("status=all&since=2016&until=2016", ["--since", "2016", "--until", "2016"])]:
        page = http.get(f"/conflicts?{wanted}").text
        shown = {part.split('"', 1)[0] for part in page.split('<h3><a href="/conflicts/')[1:]}
        listed = json.loads(cli(root, "conflicts", "--all", *options, "--format", "json").stdout)["conflicts"]
        assert shown == {c["id"] for c in listed} and shown, wanted


def test_a_review_from_the_browser_form_is_what_the_command_reports(cli, tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    fields = review_form(http.get(f"/conflicts/{SWAP}").text)
    answer = post(http, SWAP, {**fields, "status": "disputed", "note": "the rate is contested"})
    assert answer.status_code == 303 and answer.headers["location"] == f"/conflicts/{SWAP}?recorded=1"
    assert statuses(cli, root)[SWAP] == "disputed"
    reviews = (root / "claims/reviews.yaml").read_text(encoding="utf-8")
    assert "# " in reviews.split("conflict: currency-swap-2014/value")[0]  # the file's comments are kept
    assert "Review recorded" in http.get(f"/conflicts/{SWAP}?recorded=1").text


def test_a_form_whose_review_changed_since_gets_409_with_what_was_typed_and_writes_nothing(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    fields = review_form(http.get(f"/conflicts/{SWAP}").text)
    mine = review_form(http.get(f"/conflicts/{SWAP}").text)
    assert post(http, SWAP, {**fields, "status": "explained", "note": "a colleague's reading"}).status_code == 303
    before = snapshot(root)
    answer = post(http, SWAP, {**mine, "status": "disputed", "note": "my own careful note"})
    assert answer.status_code == 409 and "someone recorded a review of this conflict since you opened" in answer.text
    assert ">my own careful note</textarea>" in answer.text  # what was typed comes back
    assert 'value="disputed" checked' in answer.text and "a colleague&#39;s reading" in answer.text  # and the review now
    assert snapshot(root) == before
    again = post(http, SWAP, {**review_form(answer.text), "status": "disputed", "note": "my own careful note"})
    assert again.status_code == 303  # the form that came back records, once the person has seen the review now


def test_a_review_of_another_conflict_or_a_comment_does_not_refuse_an_open_form(cli, tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    other = next(c for c in statuses(cli, root) if c != SWAP)
    fields = review_form(http.get(f"/conflicts/{SWAP}").text)
    assert post(http, other, {**review_form(http.get(f"/conflicts/{other}").text), "status": "disputed", "note": "x"}).status_code == 303
    with open(root / "claims/reviews.yaml", "a", encoding="utf-8") as reviews:
        reviews.write("# someone else was here\n")
    assert post(http, SWAP, {**fields, "status": "disputed", "note": "mine"}).status_code == 303
    assert statuses(cli, root)[SWAP] == statuses(cli, root)[other] == "disputed"
    assert (root / "claims/reviews.yaml").read_text().count("# someone else was here\n") == 1


@pytest.mark.parametrize("fields, origin", [
    ({"token": ""}, ORIGIN),  # no token
    ({"token": "another-session"}, ORIGIN),
    ({}, "http://evil.example"),  # a foreign site's form
    ({}, None),  # no Origin and no Referer
])
def test_a_post_without_the_token_or_from_elsewhere_is_refused_and_writes_nothing(tmp_path, fields, origin):
    root = bundled(tmp_path)
    http = client(root)
    form = {**review_form(http.get(f"/conflicts/{SWAP}").text), "status": "disputed", "note": "x", **fields}
    before = snapshot(root)
    assert post(http, SWAP, form, origin).status_code == 403
    assert snapshot(root) == before


def test_another_host_name_is_refused(tmp_path):
    http = TestClient(web.app(bundled(tmp_path)), base_url="http://attacker.example:8000")
    assert http.get("/").status_code == 400  # a DNS-rebinding page cannot read the project


def test_a_bad_review_is_refused_with_its_reason(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    fields = review_form(http.get(f"/conflicts/{SWAP}").text)
    before = snapshot(root)
    answer = post(http, SWAP, {**fields, "status": "resolved", "note": "x"})
    assert answer.status_code == 400 and "“Status” resolved needs a claim ticked under “Claims you hold right”" in answer.text
    assert "--" not in answer.text.split('role="alert">', 1)[1].split("<", 1)[0]  # the page's words, not the command line's
    assert snapshot(root) == before


HOSTILE = {
    "sources/evil.yaml": "id: evil\nname: '<script>alert(1)</script>'\nperspective: '<img src=x onerror=alert(2)>'\n"
                         "url: 'javascript:alert(3)'\n",
    "claims/a.yaml": """
        - {id: c1, source: evil, subject: deal, property: value, figure: $5 billion, kind: actual,
           url: 'javascript:alert(4)', quote: '<b onclick=alert(5)>five</b>'}
        - {id: c2, source: tass, subject: deal, property: value, figure: $9 billion, kind: actual}
    """,
}


def test_text_from_sources_is_escaped_and_only_http_links_are_made(tmp_path):
    http = client(write_project(tmp_path / "p", HOSTILE))
    pages = [http.get(url).text for url in ("/conflicts", "/conflicts/deal/value", "/outlets", "/outlets/evil", "/claims", "/claims/c1")]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page and "<b onclick" not in page
        assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[1]


def settled(http: TestClient, url: str) -> str:
    """The page once it is no longer marked as updating (each load waits a moment for the update)."""
    for _ in range(100):
        page = http.get(url).text
        if "Updating:" not in page:
            return page
    raise AssertionError(f"{url} was still updating")


def test_an_edit_made_in_an_editor_shows_once_it_is_indexed(tmp_path):
    root = write_project(tmp_path / "p", {"claims/a.yaml": """
        - {id: c1, source: tass, subject: deal, property: value, figure: $5 billion, kind: actual}
        - {id: c2, source: reuters, subject: deal, property: value, figure: $9 billion, kind: actual}
    """})
    http = client(root)
    assert "USD 9 billion" in http.get("/conflicts").text
    text = (root / "claims/a.yaml").read_text().replace("$9 billion", "$12 billion")
    (root / "claims/a.yaml").write_text(text)
    page = settled(http, "/conflicts")  # a small edit is in within the page's wait; a large one shows on a later load
    assert "USD 12 billion" in page and "USD 9 billion" not in page


def test_pages_answer_from_the_last_state_while_a_change_is_indexed(tmp_path, monkeypatch):
    import threading

    from claimcheck import pipeline

    root = write_project(tmp_path / "p", {"claims/a.yaml": """
        - {id: c1, source: tass, subject: deal, property: value, figure: $5 billion, kind: actual}
        - {id: c2, source: reuters, subject: deal, property: value, figure: $9 billion, kind: actual}
    """})
    http = client(root)
    indexing, done = threading.Event(), threading.Event()
    run = pipeline.run

    def slow_run(*args, **kwargs):  # the update in the background waits until the pages are seen
        indexing.set()
        done.wait(30)
        return run(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run", slow_run)
    (root / "claims/a.yaml").write_text((root / "claims/a.yaml").read_text().replace("$9 billion", "$12 billion"))
    page = http.get("/conflicts").text
    assert indexing.is_set()
    assert "Updating: the files changed on disk" in page and "USD 9 billion" in page  # the last committed state
    assert "Updating:" in http.get("/claims/c2").text
    done.set()
    assert "USD 12 billion" in settled(http, "/conflicts")
def test_a_claim_page_shows_its_file_history_in_a_git_repository(tmp_path):
    import subprocess

    root = write_project(tmp_path / "p", {"claims/a.yaml": "- {id: c1, source: tass, subject: d, property: v, figure: 5 km, kind: actual}\n"})
    git = ["git", "-C", str(root), "-c", "user.name=Ann Analyst", "-c", "user.email=ann@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "First figures from TASS"], check=True)
    page = client(root).get("/claims/c1").text
    assert "Ann Analyst: First figures from TASS" in page


SCOPED = """
    - {id: a, source: tass, subject: trade, property: value, scope: 'north#x', figure: $5 billion, kind: actual}
    - {id: b, source: reuters, subject: trade, property: value, scope: 'north#x', figure: $9 billion, kind: actual}
    - {id: c, source: tass, subject: trade, property: value, scope: north, figure: $5 billion, kind: actual}
    - {id: d, source: reuters, subject: trade, property: value, scope: north, figure: $9 billion, kind: actual}
"""


def test_a_conflict_id_with_url_characters_is_reviewed_as_itself(cli, tmp_path):
    root = write_project(tmp_path / "p", {"claims/a.yaml": SCOPED})
    http = client(root)
    listing = http.get("/conflicts").text
    assert 'href="/conflicts/trade/value/north%23x"' in listing
    page = http.get("/conflicts/trade/value/north%23x").text
    assert 'action="/conflicts/trade/value/north%23x"' in page
    answer = post(http, "trade/value/north%23x", {**review_form(page), "status": "disputed", "note": "x"})
    assert answer.headers["location"] == "/conflicts/trade/value/north%23x?recorded=1"
    assert statuses(cli, root) == {"trade/value/north#x": "disputed", "trade/value/north": "open"}


def test_a_conflict_that_gained_a_claim_since_the_page_is_not_reviewed(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    fields = review_form(http.get(f"/conflicts/{SWAP}").text)
    extra = "- {id: joined, source: sputnik, subject: currency-swap-2014, property: value, figure: 100 billion yuan, kind: actual}\n"
    (root / "claims/joined.yaml").write_text(extra)
    before = snapshot(root)
    answer = post(http, SWAP, {**fields, "status": "disputed", "note": "x"})
    assert answer.status_code == 409 and "claims joined or left this conflict" in answer.text and "Joined: joined." in answer.text
    assert snapshot(root) == before


def test_an_editor_saving_the_reviews_during_the_check_wins_and_the_form_gets_409(tmp_path, monkeypatch):
    from claimcheck import pipeline

    root = bundled(tmp_path)
    http = client(root)
    fields = review_form(http.get(f"/conflicts/{SWAP}").text)
    analyse = pipeline.analyse

    def editor_saves_meanwhile(project, *args, **kwargs):
        with open(root / "claims/reviews.yaml", "a", encoding="utf-8") as reviews:
            reviews.write("# saved in an editor while the review was being checked\n")
        return analyse(project, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", editor_saves_meanwhile)
    answer = post(http, SWAP, {**fields, "status": "disputed", "note": "x"})
    assert answer.status_code == 409
    assert (root / "claims/reviews.yaml").read_text().endswith("# saved in an editor while the review was being checked\n")


def test_the_likely_side_is_marked_and_its_button_records_the_review_it_names(cli, tmp_path):
    """Design §9 in the browser: the side likely right is marked with its reasons, and the button beside them
    records 'resolved' preferring that side's claims, with the reasons as the note, as review --accept-likely does."""
    root = bundled(tmp_path)
    likely = next(c for c in json.loads(cli(root, "conflicts", "--all", "--format", "json").stdout)["conflicts"]
                  if c["id"] == SWAP)["likely"]
    assert likely is not None
    http = client(root)
    page = http.get(f"/conflicts/{SWAP}").text
    assert page.count('<div class="likely-mark">likely right</div>') == 1
    button = page[page.index('<div class="likely-why">'):]
    button = button[:button.index("</form>")]
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', button):
        fields.setdefault(name, []).append(html.unescape(value))
    assert fields["accept_likely"] == ["1"]
    answer = post(http, SWAP, fields)
    assert answer.status_code == 303, answer.text
    recorded = next(r for r in yaml.safe_load((root / "claims/reviews.yaml").read_text()) if r["conflict"] == SWAP)
    side = json.loads(cli(root, "conflicts", "--all", "--format", "json").stdout)["conflicts"]
    assert recorded["status"] == "resolved" and recorded["note"] == likely["why"]
    assert sorted(recorded["preferred"]) == sorted(next(c for c in side if c["id"] == SWAP)["sides"][likely["side"]]["claims"])


def test_the_outlets_page_shows_each_outlets_accuracy(tmp_path):
    page = client(bundled(tmp_path)).get("/outlets").text
    assert "<th>Accuracy</th>" in page and "too few to say (3 figures)" in page and ">reference</td>" in page


def test_after_a_change_on_disk_pages_say_the_likely_sides_are_being_estimated_and_never_weigh_them(tmp_path, monkeypatch):
    """Design §6a: the update in the background commits the change alone and makes the likely sides (design §9)
    after, in a process of its own, so a write posted meanwhile waits only for the change; until they are kept a
    page says they are being estimated again, and never weighs them itself (seconds at 100,000 claims)."""
    from claimcheck import truth

    root = bundled(tmp_path)
    http = client(root)
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")
    settled(http, "/conflicts")
    monkeypatch.setattr(truth, "weigh", lambda *args: pytest.fail("a page weighed the likely sides"))
    deadline = time.monotonic() + 60
    while "likely right" not in (page := http.get(f"/conflicts/{SWAP}").text):
        assert "The likely side is being estimated again after a change" in page
        outlets = http.get("/outlets").text
        assert "Accuracy and likely copies: being estimated again after a change" in outlets or "too few to say" in outlets
        assert time.monotonic() < deadline, "the likely sides were never made again"
        time.sleep(0.1)
    assert "too few to say (4 figures)" in http.get("/outlets").text


def test_while_the_likely_sides_are_made_again_the_pages_say_so(tmp_path, monkeypatch):
    from claimcheck import pipeline, truth

    root = bundled(tmp_path)
    site = web.Site(root)
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")
    pipeline.run(root).close()  # the change committed, its likely sides not yet made
    monkeypatch.setattr(truth, "weigh", lambda *args: pytest.fail("a page weighed the likely sides"))
    reader = site.reader()
    rows = {row["id"]: row for row in web.outlet_list(reader, estimating=True)[0]}
    assert rows["the-diplomat"]["accuracy"] == "" and rows["china-customs"]["accuracy"] == "reference"
    assert web.conflict_page(reader, SWAP, estimating=True)["estimating"] == "being estimated again after a change"
    reader.index.close()


def test_an_update_keeps_the_outlets_rows_before_any_page_asks_and_leaves_the_likely_sides_to_the_maker(tmp_path, monkeypatch):
    """The update of a change on disk keeps the outlets' rows right after its commit (a page that made them while
    the likely sides were made took over a second at 100,000 claims), and leaves the likely sides to the maker."""
    from claimcheck.index import Index

    root = bundled(tmp_path)
    site = web.Site(root)
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")
    makers = []
    monkeypatch.setattr(site, "_make_ahead", lambda: makers.append(True))
    site._refresh(apart=True)
    index = Index.open(root)
    try:
        assert index.kept("outlets") is not None
        assert index.kept("likely") is None and makers == [True]
        assert web.conflict_page(query.Reader(index), SWAP, estimating=True)["estimating"]
    finally:
        index.close()


def test_a_review_leaves_the_likely_sides_shown_while_they_are_made_again(tmp_path, monkeypatch):
    """A review changes nothing the estimate reads, so the page that follows a review recorded shows the likely
    side at once (the maker a write starts finds them kept), not "being estimated again"; a claim changed does."""
    from claimcheck import pipeline, truth
    from claimcheck.index import Index

    root = bundled(tmp_path)
    pipeline.run(root, then=query.keep_ahead).close()
    reviews = root / "claims/reviews.yaml"
    reviews.write_text(reviews.read_text(encoding="utf-8").replace("status: explained", "status: disputed"), encoding="utf-8")
    pipeline.run(root).close()
    monkeypatch.setattr(truth, "weigh", lambda *args: pytest.fail("a page weighed the likely sides"))
    reader = query.Reader(Index.open(root))
    page = web.conflict_page(reader, SWAP, estimating=True)
    reader.index.close()
    assert page["estimating"] is None and page["conflict"]["likely"] is not None
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")
    pipeline.run(root).close()
    reader = query.Reader(Index.open(root))
    assert web.conflict_page(reader, SWAP, estimating=True)["estimating"]
    reader.index.close()


def test_after_a_write_the_likely_sides_are_made_in_a_process_of_their_own_and_no_page_weighs_them(tmp_path, monkeypatch):
    """After a write from the browser the server makes the likely sides again in a spawned process (so the next
    request does not share Python's lock with a second of weighing): the page that follows reads them."""
    from claimcheck import pipeline, truth

    root = bundled(tmp_path)
    site = web.Site(root)
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")
    pipeline.run(root).close()  # the write's commit: the new state, without its likely sides
    monkeypatch.setattr(truth, "weigh", lambda *args: pytest.fail("this process weighed the likely sides"))
    site._ahead_again()
    assert "likely right" in client(root).get(f"/conflicts/{SWAP}").text


def test_a_write_that_lands_while_the_likely_sides_are_made_has_them_made_again_for_its_state(tmp_path, monkeypatch):
    """A second write while the first's likely sides are being made (for the state before it) has them made once
    more when that run ends; without it the second write's state had none and a page weighed them itself."""
    root = bundled(tmp_path)
    site = web.Site(root)
    runs: list[int] = []

    def make_ahead():
        runs.append(len(runs))
        if len(runs) == 1:
            site.written()  # the second write commits while the first run is making them

    monkeypatch.setattr(site, "_ahead_again", make_ahead)
    site.written()
    deadline = time.monotonic() + 30
    while site._warming is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert runs == [0, 1]


def test_a_maker_that_cannot_start_leaves_the_pages_weighing_not_estimating_for_ever(tmp_path, monkeypatch):
    """A process that cannot be started (no working folder, no file handles) after a change: the pages go back to
    weighing the likely sides themselves rather than say "being estimated again" for ever, and the next change
    tries a maker again."""
    root = bundled(tmp_path)
    site = web.Site(root)
    started = []

    def cannot(*args, **kwargs):
        started.append(True)
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(site, "_ahead_again", cannot)
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")
    site.updating()
    deadline = time.monotonic() + 60
    while site.estimating():
        assert time.monotonic() < deadline, "still estimating after the maker could not start"
        time.sleep(0.05)
    reader = site.reader()
    page = web.conflict_page(reader, SWAP, site.estimating())
    reader.index.close()
    assert page["estimating"] is None and "likely" in page["conflict"]
    site._make_ahead()
    while site.estimating():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert len(started) == 2


def test_with_the_index_in_memory_a_failed_estimate_loses_nothing_of_the_change(tmp_path, monkeypatch):
    """Where the folder cannot hold an index, the server keeps one in memory and makes the likely sides in its own
    update: their failure leaves the change shown (pages make them), not the whole update undone."""
    from claimcheck import truth

    monkeypatch.setenv("CLAIMCHECK_NO_INDEX", "1")
    root = bundled(tmp_path)
    site = web.Site(root)
    assert site._memory is not None
    monkeypatch.setattr(truth, "weigh", lambda *args: (_ for _ in ()).throw(FloatingPointError("the estimate failed")))
    path = root / "claims/seed-003-the-diplomat-2016.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("figure: 150 billion yuan", "figure: 1,500 billion yuan"),
                    encoding="utf-8")
    site.updating()
    site._update.join(60)
    figures = [claim.figure for claim in site.reader().claims(text="yuan") if "diplomat" in claim.id]
    assert "1,500 billion yuan" in figures
