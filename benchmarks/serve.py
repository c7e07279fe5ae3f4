"""How fast `claimcheck serve` renders its pages at scale, after the first load.

Run: python benchmarks/serve.py [--claims N] [--repeat K]

Makes (or reuses) a corpus of N claims with ../shared/bench/synth.py, starts `claimcheck serve` on
it, loads the overview once (the first load: the index, the analysis), then times each page K
times over HTTP and prints the median. The floor is the server's round trip for its stylesheet,
measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYNTH = HERE.parent.parent / "shared" / "bench" / "synth.py"


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as answer:
        answer.read()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/claimcheck-bench"))
    args = parser.parse_args()
    root = args.dir / f"synth-{args.claims}"
    if not (root / "claims").is_dir():
        subprocess.run([sys.executable, str(SYNTH), str(root), str(args.claims)], check=True)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "claimcheck", "--root", str(root), "serve", "--port", str(port)])
    try:
        while True:
            try:
                fetch(base + "/style.css")
                break
            except OSError:
                time.sleep(0.2)
        first = fetch(base + "/")
        listed = json.loads(subprocess.run([sys.executable, "-m", "claimcheck", "--root", str(root), "conflicts", "--all",
                                            "--format", "json"], capture_output=True, text=True, check=True).stdout)
        conflict = listed["conflicts"][len(listed["conflicts"]) // 2]["id"]
        pages = {
            "stylesheet (the floor)": "/style.css",
            "overview": "/",
            "conflicts, open, page 1": "/conflicts",
            "conflicts, all, page 40": "/conflicts?status=all&page=40",
            "conflicts of one outlet": f"/conflicts?status=all&outlet={listed['conflicts'][0]['sides'][0]['outlets'][0]}",
            "a conflict's page": f"/conflicts/{conflict}",
        }
        times = {name: statistics.median(fetch(base + path) for _ in range(args.repeat)) for name, path in pages.items()}
    finally:
        server.terminate()
        server.wait()
    floor = times["stylesheet (the floor)"]
    print(f"{args.claims:,} claims, {len(listed['conflicts']):,} conflicts; first load (index, analysis) {first:.2f} s; "
          f"median of {args.repeat} loads each after it")
    print("| page                            |      ms |  x floor |")
    print("|---------------------------------|--------:|---------:|")
    for name, seconds in times.items():
        print(f"| {name:31} | {seconds * 1000:7.1f} | {seconds / floor:8.1f} |")


if __name__ == "__main__":
    main()
