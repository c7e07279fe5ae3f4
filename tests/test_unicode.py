"""Text from sources compared and shown safely (issue 13, defect 10): invisible characters are problems and
are shown as their code; quotes match their archive after NFC; an archive is a regular file, never a pipe."""

from __future__ import annotations

import json
import os
import signal
import stat
import sys
import unicodedata

import pytest

from claimcheck import safetext

RLO = "\u202e"
ROAD = """\
- id: road-a
  source: tass
  subject: road
  property: length
  figure: 9 km
  kind: actual
  quote: a road of 9 km {mark}evil
- id: road-b
  source: reuters
  subject: road
  property: length
  figure: 20 km
  kind: actual
"""


@pytest.fixture
def no_hang():
    """Fail a test that would wait for ever (on a pipe) instead of hanging the suite."""
    def timed_out(signum, frame):
        raise TimeoutError("the command waited on a pipe")

    previous = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# --- invisible characters are problems, in any field of any record ----------------------------


def test_invisible_characters_in_any_record_are_problems(cli, project):
    root = project({
        "claims/a.yaml": ROAD.format(mark=RLO) + "  speaker: \"Ivan\\u200b\\a\"\n",
        "claims/subjects.yaml": "- id: road\n  name: The road\n  aliases: [highway, \"\\u2066route\"]\n",
        "claims/reviews.yaml": "- conflict: road/length\n  status: explained\n  note: \"two roads\\ufeff\"\n",
        "sources/tass.yaml": "id: tass\nname: TA\u200dSS\nperspective: Russian state media\n",
    })
    result = cli(root, "validate")
    assert result.exit_code == 2
    assert result.stdout == (
        "claims/a.yaml:7: claim 'road-a': field 'quote' holds an invisible control character U+202E (RIGHT-TO-LEFT OVERRIDE); remove it\n"
        "claims/a.yaml:14: claim 'road-b': field 'speaker' holds an invisible control character U+200B (ZERO WIDTH SPACE); remove it\n"
        "claims/a.yaml:14: claim 'road-b': field 'speaker' holds an invisible control character U+0007; remove it\n"
        "claims/reviews.yaml:3: review: field 'note' holds an invisible control character U+FEFF (ZERO WIDTH NO-BREAK SPACE); remove it\n"
        "claims/subjects.yaml:3: subject 'road': field 'aliases' holds an invisible control character U+2066 (LEFT-TO-RIGHT ISOLATE); remove it\n"
        "claims/subjects.yaml:3: subject 'road': aliases: '\\u2066route' is not a valid id; use letters, digits, '.', '_' and '-' "
        "(no spaces or '/'), e.g. 'gazprom-cnpc-gas-deal'\n"
        "sources/tass.yaml:2: source 'tass': field 'name' holds an invisible control character U+200D (ZERO WIDTH JOINER); remove it\n"
    )
    assert result.stderr == "7 problems\n"


def test_tab_and_newline_are_allowed_in_text(cli, project):
    root = project({"claims/a.yaml": ROAD.format(mark="").replace("  quote: a road of 9 km", "  quote: \"a\\troad\\nof 9 km\"\n  note: |\n    a road\n    of")})
    result = cli(root, "validate")
    assert (result.exit_code, result.stdout) == (0, "ok: 2 claims from 2 outlets, no problems\n")


def test_the_invisible_set_is_every_control_and_format_character_but_tab_and_newline():
    expected = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cc", "Cf")} - {"\t", "\n"}
    assert set(safetext.INVISIBLE.findall("".join(expected))) == expected
    assert safetext.INVISIBLE.findall("Café – “9 km” \t\n\u00a0ok") == []


# --- and shown as their code ---------------------------------------------------------------------


def test_terminal_shows_the_code_not_the_override(cli, project):
    root = project({"claims/a.yaml": ROAD.format(mark=RLO).replace("figure: 9 km", f"figure: 9 km {RLO}evil")})
    out = cli(root, "claims").stdout
    assert RLO not in out
    assert "9 km <U+202E>evil" in out.splitlines()[2]


def test_html_and_markdown_reports_show_the_code_not_the_override(cli, project):
    root = project({"claims/a.yaml": ROAD.format(mark=RLO)},
                   sources={"tass": f"id: tass\nname: TASS {RLO}ssat\nperspective: Russian state media\n",
                            "reuters": "id: reuters\nname: Reuters\nperspective: Western independent\n"})
    html = cli(root, "report", "-f", "html")
    assert html.exit_code == 0
    assert RLO not in html.stdout
    assert "<blockquote>a road of 9 km &lt;U+202E&gt;evil</blockquote>" in html.stdout
    assert "TASS &lt;U+202E&gt;ssat" in html.stdout
    markdown = cli(root, "report", "-f", "md").stdout
    assert RLO not in markdown
    assert "“a road of 9 km &lt;U+202E&gt;evil”" in markdown


def test_json_report_escapes_the_override_and_keeps_the_data(cli, project):
    root = project({"claims/a.yaml": ROAD.format(mark=RLO)})
    out = cli(root, "report", "-f", "json").stdout
    assert RLO not in out and "9 km \\u202eevil" in out
    report = json.loads(out)
    [conflict] = report["conflicts"]
    assert report["claims"][conflict["sides"][0]["claims"][0]]["quote"] == f"a road of 9 km {RLO}evil"


# --- quotes against their archive ----------------------------------------------------------------


def test_quote_matches_its_archive_after_nfc(cli, project):
    quote = unicodedata.normalize("NFD", "at the Café Pushkin, 9 km")
    assert quote != "at the Café Pushkin, 9 km"
    claims = ROAD.format(mark="").replace("quote: a road of 9 km evil", f"quote: {quote}\n  archive: sources/archive/x.txt")
    root = project({"claims/a.yaml": claims, "sources/archive/x.txt": "They met at the Café\nPushkin, 9 km away."})
    result = cli(root, "validate")
    assert (result.exit_code, result.stdout) == (0, "ok: 2 claims from 2 outlets, no problems\n")


def test_quote_differing_only_in_curly_quotes_or_dashes_says_so(cli, project):
    claims = "".join(
        f"- {{id: c{n}, source: tass, subject: road, property: length, figure: 9 km, kind: actual, "
        f"archive: sources/archive/x.txt, quote: '{quote}'}}\n"
        for n, quote in enumerate(["the \"new\" road - 9 km", "the “new” road – 9 km", "the new road of 9 km"], start=1))
    root = project({"claims/a.yaml": claims, "sources/archive/x.txt": "He called it the “new” road — 9 km long."})
    result = cli(root, "validate")
    assert result.exit_code == 2
    assert result.stdout == (
        "claims/a.yaml:1: claim 'c1': quote not found verbatim in sources/archive/x.txt; it differs only in curly/straight "
        "quotes or dashes — copy the quote exactly from the archive\n"
        "claims/a.yaml:2: claim 'c2': quote not found verbatim in sources/archive/x.txt; it differs only in curly/straight "
        "quotes or dashes — copy the quote exactly from the archive\n"
        "claims/a.yaml:3: claim 'c3': quote not found verbatim in sources/archive/x.txt; copy it exactly from the archive "
        "(only whitespace may differ)\n"
    )


# --- an archive is a regular file ----------------------------------------------------------------


ARCHIVED = "- {id: a, source: tass, subject: road, property: length, figure: 9 km, kind: actual, quote: 9 km, archive: sources/archive/x}\n"


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_archive_that_is_not_a_regular_file_is_a_problem_and_never_opened(cli, project, no_hang, kind):
    root = project({"claims/a.yaml": ARCHIVED})
    (root / "sources/archive").mkdir()
    target = root / "sources/archive/x"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif os.geteuid() == 0:
        os.mknod(target, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero: reading it never ends
    else:
        pytest.skip("making a device takes root")
    expected = "claims/a.yaml:1: claim 'a': archive sources/archive/x is not a regular file; give the path of the article's text\n"
    for _ in range(2):  # the second run starts from the saved analysis, whose archives are hashed again
        result = cli(root, "validate")
        assert (result.exit_code, result.stdout) == (2, expected)
        assert cli(root, "check").exit_code == 2


def test_archive_replaced_by_a_pipe_after_a_run_does_not_hang(cli, project, no_hang):
    root = project({"claims/a.yaml": ARCHIVED, "sources/archive/x": "a road of 9 km"})
    assert cli(root, "check").exit_code == 0
    target = root / "sources/archive/x"
    target.unlink()
    os.mkfifo(target)
    result = cli(root, "check")
    assert result.exit_code == 2
    assert "claims/a.yaml:1: claim 'a': archive sources/archive/x is not a regular file" in result.stdout + result.stderr
