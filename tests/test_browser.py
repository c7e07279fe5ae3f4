"""The HTML report as a reader sees it: rendered by headless Chromium, at desktop and phone widths."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed here (.ci/run installs it; CI runs this test)",
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([CHROMIUM or "chromium", *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=True)


class Marks(HTMLParser):
    """Counts chart marks per SVG, and gathers the page's visible text."""

    def __init__(self):
        super().__init__()
        self.charts: list[list[str]] = []
        self.text: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "svg":
            self.charts.append([])
        if tag == "g" and "mark" in (attributes.get("class") or "").split():
            self.charts[-1].append(attributes["data-claim"])
        if tag in ("style", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB(A) PNG into rows of pixel bytes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunks.setdefault(kind, []).append(data[position + 8:position + 8 + length])
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride, rows, previous = width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, channels, rows


def colour_count(path: Path, hex_colour: str) -> int:
    width, channels, rows = png_pixels(path)
    target = bytes.fromhex(hex_colour.lstrip("#"))
    return sum(row[i:i + 3] == target for row in rows for i in range(0, width * channels, channels))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from typer.testing import CliRunner

    from claimcheck.cli import app

    folder = tmp_path_factory.mktemp("browser")
    page = folder / "report.html"
    runner = CliRunner()
    assert runner.invoke(app, ["--root", str(REPO), "report", "-f", "html", "-o", str(page)]).exit_code == 0
    data = json.loads(runner.invoke(app, ["--root", str(REPO), "report", "-f", "json"]).stdout)
    return folder, page, data


def test_the_rendered_page_shows_the_conflicts_and_one_mark_per_claim(rendered):
    folder, page, data = rendered
    dom = chromium(folder, "--dump-dom", page.as_uri()).stdout
    parsed = Marks()
    parsed.feed(dom)
    text = " ".join(" ".join(parsed.text).split())
    for figure in ("30-year", "40-year", "$190.27 billion", "US$200 billion", "815 billion rubles", "$24 billion"):
        assert figure in text, figure
    for outlet in ("The Diplomat", "Roscongress Foundation", "Unnamed China-news aggregator, 2014",
                   "General Administration of Customs of the People's Republic of China"):
        assert outlet in text, outlet
    assert "40 years vs 30 years: +33%" in text
    expected = [sorted(claim for side in c["sides"] for claim in side["claims"]) for c in data["conflicts"]]
    assert [sorted(marks) for marks in parsed.charts] == expected


@pytest.mark.parametrize("width", [1200, 390])
def test_screenshots_paint_the_chart_in_perspective_colours(rendered, width):
    folder, page, data = rendered
    shot = folder / f"report-{width}.png"
    chromium(folder, f"--window-size={width},1600", f"--screenshot={shot}", page.as_uri())
    colours = {p["name"]: p["colour"] for p in data["perspectives"]}
    # The first conflicts' charts show Western analysis (The Diplomat) and official statistics (China Customs).
    for perspective in ("Western analysis", "official statistics"):
        assert colour_count(shot, colours[perspective]) > 20, perspective
