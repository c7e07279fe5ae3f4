"""How fast `claimcheck serve` answers at scale: every page, and every page while an edit is indexed.

Run: python benchmarks/serve.py [--claims N] [--repeat K] [--code DIR]

Makes (or reuses) a corpus of N claims with ../shared/bench/synth.py, brings its index up to date,
starts `claimcheck serve` on it and loads the overview once (the first load). Then:
- each page K times over HTTP, the median and the slowest (the floor is the server's round trip
  for its stylesheet, measured in the same run);
- one claims file of a hundred edited on disk (a figure changed), then the pages loaded one after
  another, round and round, until the edited claim's page shows the new figure: how many loads
  that took, their median and the slowest, and how long until the edit showed.
`--code DIR` serves the claimcheck of that checkout (see run.py), to measure before and after in one run.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYNTH = HERE.parent.parent / "shared" / "bench" / "synth.py"


def fetch(url: str) -> tuple[float, str]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as answer:
        text = answer.read().decode("utf-8")
    return time.perf_counter() - started, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/claimcheck-bench"))
    parser.add_argument("--code", type=Path, help="serve the claimcheck of this checkout instead of the installed one")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.code:
        env["PYTHONPATH"] = str(args.code.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
    root = args.dir / f"synth-{args.claims}"
    if not (root / "claims").is_dir():
        subprocess.run([sys.executable, str(SYNTH), str(root), str(args.claims)], check=True)
    command = [sys.executable, "-m", "claimcheck", "--root", str(root)]
    checked = subprocess.run([*command, "check"], capture_output=True, text=True, env=env).stdout.splitlines()
    conflicts = [line.split(":", 1)[0] for line in checked if line.startswith("subject-")]

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*command, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
    edited = root / "claims" / "part0050.yaml"
    original = edited.read_text(encoding="utf-8")
    try:
        while True:
            try:
                fetch(base + "/style.css")
                break
            except OSError:
                time.sleep(0.2)
        first = fetch(base + "/")[0]
        pages = {
            "stylesheet (the floor)": "/style.css",
            "overview": "/",
            "conflicts, open, page 1": "/conflicts",
            "conflicts, all, page 40": "/conflicts?status=all&page=40",
            "conflicts of one outlet": "/conflicts?status=all&outlet=o5",
            "conflicts by spread": "/conflicts?sort=spread",
            "conflicts of one perspective": "/conflicts?status=all&perspective=Western+analysis",
            "conflicts of a week": "/conflicts?status=all&since=2022-06-15&until=2022-06-21",
            "a conflict's page": f"/conflicts/{conflicts[len(conflicts) // 2]}",
            "outlets": "/outlets",
            "one outlet's claims": "/outlets/o5",
            "claims, page 1": "/claims",
            "claims, search": "/claims?q=subject-123",
            "a claim's page": "/claims/c4321",
        }
        times = {name: [fetch(base + path)[0] for _ in range(args.repeat)] for name, path in pages.items()}

        # An edit on disk: the first claim's figure, in its quote too.
        figure = original.split("figure: ", 1)[1].split("\n", 1)[0]
        claim = original.split("- id: ", 1)[1].split("\n", 1)[0]
        edited.write_text(original.replace(f"figure: {figure}", "figure: $1 billion", 1)
                          .replace(f"figure was {figure}", "figure was $1 billion", 1), encoding="utf-8")
        edit_started, during = time.perf_counter(), []
        while True:
            for path in pages.values():
                during.append(fetch(base + path)[0])
            seconds, text = fetch(f"{base}/claims/{claim}")
            during.append(seconds)
            if "$1 billion" in text or time.perf_counter() - edit_started > 300:
                break
        shown = time.perf_counter() - edit_started
    finally:
        edited.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()
    floor = statistics.median(times["stylesheet (the floor)"])
    code = f"the code in {args.code}" if args.code else "the installed claimcheck"
    print(f"{args.claims:,} claims, {len(conflicts):,} open conflicts; {code}; first load {first:.2f} s; "
          f"median of {args.repeat} loads each after it")
    print()
    print("| page                            |  median ms |  slowest ms |  x floor |")
    print("|---------------------------------|-----------:|------------:|---------:|")
    for name, runs in times.items():
        middle = statistics.median(runs)
        print(f"| {name:31} | {middle * 1000:10.1f} | {max(runs) * 1000:11.1f} | {middle / floor:8.1f} |")
    print(f"| {'every page while an edit is indexed':31} | {statistics.median(during) * 1000:10.1f} | "
          f"{max(during) * 1000:11.1f} | {statistics.median(during) / floor:8.1f} |")
    print()
    print(f"while one file of {len(list((root / 'claims').glob('*.yaml')))} was indexed: {len(during)} loads; "
          f"the edit showed after {shown:.2f} s")


if __name__ == "__main__":
    main()
