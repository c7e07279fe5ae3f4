"""How many figures per second `figures.parse` reads, on a realistic mix of news phrasings.

Run: python benchmarks/figures.py [--count N] [--against CHECKOUT [--rounds K]]
Each distinct text is parsed afresh (no cache), so this is the parser's own speed. With --against (a
checkout of another commit, e.g. `git worktree add /tmp/old cdd5d5c`), that code and this are run in
turn, K rounds each in its own process, timed in CPU seconds (which a busy machine moves less than
elapsed ones), and the ratio of their medians printed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from claimcheck.figures import FigureError, parse

TEMPLATES = [
    "${n} billion", "US${n} billion", "about ${n} billion", "more than ${n} million", "up to {n} billion yuan",
    "{n} billion rubles", "€{n}bn", "RMB {n} billion", "{n} percent", "about {n} per cent", "{n}%",
    "{n}-year", "{w} decades", "{w} months", "{n} years", "{n} km", "nearly {n} miles", "{n} bcm",
    "{n} million tonnes", "between {n} and {m} percent", "${n}-{m} billion", "{n} agreements", "{w} projects",
    "roughly {n} million", "less than ${n} billion", "at least {n} years", "More than half", "two-thirds",
]
# Forms the reader learned from real news copy (design section 2a), for a second run: rates, vague
# magnitudes, other currencies, direction words, units beyond the first five dimensions.
NEWS_TEMPLATES = [
    "A${n}bn", "Rs {n} crore", "{n} bcm a year", "{n} million barrels per day", "${n} a barrel", "{n}mtpa",
    "tens of thousands", "hundreds of millions of dollars", "a {n}% drop", "{n}% lower", "{n} GW", "{n} TWh",
    "{n} km/h", "{n} °C", "{n}-year-old", "almost ${m},5 billion", "between ${n}-{m} billion", "₹{n} lakh",
    "{n} square kilometres", "{n} Swiss francs", "upwards of {n} people", "half a million", "{n} hectares",
]
WORDS = ["three", "five", "twelve", "twenty", "forty-five", "six", "a dozen"]


def mix(count: int, seed: int = 7, templates: list[str] = TEMPLATES) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        n = rng.choice([rng.randint(1, 999), round(rng.uniform(1, 500), rng.choice([1, 2]))])
        texts.append(rng.choice(templates).format(n=n, m=int(n) + rng.randint(1, 50), w=rng.choice(WORDS)))
    return texts


def run(texts: list[str], label: str) -> None:
    refused = 0
    started = time.perf_counter()
    for text in texts:
        try:
            parse(text)
        except FigureError:
            refused += 1
    elapsed = time.perf_counter() - started
    print(f"{label}")
    print(f"  figures parsed:      {len(texts):,} ({len(set(texts)):,} distinct, {refused} refused)")
    print(f"  seconds:             {elapsed:.2f}")
    print(f"  figures per second:  {len(texts) / elapsed:,.0f}")


def cpu_rate(texts: list[str]) -> float:
    """Figures per CPU second over `texts`."""
    started = time.process_time()
    for text in texts:
        try:
            parse(text)
        except FigureError:
            pass
    return len(texts) / (time.process_time() - started)


def against(checkout: Path, count: int, rounds: int) -> None:
    """This code and the code of `checkout`, in turn, each round in a new process."""
    rates: dict[str, list[float]] = {"this code": [], str(checkout): []}
    for _ in range(rounds):
        for label, path in (("this code", Path(__file__).resolve().parent.parent), (str(checkout), checkout)):
            found = subprocess.run([sys.executable, __file__, "--count", str(count), "--cpu"], capture_output=True, text=True,
                                   check=True, env={**os.environ, "PYTHONPATH": str(path)})
            rates[label].append(float(found.stdout.split()[-1]))
    mine, theirs = statistics.median(rates["this code"]), statistics.median(rates[str(checkout)])
    print(f"figures per CPU second, median of {rounds} rounds of {2 * count:,} figures (both mixes):")
    print(f"  {checkout}: {theirs:,.0f}")
    print(f"  this code: {mine:,.0f}  ({mine / theirs:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--against", type=Path, help="a checkout of other code to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cpu", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.against:
        against(args.against.resolve(), args.count, args.rounds)
        return
    parse("1 km")  # load pint's registry once, as any real run does before the loop matters
    if args.cpu:
        print(cpu_rate(mix(args.count) + mix(args.count, templates=NEWS_TEMPLATES)))
        return
    run(mix(args.count), "the first mix (the phrasings of the seed corpus and their kin):")
    run(mix(args.count, templates=NEWS_TEMPLATES), "news forms (rates, vague magnitudes, other currencies and units):")

if __name__ == "__main__":
    main()
