"""Rows to text: the one renderer behind every listing command's --format. Pure."""

from __future__ import annotations

import csv
import enum
import io
import re
from collections.abc import Iterable, Iterator

from pydantic_core import to_json

from .safetext import visible


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"
    yaml = "yaml"


terminal_safe = visible  # text from data for a terminal: an escape sequence's ESC or a bidi override shown as its code

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#!{}])")


def md(text: object) -> str:
    """Untrusted text made inert in Markdown: invisible characters shown as their code, HTML escaped,
    Markdown syntax backslashed, one line."""
    if text is None or text == "":
        return ""
    text = " ".join(visible(str(text)).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str):
        return terminal_safe(value)
    return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    """A CSV cell; one that a spreadsheet would run as a formula gets a leading apostrophe (import removes it)."""
    if value is None or value is False:
        return ""
    if value is True:
        return "true"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row_json(row: dict) -> str:
    """A JSON listing's row on one line, by pydantic-core's encoder (the Rust one pydantic serialises with, some
    2.4 times the standard library's C encoder on the 16,716 conflicts of 100,000 claims); what it cannot encode
    is written as its text, as `str` gives it."""
    return to_json(row, fallback=str).decode("utf-8")


JSON_SEP = ",\n  "
"""Between two rows of a JSON listing (`json_pieces`)."""


def json_pieces(rows: Iterable[str | bytes], key: str) -> Iterator[str | bytes]:
    """Rows encoded by `row_json` as a JSON listing under `key`, one per line, written as they come. A row in
    bytes is several rows joined by JSON_SEP, in UTF-8, that another process made (`cores.texts`)."""
    yield f'{{"{key}": ['
    first = True
    for row in rows:
        if isinstance(row, bytes):
            yield "\n  " if first else JSON_SEP
            yield row
        else:
            yield ("\n  " if first else JSON_SEP) + row
        first = False
    yield "]}" if first else "\n]}"


def render(rows: Iterable[dict], fmt: Format, key: str, columns: list[str] | None = None) -> str:
    """Rows as a table (tabulate), Markdown, CSV, or JSON under `key` with every field kept."""
    return "".join(pieces(rows, fmt, key, columns))


def pieces(rows: Iterable[dict], fmt: Format, key: str, columns: list[str] | None = None) -> Iterator[str]:
    """`render`, a piece at a time: JSON, and CSV with its columns given, are written as the rows come
    (a long listing never waits in memory whole). JSON holds one row per line, each written by the
    encoder pydantic uses (`row_json`)."""
    if fmt is Format.json:
        yield from json_pieces(map(row_json, rows), key)
        return
    if fmt is Format.csv and columns is not None:
        buffer = io.StringIO()
        # RFC 4180 line ends; they also make the writer quote any cell holding a bare carriage return.
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        pending = ""
        for row in rows:
            writer.writerow({column: _csv_cell(row.get(column)) for column in columns})
            if buffer.tell() > 1 << 16:
                yield pending + buffer.getvalue()[:-2]
                pending = "\r\n"
                buffer.seek(0)
                buffer.truncate()
        yield pending + buffer.getvalue().removesuffix("\r\n") if buffer.getvalue() else ""
        return
    rows = list(rows)
    columns = columns or (list(rows[0]) if rows else [])
    if fmt is Format.csv:
        yield from pieces(rows, fmt, key, columns)
        return
    if not rows:
        yield f"no {key}"
        return
    cell = (lambda value: md(_cell(value))) if fmt is Format.md else _cell
    table = [[cell(row.get(column)) for column in columns] for row in rows]
    from tabulate import tabulate  # only the commands that print tables need it

    yield tabulate(table, headers=columns, tablefmt="github" if fmt is Format.md else "simple", disable_numparse=True)
