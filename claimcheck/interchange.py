"""Claims to and from CSV and YAML text: the formats of `import`, `export` and `add`. Pure, but for
reading the CSV file that `import` is given."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import store, yamlsafe
from .models import Claim, Corpus, Location, Problem, Record, Source
from .output import FORMULA_STARTS

CSV_COLUMNS = [
    "id", "source", "source_name", "source_perspective", "url", "published", "speaker",
    "subject", "property", "period", "figure", "kind", "quote",
]
OPTIONAL_COLUMNS = ["scope", "via", "archive", "as_of", "source_reference", "note"]
ALL_COLUMNS = CSV_COLUMNS + OPTIONAL_COLUMNS
DRAFT_COLUMNS = ["match", "confidence"]
"""What a draft says of each row (design §7a: the group it joins and why, how sure): `import` accepts and ignores them."""
CLAIM_FIELDS = list(Claim.model_fields)
SOURCE_COLUMNS = {"source_name": "name", "source_perspective": "perspective", "source_reference": "reference"}


class CsvError(ValueError):
    """A CSV file that cannot be read at all; the message names the file and the line."""


def read_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The rows of a file for `import` with their lines: a YAML draft (`.yaml`, `.yml`: a list of mappings whose keys
    are the import columns) or CSV; CsvError if it cannot be read at all."""
    return read_yaml_rows(path) if path.suffix.lower() in (".yaml", ".yml") else read_csv(path)


def read_yaml_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The rows of a YAML draft, each with its line, as CSV cells would give them (every value as text)."""
    try:
        data = yamlsafe.parse(store.read_text(path))
    except UnicodeDecodeError as error:
        raise CsvError(f"{path}: the file is not UTF-8 (byte 0x{error.object[error.start]:02x}); save it as UTF-8") from None
    except OSError as error:
        raise CsvError(f"{path}: cannot read the file: {error.strerror}") from None
    except yamlsafe.YamlProblem as problem:
        raise CsvError(f"{path}:{problem.line or 1}: {problem.message}") from None
    if not isinstance(data, list):
        raise CsvError(f"{path}:1: a YAML draft is a list of claims ('- id: ...'), each a mapping of the import columns")
    rows, problems = [], []
    for n, item in enumerate(data):
        line = data.item_lines[n] if isinstance(data, yamlsafe.Sequence) else n + 1
        if not isinstance(item, dict):
            problems.append(Problem(Location(str(path), line), "the item is not a mapping of the import columns"))
            continue
        unknown = [key for key in item if key not in ALL_COLUMNS + DRAFT_COLUMNS]
        if unknown:
            problems.append(Problem(Location(str(path), line), f"unknown key{'s' * (len(unknown) > 1)} {', '.join(map(repr, unknown))}; "
                                                              f"the keys are: {', '.join(ALL_COLUMNS)}"))
            continue
        rows.append((line, {key: _cell(value) for key, value in item.items() if key not in DRAFT_COLUMNS}))
    return rows, problems


def _cell(value: object) -> str:
    """A YAML value as the CSV cell that says the same: a date as YYYY-MM-DD, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def read_csv(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The rows of a CSV file for `import` with their lines, and overlong rows as problems; CsvError if unreadable."""
    try:
        text = store.read_text(path)
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise CsvError(f"{path}:{line}: the file is not UTF-8 (byte 0x{error.object[error.start]:02x}); save it as UTF-8 CSV") from None
    except OSError as error:
        raise CsvError(f"{path}: cannot read the file: {error.strerror}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _csv_rows(path, reader)
    except csv.Error as error:
        raise CsvError(f"{path}:{reader.line_num}: the CSV cannot be read ({error}); save it as plain UTF-8 CSV") from None


def _csv_rows(path: Path, reader) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    header = next(reader, None)
    if not header:
        raise CsvError(f"{path}:1: the file is empty; the first row names the columns: {', '.join(CSV_COLUMNS)}")
    header = [name.strip() for name in header]
    unknown = [name for name in header if name not in ALL_COLUMNS + DRAFT_COLUMNS]
    missing = [name for name in ("id", "source", "subject", "property", "figure", "kind") if name not in header]
    if unknown or missing:
        detail = "; ".join(f"{what} column{'s' if len(names) > 1 else ''} {', '.join(map(repr, names))}"
                           for what, names in (("unknown", unknown), ("missing", missing)) if names)
        raise CsvError(f"{path}:1: {detail}; the columns are: {', '.join(ALL_COLUMNS)}")
    rows, problems = [], []
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(cells) > len(header):
                problems.append(Problem(Location(str(path), start), f"the row has {len(cells)} cells but the header names {len(header)} columns; quote cells that contain commas"))
            else:
                rows.append((start, {name: cell for name, cell in zip(header, cells) if name not in DRAFT_COLUMNS}))
        start = reader.line_num + 1
    return rows, problems


def file_slug(name: str) -> str:
    """A name made safe for a file or a claim id."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in name).strip("-.") or "imported"


def fresh_id(fields: dict[str, str], taken: set[str]) -> str:
    """A new claim's id: subject-property-source[-period], numbered on when taken."""
    period = fields.get("period")
    base = file_slug("-".join(filter(None, (fields["subject"], fields["property"], fields["source"],
                                            period and period.replace("/", "_")))))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def restore(cell: str) -> str:
    """Undo the apostrophe export puts before formula-like cells, so an export imports back unchanged."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def claim_row(claim: Claim, source: Source | None) -> dict[str, object]:
    """One claim as an export row (None for absent values)."""
    return {column: getattr(source, SOURCE_COLUMNS[column], None) if column in SOURCE_COLUMNS else getattr(claim, column, None)
            for column in ALL_COLUMNS}


def stored_fields(record: Record) -> dict[str, object]:
    """The fields a record's file stores, in the order of the format, absent (None or empty) ones left out."""
    return {name: value for name, value in record.model_dump().items() if value not in (None, [], {})}


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe writer, but a text that reads as a date or a number elsewhere is written as people write
    it in these files, without quotes (`published: 2022-01-13`, `period: 2021`): the project reads every value as
    text (`yamlsafe`), so the quotes would only set a written record apart from the ones beside it."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag.rsplit(":", 1)[1] not in ("int", "float", "timestamp")]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()}
for _kind in (int, float, dt.date, dt.datetime):  # a number or a date (a draft's confidence) is written as its text
    _Dumper.add_representer(_kind, lambda dumper, value: dumper.represent_str(str(value)))


def _yaml(data: object, width: int = 10_000, flow: bool | None = False) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=width, default_flow_style=flow)


def dump_claims(claims: list[Claim]) -> str:
    """YAML for a list of claims, one blank line between them, as people write the files."""
    return "\n".join(_yaml([stored_fields(claim)]) for claim in claims)


def dump_draft(rows: list[dict]) -> str:
    """A YAML draft: one mapping of import columns per claim (with `match` and `confidence`), a blank line between."""
    return "\n".join(_yaml([{key: value for key, value in row.items() if value not in (None, "")}]) for row in rows)


def dump_source(source: Source) -> str:
    return _yaml(stored_fields(source))


def dump_records(records: list[dict]) -> str:
    """YAML list items for plain records (a review), as people write them."""
    return _yaml(records, width=100, flow=None)


def append_block(existing: str | None, block: str, starts: list[int] | None = None) -> str:
    """A YAML list file's text with `block` added after a blank line, every byte it had kept (line endings
    too); a file with no item yet ('[]', or only comments) takes the block in place of its '[]'. `starts`:
    the line of each of its items, when known already (the index read them), else found by parsing it."""
    existing = existing or ""
    newline = newline_of(existing)
    addition = block.replace("\n", newline)
    bom = "\ufeff" if existing.startswith("\ufeff") else ""
    body = existing[len(bom):]
    if not _items(body, starts):
        body = "".join(line for line in body.splitlines(keepends=True) if line.strip() != "[]")
        if body and not body.endswith(("\n", "\r")):
            body += newline
        return bom + body + addition
    return existing + ("" if existing.endswith(("\n", "\r")) else newline) + newline + addition


class TextEditError(ValueError):
    """A YAML file whose text claimcheck cannot change item by item without touching other items."""


def item_lines(text: str) -> list[int]:
    """The 1-based line of every top-level list item of a YAML list file's text (`_items`)."""
    return _items(text.removeprefix("\ufeff"))


def _items(body: str, starts: list[int] | None = None) -> list[int]:
    """The 1-based line of every top-level list item in `body` (`starts`, when known already); TextEditError
    unless written one '- ' after another."""
    if starts is None:
        try:
            parsed = yamlsafe.parse(body)
        except yamlsafe.YamlProblem as problem:
            raise TextEditError(f"the file is not valid YAML ({problem.message}); fix it first") from None
        if parsed is None:
            return []
        if not isinstance(parsed, yamlsafe.Sequence):
            raise TextEditError("the file does not hold a list; fix it first")
        starts = parsed.item_lines
    lines = body.splitlines()
    if len(set(starts)) < len(starts) or any(not lines[n - 1].lstrip().startswith("- ") for n in starts):
        raise TextEditError("its list is not written one '- ' item after another (flow style or a bare '-'); "
                            "edit it by hand, or write each item as '- id: ...'")
    return starts


def _block(lines: list[str], starts: list[int], line: int) -> tuple[int, int]:
    """The 0-based [start, end) of the item on 1-based `line`; blank and comment lines just before
    the next item stay with it."""
    following = [n for n in starts if n > line]
    end = following[0] - 1 if following else len(lines)
    while end > line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return line - 1, end


def newline_of(text: str) -> str:
    """The line ending a file uses, so that an edit keeps it."""
    return "\r\n" if "\r\n" in text else "\n"


def replace_item(text: str, line: int, block: str, starts: list[int] | None = None) -> str:
    """`text` with the list item on 1-based `line` replaced by `block`, indented as it was ("" removes it),
    every byte outside it kept; a file left with no item holds '[]', since an empty file is a problem.
    `starts`: as `append_block`."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    starts = _items(body, starts)
    if line not in starts:
        raise TextEditError(f"no list item starts on line {line}; the file changed, run the command again")
    lines = body.splitlines(keepends=True)
    start, end = _block(lines, starts, line)
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    newline = newline_of(text)
    if block and all(item_line.startswith(indent) or not item_line.strip() for item_line in lines[start:end]):
        block = kept_fields([item_line[len(indent):].rstrip("\r\n") for item_line in lines[start:end]], block)
    new = "".join(indent + item_line + newline for item_line in block.splitlines())
    if new and end == len(lines) and not lines[-1].endswith(("\n", "\r")):
        new = new.rstrip("\r\n")  # the file ended without a newline; so does its last item
    if not new:  # the blank lines that set the item apart go with it, so no gap of two is left, nor one at an end
        if any(n > line for n in starts):
            while end < len(lines) and not lines[end].strip():
                end += 1
        else:
            while start > 0 and not lines[start - 1].strip():
                start -= 1
    result = "".join(lines[:start]) + new + "".join(lines[end:])
    if len(starts) == 1 and not new:
        result += ("" if not result or result.endswith(("\n", "\r")) else newline) + "[]" + newline
    return bom + result


_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?:\s|$)")


def _by_field(lines: list[str]) -> list[tuple[str, list[str], list[str]]]:
    """A block-style list item's lines by field: each top-level key, the lines that hold its value, and
    the comment or blank lines after them."""
    fields: list[tuple[str, list[str], list[str]]] = []
    for n, line in enumerate(lines):
        found = _KEY.match(line, 2) if (line.startswith("- ") if n == 0 else line.startswith("  ")) else None
        if found:
            fields.append((found.group(1), [line], []))
        elif not fields:
            raise TextEditError("an item that does not start with a key")
        elif not line.strip() or line.lstrip().startswith("#"):
            fields[-1][2].append(line)
        else:
            fields[-1][1].extend(fields[-1][2] + [line])
            fields[-1][2].clear()
    return fields


def _value(key: str, lines: list[str]) -> object:
    text = "\n".join(("  " + line[2:]) if n == 0 else line for n, line in enumerate(lines))
    return _plain((yamlsafe.parse(textwrap.dedent(text)) or {}).get(key))


def _plain(value: object) -> object:
    """A value as the record reads it, as text (`yamlsafe`): `period: 2022` and `period: '2022'` are one period,
    `note: 007` and `note: '7'` are two notes."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, bool) else str(value)


def kept_fields(old: list[str], block: str) -> str:
    """`block` (a list item, as `dump_claims` writes it) with the text of every field whose value is the
    same in `old` (the item's lines as its file holds them) kept as it was written, in the file's
    order, and the comments between fields kept: an edit changes only the lines of the fields it
    changes. `block` itself where the item cannot be split so (the merged text is checked to read
    as `block` does)."""
    try:
        before, after = _by_field(old), _by_field(block.splitlines())
        wanted = {key: (lines, _value(key, lines)) for key, lines, _ in after}
        merged, placed = [], set()
        for key, lines, trailing in before:
            if key in wanted:
                new_lines, value = wanted[key]
                merged.append(lines if _value(key, lines) == value else new_lines)
                placed.add(key)
            merged.append(trailing)
        order = [key for key, _, _ in after]
        for key in order:  # fields the item did not have: before the first kept field that follows them
            if key not in placed:
                later = [n for n, (k, _, _) in enumerate(before) if k in placed and k in order and order.index(k) > order.index(key)]
                at = 2 * later[0] if later else len(merged)
                merged.insert(at, wanted[key][0])
                before.insert(at // 2, (key, [], []))
                merged.insert(at + 1, [])
                placed.add(key)
        text = "\n".join(line for part in merged for line in part) + "\n"
        if not text.startswith("- ") or _plain(yamlsafe.parse(text)) != _plain(yamlsafe.parse(block)):
            return block
        return text
    except (TextEditError, yamlsafe.YamlProblem, AttributeError):
        return block


def differences(old: Claim, new: Claim) -> list[str]:
    before, after = old.model_dump(), new.model_dump()
    return [f"{name}: {before[name]!r} vs {after[name]!r}" for name in before if before[name] != after[name]]


class ImportPlan:
    """What importing CSV rows would add to a project with these outlets and these claims (`known`:
    the recorded claims that share an id with a row), or the problems that refuse it."""

    def __init__(self, sources: dict[str, Source], known: dict[str, Claim], rows: list[tuple[int, dict[str, str]]],
                 csv_name: str, proposals: Callable[[str], str] | None = None):
        """`proposals`: the rows are a draft's proposals, each numbered by its line, whose fields a problem names
        with this (the words of the draft's page), never as a CSV's row, column and cell."""
        self.proposals = proposals
        self.claims: list[Claim] = []
        self.sources: dict[str, Source] = {}
        self.unchanged = 0
        self.problems: list[Problem] = []
        known = dict(known)
        for line, row in rows:
            self._row(sources, known, row, Location(csv_name, line))

    def _row(self, sources: dict[str, Source], known: dict[str, Claim], row: dict[str, str], where: Location) -> None:
        cells = {key: text for key, value in row.items() if (text := restore(value).strip())}
        label = f"proposal {where.line}" if self.proposals else f"row with id {cells['id']!r}" if "id" in cells else "row"
        source = self._source(sources, cells, where, label)
        try:
            claim = Claim.model_validate({key: cells[key] for key in CLAIM_FIELDS if key in cells})
        except ValidationError as error:
            for detail in error.errors():
                field = detail["loc"][0] if detail["loc"] else "row"
                message = detail["msg"].removeprefix("Value error, ")
                if detail["type"] == "missing":
                    message = "it is empty; it is required" if self.proposals else "the cell is empty; it is required"
                named = self.proposals(str(field)) if self.proposals else f"column {field}"
                self.problems.append(Problem(where, f"{label}: {named}: {message}"))
            return
        claim.located(where)
        if (old := known.get(claim.id)) is not None:
            if changed := "; ".join(differences(old, claim)):
                self.problems.append(Problem(where, f"claim id {claim.id!r} already exists at {old.at} with other content ({changed}); give the new claim another id or edit the existing one"))
            else:
                self.unchanged += 1
            return
        if source is None:  # its outlet was refused above
            return
        known[claim.id] = claim
        self.claims.append(claim)

    def _source(self, sources: dict[str, Source], cells: dict[str, str], where: Location, label: str) -> Source | None:
        source_id = cells.get("source")
        given = {field: cells[column] for column, field in SOURCE_COLUMNS.items() if column in cells}
        if not source_id:
            return None
        if existing := sources.get(source_id) or self.sources.get(source_id):
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


# --- the whole project as JSON --------------------------------------------------------

PROJECT_SHAPE = {"sources": list, "claims": list, "subjects": list, "reviews": list, "settings": dict, "archives": dict}


def project_json(context: Corpus, claims: Iterable, archives: dict[str, str]) -> Iterator[str]:
    """Everything a project holds, losslessly, as JSON written as it is read: outlets only named by `via`
    too, each claim (rows of the index, `query.ClaimRow`) with its file and line, one per line."""
    parts = {
        "sources": [stored_fields(source) for source in sorted(context.sources.values(), key=lambda s: s.id)],
        "claims": ({**claim.fields(), "file": claim.path, "line": claim.line} for claim in claims),
        "subjects": [stored_fields(subject) for subject in context.subjects],
        "reviews": [stored_fields(review) for review in context.reviews],
        "settings": context.settings.model_dump(mode="json"),
        "archives": archives,
    }
    dump = lambda value: json.dumps(value, ensure_ascii=False)
    for n, (name, value) in enumerate(parts.items()):
        yield f'{"{" if n == 0 else ","}\n  "{name}": '
        if isinstance(value, dict):
            yield dump(value)
            continue
        first = True
        for item in value:
            yield ("[\n    " if first else ",\n    ") + dump(item)
            first = False
        yield "[]" if first else "\n  ]"
    yield "\n}\n"


def project_files(data: object, name: str) -> tuple[dict[str, str], list[Problem]]:
    """The files a JSON export stands for, by path, claims at the lines they stood on so that locations
    survive the round trip; refused: any other shape, and paths but claims files and claims' archives."""
    where = Location(name)
    if not isinstance(data, dict) or not set(data) <= set(PROJECT_SHAPE) or "claims" not in data:
        return {}, [Problem(where, f"not a claimcheck JSON export: expected an object with {', '.join(PROJECT_SHAPE)}")]
    wrong = [key for key, kind in PROJECT_SHAPE.items() if key in data and not isinstance(data[key], kind)]
    if not wrong:
        wrong += [f"{key}[{n}]" for key in ("sources", "claims") for n, item in enumerate(data.get(key) or [], 1)
                  if not isinstance(item, dict)]
        wrong += [f"archives[{path!r}]" for path, text in (data.get("archives") or {}).items()
                  if not isinstance(path, str) or not isinstance(text, str)]
    if wrong:
        return {}, [Problem(where, f"not a claimcheck JSON export: {', '.join(wrong)} has the wrong shape")]
    problems: list[Problem] = []
    files: dict[str, str] = {}
    for n, fields in enumerate(data.get("sources", []), 1):
        source = _model(Source, fields, name, f"sources[{n}]", problems)
        if source is not None:
            files[f"sources/{source.id}.yaml"] = dump_source(source)
    by_file: dict[str, list[tuple[int, Claim]]] = {}
    for n, fields in enumerate(data["claims"], 1):
        fields = dict(fields)
        path, line = fields.pop("file", "claims/imported.yaml"), fields.pop("line", None)
        if not isinstance(path, str) or not _claims_path(path) or not (line is None or isinstance(line, int)):
            problems.append(Problem(where, f"claims[{n}]: file {path!r} (line {line!r}) is not a .yaml file in claims/"))
            continue
        claim = _model(Claim, fields, name, f"claims[{n}]", problems)
        if claim is not None:
            by_file.setdefault(path, []).append((line or 0, claim))
    for path, claims in by_file.items():
        files[path] = _claims_at_lines(sorted(claims, key=lambda pair: pair[0]))
    for key, filename in (("subjects", "claims/subjects.yaml"), ("reviews", "claims/reviews.yaml")):
        if data.get(key):
            files[filename] = _yaml(data[key])
    if data.get("settings"):
        files["claimcheck.yaml"] = yaml.safe_dump(data["settings"], sort_keys=False)
    named = {claim.archive for claims in by_file.values() for _, claim in claims if claim.archive}
    for path, text in (data.get("archives") or {}).items():
        if path in named:
            files[path] = text
        else:
            problems.append(Problem(where, f"archives: {path!r} is not the archive of any claim in the export"))
    return files, problems


def _claims_path(path: str) -> bool:
    parts = path.split("/")
    return (len(parts) >= 2 and parts[0] == "claims" and ".." not in parts and path.endswith((".yaml", ".yml"))
            and parts[-1] not in ("subjects.yaml", "reviews.yaml"))


def _model(model, fields: object, name: str, label: str, problems: list[Problem]):
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        problems += [Problem(Location(name), f"{label}: {'.'.join(map(str, detail['loc']))}: {detail['msg']}") for detail in error.errors()]
        return None


def _claims_at_lines(claims: list[tuple[int, Claim]]) -> str:
    """Claims as a list, each item padded down to the line it stood on when there is room."""
    lines: list[str] = []
    for line, claim in claims:
        lines += [""] * (line - 1 - len(lines))
        if lines and lines[-1]:
            lines.append("")
        lines += dump_claims([claim]).splitlines()
    return "\n".join(lines) + "\n"
