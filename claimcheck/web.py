"""`claimcheck serve`: the local web app (design §8).

Pages are rendered on the server from the analysis every command uses (`pipeline.run`, through
the index), with the lines, filters and figures of `views` and the conflict pieces of `report`.
The analysis is kept between requests and made again when a file of the project changes (the
same size-and-time comparison the index makes), so an edit in an editor shows on the next page.
Reviews are written through `edits.review`, as the `review` command writes them.

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
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from . import edits, figures, pipeline, report, store, views
from .models import Claim

PAGE_SIZE = 50
MAX_FORM_BYTES = 64 * 1024
HOSTS = ("127.0.0.1", "localhost")
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


@dataclass
class State:
    """One analysis of the project and what the pages look up in it."""

    analysis: pipeline.Analysis
    claims: dict[str, Claim] = field(default_factory=dict)
    conflicts: dict = field(default_factory=dict)
    colours: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.claims = {claim.id: claim for claim in self.analysis.corpus.claims}
        self.conflicts = {conflict.id: conflict for conflict in self.analysis.findings.conflicts}
        perspectives = sorted({s.perspective for s in self.analysis.corpus.sources.values()})
        self.colours = {p: report.PALETTE[i % len(report.PALETTE)] for i, p in enumerate(perspectives)}


class Site:
    """The project a server shows: its current state, made again when a file changes."""

    def __init__(self, root: Path, token: str | None = None):
        self.root = Path(root)
        self.token = token or secrets.token_urlsafe(32)
        self._lock = threading.Lock()
        self._seen: tuple | None = None
        self._state: State | None = None

    def state(self) -> State:
        project = store.Project(self.root)
        paths = store.claims_files(project) + store.context_files(project)
        seen = tuple((path, store.file_state(project, path)) for path in paths)
        with self._lock:
            if self._state is None or seen != self._seen:
                self._state, self._seen = State(pipeline.run(self.root)), seen
            return self._state


# --- pages as data ---------------------------------------------------------------------------


def overview(state: State) -> dict:
    findings, corpus = state.analysis.findings, state.analysis.corpus
    counts = views.tally(findings)
    return {"summary": views.summary_line(state.analysis.claims_count, counts), "counts": counts,
            "outlets": len(corpus.sources), "problems": [str(p) for p in state.analysis.problems[:20]],
            "problem_count": len(state.analysis.problems)}


def conflict_list(state: State, query: dict[str, str]) -> dict:
    """The conflicts the filters keep (status: open, all, or a review status), a page of them."""
    corpus = state.analysis.corpus_for_lines()
    status = query.get("status") or "open"
    since, until = query.get("since") or None, query.get("until") or None
    error = next(filter(None, (views.date_error(bound) for bound in (since, until) if bound)), None)
    if error:
        since = until = None
    claims = state.analysis.involved_claims()
    chosen = views.select_conflicts(corpus, claims, state.analysis.findings,
                                    query.get("subject") or None, query.get("perspective") or None,
                                    query.get("outlet") or None, status != "open", since, until)
    if status not in ("open", "all"):
        chosen = [c for c in chosen if c.status == status]
    page, pages, shown = _page(chosen, query)
    rows = [{"id": c.id, "title": report.title(corpus, c, c.kind), "status": c.status, "minor": c.minor,
             "gap": views.gap(c), "sides": [{"value": views.headline(side),
                                             "outlets": list(dict.fromkeys(views.outlet_name(corpus, claims[i]) for i in side.claims)),
                                             "support": len(side.claims) > 1 and views.support(len(side.outlets), side.origins)}
                                            for side in c.sides]} for c in shown]
    return {"rows": rows, "total": len(chosen), "page": page, "pages": pages, "error": error,
            "filters": {k: query.get(k, "") for k in ("status", "subject", "outlet", "perspective", "since", "until")},
            "outlets": sorted(corpus.sources), "perspectives": sorted({s.perspective for s in corpus.sources.values()}),
            "subjects": sorted({c.subject for c in state.analysis.findings.conflicts})}


def conflict_page(state: State, conflict_id: str) -> dict | None:
    conflict = state.conflicts.get(conflict_id)
    if conflict is None:
        return None
    data = report.conflict_data(state.analysis.corpus, state.claims, state.analysis, conflict)
    return {"conflict": data, "chart": report.chart(data, state.colours), "colours": state.colours,
            "claims": [c for side in conflict.sides for c in side.claims]}


def outlet_list(state: State) -> list[dict]:
    corpus = state.analysis.corpus
    return views.outlet_rows(corpus, state.analysis.findings.conflicts)


def claim_list(state: State, query: dict[str, str], outlet: str | None = None) -> dict:
    corpus = state.analysis.corpus
    text = query.get("q", "").strip()
    claims = views.select_claims(corpus, outlet=outlet)  # every claim, without an outlet
    if text:
        claims = views.search(corpus.model_copy(update={"claims": claims}), text)
    page, pages, shown = _page(claims, query)
    return {"rows": views.claim_rows(corpus, shown), "total": len(claims), "page": page, "pages": pages, "q": text}


def claim_page(state: State, claim_id: str, root: Path) -> dict | None:
    """One claim: every field, how its figure reads, its file:line, its conflicts, its file's history."""
    claim = state.claims.get(claim_id)
    if claim is None:
        return None
    detail = views.claim_detail(claim, state.analysis.findings, state.analysis.corpus.settings)
    source = state.analysis.corpus.sources.get(claim.source)
    return {**detail, "id": claim.id, "outlet": source and source.name, "link": views.safe_url(claim.url),
            "reads_as": views.reads_as(detail["figure"]), "history": git_history(root, claim.at.path)}


def _page(items: list, query: dict[str, str]) -> tuple[int, int, list]:
    pages = max(1, math.ceil(len(items) / PAGE_SIZE))
    try:
        page = min(max(1, int(query.get("page", "1"))), pages)
    except ValueError:
        page = 1
    return page, pages, items[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]


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
    """The ASGI app for the project at `root`."""
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

    def page(name: str, status: int = 200, **context) -> Response:
        return HTMLResponse(templates.get_template(f"web/{name}.html.j2").render(token=site.token, **context), status_code=status)

    def refused(status: int, title: str, message: str) -> Response:
        return page("refused", status, title=title, message=message)

    async def home(request):
        return page("overview", data=overview(site.state()))

    async def conflicts(request):
        return page("conflicts", data=conflict_list(site.state(), dict(request.query_params)))

    async def conflict(request):
        conflict_id = request.path_params["conflict_id"]
        if request.method == "POST":
            return await record_review(request, conflict_id)
        data = conflict_page(site.state(), conflict_id)
        if data is None:
            return refused(404, "No such conflict", f"No conflict {conflict_id!r}; the conflicts page lists them.")
        return page("conflict", data=data, digest=store.digest(site.root, store.REVIEWS_FILE),
                    recorded=request.query_params.get("recorded"))

    async def record_review(request, conflict_id: str) -> Response:
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
        stale = refused(409, "The reviews changed", f"{store.REVIEWS_FILE} changed since this page was shown (another review, "
                                                    "or an edit); nothing was written. Reload the conflict to see its review "
                                                    "now, then record yours again.")
        with store.locked(site.root):
            digest = one("digest")
            if digest != store.digest(site.root, store.REVIEWS_FILE):
                return stale
            state = site.state()
            try:
                text, _ = edits.review(site.root, state.analysis, conflict_id, one("status"), one("note").strip(),
                                       form.get("prefer", []), seen=form.get("claims", []))
                added = pipeline.commit(site.root, {store.REVIEWS_FILE: text}, state.analysis.problems,
                                        unchanged={store.REVIEWS_FILE: digest})
            except edits.Refusal as error:
                return refused(409 if "than the page showed" in str(error) else 400, "Not recorded", f"{error}. Nothing was written.")
            except store.Changed:
                return stale
            if added:
                return refused(400, "Not recorded", "The review would add problems: " + "; ".join(map(str, added)) + ". Nothing was written.")
        return RedirectResponse(f"/conflicts/{quote(conflict_id, safe='/')}?recorded=1", status_code=303)

    async def outlets(request):
        return page("outlets", rows=outlet_list(site.state()))

    async def outlet(request):
        state, outlet_id = site.state(), request.path_params["outlet_id"]
        source = state.analysis.corpus.sources.get(outlet_id)
        if source is None:
            return refused(404, "No such outlet", f"No outlet {outlet_id!r}; the outlets page lists them.")
        return page("claims", data=claim_list(state, dict(request.query_params), outlet_id), outlet=source)

    async def claims(request):
        return page("claims", data=claim_list(site.state(), dict(request.query_params)), outlet=None)

    async def claim(request):
        claim_id = request.path_params["claim_id"]
        data = claim_page(site.state(), claim_id, site.root)
        if data is None:
            return refused(404, "No such claim", f"No claim {claim_id!r}; the claims page lists them.")
        return page("claim", data=data)

    async def stylesheet(request):
        css = templates.get_template("style.css").render() + templates.get_template("web/web.css").render()
        return Response(css, media_type="text/css")

    async def script(request):
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

    routes = [Route("/", home), Route("/conflicts", conflicts), Route("/conflicts/{conflict_id:path}", conflict, methods=["GET", "POST"]),
              Route("/outlets", outlets), Route("/outlets/{outlet_id}", outlet), Route("/claims", claims),
              Route("/claims/{claim_id:path}", claim), Route("/style.css", stylesheet), Route("/app.js", script)]
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
