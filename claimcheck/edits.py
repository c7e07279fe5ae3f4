"""Changes to the project's YAML files that the commands and the web app make, as the new text of a
file; `pipeline.commit` checks the text with the whole project and writes it atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import get_args

from . import interchange, store, views
from .models import ReviewStatus


class Refusal(ValueError):
    """An edit that cannot be made; the message says why and what would be right."""


def edited(root: Path, path: str, block: str, line: int | None = None) -> str:
    """A YAML list file's text with `block` (list items) added, or put in place of its item on `line`
    ("" removes it); a refusal when its text cannot be changed item by item."""
    text = store.existing_text(root, path)
    try:
        if line is None:
            return interchange.append_block(text, block)
        return interchange.replace_item(text or "", line, block)
    except interchange.TextEditError as error:
        raise Refusal(f"{path}: {error}") from None


def review(root: Path, analysis, conflict_id: str, status: str, note: str, prefer: list[str],
           seen: list[str] | None = None) -> tuple[str, list[str]]:
    """claims/reviews.yaml with a review of `conflict_id` recorded (today's date, the claims the
    conflict holds now; a review of the same conflict replaced), and the claims it covers. With
    `seen` (the claims a form showed), a conflict that holds other claims now is refused."""
    statuses = get_args(ReviewStatus)
    if status not in statuses:
        raise Refusal(f"--status {status!r}: use one of {', '.join(statuses)}")
    if status == "resolved" and not prefer:
        raise Refusal("--status resolved needs --prefer with the claim (or claims) you hold right")
    conflicts = {c.id: c for c in analysis.findings.conflicts}
    if conflict_id not in conflicts:
        hint = views.did_you_mean(conflict_id, sorted(conflicts), "; 'claimcheck conflicts --all' lists them")
        raise Refusal(f"no conflict {conflict_id!r}{hint}")
    held = [c for side in conflicts[conflict_id].sides for c in side.claims]
    if seen is not None and sorted(seen) != sorted(held):
        raise Refusal(f"{conflict_id} holds other claims than the page showed ({', '.join(sorted(held))} now); "
                      "reload it and review what it holds now")
    stray = [c for c in prefer if c not in held]
    if stray:
        raise Refusal(f"--prefer {', '.join(stray)}: not in {conflict_id}; its claims are {', '.join(held)}")
    fields = {"conflict": conflict_id, "status": status, "reviewed": dt.date.today(),
              "claims": sorted(held), **({"preferred": prefer} if prefer else {}), "note": note}
    old = next((r for r in analysis.corpus_for_lines().reviews if r.conflict == conflict_id and r.at.path == store.REVIEWS_FILE), None)
    return edited(root, store.REVIEWS_FILE, interchange.dump_records([fields]), old and old.at.line), held


def archive_for(root: Path, texts: dict[str, str], name: str, text: str) -> str:
    """Where an article's text is archived: an archive under sources/archive/ that holds this text
    already, else a new file `name`.txt (numbered on past names that hold other text), added to
    `texts` to be written."""
    folder = f"{store.SOURCES_DIR}/archive"
    size = len(text.encode("utf-8"))
    if found := next((path for path, written in texts.items() if written == text), None):
        return found
    for file in sorted((Path(root) / folder).glob("*.txt")):
        try:  # only a file of the same size can hold the same text: the others are not read
            if file.stat().st_size == size and store.existing_text(root, f"{folder}/{file.name}") == text:
                return f"{folder}/{file.name}"
        except (OSError, UnicodeDecodeError):
            continue  # an archive that cannot be read as text holds no article of ours
    number = 1
    while (path := f"{folder}/{name}.txt" if number == 1 else f"{folder}/{name}-{number}.txt") in texts \
            or (Path(root) / path).exists():
        number += 1
    texts[path] = text
    return path
