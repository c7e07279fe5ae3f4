"""`extract --manifest` and `extract URL` (design §7a): one run over articles from several outlets, new outlets
drafted for `import` to make, pages fetched from an address and archived, drafts in CSV and YAML that import
unedited."""

from __future__ import annotations

import csv
import datetime as dt
import http.server
import io
import threading
from pathlib import Path

import pytest
import yaml

from claimcheck import store
from conftest import snapshot, write_project

ARTICLES = {
    "tass.txt": "Gazprom and CNPC signed a 30-year deal worth $400 billion on Wednesday, TASS reported.\n",
    "reuters.txt": "The contract between Gazprom and CNPC is valued at about $400bn over 30 years, Reuters said.\n",
    "blog.txt": "Gazprom and CNPC agreed a 40-year gas deal, the blog wrote.\n",
}
MANIFEST = ("file,source,source_name,source_perspective,published,url\n"
            "tass.txt,tass,,,2014-05-21,https://tass.com/economy/1\n"
            "reuters.txt,reuters,,,2014-05-21,\n"
            "blog.txt,gasblog,The Gas Blog,independent blogs,2014-05-22,\n")


def articles(folder: Path, manifest: str = MANIFEST) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "articles.csv").write_text(manifest, encoding="utf-8")
    return folder / "articles.csv"


def draft_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_a_manifest_drafts_several_outlets_in_one_run_and_makes_the_new_ones_on_import(cli, tmp_path):
    root = write_project(tmp_path / "p", {})
    manifest = articles(tmp_path / "in")
    result = cli(root, "extract", "--manifest", str(manifest), "-o", str(tmp_path / "draft.csv"))
    assert result.exit_code == 0, result.output
    assert "from 3 articles" in result.stderr
    rows = draft_rows(tmp_path / "draft.csv")
    assert {r["source"] for r in rows} == {"tass", "reuters", "gasblog"}
    blog = [r for r in rows if r["source"] == "gasblog"]
    assert all((r["source_name"], r["source_perspective"]) == ("The Gas Blog", "independent blogs") for r in blog)
    assert all(r["match"] and 0 < float(r["confidence"]) <= 1 for r in rows)
    # one quantity from three outlets, worded three ways: one comparable group, so the 40 years is a conflict
    terms = [r for r in rows if r["figure"] in ("30-year", "40-year", "30 years")]
    assert len({(r["subject"], r["property"], r["period"], r["kind"]) for r in terms}) == 1
    assert sorted(p.name for p in (root / "sources/archive").iterdir()) == ["gasblog-blog.txt", "reuters-reuters.txt", "tass-tass.txt"]

    assert cli(root, "import", str(tmp_path / "draft.csv")).exit_code == 0
    corpus, problems = store.load(root)
    assert problems == [] and corpus.sources["gasblog"].name == "The Gas Blog"
    check = cli(root, "check")
    assert "40 years" in check.stdout and "30 years" in check.stdout


def test_every_problem_of_a_manifest_is_said_at_once_with_its_line_and_nothing_is_written(cli, tmp_path):
    root = write_project(tmp_path / "p", {})
    manifest = articles(tmp_path / "in", "file,source,source_name,source_perspective,published,url\n"
                                         "tass.txt,tass,,,2014-13-01,\n"
                                         "missing.txt,reuters,,,,\n"
                                         "blog.txt,gasblog,,,,\n")
    before = snapshot(root)
    result = cli(root, "extract", "--manifest", str(manifest), "-o", str(tmp_path / "draft.csv"))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{manifest}:2: published") for line in lines)
    assert any(line.startswith(f"{manifest}:3: ") and "missing.txt" in line for line in lines)
    assert any(line.startswith(f"{manifest}:4: no outlet 'gasblog'") and "source_name and source_perspective" in line
               for line in lines)
    assert snapshot(root) == before and not (tmp_path / "draft.csv").exists()


def test_a_manifest_with_wrong_columns_or_mixed_with_articles_is_refused(cli, tmp_path):
    root = write_project(tmp_path / "p", {})
    manifest = articles(tmp_path / "in", "path,outlet\ntass.txt,tass\n")
    result = cli(root, "extract", "--manifest", str(manifest))
    assert result.exit_code == 2 and f"{manifest}:1: the columns are file, source" in result.stderr
    result = cli(root, "extract", "--manifest", str(articles(tmp_path / "ok")), "--source", "tass")
    assert result.exit_code == 2 and "give no ARTICLES, --source" in result.stderr


def test_a_yaml_draft_imports_as_the_csv_draft_does(cli, tmp_path):
    one, other = write_project(tmp_path / "one", {}), write_project(tmp_path / "other", {})
    manifest = articles(tmp_path / "in")
    assert cli(one, "extract", "--manifest", str(manifest), "-o", str(tmp_path / "draft.csv")).exit_code == 0
    assert cli(other, "extract", "--manifest", str(manifest), "--format", "yaml", "-o", str(tmp_path / "draft.yaml")).exit_code == 0
    items = yaml.safe_load((tmp_path / "draft.yaml").read_text(encoding="utf-8"))
    assert all("match" in item and "confidence" in item for item in items)
    assert cli(one, "import", str(tmp_path / "draft.csv"), "--into", "claims/drafted.yaml").exit_code == 0
    assert cli(other, "import", str(tmp_path / "draft.yaml"), "--into", "claims/drafted.yaml").exit_code == 0
    assert (one / "claims/drafted.yaml").read_text() == (other / "claims/drafted.yaml").read_text()
    assert (one / "sources/gasblog.yaml").read_text() == (other / "sources/gasblog.yaml").read_text()


def test_a_yaml_draft_with_an_unknown_key_is_refused_with_its_line(cli, tmp_path):
    root = write_project(tmp_path / "p", {})
    draft = tmp_path / "draft.yml"
    draft.write_text("- id: a\n  source: tass\n  subject: s\n  property: p\n  figure: $5 billion\n  kind: actual\n\n"
                     "- id: b\n  source: tass\n  subjcet: s\n  property: p\n  figure: $6 billion\n  kind: actual\n")
    before = snapshot(root)
    result = cli(root, "import", str(draft))
    assert result.exit_code != 0 and f"{draft}:8" in result.output and "'subjcet'" in result.output
    assert snapshot(root) == before


PAGE = """<!DOCTYPE html><html><head><title>Gas deal | Example</title></head><body>
<nav>Home World Subscribe for $1 a week</nav>
<article><h1>Gazprom and CNPC sign a gas deal</h1>
<p>Gazprom and CNPC signed a 30-year deal worth $400 billion on Wednesday, officials said in Shanghai.</p>
<p>Gas deliveries are set to start in 2018 through the Power of Siberia pipeline, the companies said.</p></article>
<footer>&copy; 2014 Example. Page 1 of 2</footer></body></html>"""


@pytest.fixture
def server():
    """A web server on this machine that serves PAGE at any address (never the internet)."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            body = PAGE.encode() if self.path.startswith("/news/") else b"not here"
            self.send_response(200 if self.path.startswith("/news/") else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_an_address_is_fetched_and_its_main_text_archived_by_outlet_address_and_day(cli, tmp_path, server, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_FETCH_LOCAL", "1")
    root = write_project(tmp_path / "p", {})
    address = f"{server}/news/gas-deal-signed.html"
    result = cli(root, "extract", address, "--source", "reuters", "--published", "2014-05-21", "-o", str(tmp_path / "d.csv"))
    assert result.exit_code == 0, result.output
    archive = root / "sources/archive" / f"reuters-gas-deal-signed-{dt.date.today().isoformat()}.txt"
    text = archive.read_text(encoding="utf-8")
    assert "signed a 30-year deal worth $400 billion" in text and "Subscribe" not in text and "Page 1 of 2" not in text
    rows = draft_rows(tmp_path / "d.csv")
    assert {r["figure"] for r in rows} == {"30-year", "$400 billion"}
    assert all(r["url"] == address and r["archive"] == f"sources/archive/{archive.name}" for r in rows)
    assert cli(root, "import", str(tmp_path / "d.csv")).exit_code == 0
    assert cli(root, "validate").exit_code == 0  # every quote is found in the archived text


def test_an_address_that_cannot_be_fetched_is_refused_and_a_private_one_needs_leave(cli, tmp_path, server, monkeypatch):
    root = write_project(tmp_path / "p", {})
    before = snapshot(root)
    monkeypatch.delenv("CLAIMCHECK_FETCH_LOCAL", raising=False)
    refused = cli(root, "extract", f"{server}/news/a.html", "--source", "tass")
    assert refused.exit_code == 2 and "a private network is not fetched; set CLAIMCHECK_FETCH_LOCAL=1" in refused.stderr
    monkeypatch.setenv("CLAIMCHECK_FETCH_LOCAL", "1")
    refused = cli(root, "extract", f"{server}/elsewhere", "--source", "tass")
    assert refused.exit_code == 2 and f"{server}/elsewhere" in refused.stderr
    assert snapshot(root) == before
