"""Loading one very large claims file: time and time per megabyte at growing sizes (linear, not quadratic).

Run: python benchmarks/large_file.py [--sizes 5,10,25,50]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from claimcheck import store

CLAIM = """- id: c{n}
  source: tass
  url: https://example.org/news/{n}
  published: 2023-04-05
  subject: subject-{g}
  property: value
  period: '2022'
  figure: about ${v} billion
  kind: actual
  quote: Trade reached about ${v} billion last year, the ministry said in a statement on its website.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5,10,25,50", help="megabytes, comma-separated")
    args = parser.parse_args()
    print(f"{'MB':>6}{'claims':>10}{'seconds':>10}{'s per MB':>10}")
    for megabytes in map(int, args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "claims").mkdir()
            (root / "sources").mkdir()
            (root / "sources/tass.yaml").write_text("id: tass\nname: TASS\nperspective: state media\n")
            parts, size, n = [], 0, 0
            while size < megabytes * 2**20:
                text = CLAIM.format(n=n, g=n % 997, v=100 + n % 300)
                parts.append(text)
                size += len(text)
                n += 1
            (root / "claims/big.yaml").write_text("".join(parts))
            started = time.perf_counter()
            corpus, problems = store.load(root)
            elapsed = time.perf_counter() - started
            assert not problems and len(corpus.claims) == n
            print(f"{size / 2**20:>6.1f}{n:>10,}{elapsed:>10.2f}{elapsed / (size / 2**20):>10.3f}")


if __name__ == "__main__":
    main()
