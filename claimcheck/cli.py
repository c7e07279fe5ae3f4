"""The `claimcheck` command: typer wiring only. Each command reads what it shows through the read
model (`query`) or makes its change through a library function (`edits`), then prints the result.

Modules are imported by the commands that use them, so a command loads only what it needs.
"""

from __future__ import annotations

import enum
import functools
import gc
import importlib.util
import itertools
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from . import __version__
from .output import Format, pieces, render, terminal_safe

app = typer.Typer(
    help="claimcheck: track who claimed which figure, and where sources contradict each other.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags without a '<bool>' placeholder, text as written
)


def format_option(*allowed: Format):
    """The one --format option: each command names the formats it writes, and any other is an error."""
    names = ", ".join(f.value for f in allowed)

    def only_allowed(value: Format) -> Format:
        if value not in allowed:
            raise typer.BadParameter(f"{value.value!r} is not a format of this command; use {names}")
        return value

    return Annotated[Format, typer.Option("--format", "-f", help=f"One of {names}.", case_sensitive=False,
                                          callback=only_allowed, metavar="|".join(f.value for f in allowed))]


def _sort(value: str) -> str:
    from .query import SORTS

    if value not in SORTS:
        raise typer.BadParameter(f"{value!r} is not a sort; use {', '.join(SORTS)}")
    return value


FormatOption = format_option(Format.table, Format.json, Format.csv, Format.md)
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output.")]
SortOption = Annotated[str, typer.Option(help="id, or the largest first: spread (the gap between sides), outlets (how many "
                                              "made its claims), recent (its latest claim), reference (disagreeing with a "
                                              "reference first).", callback=_sort, metavar="id|spread|outlets|recent|reference")]


def _write_or_print(output: Path | None, text, say: bool = False) -> None:
    """The one way out for a command with --output: the file (atomically; through a symlink, into a pipe),
    else stdout; `text` whole or in pieces as they are made."""
    if output:
        from . import store

        store.write_files(Path("."), {str(output): text})
        if say:
            typer.echo(f"wrote {output}")
    else:
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)


def _date_bound(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """A --since or --until date; the second of the two given checks that the window is not empty."""
    if value is not None:
        from . import views
        from .models import period_bounds

        if error := views.date_error(value):
            raise typer.BadParameter(error)
        since, until = (value, ctx.params.get("until")) if param.name == "since" else (ctx.params.get("since"), value)
        if since and until and period_bounds(since)[0] > period_bounds(until)[1]:
            raise typer.BadParameter(f"--since {since} is after --until {until}; the window holds no date")
    return value


class Engine(str, enum.Enum):
    here = "here"
    dask = "dask"


SinceOption = Annotated[Optional[str], typer.Option(help="Only what was published on or after this date.", callback=_date_bound)]
UntilOption = Annotated[Optional[str], typer.Option(help="Only what was published on or before this date.", callback=_date_bound)]


class Refused(Exception):
    """A command that cannot go on: its message is printed and it exits with 2."""


def _refusals() -> tuple[type[Exception], ...]:
    """What a command reports as one plain line (exit 2): its own refusals, and those of the library
    modules it loaded (a module not loaded raised nothing)."""
    kinds = {"claimcheck.edits": "Refusal", "claimcheck.store": "WriteError", "claimcheck.interchange": "CsvError",
             "claimcheck.engines.dask": "Unreachable"}
    return (Refused, *(getattr(sys.modules[name], kind) for name, kind in kinds.items() if name in sys.modules))


def command(name: str | None = None):
    """Register a command whose refusals print as one clear line and set the exit code."""

    def register(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as refusal:
                if not isinstance(refusal, _refusals()):
                    raise
                typer.echo(terminal_safe(str(refusal)), err=True)
                raise typer.Exit(2) from None

        return app.command(name)(wrapper)

    return register


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    root: Annotated[
        Optional[Path],
        typer.Option("--root", envvar="CLAIMCHECK_ROOT", help="The claims project (a folder with claims/ and sources/). Default: the current folder."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks, for developers.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the installed version and exit.", is_eager=True,
                                          callback=_print_version)] = False,
) -> None:
    """Track who claimed which figure, and where sources contradict each other.

    Example: claimcheck --root my-project validate
    """
    ctx.obj = root or Path.cwd()  # --debug is read by run(), which guards the whole app


def _project_root(ctx: typer.Context) -> Path:
    root = ctx.find_root().obj
    if not root.is_dir():
        what = "not a folder" if root.exists() else "no such folder"
        raise Refused(f"{root}: {what}; pass --root a claims project's folder, or run 'claimcheck init {root}' to make one")
    if not (root / "claims").is_dir() and not (root / "sources").is_dir():
        raise Refused(f"{root}: not a claims project (no claims/ or sources/ folder); run 'claimcheck init {root}' or pass --root")
    return root


def _read(ctx: typer.Context, listing: bool = False):
    """The project's read model, its index brought up to date; a `listing` gets a note on stderr when
    problems leave records out of it."""
    from . import pipeline, query, views

    reader = query.Reader(pipeline.run(_project_root(ctx), progress=_progress_bar()))
    ctx.call_on_close(reader.index.close)
    for notice in reader.index.notices:
        typer.echo(notice, err=True)
    if listing and (problems := reader.problem_count()):
        typer.echo(f"note: the data has {views.count(problems, 'problem')}; the records they name are left out "
                   "or not compared here; 'claimcheck validate' lists them", err=True)
    return reader


def _must_know(option: str, value: str | None, known, any_case: bool = False) -> None:
    """Refuse a filter value that matches nothing in the project, naming the nearest; `any_case` for perspectives."""
    from . import views

    if value is None or value in known or (any_case and value.lower() in {k.lower() for k in known}):
        return
    hint = views.did_you_mean(value, sorted(known), f"; the project has {len(known)}")
    raise Refused(f"{option} {value!r}: no such {option.lstrip('-')} in the project{hint}")


def _must_know_filters(reader, outlet: str | None, subject: str | None, perspective: str | None) -> None:
    """The filters `claims` and `conflicts` share, each refused when it matches nothing in the project."""
    _must_know("--outlet", outlet, reader.outlets)
    if subject is not None:
        _must_know("--subject", subject, reader.subjects(named=False))
    _must_know("--perspective", perspective, reader.perspectives, any_case=True)


def _progress_bar(doing: str = "loading claims", things: str = "files"):
    """A progress line on stderr for work that takes more than a second, only on a terminal."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - started < 1 or total == 0:
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r{doing} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {things}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _fail(problems: list, outcome: str | None = None) -> NoReturn:
    """Print every problem (stdout, for editors to jump to), their count and what was not done (stderr); exit 2."""
    from . import views

    for problem in problems:
        typer.echo(terminal_safe(str(problem)))
    typer.echo(views.count(len(problems), "problem"), err=True)
    if outcome:
        typer.echo(outcome, err=True)
    raise typer.Exit(2)


def _print(texts) -> None:
    """Pieces of text to standard output as they are made, then a newline; written some 64 KB at a time (a
    long listing's lines are many, and where output is unbuffered each write is a call to the system). A piece
    in bytes is UTF-8 made by another process (`cores.texts`), written as it is."""
    pending: list[str] = []
    size = 0
    try:
        for text in texts:
            if isinstance(text, bytes):
                sys.stdout.write("".join(pending))
                pending.clear()
                size = 0
                _write_bytes(text)
                continue
            pending.append(text)
            size += len(text)
            if size > 1 << 16:
                sys.stdout.write("".join(pending))
                pending.clear()
                size = 0
    except BaseException:
        sys.stdout.write("".join(pending))  # what was made before the failure is shown, as it came
        raise
    pending.append("\n")
    sys.stdout.write("".join(pending))


def _write_bytes(data: bytes) -> None:
    """UTF-8 to standard output, below its text layer where that writes UTF-8 (never decoded and encoded again)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or (sys.stdout.encoding or "").replace("-", "").lower() != "utf8":
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _lines(lines, otherwise: str = ""):
    """Lines joined by newlines as they come (`otherwise` when there is none)."""
    first = True
    for line in lines:
        yield line if first else "\n" + line
        first = False
    if first:
        yield otherwise


def _done(result) -> None:
    """What a write did, or its problems and what was not done (exit 2)."""
    if result.problems:
        _fail(result.problems, result.refused)
    typer.echo(result.done)


# --- init, validate, schema ------------------------------------------------


@command()
def init(directory: Annotated[Path, typer.Argument(help="Where to make the project.")] = Path(".")) -> None:
    """Make an empty claims project: claims/ and sources/ (with sources/archive/ for article copies).

    Example: claimcheck init ~/research/gas-deals
    """
    from . import edits

    typer.echo(edits.init(directory))


@command()
def validate(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Also ask every claim for a date, a url (or archive) and, unless from a reference source, a quote.")] = False,
) -> None:
    """Load everything and print every problem as path:line: message. Exit 0 when clean, 2 otherwise.

    Example: claimcheck validate --strict
    """
    reader = _read(ctx)
    problems = reader.strict_problems() if strict else reader.problems()
    if problems:
        _fail(problems)
    typer.echo(f"ok: {reader.claims_count()} claims from {len(reader.outlets)} outlets, no problems")


@command("parse")
def parse_figures(
    ctx: typer.Context,
    texts: Annotated[list[str], typer.Argument(help="Figures as written, each one argument.")],
    fmt: FormatOption = Format.table,
) -> None:
    """Show how figures are read: value, interval, unit, dimension, qualifier. Exit 2 if any cannot be read.

    JSON prints one object per figure, one per line.

    The words the reader knows are in claimcheck/data/phrases.txt and units.txt of the installed package, each file explaining its syntax; README.md's "How figures are read" sums them up.

    Example: claimcheck parse 'about $400 billion' 'three decades' '38 bcm a year' --format json
    """
    from . import store, views

    settings, problems = store.load_settings(ctx.find_root().obj)  # outside a project: the default tolerances
    if problems:
        _fail(problems)
    rows = views.figure_rows(texts, settings)
    if fmt is Format.json:
        typer.echo("\n".join(json.dumps(row, ensure_ascii=False) for row in rows))
    else:
        typer.echo(render(views.figure_table(rows), fmt, "figures"))
    if any("error" in row for row in rows):
        raise typer.Exit(2)


SCHEMAS = ("claims", "source", "subjects", "reviews")


@command()
def schema(
    what: Annotated[str, typer.Argument(help="claims, source, subjects or reviews.")] = "claims",
) -> None:
    """Print the JSON Schema of a file kind, for an editor's YAML language server (see the README).

    Example: claimcheck schema claims > .vscode/claims.schema.json
    """
    from .models import Claim, Review, Source, Subject

    if what not in SCHEMAS:
        raise Refused(f"no schema named {what!r}; choose one of: {', '.join(SCHEMAS)}")
    model = dict(zip(SCHEMAS, (Claim, Source, Subject, Review)))[what]
    item = model.model_json_schema()
    if what != "source":  # claims, subjects and reviews files each hold a list
        item = {"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}, "$defs": {**item.pop("$defs", {}), model.__name__: item}}
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"claimcheck {what} file", **item}
    typer.echo(json.dumps(document, indent=2))


# --- listing -----------------------------------------------------------------


@command("claims")
def list_claims(
    ctx: typer.Context,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet id: claims it made or carried (via).")] = None,
    perspective: Annotated[Optional[str], typer.Option(help="Outlets' perspective label (any case).")] = None,
    subject: Annotated[Optional[str], typer.Option(help="Subject slug (aliases count).")] = None,
    property: Annotated[Optional[str], typer.Option(help="Property slug, e.g. duration.")] = None,
    speaker: Annotated[Optional[str], typer.Option(help="Part of the speaker's name (any case).")] = None,
    period: Annotated[Optional[str], typer.Option(help="Claims whose period overlaps this one, e.g. 2022.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="actual, target, forecast or estimate.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List claims, filtered.

    Example: claimcheck claims --outlet sputnik --format json
    """
    from .models import CLAIM_KINDS

    reader = _read(ctx, listing=True)
    _must_know_filters(reader, outlet, subject, perspective)
    if kind and kind not in CLAIM_KINDS:
        raise Refused(f"--kind {kind!r}: use one of {', '.join(CLAIM_KINDS)}")
    try:
        claims = reader.claims(outlet=outlet, perspective=perspective, subject=subject, property=property, speaker=speaker,
                               period=period, kind=kind, since=since, until=until)
    except ValueError as error:
        raise Refused(f"--period: {error}") from None
    _print_claims(reader, claims, fmt, grouped=bool(outlet))


def _print_claims(reader, claims: list, fmt: Format, grouped: bool = False) -> None:
    """Claims as `claims` and `search` print them: a table (grouped by subject for one outlet), or rows."""
    from . import views

    if grouped and fmt in (Format.table, Format.md) and claims:
        columns = [c for c in views.CLAIM_TABLE if c not in ("outlet", "subject")]
        typer.echo("\n\n".join(f"{terminal_safe(f'### {title}' if fmt is Format.md else title)}\n\n"
                               f"{render(views.claim_rows(reader.outlets, members), fmt, 'claims', columns)}"
                               for title, members in views.by_subject(reader.subject_names, claims).items()))
        return
    columns = views.CLAIM_TABLE if fmt in (Format.table, Format.md) else views.CLAIM_COLUMNS
    typer.echo(render(views.claim_rows(reader.outlets, claims), fmt, "claims", columns))


@command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find, in any case and with or without accents.")],
    fmt: FormatOption = Format.table,
) -> None:
    """Claims whose quote, figure, speaker, note, subject or property contain TEXT; printed as `claims` prints.

    Example: claimcheck search 'gas supply'
    """
    reader = _read(ctx, listing=True)
    _print_claims(reader, reader.claims(text=text), fmt)


@command()
def show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id.")],
    fmt: format_option(Format.table, Format.json) = Format.table,
) -> None:
    """One claim in full: every field, how its figure reads, its file:line, and the conflicts it is in.

    Example: claimcheck show gas-deal-duration-diplomat-2016 --format json
    """
    from . import views

    reader = _read(ctx)
    claim = reader.claim(claim_id)
    if claim is None:
        raise Refused(f"no claim {claim_id!r}{views.did_you_mean(claim_id, reader.claim_ids())}")
    detail = views.claim_detail(claim, reader.conflicts_of(claim.id))
    if fmt is Format.json:
        typer.echo(json.dumps(detail, ensure_ascii=False, indent=2, default=str))
    else:
        typer.echo(views.claim_lines(detail))


def _given(options: dict) -> dict[str, str]:
    """The claim fields among a command's options (its `locals()`) that were given, in the options' order."""
    from .query import CLAIM_FIELDS

    return {name: value for name, value in options.items() if name in CLAIM_FIELDS and value is not None}


@command()
def edit(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim to change.")],
    source: Annotated[Optional[str], typer.Option(help="Outlet id.")] = None,
    subject: Annotated[Optional[str], typer.Option()] = None,
    property: Annotated[Optional[str], typer.Option()] = None,
    figure: Annotated[Optional[str], typer.Option(help="The figure exactly as written.")] = None,
    kind: Annotated[Optional[str], typer.Option()] = None,
    via: Annotated[Optional[str], typer.Option()] = None,
    url: Annotated[Optional[str], typer.Option()] = None,
    published: Annotated[Optional[str], typer.Option()] = None,
    speaker: Annotated[Optional[str], typer.Option()] = None,
    period: Annotated[Optional[str], typer.Option()] = None,
    scope: Annotated[Optional[str], typer.Option()] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of")] = None,
    quote: Annotated[Optional[str], typer.Option()] = None,
    archive: Annotated[Optional[str], typer.Option()] = None,
    note: Annotated[Optional[str], typer.Option()] = None,
) -> None:
    """Change fields of one claim in place, validated with the whole project; the rest of its file is kept byte for byte. An empty value ('') removes an optional field.

    Example: claimcheck edit gas-deal-duration-diplomat-2016 --figure '40-year' --note 'checked against the archive'
    """
    from . import edits

    given = _given(locals())
    _done(edits.edit_claim(_project_root(ctx), claim_id, given))


@command()
def rm(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim to remove.")],
    force: Annotated[bool, typer.Option("--force", help="Remove it even though a review names it.")] = False,
) -> None:
    """Remove one claim from its file; refused while a review names it, unless --force.

    Example: claimcheck rm trade-growth-2017-04-sputnik
    """
    from . import edits

    _done(edits.remove_claim(_project_root(ctx), claim_id, force))


@command()
def review(
    ctx: typer.Context,
    conflict_id: Annotated[str, typer.Argument(metavar="CONFLICT", help="A conflict id, as 'claimcheck conflicts --all' shows it.")],
    status: Annotated[Optional[str], typer.Option(help="explained, resolved or disputed.")] = None,
    note: Annotated[Optional[str], typer.Option(help="What you decided, and why.")] = None,
    prefer: Annotated[Optional[list[str]], typer.Option(help="A claim you hold right (for resolved); repeat for several.")] = None,
    accept_likely: Annotated[bool, typer.Option("--accept-likely", help="Resolved, preferring the side likely right by the outlets' records; the note defaults to its reasons.")] = False,
) -> None:
    """Record a decision about a conflict in claims/reviews.yaml, with today's date and the claims the conflict holds now; a review of the same conflict is replaced, every byte outside that entry kept.

    When claims join or leave the conflict later, the review goes stale and the conflict is open again.

    Example: claimcheck review currency-swap-2014/value --status explained --note 'the legs were fixed at an earlier rate'
    """
    from . import edits

    _done(edits.review(_project_root(ctx), conflict_id, status, note, list(prefer or []), accept_likely=accept_likely))


@command()
def outlets(ctx: typer.Context, since: SinceOption = None, until: UntilOption = None,
            sort: Annotated[str, typer.Option(help="id, or largest first: claims, conflicts, accuracy.")] = "id",
            fmt: FormatOption = Format.table) -> None:
    """One row per outlet: perspective, claims, those repeating an earlier claim's origin, conflicts it is in, on the minority side, against the reference, its estimated accuracy and the outlets it likely copies.

    With --since/--until, only claims published then are counted, and conflicts with such a claim; the accuracy is always that of every claim.

    Example: claimcheck outlets --sort accuracy --format csv
    """
    from . import views

    if sort not in views.OUTLET_SORTS:
        raise Refused(f"--sort {sort!r}: use one of {', '.join(views.OUTLET_SORTS)}")
    reader = _read(ctx, listing=True)
    rows = views.outlet_listing(reader.outlet_rows(since, until), reader.likely()["outlets"], sort, fmt is Format.json)
    typer.echo(render(rows, fmt, "outlets"))


@command()
def origins(
    ctx: typer.Context,
    subject: Annotated[Optional[str], typer.Option(help="Only origins with a claim of this subject (aliases count).")] = None,
    fmt: format_option(Format.table, Format.json) = Format.table,
) -> None:
    """Stories repeated by several outlets: each origin that claims of several outlets share, with its quote and who repeated it, earliest first.

    Claims share an origin when their quotes match once case, whitespace and punctuation are folded, when they name the same via carrier and figure, or the same speaker and figure on the same day.

    Example: claimcheck origins --subject currency-swap-2014
    """
    from . import views

    reader = _read(ctx, listing=True)
    _must_know("--subject", subject, reader.subjects())
    shared = views.shared_origins(reader.origin_groups(), reader.outlets, subject and reader.canonical(subject))
    if fmt is Format.json:
        typer.echo(render(shared, fmt, "origins"))
    else:
        typer.echo("\n\n".join(views.origin_lines(item) for item in shared) or "no origin is shared by several outlets")


# --- conflicts and check ---------------------------------------------------------


@command()
def conflicts(
    ctx: typer.Context,
    subject: Annotated[Optional[str], typer.Option(help="Only this subject (aliases count).")] = None,
    perspective: Annotated[Optional[str], typer.Option(help="Only conflicts with a side from this perspective.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only conflicts with a claim this outlet made or carried.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include reviewed conflicts.")] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    sort: SortOption = "id",
    fmt: format_option(Format.table, Format.json, Format.csv) = Format.table,
) -> None:
    """List conflicts: comparable claims whose figures cannot all be right, side by side.

    Example: claimcheck conflicts --all --sort spread --format json
    """
    from . import cores, output, views

    reader = _read(ctx, listing=True)
    _must_know_filters(reader, outlet, subject, perspective)
    likely, outlets, names = reader.likely()["likely"], reader.outlets, reader.subject_names
    filters = dict(status="all" if all_ else "open", subject=subject, perspective=perspective, outlet=outlet, since=since,
                   until=until)

    def view(record) -> views.ConflictView:
        return views.ConflictView.of(record, outlets, names, likely.get(record.conflict["id"]))

    if fmt is Format.json:
        _print(output.json_pieces(cores.texts(reader.conflict_rows(sort, **filters),
                                              lambda record: output.row_json(view(record).data()), output.JSON_SEP, encoded=True),
                                  "conflicts"))
    elif fmt is Format.csv:
        _print(pieces((row for record in reader.each_conflict(sort, full=False, **filters) for row in view(record).rows()),
                      fmt, "conflicts", views.CONFLICT_COLUMNS))
    else:
        _print(_lines(cores.texts(reader.conflict_rows(sort, full=False, **filters), lambda record: view(record).line(), "\n"),
                      "no conflicts" if all_ else "no open conflicts"))


@command()
def check(
    ctx: typer.Context,
    engine: Annotated[Engine, typer.Option(help="Where the check runs: here (this machine's cores, with the index) or dask "
                                                "(a Dask cluster; the dask extra).", case_sensitive=False)] = Engine.here,
    scheduler: Annotated[Optional[str], typer.Option(help="With --engine dask: the address of the cluster's scheduler "
                                                          "(tcp://HOST:PORT). Default: a local cluster of this machine's cores.")] = None,
) -> None:
    """Validate, then list open conflicts. Exit 0 when none are open, 1 when some are, 2 when the data is invalid.

    Example: claimcheck check && echo "no open contradictions"
    """
    from . import views

    if engine is Engine.dask:
        _needs("dask", "dask", "distributed", "pyarrow")
        from .engines import dask

        reader = dask.check(_project_root(ctx), scheduler)
        ctx.call_on_close(reader.index.close)
        for notice in reader.index.notices:
            typer.echo(notice, err=True)
    elif scheduler is not None:
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="--scheduler")
    else:
        reader = _read(ctx)
    if problems := reader.problems():
        _fail(problems)
    lines, failing = views.check(reader)
    _print(_lines(lines))
    if failing:
        raise typer.Exit(1)


# --- import, export, add -------------------------------------------------------


@command("import")
def import_csv(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A CSV file with the columns of the README's data format, a YAML draft of extract (.yaml, .yml), or a JSON export.")],
    into: Annotated[Optional[str], typer.Option(help="The claims file to add to (default: claims/<file name>.yaml).")] = None,
) -> None:
    """Add claims (and new outlets) from CSV or a YAML draft, or a whole project from a JSON export. Re-importing the same rows changes nothing; any bad row refuses the whole import.

    Example: claimcheck import spreadsheet.csv
    """
    from . import edits

    root = _project_root(ctx)
    _done(edits.import_project(root, file) if file.suffix.lower() == ".json" else edits.import_rows(root, file, into))


@command()
def export(
    ctx: typer.Context,
    fmt: format_option(Format.csv, Format.json) = Format.csv,
    output: OutputOption = None,
    partial: Annotated[bool, typer.Option("--partial", help="Export what could be loaded even when the data has problems.")] = False,
) -> None:
    """Print all claims with their outlets, in the columns that `import` reads.

    Example: claimcheck export --format csv -o claims.csv
    """
    from . import interchange, store, views

    reader = _read(ctx, listing=partial)
    if (problems := reader.problem_count()) and not partial:
        raise Refused(f"the data has {views.count(problems, 'problem')}, so an export would leave records out; "
                      "'claimcheck validate' lists them; fix them, or export what loads with --partial")
    if fmt is Format.json:
        archives = {path: store.existing_text(_project_root(ctx), path) or "" for path in reader.archives()}
        return _write_or_print(output, interchange.project_json(reader.context(), reader.all_claims(), archives))
    rows = (interchange.claim_row(claim, reader.outlets.get(claim.source)) for claim in reader.all_claims())
    _write_or_print(output, itertools.chain(pieces(rows, fmt, "claims", interchange.ALL_COLUMNS), ["\r\n"]))


@command()
def add(
    ctx: typer.Context,
    source: Annotated[str, typer.Option(help="Outlet id (from sources/).")],
    subject: Annotated[str, typer.Option(help="What the figure is about (a slug).")],
    property: Annotated[str, typer.Option(help="Which figure of it (a slug).")],
    figure: Annotated[str, typer.Option(help="The figure exactly as written.")],
    kind: Annotated[str, typer.Option(help="actual, target, forecast or estimate.")] = "actual",
    id: Annotated[Optional[str], typer.Option(help="Claim id (default: subject-property-source[-period]).")] = None,
    via: Annotated[Optional[str], typer.Option(help="Outlet that carried it.")] = None,
    url: Annotated[Optional[str], typer.Option()] = None,
    published: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD (or YYYY-MM, YYYY).")] = None,
    speaker: Annotated[Optional[str], typer.Option()] = None,
    period: Annotated[Optional[str], typer.Option(help="ISO 8601 period, e.g. 2022 or 2022-01/2022-05.")] = None,
    scope: Annotated[Optional[str], typer.Option()] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date the figure holds at.")] = None,
    quote: Annotated[Optional[str], typer.Option(help="The sentence, verbatim.")] = None,
    archive: Annotated[Optional[str], typer.Option(help="Path of the article's text in the project.")] = None,
    note: Annotated[Optional[str], typer.Option()] = None,
    to: Annotated[Optional[str], typer.Option(help="Claims file to append to (default: claims/<source>.yaml).")] = None,
) -> None:
    """Add one claim, validated with the whole project, appended atomically to a claims file.

    Example: claimcheck add --source sputnik --subject china-russia-trade --property turnover --period 2023 --figure '$240 billion'
    """
    from . import edits

    _done(edits.add_claim(_project_root(ctx), _given(locals()), to))


@command()
def report(
    ctx: typer.Context,
    fmt: format_option(Format.md, Format.html, Format.json) = Format.md,
    output: OutputOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    sort: SortOption = "id",
) -> None:
    """The discrepancy report: counts, every conflict with its sources and quotes, targets, what could not be compared, outlets.

    With --since/--until: the findings that involve a claim published then (with every claim they hold), and only those claims counted.

    Markdown and HTML hold the first 500 conflicts by --sort (and say how many more there are); JSON holds every one.

    Example: claimcheck report --format html --sort spread -o report.html
    """
    from . import report as reporting  # jinja2 loads only for the report

    _write_or_print(output, reporting.render(_read(ctx, listing=True), fmt.value, since, until, sort), say=True)


@command()
def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help="The port on 127.0.0.1 to listen on.")] = 8000,
    open_: Annotated[bool, typer.Option("--open", help="Open the overview in the default browser.")] = False,
) -> None:
    """The local web app: conflicts with filters, outlets, claims with search, and reviews recorded from the browser. Listens on 127.0.0.1 only.

    Example: claimcheck serve --port 8000 --open
    """
    import socket

    _needs("serve", "starlette", "uvicorn")
    root = _project_root(ctx)
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise Refused(f"--port {port}: cannot listen there ({error.strerror}); choose another, e.g. --port {port + 1}") from None
    # The index up to date before the first page (with a progress line on a terminal), and its reader closed: an
    # open read transaction for the server's life kept every later change in the index's log, which no checkpoint
    # could then copy back (the log grew from 54 to 160 MB in one run of benchmarks/serve.py at 100,000 claims).
    _read(ctx).index.close()
    from . import web

    typer.echo(f"claimcheck serves {root.resolve()} at http://127.0.0.1:{port}/ (Ctrl+C stops it)", err=True)
    web.serve(root, port, open_)


@command()
def extract(
    ctx: typer.Context,
    articles: Annotated[Optional[list[str]], typer.Argument(help="Article files (plain text, Markdown, saved HTML) or http(s) addresses.", show_default=False)] = None,
    source: Annotated[Optional[str], typer.Option(help="The outlet that published them (from sources/).")] = None,
    manifest: Annotated[Optional[Path], typer.Option(help="A CSV of articles from several outlets: file (a path from the manifest's folder, or an address), source, source_name, source_perspective, published, url.")] = None,
    published: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD: the articles' date; resolves 'in April', 'last year'.")] = None,
    url: Annotated[Optional[str], typer.Option(help="The article's address.")] = None,
    fmt: format_option(Format.csv, Format.yaml) = Format.csv,
    output: OutputOption = None,
    everything: Annotated[bool, typer.Option("--all", help="Every quantity, not only the figures worth tracking.")] = False,
) -> None:
    """Draft claims from articles: one per figure, with its sentence as the quote, its speaker, period and kind, and the subject and property that the same quantity gets in the other articles and in the project (its match and confidence say why). Each text is archived under sources/archive/ so every quote verifies; edit the draft, then import it.

    Example: claimcheck extract article.txt --source sputnik --published 2017-05-12 -o draft.csv
    """
    _needs("extract", "pysbd", "rapidfuzz", "trafilatura")
    from . import edits, extract as drafting, views

    root = _project_root(ctx)
    if manifest is not None:
        if articles or source or published or url:
            raise Refused("--manifest lists each article with its outlet, date and address: give no ARTICLES, --source, "
                          "--published or --url with it")
        listed, problems = drafting.read_manifest(manifest)
        if problems or not listed:
            raise Refused("\n".join(problems or [f"{manifest}: the manifest lists no article"]))
    elif not articles:
        raise Refused("name the articles (files or http(s) addresses), or --manifest ARTICLES.csv")
    elif source is None:
        raise Refused("--source ID: the outlet that published the articles (from sources/); or --manifest for several outlets")
    else:
        listed = [drafting.Listed(article, source, published=published, url=url) for article in articles]
    progress = _progress_bar("reading articles", "articles") if len(listed) > 1 else None
    draft = edits.draft_articles(root, listed, fmt.value, output, everything, progress)
    for proposal in draft.already:
        typer.echo(f"already claimed: {proposal.figure!r} is {proposal.already.id} ({proposal.already.at}), not drafted again", err=True)
    for archive, number in draft.refused:
        typer.echo(terminal_safe(f"left out: {number.text!r} in {archive}: {number.reason}"), err=True)
    if not output:
        sys.stdout.write(draft.text)
    typer.echo(f"drafted {views.count(len(draft.claims), 'claim')} from {views.count(len(listed), 'article')}"
               + (f", {len(draft.already)} already claimed" if draft.already else "")
               + (f"; archived {', '.join(draft.archived)}" if draft.archived else "") + (f"; wrote {output}" if output else ""), err=True)


def _needs(extra: str, *modules: str) -> None:
    """Refuse a command whose optional packages (the extra of its name) are not installed."""
    if missing := [name for name in modules if importlib.util.find_spec(name) is None]:
        raise Refused(f"{extra} needs {', '.join(missing)}, which the core install leaves out: pip install 'claimcheck[{extra}]'")


def run() -> None:
    """The console script: friendly errors, tracebacks only with --debug."""
    # A command makes hundreds of thousands of small objects and next to no reference cycle, and then
    # ends: the cycle collector would only walk them again and again as they grow.
    gc.disable()
    try:
        app()
    except SystemExit as done:
        _leave(done.code)
        raise
    except KeyboardInterrupt:
        typer.echo("interrupted; no file was changed", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last guard between a bug and the user's terminal
        if "--debug" in sys.argv:
            traceback.print_exc()
        else:
            typer.echo(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)", err=True)
        sys.exit(3)


def _leave(code: object) -> None:
    """A command's end without freeing its objects one by one (some 0.03 s after a listing of 100,000 claims):
    the exit handlers run and the output is flushed, as at a normal exit, then the process ends. Where another
    thread still runs, or the output cannot be flushed (a closed pipe), Python's own exit is left to say so."""
    import atexit
    import threading

    if not (code is None or isinstance(code, int)) or threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None where the shell closed it ("claimcheck validate >&-")
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code or 0)
