"""Reading and finding are one grammar: every figure `figures.parse` reads as a whole is found by
`extract.scan` when it stands in a sentence, with the same reading, or refused there with a reason.

Run: python tests/agreement.py [--list]   (the disagreements by cause, and each one with --list)

The figures are the project's own (its claims' figure fields and the benchmark mix of
benchmarks/figures.py) and, when ../shared is there, the surfaces quantulum3 annotated. Each is put
into neutral sentence frames: at the start, in the middle, at the end, before a period, and twice
after "from ... to". In each, its finding is one of:
- found: a figure found where it stands, reading as the field does (an article the sentence keeps
  outside the figure, "a 5% drop" found as "5% drop", and a closing quote mark are no difference);
- refused: no figure found there, but the number refused with a reason the user sees;
- missed: nothing found or refused there, silently;
- misread: a figure found where it stands that reads otherwise than the field;
- other span: a figure found that starts or ends elsewhere (part of it, or more than it).
A few forms are a sentence's and not a figure's there, by design: `EXEMPT` says which and why.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import quantulum  # noqa: E402
from claimcheck.extract import scan_all  # noqa: E402
from claimcheck.figures import FigureError, parse  # noqa: E402

FRAMES = ("{F} was reported.", "They said {f} was reported on Monday.", "The figure was {f}", "The figure was {f}.",
          "It was {f}, officials said.",
          "It rose from {f} to {f}.")
FROM_TO = FRAMES[-1]

EXEMPT = {
    "a bare year": re.compile(r"(1[89]|20)\d\d"),  # "in 2015": a date in a sentence, a count only as a field
    "a bare number before 'in'": re.compile(r"[\d /]+ in"),  # "2 in 10": the preposition, not inches
    "an article and a word, no number": re.compile(r"(?i)(a|an) [a-z]+"),  # "a gallon", "a dozen": in a sentence
    "a multiplier or a share with nothing after it": re.compile(  # "a gross profit", "settled a score"
        r"(?i)a (square|baker's) dozen|more than half"),  # "more than half the ...": "half" is a share before "of"
}
"""Figures whose sentence reading differs from their field reading by design, each with its reason."""


def project_figures() -> list[str]:
    """The project's claims' figure fields and the benchmark mix (a fixed seed): needs nothing outside."""
    import figures as bench  # benchmarks/figures.py

    texts = [str(c["figure"]) for path in sorted((ROOT / "claims").glob("*.yaml"))
             for c in yaml.safe_load(path.read_text(encoding="utf-8")) or [] if isinstance(c, dict) and c.get("figure")]
    return list(dict.fromkeys(texts + bench.mix(400) + bench.mix(400, 3, bench.NEWS_TEMPLATES)))


def shared_figures() -> list[str]:
    """The surfaces quantulum3 annotated (../shared/data/quantulum3)."""
    return list(dict.fromkeys(q["surface"].strip() for name in ("quantities.json", "quantities.ambiguity.json")
                              for entry in json.loads((quantulum.DATA / name).read_text(encoding="utf-8"))
                              for q in entry["res"]))


def _same(a, b) -> bool:
    return (a.value, a.low, a.high, a.unit, a.dimension) == (b.value, b.low, b.high, b.unit, b.dimension)


def _worded_range(text: str) -> bool:
    """'3 to 4 L', 'between 5 and 6%': no sentence writes them inside 'from ... to' (a dashed one it may)."""
    return bool(re.search(r"(?i)\b(to|and|or|between|from)\b", text))


def findings(text: str) -> list[tuple[str, str]]:
    """(frame, finding) for one figure the field reads; [] when parse refuses it or it is exempt."""
    try:
        want = parse(text)
    except FigureError:
        return []
    if any(pattern.fullmatch(text) for pattern in EXEMPT.values()):
        return []
    result = []
    for frame in FRAMES:
        if frame == FROM_TO and (_worded_range(text) or want.qualifier not in ("exact", "range", "about")):
            continue  # "from more than half to ...": no sentence writes it
        sentence = frame.format(f=text, F=text[:1].upper() + text[1:])
        at = [m.start() for m in re.finditer(re.escape(text), sentence, re.IGNORECASE)]
        scanned = scan_all(sentence, everything=True)
        for start in at:
            result.append((frame, _finding(text, start, want, scanned)))
    return result


def _finding(text: str, start: int, want, scanned) -> str:
    end = start + len(text)
    core = re.sub(r"(?i)^(an?|the) ", "", text).rstrip("'’")
    for found in scanned.found:
        if found.start < end and start < found.end:
            if found.text.lower() not in (text.lower(), core.lower()):
                return "other span"
            return "found" if _same(found.figure, want) else "misread"
    if any(start <= refused.start < end for refused in scanned.refused):
        return "refused"
    return "missed"


def disagreements(texts: list[str]) -> Counter:
    """(finding, frame, text) of every figure that is not found alike, counted."""
    return Counter((finding, frame, text) for text in texts for frame, finding in findings(text) if finding != "found")


def main() -> None:
    texts = project_figures() + (shared_figures() if quantulum.available() else [])
    seen = disagreements(texts)
    causes = Counter((finding, frame) for finding, frame, _ in seen.elements())
    for (finding, frame), count in sorted(causes.items()):
        print(f"{count:5}  {finding:11} {frame}")
    if "--list" in sys.argv:
        for finding, frame, text in sorted(seen):
            print(f"{finding:11} {frame.format(f=text, F=text)!r}")
    print(f"{len(texts)} figures, {len(seen)} disagreements")


if __name__ == "__main__":
    random.seed(0)
    main()
