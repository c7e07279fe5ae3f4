"""Claims to and from CSV rows and YAML text: the formats of `import`, `export` and `add`. Pure."""

from __future__ import annotations

import yaml
from pydantic import ValidationError

from .models import Claim, Corpus, Location, Problem, Source
from .output import FORMULA_STARTS

CSV_COLUMNS = [
    "id", "source", "source_name", "source_perspective", "url", "published", "speaker",
    "subject", "property", "period", "figure", "kind", "quote",
]
OPTIONAL_COLUMNS = ["scope", "via", "archive", "as_of", "source_reference", "note"]
ALL_COLUMNS = CSV_COLUMNS + OPTIONAL_COLUMNS
CLAIM_FIELDS = list(Claim.model_fields)
SOURCE_COLUMNS = {"source_name": "name", "source_perspective": "perspective", "source_reference": "reference"}


def restore(cell: str) -> str:
    """Undo the apostrophe export puts before formula-like cells, so an export imports back unchanged."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def claim_row(claim: Claim, source: Source | None) -> dict[str, object]:
    """One claim as an export row (None for absent values)."""
    row: dict[str, object] = {column: getattr(claim, column, None) for column in ALL_COLUMNS}
    row["source_name"] = source.name if source else None
    row["source_perspective"] = source.perspective if source else None
    row["source_reference"] = source.reference if source else None
    return row


def claim_fields(claim: Claim) -> dict[str, str]:
    """The fields a claim file stores for `claim`, in the order of the format, absent ones left out."""
    return {name: value for name, value in claim.model_dump().items() if value is not None}


def dump_claims(claims: list[Claim]) -> str:
    """YAML for a list of claims, one blank line between them, as people write the files."""
    return "\n".join(
        yaml.safe_dump([claim_fields(claim)], sort_keys=False, allow_unicode=True, width=10_000) for claim in claims
    )


def dump_source(source: Source) -> str:
    fields = {name: value for name, value in source.model_dump().items() if value is not None}
    return yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=10_000)


def append_claims(existing: str | None, claims: list[Claim]) -> str:
    """A claims file's text with `claims` added at its end, keeping what the file had word for word."""
    addition = dump_claims(claims)
    if existing is None or not existing.strip() or existing.strip() == "[]":
        return addition
    return existing + ("" if existing.endswith("\n") else "\n") + "\n" + addition


def differences(old: Claim, new: Claim) -> list[str]:
    before, after = old.model_dump(), new.model_dump()
    return [f"{name}: {before[name]!r} vs {after[name]!r}" for name in before if before[name] != after[name]]


class ImportPlan:
    """What importing CSV rows into a corpus would add, or the problems that refuse it."""

    def __init__(self, corpus: Corpus, rows: list[tuple[int, dict[str, str]]], csv_name: str):
        self.claims: list[Claim] = []
        self.sources: dict[str, Source] = {}
        self.unchanged = 0
        self.problems: list[Problem] = []
        known = {claim.id: claim for claim in corpus.claims}
        for line, row in rows:
            where = Location(csv_name, line)
            self._row(corpus, known, row, where)

    def _row(self, corpus: Corpus, known: dict[str, Claim], row: dict[str, str], where: Location) -> None:
        cells = {key: (value if value is None else restore(value).strip()) for key, value in row.items()}
        cells = {key: value for key, value in cells.items() if value not in (None, "")}
        label = f"row with id {cells['id']!r}" if "id" in cells else "row"
        source = self._source(corpus, cells, where, label)
        try:
            claim = Claim.model_validate({key: cells[key] for key in CLAIM_FIELDS if key in cells})
        except ValidationError as error:
            for detail in error.errors():
                field = detail["loc"][0] if detail["loc"] else "row"
                message = detail["msg"].removeprefix("Value error, ")
                if detail["type"] == "missing":
                    message = "the cell is empty; it is required"
                self.problems.append(Problem(where, f"{label}: column {field}: {message}"))
            return
        claim.located(where)
        if claim.id in known:
            old = known[claim.id]
            if old.model_dump() == claim.model_dump():
                self.unchanged += 1
                return
            changed = "; ".join(differences(old, claim))
            self.problems.append(Problem(where, f"claim id {claim.id!r} already exists at {old.at} with other content ({changed}); give the new claim another id or edit the existing one"))
            return
        if source is None and claim.source not in corpus.sources and claim.source not in self.sources:
            return
        known[claim.id] = claim
        self.claims.append(claim)

    def _source(self, corpus: Corpus, cells: dict[str, str], where: Location, label: str) -> Source | None:
        source_id = cells.get("source")
        given = {field: cells[column] for column, field in SOURCE_COLUMNS.items() if column in cells}
        if not source_id:
            return None
        existing = corpus.sources.get(source_id) or self.sources.get(source_id)
        if existing is not None:
            for field, value in given.items():
                current = getattr(existing, field)
                if field == "reference":
                    value = value.lower() in ("true", "yes", "1")
                if value != current:
                    self.problems.append(Problem(where, f"{label}: outlet {source_id!r} has {field} {current!r} at {existing.at}, but this row says {value!r}; make them agree"))
            return existing
        if not {"name", "perspective"} <= given.keys():
            self.problems.append(Problem(where, f"{label}: outlet {source_id!r} is not in sources/; fill source_name and source_perspective to add it"))
            return None
        try:
            source = Source.model_validate({"id": source_id, **given})
        except ValidationError as error:
            for detail in error.errors():
                self.problems.append(Problem(where, f"{label}: outlet {source_id!r}: {detail['loc'][0]}: {detail['msg'].removeprefix('Value error, ')}"))
            return None
        self.sources[source_id] = source.located(where)
        return source
