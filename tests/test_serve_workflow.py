"""The newsroom's workflow in the browser (design §8a), through the app's forms: outlets, claims,
drafts, the archive, and the lists' filters. Every write goes through the library functions the
command line calls; a refused form comes back with what was typed and writes nothing."""

from __future__ import annotations

import difflib
import html
import json
import re
import subprocess
import sys
from urllib.parse import urlencode

from starlette.testclient import TestClient

from conftest import snapshot, write_project
from test_serve import ORIGIN, SWAP, bundled, client

DURATION = "gazprom-cnpc-gas-deal/duration"
ARTICLE = ("Kommersant on the gas deal\n\n"
           "Trade between China and Russia reached $95 billion in 2014, officials said.\n"
           "The gas deal is worth $400 billion over 30 years, Gazprom said.\n"
           "Russia plans to export 38 bcm of gas a year to China.\n")


def send(http: TestClient, url: str, fields: dict, origin: str | None = ORIGIN):
    headers = {"content-type": "application/x-www-form-urlencoded", **({"origin": origin} if origin else {})}
    return http.post(url, content=urlencode({"token": "session-token", **fields}, doseq=True), headers=headers,
                     follow_redirects=False)


def hidden(page: str, name: str) -> str:
    return html.unescape(re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', page).group(1))


def alert(page: str) -> str:
    return html.unescape(page.split('role="alert">', 1)[1].split("</p>", 1)[0])


def changed_lines(before: bytes, after: bytes) -> list[str]:
    """The lines a write took out or put in (a diff without its context)."""
    return [line for line in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_an_outlet_form_refuses_new_as_an_id_and_a_taken_id_giving_back_what_was_typed(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    before = snapshot(root)
    for given, said in [("new", "'new' is the address of this form"), ("the-diplomat", "“Id” 'the-diplomat' is taken")]:
        answer = send(http, "/outlets/new", {"id": given, "name": "Typed Name", "perspective": "Typed view"})
        assert answer.status_code == 400 and said in alert(answer.text)
        assert 'value="Typed Name"' in answer.text and 'value="Typed view"' in answer.text
    assert snapshot(root) == before
    made = send(http, "/outlets/new", {"id": "kommersant", "name": "Kommersant", "perspective": "Russian business press",
                                       "reference": "on"})
    assert made.headers["location"] == "/outlets/kommersant?done=added"
    assert (root / "sources/kommersant.yaml").read_text() == \
        "id: kommersant\nname: Kommersant\nperspective: Russian business press\nreference: true\n"


def test_an_address_that_is_not_a_web_address_is_refused_before_anything_is_written(cli, tmp_path):
    """'tass.com' was written and then failed 'validate --strict'; no outlet page can correct an outlet's address."""
    root = bundled(tmp_path)
    http = client(root)
    before = snapshot(root)
    outlet = send(http, "/outlets/new", {"id": "kommersant", "name": "Kommersant", "perspective": "Russian business press",
                                         "url": "kommersant.ru"})
    assert outlet.status_code == 400 and "'kommersant.ru' is not a web address" in alert(outlet.text)
    claim = send(http, "/claims/new", {"source": "the-diplomat", "subject": "gazprom-cnpc-gas-deal", "property": "duration",
                                       "figure": "40-year", "kind": "actual", "url": "thediplomat.com/x"})
    assert claim.status_code == 400 and "'thediplomat.com/x' is not a web address" in alert(claim.text)
    assert snapshot(root) == before
    assert cli(root, "add", "--source", "tass", "--subject", "deal", "--property", "value", "--figure", "$6 billion",
               "--url", "tass.com/x").exit_code == 2
    assert snapshot(root) == before


def test_a_required_field_left_empty_is_named_in_plain_words(tmp_path):
    """'“Perspective”: Field required' was pydantic's; and a claim without a property was also told its id was
    required, though the form makes the id from the subject, property and outlet."""
    http = client(bundled(tmp_path))
    outlet = alert(send(http, "/outlets/new", {"id": "kommersant", "name": "Kommersant"}).text)
    assert "“Perspective”: it is required" in outlet and "Field required" not in outlet
    claim = alert(send(http, "/claims/new", {"source": "the-diplomat", "subject": "s", "figure": "$5 billion", "kind": "actual"}).text)
    assert "“Property”: it is required" in claim and "“Id”" not in claim


def test_a_claim_form_that_is_refused_names_the_field_in_the_pages_words(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    before = snapshot(root)
    answer = send(http, "/claims/new", {"source": "the-diplomat", "subject": "gazprom-cnpc-gas-deal", "property": "duration",
                                        "figure": "40-year", "kind": "sometime", "quote": "typed quote"})
    assert answer.status_code == 400 and "“Kind”" in alert(answer.text) and "--kind" not in answer.text
    assert ">typed quote</textarea>" in answer.text
    same = send(http, "/claims/new", {"source": "the-diplomat", "subject": "gazprom-cnpc-gas-deal", "property": "duration",
                                      "figure": "40-year", "kind": "actual", "published": "2016-12", "id": "new",
                                      "quote": "a 40-year gas supply agreement between Gazprom and China National Petroleum Corporation (CNPC)"})
    assert same.status_code == 400 and "'new' is the address of this form" in alert(same.text)
    assert snapshot(root) == before


def fields_of(form: str) -> dict[str, str]:
    """The fields of a claim form as the page filled them in."""
    found = {name: html.unescape(value) for name, value in re.findall(r'<input name="(\w+)" value="([^"]*)"', form)}
    found.update((name, html.unescape(value)) for name, value in re.findall(r'<textarea name="(\w+)"[^>]*>([^<]*)</textarea>', form))
    for name, options in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', form, flags=re.S):
        chosen = re.search(r'<option(?: value="([^"]*)")? selected>([^<]*)<', options)
        found[name] = html.unescape(chosen.group(1) if chosen and chosen.group(1) is not None else chosen.group(2)) if chosen else ""
    return {**found, "digest": hidden(form, "digest"), "shown": hidden(form, "shown")}


def test_an_edit_changes_only_the_claims_lines_and_a_claim_changed_since_gets_409(cli, tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    path = "claims/china-customs.yaml"
    form, other = (fields_of(http.get(f"/claims/{claim}/edit").text) for claim in ("trade-2022-customs", "trade-2023-customs"))
    before = snapshot(root)
    saved = send(http, "/claims/trade-2022-customs/edit", {**form, "figure": "$191 billion"})
    assert saved.headers["location"] == "/claims/trade-2022-customs?done=changed"
    after = snapshot(root)
    assert {name for name in after if after[name] != before.get(name)} == {path}
    assert changed_lines(before[path], after[path]) == ["-  figure: $190.27 billion", "+  figure: $191 billion"]
    assert cli(root, "validate").exit_code == 0

    # Another claim of the same file, opened before that edit, is saved: only its own change refuses it.
    assert send(http, "/claims/trade-2023-customs/edit", {**other, "speaker": "a customs spokesman"}).status_code == 303

    # The first claim's stale form: 409, the typed value kept, the claim's value now beside it; nothing written.
    before = snapshot(root)
    stale = send(http, "/claims/trade-2022-customs/edit", {**form, "figure": "$192 billion"})
    assert stale.status_code == 409 and "changed since you opened the page" in alert(stale.text)
    assert 'value="$192 billion"' in stale.text and "now: $191 billion" in stale.text
    assert snapshot(root) == before


def test_saving_again_after_a_409_writes_only_what_the_person_changed(tmp_path):
    """Two people edit one claim: B adds a note while A changes the speaker. A's save is refused (409); saved
    again, it writes A's speaker and keeps B's note, which A never touched (it was erased: the stale form's
    empty note was saved over it)."""
    root = bundled(tmp_path)
    http = client(root)
    page = "/claims/trade-2022-customs/edit"
    a, b = fields_of(http.get(page).text), fields_of(http.get(page).text)
    assert send(http, page, {**b, "note": "B's note"}).status_code == 303
    stale = send(http, page, {**a, "speaker": "A's speaker"})
    assert stale.status_code == 409
    again = fields_of(stale.text)
    assert again["note"] == "B's note" and again["speaker"] == "A's speaker"
    assert send(http, page, again).status_code == 303
    text = (root / "claims/china-customs.yaml").read_text()
    assert "note: B's note" in text and "speaker: A's speaker" in text


def test_a_delete_refused_while_a_review_names_the_claim_says_so(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    form = http.get("/claims/currency-swap-rubles-diplomat-2016/edit").text
    before = snapshot(root)
    answer = send(http, "/claims/currency-swap-rubles-diplomat-2016/delete", {"digest": hidden(form, "digest")})
    assert answer.status_code == 409
    said = alert(answer.text)
    # Recording that review again lists the claim again while it is in the conflict: the way out is named.
    assert "named by the review of 'currency-swap-2014/value'" in said
    assert "'claimcheck rm currency-swap-rubles-diplomat-2016 --force'" in said and "shows that it left" in said
    assert send(http, "/claims/currency-swap-rubles-diplomat-2016/delete", {"digest": hidden(form, "digest")},
                origin="http://evil.example").status_code == 403
    assert snapshot(root) == before


def test_a_delete_takes_out_the_claims_lines_only(cli, tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    path = "claims/seed-003-the-diplomat-2016.yaml"
    form = http.get("/claims/baikal-bonds-value-diplomat-2016/edit").text
    before = snapshot(root)
    answer = send(http, "/claims/baikal-bonds-value-diplomat-2016/delete", {"digest": hidden(form, "digest")})
    assert answer.headers["location"] == "/claims?removed=baikal-bonds-value-diplomat-2016"
    after = snapshot(root)
    assert {name for name in after if after[name] != before.get(name)} == {path}
    removed = changed_lines(before[path], after[path])
    assert all(line.startswith("-") for line in removed) and "-- id: baikal-bonds-value-diplomat-2016" in removed
    assert cli(root, "validate").exit_code == 0


def draft(http: TestClient, **fields) -> str:
    answer = http.post("/drafts/new", data={"token": "session-token", **fields}, headers={"origin": ORIGIN}, follow_redirects=False)
    assert answer.status_code == 303, alert(answer.text)
    return answer.headers["location"]


def test_a_draft_is_kept_until_accepted_and_a_refused_accept_keeps_it_with_the_edits(cli, tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    before = snapshot(root)
    where = draft(http, text=ARTICLE, source="the-diplomat", published="2016-12-01")
    assert where == "/drafts/the-diplomat-1"
    page = http.get(where).text
    assert "joins gazprom-cnpc-gas-deal/duration" in page and '<mark id="p1">' in page
    assert set(snapshot(root)) - set(before) == {"drafts/the-diplomat-1.txt", "drafts/the-diplomat-1.yaml"}
    assert "the-diplomat-1" in http.get("/drafts").text
    bad = send(http, where, {"accept": ["1", "2"], "figure.1": "a great deal", "subject.2": "typed-subject"})
    assert bad.status_code == 400 and "Nothing was imported" in alert(bad.text)
    assert "proposal 1: figure 'a great deal' cannot be read" in alert(bad.text)  # the page's proposal, not
    assert "claims/" not in alert(bad.text) and "claim '" not in alert(bad.text)  # a file and id never written
    assert 'value="a great deal"' in bad.text and 'value="typed-subject"' in bad.text
    empty = send(http, where, {"accept": ["1"], "figure.1": ""})  # in the page's words, not a CSV's row and cell
    assert "proposal 1: “Figure”: it is empty" in alert(empty.text) and "column" not in alert(empty.text)
    assert (root / "drafts/the-diplomat-1.yaml").exists()
    good = send(http, where, {"accept": ["1", "2"], "subject.2": "gas-deal-terms"})
    assert good.headers["location"] == "/claims?outlet=the-diplomat&imported=2"
    assert not list((root / "drafts").glob("*"))  # an accepted draft is dropped
    listed = json.loads(cli(root, "claims", "--subject", "gas-deal-terms", "--format", "json").stdout)
    assert [c["figure"] for c in (listed["claims"] if isinstance(listed, dict) else listed)] == ["$400 billion"]
    assert cli(root, "validate").exit_code == 0


def test_a_draft_page_names_the_numbers_the_reader_refuses_where_they_stand_and_why(tmp_path):
    """`extract` prints each number it leaves out; the draft page said nothing of them, so a figure the reader
    refuses vanished from the browser's draft without a word."""
    root = bundled(tmp_path)
    http = client(root)
    article = ARTICLE + "Brent crude rose $2.10  to $85.40 a barrel on Monday.\n"  # two spaces: marked as written
    where = draft(http, text=article, source="the-diplomat", published="2016-12-01")
    page = html.unescape(http.get(where).text)
    left_out = page.split('aria-label="Numbers left out"', 1)[1].split("</section>", 1)[0]
    assert "Left out: 1 number the figure reader refuses" in left_out
    assert "<q>Brent crude rose <b>$2.10  to $85.40 a barrel</b> on Monday.</q>" in left_out
    assert "a word of change" in left_out  # the reason, as extract prints it
    assert "$2.10" not in page.split('aria-label="Proposed claims"', 1)[1].split('aria-label="Numbers left out"')[0]


def test_a_refused_number_in_a_long_paragraph_is_shown_with_whole_words_around_it():
    from claimcheck.web import around

    words = "word " * 30
    text = f"Heading\n{words}rose $2.10 to $85.40 {words}\nNext line"
    start = text.index("$2.10")
    before, number, after = around(text, start, start + len("$2.10 to $85.40"), width=20)
    assert number == "$2.10 to $85.40"
    assert before.startswith("…word ") and before.endswith(" rose ") and len(before) <= 21  # whole words, cut marked
    assert after == " word word word…"
    assert around("rose 5% to 9%", 5, 12) == ("rose ", "5% to 9", "%")  # a short line whole, never across lines


def test_a_proposal_whose_subject_a_person_changed_takes_an_id_made_from_it(cli, tmp_path):
    """The ids were made from the draft's first guesses whatever the person changed ('china-russia-general-
    administration-share-...' for a claim filed under china-russia-trade), and the draft page has no id field."""
    root = bundled(tmp_path)
    http = client(root)
    where = draft(http, text=ARTICLE, source="the-diplomat", published="2016-12-01")
    assert send(http, where, {"accept": ["1", "2"], "subject.2": "gas-deal-terms"}).status_code == 303
    listed = json.loads(cli(root, "claims", "--subject", "gas-deal-terms", "--format", "json").stdout)
    [claim] = listed["claims"] if isinstance(listed, dict) else listed
    assert claim["id"].startswith("gas-deal-terms-")
    assert cli(root, "validate").exit_code == 0


def test_a_draft_from_an_uploaded_html_file_and_one_discarded(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    page = ("<html><body><nav>Home | World</nav><article><p>The pipeline will carry 38 bcm of gas a year, "
            "Gazprom said on Tuesday in Moscow.</p></article></body></html>").encode()
    answer = http.post("/drafts/new", data={"token": "session-token", "source": "sputnik", "published": "2019-04-01"},
                       files={"file": ("pipeline.html", page, "text/html")},
                       headers={"origin": ORIGIN}, follow_redirects=False)
    assert answer.status_code == 303
    shown = http.get(answer.headers["location"]).text
    assert "38 bcm" in shown and "Home | World" not in shown
    assert send(http, answer.headers["location"] + "/discard", {}).headers["location"] == "/drafts?discarded=sputnik-1"
    assert not list((root / "drafts").glob("*"))


def test_a_draft_form_without_an_article_or_outlet_is_refused_with_what_was_typed(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    before = snapshot(root)
    for fields, said in [({"source": "the-diplomat"}, "paste the article's text"),
                         ({"text": "Typed words about $5 billion."}, "choose the outlet"),
                         ({"text": "Typed words about $5 billion.", "source_name": "The Diplomat", "source_perspective": "x"},
                          "the outlet 'the-diplomat' (The Diplomat) exists"),
                         ({"text": "Typed words about $5 billion.", "source": "the-diplomat", "url": "ftp://x"}, "http(s) address"),
                         ({"text": "Typed words about $5 billion.", "source": "the-diplomat", "published": "May"}, "YYYY-MM-DD"),
                         ({"text": "Typed words about $5 billion.", "source": "the-diplomat"}, "give the article's date")]:
        answer = http.post("/drafts/new", data={"token": "session-token", **fields}, headers={"origin": ORIGIN}, follow_redirects=False)
        assert answer.status_code == 400 and said.lower() in alert(answer.text).lower(), fields
        if "text" in fields:
            assert ">Typed words about $5 billion.</textarea>" in answer.text
    local = http.post("/drafts/new", data={"token": "session-token", "url": "http://127.0.0.1:9/news", "source": "the-diplomat",
                                           "published": "2016-12-01"}, headers={"origin": ORIGIN}, follow_redirects=False)
    said = alert(local.text)  # the address as written, never "Http://", and why it is not fetched
    assert local.status_code == 400 and said.startswith("http://127.0.0.1:9/news: an address of this machine")
    assert snapshot(root) == before


def test_the_archive_shows_the_article_with_the_quote_marked_and_nothing_outside_it(tmp_path):
    root = write_project(tmp_path / "p", {
        "sources/archive/a.txt": "Intro <b>bold</b>.\nThe deal is worth\n$5 billion, it said.\nMore.\n",
        "claims/a.yaml": "- {id: c1, source: tass, subject: deal, property: value, figure: $5 billion, kind: actual,"
                         " quote: 'The deal is worth $5 billion, it said.', archive: sources/archive/a.txt}\n"})
    http = client(root)
    assert 'href="/archive/a.txt?claim=c1#quote"' in http.get("/claims/c1").text
    page = http.get("/archive/a.txt?claim=c1").text
    assert '<mark id="quote">The deal is worth\n$5 billion, it said.</mark>' in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    for elsewhere in ("/archive/..%2Fa.yaml", "/archive/.hidden", "/archive/none.txt"):
        assert http.get(elsewhere).status_code == 404


def test_the_lists_filter_as_the_command_does_and_show_names(cli, tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    listing = http.get("/conflicts?status=all&q=gas").text
    assert re.findall(r'<h3><a href="/conflicts/([^"]+)"', listing) == [DURATION]
    assert '<option value="the-diplomat">The Diplomat</option>' in http.get("/conflicts").text
    for query, options in [("outlet=the-diplomat&kind=actual", ["--outlet", "the-diplomat", "--kind", "actual"]),
                           ("subject=china-russia-trade", ["--subject", "china-russia-trade"]),
                           ("kind=target", ["--kind", "target"])]:
        page = http.get(f"/claims?{query}").text
        shown = re.findall(r'<td><a href="/claims/([^"]+)"', page)
        listed = json.loads(cli(root, "claims", *options, "--format", "json").stdout)
        assert shown == [c["id"] for c in (listed["claims"] if isinstance(listed, dict) else listed)] and shown, query


def test_the_review_form_starts_from_the_review_recorded(tmp_path):
    root = bundled(tmp_path)
    http = client(root)
    page = http.get(f"/conflicts/{SWAP}").text
    form = {name: hidden(page, name) for name in ("digest",)}
    review = page[page.index('<form class="review"'):]
    claims = re.findall(r'<input type="hidden" name="claims" value="([^"]+)">', review[:review.index("</form>")])
    answer = send(http, f"/conflicts/{SWAP}", {**form, "claims": claims, "status": "resolved", "note": "the yuan leg",
                                               "prefer": ["currency-swap-yuan-diplomat-2016"]})
    assert answer.status_code == 303
    again = http.get(f"/conflicts/{SWAP}").text
    assert 'value="resolved" checked' in again and 'value="currency-swap-yuan-diplomat-2016" checked' in again
    assert ">the yuan leg</textarea>" in again


HOLD_THE_WRITE_LOCK = ("import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
                       "db.execute('BEGIN IMMEDIATE'); db.execute('DELETE FROM origins'); print('held', flush=True); time.sleep(300)")


def test_a_write_stops_the_likely_sides_being_made_for_the_state_before_it_and_they_are_made_after(tmp_path):
    """After a write the server makes the likely sides again in a process of its own, at a lower priority,
    and keeps them under the index's write lock: the next write waited for it (up to half a second at 100,000
    claims; here, a maker that holds the lock for minutes)."""
    from claimcheck import edits, query, web
    from claimcheck.index import Index

    root = bundled(tmp_path)
    site = web.Site(root)
    maker = subprocess.Popen([sys.executable, "-c", HOLD_THE_WRITE_LOCK, str(root / ".claimcheck" / "index.sqlite")],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert maker.stdout.readline() == "held\n"
        site._maker = maker  # as while the likely sides are being made
        with site.writing():
            result = edits.add_outlet(root, {"id": "kommersant", "name": "Kommersant", "perspective": "Russian business press"})
        assert result.done and maker.poll() is not None  # the maker was stopped, its transaction undone
    finally:
        maker.kill()
        maker.stdout.close()
    site._warming.join(timeout=120)  # made again once the write was done
    index = Index.open(root)
    try:
        reader = query.Reader(index)
        assert reader.likely(weigh=False) is not None and "kommersant" in reader.outlets
    finally:
        index.close()


def test_the_likely_sides_maker_reads_the_index_as_committed_and_indexes_nothing(tmp_path):
    """The maker ran the whole pipeline first: a large change on disk made it start parsing workers, which
    stopping it for a write left running for ever. The server's own update indexes a change; the maker keeps
    the likely sides of the state committed."""
    from claimcheck import query, store, web
    from claimcheck.index import Index

    root = bundled(tmp_path)
    web.Site(root)  # indexed, the likely sides kept
    claims = root / "claims" / "seed-003-sputnik-2017.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("figure: ", "figure:  ", 1), encoding="utf-8")
    index = Index.open(root)
    try:
        index.forget_kept()  # as after a write: the likely sides to be made again
    finally:
        index.close()
    subprocess.run([sys.executable, "-c", "import sys; from claimcheck import web; web._ahead_at(sys.argv[1])", str(root)],
                   check=True)
    index = Index.open(root)
    try:
        assert index.scan(store.Project(root)).changed  # the change is left to the server's update
        assert query.Reader(index).likely(weigh=False) is not None  # made for the state committed
    finally:
        index.close()
