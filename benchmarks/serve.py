"""How fast `claimcheck serve` answers at scale: every page, and every page while an edit is indexed.

Run: python benchmarks/serve.py [--claims N] [--repeat K] [--code DIR]

Makes (or reuses) a corpus of N claims with ../shared/bench/synth.py, brings its index up to date,
starts `claimcheck serve` on it and loads the overview once (the first load). Then:
- each page K times over HTTP, the median and the slowest (the floor is the server's round trip
  for its stylesheet, measured in the same run);
- one claims file of a hundred edited on disk (a figure changed), then the pages loaded one after
  another, round and round, until the edited claim's page shows the new figure: how many loads
  that took, their median and the slowest, and how long until the edit showed; then a conflict's page
  and /outlets once each, as a person opens them next (the likely sides and the outlets' rows are made
  over every group at once: after a change, by the update or else by the first page that shows them);
- the writes a person makes from the browser (design 8a), each K times as the forms post them
  (token, digest, Origin), each after a pause a person takes (PAUSE): an outlet added, a claim
  added to a conflict's group, edited and
  deleted, a review recorded; a 1,000-word article drafted (pasted), its draft's page and three
  of its proposals accepted, and the archived article's page; these start once the edited file, put
  back as it was, is indexed again (as a person's next step comes after an update, not inside it);
- then an outlet added right after a claims file changed on disk (up to 3 times, the file changed
  each time): the server indexes the change in the background, the likely sides with it, and the
  write waits for that (until 2026-12-07 the first write of the list above was posted so, and each
  run's first write took 0.7-1.9 s). The run's first write and the drafts in turn are printed too
  (the first draft had loaded the drafting modules and pint).
Every file the writes made or changed is put back as it was at the end.
`--code DIR` serves the claimcheck of that checkout (see run.py), to measure before and after in one run.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from run import AWAY  # where the server runs: `python -m` from a checkout would import that checkout, not --code's

HERE = Path(__file__).resolve().parent
SYNTH = HERE.parent.parent / "shared" / "bench" / "synth.py"


def fetch(url: str) -> tuple[float, str]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as answer:
        text = answer.read().decode("utf-8")
    return time.perf_counter() - started, text


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a write's time is its own answer (303), not the page it sends the browser to


POSTING = urllib.request.build_opener(_Stay)


PAUSE = 1.5
"""Seconds between two writes, as a person takes at least: after a write the server makes the outlets'
statistics again in the background (about a second at 100,000 claims), which a write posted at once
would share the CPU with."""


def post(base: str, path: str, fields: dict) -> tuple[float, int, str]:
    """A form posted as the browser posts it, after the pause a person takes: the seconds, the status
    and where it sends the browser."""
    time.sleep(PAUSE)
    request = urllib.request.Request(base + path, data=urlencode(fields, doseq=True).encode(), method="POST",
                                     headers={"Origin": base, "Content-Type": "application/x-www-form-urlencoded"})
    started = time.perf_counter()
    try:
        with POSTING.open(request, timeout=600) as answer:
            status, where, text = answer.status, answer.headers.get("location", ""), answer.read().decode()
    except urllib.error.HTTPError as answer:
        status, where, text = answer.code, answer.headers.get("location", ""), answer.read().decode()
    seconds = time.perf_counter() - started
    if status != 303:
        raise RuntimeError(f"POST {path}: {status}: {re.sub(r'<[^>]+>', ' ', text)[-600:]}")
    return seconds, status, where


def hidden(page: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page):
        fields.setdefault(name, []).append(html.unescape(value))
    return fields


def article(words: int = 1000, seed: int = 3) -> str:
    """A news article of about `words` words, with the figures news writes (amounts, lengths, volumes, shares, counts)."""
    rng = random.Random(seed)
    forms = ["Trade between the two countries reached about ${v} billion in 2022, the ministry said.",
             "The pipeline, {k} km long, will carry {b} bcm of gas a year, officials said on Tuesday.",
             "Exports grew by {p}% in the first five months of the year, according to the customs service.",
             "The agreement runs for {y} years and covers {a} separate agreements signed during the visit.",
             "Analysts in Moscow and Beijing said the figures showed how far the relationship had come since the sanctions.",
             "Neither side gave details of the financing, and the banks involved declined to comment when asked.",
             "Officials expect turnover to rise to ${w} billion by 2030, a goal both leaders repeated at the summit."]
    sentences, count = [], 0
    while count < words:
        sentence = rng.choice(forms).format(v=rng.randint(10, 500), k=rng.randint(100, 5000), b=rng.randint(1, 50),
                                            p=rng.randint(1, 59), y=rng.randint(5, 44), a=rng.randint(2, 80),
                                            w=rng.randint(200, 900))
        sentences.append(sentence + ("\n\n" if len(sentences) % 4 == 3 else " "))
        count += len(sentence.split())
    return "".join(sentences).strip() + "\n"


def writes(base: str, root: Path, conflict: str, repeat: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Every write a person makes from the browser, `repeat` times each (the draft three times), and the
    pages only a write makes (a draft, an archived article); the seconds of each."""
    timed: dict[str, list[float]] = {}
    pages: dict[str, list[float]] = {}
    token = hidden(fetch(base + "/outlets/new")[1])["token"][0]
    subject, prop = conflict.split("/")[:2]
    added = []
    for n in range(repeat):
        fields = {"token": token, "id": f"bench-outlet-{n}", "name": f"Bench Outlet {n}", "perspective": "business press"}
        timed.setdefault("an outlet added", []).append(post(base, "/outlets/new", fields)[0])
    for n in range(repeat):
        fields = {"token": token, "source": "o5", "subject": subject, "property": prop, "period": "2022", "kind": "actual",
                  "figure": f"${900 + n} billion", "to": "claims/bench-web.yaml"}
        seconds, _, where = post(base, "/claims/new", fields)
        timed.setdefault("a claim added to a conflict's group", []).append(seconds)
        added.append(where.split("/claims/", 1)[1].split("?", 1)[0])
    for n, claim in enumerate(added):
        form = fetch(f"{base}/claims/{claim}/edit")[1]
        fields = {**hidden(form), "source": "o5", "subject": subject, "property": prop, "period": "2022", "kind": "actual",
                  "figure": f"${950 + n} billion"}
        timed.setdefault("a claim edited", []).append(post(base, f"/claims/{claim}/edit", fields)[0])
    for claim in added:
        form = hidden(fetch(f"{base}/claims/{claim}/edit")[1])
        timed.setdefault("a claim deleted", []).append(post(base, f"/claims/{claim}/delete", form)[0])
    for n in range(repeat):  # the review form's fields only: the likely side's form beside it holds the claims too
        form = hidden(fetch(f"{base}/conflicts/{conflict}")[1].split('<form class="review"', 1)[1].split("</form>", 1)[0])
        fields = {**form, "status": ("explained", "disputed")[n % 2], "note": f"benchmark review {n}"}
        timed.setdefault("a review recorded", []).append(post(base, f"/conflicts/{conflict}", fields)[0])
    text = article()
    for n in range(3):
        fields = {"token": token, "text": text, "source": "o5", "published": "2022-06-30"}
        seconds, _, where = post(base, "/drafts/new", fields)
        timed.setdefault(f"a {len(text.split()):,}-word article drafted", []).append(seconds)
    pages["a draft's page"] = [fetch(base + where)[0] for _ in range(repeat)]
    draft = fetch(base + where)[1]
    chosen = re.findall(r'name="accept" value="(\d+)"', draft)[:3]
    seconds, _, listed = post(base, where, {"token": token, "accept": chosen})
    timed["three proposals accepted"] = [seconds]
    claim = re.search(r'<td><a href="/claims/([^"]+)"', fetch(base + listed)[1]).group(1)
    archive = re.search(r'href="(/archive/[^"#]+)', fetch(f"{base}/claims/{claim}")[1]).group(1)
    pages["an archived article's page"] = [fetch(base + html.unescape(archive))[0] for _ in range(repeat)]
    return timed, pages


EDITED = "$1 billion"
"""The figure the edit on disk gives a claim."""


def shown(base: str, claim: str, edited: bool, started: float) -> float:
    """Seconds from `started` until the claim's page shows it edited on disk (`EDITED`), or no longer, loading it
    again and again: until the change is indexed."""
    while (EDITED in fetch(f"{base}/claims/{claim}")[1]) != edited:
        if time.perf_counter() - started > 300:
            raise RuntimeError(f"the change to claim {claim} was not indexed within 300 s")
        time.sleep(0.05)
    return time.perf_counter() - started


def writes_while_indexed(base: str, edited: Path, texts: list[str], claim: str, repeat: int) -> list[float]:
    """An outlet added right after the claims file `edited` changed on disk (to the edited text and back in turn):
    the form's page sees the change and starts the update; the write is posted after the pause a person takes,
    and waits for what is left of the update. Each waits for the change before it to be indexed."""
    token = hidden(fetch(base + "/outlets/new")[1])["token"][0]
    seconds = []
    for n in range(repeat):
        edited.write_text(texts[n % 2], encoding="utf-8")
        changed = time.perf_counter()
        fetch(base + "/outlets/new")
        fields = {"token": token, "id": f"bench-indexed-{n}", "name": f"Bench Indexed {n}", "perspective": "business press"}
        seconds.append(post(base, "/outlets/new", fields)[0])
        shown(base, claim, n % 2 == 0, changed)
    return seconds


def put_back(root: Path, before: set[Path], kept: dict[Path, bytes]) -> None:
    """Files as they were before the writes: those made since removed, those changed given back their bytes."""
    made = {path for folder in ("claims", "sources") for path in root.joinpath(folder).rglob("*")} - before
    for path in sorted(made, reverse=True):  # files before the folders that hold them
        path.unlink() if path.is_file() else path.rmdir()
    shutil.rmtree(root / "drafts", ignore_errors=True)
    for path, data in kept.items():
        path.write_bytes(data)


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
    load_before = os.getloadavg()
    command = [sys.executable, "-m", "claimcheck", "--root", str(root)]
    checked = subprocess.run([*command, "check"], capture_output=True, text=True, env=env, cwd=AWAY).stdout.splitlines()
    conflicts = [line.split(":", 1)[0] for line in checked if line.startswith("subject-")]

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*command, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL, cwd=AWAY)
    files = sorted((root / "claims").glob("part*.yaml"))
    edited = files[len(files) // 2]  # part0050.yaml at 100,000 claims
    original = edited.read_text(encoding="utf-8")
    try:
        while True:
            try:
                fetch(base + "/style.css")
                break
            except OSError:
                time.sleep(0.2)
        first_load = fetch(base + "/")[0]
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
            "a claim's page": f"/claims/c{min(4321, args.claims // 2)}",
            "conflicts, searched": "/conflicts?status=all&q=subject-12",
            "claims of an outlet, one kind": "/claims?outlet=o5&kind=actual",
            "claims of a subject": "/claims?subject=subject-123",
            "new outlet form": "/outlets/new",
            "new claim form": "/claims/new?subject=subject-123&property=turnover",
            "a claim's edit form": f"/claims/c{min(4321, args.claims // 2)}/edit",
            "drafts": "/drafts",
            "new draft form": "/drafts/new",
        }
        times = {name: [fetch(base + path)[0] for _ in range(args.repeat)] for name, path in pages.items()}

        # An edit on disk: the first claim's figure, in its quote too.
        figure = original.split("figure: ", 1)[1].split("\n", 1)[0]
        claim = original.split("- id: ", 1)[1].split("\n", 1)[0]
        edited.write_text(original.replace(f"figure: {figure}", f"figure: {EDITED}", 1)
                          .replace(f"figure was {figure}", f"figure was {EDITED}", 1), encoding="utf-8")
        edit_started, during, slowest = time.perf_counter(), [], (0.0, "", 0.0)
        while True:  # round the pages, the edited claim's last, until it shows the edit
            for name, path in [*pages.items(), ("the edited claim's page", f"/claims/{claim}")]:
                asked = time.perf_counter() - edit_started
                seconds, text = fetch(base + path)
                during.append(seconds)
                slowest = max(slowest, (seconds, name, asked))
            if EDITED in text or time.perf_counter() - edit_started > 300:
                break
        edit_shown = time.perf_counter() - edit_started
        # what a person opens next: the pages that show what is made over every group at once (the likely sides, the outlets' rows)
        next_loads = {f"{name}, next after the edit showed": [fetch(base + pages[name])[0]] for name in ("a conflict's page", "outlets")}
        changed = edited.read_text(encoding="utf-8")
        edited.write_text(original, encoding="utf-8")
        restored = shown(base, claim, False, time.perf_counter())
        before = {path for folder in ("claims", "sources") for path in (root / folder).rglob("*")}
        kept = {path: path.read_bytes() for path in (root / "claims" / "reviews.yaml",) if path.exists()}
        try:
            written, made = writes(base, root, conflicts[len(conflicts) // 2], args.repeat)
            first = (next(iter(written)), written[next(iter(written))][0])
            written["an outlet added while a changed file is indexed"] = writes_while_indexed(
                base, edited, [changed, original], claim, min(3, args.repeat))
        finally:
            put_back(root, before, kept)
        times.update(made)
    finally:
        edited.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()
    load_after = os.getloadavg()
    floor = statistics.median(times["stylesheet (the floor)"])
    code = f"the code in {args.code}" if args.code else "the installed claimcheck"
    print(f"{args.claims:,} claims, {len(conflicts):,} open conflicts; {code}; first load {first_load:.2f} s; "
          f"median of {args.repeat} loads each after it; load average {load_before[0]:.1f} before the run, "
          f"{load_after[0]:.1f} after (2 cores shared with other sessions: compare only runs made close in time)")
    print()
    table("page", {**times, "every page while an edit is indexed": during, **next_loads}, floor)
    print()
    print(f"while one file of {len(list((root / 'claims').glob('*.yaml')))} was indexed: {len(during)} loads; "
          f"the edit showed after {edit_shown:.2f} s; the file put back showed after {restored:.2f} s; the slowest "
          f"load {slowest[1]} ({slowest[0] * 1000:.0f} ms), asked {slowest[2]:.2f} s after the edit")
    print()
    table("write from the browser", written, floor)
    print()
    drafted = next(name for name in written if name.endswith("drafted"))
    print(f"the run's first write ({first[0]}): {first[1] * 1000:.1f} ms; the drafts in turn: "
          + ", ".join(f"{seconds * 1000:.0f}" for seconds in written[drafted]) + " ms")
    print("each write in turn, ms: " + "; ".join(f"{name}: " + ", ".join(f"{seconds * 1000:.0f}" for seconds in runs)
                                                 for name, runs in written.items() if len(runs) > 1))


def table(what: str, runs_by_name: dict[str, list[float]], floor: float) -> None:
    """Each named measure's median and slowest, in milliseconds and as multiples of the floor."""
    print(f"| {what:31} |  median ms |  slowest ms |  x floor |")
    print("|---------------------------------|-----------:|------------:|---------:|")
    for name, runs in runs_by_name.items():
        middle = statistics.median(runs)
        print(f"| {name:31} | {middle * 1000:10.1f} | {max(runs) * 1000:11.1f} | {middle / floor:8.1f} |")


if __name__ == "__main__":
    main()
