"""How well drafts from different articles land in the same comparable group, unedited (design §7a).

Run: python benchmarks/alignment.py [seeds|event|quotes|pipeline|topics|event2|quotes2|event3|quotes3|quotes4|event4|event5|
event6|event7|event8|event9|event10|quotes5|quotes6 ...] [--list]

Each set is a batch of articles with a person's grouping of their figures:
- seeds: the bundled seed articles that have claims (sources/archive/seed-*.txt), each drafted under the
  outlet most of its claims name; the person's grouping is the bundled claims (claims/), whose archive is
  the article;
- event: benchmarks/alignment/event/ (14 articles on one event, grouped before any draft was made);
- quotes: benchmarks/alignment/quotes/ (60 sentences from 40 pages, each drafted as a one-sentence article);
- pipeline: benchmarks/alignment/pipeline/ (33 sentences from 16 pages on one pipeline, in the quotes' format);
- topics: benchmarks/alignment/topics/ (37 sentences from 28 pages on four topics, in the quotes' format);
- event2: benchmarks/alignment/event2/ (12 articles from 12 outlets on one event, in the event's format);
- quotes2: benchmarks/alignment/quotes2/ (32 sentences from 24 pages on four topics, in the quotes' format);
- event3: benchmarks/alignment/event3/ (12 articles from 12 outlets on one event, in the event's format);
- quotes3: benchmarks/alignment/quotes3/ (30 sentences from 21 pages on four topics, in the quotes' format);
- quotes4: benchmarks/alignment/quotes4/ (37 sentences from 33 pages on four topics, in the quotes' format);
- quotes5: benchmarks/alignment/quotes5/ (42 sentences from 35 pages on four more topics, likewise);
- quotes6: benchmarks/alignment/quotes6/ (44 sentences from 34 pages on four more topics, likewise);
- event4: benchmarks/alignment/event4/ (12 articles from 12 outlets on one company's results, in the event's format);
- event5: benchmarks/alignment/event5/ (12 articles from 12 outlets on one election, in the event's format);
- event6: benchmarks/alignment/event6/ (12 articles from 12 outlets on one hurricane, in the event's format);
- event7: benchmarks/alignment/event7/ (11 articles from 11 outlets on one budget, in the event's format);
- event8: benchmarks/alignment/event8/ (12 articles from 12 outlets on one protest march, in the event's format);
- event9: benchmarks/alignment/event9/ (11 articles from 11 outlets on one central bank's rate decision, likewise);
- event10: benchmarks/alignment/event10/ (12 articles from 12 outlets on one ship's grounding in a canal, likewise).
The batch is drafted in one run (`claimcheck extract --manifest`, each article a file of its own) into an empty
project, imported unedited (`claimcheck import`), and compared with the grouping:
- figure recall: the person's figures that a draft holds (the same figure, a quote holding the other);
- pairwise grouping precision / recall / F1 over the figures both have: two figures in one group;
- conflicts the draft project finds: real ones (two figures a person grouped together, on two sides), false
  ones (every side holds a figure the person has, and no two of them share a group), and the person's
  contradictions found. `--list` names the figures missed, the contradictions missed (with the intervals the
  checker compares) and where each of the person's groups landed.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimcheck import extract, figures, interchange, store  # noqa: E402
from claimcheck.safetext import fold_whitespace  # noqa: E402

ALIGNMENT = REPO / "benchmarks" / "alignment"
CLAIMCHECK = [sys.executable, "-m", "claimcheck"]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
"""The commands run the package beside this script, as its imports do: run from a copy of an older commit (`git
archive REV | tar -x -C DIR`), the script measures that commit's code, never the installed one nor the one in the
directory it is run from (`python -m` puts the working directory first; the commands run in a temporary one)."""


@dataclass
class Truth:
    article: str
    figure: str
    quote: str
    group: str


def seeds() -> tuple[list[extract.Article], list[Truth], dict[str, tuple[str, str]], set[str]]:
    corpus, _ = store.load(REPO)
    aliases = corpus.alias_map()
    articles, truth, outlets = [], [], {}
    for path in sorted((REPO / "sources/archive").glob("seed-*.txt")):
        claims = [c for c in corpus.claims if c.archive == f"sources/archive/{path.name}"]
        if not claims:
            continue
        source = Counter(c.source for c in claims).most_common(1)[0][0]
        published = max((c.published for c in claims if c.published), default=None)
        articles.append(extract.Article(extract.article_text(path), source, published, claims[0].url, path.stem))
        outlet = corpus.sources[source]
        outlets[source] = (outlet.name, outlet.perspective)
        truth += [Truth(path.stem, c.figure, c.quote or "", "/".join(str(x) for x in (
            aliases.get(c.subject, c.subject), c.property, c.period, c.kind, c.scope))) for c in claims]
    from claimcheck import check

    real = set()  # groups where the person's claims of these articles contradict each other
    findings = check.check(corpus, figures.read_claims(corpus)[0])
    archived = {c.id for c in corpus.claims if c.archive}
    for conflict in findings.conflicts:
        sides = [[c for c in side.claims if c in archived] for side in conflict.sides]
        if sum(1 for side in sides if side) > 1:
            claim = next(c for c in corpus.claims if c.id == next(x for side in sides for x in side))
            real.add("/".join(str(x) for x in (aliases.get(claim.subject, claim.subject), claim.property, claim.period,
                                                claim.kind, claim.scope)))
    return articles, truth, outlets, real


def event(folder: Path = ALIGNMENT / "event") -> tuple[list[extract.Article], list[Truth], dict[str, tuple[str, str]],
                                                    set[str]]:
    articles, outlets = [], {}
    with open(folder / "ARTICLES.csv", encoding="utf-8", newline="") as manifest:
        for row in csv.DictReader(manifest):
            path = folder / row["file"]
            articles.append(extract.Article(extract.article_text(path), row["source"], row["published"] or None,
                                            row["url"] or None, path.stem))
            outlets[row["source"]] = (row["source_name"], row["source_perspective"])
    with open(folder / "truth.csv", encoding="utf-8", newline="") as grouping:
        truth = [Truth(Path(r["file"]).stem, r["figure"], r["quote"], r["group"]) for r in csv.DictReader(grouping)]
    with open(folder / "contradictions.csv", encoding="utf-8", newline="") as found:
        real = {r["group"] for r in csv.DictReader(found)}
    return articles, truth, outlets, real


def quotes(folder: Path = ALIGNMENT / "quotes") -> tuple[list[extract.Article], list[Truth], dict[str, tuple[str, str]],
                                                       set[str]]:
    articles, truth, outlets, seen = [], [], {}, {}
    with open(folder / "quotes.csv", encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            source = interchange.file_slug(row["outlet"])[:40]
            outlets[source] = (row["outlet"], "news")
            key = (row["url"], row["quote"])
            if key not in seen:
                seen[key] = f"quote-{len(seen) + 1:03d}"
                published = row["published"] if len(row["published"]) >= 4 else None
                articles.append(extract.Article(row["quote"] + "\n", source, published, row["url"], seen[key]))
            truth.append(Truth(seen[key], row["figure"], row["quote"], row["group"]))
    with open(folder / "contradictions.csv", encoding="utf-8", newline="") as found:
        real = {r["group"] for r in csv.DictReader(found)}
    return articles, truth, outlets, real


SETS = {"seeds": seeds, "event": event, "quotes": quotes, "pipeline": lambda: quotes(ALIGNMENT / "pipeline"),
        "topics": lambda: quotes(ALIGNMENT / "topics"), "event2": lambda: event(ALIGNMENT / "event2"),
        "quotes2": lambda: quotes(ALIGNMENT / "quotes2"), "event3": lambda: event(ALIGNMENT / "event3"),
        "quotes3": lambda: quotes(ALIGNMENT / "quotes3"), "quotes4": lambda: quotes(ALIGNMENT / "quotes4"),
        "quotes5": lambda: quotes(ALIGNMENT / "quotes5"), "quotes6": lambda: quotes(ALIGNMENT / "quotes6"),
        "event4": lambda: event(ALIGNMENT / "event4"), "event5": lambda: event(ALIGNMENT / "event5"),
        "event6": lambda: event(ALIGNMENT / "event6"), "event7": lambda: event(ALIGNMENT / "event7"),
        "event8": lambda: event(ALIGNMENT / "event8"), "event9": lambda: event(ALIGNMENT / "event9"),
        "event10": lambda: event(ALIGNMENT / "event10")}


def same_figure(a: str, b: str) -> bool:
    """The same figure: both read to the same value and unit, or one text holds the other and their numbers are
    the same ("estimated US $5.43 billion" and "US $5.43 billion", "over Rs 40,000 crore loss" and "over Rs 40,000
    crore": the draft took in a hedge or a direction the person left out)."""
    inside = (lambda x, y: x in y or y in x)(*(f" {fold_whitespace(t).lower()} " for t in (a, b)))
    try:
        x, y = figures.parse(a), figures.parse(b)
    except figures.FigureError:
        return inside  # "within two years", which the reader refuses as a field, holds the draft's "two years"
    if (x.value, x.unit) == (y.value, y.unit):
        return True
    return inside and x.value is not None and y.value is not None and abs(x.value) == abs(y.value)


def same_quote(a: str, b: str) -> bool:
    a, b = fold_whitespace(a), fold_whitespace(b)
    return bool(a) and bool(b) and (a in b or b in a)


def measure(name: str, listing: bool) -> dict:
    articles, truth, outlets, real = SETS[name]()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        project = folder / "p"
        subprocess.run([*CLAIMCHECK, "init", str(project)], check=True, capture_output=True, env=ENV, cwd=folder)
        (folder / "in").mkdir()
        with open(folder / "in" / "articles.csv", "w", encoding="utf-8", newline="") as out:
            manifest = csv.writer(out)
            manifest.writerow(extract.MANIFEST_COLUMNS)
            for number, article in enumerate(articles):
                (folder / "in" / f"{number:03d}.txt").write_text(article.text, encoding="utf-8")
                manifest.writerow([f"{number:03d}.txt", article.source, *outlets[article.source], article.published or "",
                                   article.url or ""])
        drafted = subprocess.run([*CLAIMCHECK, "--root", str(project), "extract", "--manifest", str(folder / "in" / "articles.csv"),
                                  "-o", str(folder / "draft.csv")], capture_output=True, text=True, env=ENV, cwd=folder)
        if drafted.returncode:
            sys.exit(f"{name}: extract --manifest failed:\n{drafted.stderr}")
        with open(folder / "draft.csv", encoding="utf-8", newline="") as draft:
            rows = list(csv.DictReader(draft))
        archived = {f"sources/archive/{interchange.file_slug(a.source)}-{n:03d}.txt": a.name for n, a in enumerate(articles)}
        for row in rows:  # the article each row is from, by its archive (an identical text reuses the first's)
            row["article"] = archived[row["archive"]]
        imported = subprocess.run([*CLAIMCHECK, "--root", str(project), "import", str(folder / "draft.csv")],
                                  capture_output=True, text=True, env=ENV, cwd=folder)
        if imported.returncode:
            sys.exit(f"{name}: the draft did not import unedited:\n{imported.stdout}{imported.stderr}")
        found = json.loads(subprocess.run([*CLAIMCHECK, "--root", str(project), "conflicts", "--all", "--format", "json"],
                                          capture_output=True, text=True, check=True, env=ENV, cwd=folder).stdout)["conflicts"]
    # the person's figures matched to drafts
    key = {row["id"]: "/".join(str(row.get(x) or None) for x in ("subject", "property", "period", "kind", "scope")) for row in rows}
    unused = list(rows)
    matched: dict[int, dict] = {}
    for n, t in enumerate(truth):
        hit = next((r for r in unused if r["article"] == t.article and same_figure(r["figure"], t.figure)
                    and same_quote(r["quote"], t.quote)), None)
        if hit is not None:
            matched[n] = hit
            unused.remove(hit)
    pairs = [(a, b) for a in matched for b in matched if a < b]
    tp = sum(1 for a, b in pairs if truth[a].group == truth[b].group and key[matched[a]["id"]] == key[matched[b]["id"]])
    same_truth = sum(1 for a, b in pairs if truth[a].group == truth[b].group)
    same_draft = sum(1 for a, b in pairs if key[matched[a]["id"]] == key[matched[b]["id"]])
    group_of = {matched[n]["id"]: truth[n].group for n in matched}
    real_found, false, unjudged, seen_real = 0, 0, 0, set()
    for conflict in found:
        sides = [[group_of.get(c) for c in side["claims"]] for side in conflict["sides"]]
        shared = {g for i, a in enumerate(sides) for b in sides[i + 1:] for g in a if g and g in b}
        if shared:
            real_found += 1
            seen_real |= shared & real
        elif all(any(side) for side in sides):
            false += 1
            if listing:
                print(f"  FALSE CONFLICT {conflict['id']}: {sides}")
        else:
            unjudged += 1
    precision = tp / same_draft if same_draft else 1.0
    recall = tp / same_truth if same_truth else 1.0
    if listing:
        for n, t in enumerate(truth):
            if n not in matched:
                print(f"  missed figure {t.figure!r} ({t.article})")
        for group in sorted(real - seen_real):
            print(f"  missed contradiction {group}: " + "; ".join(
                f"{r['figure']!r} -> {key[r['id']]} [{_interval(r['figure'])}]"
                for n, r in matched.items() if truth[n].group == group))
        by_group: dict[str, list[str]] = {}
        for n, r in matched.items():
            by_group.setdefault(truth[n].group, []).append(f"{r['figure']!r} -> {key[r['id']]}")
        for group, drafts in sorted(by_group.items()):
            print(f"  {group}:")
            for line in drafts:
                print(f"      {line}")
    return {"set": name, "articles": len(articles), "figures": len(truth), "recall": 100 * len(matched) / len(truth),
            "drafts": len(rows), "P": 100 * precision, "R": 100 * recall,
            "F1": 200 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "conflicts": len(found), "real": real_found, "false": false, "unjudged": unjudged,
            "contradictions": f"{len(seen_real)}/{len(real)}"}


def _interval(figure: str) -> str:
    """The interval the checker compares, so that a missed contradiction shows whether the readings overlap."""
    try:
        read = figures.parse(figure)
    except figures.FigureError as error:
        return f"refused: {error}"
    return f"{read.qualifier} {read.low}..{read.high} {read.unit}".rstrip()


def main() -> None:
    names = [a for a in sys.argv[1:] if not a.startswith("-")] or list(SETS)
    print("| set | articles | figures | figure recall | drafts | pairwise P | R | F1 | conflicts | real | false | other | contradictions found |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        r = measure(name, "--list" in sys.argv)
        print(f"| {r['set']} | {r['articles']} | {r['figures']} | {r['recall']:.0f}% | {r['drafts']} | {r['P']:.1f} | "
              f"{r['R']:.1f} | {r['F1']:.1f} | {r['conflicts']} | {r['real']} | {r['false']} | {r['unjudged']} | "
              f"{r['contradictions']} |")


if __name__ == "__main__":
    main()
