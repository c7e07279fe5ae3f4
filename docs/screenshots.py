"""Screenshots of `claimcheck serve` on the bundled corpus, at a desktop and a phone width.

Run: python docs/screenshots.py [OUT_DIR]   (default docs/screenshots/)

Starts the server on a copy of the bundled corpus, opens each page in Debian's Chromium through
Playwright (no browser download) at 1280 and 390 pixels wide, and saves a full-page PNG of each.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = {"overview": "/", "conflicts": "/conflicts?status=all", "conflict": "/conflicts/currency-swap-2014/value",
         "outlets": "/outlets", "claim": "/claims/currency-swap-rubles-diplomat-2016",
         "conflicts-by-spread": "/conflicts?status=all&sort=spread&q=gas", "claims": "/claims?outlet=the-diplomat&kind=actual",
         "outlet-new": "/outlets/new", "claim-new": "/claims/new?subject=gazprom-cnpc-gas-deal&property=duration&kind=actual",
         "claim-edit": "/claims/currency-swap-rubles-diplomat-2016/edit", "drafts": "/drafts", "draft-new": "/drafts/new",
         "draft": "/drafts/the-diplomat-1", "archive": "/archive/seed-003.txt?claim=currency-swap-rubles-diplomat-2016"}
ARTICLE = """Behind the gas deal

Trade between China and Russia reached $95 billion in 2014, officials said.
The gas deal is worth $400 billion over 30 years, Gazprom said on Wednesday, and the first gas will flow in 2018.
Russia plans to export 38 bcm of gas a year to China, and the two sides signed 38 agreements during the visit.
Gazprom's shares rose 1.2% to 3% on the news, and the rouble firmed 2 to 3 kopecks against the dollar.
"""
WIDTHS = (1280, 390)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("claims", "sources"):
            shutil.copytree(REPO / part, root / part)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "claimcheck", "--root", str(root), "serve", "--port", str(port)])
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/").read()
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                drafting = browser.new_page()  # a draft to show, made as a person makes one
                drafting.goto(base + "/drafts/new")
                drafting.get_by_label("Article text").fill(ARTICLE)
                drafting.get_by_label("An existing outlet").select_option("the-diplomat")
                drafting.get_by_label("Published").fill("2016-12-01")
                drafting.get_by_role("button", name="Draft claims").click()
                drafting.wait_for_url("**/drafts/the-diplomat-1")
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    for name, path in PAGES.items():
                        page.goto(base + path)
                        page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(f"wrote {len(PAGES) * len(WIDTHS)} screenshots to {out}")


if __name__ == "__main__":
    main()
