"""`check` on one machine against `check --engine dask` (design §10), at 100,000 claims and, with
--million, at 1,000,000: seconds and the peak resident memory of each process.

Run: python benchmarks/dask_check.py [--claims 100000] [--million] [--work DIR] [--workers 2]

For each size it writes the shared synthetic corpus (../shared/bench/synth.py) and times, each in its
own processes:
- the bare PyYAML C-loader parse of the same files (the floor every ratio is taken against);
- the one-machine `check` from no index (it parses on all cores and writes .claimcheck/index.sqlite);
- `check --engine dask` as people run it: the command starts a local cluster of this machine's cores;
- the same run on a cluster already up (`dask scheduler` and --workers `dask worker` processes of one
  thread, started here), through the library call the command makes (`engines.dask.run`), with Dask's
  task stream: the seconds each kind of task computed (reading the files, checking the buckets, the
  shuffle's pieces) and spent fetching its inputs from other workers, and the driver's own CPU
  seconds, which is what a larger cluster would not divide.
Peak memory is sampled every 0.1 s for every process of the run (psutil, which comes with the dask
extra): the command (the driver), its forked or spawned workers, and the running cluster's scheduler
and workers. Beside the seconds, the CPU seconds (user and system) of all those processes: the machine
is shared, so the CPU seconds move less than the elapsed ones; compare ratios of one run, not seconds
across runs.

The file is not named dask.py: in this folder that name would stand for the dask package in every benchmark
run here (pint imports dask when it is installed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
BARE = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
data = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in sorted((root / "claims").glob("*.yaml"))]
data += [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in sorted((root / "sources").glob("*.yaml"))]
"""
TRACED = """
import json, sys, time
from dask.utils import key_split
from distributed import Client, get_task_stream
from claimcheck import views
from claimcheck.engines import dask as engine

root, address = sys.argv[1], sys.argv[2]
with Client(address) as client:
    started, cpu = time.time(), time.process_time()
    with get_task_stream(client) as stream:
        lines, failing = views.check(engine.run(root, client))
        printed = sum(1 for _ in lines)
    ended, cpu = time.time(), time.process_time() - cpu
kinds = {}
for task in stream.data:
    for part in task["startstops"]:
        name = f"{key_split(task['key'])} {part['action']}"
        seconds, count = kinds.get(name, (0.0, 0))
        kinds[name] = (seconds + part["stop"] - part["start"], count + 1)
spans = [part for task in stream.data for part in task["startstops"]]
print(json.dumps({"seconds": ended - started, "driver_cpu": cpu, "lines": printed, "kinds": kinds,
                  "before_tasks": min(p["start"] for p in spans) - started, "after_tasks": ended - max(p["stop"] for p in spans)}))
"""


class Peaks:
    """The largest resident set of each process of a run, sampled every 0.1 s: the process tree of
    `root` and the `also` processes (a cluster already up), each named by what it is."""

    def __init__(self, root: int, also: dict[int, str] | None = None):
        self.root, self.also, self.peaks, self.names = root, dict(also or {}), {}, {}
        self.baseline = {pid: _rss(pid) for pid in self.also}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(0.1):
            pids = dict(self.also)
            with _gone():
                top = psutil.Process(self.root)
                pids[self.root] = "driver"
                for child in top.children(recursive=True):
                    pids.setdefault(child.pid, _name(child))
            for pid, name in pids.items():
                rss = _rss(pid)
                if rss:
                    self.names[pid] = name
                    self.peaks[pid] = max(self.peaks.get(pid, 0), rss)

    def stop(self) -> dict[str, list[float]]:
        """Peak megabytes by what each process is, largest first."""
        self.done.set()
        self.thread.join()
        found: dict[str, list[float]] = {}
        for pid, peak in self.peaks.items():
            found.setdefault(self.names[pid], []).append(peak / 2**20)
        return {name: sorted(values, reverse=True) for name, values in sorted(found.items())}


def _rss(pid: int) -> int:
    with _gone():
        return psutil.Process(pid).memory_info().rss
    return 0


class _gone:
    """Ignore a process that ended meanwhile."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> bool:
        return kind is not None and issubclass(kind, psutil.Error)


def _name(process: psutil.Process) -> str:
    """What a process of a run is, from its command line."""
    with _gone():
        line = " ".join(process.cmdline())
        if "resource_tracker" in line or "forkserver" in line:
            return "helper"
        if "spawn_main" in line:
            return "dask worker"
        return "forked worker"
    return "gone"


def measure(command: list[str], work: Path, cluster: dict[int, str] | None = None) -> tuple[float, float, dict, str]:
    """Seconds, CPU seconds (user and system, of the command's process tree and of the `cluster`
    processes meanwhile), peak megabytes by process and standard output of one command, run to completion."""
    before = sum(_cpu(pid) for pid in cluster or {})
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, cwd=work)
        peaks = Peaks(process.pid, cluster)
        output = process.stdout.read().decode()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        sampled = peaks.stop()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} exited with {code}:\n{errors.read().decode()[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime + sum(_cpu(pid) for pid in cluster or {}) - before
    return elapsed, cpu, sampled, output


def _cpu(pid: int) -> float:
    with _gone():
        times = psutil.Process(pid).cpu_times()
        return times.user + times.system
    return 0.0


def claimcheck(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "--root", str(root), *args]


def start_cluster(workers: int, work: Path) -> tuple[str, list[subprocess.Popen], dict[int, str]]:
    """A scheduler and `workers` worker processes of one thread on 127.0.0.1; its address, the
    processes, and the pid of each by what it is."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": work}
    started = [subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                 "--no-dashboard"], **quiet)]
    started += [subprocess.Popen([sys.executable, "-m", "dask", "worker", address, "--nthreads", "1", "--no-dashboard",
                                  "--local-directory", str(work / f"worker{n}")], **quiet) for n in range(workers)]
    wait = ("from distributed import Client\nimport sys\n"
            "with Client(sys.argv[1], timeout='60s') as c: c.wait_for_workers(int(sys.argv[2]), timeout=60)")
    subprocess.run([sys.executable, "-c", wait, address, str(workers)], check=True, cwd=work)
    roles = {started[0].pid: "scheduler"}
    for nanny in started[1:]:
        roles[nanny.pid] = "dask nanny"
        for child in psutil.Process(nanny.pid).children(recursive=True):
            roles[child.pid] = "dask worker" if "spawn_main" in " ".join(child.cmdline()) else "helper"
    return address, started, roles


def stop_cluster(started: list[subprocess.Popen]) -> None:
    for process in reversed(started):
        process.terminate()
    for process in started:
        process.wait(timeout=60)


def memory(peaks: dict[str, list[float]]) -> str:
    return "; ".join(f"{name} {', '.join(f'{mb:.0f}' for mb in values)}" for name, values in peaks.items() if name != "helper")


def run_size(claims: int, args) -> list[str]:
    work = args.work
    root = work / f"synth-{claims}"
    if not (root / "claims").is_dir():
        subprocess.run([sys.executable, str(args.synth), str(root), str(claims)], check=True, cwd=work)
    size = sum(p.stat().st_size for p in (root / "claims").glob("*.yaml")) / 2**20
    files = len(list((root / "claims").glob("*.yaml")))
    say = lambda text: print(f"  {claims:,}: {text}", file=sys.stderr, flush=True)
    rows = []

    bare, bare_cpu, bare_peaks, _ = measure([sys.executable, "-c", BARE, str(root)], work)
    rows.append(("bare PyYAML C-loader parse", bare, bare_cpu, bare_peaks))
    say(f"bare parse {bare:.1f} s")
    shutil.rmtree(root / ".claimcheck", ignore_errors=True)
    here, here_cpu, here_peaks, here_out = measure(claimcheck(root, "check"), work)
    rows.append(("check, one machine, no index yet", here, here_cpu, here_peaks))
    say(f"one machine {here:.1f} s")
    there, there_cpu, there_peaks, there_out = measure(claimcheck(root, "check", "--engine", "dask"), work)
    rows.append(("check --engine dask (starts its cluster)", there, there_cpu, there_peaks))
    say(f"dask, local cluster {there:.1f} s")
    if there_out != here_out:
        raise SystemExit("check --engine dask printed other lines than check on one machine")
    address, started, roles = start_cluster(args.workers, work)
    try:
        traced, traced_cpu, traced_peaks, output = measure([sys.executable, "-c", TRACED, str(root), address], work, roles)
    finally:
        stop_cluster(started)
    trace = json.loads(output)
    rows.append((f"engines.dask.run on a running cluster ({args.workers} workers)", traced, traced_cpu, traced_peaks))
    say(f"dask, running cluster {traced:.1f} s")

    lines = [f"{claims:,} claims, {size:.1f} MB in {files} files; {os.cpu_count()} cores; Python {sys.version.split()[0]}",
             "", f"| {'run':<52} | seconds | x bare | cpu s | x bare | peak MB of each process |",
             f"|{'-' * 54}|--------:|-------:|------:|-------:|---|"]
    lines += [f"| {name:<52} | {seconds:7.2f} | {seconds / bare:6.2f} | {cpu:5.1f} | {cpu / bare_cpu:6.2f} | {memory(peaks)} |"
              for name, seconds, cpu, peaks in rows]
    kinds = trace["kinds"]
    work_seconds = sum(seconds for name, (seconds, _) in kinds.items() if name.endswith(" compute"))
    lines += ["", "Where the running cluster's time went (Dask's task stream; seconds summed over tasks):", "",
              "| what | tasks | seconds |", "|---|---:|---:|"]
    lines += [f"| {name} | {count} | {seconds:.2f} |" for name, (seconds, count) in sorted(kinds.items(), key=lambda kv: -kv[1][0])]
    lines += [f"| the driver before the first task (context, code check, sending the inputs) | | {trace['before_tasks']:.2f} |",
              f"| the driver after the last task (problems, Parquet, the printed lines) | | {trace['after_tasks']:.2f} |",
              f"| the driver's CPU in all (gathering into its index and Parquet as tasks end) | | {trace['driver_cpu']:.2f} |",
              "", f"tasks computed {work_seconds:.1f} s in all on {args.workers} workers: with N workers that part takes "
              f"about {work_seconds:.1f}/N s, the driver's {trace['driver_cpu']:.1f} s CPU does not shrink"]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--million", action="store_true", help="also 1,000,000 claims (about 20 minutes on 2 cores)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the running cluster")
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimcheck-bench-dask"))
    parser.add_argument("--synth", type=Path, default=HERE.parent.parent / "shared" / "bench" / "synth.py",
                        help="the shared corpus generator (default: ../shared/bench/synth.py beside the checkout)")
    args = parser.parse_args()
    if not args.synth.is_file():
        raise SystemExit(f"{args.synth} not found: pass --synth PATH to shared/bench/synth.py")
    args.work.mkdir(parents=True, exist_ok=True)
    args.synth = args.synth.resolve()
    for claims in [args.claims, *([1_000_000] if args.million else [])]:
        print("\n".join(run_size(claims, args)) + "\n", flush=True)


if __name__ == "__main__":
    main()
