"""`check --engine dask` (design §10): the same answer as one machine, from a Dask cluster.

A local cluster of two worker processes, one thread each, serves the module; one test starts its own
scheduler and workers as separate processes, as a cluster elsewhere would run them.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import dask
import pyarrow.parquet as parquet
import pytest
from distributed import Client, LocalCluster

from claimcheck.engines import dask as engine

from conftest import REPO, write_project

SYNTH = REPO.parent / "shared" / "bench" / "synth.py"


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as running:
        yield running


@pytest.fixture
def both(cli, cluster):
    """Run `check` on one machine (with its index), then on the cluster; both results."""
    def run(root: Path):
        here = cli(root, "check")
        kept = _index_files(root)
        there = cli(root, "check", "--engine", "dask", "--scheduler", cluster.scheduler_address)
        assert _index_files(root) == kept, "the cluster's run changed nothing of the index"
        return here, there

    return run


def _index_files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in (root / ".claimcheck").glob("index.sqlite*")}


def _same(here, there) -> None:
    assert (there.stdout, there.stderr, there.exit_code) == (here.stdout, here.stderr, here.exit_code)


def test_the_bundled_corpus_gives_what_one_machine_gives(both, cli, cluster, tmp_path):
    root = tmp_path / "bundled"
    for folder in ("claims", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    here, there = both(root)
    _same(here, there)
    assert here.exit_code == 1 and "gazprom-cnpc-gas-deal/duration: 30 years" in there.stdout
    assert "2 target checks" in there.stdout and "1 reviewed" in there.stdout
    index = root / ".claimcheck" / "index.sqlite"
    index.write_bytes(b"not an index")  # one machine would rebuild it with a notice; the cluster never opens it
    again = cli(root, "check", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert (again.stdout, again.stderr, again.exit_code) == (here.stdout, "", 1)
    assert index.read_bytes() == b"not an index"


def test_a_corpus_with_a_group_of_10000_claims_targets_currencies_reviews_and_aliases(both, cli, tmp_path):
    root = write_mixed(tmp_path / "mixed", 12_000, big=10_000)
    _review_some(cli, root)
    here, there = both(root)
    _same(here, there)
    last = there.stdout.splitlines()[-1]
    assert last.startswith("12000 claims:") and "reviewed" in last and "minor" in last
    assert " met: " in there.stdout and " missed: " in there.stdout and ": not comparable: " in there.stdout
    assert "review stale: joined " in there.stdout
    big = [line for line in there.stdout.splitlines() if line.startswith("big/turnover/2022:")]
    assert len(big) == 1 and big[0].count(" vs ") > 3


@pytest.mark.skipif(not SYNTH.exists(), reason="../shared/bench/synth.py is not beside this checkout")
def test_the_shared_synthetic_corpus_with_a_group_of_10000_claims(both, tmp_path):
    root = tmp_path / "synth"
    subprocess.run([sys.executable, str(SYNTH), str(root), "11000", "--big-group", "10000"], check=True, capture_output=True)
    here, there = both(root)
    _same(here, there)
    assert here.exit_code == 1 and there.stdout.splitlines()[-1].startswith("11000 claims:")


def test_data_problems_are_listed_with_file_and_line_as_on_one_machine(both, project, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("- id: far\n", encoding="utf-8")
    root = project({
        "claims/a.yaml": """
            - {id: a1, source: tass, subject: s, property: p, period: '2022', figure: $5 billion, kind: actual}
            - {id: a2, source: reuters, subject: s, property: p, period: '2022', figure: $9 billion, kind: actual}
            - {id: twice, source: nobody, subject: s, property: q, figure: 5%, kind: actual}
            - {id: a4, source: tass, subject: s, property: r, figure: lots of money, kind: actual}
            - {id: a5, source: tass, subject: s, property: r, figure: 4 km}
            """,
        "claims/b.yaml": """
            - {id: twice, source: reuters, subject: s, property: q, figure: 7%, kind: actual}
            - {id: b2, source: tass, subject: t, property: p, figure: $1 billion, kind: actual, quote: not there,
               archive: sources/archive/t.txt}
            """,
        "claims/c.yaml": "- id: c1\n  source: tass\n  figure: [unclosed\n",
        "claims/reviews.yaml": """
            - {conflict: no/such/conflict, status: explained, note: gone}
            - {conflict: s/p/2022, status: resolved, note: why, preferred: [nobody-said-this]}
            """,
        "claims/subjects.yaml": "- {id: s, aliases: [t]}\n- {id: t}\n",
        "sources/archive/t.txt": "The article says something else entirely.\n",
    })
    (root / "claims" / "d.yaml").write_bytes(b"- id: d1\n  source: tass\n  note: caf\xe9\n")
    (root / "claims" / "e.yaml").symlink_to(outside)
    (root / "claims" / os.fsdecode(b"caf\xe9.yaml")).write_text("- id: x\n", encoding="utf-8")
    here, there = both(root)
    _same(here, there)
    assert there.exit_code == 2
    for expected in ("claims/a.yaml:3: claim 'twice': unknown source 'nobody'", "claims/b.yaml:1: duplicate claim id 'twice'",
                     "claims/c.yaml:4: invalid YAML", "claims/d.yaml:3: the file is not UTF-8", "claims/e.yaml: the file links outside",
                     "claims/a.yaml:4: claim 'a4': figure 'lots of money' cannot be read", "claims/caf\ufffd.yaml: the file name",
                     "quote not found verbatim in sources/archive/t.txt", "review of 'no/such/conflict': there is no such conflict",
                     "preferred claim 'nobody-said-this' does not exist", "preferred claim nobody-said-this not in this conflict", "claims/subjects.yaml:2: subject 't' is already named"):
        assert expected in there.stdout, expected


def test_the_findings_are_parquet_with_the_rows_of_the_index(both, tmp_path):
    root = write_mixed(tmp_path / "mixed", 3_000)
    (root / "claims" / "odd.yaml").write_text("- {id: c7, source: nobody, subject: s, property: p, figure: 5%, kind: actual}\n")
    assert [result.exit_code for result in both(root)] == [2, 2]
    findings = root / ".claimcheck" / "findings"
    assert sorted(path.name for path in findings.iterdir()) == ["conflicts.parquet", "groups.parquet", "problems.parquet", "sides.parquet"]
    db = sqlite3.connect(root / ".claimcheck" / "index.sqlite")
    for table in engine.TABLES:
        read = parquet.read_table(findings / f"{table}.parquet")
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        assert read.column_names == columns
        stored = Counter(db.execute(f"SELECT * FROM {table}"))
        assert stored and Counter(tuple(row.values()) for row in read.to_pylist()) == stored, table
    assert sorted(p.name for p in (root / ".claimcheck").iterdir()) == [".gitignore", "findings", "index.lock", "index.sqlite",
                                                                        "index.sqlite-shm", "index.sqlite-wal", "lock"]


def test_a_second_run_replaces_the_findings(cli, cluster, project):
    root = project({"claims/a.yaml": """
        - {id: a1, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}
        - {id: a2, source: reuters, subject: s, property: p, figure: $9 billion, kind: actual}
        """})
    args = ("check", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert cli(root, *args).exit_code == 1
    conflicts = root / ".claimcheck" / "findings" / "conflicts.parquet"
    assert parquet.read_table(conflicts).column("id").to_pylist() == ["s/p"]
    (root / "claims" / "a.yaml").write_text((root / "claims" / "a.yaml").read_text().replace("$9", "$5"))
    result = cli(root, *args)
    assert result.exit_code == 0 and result.stdout == "2 claims: 0 conflicts (0 open, 0 reviewed), 1 agreeing group, 0 target checks, 0 not comparable\n"
    assert parquet.read_table(conflicts).num_rows == 0
    assert sorted(p.name for p in (root / ".claimcheck").iterdir()) == [".gitignore", "findings", "lock"]


def test_a_project_folder_that_cannot_hold_the_findings_still_gets_its_answer(cli, cluster, project):
    root = project({"claims/a.yaml": """
        - {id: a1, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}
        - {id: a2, source: reuters, subject: s, property: p, figure: $9 billion, kind: actual}
        """})
    (root / ".claimcheck").write_text("not a folder\n")
    here = cli(root, "check")
    there = cli(root, "check", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert (there.stdout, there.exit_code) == (here.stdout, 1)
    assert there.stderr.startswith("note: .claimcheck/findings could not be written (") and there.stderr.count("\n") == 1
    assert (root / ".claimcheck").read_text() == "not a folder\n"


def test_without_a_scheduler_a_cluster_of_this_machine_runs_it(cli, project):
    root = project({"claims/a.yaml": """
        - {id: a1, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}
        - {id: a2, source: reuters, subject: s, property: p, figure: $9 billion, kind: actual}
        """})
    here = cli(root, "check")
    _same(here, cli(root, "check", "--engine", "dask"))
    assert here.stdout.startswith("s/p: USD 5 billion (TASS, undated) vs USD 9 billion (Reuters, undated): +80%")


def test_an_unreachable_scheduler_is_one_line_and_exit_2(cli, project):
    root = project({"claims/a.yaml": "- {id: a1, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"})
    address = f"tcp://127.0.0.1:{_free_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = cli(root, "check", "--engine", "dask", "--scheduler", address)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"cannot reach the Dask scheduler at {address}: ") and result.stderr.count("\n") == 1
    assert not (root / ".claimcheck" / "findings").exists()


def test_a_scheduler_needs_the_dask_engine(cli, project):
    root = project({"claims/a.yaml": "- {id: a1, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"})
    result = cli(root, "check", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--scheduler goes with --engine dask" in result.stderr


def test_a_worker_lost_midway_is_replaced_and_the_answer_is_the_same(cli, tmp_path):
    root = write_mixed(tmp_path / "mixed", 12_000)
    here = cli(root, "check")
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster, Client(cluster) as client:
        found = {}
        running = threading.Thread(target=lambda: found.setdefault("reader", engine.run(root, client)))
        running.start()
        busy = {}
        while not busy and running.is_alive():
            busy = {worker: tasks for worker, tasks in client.processing().items() if tasks}
            time.sleep(0.01)
        assert busy and running.is_alive(), "the run ended before a worker could be lost"
        lost = sorted(busy)[0]
        os.kill(client.run(os.getpid, workers=[lost])[lost], signal.SIGKILL)
        running.join(timeout=120)
        assert lost not in client.scheduler_info()["workers"]
    from claimcheck import views

    lines, failing = views.check(found["reader"])
    assert ("\n".join(lines) + "\n", 1 if failing else 0) == (here.stdout, here.exit_code)


def test_a_cluster_of_separate_processes_on_this_machine_and_its_scheduler_lost_midway(tmp_path):
    root = write_mixed(tmp_path / "mixed", 6_000)
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = [subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port",
                                 address.rsplit(":", 1)[1], "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        started += [subprocess.Popen([sys.executable, "-m", "dask", "worker", address, "--nthreads", "1", "--no-dashboard",
                                      "--local-directory", str(tmp_path / f"worker{n}")], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL) for n in range(2)]
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=60)
        command = [sys.executable, "-m", "claimcheck", "--root", str(root), "check"]
        here = subprocess.run(command, capture_output=True, text=True)
        there = subprocess.run([*command, "--engine", "dask", "--scheduler", address], capture_output=True, text=True)
        assert (there.stdout, there.stderr, there.returncode) == (here.stdout, here.stderr, here.returncode)
        assert here.returncode == 1 and there.stdout.splitlines()[-1].startswith("6000 claims:")
        findings = {path.name: path.read_bytes() for path in (root / ".claimcheck" / "findings").iterdir()}
        again = subprocess.Popen([*command, "--engine", "dask", "--scheduler", address], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        while again.poll() is None and not list((root / ".claimcheck").glob("findings.*.new")):
            time.sleep(0.01)
        started[0].kill()  # the scheduler, while the tasks run
        out, err = again.communicate(timeout=120)
        assert (again.returncode, out) == (2, "")
        assert err.startswith(f"the Dask cluster at {address} went away midway (") and err.count("\n") == 1
        assert {path.name: path.read_bytes() for path in (root / ".claimcheck" / "findings").iterdir()} == findings
        assert not list((root / ".claimcheck").glob("findings.*")), "the unfinished findings are gone"
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            process.wait(timeout=30)


# --- a corpus in the shapes the check treats differently -------------------------------------------


def write_mixed(root: Path, claims: int, big: int = 0) -> Path:
    """A project of `claims` claims in files of 500: one group of `big` claims, then groups of about six
    with figures in dollars, yuan (converted) and rubles after 2022 (no rate: not comparable), shares,
    lengths among which a share (not comparable), counts of two nouns, targets against actuals, a
    reference outlet, a subject written by its alias, carriers (`via`), and min_spread for minor ones."""
    rng = random.Random(5)
    perspectives = ["Russian state media", "Chinese state media", "Western independent", "official statistics"]
    files = {f"sources/o{n}.yaml": f"id: o{n}\nname: Outlet {n}\nperspective: {perspectives[n % 4]}\n" + ("reference: true\n" if n == 0 else "")
             for n in range(12)}
    files["claims/subjects.yaml"] = "- id: s0\n  name: Subject zero\n  aliases: [s0-alias]\n"
    files["claimcheck.yaml"] = "min_spread: 0.05\n"
    groups = max(1, (claims - big) // 6)
    bases = [rng.randint(20, 400) for _ in range(groups)]
    texts = []
    for number in range(claims):
        kind = "actual"
        if number < big:
            subject, prop, figure = "big", "turnover", f"${rng.randint(100, 140)} billion"
        else:
            group = rng.randrange(groups)
            subject = "s0-alias" if group == 0 and rng.random() < 0.5 else f"s{group}"
            value = round(bases[group] * rng.choice([1, 1, 1, 1.03, 1.4]))
            prop = ("turnover", "growth", "length", "deals")[group % 4]
            if prop == "turnover":
                figure = rng.choice([f"${value} billion", f"about ${value} billion", f"CNY {value * 7} billion"]
                                    + ([f"RUB {value * 60} billion"] if group % 9 == 0 else []))
            elif prop == "growth":
                figure = f"{value % 90}%"
            elif prop == "length":
                figure = f"{value}%" if group % 13 == 2 and rng.random() < 0.2 else f"{value * 10:,} km"
            else:
                figure = f"{value} {'contracts' if group % 11 == 3 and rng.random() < 0.3 else 'agreements'}"
            if group % 5 == 0 and rng.random() < 0.3:
                kind = "target"
        outlet = rng.randrange(12)
        via = f"  via: o{(outlet + 1) % 12}\n" if rng.random() < 0.05 else ""
        texts.append(f"- id: c{number}\n  source: o{outlet}\n{via}  published: 2022-06-{rng.randint(10, 28)}\n"
                     f"  subject: {subject}\n  property: {prop}\n  period: '2022'\n  figure: '{figure}'\n  kind: {kind}\n"
                     f"  quote: 'The figure was {figure}.'\n")
    for start in range(0, claims, 500):
        files[f"claims/part{start // 500:03d}.yaml"] = "".join(texts[start:start + 500])
    return write_project(root, files, sources={})


def _review_some(cli, root: Path) -> None:
    """Reviews of three conflicts: one as it stands, one whose claims changed since (stale), one
    resolved by hand without its claims listed."""
    conflicts = json.loads(cli(root, "conflicts", "-f", "json").stdout)["conflicts"]
    first, second, third = [c for c in conflicts if not c["id"].startswith("big/")][:3]
    claims = [[claim for side in conflict["sides"] for claim in side["claims"]] for conflict in (first, second)]
    (root / "claims" / "reviews.yaml").write_text(
        f"- {{conflict: {first['id']}, status: explained, note: as it stands, claims: {json.dumps(claims[0])}}}\n"
        f"- {{conflict: {second['id']}, status: disputed, note: before a claim joined, claims: {json.dumps(claims[1][1:])}}}\n"
        f"- {{conflict: {third['id']}, status: resolved, note: by hand, preferred: [{third['sides'][0]['claims'][0]}]}}\n",
        encoding="utf-8")
    shutil.rmtree(root / ".claimcheck")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
