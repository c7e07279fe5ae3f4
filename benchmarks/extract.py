"""How long `extract` takes to draft claims from a 5,000-word article.

Run: python benchmarks/extract.py [--words N] [--repeat K]

The article is the five bundled seed articles (sources/archive/seed-*.txt) joined and repeated to N
words. Three figures, each the median of K runs in this process after one warm-up run (imports
and pysbd's rule tables loaded):
- the floor: pysbd splitting the same text into sentences, which extract cannot do without;
- `extract.draft` on the text: sentences, figures, speakers, periods, kinds and suggestions;
- the whole command in a new process (`claimcheck extract ... --source ...`), imports included;
- `claimcheck extract --manifest` on 50 articles (the seed articles in turn, under ten outlets, so that each
  article's figures are aligned with the other 49 and the project's claims), against splitting the same 50
  articles into sentences; design 7a's goal is under 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(action, repeat: int) -> float:
    action()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--articles", type=int, default=50, help="articles in the manifest run")
    args = parser.parse_args()

    import pysbd

    from claimcheck import extract, store

    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "sources/archive").glob("seed-*.txt")))
    text = seeds
    while len(text.split()) < args.words:
        text += "\n" + seeds
    text = " ".join(text.split(" ")[:args.words]).rstrip() + "\n"
    corpus, _ = store.load(REPO)
    words = len(text.split())

    segmenter = pysbd.Segmenter(language="en", clean=False)
    floor = timed(lambda: [segmenter.segment(line) for line in text.split("\n") if line.strip()], args.repeat)
    proposals = extract.draft(text, corpus, "sputnik", dt.date(2017, 5, 12))
    drafting = timed(lambda: extract.draft(text, corpus, "sputnik", dt.date(2017, 5, 12)), args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "article.txt"
        article.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "claimcheck", "--root", str(REPO), "extract", str(article), "--source", "sputnik",
                   "--published", "2017-05-12", "-o", str(Path(folder) / "draft.csv")]
        # The command archives the article in the project; a copy of the project keeps the checkout clean.
        project = Path(folder) / "project"
        subprocess.run(["cp", "-r", str(REPO / "claims"), str(REPO / "sources"), str(Path(folder))], check=True)
        project.mkdir()
        subprocess.run(["mv", str(Path(folder) / "claims"), str(Path(folder) / "sources"), str(project)], check=True)
        command[command.index(str(REPO))] = str(project)
        whole = timed(lambda: subprocess.run(command, check=True, capture_output=True), max(3, args.repeat // 2))

        seed_texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "sources/archive").glob("seed-*.txt"))]
        batch = Path(folder) / "batch"
        batch.mkdir()
        lines = ["file,source,source_name,source_perspective,published,url"]
        for n in range(args.articles):
            (batch / f"article-{n:02d}.txt").write_text(seed_texts[n % len(seed_texts)], encoding="utf-8")
            lines.append(f"article-{n:02d}.txt,outlet-{n % 10},Outlet {n % 10},press,2017-05-12,")
        (batch / "articles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        batch_words = sum(len(seed_texts[n % len(seed_texts)].split()) for n in range(args.articles))
        batch_floor = timed(lambda: [segmenter.segment(line) for n in range(args.articles)
                                     for line in seed_texts[n % len(seed_texts)].split("\n") if line.strip()], args.repeat)
        manifest = [sys.executable, "-m", "claimcheck", "--root", str(project), "extract", "--manifest",
                    str(batch / "articles.csv"), "-o", str(Path(folder) / "batch.csv")]
        batch_whole = timed(lambda: subprocess.run(manifest, check=True, capture_output=True), max(3, args.repeat // 2))

    print(f"article: {words:,} words, {len(proposals)} claims drafted; Python {sys.version.split()[0]}; median of {args.repeat}")
    print("| step                                     | seconds | x floor |")
    print("|------------------------------------------|--------:|--------:|")
    print(f"| floor: pysbd sentence splitting          | {floor:7.3f} |    1.00 |")
    print(f"| extract.draft (in process)               | {drafting:7.3f} | {drafting / floor:7.2f} |")
    print(f"| claimcheck extract (new process)         | {whole:7.3f} | {whole / floor:7.2f} |")
    print(f"\nmanifest: {args.articles} articles, {batch_words:,} words; median of {max(3, args.repeat // 2)}")
    print("| step                                     | seconds | x floor |")
    print("|------------------------------------------|--------:|--------:|")
    print(f"| floor: pysbd sentence splitting          | {batch_floor:7.3f} |    1.00 |")
    print(f"| claimcheck extract --manifest (goal <10) | {batch_whole:7.3f} | {batch_whole / batch_floor:7.2f} |")


if __name__ == "__main__":
    main()
