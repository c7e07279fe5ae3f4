"""A longer fuzzing run than the test suite's: random YAML-ish documents through the loader, random
bytes through the YAML reader, and random text around numbers through the figure parser.

Run: python benchmarks/fuzz.py [--count N] [--seed S]
Prints how many inputs each target took and how many exceptions escaped (must be 0).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import traceback
from pathlib import Path

from claimcheck import store, yamlsafe
from claimcheck.figures import FigureError, parse

YAML_PIECES = ["- ", "id: ", "a", "\n", "  ", ":", "&x ", "*x", "!!str ", "!!python/object ", "!tag ", "[", "]", "{", "}",
               "'", '"', "source: tass", "figure: ", "$5 billion", "kind: actual", "period: 2022-13", "#", "|", ">",
               "<<: ", "\t", "- - ", "? ", "null", "~", "\x00", "\ufeff", "é", "archive: ../x", "quote: q", "%YAML 1.1\n", "---\n"]
FIGURE_PIECES = ["about ", "up to ", "between ", " and ", " to ", "-", "–", "$", "US$", "€", "₽", "¥", "5", "1,500", "3.25",
                 "forty-two", "half", "%", " percent", " billion", "bn", " yuan", " km", " miles", " bcm", " years",
                 " decades", "a ", "the ", ",", ".", " ", "nearly ", "or more", "\x1b[2J", "9" * 40]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    escaped = {"loader": 0, "bytes": 0, "figures": 0}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "claims").mkdir()
        (root / "sources").mkdir()
        (root / "sources/tass.yaml").write_text("id: tass\nname: TASS\nperspective: state media\n")
        started = time.perf_counter()
        for n in range(args.count):
            document = "".join(rng.choice(YAML_PIECES) for _ in range(rng.randint(0, 40)))
            try:
                store.load(store.Project(root, {"claims/fuzz.yaml": document}))
            except Exception:  # noqa: BLE001 - counting what escapes is the point
                escaped["loader"] += 1
                if escaped["loader"] == 1:
                    traceback.print_exc()
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 60))).decode("utf-8", "replace")
            try:
                yamlsafe.parse(data)
            except yamlsafe.YamlProblem:
                pass
            except Exception:  # noqa: BLE001
                escaped["bytes"] += 1
            text = "".join(rng.choice(FIGURE_PIECES) for _ in range(rng.randint(0, 8)))
            try:
                parse(text)
            except FigureError:
                pass
            except Exception:  # noqa: BLE001
                escaped["figures"] += 1
        elapsed = time.perf_counter() - started
    print(f"inputs per target:  {args.count:,} (seed {args.seed}, {elapsed:.0f} s)")
    for target, count in escaped.items():
        print(f"{target + ' exceptions escaped:':<28}{count}")


if __name__ == "__main__":
    main()
