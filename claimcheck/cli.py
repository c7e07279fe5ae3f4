"""The `claimcheck` command: typer wiring only. Each command builds rows or text and prints it."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import io
import json
import sys
import time
import traceback
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__, figures, interchange, pipeline, store
from . import check as checking
from .models import CLAIM_KINDS, Claim, Corpus, Location, Member, Problem, Review, Source, Subject, period_bounds
from .output import Format, render, terminal_safe

app = typer.Typer(
    help="claimcheck: track who claimed which figure, and where sources contradict each other.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags without a '<bool>' placeholder, text as written
)


@dataclass
class State:
    root: Path
    debug: bool


def format_option(*allowed: Format):
    """The one --format option: each command names the formats it writes, and any other is an error."""
    names = ", ".join(f.value for f in allowed)

    def only_allowed(value: Format) -> Format:
        if value not in allowed:
            raise typer.BadParameter(f"{value.value!r} is not a format of this command; use {names}")
        return value

    return Annotated[Format, typer.Option("--format", "-f", help=f"One of {names}.", case_sensitive=False,
                                          callback=only_allowed, metavar="|".join(f.value for f in allowed))]


FormatOption = format_option(Format.table, Format.json, Format.csv, Format.md)


def _date_bound(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """A --since or --until date; the second of the two given checks that the window is not empty."""
    if value is not None:
        try:
            period_bounds(value)
        except ValueError:
            raise typer.BadParameter(f"{value!r}: write a date as YYYY-MM-DD, YYYY-MM or YYYY") from None
        since, until = (value, ctx.params.get("until")) if param.name == "since" else (ctx.params.get("since"), value)
        if since and until and period_bounds(since)[0] > period_bounds(until)[1]:
            raise typer.BadParameter(f"--since {since} is after --until {until}; the window holds no date")
    return value


SinceOption = Annotated[Optional[str], typer.Option(help="Only what was published on or after this date.", callback=_date_bound)]
UntilOption = Annotated[Optional[str], typer.Option(help="Only what was published on or before this date.", callback=_date_bound)]


class Refused(Exception):
    """A command that cannot go on: its message is printed and it exits with `code`."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def command(name: str | None = None):
    """Register a command whose refusals print as one clear line and set the exit code."""

    def register(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except (Refused, store.WriteError) as refusal:
                typer.echo(terminal_safe(str(refusal)), err=True)
                raise typer.Exit(getattr(refusal, "code", 2)) from None

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
    ctx.obj = State(root=(root or Path.cwd()), debug=debug)


def _state(ctx: typer.Context) -> State:
    return ctx.find_root().obj


def _project_root(ctx: typer.Context) -> Path:
    root = _state(ctx).root
    if not root.is_dir():
        what = "not a folder" if root.exists() else "no such folder"
        raise Refused(f"{root}: {what}; pass --root a claims project's folder, or run 'claimcheck init {root}' to make one")
    if not (root / store.CLAIMS_DIR).is_dir() and not (root / store.SOURCES_DIR).is_dir():
        raise Refused(f"{root}: not a claims project (no claims/ or sources/ folder); run 'claimcheck init {root}' or pass --root")
    return root


def _load(ctx: typer.Context) -> tuple[Corpus, list[Problem]]:
    return store.load(_project_root(ctx))


def _analyse(ctx: typer.Context) -> pipeline.Analysis:
    return pipeline.analyse(_project_root(ctx), progress=_progress_bar())


def _listing(ctx: typer.Context) -> pipeline.Analysis:
    """The analysis for a command that lists what it could load: when the data has problems, it says
    so on stderr, so a listing never leaves records out without a word."""
    analysis = _analyse(ctx)
    if analysis.problems:
        typer.echo(f"note: the data has {_count(len(analysis.problems), 'problem')}; the records they name are left out "
                   "or not compared here; 'claimcheck validate' lists them", err=True)
    return analysis


def _must_know(option: str, value: str | None, known: set[str], any_case: bool = False) -> None:
    """Refuse a filter value that matches nothing in the project, with the nearest ones. Ids match as
    written; `any_case` for labels that the filter itself compares in any case (perspectives)."""
    if value is None or value in known or (any_case and value.lower() in {k.lower() for k in known}):
        return
    near = difflib.get_close_matches(value, sorted(known), n=3)
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else f"; the project has {len(known)}"
    raise Refused(f"{option} {value!r}: no such {option.lstrip('-')} in the project{hint}")


def _progress_bar():
    """A progress line on stderr for loads that take more than a second, only on a terminal."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - started < 1 or total == 0:
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\rloading claims [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _echo(text: str) -> None:
    typer.echo(text)


def _report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        typer.echo(terminal_safe(str(problem)))
    typer.echo(_count(len(problems), "problem"), err=True)


# --- init, validate, schema ------------------------------------------------


@command()
def init(directory: Annotated[Path, typer.Argument(help="Where to make the project.")] = Path(".")) -> None:
    """Make an empty claims project: claims/ and sources/ (with sources/archive/ for article copies).

    Example: claimcheck init ~/research/gas-deals
    """
    if directory.exists() and not directory.is_dir():
        raise Refused(f"{directory}: is a file, not a folder; name a new or existing folder for the project")
    texts = {}
    for folder in (store.CLAIMS_DIR, store.SOURCES_DIR, f"{store.SOURCES_DIR}/archive"):
        if not (directory / folder).is_dir():
            texts[f"{folder}/.gitkeep"] = ""
    if not (directory / ".gitignore").exists():
        texts[".gitignore"] = f"{store.STATE_DIR}/\n"
    if not texts:
        _echo(f"{directory} is already a claims project; nothing changed")
        return
    store.write_files(Path("."), {str(directory / name): text for name, text in texts.items()})
    _echo(f"made a claims project in {directory}: add outlets to sources/ and claims to claims/")


@command()
def validate(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Also ask every claim for a date, a url (or archive) and, unless from a reference source, a quote.")] = False,
) -> None:
    """Load everything and print every problem as path:line: message. Exit 0 when clean, 2 otherwise.

    Example: claimcheck validate --strict
    """
    analysis = _analyse(ctx)
    problems = analysis.problems
    if strict:  # the only part that needs every claim's full record
        problems = sorted(problems + store.strict_problems(analysis.corpus), key=Problem.order)
    if problems:
        _report_problems(problems)
        raise typer.Exit(2)
    _echo(f"ok: {analysis.claims_count} claims from {len(analysis.corpus_for_lines().sources)} outlets, no problems")


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
    settings = _settings(ctx)
    rows, failed = [], False
    for text in texts:
        try:
            figure = figures.parse(text, settings)
        except figures.FigureError as error:
            failed = True
            rows.append({"text": text, "error": str(error)})
            continue
        rows.append(figure.model_dump(include={"text", "value", "low", "high", "unit", "dimension", "qualifier", "noun"}))
    if fmt is Format.json:
        _echo("\n".join(json.dumps(row, ensure_ascii=False) for row in rows))
    else:
        table = [
            {"figure": row["text"], "reads as": row.get("error") and f"error: {row['error']}" or figures.describe(figures.Figure(**row)),
             "value": figures.human_amount(row.get("value"), row.get("unit", "")) if "value" in row else "",
             "dimension": row.get("dimension"), "qualifier": row.get("qualifier"), "noun": row.get("noun")}
            for row in rows
        ]
        _echo(render(table, fmt, "figures"))
    if failed:
        raise typer.Exit(2)


def _settings(ctx: typer.Context):
    """The project's tolerances when run inside a project, else the defaults."""
    settings, problems = store.load_settings(_state(ctx).root)
    if problems:
        _report_problems(problems)
        raise typer.Exit(2)
    return settings


SCHEMA_MODELS = {"claims": Claim, "source": Source, "subjects": Subject, "reviews": Review}


@command()
def schema(
    what: Annotated[str, typer.Argument(help="claims, source, subjects or reviews.")] = "claims",
) -> None:
    """Print the JSON Schema of a file kind, for an editor's YAML language server (see the README).

    Example: claimcheck schema claims > .vscode/claims.schema.json
    """
    if what not in SCHEMA_MODELS:
        raise Refused(f"no schema named {what!r}; choose one of: {', '.join(SCHEMA_MODELS)}")
    model = SCHEMA_MODELS[what]
    item = model.model_json_schema()
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"claimcheck {what} file"}
    if what == "source":
        document.update(item)
    else:
        document.update({"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}, "$defs": {**item.pop("$defs", {}), model.__name__: item}})
    _echo(json.dumps(document, indent=2))


# --- listing -----------------------------------------------------------------


def claim_rows(corpus: Corpus, claims: list[Claim]) -> list[dict]:
    rows = []
    for claim in claims:
        source = corpus.sources.get(claim.source)
        row = {"id": claim.id, "outlet": claim.source, "outlet_name": source.name if source else None,
               "perspective": source.perspective if source else None}
        row.update(interchange.claim_fields(claim))
        row.pop("source", None)
        row["location"] = str(claim.at)
        rows.append(row)
    return rows


CLAIM_TABLE = ["id", "outlet", "subject", "property", "period", "figure", "kind", "published"]
CLAIM_COLUMNS = ["id", "outlet", "outlet_name", "perspective"] + [
    name for name in Claim.model_fields if name not in ("id", "source")
] + ["location"]


def _overlaps(period: str | None, wanted: tuple) -> bool:
    if period is None:
        return False
    start, end = period_bounds(period)
    return start <= wanted[1] and wanted[0] <= end


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
    corpus = _listing(ctx).corpus
    _must_know("--outlet", outlet, set(corpus.sources))
    _must_know("--subject", subject, {c.subject for c in corpus.claims} | set(corpus.alias_map()))
    _must_know("--perspective", perspective, {s.perspective for s in corpus.sources.values()}, any_case=True)
    wanted_period = None
    if period:
        try:
            wanted_period = period_bounds(period)
        except ValueError as error:
            raise Refused(f"--period: {error}") from None
    if kind and kind not in CLAIM_KINDS:
        raise Refused(f"--kind {kind!r}: use one of {', '.join(CLAIM_KINDS)}")
    wanted_subject = corpus.canonical_subject(subject) if subject else None

    def keep(claim: Claim) -> bool:
        source = corpus.sources.get(claim.source)
        return all((
            outlet is None or outlet in (claim.source, claim.via),
            perspective is None or (source is not None and source.perspective.lower() == perspective.lower()),
            wanted_subject is None or corpus.canonical_subject(claim.subject) == wanted_subject,
            property is None or claim.property == property,
            speaker is None or speaker.lower() in (claim.speaker or "").lower(),
            wanted_period is None or _overlaps(claim.period, wanted_period),
            kind is None or claim.kind == kind,
        ))

    claims = [claim for claim in corpus.claims if keep(claim) and _published_within(claim, since, until)]
    _print_claims(corpus, claims, fmt, grouped=bool(outlet))


def _print_claims(corpus: Corpus, claims: list[Claim], fmt: Format, grouped: bool = False) -> None:
    """Claims as `claims` and `search` print them: a table (grouped by subject for one outlet), or rows."""
    if grouped and fmt in (Format.table, Format.md) and claims:
        _echo(_by_subject(corpus, claims, fmt))
        return
    columns = CLAIM_TABLE if fmt in (Format.table, Format.md) else CLAIM_COLUMNS
    _echo(render(claim_rows(corpus, claims), fmt, "claims", columns))


def _published_within(claim: Claim, since: str | None, until: str | None) -> bool:
    """Whether a claim was published in [since, until]; a claim without a date is kept only without bounds."""
    if since is None and until is None:
        return True
    if not claim.published:
        return False
    first, last = period_bounds(claim.published)
    return (since is None or last >= period_bounds(since)[0]) and (until is None or first <= period_bounds(until)[1])


def _fold(text: str | None) -> str:
    """Text for search: case and accents folded ("Café" finds "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find, in any case and with or without accents.")],
    fmt: FormatOption = Format.table,
) -> None:
    """Claims whose quote, figure, speaker, note, subject or property contain TEXT; printed as `claims` prints.

    Example: claimcheck search 'gas supply'
    """
    corpus = _listing(ctx).corpus
    wanted = _fold(text)
    fields = ("quote", "figure", "speaker", "note", "subject", "property")
    found = [claim for claim in corpus.claims if any(wanted in _fold(getattr(claim, name)) for name in fields)]
    _print_claims(corpus, found, fmt)


@command()
def show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id.")],
    fmt: format_option(Format.table, Format.json) = Format.table,
) -> None:
    """One claim in full: every field, how its figure reads, its file:line, and the conflicts it is in.

    Example: claimcheck show gas-deal-duration-diplomat-2016 --format json
    """
    analysis = _analyse(ctx)
    claim = _claim_by_id(analysis.corpus, claim_id)
    conflicts = [c.id for c in analysis.findings.conflicts if any(claim.id in side.claims for side in c.sides)]
    try:
        figure = figures.parse(claim.figure, analysis.corpus.settings).model_dump()
    except figures.FigureError as error:
        figure = {"text": claim.figure, "error": str(error)}
    if fmt is Format.json:
        _echo(json.dumps({"claim": interchange.claim_fields(claim), "figure": figure, "location": str(claim.at),
                          "conflicts": conflicts}, ensure_ascii=False, indent=2, default=str))
        return
    lines = [f"{name}: {value}" for name, value in interchange.claim_fields(claim).items()]
    reading = figure.get("error") and f"cannot be read: {figure['error']}" or figures.describe(figures.Figure(**figure))
    lines += [f"reads as: {reading}", f"location: {claim.at}", f"conflicts: {', '.join(conflicts) or 'none'}"]
    _echo(terminal_safe("\n".join(lines)))


def _appended(root: Path, path: str, block: str) -> str:
    """A YAML list file's text with `block` (list items) added, or a refusal when its text cannot be
    changed item by item."""
    try:
        return interchange.append_block(store.existing_text(root, path), block)
    except interchange.TextEditError as error:
        raise Refused(f"{path}: {error}") from None


def _replaced(root: Path, path: str, line: int, block: str) -> str:
    """A YAML list file's text with its item on `line` replaced by `block` (or removed, for ""),
    or a refusal when its text cannot be changed item by item."""
    try:
        return interchange.replace_item(store.existing_text(root, path) or "", line,
                                     lambda indent: interchange.indented(block, indent))
    except interchange.TextEditError as error:
        raise Refused(f"{path}: {error}") from None


def _rewrite_claim(ctx: typer.Context, claim_id: str, change, reviews: bool = True) -> tuple[Claim, str]:
    """Replace (or, when `change` returns None, remove) one claim's list item in its file, validated
    with the whole project and written atomically; every other byte of the file is kept."""
    root = _project_root(ctx)
    with store.locked(root):
        corpus, before = _load_for_write(ctx)
        claim = _claim_by_id(corpus, claim_id)
        path = claim.at.path
        new = change(corpus, claim)
        block = interchange.dump_claims([new]) if new is not None else ""
        text = _replaced(root, path, claim.at.line, block)
        _commit(root, {path: text}, before, reviews=reviews)
    return claim, path


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
    given = {"source": source, "subject": subject, "property": property, "figure": figure, "kind": kind, "via": via,
             "url": url, "published": published, "speaker": speaker, "period": period, "scope": scope,
             "as_of": as_of, "quote": quote, "archive": archive, "note": note}
    given = {name: value for name, value in given.items() if value is not None}
    if not given:
        raise Refused("name at least one field to change, e.g. --figure '$5 billion'")

    def changed(corpus: Corpus, claim: Claim) -> Claim:
        fields = {**interchange.claim_fields(claim), **given}
        fields = {name: value for name, value in fields.items() if value != ""}
        try:
            return Claim.model_validate(fields)
        except Exception as error:
            messages = [f"--{str(e['loc'][0]).replace('_', '-')}: {e['msg'].removeprefix('Value error, ')}" for e in getattr(error, "errors", lambda: [])()]
            raise Refused("the claim was not changed: " + "; ".join(messages or [str(error)])) from None

    claim, path = _rewrite_claim(ctx, claim_id, changed)
    _echo(f"changed {', '.join(given)} of claim {claim.id} in {path}")


@command()
def rm(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim to remove.")],
    force: Annotated[bool, typer.Option("--force", help="Remove it even though a review names it.")] = False,
) -> None:
    """Remove one claim from its file; refused while a review names it, unless --force.

    Example: claimcheck rm trade-growth-2017-04-sputnik
    """
    def removed(corpus: Corpus, claim: Claim) -> None:
        naming = [r for r in corpus.reviews if claim.id in r.preferred or claim.id in (getattr(r, "claims", None) or [])]
        if naming and not force:
            raise Refused(f"claim {claim.id!r} is named by the review of {naming[0].conflict!r} at {naming[0].at}; "
                          "review that conflict again first, or remove the claim with --force")
        return None

    claim, path = _rewrite_claim(ctx, claim_id, removed, reviews=not force)
    _echo(f"removed claim {claim.id} from {path}" + (
        "; a review may now name a claim or conflict that is gone: 'claimcheck validate' shows it" if force else ""))


REVIEWS_FILE = f"{store.CLAIMS_DIR}/reviews.yaml"


@command()
def review(
    ctx: typer.Context,
    conflict_id: Annotated[str, typer.Argument(metavar="CONFLICT", help="A conflict id, as 'claimcheck conflicts --all' shows it.")],
    status: Annotated[str, typer.Option(help="explained, resolved or disputed.")],
    note: Annotated[str, typer.Option(help="What you decided, and why.")],
    prefer: Annotated[Optional[list[str]], typer.Option(help="A claim you hold right (for resolved); repeat for several.")] = None,
) -> None:
    """Record a decision about a conflict in claims/reviews.yaml, with today's date and the claims the conflict holds now; a review of the same conflict is replaced, every byte outside that entry kept.

    When claims join or leave the conflict later, the review goes stale and the conflict is open again.

    Example: claimcheck review currency-swap-2014/value --status explained --note 'the legs were fixed at an earlier rate'
    """
    statuses = ("explained", "resolved", "disputed")
    if status not in statuses:
        raise Refused(f"--status {status!r}: use one of {', '.join(statuses)}")
    prefer = list(prefer or [])
    if status == "resolved" and not prefer:
        raise Refused("--status resolved needs --prefer with the claim (or claims) you hold right")
    root = _project_root(ctx)
    with store.locked(root):
        analysis = _analyse(ctx)
        conflicts = {c.id: c for c in analysis.findings.conflicts}
        if conflict_id not in conflicts:
            near = difflib.get_close_matches(conflict_id, sorted(conflicts), n=3)
            hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else "; 'claimcheck conflicts --all' lists them"
            raise Refused(f"no conflict {conflict_id!r}{hint}")
        held = [c for side in conflicts[conflict_id].sides for c in side.claims]
        stray = [c for c in prefer if c not in held]
        if stray:
            raise Refused(f"--prefer {', '.join(stray)}: not in {conflict_id}; its claims are {', '.join(held)}")
        fields = {"conflict": conflict_id, "status": status, "reviewed": dt.date.today(),
                  "claims": sorted(held), **({"preferred": prefer} if prefer else {}), "note": note}
        block = interchange.dump_records([fields])
        old = [r for r in analysis.corpus.reviews if r.conflict == conflict_id and r.at.path == REVIEWS_FILE]
        if old:
            new_text = _replaced(root, REVIEWS_FILE, old[0].at.line, block)
        else:
            new_text = _appended(root, REVIEWS_FILE, block)
        _commit(root, {REVIEWS_FILE: new_text}, analysis.problems)
    _echo(f"reviewed {conflict_id} as {status}, covering {len(held)} claims, in {REVIEWS_FILE}")


def _claim_by_id(corpus: Corpus, claim_id: str) -> Claim:
    for claim in corpus.claims:
        if claim.id == claim_id:
            return claim
    near = difflib.get_close_matches(claim_id, [c.id for c in corpus.claims], n=3)
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    raise Refused(f"no claim {claim_id!r}{hint}")


def _by_subject(corpus: Corpus, claims: list[Claim], fmt: Format) -> str:
    """One outlet's claims grouped by subject, so its story reads at a glance."""
    names = {subject.id: subject.name for subject in corpus.subjects if subject.name}
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(corpus.canonical_subject(claim.subject), []).append(claim)
    columns = [c for c in CLAIM_TABLE if c not in ("outlet", "subject")]
    parts = []
    for subject, members in groups.items():
        title = f"{subject}: {names[subject]}" if subject in names else subject
        heading = f"### {title}" if fmt is Format.md else title
        parts.append(f"{terminal_safe(heading)}\n\n{render(claim_rows(corpus, members), fmt, 'claims', columns)}")
    return "\n\n".join(parts)


@command()
def outlets(ctx: typer.Context, since: SinceOption = None, until: UntilOption = None,
            fmt: FormatOption = Format.table) -> None:
    """One row per outlet: perspective, claims, conflicts it is in, on the minority side, and against the reference.

    With --since/--until, only claims published then are counted, and conflicts with such a claim.

    Example: claimcheck outlets --format csv
    """
    analysis = _listing(ctx)
    corpus, conflicts = analysis.corpus, analysis.findings.conflicts
    if since or until:
        kept = {c.id for c in corpus.claims if _published_within(c, since, until)}
        corpus = corpus.model_copy(update={"claims": [c for c in corpus.claims if c.id in kept]})
        conflicts = [c for c in conflicts if any(i in kept for side in c.sides for i in side.claims)]
    rows = []
    for source in sorted(corpus.sources.values(), key=lambda s: s.id):
        rows.append({
            "id": source.id, "name": source.name, "perspective": source.perspective, "kind": source.kind,
            "reference": source.reference, "claims": sum(c.source == source.id for c in corpus.claims),
            "carried": sum(c.via == source.id for c in corpus.claims),
            **outlet_conflict_counts(source.id, conflicts),
        })
    _echo(render(rows, fmt, "outlets"))


def outlet_conflict_counts(outlet: str, conflicts: list) -> dict[str, int]:
    """Conflicts an outlet is in, those where it is on a smaller side, and those against the reference."""
    involved = minority = against_reference = 0
    for conflict in conflicts:
        mine = [side for side in conflict.sides if outlet in side.outlets]
        if not mine:
            continue
        involved += 1
        largest = max(len(side.claims) for side in conflict.sides)
        if any(len(side.claims) < largest for side in mine):
            minority += 1
        if conflict.reference and any(not set(side.outlets) & set(conflict.reference_outlets) for side in mine):
            against_reference += 1
    return {"conflicts": involved, "minority": minority, "against_reference": against_reference}


# --- conflicts and check ---------------------------------------------------------


def conflict_line(corpus: Corpus, claims: dict[str, Member], conflict) -> str:
    """A conflict as people read it: the figures side by side, with who said them, and the gap."""
    sides = []
    for side in conflict.sides:
        said = []
        for claim_id in side.claims:
            claim = claims[claim_id]
            source = corpus.sources.get(claim.source)
            name, year = (source.name if source else claim.source), (claim.published or "")[:4] or "undated"
            label = name if name.endswith(year) else f"{name}, {year}"
            if label not in said:
                said.append(label)
        sides.append(f"{figures.human_amount(side.value, side.unit)} ({'; '.join(said)})")
    line = f"{conflict.id}: {' vs '.join(sides)}"
    if conflict.spread is not None:
        line += f": {figures.spread_label(conflict.spread)}"
    marks = []
    if conflict.reference:
        names = [corpus.sources[outlet].name for outlet in conflict.reference_outlets]
        marks.append(f"disagrees with the reference: {', '.join(names)}")
    if conflict.perspective_split:
        marks.append("perspective split")
    if conflict.minor:
        marks.append("minor")
    if conflict.status != "open":
        marks.append(conflict.status)
    if conflict.stale_review:
        marks.append(f"review stale: {conflict.stale_review.describe()}")
    text = line + "".join(f" [{mark}]" for mark in marks)
    if conflict.review_note:
        status = conflict.stale_review.status if conflict.stale_review else conflict.status
        text += f"\n    review ({status}{', ' + str(conflict.reviewed) if conflict.reviewed else ''}): {' '.join(conflict.review_note.split())}"
    for conversion in conflict.conversions:
        claim = claims[conversion.claim]
        text += (f"\n    {claim.figure} at {_rate(conversion.rate)} {conversion.target} per {conversion.source}"
                 f" (ECB, {conversion.rate_date}, for {conversion.figure_date})")
    return terminal_safe(text)


def _rate(rate: float) -> str:
    return f"{rate:.6g}"


@command()
def conflicts(
    ctx: typer.Context,
    subject: Annotated[Optional[str], typer.Option(help="Only this subject (aliases count).")] = None,
    perspective: Annotated[Optional[str], typer.Option(help="Only conflicts with a side from this perspective.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only conflicts with a claim this outlet made or carried.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include reviewed conflicts.")] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: format_option(Format.table, Format.json, Format.csv) = Format.table,
) -> None:
    """List conflicts: comparable claims whose figures cannot all be right, side by side.

    Example: claimcheck conflicts --all --format json
    """
    analysis = _listing(ctx)
    corpus = analysis.corpus_for_lines()
    claims = analysis.involved_claims()
    if subject or outlet or perspective:
        everything = analysis.corpus
        _must_know("--subject", subject, {c.subject for c in everything.claims} | set(everything.alias_map()))
        _must_know("--outlet", outlet, set(everything.sources))
        _must_know("--perspective", perspective, {s.perspective for s in everything.sources.values()}, any_case=True)
    wanted_subject = corpus.canonical_subject(subject) if subject else None

    def keep(conflict) -> bool:
        ids = [claim_id for side in conflict.sides for claim_id in side.claims]
        return all((
            all_ or conflict.status == "open",
            wanted_subject is None or conflict.subject == wanted_subject,
            perspective is None or any(perspective.lower() == p.lower() for side in conflict.sides for p in side.perspectives),
            outlet is None or any(outlet in (claims[i].source, claims[i].via) for i in ids),
            (since is None and until is None) or any(_published_within(claims[i], since, until) for i in ids),
        ))

    chosen = [conflict for conflict in analysis.findings.conflicts if keep(conflict)]
    if fmt is Format.json:
        _echo(json.dumps({"conflicts": [c.model_dump() for c in chosen]}, ensure_ascii=False, indent=2))
    elif fmt is Format.csv:
        rows = [{"conflict": c.id, "status": c.status, "spread": c.spread, "side": n, "low": side.low, "high": side.high,
                 "unit": side.unit, "claims": " ".join(side.claims), "outlets": " ".join(side.outlets),
                 "perspectives": "; ".join(side.perspectives)}
                for c in chosen for n, side in enumerate(c.sides, 1)]
        _echo(render(rows, fmt, "conflicts"))
    elif not chosen:
        _echo("no open conflicts" if not all_ else "no conflicts")
    else:
        _echo("\n".join(conflict_line(corpus, claims, c) for c in chosen))


def target_line(corpus: Corpus, claims: dict[str, Member], result) -> str:
    target, actual = claims[result.target], claims[result.actual]
    name = lambda claim: corpus.sources[claim.source].name if claim.source in corpus.sources else claim.source  # noqa: E731
    return terminal_safe(f"{result.id}: target {target.figure} ({name(target)}) {result.verdict}: actual {actual.figure} ({name(actual)})")


@command()
def check(ctx: typer.Context) -> None:
    """Validate, then list open conflicts. Exit 0 when none are open, 1 when some are, 2 when the data is invalid.

    Example: claimcheck check && echo "no open contradictions"
    """
    analysis = _analyse(ctx)
    if analysis.problems:
        _report_problems(analysis.problems)
        raise typer.Exit(2)
    corpus, findings = analysis.corpus_for_lines(), analysis.findings
    claims = analysis.involved_claims()
    open_ = findings.open_conflicts()
    lines = [conflict_line(corpus, claims, conflict) for conflict in findings.conflicts]
    lines += [target_line(corpus, claims, result) for result in findings.targets]
    lines += [terminal_safe(f"{item.group}: not comparable: {', '.join(item.claims)}: {item.reason}") for item in findings.not_comparable]
    if lines:
        _echo("\n".join(lines))
    reviewed = len(findings.conflicts) - len(open_)
    minor = len(open_) - len(findings.failing_conflicts())
    _echo(f"{_count(analysis.claims_count, 'claim')}: {_count(len(findings.conflicts), 'conflict')} "
          f"({len(open_)} open{f', {minor} of them minor' if minor else ''}, {reviewed} reviewed), "
          f"{_count(len(findings.agreements), 'agreeing group')}, "
          f"{_count(len(findings.targets), 'target check')}, {len(findings.not_comparable)} not comparable")
    if findings.failing_conflicts():
        raise typer.Exit(1)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# --- import, export, add -------------------------------------------------------


def _read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        text = store.read_text(path)
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise Refused(f"{path}:{line}: the file is not UTF-8 (byte 0x{error.object[error.start]:02x}); save it as UTF-8 CSV") from None
    except OSError as error:
        raise Refused(f"{path}: cannot read the file: {error.strerror}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _csv_rows(path, reader)
    except csv.Error as error:
        raise Refused(f"{path}:{reader.line_num}: the CSV cannot be read ({error}); save it as plain UTF-8 CSV") from None


def _csv_rows(path: Path, reader) -> list[tuple[int, dict[str, str]]]:
    header = next(reader, None)
    if not header:
        raise Refused(f"{path}:1: the file is empty; the first row names the columns: {', '.join(interchange.CSV_COLUMNS)}")
    header = [name.strip() for name in header]
    unknown = [name for name in header if name not in interchange.ALL_COLUMNS]
    missing = [name for name in ("id", "source", "subject", "property", "figure", "kind") if name not in header]
    if unknown or missing:
        detail = "; ".join(filter(None, (
            f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}" if unknown else "",
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}" if missing else "",
        )))
        raise Refused(f"{path}:1: {detail}; the columns are: {', '.join(interchange.ALL_COLUMNS)}")
    rows, problems = [], []
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(cells) > len(header):
                problems.append(Problem(Location(str(path), start), f"the row has {len(cells)} cells but the header names {len(header)} columns; quote cells that contain commas"))
            else:
                rows.append((start, dict(zip(header, cells))))
        start = reader.line_num + 1
    if problems:
        _report_problems(problems)
        raise typer.Exit(2)
    return rows


@command("import")
def import_csv(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A CSV file with the columns of the README's data format.")],
    into: Annotated[Optional[str], typer.Option(help="The claims file to add to (default: claims/<csv name>.yaml).")] = None,
) -> None:
    """Add claims (and new outlets) from CSV, or a whole project from a JSON export. Re-importing the same rows changes nothing; any bad row refuses the whole import.

    Example: claimcheck import spreadsheet.csv
    """
    root = _project_root(ctx)
    if file.suffix.lower() == ".json":
        return _import_json(ctx, root, file)
    rows = _read_csv(file)
    stem = _file_slug(file.stem)
    if f"{store.CLAIMS_DIR}/{stem}.yaml" in store.NOT_CLAIMS:
        stem += "-claims"  # subjects.yaml and reviews.yaml hold other records
    target = _claims_file(root, into or f"{store.CLAIMS_DIR}/{stem}.yaml", "--into")
    with store.locked(root):
        corpus, before = _load_for_write(ctx)
        plan = interchange.ImportPlan(corpus, rows, str(file))
        if plan.problems:
            _report_problems(plan.problems)
            typer.echo("nothing was imported", err=True)
            raise typer.Exit(2)
        texts = {f"{store.SOURCES_DIR}/{source.id}.yaml": interchange.dump_source(source) for source in plan.sources.values()}
        if plan.claims:
            texts[target] = _appended(root, target, interchange.dump_claims(plan.claims))
        _commit(root, texts, before)
    _echo(f"imported {len(plan.claims)} claims and {len(plan.sources)} outlets into {target if plan.claims else 'nothing new'}; {plan.unchanged} already present")


def _import_json(ctx: typer.Context, root: Path, file: Path) -> None:
    """A JSON export (`export --format json`) into a project: every file it stands for is written,
    unless the project holds that file already with other content."""
    try:
        data = json.loads(store.read_text(file))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Refused(f"{file}: cannot read the JSON export ({error})") from None
    files, problems = interchange.project_files(data, str(file))
    with store.locked(root):
        corpus, before = _load_for_write(ctx)
        for path, text in files.items():
            if store.Project(root).inside(path) is None:
                problems.append(Problem(Location(str(file)), f"{path}: the export names a file outside the project"))
            elif (existing := store.existing_text(root, path)) is not None and existing != text:
                problems.append(Problem(Location(str(file)), f"{path} exists with other content; import a JSON export into an empty project"))
        if problems:
            _report_problems(problems)
            typer.echo("nothing was imported", err=True)
            raise typer.Exit(2)
        texts = {path: text for path, text in files.items() if store.existing_text(root, path) is None}
        _commit(root, texts, before)
    _echo(f"imported {len(data['claims'])} claims and {len(data.get('sources', []))} outlets from {file}: {len(texts)} files written")


def _claims_file(root: Path, relative: str, option: str) -> str:
    """A claims file named by the user, refused unless it is a YAML file inside the project's claims/."""
    inside = store.Project(root).inside(relative)
    claims = (root / store.CLAIMS_DIR).resolve()
    if inside is None or not inside.is_relative_to(claims) or not relative.endswith(store.YAML_SUFFIXES):
        raise Refused(f"{option} {relative!r}: name a .yaml file inside {store.CLAIMS_DIR}/, e.g. {store.CLAIMS_DIR}/imported.yaml")
    if Path(relative).name in ("subjects.yaml", "reviews.yaml"):
        raise Refused(f"{option} {relative!r}: that file holds subjects or reviews, not claims")
    return inside.relative_to(root.resolve()).as_posix()


def _file_slug(name: str) -> str:
    slug = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in name).strip("-.") or "imported"
    return slug


def _problems_beyond_loading(corpus: Corpus) -> list[Problem]:
    """Figures that cannot be read, and reviews the check finds wrong."""
    read, problems = figures.read_claims(corpus)
    return problems + checking.check(corpus, read).problems


def _load_for_write(ctx: typer.Context) -> tuple[Corpus, list[Problem]]:
    """The project and every problem it has now, which a write may keep but not add to."""
    corpus, problems = _load(ctx)
    return corpus, problems + _problems_beyond_loading(corpus)


def _commit(root: Path, texts: dict[str, str], before: list[Problem], reviews: bool = True) -> None:
    """Write `texts` only if they add no problem, unreadable figures and reviews included (`reviews`
    False leaves those out); else print what they would add and exit 2, every file as it was."""
    if not texts:
        return
    more = _problems_beyond_loading if reviews else (lambda corpus: figures.read_claims(corpus)[1])
    new = store.commit(root, texts, before, more=more)
    if new:
        _report_problems(new)
        typer.echo("nothing was written", err=True)
        raise typer.Exit(2)


@command()
def export(
    ctx: typer.Context,
    fmt: format_option(Format.csv, Format.json) = Format.csv,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output.")] = None,
    partial: Annotated[bool, typer.Option("--partial", help="Export what could be loaded even when the data has problems.")] = False,
) -> None:
    """Print all claims with their outlets, in the columns that `import` reads.

    Example: claimcheck export --format csv -o claims.csv
    """
    analysis = _listing(ctx) if partial else _analyse(ctx)
    if analysis.problems and not partial:
        raise Refused(f"the data has {_count(len(analysis.problems), 'problem')}, so an export would leave records out; "
                      "'claimcheck validate' lists them; fix them, or export what loads with --partial")
    corpus = analysis.corpus
    if fmt is Format.json:
        archives = {path: store.existing_text(_project_root(ctx), path) or ""
                    for path in sorted({c.archive for c in corpus.claims if c.archive})}
        text = json.dumps(interchange.project_json(corpus, archives), ensure_ascii=False, indent=2) + "\n"
        return _write_or_print(output, text)
    rows = [interchange.claim_row(claim, corpus.sources.get(claim.source)) for claim in corpus.claims]
    _write_or_print(output, render(rows, fmt, "claims", interchange.ALL_COLUMNS) + "\r\n")


def _write_or_print(output: Path | None, text: str, say: bool = False) -> None:
    """Write `text` where -o points (atomically; through a symlink, into a pipe), else to stdout."""
    if output:
        store.write_files(Path("."), {str(output): text})
        if say:
            _echo(f"wrote {output}")
    else:
        sys.stdout.write(text)


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
    root = _project_root(ctx)
    fields = {"source": source, "subject": subject, "property": property, "figure": figure, "kind": kind, "via": via,
              "url": url, "published": published, "speaker": speaker, "period": period, "scope": scope,
              "as_of": as_of, "quote": quote, "archive": archive, "note": note}
    fields = {name: value for name, value in fields.items() if value is not None}
    target = _claims_file(root, to or f"{store.CLAIMS_DIR}/{_file_slug(source)}.yaml", "--to")
    with store.locked(root):
        corpus, before = _load_for_write(ctx)
        taken = {claim.id for claim in corpus.claims}
        fields["id"] = id or _fresh_id("-".join(filter(None, (subject, property, source, period and period.replace("/", "_")))), taken)
        try:
            claim = Claim.model_validate(fields)
        except Exception as error:
            messages = [f"--{str(e['loc'][0]).replace('_', '-')}: {e['msg'].removeprefix('Value error, ')}" for e in getattr(error, "errors", lambda: [])()]
            raise Refused("the claim was not added: " + "; ".join(messages or [str(error)])) from None
        same = next((c for c in corpus.claims if not interchange.differences(c.model_copy(update={"id": claim.id}), claim)), None)
        if same is not None:
            raise Refused(f"the claim was not added: the same claim is already recorded as {same.id!r} at {same.at}")
        texts = {target: _appended(root, target, interchange.dump_claims([claim]))}
        _commit(root, texts, before)
    _echo(f"added claim {claim.id} to {target}")


def _fresh_id(base: str, taken: set[str]) -> str:
    base = _file_slug(base)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


@command()
def report(
    ctx: typer.Context,
    fmt: format_option(Format.md, Format.html, Format.json) = Format.md,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """The discrepancy report: counts, every conflict with its sources and quotes, targets, what could not be compared, outlets.

    With --since/--until: the findings that involve a claim published then (with every claim they hold), and only those claims counted.

    Example: claimcheck report --format html -o report.html
    """
    from . import report as reporting  # jinja2 loads only for the report

    keep = (lambda claim: _published_within(claim, since, until)) if since or until else None
    text = reporting.render(_listing(ctx), fmt.value, keep)
    _write_or_print(output, text, say=True)


def run() -> None:
    """The console script: friendly errors, tracebacks only with --debug."""
    debug = "--debug" in sys.argv
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted; no file was changed", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last guard between a bug and the user's terminal
        if debug:
            traceback.print_exc()
        else:
            typer.echo(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)", err=True)
        sys.exit(3)
