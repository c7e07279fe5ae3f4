"""How many figures per second `figures.parse` reads, on a realistic mix of news phrasings.

Run: python benchmarks/figures.py [--seconds N]
Each distinct text is parsed afresh (no cache), so this is the parser's own speed.
"""

from __future__ import annotations

import argparse
import random
import time

from claimcheck.figures import FigureError, parse

TEMPLATES = [
    "${n} billion", "US${n} billion", "about ${n} billion", "more than ${n} million", "up to {n} billion yuan",
    "{n} billion rubles", "€{n}bn", "RMB {n} billion", "{n} percent", "about {n} per cent", "{n}%",
    "{n}-year", "{w} decades", "{w} months", "{n} years", "{n} km", "nearly {n} miles", "{n} bcm",
    "{n} million tonnes", "between {n} and {m} percent", "${n}-{m} billion", "{n} agreements", "{w} projects",
    "roughly {n} million", "less than ${n} billion", "at least {n} years", "More than half", "two-thirds",
]
WORDS = ["three", "five", "twelve", "twenty", "forty-five", "six", "a dozen"]


def mix(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        n = rng.choice([rng.randint(1, 999), round(rng.uniform(1, 500), rng.choice([1, 2]))])
        texts.append(rng.choice(TEMPLATES).format(n=n, m=int(n) + rng.randint(1, 50), w=rng.choice(WORDS)))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()
    texts = mix(args.count)
    parse("1 km")  # load pint's registry once, as any real run does before the loop matters
    refused = 0
    started = time.perf_counter()
    for text in texts:
        try:
            parse(text)
        except FigureError:
            refused += 1
    elapsed = time.perf_counter() - started
    print(f"figures parsed:      {len(texts):,} ({len(set(texts)):,} distinct, {refused} refused)")
    print(f"seconds:             {elapsed:.2f}")
    print(f"figures per second:  {len(texts) / elapsed:,.0f}")


if __name__ == "__main__":
    main()
