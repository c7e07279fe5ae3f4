"""Drafting a 1,000-word article at scale (design §8a: under a second at 100,000 claims), two codes against
each other: `claimcheck extract` of serve.py's article into a synth.py project, the whole command.

Run: python benchmarks/drafting.py BEFORE [--claims 100000] [--rounds 3] [--work DIR] [--warm]

BEFORE is a checkout of the code to compare with (`git archive BASE claimcheck | tar -x -C BEFORE`); this
checkout's code is the other. Each code gets its own copy of the corpus and brings its index up to date,
untimed; then each round times the command once with each code, the codes alternating, so both meet the same
load on a shared machine. Prints each code's seconds and their median, and whether the two drafts are the
same byte for byte (the draft names no time, so they are whenever the codes draft alike).

With --warm each code drafts in one process that stays (as `claimcheck serve` does: Python started and the
modules imported once), through the library function the command calls (`edits.draft_articles`); a first
draft in each, untimed, loads what drafting loads. Beside the seconds, the process's CPU seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from serve import SYNTH, article

HERE = Path(__file__).resolve().parent
WARM = """
import hashlib, sys, time
from pathlib import Path
from claimcheck import edits, extract
root = Path(sys.argv[1])
for _ in sys.stdin:
    started, cpu = time.perf_counter(), time.process_time()
    draft = edits.draft_articles(root, [extract.Listed(str(root / "article.txt"), "o5", published="2022-06-30")], "yaml")
    print(time.perf_counter() - started, time.process_time() - cpu, hashlib.sha256(draft.text.encode()).hexdigest(), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimcheck-drafting"))
    parser.add_argument("--warm", action="store_true", help="draft in one process per code that stays, as a server")
    args = parser.parse_args()

    corpus = args.work / f"synth-{args.claims}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(SYNTH), str(corpus), str(args.claims)], check=True, capture_output=True)
    text = article()
    codes = {"before": args.before.resolve(), "after": HERE.parent}
    projects = {}
    for name, code in codes.items():
        root = args.work / name
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(corpus, root, ignore=shutil.ignore_patterns(".claimcheck"))
        (root / "article.txt").write_text(text, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(code)}
        subprocess.run([sys.executable, "-m", "claimcheck", "--root", str(root), "check"], env=env, cwd=root, capture_output=True)
        projects[name] = (root, env)

    if args.warm:
        return warm(projects, args.rounds, text, args.claims)
    seconds: dict[str, list[float]] = {name: [] for name in codes}
    drafts: dict[str, str] = {}
    for _ in range(args.rounds):
        for name, (root, env) in projects.items():
            started = time.perf_counter()
            run = subprocess.run([sys.executable, "-m", "claimcheck", "--root", str(root), "extract", "article.txt",
                                  "--source", "o5", "--published", "2022-06-30", "-f", "yaml"],
                                 env=env, cwd=root, capture_output=True, text=True)
            seconds[name].append(time.perf_counter() - started)
            if run.returncode != 0:
                raise SystemExit(f"{name}: extract exited with {run.returncode}:\n{run.stderr[-2000:]}")
            drafts.setdefault(name, run.stdout)
    print(f"{len(text.split()):,}-word article into {args.claims:,} claims; {os.cpu_count()} cores; rounds alternating")
    for name in codes:
        print(f"  {name:<6} {' '.join(f'{s:.2f}' for s in seconds[name])}  median {statistics.median(seconds[name]):.2f} s")
    print("  the same drafts:", drafts["before"] == drafts["after"])


def warm(projects: dict[str, tuple[Path, dict]], rounds: int, text: str, claims: int) -> None:
    """Each code drafts in a process of its own that stays; a first draft each, untimed, then `rounds`
    rounds, the codes alternating."""
    workers = {name: subprocess.Popen([sys.executable, "-c", WARM, str(root)], env=env, cwd=root, text=True,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE)
               for name, (root, env) in projects.items()}
    seconds: dict[str, list[float]] = {name: [] for name in workers}
    cpu: dict[str, list[float]] = {name: [] for name in workers}
    drafts: dict[str, str] = {}
    try:
        for round_ in range(rounds + 1):
            for name, worker in workers.items():
                worker.stdin.write("draft\n")
                worker.stdin.flush()
                answer = worker.stdout.readline().split()
                if len(answer) != 3:
                    raise SystemExit(f"{name}: the drafting process ended")
                drafts.setdefault(name, answer[2])
                if round_:
                    seconds[name].append(float(answer[0]))
                    cpu[name].append(float(answer[1]))
    finally:
        for worker in workers.values():
            worker.stdin.close()
            worker.wait()
    print(f"{len(text.split()):,}-word article into {claims:,} claims; {os.cpu_count()} cores; each code in a process "
          f"that stays, after a first draft; rounds alternating")
    for name in workers:
        print(f"  {name:<6} {' '.join(f'{s:.2f}' for s in seconds[name])}  median {statistics.median(seconds[name]):.2f} s, "
              f"CPU median {statistics.median(cpu[name]):.2f} s")
    print("  the same drafts:", drafts["before"] == drafts["after"])


if __name__ == "__main__":
    main()
