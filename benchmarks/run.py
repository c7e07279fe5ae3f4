"""Every command of design §6a at scale, against the floor: the bare PyYAML C-loader parse of the same files.

Run: python benchmarks/run.py [--claims 100000] [--repeat 3] [--work DIR] [--code DIR] [--only NAME ...]

Generates two projects with ../shared/bench/synth.py, the corpus every speed ratio is judged on
(claims spread over many comparable groups of about five, and the same with 10,000 claims in one
group), then times each command in a separate process, `--repeat` times, and prints the median of
the seconds and of the peak resident memory (the largest resident set of the process tree), each
also as a multiple of the bare parse measured in the same run: the machine is shared, so only
ratios from one run compare.

The commands: a cold check (no index), a warm check (nothing changed), a check after editing one
file of a hundred (each run another file), show, add, edit, rm and review (each from a warm index;
the file a write changed is put back and the index brought up to date before the next, untimed),
outlets, search, claims --outlet, conflicts -f json, report -f html (with the size of the file it
writes), the version (Python's start and the imports) and a cold check of the huge-group project.

`--code DIR` measures the claimcheck found in DIR (a checkout, put first on the module path), so the
code before a change is measured in the same run as after it: `git archive BASE | tar -x -C DIR`.
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
ENV = dict(os.environ)


def measure(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident megabytes of one command, run to completion."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=output, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            output.seek(0)
            raise SystemExit(f"{' '.join(command)} exited with {code}:\n{output.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def claimcheck(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "--root", str(root), *args]


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median seconds and the median peak of several runs of the same thing."""
    middle = len(runs) // 2
    return sorted(r[0] for r in runs)[middle], sorted(r[1] for r in runs)[middle]


def cold(root: Path) -> tuple[float, float]:
    shutil.rmtree(root / ".claimcheck", ignore_errors=True)
    return measure(claimcheck(root, "check"))


def sync(root: Path) -> None:
    """The index brought up to date with the files, untimed."""
    measure(claimcheck(root, "check"))


def restoring(root: Path, paths: list[str], command: list[str]) -> tuple[float, float]:
    """One command that writes, from a warm index; the files it may change put back afterwards."""
    saved = {path: (root / path).read_bytes() if (root / path).exists() else None for path in paths}
    sync(root)
    try:
        return measure(command)
    finally:
        for path, data in saved.items():
            if data is None:
                (root / path).unlink(missing_ok=True)
            else:
                (root / path).write_bytes(data)
        sync(root)


def edit_one(root: Path, edited: Path) -> tuple[float, float]:
    """A check right after editing one claims file, from the saved state of the unedited project."""
    sync(root)  # the saved state is the unedited project's
    original = edited.read_text(encoding="utf-8")
    # Change the first claim's figure, in its quote too, so the file stays valid (a figure that is
    # already hedged cannot take a second hedge).
    figure = original.split("figure: ", 1)[1].split("\n", 1)[0]
    edited.write_text(original.replace(f"figure: {figure}", "figure: $1 billion", 1)
                      .replace(f"figure was {figure}", "figure was $1 billion", 1), encoding="utf-8")
    try:
        return measure(claimcheck(root, "check"))
    finally:
        edited.write_text(original, encoding="utf-8")


def first_conflict(root: Path) -> str:
    """A conflict of the project, for `review`: the first line of `check` names one."""
    out = subprocess.run(claimcheck(root, "check"), capture_output=True, text=True, env=ENV).stdout
    return out.split(":", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--huge-group", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind; the table shows their median")
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimcheck-bench"))
    parser.add_argument("--code", type=Path, help="measure the claimcheck of this checkout instead of the installed one")
    parser.add_argument("--only", nargs="*", help="only the rows whose names start with these words (the bare parse always runs)")
    parser.add_argument("--synth", type=Path, default=HERE.parent.parent / "shared" / "bench" / "synth.py",
                        help="the shared corpus generator (default: ../shared/bench/synth.py beside the checkout)")
    args = parser.parse_args()
    if not args.synth.is_file():
        raise SystemExit(f"{args.synth} not found: pass --synth PATH to shared/bench/synth.py")
    if args.code:
        ENV["PYTHONPATH"] = str(args.code.resolve()) + os.pathsep + ENV.get("PYTHONPATH", "")
    spread, huge = args.work / f"synth-{args.claims}", args.work / f"synth-{args.claims}-big-{args.huge_group}"
    for root, extra in ((spread, []), (huge, ["--big-group", str(args.huge_group)])):
        if not (root / "claims").is_dir():
            subprocess.run([sys.executable, str(args.synth), str(root), str(args.claims), *extra], check=True)
    size = sum(p.stat().st_size for p in (spread / "claims").glob("*.yaml")) / 2**20
    files = sorted((spread / "claims").glob("*.yaml"))
    times = range(args.repeat)
    report = args.work / "report.html"
    wanted = lambda name: not args.only or any(name.startswith(word) for word in args.only)

    rows = [("bare PyYAML C-loader parse", *median([measure([sys.executable, "-c", BARE, str(spread)]) for _ in times]))]
    bare = rows[0][1:]
    edits: list[tuple[float, float]] = []
    conflict = None

    def run(name: str, one) -> None:
        if wanted(name):
            rows.append((name, *median([one(n) for n in times])))
            print(f"  {name}: {rows[-1][1]:.2f} s", file=sys.stderr, flush=True)

    run("cold check (no index)", lambda n: cold(spread))
    run("warm check (nothing changed)", lambda n: measure(claimcheck(spread, "check")))
    if wanted("check after"):
        edits = [edit_one(spread, files[(n + 1) * len(files) // (args.repeat + 1)]) for n in times]
        rows.append((f"check after editing 1 of {len(files)} files", *median(edits)))
    run("version (start and imports)", lambda n: measure(claimcheck(spread, "--version")))
    run("show one claim", lambda n: measure(claimcheck(spread, "show", f"c{4321 + n}")))
    run("add one claim", lambda n: restoring(spread, ["claims/o7.yaml"], claimcheck(
        spread, "add", "--source", "o7", "--subject", "subject-77", "--property", "turnover", "--period", "2022",
        "--figure", f"${300 + n} billion", "--published", "2022-06-20")))
    run("edit one claim", lambda n: restoring(spread, ["claims/part0042.yaml"], claimcheck(
        spread, "edit", f"c{42_001 + n}", "--figure", "$7 billion", "--quote", "the figure was $7 billion")))
    run("rm one claim", lambda n: restoring(spread, ["claims/part0043.yaml"], claimcheck(spread, "rm", f"c{43_002 + n}")))
    if wanted("review"):
        conflict = first_conflict(spread)
    run("review one conflict", lambda n: restoring(spread, ["claims/reviews.yaml"], claimcheck(
        spread, "review", conflict, "--status", "explained", "--note", "measured")))
    run("outlets", lambda n: measure(claimcheck(spread, "outlets")))
    run("search", lambda n: measure(claimcheck(spread, "search", "subject-123")))
    run("claims --outlet", lambda n: measure(claimcheck(spread, "claims", "--outlet", "o5")))
    run("conflicts -f json", lambda n: measure(claimcheck(spread, "conflicts", "--format", "json")))
    run("report -f html", lambda n: measure(claimcheck(spread, "report", "--format", "html", "-o", str(report))))
    run(f"cold check, {args.huge_group:,} claims in one group", lambda n: cold(huge))

    code = f"the code in {args.code}" if args.code else "the installed claimcheck"
    print(f"{args.claims:,} claims, {size:.1f} MB in {len(files)} files; {os.cpu_count()} cores; Python {sys.version.split()[0]}; "
          f"{code}; median of {args.repeat} runs each")
    print()
    print(f"| {'run':<40} | {'seconds':>8} | {'x bare':>7} | {'peak MB':>8} |")
    print(f"|{'-' * 42}|{'-' * 9}:|{'-' * 8}:|{'-' * 9}:|")
    for name, seconds, megabytes in rows:
        print(f"| {name:<40} | {seconds:>8.2f} | {seconds / bare[0]:>7.3f} | {megabytes:>8.0f} |")
    print()
    if report.exists() and wanted("report"):
        print(f"report -f html wrote {report.stat().st_size / 2**20:.1f} MB")
    if edits:
        print(f"editing one file of {len(files)} ({', '.join(f'{e[0]:.2f}' for e in edits)} s, each another file)")


if __name__ == "__main__":
    main()
