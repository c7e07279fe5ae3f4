"""A long listing worded on two cores reads exactly as one worded on one."""

from __future__ import annotations

import json
import os

import pytest

from claimcheck import cores

pytestmark = pytest.mark.skipif(not cores._can_fork(), reason="no second core to fork onto (or a thread is running)")

FIVE_CONFLICTS = "".join(
    f"- {{id: {s}{n}, source: {'tass' if n % 2 else 'reuters'}, subject: s{s}, property: p, figure: ${100 + 50 * n} billion, "
    f"kind: actual, published: 2014-0{n + 1}}}\n" for s in "abcde" for n in range(3))


def worded(items, word, sep="\n"):
    return sep.join(cores.texts(items, word, sep))


def test_the_second_half_is_worded_by_another_process_and_comes_in_order(monkeypatch):
    monkeypatch.setattr(cores, "AT_LEAST", 10)
    parent = os.getpid()
    lines = worded(range(25), lambda n: f"{n} {os.getpid()}").split("\n")
    assert [int(line.split()[0]) for line in lines] == list(range(25))
    pids = [int(line.split()[1]) for line in lines]
    assert set(pids[:12]) == {parent} and parent not in pids[12:]


def test_a_short_listing_is_worded_here(monkeypatch):
    monkeypatch.setattr(cores, "AT_LEAST", 10)
    assert {line.split()[1] for line in worded(range(9), lambda n: f"{n} {os.getpid()}").split("\n")} == {str(os.getpid())}


def test_where_the_other_process_fails_its_half_is_worded_here(monkeypatch):
    monkeypatch.setattr(cores, "AT_LEAST", 10)
    parent = os.getpid()

    def word(n):
        if os.getpid() != parent:
            raise RuntimeError("a mistake in the wording")
        return str(n)

    assert worded(range(20), word, ", ") == ", ".join(map(str, range(20)))


def test_a_mistake_in_the_wording_is_raised_here_as_without_the_fork(monkeypatch):
    monkeypatch.setattr(cores, "AT_LEAST", 10)

    def word(n):
        if n == 15:
            raise ValueError("no wording for 15")
        return str(n)

    with pytest.raises(ValueError, match="no wording for 15"):
        worded(range(20), word)


def test_a_listing_left_early_leaves_no_process_behind(monkeypatch):
    monkeypatch.setattr(cores, "AT_LEAST", 10)
    forked = []
    fork = os.fork

    def remembered():
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", remembered)
    listing = cores.texts(range(200_000), str, "\n")
    assert next(listing) == "0"
    listing.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # reaped: no such child any more


def test_a_listing_never_closed_has_its_process_ended_at_exit(monkeypatch):
    """A closed pipe or ^C leaves the listing's generator in a traceback, and the console script ends without
    freeing it (`cli._leave`): the exit handlers end the forked process (review, stop 42)."""
    monkeypatch.setattr(cores, "AT_LEAST", 10)
    listing = cores.texts(range(200_000), str, "\n")
    assert next(listing) == "0"
    [child] = cores._LIVE
    cores._end_all()
    assert not cores._LIVE
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_without_a_folder_for_the_other_half_a_listing_is_worded_here(monkeypatch):
    monkeypatch.setattr(cores, "AT_LEAST", 10)

    def refused():
        raise FileNotFoundError("no usable temporary directory")

    monkeypatch.setattr(cores.tempfile, "TemporaryFile", refused)
    assert {line.split()[1] for line in worded(range(30), lambda n: f"{n} {os.getpid()}").split("\n")} == {str(os.getpid())}


def test_a_command_whose_output_the_shell_closed_ends_as_before(tmp_path):
    """`claimcheck validate >&-`: sys.stdout is None, and the end without freeing objects leaves Python's own exit
    to it (review, stop 42)."""
    import subprocess
    import sys

    root = tmp_path / "p"
    subprocess.run([sys.executable, "-m", "claimcheck", "init", str(root)], check=True, capture_output=True)
    done = subprocess.run(f"'{sys.executable}' -m claimcheck --root '{root}' validate >&-", shell=True, capture_output=True,
                          text=True)
    assert (done.returncode, done.stderr) == (0, "")


def test_check_and_conflicts_in_lines_and_json_print_the_same_on_two_cores_as_on_one(cli, project, monkeypatch):
    root = project({"claims/a.yaml": FIVE_CONFLICTS})
    outputs = []
    for at_least in (10**9, 2):
        monkeypatch.setattr(cores, "AT_LEAST", at_least)
        outputs.append([cli(root, *command).stdout for command in (("check",), ("conflicts",), ("conflicts", "--sort", "spread"),
                                                                  ("conflicts", "-f", "json"))])
    assert outputs[0] == outputs[1]
    assert [c["id"] for c in json.loads(outputs[1][3])["conflicts"]] == ["sa/p", "sb/p", "sc/p", "sd/p", "se/p"]
    assert outputs[0][0].count("\n") == 6  # five conflicts and the counts
    assert outputs[0][1].splitlines()[0].startswith("sa/p: USD 100 billion (Reuters, 2014) vs USD 150 billion")
