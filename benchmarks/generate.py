"""Write a realistic synthetic claims project: hundreds of outlets, claims in files of about 1,000,
figures in the forms news uses, and groups of a few comparable claims (or one huge group).

Run: python benchmarks/generate.py N DIR [--huge-group K] [--seed S]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PERSPECTIVES = ["Russian state media", "Chinese state media", "Western independent", "Western analysis",
                "official statistics", "business news", "independent blog", "think tank"]
FORMS = ["${v} billion", "US${v} billion", "about ${v} billion", "more than ${v} billion", "up to ${v} billion",
         "{v} billion yuan", "nearly ${v} billion", "{p} percent", "about {p} per cent", "{p}%", "{y}-year",
         "{y} years", "{k} km", "about {k} miles", "{b} bcm", "{t} million tonnes", "{n} agreements"]
PROPERTIES = {"${v} billion": "value", "US${v} billion": "value", "about ${v} billion": "value",
              "more than ${v} billion": "value", "up to ${v} billion": "value", "{v} billion yuan": "value-cny",
              "nearly ${v} billion": "value", "{p} percent": "growth", "about {p} per cent": "growth", "{p}%": "growth",
              "{y}-year": "duration", "{y} years": "duration", "{k} km": "length", "about {k} miles": "length",
              "{b} bcm": "volume", "{t} million tonnes": "tonnage", "{n} agreements": "agreements"}
CLAIM = """- id: {id}
  source: {source}
  url: https://news.example.org/{source}/{n}
  published: {published}
  speaker: {speaker}
  subject: {subject}
  property: {property}
  period: '{period}'
  figure: {figure}
  kind: actual
  quote: 'Officials said the figure was {figure} for the period, according to the report published that week.'
"""


def claims(n: int, huge_group: int, rng: random.Random):
    groups = max(1, (n - huge_group) // 4)
    for i in range(n):
        in_huge = i < huge_group
        group = 0 if in_huge else 1 + rng.randrange(groups)
        form = "${v} billion" if in_huge else rng.choice(FORMS)
        base = 50 + (group * 37) % 400
        values = {"v": base + rng.choice([0, 0, 0, 5, -5, 20]), "p": 5 + group % 40, "y": 10 + group % 30,
                  "k": 100 + group % 900, "b": 10 + group % 60, "t": 20 + group % 80, "n": 3 + group % 50}
        year = 2010 + group % 14
        yield {
            "id": f"claim-{i:07d}", "source": f"outlet-{rng.randrange(300):03d}", "n": i,
            "published": f"{year + 1}-0{1 + rng.randrange(9)}-1{rng.randrange(10)}",
            "speaker": rng.choice(["null", "Deputy Minister of Trade", "a company spokesperson", "the central bank"]),
            "subject": f"subject-{group:06d}", "property": PROPERTIES[form], "period": year,
            "figure": form.format(**values),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--huge-group", type=int, default=0, help="put this many claims in one comparable group")
    parser.add_argument("--per-file", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    (args.dir / "claims").mkdir(parents=True, exist_ok=True)
    (args.dir / "sources").mkdir(parents=True, exist_ok=True)
    for i in range(300):
        perspective = PERSPECTIVES[i % len(PERSPECTIVES)]
        (args.dir / "sources" / f"outlet-{i:03d}.yaml").write_text(
            f"id: outlet-{i:03d}\nname: Outlet {i}\nperspective: {perspective}\nkind: newspaper\n"
            f"url: https://outlet{i}.example.org\n", encoding="utf-8")
    batch, number = [], 0
    for claim in claims(args.n, args.huge_group, rng):
        batch.append(CLAIM.format(**claim))
        if len(batch) == args.per_file:
            (args.dir / "claims" / f"batch-{number:04d}.yaml").write_text("".join(batch), encoding="utf-8")
            batch, number = [], number + 1
    if batch:
        (args.dir / "claims" / f"batch-{number:04d}.yaml").write_text("".join(batch), encoding="utf-8")


if __name__ == "__main__":
    main()
