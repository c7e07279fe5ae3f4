"""claimcheck check at scale, against the floor: the bare PyYAML C-loader parse of the same files.

Run: python benchmarks/run.py [--claims 100000] [--repeat 3] [--work DIR]
Generates two projects with ../shared/bench/synth.py, the corpus every speed ratio is judged on
(claims spread over many comparable groups of about five, and the same with 10,000 claims in one
group), then times in separate processes: the bare parse, a cold check (no index), a warm check
(nothing changed), a check after editing one file of a hundred (each run edits another file), and a
cold check of the huge-group project. Each is run three times and the table shows the median, since
single runs on a small machine vary by up to a quarter. Peak memory is the largest resident set of
the process tree.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BARE = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
data = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in sorted((root / "claims").glob("*.yaml"))]
data += [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in sorted((root / "sources").glob("*.yaml"))]
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident megabytes of one command, run to completion."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            output.seek(0)
            raise SystemExit(f"{' '.join(command)} exited with {code}:\n{output.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def check(root: Path) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "--root", str(root), "check"]


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median seconds and the median peak of several runs of the same thing."""
    middle = len(runs) // 2
    return sorted(r[0] for r in runs)[middle], sorted(r[1] for r in runs)[middle]


def cold(root: Path) -> tuple[float, float]:
    shutil.rmtree(root / ".claimcheck", ignore_errors=True)
    return measure(check(root))


def edit_one(root: Path, edited: Path) -> tuple[float, float]:
    """A check right after editing one claims file, from the saved state of the unedited project."""
    measure(check(root))  # the saved state is the unedited project's
    original = edited.read_text(encoding="utf-8")
    # Change the first claim's figure, in its quote too, so the file stays valid (a figure that is
    # already hedged cannot take a second hedge).
    figure = original.split("figure: ", 1)[1].split("\n", 1)[0]
    edited.write_text(original.replace(f"figure: {figure}", "figure: $1 billion", 1)
                      .replace(f"figure was {figure}", "figure was $1 billion", 1), encoding="utf-8")
    try:
        return measure(check(root))
    finally:
        edited.write_text(original, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--huge-group", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind; the table shows their median")
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimcheck-bench"))
    parser.add_argument("--synth", type=Path, default=HERE.parent.parent / "shared" / "bench" / "synth.py",
                        help="the shared corpus generator (default: ../shared/bench/synth.py beside the checkout)")
    args = parser.parse_args()
    if not args.synth.is_file():
        raise SystemExit(f"{args.synth} not found: pass --synth PATH to shared/bench/synth.py")
    spread, huge = args.work / f"synth-{args.claims}", args.work / f"synth-{args.claims}-big-{args.huge_group}"
    for root, extra in ((spread, []), (huge, ["--big-group", str(args.huge_group)])):
        if not (root / "claims").is_dir():
            subprocess.run([sys.executable, str(args.synth), str(root), str(args.claims), *extra], check=True)
    size = sum(p.stat().st_size for p in (spread / "claims").glob("*.yaml")) / 2**20
    files = sorted((spread / "claims").glob("*.yaml"))
    times = range(args.repeat)

    bare = median([measure([sys.executable, "-c", BARE, str(spread)]) for _ in times])
    spread_cold = median([cold(spread) for _ in times])
    warm = median([measure(check(spread)) for _ in times])
    edits = [edit_one(spread, files[(n + 1) * len(files) // (args.repeat + 1)]) for n in times]
    huge_cold = median([cold(huge) for _ in times])
    rows = [
        ("bare PyYAML C-loader parse", *bare),
        ("cold check (no index)", *spread_cold),
        ("warm check (nothing changed)", *warm),
        (f"check after editing 1 of {len(files)} files", *median(edits)),
        (f"cold check, {args.huge_group:,} claims in one group", *huge_cold),
    ]

    print(f"{args.claims:,} claims, {size:.1f} MB in {len(files)} files; {os.cpu_count()} cores; Python {sys.version.split()[0]}; "
          f"median of {args.repeat} runs each")
    print()
    print(f"| {'run':<40} | {'seconds':>8} | {'x bare':>7} | {'peak MB':>8} | {'x bare':>7} |")
    print(f"|{'-' * 42}|{'-' * 9}:|{'-' * 8}:|{'-' * 9}:|{'-' * 8}:|")
    for name, seconds, megabytes in rows:
        print(f"| {name:<40} | {seconds:>8.2f} | {seconds / bare[0]:>7.2f} | {megabytes:>8.0f} | {megabytes / bare[1]:>7.2f} |")
    print()
    print(f"one group / spread over many groups (cold): {huge_cold[0] / spread_cold[0]:.2f}x")
    print(f"editing one file of {len(files)} ({', '.join(f'{e[0]:.2f}' for e in edits)} s, each another file) costs "
          f"{median(edits)[0] - warm[0]:.2f} s more than a warm check; the bare parse of one file is about "
          f"{bare[0] / len(files):.2f} s")


if __name__ == "__main__":
    main()
