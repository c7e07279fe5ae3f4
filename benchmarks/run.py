"""Every command of design §6a at scale, against the floor: the bare PyYAML C-loader parse of the same files.

Run: python benchmarks/run.py [--claims 100000] [--repeat 3] [--work DIR] [--code DIR] [--compare DIR] [--bytecode] [--only NAME ...]

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

`--code DIR` measures the claimcheck found in DIR (a checkout, put first on the module path);
`--compare DIR` measures that code and this one in one run, each run of one alternating with one of
the other, so that both meet the same load on a shared machine: `git archive BASE claimcheck | tar -x
-C DIR`. Beside the seconds, the CPU seconds of the process tree (user and system): on a shared
machine they move less than the elapsed time.

`--bytecode` compiles the measured code's modules first (`compileall`), as `pip install` leaves an
installed package: where PYTHONDONTWRITEBYTECODE is set, or the checkout cannot be written, every run
otherwise compiles claimcheck's modules again (some 0.06 s of each command's start).
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
AWAY = tempfile.mkdtemp(prefix="claimcheck-bench-")
"""Where the measured commands run: `python -m` puts its folder first on the module path, so run from a
checkout it would import that checkout's claimcheck whatever `--code` or `--compare` names."""


def measure(command: list[str]) -> tuple[float, float, float]:
    """Seconds, peak resident megabytes and CPU seconds (user and system) of one command, run to completion."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=output, env=ENV, cwd=AWAY)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            output.seek(0)
            raise SystemExit(f"{' '.join(command)} exited with {code}:\n{output.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def compile_code(path: Path | None) -> None:
    """The measured claimcheck's modules compiled to bytecode beside them (None: the installed one's)."""
    package = path / "claimcheck" if path else Path(subprocess.run(
        [sys.executable, "-c", "import claimcheck, os; print(os.path.dirname(claimcheck.__file__))"],
        capture_output=True, text=True, check=True, cwd=AWAY).stdout.strip())
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def claimcheck(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "--root", str(root), *args]


def median(runs: list[tuple[float, ...]]) -> tuple[float, ...]:
    """The median of each figure (seconds, peak, CPU seconds) over several runs of the same thing."""
    middle = len(runs) // 2
    return tuple(sorted(figures)[middle] for figures in zip(*runs))


def code(path: Path | None) -> None:
    """Measure the claimcheck of this checkout (None: the installed one) from now on."""
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path.resolve()) if path else None, os.environ.get("PYTHONPATH")]))


def cold(root: Path) -> tuple[float, float, float]:
    shutil.rmtree(root / ".claimcheck", ignore_errors=True)
    return measure(claimcheck(root, "check"))


def sync(root: Path) -> None:
    """The index brought up to date with the files, untimed."""
    measure(claimcheck(root, "check"))


def restoring(root: Path, paths: list[str], command: list[str]) -> tuple[float, float, float]:
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


def edit_one(root: Path, edited: Path) -> tuple[float, float, float]:
    """A check right after editing one claims file, from the saved state of the unedited project."""
    sync(root)  # the saved state is the unedited project's
    original = edited.read_text(encoding="utf-8")
    # Change the first claim's figure, in its quote too, so the file stays valid (a figure that is
    # already hedged cannot take a second hedge).
    first, rest = original.split("\n- id:", 1)
    figure = first.split("figure: ", 1)[1].split("\n", 1)[0]
    quote = first.split("quote: ", 1)[1].split("\n", 1)[0]
    said = figure.strip("'\"")  # a figure YAML must quote ('32-year') is in the quote bare
    first = first.replace(f"figure: {figure}", "figure: $1 billion", 1).replace(quote, quote.replace(said, "$1 billion", 1), 1)
    edited.write_text(f"{first}\n- id:{rest}", encoding="utf-8")
    try:
        return measure(claimcheck(root, "check"))
    finally:
        edited.write_text(original, encoding="utf-8")


def first_conflict(root: Path) -> str:
    """A conflict of the project, for `review`: the first line of `check` names one."""
    out = subprocess.run(claimcheck(root, "check"), capture_output=True, text=True, env=ENV, cwd=AWAY).stdout
    return out.split(":", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--huge-group", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind; the table shows their median")
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimcheck-bench"))
    parser.add_argument("--code", type=Path, help="measure the claimcheck of this checkout instead of the installed one")
    parser.add_argument("--compare", type=Path, help="measure the claimcheck of this checkout as 'before', alternating with this one")
    parser.add_argument("--bytecode", action="store_true", help="compile the measured code's modules first, as pip install does")
    parser.add_argument("--only", nargs="*", help="only the rows whose names start with these words (the bare parse always runs)")
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
    report = args.work / "report.html"
    wanted = lambda name: not args.only or any(name.startswith(word) for word in args.only)
    codes = [args.compare, args.code] if args.compare else [args.code]
    names = ["before", "after"] if args.compare else ["seconds"]
    # Each code keeps its index in a copy of the project of its own: an index of other code is rebuilt.
    projects = [spread] if not args.compare else [args.work / f"synth-{args.claims}-{name}" for name in names]
    for project in projects:
        if not (project / "claims").is_dir():
            shutil.copytree(spread, project, ignore=shutil.ignore_patterns(".claimcheck"))

    def runs(one) -> list[tuple[float, ...]]:
        """The median of `repeat` runs of `one(n, project)` for each code, the codes' runs alternating."""
        found: list[list[tuple[float, ...]]] = [[] for _ in codes]
        for n in range(args.repeat):
            for which, path in enumerate(codes):
                code(path)
                found[which].append(one(n, projects[which]))
        return [median(each) for each in found]

    if args.bytecode:
        for path in codes:
            compile_code(path)
    bare = median([measure([sys.executable, "-c", BARE, str(spread)]) for _ in range(args.repeat)])
    rows = [("bare PyYAML C-loader parse", [bare] * len(codes))]

    def run(name: str, one) -> None:
        if wanted(name):
            rows.append((name, runs(one)))
            print(f"  {name}: " + ", ".join(f"{figures[0]:.2f} s" for figures in rows[-1][1]), file=sys.stderr, flush=True)

    conflict = None
    run("cold check (no index)", lambda n, root: cold(root))
    run("warm check (nothing changed)", lambda n, root: measure(claimcheck(root, "check")))
    run(f"check after editing 1 of {len(files)} files",
        lambda n, root: edit_one(root, root / "claims" / files[(n + 1) * len(files) // (args.repeat + 1)].name))
    run("version (start and imports)", lambda n, root: measure(claimcheck(root, "--version")))
    run("show one claim", lambda n, root: measure(claimcheck(root, "show", f"c{4321 + n}")))
    run("add one claim", lambda n, root: restoring(root, ["claims/o7.yaml"], claimcheck(
        root, "add", "--source", "o7", "--subject", "subject-77", "--property", "turnover", "--period", "2022",
        "--figure", f"${300 + n} billion", "--published", "2022-06-20")))
    run("edit one claim", lambda n, root: restoring(root, ["claims/part0042.yaml"], claimcheck(
        root, "edit", f"c{42_001 + n}", "--figure", "$7 billion", "--quote", "the figure was $7 billion")))
    run("rm one claim", lambda n, root: restoring(root, ["claims/part0043.yaml"], claimcheck(root, "rm", f"c{43_002 + n}")))
    if wanted("review"):
        code(codes[-1])
        conflict = first_conflict(projects[-1])
    run("review one conflict", lambda n, root: restoring(root, ["claims/reviews.yaml"], claimcheck(
        root, "review", conflict, "--status", "explained", "--note", "measured")))
    run("outlets", lambda n, root: measure(claimcheck(root, "outlets")))
    run("search", lambda n, root: measure(claimcheck(root, "search", "subject-123")))
    run("claims --outlet", lambda n, root: measure(claimcheck(root, "claims", "--outlet", "o5")))
    run("conflicts -f json", lambda n, root: measure(claimcheck(root, "conflicts", "--format", "json")))
    run("report -f html", lambda n, root: measure(claimcheck(root, "report", "--format", "html", "-o", str(report))))
    run(f"cold check, {args.huge_group:,} claims in one group", lambda n, root: cold(huge))

    which = (f"the code in {args.compare} (before) and {args.code or 'the installed claimcheck'} (after), runs alternating"
             if args.compare else f"the code in {args.code}" if args.code else "the installed claimcheck")
    print(f"{args.claims:,} claims, {size:.1f} MB in {len(files)} files; {os.cpu_count()} cores; Python {sys.version.split()[0]}; "
          f"{which}{'; bytecode compiled first' if args.bytecode else ''}; median of {args.repeat} runs each; x bare: seconds over the bare parse's seconds, CPU over its CPU")
    print()
    head = " | ".join(f"{name} s | x bare | cpu s | x bare | peak MB" for name in names)
    print(f"| {'run':<40} | {head} |")
    print(f"|{'-' * 42}|" + "|".join(["-------:"] * 5 * len(names)) + "|")
    for name, figures in rows:
        cells = " | ".join(f"{seconds:.2f} | {seconds / bare[0]:.3f} | {cpu:.2f} | {cpu / bare[2]:.3f} | {megabytes:.0f}"
                           for seconds, megabytes, cpu in figures)
        print(f"| {name:<40} | {cells} |")
    print()
    if report.exists() and wanted("report"):
        print(f"report -f html wrote {report.stat().st_size / 2**20:.1f} MB (the last code measured)")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(AWAY, ignore_errors=True)
