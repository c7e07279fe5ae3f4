"""`claimcheck serve`: the local web app (design §8, §6a).

Every page reads what it shows from the index through the read model (`query`), a page of rows at a
time: the corpus is never loaded. A change seen on disk (the size and time of a file under claims/
or sources/, or the settings) is indexed in the background (`pipeline.run`); pages are answered from
the last committed state meanwhile, marked "updating", until the new one is in. Every write goes
through the library function the command line calls (`edits.add_outlet`, `add_claim`, `edit_claim`,
`remove_claim`, `review`, and the drafts: `draft_text`, `accept_draft`, `discard_draft`), and a
refused form comes back with what the person typed.

Security: the server listens on 127.0.0.1 only and answers only to that host name; a POST must
come from this server's own origin and carry the session's token; it writes only through those
functions, and an edit or review only when the record is as the form saw it; templates escape
everything, only http(s) addresses become links, and each response forbids scripts and styles from
elsewhere.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import math
import multiprocessing
import os
import re
import secrets
import subprocess
import sys
import threading
import traceback
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import get_args
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from . import edits, pipeline, query, report, store, views
from .models import ClaimKind

PAGE_SIZE = 50
CHOICES = 500
"""The most subjects a filter offers as a list to choose from; with more, it is a field to type in, offered the
named ones."""
MAX_FORM_BYTES = 64 * 1024
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""The largest article a draft form may upload or paste."""
WAIT = 0.3
"""How long a page waits for an update it started before answering from the state before it."""
HOSTS = ("127.0.0.1", "localhost")
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


_PROCESSES = multiprocessing.get_context("spawn")
"""A process started afresh, never forked from a server with threads running."""
AHEAD_NICENESS = 10
"""How much lower the process that makes the likely sides runs than the server (`os.nice`)."""


def _made_ahead(make) -> None:
    """What pages read of every group at once, made ahead of them after the change is committed: a failure there
    loses nothing of the change (pages make them themselves; the server's log says why)."""
    try:
        make()
    except Exception:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)


def _ahead_at(root: str) -> None:
    """What pages read of every group at once, made again on the project's committed state, at a lower
    priority than the server's: the pages and writes it answers meanwhile come first for the cores."""
    with contextlib.suppress(AttributeError, OSError):  # no nice() on Windows
        os.nice(AHEAD_NICENESS)
    from .index import Index

    try:
        index = Index.open(Path(root))  # as committed: it indexes nothing (the server's updates do), so it starts no workers
        try:
            query.keep_ahead(index, in_run=False)
        finally:
            index.close()
    except Exception:  # noqa: BLE001 - the pages make them themselves; the server's log says why
        traceback.print_exc(file=sys.stderr)


WARM_ARTICLE = ("The ministry said trade reached about $400 billion in 2022 and exports grew by 12%. "
                "The pipeline, 300 km long, will carry 38 bcm of gas a year.\n")
"""A short article drafted when the server starts (`_warm_drafting`): money, a share and two physical units."""


def _warm_drafting() -> None:
    """What a draft loads on first use, loaded when the server starts, in the background, not in the first
    draft's answer: the figure reader and its vocabulary, the sentence splitter and the fuzzy matcher (about
    0.1 s of CPU), and pint (0.4-0.5 s, 22 MB; a draft needs it for a unit no draft before read, and the index
    keeps none of that after it is made again, e.g. by a new version)."""
    try:
        from . import align, extract
        from .models import Corpus

        align.draft_batch([extract.Article(WARM_ARTICLE, "warm")], Corpus())
    except Exception:  # noqa: BLE001 - the first draft loads it then; the server's log says why
        traceback.print_exc(file=sys.stderr)


class Site:
    """The project a server shows: its index, brought up to date in the background when a file changes."""

    def __init__(self, root: Path, token: str | None = None):
        self.root = Path(root)
        self.token = token or secrets.token_urlsafe(32)
        self._lock = threading.Lock()
        self._no_write = threading.Condition(self._lock)  # notified when the last write in progress ends
        self._writes = 0  # writes in progress
        self._update: threading.Thread | None = None
        self._warming: threading.Thread | None = None
        self._maker = None  # the process making the likely sides, while it runs
        self._ahead_wanted = False
        self._seen = self._files()
        self._memory = self._refresh()  # an index in memory (a folder that cannot hold one) is kept and shared

    def _files(self) -> tuple:
        """The size and time of every file a check reads, to see a change without reading a file."""
        project = store.Project(self.root)
        claims, others = store.project_files(project)
        return tuple((path, store.file_state(project, path)) for path in claims + others)

    def _refresh(self, apart: bool = False):
        """The index brought up to date, with what pages read of every group at once (the outlets' rows,
        the likely sides) made in the same transaction, so no page waits on making them; the index
        itself when it is in memory, else None (pages open the file each). `apart` (an update while the
        server answers): the change is committed alone, the outlets' rows kept right after it, and the likely
        sides made after that, in a process of their own, so that a write posted meanwhile waits only for the
        change (the likely sides take seconds at scale) and pages say they are being estimated (`estimating`)
        rather than weigh them."""
        index = pipeline.run(self.root, then=None if apart else query.keep_ahead)
        if index.path is None:
            if apart:
                _made_ahead(lambda: query.keep_ahead(index, in_run=False))  # no other process can read an index in memory
            return index
        if apart:  # the outlets' rows (a quarter of a second at 100,000 claims) before a page asks for them
            _made_ahead(lambda: query.Reader(index, in_run=False).outlet_rows())
        index.close()
        if apart:
            self._make_ahead()
        return None

    def updating(self) -> bool:
        """Whether the files changed since the index was last brought up to date. A change seen starts
        an update in the background and waits for it a moment (a small edit is in by then)."""
        with self._lock:
            if self._update is None or not self._update.is_alive():
                seen = self._files()
                if seen == self._seen:
                    return False
                self._seen = seen
                self._update = threading.Thread(target=self._in_background, daemon=True)
                self._update.start()
            update = self._update
        update.join(WAIT)
        return update.is_alive()

    def estimating(self) -> bool:
        """Whether the likely sides may be being made again (an update or its maker is running): a page then
        shows none rather than weigh them itself."""
        update = self._update
        return self._warming is not None or (update is not None and update.is_alive())

    def written(self) -> None:
        """After a write through the library, whose commit left the index holding it: the files' new state is
        taken in without an update to wait for (bringing the index up to date reads nothing then, but a file
        an editor saved meanwhile), and the outlets' statistics and the likely sides are made again in the
        background, so the write's answer waits on neither."""
        if self._memory is not None:
            self.updating()
            return
        with self._lock:
            self._seen = self._files()
            pipeline.run(self.root).close()
        self._make_ahead()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """A write from a form, or an update of a change on disk. The process making the likely sides for the
        state before it is stopped: what it makes is of no use once the write is committed (it keeps nothing for a
        state a write replaced), and it keeps what it made under the index's write lock (some 0.2 s at 100,000
        claims, at a lower priority than the server's), which the write would wait for. They are made again once
        no write is in progress, whether this one is done or refused; a maker is not started while one is."""
        with self._lock:
            self._writes += 1
            maker = self._maker
            if maker is not None:
                self._ahead_wanted = True
        if maker is not None:
            maker.terminate()  # a transaction it had begun is undone, as after a crash
        try:
            yield
        finally:
            with self._lock:
                self._writes -= 1
                self._no_write.notify_all()
                self._warm_if_wanted()

    def _make_ahead(self) -> None:
        """The outlets' statistics and the likely sides made again on the committed state, in the background."""
        with self._lock:
            self._ahead_wanted = True
            self._warm_if_wanted()

    def _warm_if_wanted(self) -> None:
        """The thread that makes them started when they are wanted and none runs (the caller holds the lock)."""
        if self._warming is None and self._ahead_wanted:
            self._warming = threading.Thread(target=self._ahead_while_wanted, daemon=True)
            self._warming.start()

    def _ahead_while_wanted(self) -> None:
        """Made again until no write came in meanwhile: a write that lands while they are made for the state
        before it would otherwise leave its own state without them, and a page would weigh them itself."""
        while True:
            with self._lock:
                self._no_write.wait_for(lambda: self._writes == 0)
                if not self._ahead_wanted:
                    self._warming = None
                    return
                self._ahead_wanted = False
            try:
                self._ahead_again()
            except Exception:  # noqa: BLE001 - no process started (no working folder, no file handles): pages weigh them
                traceback.print_exc(file=sys.stderr)
                with self._lock:
                    self._warming = None  # else pages would say "being estimated" for ever, and no write start a maker
                return

    def _ahead_again(self) -> None:
        """After a write: made on the state it committed, in a process of its own, so that the next request
        shares neither a lock of the index nor Python's with it (the likely sides take seconds at scale)."""
        maker = _PROCESSES.Process(target=_ahead_at, args=(str(self.root),), daemon=True)
        with self._lock:
            if self._writes:  # a write began while this one was being made: made after it
                self._ahead_wanted = True
                return
            maker.start()
            self._maker = maker
        maker.join()
        with self._lock:
            self._maker = None

    def _in_background(self) -> None:
        try:
            with self.writing():  # an update commits a new state, as a write does
                memory = self._refresh(apart=True)
            if memory is not None:
                self._memory = memory
        except Exception:  # noqa: BLE001 - the pages go on from the last state; the server's log says why
            self._seen = None
            traceback.print_exc(file=sys.stderr)

    def reader(self) -> query.Reader:
        """A reader on the last committed state of the index."""
        if self._memory is not None:
            return query.Reader(self._memory)
        from .index import Index

        return query.Reader(Index.open(self.root))


# --- pages as data ---------------------------------------------------------------------------


def overview(reader: query.Reader) -> dict:
    counts = views.Tally(**reader.tally())
    problems = reader.problems()
    return {"summary": views.summary_line(reader.claims_count(), counts), "counts": counts,
            "outlets": len(reader.outlets), "problems": [str(p) for p in problems[:20]], "problem_count": len(problems)}


def _page(total: int, params: dict[str, str]) -> tuple[int, int]:
    pages = max(1, math.ceil(total / PAGE_SIZE))
    try:
        page = min(max(1, int(params.get("page", "1"))), pages)
    except ValueError:
        page = 1
    return page, pages


def conflict_list(reader: query.Reader, params: dict[str, str]) -> dict:
    """The conflicts the filters keep (status: open, all, or a review status), in the chosen order, a page of them."""
    status = params.get("status") if params.get("status") in query.STATUSES else "open"
    sort = params.get("sort") if params.get("sort") in query.SORTS else "id"
    since, until = params.get("since") or None, params.get("until") or None
    error = next(filter(None, (views.date_error(bound) for bound in (since, until) if bound)), None)
    if error:
        since = until = None
    filters = {"status": status, "subject": params.get("subject") or None, "perspective": params.get("perspective") or None,
               "outlet": params.get("outlet") or None, "since": since, "until": until, "text": params.get("q", "").strip() or None}
    total = reader.count_conflicts(**filters)
    page, pages = _page(total, params)
    outlets = reader.outlets
    shown = [views.ConflictView.of(record, outlets, reader.subject_names)
             for record in reader.conflicts(sort, PAGE_SIZE, (page - 1) * PAGE_SIZE, **filters)]
    rows = [{"id": view.id, "title": data["title"], "status": data["status"], "minor": data["minor"], "gap": data["gap"],
             "sides": [{"value": side["value_text"], "outlets": view.side_outlets(side),
                        "support": len(side["claims"]) > 1 and side["support"]} for side in data["sides"]]}
            for view in shown for data in [view.data()]]
    return {"rows": rows, "total": total, "page": page, "pages": pages, "error": error, "sorts": list(query.SORTS),
            "filters": {k: params.get(k, "") for k in ("status", "subject", "outlet", "perspective", "since", "until", "sort", "q")},
            "outlets": {o.id: o.name for o in outlets.values()}, "perspectives": reader.perspectives,
            "subjects": _choices(reader.conflict_subjects(CHOICES + 1), reader.subject_names), "named": reader.subject_names}


def _choices(subjects: list[str], names: dict[str, str]) -> dict[str, str] | None:
    """The subjects a filter offers, each by its name, or None when there are too many to list."""
    return {subject: names.get(subject, subject) for subject in subjects} if len(subjects) <= CHOICES else None


def conflict_page(reader: query.Reader, conflict_id: str, estimating: bool = False) -> dict | None:
    """A conflict with its claims and chart; while the server makes the likely sides again (`estimating`), without
    them rather than weighed here (seconds at scale)."""
    record = reader.conflict(conflict_id)
    if record is None:
        return None
    known = reader.likely(weigh=not estimating)
    view = views.ConflictView.of(record, reader.outlets, reader.subject_names, known and known["likely"].get(conflict_id))
    data = view.data()
    claims = reader.claims_by_id(view.claim_ids())
    entries = {claim_id: views.entry(reader.outlets, claim) for claim_id, claim in claims.items()}
    colours = views.colours(reader.perspectives)
    return {"conflict": data, "entries": entries, "chart": report.chart(data, entries, colours), "colours": colours,
            "claims": view.claim_ids(), "estimating": views.ESTIMATING if known is None else None}


def outlet_list(reader: query.Reader, estimating: bool = False) -> tuple[list[dict], str | None]:
    """Every outlet with its counts, its estimated accuracy and the outlets it likely copies (design §9), in words;
    while the server makes them again (`estimating`), without them rather than weighed here, and what the page
    says of that (`views.ESTIMATING`, or None when they are shown)."""
    known = reader.likely(weigh=not estimating)
    rows = views.outlet_listing(reader.outlet_rows(), known and known["outlets"], "id", structured=False)
    return rows, views.ESTIMATING if known is None else None


KINDS = get_args(ClaimKind)


def claim_list(reader: query.Reader, params: dict[str, str], outlet: str | None = None) -> dict:
    """The claims (of one outlet, when given) that the filters keep (`q` in their text, an outlet, a
    subject, a kind), a page of them."""
    given = {name: params.get(name, "").strip() for name in ("q", "outlet", "subject", "kind")}
    if outlet:
        given["outlet"] = outlet
    if given["kind"] not in KINDS:
        given["kind"] = ""
    filters = {"outlet": given["outlet"] or None, "subject": given["subject"] or None, "kind": given["kind"] or None,
               "text": given["q"] or None}
    total = reader.count_claims(**filters)
    page, pages = _page(total, params)
    shown = reader.claims(PAGE_SIZE, (page - 1) * PAGE_SIZE, **filters)
    return {"rows": views.claim_rows(reader.outlets, shown), "total": total, "page": page, "pages": pages, "q": given["q"],
            "filters": given, "outlets": {o.id: o.name for o in reader.outlets.values()}, "kinds": KINDS,
            "subjects": reader.subject_names}


def claim_page(reader: query.Reader, claim_id: str, root: Path) -> dict | None:
    """One claim: every field, how its figure reads, its file:line, its conflicts, its file's history."""
    claim = reader.claim(claim_id)
    if claim is None:
        return None
    detail = views.claim_detail(claim, reader.conflicts_of(claim.id))
    source = reader.outlets.get(claim.source)
    return {**detail, "id": claim.id, "outlet": source and source.name, "link": views.safe_url(claim.url),
            "reads_as": views.reads_as(detail["figure"]), "history": git_history(root, claim.path),
            "archived": archive_link(claim.archive, claim.id), "digest": edits.record_digest(claim.fields())}


ARCHIVE = f"{store.SOURCES_DIR}/archive/"


def archive_link(archive: str | None, claim_id: str | None = None) -> str | None:
    """The page of an article archived under sources/archive/ (with the claim's quote marked), or None."""
    if not archive or not archive.startswith(ARCHIVE) or "/" in archive[len(ARCHIVE):]:
        return None
    return f"/archive/{quote(archive[len(ARCHIVE):])}" + (f"?claim={quote(claim_id)}#quote" if claim_id else "")


def marked(text: str, quotes: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """The text in pieces, each quote found in it (whitespace folded, as provenance is checked) marked
    with its anchor: [(piece, anchor or None)]; a quote not found, or overlapping one found, is not marked."""
    text, spans = unicodedata.normalize("NFC", text), []
    for anchor, said in quotes:
        words = unicodedata.normalize("NFC", said or "").split()
        found = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
        if found and not any(start < found.end() and found.start() < end for start, end, _ in spans):
            spans.append((found.start(), found.end(), anchor))
    pieces, at = [], 0
    for start, end, anchor in sorted(spans):
        pieces += [(text[at:start], None), (text[start:end], anchor)]
        at = end
    return pieces + [(text[at:], None)]


def archive_page(reader: query.Reader, root: Path, name: str, claim_id: str | None) -> dict | None:
    """An archived article's text, the quote of `claim_id` marked in it; None when there is no such archive."""
    if "/" in name or name.startswith(".") or not name:
        return None
    try:
        text = store.existing_text(root, ARCHIVE + name)
    except store.WriteError:
        return None
    if text is None:
        return None
    claim = reader.claim(claim_id) if claim_id else None
    if claim is not None and claim.archive != ARCHIVE + name:
        claim = None
    pieces = marked(text, [("quote", claim.quote)] if claim and claim.quote else [])
    return {"name": name, "path": ARCHIVE + name, "pieces": pieces, "claim": claim,
            "found": any(anchor for _, anchor in pieces), "outlet": claim and reader.outlets.get(claim.source)}


# --- forms as data ----------------------------------------------------------------------------


LABELS = {"id": "Id", "source": "Outlet", "via": "Carried by", "url": "Address", "published": "Published",
          "speaker": "Speaker", "subject": "Subject", "property": "Property", "period": "Period", "figure": "Figure",
          "kind": "Kind", "scope": "Scope", "as_of": "As of", "quote": "Quote", "archive": "Archive", "note": "Note",
          "to": "Claims file", "name": "Name", "perspective": "Perspective", "country": "Country", "reference": "Reference",
          "text": "Article text", "file": "Article file", "source_name": "New outlet's name",
          "source_perspective": "New outlet's perspective", "status": "Status", "accept_likely": "Accept the likely side"}
"""Each form field as the page labels it; messages from the library name fields through `label`."""
CLAIM_FORM = tuple(name for name in query.CLAIM_FIELDS)
OUTLET_FORM = ("id", "name", "perspective", "kind", "country", "url", "reference")


def label(field: str) -> str:
    """A field as the page names it, for the library's messages (edits' `name`)."""
    if field == "prefer":
        return "a claim ticked under “Claims you hold right”"
    return f"“{LABELS.get(field, field)}”"


def claim_form(reader: query.Reader, values: dict[str, str]) -> dict:
    """What the claim form offers: the outlets by name, the files that hold claims, the kinds."""
    return {"values": values, "outlets": {o.id: o.name for o in reader.outlets.values()}, "files": reader.claim_files(),
            "kinds": KINDS, "subjects": reader.subject_names, "labels": LABELS}


def draft_page(draft: edits.Pending, typed: dict | None = None) -> dict:
    """A draft: its article with each proposal's sentence marked, beside the proposals (with what a person
    typed into them, when a form comes back)."""
    typed = typed or {}
    chosen = set(typed.get("accept", []))
    proposals = [{**p, "fields": {name: typed.get(f"{name}.{p['number']}", p.get(name) or "") for name in edits.DRAFT_FIELDS},
                  "chosen": str(p["number"]) in chosen,
                  "confidence_text": "" if p.get("confidence") is None else f"{p['confidence']:.0%}"}
                 for p in draft.proposals]
    pieces = marked(draft.text, [(f"p{p['number']}", p["quote"]) for p in draft.proposals])
    left_out = [{**number, "around": around(draft.text, number["start"], number["end"])} for number in draft.left_out]
    return {"id": draft.id, "article": draft.article, "pieces": pieces, "proposals": proposals, "already": draft.already,
            "left_out": left_out, "kinds": KINDS, "to": typed.get("to", "")}


def around(text: str, start: int, end: int, width: int = 60) -> tuple[str, str, str]:
    """The words before a span of the text (`start` to `end`), the span, and the words after, within its line and
    about `width` characters each side, cut at a space and marked "…" where cut (a refused number shown where it
    stands)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[max(line_start, start - width):start], text[end:min(line_end, end + width)]
    if start - width > line_start:
        before = "…" + before[before.find(" ") + 1:] if " " in before else "…" + before
    if end + width < line_end:
        after = after[:after.rfind(" ")] + "…" if " " in after else after + "…"
    return before, text[start:end], after


def git_history(root: Path, path: str | None) -> list[dict]:
    """The commits that touched a claims file, newest first, when the project is a git repository."""
    if not path:
        return []
    try:
        output = subprocess.run(["git", "-C", str(root), "log", "-n", "20", "--date=short", "--format=%h%x1f%ad%x1f%an%x1f%s",
                                 "--", path], capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if output.returncode != 0:
        return []
    return [dict(zip(("commit", "date", "author", "subject"), line.split("\x1f"))) for line in output.stdout.splitlines() if line]


# --- the app ---------------------------------------------------------------------------------


class Form:
    """A posted form: each field's values, and an uploaded file's name and bytes."""

    def __init__(self, fields: dict[str, list[str]], files: dict[str, tuple[str, bytes]] | None = None):
        self.fields, self.files = fields, files or {}

    def one(self, name: str) -> str:
        """A field's value, its line breaks as the files write them (a browser sends a text area's as CRLF)."""
        return (self.fields.get(name) or [""])[0].replace("\r\n", "\n")

    def all(self, name: str) -> list[str]:
        return self.fields.get(name, [])

    def given(self, names) -> dict[str, str]:
        """The named fields a person filled in (blank ones left out)."""
        return {name: value for name in names if (value := self.one(name).strip())}


def app(root: Path, token: str | None = None):
    """The ASGI app for the project at `root`; its index is brought up to date before it returns."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import HTMLResponse, RedirectResponse, Response
    from starlette.routing import Route

    site = Site(root, token)
    threading.Thread(target=_warm_drafting, daemon=True).start()
    templates = Environment(loader=PackageLoader("claimcheck", "templates"), autoescape=select_autoescape(["j2"]),
                            trim_blocks=True, lstrip_blocks=True)
    templates.globals.update(link=views.safe_url, query=lambda **kw: "?" + urlencode({k: v for k, v in kw.items() if v}),
                             archive_link=archive_link, plural=views.plural)

    def page(name: str, status: int = 200, updating: bool = False, **context) -> Response:
        return HTMLResponse(templates.get_template(f"web/{name}.html.j2").render(token=site.token, updating=updating, **context),
                            status_code=status)

    def refused(status: int, title: str, message: str, updating: bool = False) -> Response:
        return page("refused", status, updating, title=title, message=message)

    def to(url: str) -> Response:
        return RedirectResponse(url, status_code=303)

    @contextlib.contextmanager
    def snapshot():
        """One reader on one committed state of the index (one snapshot for a whole page), and whether
        an update of the index is running."""
        updating = site.updating()
        reader = site.reader()
        try:
            yield reader, updating
        finally:
            if reader.db.in_transaction:
                reader.db.execute("COMMIT")
            if reader.index.path is not None:
                reader.index.close()

    def reading(make):
        """A page made from one snapshot, marked "updating" while an update of the index runs."""
        def endpoint(request):
            with snapshot() as (reader, updating):
                return make(request, reader, lambda name, status=200, **context: page(name, status, updating, **context))
        return endpoint

    def posting(handle, limit: int = MAX_FORM_BYTES, project: bool = True):
        """A POST from a page of this server with this session's token: its form handed to `handle`
        (which writes through a library function), else the refusal and nothing written. `Site.writing` stops
        the likely sides being made meanwhile (made again after it): a write replaces the state they are made
        for, and a draft's second of work comes first; `project` False for a form that takes no time and writes
        drafts/ alone (a draft discarded)."""
        async def endpoint(request):
            if not _same_origin(request):
                return refused(403, "Refused", "This form did not come from this claimcheck server; nothing was written.")
            if int(request.headers.get("content-length") or 0) > limit:
                return refused(413, "Refused", "The form is too large; nothing was written.")
            if request.headers.get("content-type", "").startswith("multipart/form-data"):
                parsed = await request.form(max_files=1, max_fields=50, max_part_size=limit)
                fields, files = {}, {}
                for name, value in parsed.multi_items():
                    if isinstance(value, str):
                        fields.setdefault(name, []).append(value)
                    elif value.filename:
                        files[name] = (value.filename, await value.read(limit + 1))
                form = Form(fields, files)
            else:
                body = await request.body()
                if len(body) > limit:
                    return refused(413, "Refused", "The form is too large; nothing was written.")
                form = Form(parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True))
            if not hmac.compare_digest(form.one("token").encode(), site.token.encode()):
                return refused(403, "Refused", "The form's session token is missing or from another session; reload the page "
                                               "and try again. Nothing was written.")
            with site.writing() if project else contextlib.nullcontext():
                return handle(request, form)
        return endpoint

    def both(get, post):
        """One address that shows a form (GET) and takes it (POST)."""
        async def endpoint(request):
            return await post(request) if request.method == "POST" else get(request)
        return endpoint

    def written() -> None:
        site.written()

    def attempt(write, nothing: str = "Nothing was written.") -> tuple[edits.Result | None, str | None]:
        """A library write, and the message that refused it (None when it was done)."""
        try:
            result = write()
        except edits.Refusal as error:
            return None, f"{_sentence(error)} {nothing}"
        return result, _problems(result, nothing)

    def redo(make, request, *args) -> Response:
        """A form's page made again from a fresh snapshot: a refused form, with what was typed."""
        with snapshot() as (reader, updating):
            return make(request, reader, lambda name, code=200, **context: page(name, code, updating, **context), *args)

    # --- reading pages ---

    def home(request, reader, show):
        return show("overview", data=overview(reader))

    def conflicts(request, reader, show):
        return show("conflicts", data=conflict_list(reader, dict(request.query_params)))

    def conflict_response(reader, show, conflict_id: str, status: int = 200, typed: dict | None = None,
                          changed: str | None = None, recorded: bool = False) -> Response:
        """A conflict's page; its review form starts from the review recorded, or from what the person typed."""
        data = conflict_page(reader, conflict_id, site.estimating())
        if data is None:
            return show("refused", 404, title="No such conflict", message=f"No conflict {conflict_id!r}; the conflicts page lists them.")
        review = reader.review_of(conflict_id)
        form = typed or {"status": review["status"] if review else "", "note": (review or {}).get("note") or "",
                         "prefer": (review or {}).get("preferred") or []}
        return show("conflict", status, data=data, digest=edits.record_digest(review), recorded=recorded, form=form,
                    changed=changed, review=review)

    def conflict(request, reader, show):
        return conflict_response(reader, show, request.path_params["conflict_id"], recorded=bool(request.query_params.get("recorded")))

    def record_review(request, form: Form) -> Response:
        conflict_id = request.path_params["conflict_id"]
        typed = {"status": form.one("status"), "note": form.one("note"), "prefer": form.all("prefer")}
        accept_likely = form.one("accept_likely") == "1"  # the button beside the side likely right (design §9)
        try:
            result = edits.review(site.root, conflict_id, None if accept_likely else typed["status"],
                                  None if accept_likely else typed["note"].strip(), [] if accept_likely else typed["prefer"],
                                  seen=form.all("claims"), digest=form.one("digest"), name=label, accept_likely=accept_likely)
        except edits.Refusal as error:
            if "than the page showed" not in str(error):
                return again(conflict_id, 400, typed, f"Not recorded: {error}. Nothing was written.")
            return again(conflict_id, 409, typed, "Not recorded: claims joined or left this conflict since you opened the "
                                                  "page (it shows them as they are now). Your review is kept below; "
                                                  "look again, then record it. Nothing was written.", form.all("claims"))
        except store.Changed:
            return again(conflict_id, 409, typed, "Not recorded: someone recorded a review of this conflict since you opened "
                                                  "the page (shown above as it is now). Your review is kept below; record it "
                                                  "again to replace theirs. Nothing was written.")
        if result.problems:
            return again(conflict_id, 400, typed, "Not recorded: the review would add problems: "
                         + "; ".join(map(str, result.problems)) + ". Nothing was written.")
        written()
        return to(f"/conflicts/{quote(conflict_id, safe='/')}?recorded=1")

    def again(conflict_id: str, status: int, typed: dict, message: str, seen: list[str] | None = None) -> Response:
        """The conflict's page as it is now, with the review form as the person filled it and why it was not recorded."""
        with snapshot() as (reader, updating):
            show = lambda name, code=200, **context: page(name, code, updating, **context)
            if seen is not None and (record := reader.conflict(conflict_id)) is not None:
                held = {c for side in record.conflict["sides"] for c in side["claims"]}
                joined, left = sorted(held - set(seen)), sorted(set(seen) - held)
                message += "".join(f" {what}: {', '.join(ids)}." for what, ids in (("Joined", joined), ("Left", left)) if ids)
            return conflict_response(reader, show, conflict_id, status, typed, message)

    def outlets(request, reader, show):
        rows, estimating = outlet_list(reader, site.estimating())
        return show("outlets", rows=rows, added=request.query_params.get("added"), estimating=estimating)

    def outlet(request, reader, show):
        outlet_id = request.path_params["outlet_id"]
        source = reader.outlets.get(outlet_id)
        if source is None:
            return show("refused", 404, title="No such outlet", message=f"No outlet {outlet_id!r}; the outlets page lists them.")
        return show("claims", data=claim_list(reader, dict(request.query_params), outlet_id), outlet=source,
                    done=request.query_params.get("done"))

    def claims(request, reader, show):
        params = request.query_params
        return show("claims", data=claim_list(reader, dict(params)), outlet=None,
                    removed=params.get("removed"), imported=params.get("imported"))

    def claim(request, reader, show):
        claim_id = request.path_params["claim_id"]
        data = claim_page(reader, claim_id, site.root)
        if data is None:
            return show("refused", 404, title="No such claim", message=f"No claim {claim_id!r}; the claims page lists them.")
        return show("claim", data=data, done=request.query_params.get("done"))

    def archive(request, reader, show):
        data = archive_page(reader, site.root, request.path_params["name"], request.query_params.get("claim"))
        if data is None:
            return show("refused", 404, title="No such archive",
                        message="No such article in sources/archive/; a claim's page links to its archived article.")
        return show("archive", data=data)

    # --- outlets and claims ---

    def outlet_form(request, reader, show, values=None, message=None, status=200):
        return show("outlet_form", status, values=values or {}, message=message, labels=LABELS,
                    perspectives=reader.perspectives)

    def add_outlet(request, form: Form) -> Response:
        fields = form.given(OUTLET_FORM)
        fields["reference"] = "reference" in fields
        result, message = None, _new_id(fields.get("id"))
        if message is None:
            result, message = attempt(lambda: edits.add_outlet(site.root, fields, name=label))
        if message is None:
            written()
            return to(f"/outlets/{quote(result.record)}?done=added")
        return redo(outlet_form, request, fields, message, 400)

    def new_claim(request, reader, show, values=None, message=None, status=200):
        values = values if values is not None else {k: v for k, v in request.query_params.items() if k in CLAIM_FORM + ("to",)}
        return show("claim_form", status, data=claim_form(reader, values), message=message, claim_id=None)

    def add_claim(request, form: Form) -> Response:
        fields = form.given(CLAIM_FORM)
        result, message = None, _new_id(fields.get("id"))
        if message is None:
            result, message = attempt(lambda: edits.add_claim(site.root, fields, form.one("to").strip() or None, name=label))
        if message is None:
            written()
            return to(f"/claims/{quote(result.record)}?done=added")
        return redo(new_claim, request, form.given(CLAIM_FORM + ("to",)), message, 400)

    def edit_form(request, reader, show, changed=None, message=None, status=200):
        """A claim's edit form: its fields as they are now, with the fields a person changed in a refused form
        (`changed`) over them, each beside its value now; `shown` holds the values the form shows as the claim's, so
        that a save writes only what the person changed."""
        claim_id = request.path_params["claim_id"]
        claim = reader.claim(claim_id)
        if claim is None:
            return show("refused", 404, title="No such claim", message=f"No claim {claim_id!r}; it may have been removed. "
                                                                       "The claims page lists them.")
        now = {name: str(value) for name, value in claim.fields().items()}
        return show("claim_form", status, data=claim_form(reader, {**now, **(changed or {})}), message=message,
                    claim_id=claim_id, digest=edits.record_digest(claim.fields()), now=now if changed is not None else None,
                    location=str(claim.at), shown=json.dumps(now, ensure_ascii=False))

    def edit_claim(request, form: Form) -> Response:
        claim_id = request.path_params["claim_id"]
        typed = {name: form.one(name).strip() for name in CLAIM_FORM if name != "id"}
        with snapshot() as (reader, _):
            claim = reader.claim(claim_id)
            now = {name: str(value) for name, value in claim.fields().items()} if claim else {}
        shown = _shown(form, now)
        changed = {name: value for name, value in typed.items() if value != shown.get(name, "")}  # what the person changed
        given = {name: value for name, value in changed.items() if value != now.get(name, "")}
        if claim is not None and not given:
            return to(f"/claims/{quote(claim_id)}?done=unchanged")
        status = 400
        try:
            _, message = attempt(lambda: edits.edit_claim(site.root, claim_id, given, name=label, seen=form.one("digest")))
        except store.Changed:
            status, message = 409, ("Not saved: this claim was changed since you opened the page. The fields you changed "
                                    "are kept below, each beside its value now; the others show the claim as it is now. "
                                    "Save again to write your changes. Nothing was written.")
        if message is None:
            written()
            return to(f"/claims/{quote(claim_id)}?done=changed")
        return redo(edit_form, request, changed, message, status)

    def delete_claim(request, form: Form) -> Response:
        claim_id = request.path_params["claim_id"]
        try:
            _, message = attempt(lambda: edits.remove_claim(  # a forced removal stays a command-line act
                site.root, claim_id, forcing=f"on the command line, 'claimcheck rm {claim_id} --force'", seen=form.one("digest")))
            status = 409 if message and "is named by" in message else 400
        except store.Changed:
            message, status = ("Not removed: this claim was changed since you opened the page; look at it again, then "
                               "remove it. Nothing was written."), 409
        if message is None:
            written()
            return to(f"/claims?removed={quote(claim_id)}")
        return refused(status, "Not removed", message)

    # --- drafts ---

    def draft_list(request, reader, show):
        return show("drafts", drafts=edits.drafts(site.root), discarded=request.query_params.get("discarded"))

    def new_draft(request, reader, show, typed=None, message=None, status=200):
        typed = typed if typed is not None else {k: v for k, v in request.query_params.items() if k in ("source", "published", "url")}
        return show("draft_new", status, typed=typed, message=message, outlets={o.id: o.name for o in reader.outlets.values()},
                    perspectives=reader.perspectives, labels=LABELS)

    def start_draft(request, form: Form) -> Response:
        typed = form.given(("text", "url", "source", "source_name", "source_perspective", "published"))
        try:
            text, name = _article(form)
            draft_id = edits.draft_text(site.root, text, name, typed.get("source"), typed.get("source_name"),
                                        typed.get("source_perspective"), typed.get("published"), typed.get("url"), label=label,
                                        dated=True)
        except edits.Refusal as error:
            return redo(new_draft, request, typed, f"{_sentence(error)} Nothing was drafted.", 400)
        return to(f"/drafts/{quote(draft_id)}")

    def show_draft(request, reader, show, typed=None, message=None, status=200):
        draft = edits.read_draft(site.root, request.path_params["draft_id"])
        if draft is None:
            return show("refused", 404, title="No such draft", message="No such draft: it was accepted or discarded. "
                                                                       "The drafts page lists those kept.")
        return show("draft", status, data=draft_page(draft, typed), message=message, labels=LABELS,
                    outlet=reader.outlets.get(draft.article["source"]))

    def accept_draft(request, form: Form) -> Response:
        draft_id = request.path_params["draft_id"]
        chosen = {int(n): {name: form.one(f"{name}.{n}") for name in edits.DRAFT_FIELDS if f"{name}.{n}" in form.fields}
                  for n in form.all("accept") if n.isdigit()}
        draft = edits.read_draft(site.root, draft_id)
        _, message = attempt(lambda: edits.accept_draft(site.root, draft_id, chosen, form.one("to").strip() or None, label=label),
                             "Nothing was imported.")
        if message is None:
            written()
            return to(f"/claims?{urlencode({'outlet': draft.article['source'], 'imported': len(chosen)})}")
        typed = {**{name: values[0] for name, values in form.fields.items() if values}, "accept": form.all("accept")}
        return redo(show_draft, request, typed, message, 400)

    def discard_draft(request, form: Form) -> Response:
        try:
            edits.discard_draft(site.root, request.path_params["draft_id"])
        except edits.Refusal as error:
            return refused(404, "Not discarded", f"{_sentence(error)}")
        return to(f"/drafts?discarded={quote(request.path_params['draft_id'])}")

    # --- files ---

    def stylesheet(request):
        css = templates.get_template("style.css").render() + templates.get_template("web/web.css").render()
        return Response(css, media_type="text/css")

    def script(request):
        return Response(templates.get_template("web/app.js").render(), media_type="text/javascript")

    def _same_origin(request) -> bool:
        """A POST from a page of this server: its Origin (or, where a browser sends none, its
        Referer) names this very host and port."""
        sent = request.headers.get("origin") or ""
        if not sent or sent == "null":
            referer = urlsplit(request.headers.get("referer", ""))
            sent = f"{referer.scheme}://{referer.netloc}" if referer.netloc else ""
        host = request.headers.get("host", "")
        return bool(sent) and sent == f"http://{host}" and host.split(":")[0] in HOSTS

    routes = [Route("/", reading(home)), Route("/conflicts", reading(conflicts)),
              Route("/conflicts/{conflict_id:path}", both(reading(conflict), posting(record_review)), methods=["GET", "POST"]),
              Route("/outlets", reading(outlets)),
              Route("/outlets/new", both(reading(outlet_form), posting(add_outlet)), methods=["GET", "POST"]),
              Route("/outlets/{outlet_id}", reading(outlet)), Route("/claims", reading(claims)),
              Route("/claims/new", both(reading(new_claim), posting(add_claim)), methods=["GET", "POST"]),
              Route("/claims/{claim_id}/edit", both(reading(edit_form), posting(edit_claim)), methods=["GET", "POST"]),
              Route("/claims/{claim_id}/delete", posting(delete_claim), methods=["POST"]),
              Route("/claims/{claim_id:path}", reading(claim)),
              Route("/drafts", reading(draft_list)),
              Route("/drafts/new", both(reading(new_draft), posting(start_draft, MAX_ARTICLE_BYTES)), methods=["GET", "POST"]),
              Route("/drafts/{draft_id}", both(reading(show_draft), posting(accept_draft)), methods=["GET", "POST"]),
              Route("/drafts/{draft_id}/discard", posting(discard_draft, project=False), methods=["POST"]),
              Route("/archive/{name}", reading(archive)),
              Route("/style.css", stylesheet), Route("/app.js", script)]
    return Starlette(routes=routes, middleware=[Middleware(_Headers), Middleware(TrustedHostMiddleware, allowed_hosts=list(HOSTS))])


def _new_id(given: str | None) -> str | None:
    """Why an id a form gave cannot be used for a page of its own ("new" is the form's address), or None."""
    if given == "new":
        return "“Id” 'new' is the address of this form; choose another id. Nothing was written."
    return None


def _shown(form: Form, now: dict[str, str]) -> dict[str, str]:
    """The values an edit form showed as the claim's (its `shown` field), against which what a person typed is told
    from what they left; the claim's values now where the form has none (a form posted by hand)."""
    try:
        shown = json.loads(form.one("shown"))
    except ValueError:
        return now
    return shown if isinstance(shown, dict) and all(isinstance(v, str) for v in shown.values()) else now


def _problems(result: edits.Result, nothing: str = "Nothing was written.") -> str | None:
    """The problems that refused a write, in one message, or None when it was done."""
    if not result.problems:
        return None
    return "It would add problems: " + "; ".join(map(str, result.problems)) + f". {nothing}"


def _sentence(error: Exception) -> str:
    """A refusal's message as a sentence for a page; one that starts with an address or a file name keeps it as
    written ("http://...", never "Http://...")."""
    text = str(error)
    first = text.split(" ", 1)[0]
    start = text if any(mark in first for mark in ":/.") else text[:1].upper() + text[1:]
    return start + ("" if text.endswith((".", "?")) else ".")


def _article(form: Form) -> tuple[str, str]:
    """The article a draft form gives (pasted text, an uploaded file, or an http(s) address to fetch) and a
    name for its archive; a refusal when it gives none, or both text and a file. With pasted text or a
    file, the address is where the article came from, not fetched."""
    import datetime as dt

    from . import extract

    text, upload, address = form.one("text").strip(), form.files.get("file"), form.one("url").strip()
    if text and upload:
        raise edits.Refusal("give the article's text or its file, not both")
    if upload:
        filename, data = upload
        if len(data) > MAX_ARTICLE_BYTES:
            raise edits.Refusal(f"{filename}: the file is larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB")
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / (Path(filename).name or "article.txt")
            path.write_bytes(data)
            try:
                return extract.article_text(path), path.stem
            except (OSError, ValueError) as error:
                raise edits.Refusal(f"{path.name}: {str(error).split(': ', 1)[-1]}") from None
    if text:
        text = form.one("text")
        return (text if text.endswith("\n") else text + "\n"), "pasted"
    if address:
        try:
            text = extract.fetch(address)
        except ValueError as error:
            raise edits.Refusal(str(error)) from None
        parts = [part for part in urlsplit(address).path.split("/") if part]
        return text, f"{(parts[-1].rsplit('.', 1)[0] if parts else urlsplit(address).netloc)}-{dt.date.today().isoformat()}"
    raise edits.Refusal(f"paste the article's text, choose its file, or give its address ({LABELS['url']})")


class _Headers:
    """Adds the security headers to every response, the server's own errors included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def serve(root: Path, port: int, open_browser: bool = False) -> None:
    import uvicorn

    application = app(root)
    if open_browser:
        import webbrowser

        threading.Timer(1.0, lambda: webbrowser.open(f"http://127.0.0.1:{port}/")).start()
    uvicorn.run(application, host="127.0.0.1", port=port, log_level="warning")
