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
         "outlets": "/outlets", "claim": "/claims/currency-swap-rubles-diplomat-2016"}
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
