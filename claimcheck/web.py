"""`claimcheck serve`: the local web app (design §8, §6a).

Every page reads what it shows from the index through the read model (`query`), a page of rows at a
time: the corpus is never loaded. A change seen on disk (the size and time of a file under claims/
or sources/, or the settings) is indexed in the background (`pipeline.run`); pages are answered from
the last committed state meanwhile, marked "updating", until the new one is in. Reviews are written
through `edits.review`, the function the `review` command calls.

Security: the server listens on 127.0.0.1 only and answers only to that host name; a POST must
come from this server's own origin and carry the session's token; the only file it writes is
claims/reviews.yaml, and only when that file is as the form saw it; templates escape everything,
only http(s) addresses become links, and each response forbids scripts and styles from elsewhere.
"""

from __future__ import annotations

import hmac
import math
import secrets
import subprocess
import sys
import threading
import traceback
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from . import edits, pipeline, query, report, store, views

PAGE_SIZE = 50
CHOICES = 500
"""The most subjects a filter offers as a list to choose from; beyond that a person types one."""
MAX_FORM_BYTES = 64 * 1024
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


class Site:
    """The project a server shows: its index, brought up to date in the background when a file changes."""

    def __init__(self, root: Path, token: str | None = None):
        self.root = Path(root)
        self.token = token or secrets.token_urlsafe(32)
        self._lock = threading.Lock()
        self._update: threading.Thread | None = None
        self._seen = self._files()
        self._memory = self._refresh()  # an index in memory (a folder that cannot hold one) is kept and shared

    def _files(self) -> tuple:
        """The size and time of every file a check reads, to see a change without reading a file."""
        project = store.Project(self.root)
        return tuple((path, store.file_state(project, path)) for path in store.claims_files(project) + store.context_files(project))

    def _refresh(self):
        """The index brought up to date, and the origins that /outlets shows made ahead of the page;
        the index itself when it is in memory, else None (pages open the file each)."""
        index = pipeline.run(self.root)
        query.Reader(index).outlet_rows()
        if index.path is None:
            return index
        index.close()
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

    def _in_background(self) -> None:
        try:
            memory = self._refresh()
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
               "outlet": params.get("outlet") or None, "since": since, "until": until}
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
            "filters": {k: params.get(k, "") for k in ("status", "subject", "outlet", "perspective", "since", "until", "sort")},
            "outlets": list(outlets), "perspectives": reader.perspectives,
            "subjects": subjects if len(subjects := reader.conflict_subjects(CHOICES + 1)) <= CHOICES else None}


def conflict_page(reader: query.Reader, conflict_id: str) -> dict | None:
    record = reader.conflict(conflict_id)
    if record is None:
        return None
    view = views.ConflictView.of(record, reader.outlets, reader.subject_names)
    data = view.data()
    claims = reader.claims_by_id(view.claim_ids())
    entries = {claim_id: views.entry(reader.outlets, claim) for claim_id, claim in claims.items()}
    colours = views.colours(reader.perspectives)
    return {"conflict": data, "entries": entries, "chart": report.chart(data, entries, colours), "colours": colours,
            "claims": view.claim_ids()}


def outlet_list(reader: query.Reader) -> list[dict]:
    return reader.outlet_rows()


def claim_list(reader: query.Reader, params: dict[str, str], outlet: str | None = None) -> dict:
    """The claims (of one outlet, when given) whose text holds `q`, a page of them."""
    text = params.get("q", "").strip()
    filters = {"outlet": outlet, "text": text or None}
    total = reader.count_claims(**filters)
    page, pages = _page(total, params)
    shown = reader.claims(PAGE_SIZE, (page - 1) * PAGE_SIZE, **filters)
    return {"rows": views.claim_rows(reader.outlets, shown), "total": total, "page": page, "pages": pages, "q": text}


def claim_page(reader: query.Reader, claim_id: str, root: Path) -> dict | None:
    """One claim: every field, how its figure reads, its file:line, its conflicts, its file's history."""
    claim = reader.claim(claim_id)
    if claim is None:
        return None
    detail = views.claim_detail(claim, reader.conflicts_of(claim.id))
    source = reader.outlets.get(claim.source)
    return {**detail, "id": claim.id, "outlet": source and source.name, "link": views.safe_url(claim.url),
            "reads_as": views.reads_as(detail["figure"]), "history": git_history(root, claim.path)}


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


def app(root: Path, token: str | None = None):
    """The ASGI app for the project at `root`; its index is brought up to date before it returns."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import HTMLResponse, RedirectResponse, Response
    from starlette.routing import Route

    site = Site(root, token)
    templates = Environment(loader=PackageLoader("claimcheck", "templates"), autoescape=select_autoescape(["j2"]),
                            trim_blocks=True, lstrip_blocks=True)
    templates.globals.update(link=views.safe_url, query=lambda **kw: "?" + urlencode({k: v for k, v in kw.items() if v}))

    def page(name: str, status: int = 200, updating: bool = False, **context) -> Response:
        return HTMLResponse(templates.get_template(f"web/{name}.html.j2").render(token=site.token, updating=updating, **context),
                            status_code=status)

    def refused(status: int, title: str, message: str, updating: bool = False) -> Response:
        return page("refused", status, updating, title=title, message=message)

    def reading(make):
        """A page made from one reader on one committed state of the index (one snapshot for the whole
        page), marked "updating" while an update of the index runs."""
        def endpoint(request):
            updating = site.updating()
            reader = site.reader()
            show = lambda name, status=200, **context: page(name, status, updating, **context)
            try:
                return make(request, reader, show)
            finally:
                if reader.db.in_transaction:
                    reader.db.execute("COMMIT")
                if reader.index.path is not None:
                    reader.index.close()
        return endpoint

    def home(request, reader, show):
        return show("overview", data=overview(reader))

    def conflicts(request, reader, show):
        return show("conflicts", data=conflict_list(reader, dict(request.query_params)))

    def conflict(request, reader, show):
        conflict_id = request.path_params["conflict_id"]
        data = conflict_page(reader, conflict_id)
        if data is None:
            return show("refused", 404, title="No such conflict", message=f"No conflict {conflict_id!r}; the conflicts page lists them.")
        return show("conflict", data=data, digest=store.digest(site.root, store.REVIEWS_FILE),
                    recorded=request.query_params.get("recorded"))

    async def record_review(request) -> Response:
        conflict_id = request.path_params["conflict_id"]
        if not _same_origin(request):
            return refused(403, "Refused", "This form did not come from this claimcheck server; nothing was written.")
        if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
            return refused(413, "Refused", "The form is too large; nothing was written.")
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            return refused(413, "Refused", "The form is too large; nothing was written.")
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        one = lambda name: (form.get(name) or [""])[0]
        if not hmac.compare_digest(one("token").encode(), site.token.encode()):
            return refused(403, "Refused", "The form's session token is missing or from another session; reload the page "
                                           "and try again. Nothing was written.")
        try:
            result = edits.review(site.root, conflict_id, one("status"), one("note").strip(), form.get("prefer", []),
                                  seen=form.get("claims", []), digest=one("digest"))
        except edits.Refusal as error:
            return refused(409 if "than the page showed" in str(error) else 400, "Not recorded", f"{error}. Nothing was written.")
        except store.Changed:
            return refused(409, "The reviews changed", f"{store.REVIEWS_FILE} changed since this page was shown (another review, "
                                                       "or an edit); nothing was written. Reload the conflict to see its review "
                                                       "now, then record yours again.")
        if result.problems:
            return refused(400, "Not recorded", "The review would add problems: " + "; ".join(map(str, result.problems))
                           + ". Nothing was written.")
        site.updating()  # the index holds the review already: only the files' new times are taken in
        return RedirectResponse(f"/conflicts/{quote(conflict_id, safe='/')}?recorded=1", status_code=303)

    read_conflict = reading(conflict)

    async def conflict_route(request):
        if request.method == "POST":
            return await record_review(request)
        return read_conflict(request)

    def outlets(request, reader, show):
        return show("outlets", rows=outlet_list(reader))

    def outlet(request, reader, show):
        outlet_id = request.path_params["outlet_id"]
        source = reader.outlets.get(outlet_id)
        if source is None:
            return show("refused", 404, title="No such outlet", message=f"No outlet {outlet_id!r}; the outlets page lists them.")
        return show("claims", data=claim_list(reader, dict(request.query_params), outlet_id), outlet=source)

    def claims(request, reader, show):
        return show("claims", data=claim_list(reader, dict(request.query_params)), outlet=None)

    def claim(request, reader, show):
        claim_id = request.path_params["claim_id"]
        data = claim_page(reader, claim_id, site.root)
        if data is None:
            return show("refused", 404, title="No such claim", message=f"No claim {claim_id!r}; the claims page lists them.")
        return show("claim", data=data)

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
              Route("/conflicts/{conflict_id:path}", conflict_route, methods=["GET", "POST"]),
              Route("/outlets", reading(outlets)), Route("/outlets/{outlet_id}", reading(outlet)), Route("/claims", reading(claims)),
              Route("/claims/{claim_id:path}", reading(claim)), Route("/style.css", stylesheet), Route("/app.js", script)]
    return Starlette(routes=routes, middleware=[Middleware(_Headers), Middleware(TrustedHostMiddleware, allowed_hosts=list(HOSTS))])


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
