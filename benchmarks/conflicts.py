"""The conflict check on 10,000 claims in one comparable group versus spread over many groups.

Run: python benchmarks/conflicts.py [--claims N]
Sides are found by a sort and a sweep (O(n log n)), so one huge group should cost
about what the same number of claims costs spread over many small groups.
"""

from __future__ import annotations

import argparse
import random
import time

from claimcheck import check, figures
from claimcheck.models import Claim, Corpus, Source

FORMS = ["${v} billion", "about ${v} billion", "US${v} billion", "more than ${v} billion", "up to ${v} billion", "{v} billion yuan"]


def corpus(n: int, groups: int, seed: int = 3) -> Corpus:
    rng = random.Random(seed)
    sources = {f"o{i}": Source(id=f"o{i}", name=f"Outlet {i}", perspective=f"p{i % 7}") for i in range(300)}
    claims = []
    for i in range(n):
        value = round(rng.uniform(100, 300), rng.choice([0, 1]))
        claims.append(Claim(
            id=f"c{i}", source=f"o{rng.randrange(300)}", subject=f"s{i % groups}", property="value",
            period="2014", figure=rng.choice(FORMS).format(v=value), kind="actual", published="2014-10-13",
        ))
    return Corpus(sources=sources, claims=claims)


def timed(data: Corpus) -> tuple[float, int]:
    started = time.perf_counter()
    read, _ = figures.read_claims(data)
    findings = check.check(data, read)
    return time.perf_counter() - started, len(findings.conflicts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    args = parser.parse_args()
    figures.parse("1 km")
    spread, huge = corpus(args.claims, args.claims // 4), corpus(args.claims, 1)
    timed(corpus(200, 50))  # load the ECB history once, as every real run does
    (t_spread, c_spread), (t_huge, c_huge) = timed(spread), timed(huge)
    print(f"{'corpus':<34}{'seconds':>9}{'conflicts':>11}")
    print(f"{f'{args.claims:,} claims in {args.claims // 4:,} groups':<34}{t_spread:>9.3f}{c_spread:>11}")
    print(f"{f'{args.claims:,} claims in one group':<34}{t_huge:>9.3f}{c_huge:>11}")
    print(f"one group / many groups: {t_huge / t_spread:.2f}x")


if __name__ == "__main__":
    main()
