"""`claimcheck serve` as a person uses it: Debian's Chromium driven by Playwright (no browser is
downloaded: Playwright is given the installed one)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, snapshot, write_project

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed here (.ci/run installs it; CI runs this test)",
)
SWAP = "currency-swap-2014/value"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`claimcheck serve` on a free port, for one test."""

    def __init__(self, root: Path):
        self.root, port = root, free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([sys.executable, "-m", "claimcheck", "--root", str(root), "serve", "--port", str(port)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/", timeout=5).read()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start: {self.process.stdout.read().decode()}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    server = Server(root)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def status_of(root: Path, conflict: str) -> str:
    listed = subprocess.run([sys.executable, "-m", "claimcheck", "--root", str(root), "conflicts", "--all", "--format", "json"],
                            capture_output=True, text=True, check=True).stdout
    return {c["id"]: c["status"] for c in json.loads(listed)["conflicts"]}[conflict]


def test_a_review_recorded_in_the_browser_is_what_the_command_reports(corpus, browser):
    page = browser.new_page()
    page.goto(corpus.url + "/")
    page.get_by_role("link", name="Conflicts", exact=True).click()
    page.get_by_label("Status").select_option("all")  # the filters apply as they change
    page.wait_for_url("**status=all**")
    page.locator(f'a[href="/conflicts/{SWAP}"]').click()
    assert "815 billion rubles" in page.content()
    page.get_by_role("radio", name="disputed").check()
    page.get_by_label("Note").fill("the rouble leg was fixed at another rate")
    page.get_by_role("button", name="Record review").click()
    page.get_by_role("status").wait_for()
    assert "Review recorded" in page.get_by_role("status").inner_text()
    assert status_of(corpus.root, SWAP) == "disputed"


def test_a_stale_form_gets_the_409_page(corpus, browser):
    first, second = browser.new_page(), browser.new_page()
    for page in (first, second):
        page.goto(f"{corpus.url}/conflicts/{SWAP}")
    first.get_by_role("radio", name="explained").check()
    first.get_by_label("Note").fill("first")
    first.get_by_role("button", name="Record review").click()
    first.get_by_role("status").wait_for()
    written = (corpus.root / "claims/reviews.yaml").read_bytes()
    second.get_by_role("radio", name="disputed").check()
    second.get_by_label("Note").fill("second")
    with second.expect_response(lambda r: r.request.method == "POST") as answer:
        second.get_by_role("button", name="Record review").click()
    assert answer.value.status == 409
    assert "changed since this page was shown" in second.get_by_role("alert").inner_text()
    assert (corpus.root / "claims/reviews.yaml").read_bytes() == written
    assert status_of(corpus.root, SWAP) == "explained"


def test_a_post_without_the_token_or_from_another_origin_is_refused(corpus):
    page = urllib.request.urlopen(f"{corpus.url}/conflicts/{SWAP}").read().decode()
    digest = page.split('name="digest" value="', 1)[1].split('"', 1)[0]
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    before = snapshot(corpus.root)
    for fields, origin in [(f"digest={digest}&status=disputed&note=x", corpus.url),
                           (f"token={token}&digest={digest}&status=disputed&note=x", "http://evil.example")]:
        request = urllib.request.Request(f"{corpus.url}/conflicts/{SWAP}", data=fields.encode(), method="POST",
                                         headers={"Origin": origin, "Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request)
        assert refused.value.code == 403
    assert snapshot(corpus.root) == before


def test_hostile_text_renders_inert(tmp_path, browser):
    root = write_project(tmp_path / "p", {
        "sources/evil.yaml": "id: evil\nname: '<script>alert(1)</script>'\nperspective: '<img src=x onerror=alert(2)>'\n"
                             "url: 'javascript:alert(3)'\n",
        "claims/a.yaml": "- {id: c1, source: evil, subject: deal, property: value, figure: $5 billion, kind: actual,"
                         " url: 'javascript:alert(4)', quote: '<b onclick=alert(5)>five</b>'}\n"
                         "- {id: c2, source: tass, subject: deal, property: value, figure: $9 billion, kind: actual}\n"})
    server = Server(root)
    try:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("/conflicts", "/conflicts/deal/value", "/outlets", "/outlets/evil", "/claims/c1"):
            page.goto(server.url + path)
            for link in page.locator("a[href]").all():
                assert not link.get_attribute("href").lower().startswith("javascript:"), path
        page.goto(server.url + "/conflicts/deal/value")
        assert page.get_by_text("<script>alert(1)</script>").first.is_visible()  # shown as text, not run
        page.get_by_text("<b onclick=alert(5)>five</b>").click()
        assert dialogs == []
    finally:
        server.stop()
