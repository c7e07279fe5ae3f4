"""Which side is likely right (design §9), scored against a known truth.

Run: python benchmarks/truth.py [--seeds 1 2 3] [--project DIR ...] [--scale N]

Each seed makes a project with ../shared/bench/synth_truth.py (a true value per item, each outlet's true
accuracy, hidden copiers: DIR/truth.json), runs it through claimcheck's pipeline and query.Reader.estimate, and
scores, over the conflicts whose item has a true value:
- likely: the share whose likely side holds the true value (a side holds it when its interval does;
  a conflict with no likely side counts as a miss);
- largest: the same for the side with the most claims; where several sides tie for most, each counts
  1/k (the expected score of picking one of the k at random);
- best possible: the share where some side holds it at all;
- rho: Spearman's rank correlation of estimated and true outlet accuracies (outlets with an estimate);
- copiers: hidden copiers whose parent is named in their likely_copies, of those that share at least one
  wrong figure with their parent (design §9 names outlets that share unlikely figures: a copier that
  only ever repeated right figures cannot be told from an accurate outlet) and of all; and named pairs
  that are no copy (a pair of copiers of one parent counts as a copy: they repeat the same figures).
The time is query.Reader.estimate's alone, after the pipeline. `--scale N` also times it on ../shared/bench/synth.py's
corpus of N claims (the project's speed benchmark), beside the cold check of the same corpus in the same run, and
Reader.likely as the first read after a change makes it: after a claims file changed (origins and estimate made
again) and after a review (what the index keeps of them stays). (`--seeds` with no number: the scale alone).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from claimcheck import pipeline, query

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
SYNTH = BENCH / "synth_truth.py"


def holds(side: dict, value: float) -> bool:
    return (side["low"] is None or side["low"] <= value) and (side["high"] is None or value <= side["high"])


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(x: list[float], y: list[float]) -> float:
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    return cov / (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5


def score(root: Path) -> dict:
    known = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    reader = query.Reader(pipeline.run(root, use_index=False))
    reader.origin_groups()  # the origins, which every command's first read makes and keeps, made before the clock
    started = time.perf_counter()
    found = reader.estimate()
    seconds = time.perf_counter() - started
    conflicts = [record.conflict for record in reader.each_conflict() if record.conflict["id"] in known["values"]]
    likely = largest = possible = 0.0
    silent = 0
    for conflict in conflicts:
        value = known["values"][conflict["id"]]
        pick = found.likely.get(conflict["id"])
        silent += pick is None
        likely += pick is not None and holds(conflict["sides"][pick.side], value)
        most = max(len(side["claims"]) for side in conflict["sides"])
        tied = [side for side in conflict["sides"] if len(side["claims"]) == most]
        largest += sum(holds(side, value) for side in tied) / len(tied)
        possible += any(holds(side, value) for side in conflict["sides"])
    rated = [o for o, e in found.outlets.items() if e.accuracy and e.accuracy.estimate is not None and o in known["accuracy"]]
    rho = spearman([found.outlets[o].accuracy.estimate for o in rated], [known["accuracy"][o] for o in rated])
    copies = known["copies"]
    stated = defaultdict(dict)
    for claim in reader.all_claims():
        stated[claim.source][claim.subject] = claim.figure
    true_figure = {item.split("/")[0]: f"{value:,}" for item, value in known["values"].items()}
    showing = [c for c, p in copies.items()
               if any(stated[p].get(s) == figure != true_figure[s] for s, figure in stated[c].items())]
    related = {frozenset((c, p)) for c, p in copies.items()}
    related |= {frozenset((a, b)) for a in copies for b in copies if a < b and copies[a] == copies[b]}
    named = {frozenset((o, other)) for o, e in found.outlets.items() for other in e.likely_copies}
    return {
        "claims": reader.claims_count(), "conflicts": len(conflicts), "likely": likely / len(conflicts),
        "largest": largest / len(conflicts), "possible": possible / len(conflicts), "silent": silent,
        "rho": rho, "rated": len(rated), "outlets": len(known["accuracy"]),
        "copiers": sum(p in found.outlets[c].likely_copies for c, p in copies.items()), "hidden": len(copies),
        "showing": len(showing),
        "wrong pairs": len(named - related), "named pairs": len(named), "rounds": found.rounds,
        "converged": found.converged, "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3])
    parser.add_argument("--project", type=Path, nargs="*", default=[], help="projects with a truth.json already made")
    parser.add_argument("--scale", type=int, default=0, help="also time the estimate on synth.py's corpus of this many claims")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            root = Path(tmp) / f"seed-{seed}"
            subprocess.run([sys.executable, str(SYNTH), str(root), "--seed", str(seed)], check=True, capture_output=True)
            rows.append((f"synth_truth --seed {seed}", score(root)))
        rows += [(str(root), score(root)) for root in args.project]
    print("| project | claims | conflicts | likely side | largest side | best possible | no likely | rho | copiers found (of showing, of all) | wrong pairs | rounds | estimate s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['claims']:,} | {r['conflicts']} | {r['likely']:.3f} | {r['largest']:.3f} | {r['possible']:.3f} "
              f"| {r['silent']} | {r['rho']:.3f} ({r['rated']}/{r['outlets']}) | {r['copiers']} of {r['showing']}, of {r['hidden']} "
              f"| {r['wrong pairs']} of {r['named pairs']} | {r['rounds']}{'' if r['converged'] else ' (not converged)'} "
              f"| {r['seconds']:.3f} |")
    if args.scale:
        scale(args.scale)


def scale(claims: int, repeat: int = 3) -> None:
    """query.Reader.estimate on synth.py's corpus of `claims` claims, after a cold check of it (no index)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(BENCH / "synth.py"), tmp, str(claims)], check=True, capture_output=True)
        started = time.perf_counter()
        reader = query.Reader(pipeline.run(Path(tmp), use_index=False))
        check = time.perf_counter() - started
        reader.origin_groups()
        gc.collect()  # the collector's debt from loading is the load's, not the estimate's
        times, found = [], None
        for _ in range(repeat):
            started = time.perf_counter()
            found = reader.estimate()
            times.append(time.perf_counter() - started)
        conflicts, agreements = reader.count_conflicts(), len(reader.found("agreements"))
        again = {"a claims file changed": "DELETE FROM meta WHERE key LIKE 'kept %' OR key LIKE 'memo %' OR key = 'origins'",
                 "a review recorded": "DELETE FROM meta WHERE key LIKE 'kept %'"}
        made = {}
        for name, forget in again.items():  # what the first page or listing that shows the likely sides waits for
            made[name] = []
            for _ in range(repeat):
                reader.db.execute("COMMIT")
                reader.db.executescript(f"BEGIN; {forget}; {'DELETE FROM origins;' if 'origins' in forget else ''} COMMIT; BEGIN")
                gc.collect()
                started = time.perf_counter()
                reader.likely()
                made[name].append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"\n{claims:,} claims (synth.py), {conflicts:,} conflicts, {agreements:,} agreements: "
          f"cold check {check:.1f} s; query.Reader.estimate {median:.3f} s (median of {repeat}: "
          f"{', '.join(f'{t:.3f}' for t in times)}), {median / check:.1%} of the check; {found.rounds} rounds"
          f"{'' if found.converged else ' (the cap: not converged)'}")
    for name, seconds in made.items():
        print(f"query.Reader.likely after {name} (origins and estimate as that leaves them): "
              f"{statistics.median(seconds):.3f} s (median of {repeat}: {', '.join(f'{t:.3f}' for t in seconds)})")


if __name__ == "__main__":
    main()
