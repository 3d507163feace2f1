"""``dispatch-gen serve``: the Starlette application, a thin face over the same stages as the CLI.

Handlers parse the request, call one function of ``desk`` or ``intake`` (in a worker thread: the
stages block), and render a Jinja2 page; they hold no rules of their own. Around them:

- clerk pages need a live session (``auth.session_alive``, a login not logged out: ``auth.Logins``);
  anonymous requests are sent to the login page (GET) or refused (POST, 403). The password is set at first start, from this machine only;
- every POST carries the session's CSRF token (officers' upload pages get one in an anonymous session);
- request bodies are capped (``MAX_REQUEST``) before they are parsed, uploads by type and size;
- case and file names from URLs are looked up among what exists (``desk.find_case``, ``find_document``);
- responses forbid framing, sniffing, referrers (an upload link must not leak) and foreign scripts.
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import logging
import secrets
import time
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .. import desk, intake
from ..case.contacts import return_contact
from ..collect.receive import MAX_FILE_BYTES
from ..errors import DispatchGenError
from ..forms.send_list import entries as send_entries
from ..messages import os_reason, t
from ..status import todo as status_note
from . import auth
from .charts import status_bars

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
MAX_REQUEST = 64 * 1024 * 1024  # one request: a clerk's batch of forms (each ≤ 20 MB, see collect)
LOOPBACK = ("127.0.0.1", "::1", "localhost", "testclient")
NEXT_STEP = {"dispatch": "web_next_dispatch", "forms": "web_next_forms"}  # what the clerk does after making it


class _LimitBody:
    """ASGI middleware: refuse a request body over ``limit`` bytes (413) before anything parses it.

    ``refuse(path)`` is the page sent back: a browser shows it as it is, so it is the app's own
    Vietnamese page (with its charset), never a bare text.
    """

    def __init__(self, app, limit: int, refuse: Callable[[str], Response]):
        self.app, self.limit, self.refuse = app, limit, refuse

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await self.refuse(scope.get("path", "/"))(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, too_large(self.limit))
            return message

        return await self.app(scope, counted, send)


def too_large(limit: int) -> str:
    return t("web_too_large", limit=limit // (1024 * 1024), file=MAX_FILE_BYTES // (1024 * 1024))


def host_allowed(host_header: str, extra: tuple[str, ...] = ()) -> bool:
    """True for ``localhost`` and IP literals (with or without a port), or a name in ``extra``.

    A web page elsewhere can point a DNS name of its own at 127.0.0.1 ("DNS rebinding") and then
    talk to this app as a same-origin page would; it cannot do that through an IP address. Officers
    reach the app by the machine's IP address, the clerk by 127.0.0.1 or localhost.
    """
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8000
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host in ("localhost", *extra):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class _Hosts:
    """ASGI middleware: refuse requests whose Host is a DNS name (see ``host_allowed``)."""

    def __init__(self, app, extra: tuple[str, ...] = ()):
        self.app, self.extra = app, extra

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if not host_allowed(host, self.extra):
                return await Response(t("web_bad_host"), 421, media_type="text/plain; charset=utf-8")(scope, receive, send)
        return await self.app(scope, receive, send)


class _Headers:
    """ASGI middleware: security headers on every response."""

    HEADERS = [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer"), (b"cache-control", b"no-store"),
               (b"content-security-policy",
                b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.HEADERS
            await send(message)

        return await self.app(scope, receive, with_headers)


def create_app(root: Path, *, today: Callable[[], dt.date] = dt.date.today, secret_key: str | None = None,
               max_request: int = MAX_REQUEST, hosts: tuple[str, ...] = ()) -> Starlette:
    """The web app over the workspace (or single case) at ``root``; ``hosts``: host names allowed
    besides localhost and IP addresses."""
    root = Path(root).resolve()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    throttle = auth.Throttle()
    logins = auth.Logins()

    def alive(session) -> bool:
        """A clerk's session: within its time limits, and a login this server opened and has not closed."""
        return auth.session_alive(session) and logins.is_open(session.get("login"))
    templates.env.globals.update(t=t, short=_short_day, note=status_note, bucket=desk.chart_state)
    templates.env.filters["png_data"] = lambda data: "data:image/png;base64," + base64.b64encode(data).decode()

    def page(request: Request, template: str, status_code: int = 200, **context) -> Response:
        session = request.session
        session.setdefault("csrf", auth.new_token())
        context.update(request=request, csrf=session["csrf"], flash=session.pop("flash", []),
                       clerk=alive(session), single=desk.is_case(root))
        return templates.TemplateResponse(request, template, context, status_code=status_code)

    def flash(request: Request, text: str, kind: str = "ok") -> None:
        request.session["flash"] = [*request.session.get("flash", []), [kind, text]]

    async def form_of(request: Request):
        """The posted form, after its CSRF token is checked (403 without a matching one)."""
        try:
            form = await request.form(max_files=intake.MAX_UPLOAD_FILES, max_fields=50)
        except HTTPException as exc:  # the multipart parser's English ("Too many files…"): ours instead
            if exc.status_code != 400:
                raise
            raise HTTPException(400, t("web_bad_form", files=intake.MAX_UPLOAD_FILES)) from exc
        if not auth.same_token(request.session.get("csrf"), form.get("csrf")):
            raise HTTPException(403, t("web_csrf"))
        return form

    def clerk(handler):
        async def guarded(request: Request):
            if not alive(request.session):
                request.session.pop("login_at", None)
                if request.method != "GET":
                    raise HTTPException(403, t("web_login_needed"))
                if "/files/" not in request.url.path and not request.url.path.endswith(".zip"):
                    request.session["next"] = request.url.path  # back to this page after the login
                return RedirectResponse("/login", 303)
            request.session["seen_at"] = time.time()
            return await handler(request)
        return guarded

    def case_of(request: Request) -> Path:
        found = desk.find_case(root, request.path_params["case"])
        if found is None:
            raise HTTPException(404, t("web_no_case"))
        return found

    # --- login

    async def login(request: Request):
        if auth.load_login(root) is None:
            return RedirectResponse("/setup", 303)
        if request.method == "GET":
            return page(request, "login.html")
        form = await form_of(request)
        client = request.client.host if request.client else ""
        wait = throttle.attempt(client)  # counted as failed until it succeeds
        if wait:
            return page(request, "login.html", 429, error=t("web_login_throttled", minutes=int(wait // 60) + 1))
        record = auth.load_login(root)
        ok = await run_in_threadpool(auth.verify_password, str(form.get("password", "")), record)
        if not ok:
            return page(request, "login.html", 401, error=t("web_login_wrong"))
        throttle.succeeded(client)
        now = time.time()
        back = request.session.get("next")
        request.session.clear()
        request.session.update(login_at=now, seen_at=now, csrf=auth.new_token(), login=logins.open())
        local = isinstance(back, str) and back.startswith("/") and not back.startswith("//")
        return RedirectResponse(urllib.parse.quote(back) if local else "/", 303)

    async def setup(request: Request):
        if auth.load_login(root) is not None:
            return RedirectResponse("/login", 303)
        if (request.client.host if request.client else "") not in LOOPBACK:
            port = f":{request.url.port}" if request.url.port else ""
            raise HTTPException(403, t("web_setup_local", url=f"http://127.0.0.1{port}/"))
        if request.method == "GET":
            return page(request, "setup.html")
        form = await form_of(request)
        password, repeat = str(form.get("password", "")), str(form.get("repeat", ""))
        problem = auth.password_problem(password, repeat)
        if problem:
            return page(request, "setup.html", 400, error=t(problem, minimum=auth.MIN_PASSWORD))
        await run_in_threadpool(auth.set_password, root, password)
        return RedirectResponse("/login", 303)

    async def logout(request: Request):
        await form_of(request)
        logins.close(request.session.get("login"))  # a copy of the cookie ends here too
        request.session.clear()
        return RedirectResponse("/login", 303)

    # --- clerk pages

    @clerk
    async def home(request: Request):
        cases = desk.list_cases(root)
        if desk.is_case(root):
            return RedirectResponse(case_url(root.name), 303)
        return page(request, "cases.html", cases=[(c.name, _title(c)) for c in cases])

    @clerk
    async def new_case(request: Request):
        form = await form_of(request)
        name, source = str(form.get("name", "")).strip(), str(form.get("source", "sample"))
        upload = form.get("records")
        xlsx = await upload.read() if isinstance(upload, UploadFile) and upload.filename else None
        if not name:
            raise HTTPException(400, t("web_case_name_needed"))
        earlier = desk.find_case(root, source[5:]) if source.startswith("case:") else None
        if source.startswith("case:") and earlier is None:  # never silently the sample instead
            raise HTTPException(404, t("web_no_case"))
        created = await run_in_threadpool(desk.new_case, root, name, earlier, xlsx, today())
        flash(request, t("web_case_created", name=created.name))
        flash(request, desk.new_case_note(created))  # what `init` tells the clerk to do next
        return RedirectResponse(case_url(created.name), 303)

    @clerk
    async def dashboard(request: Request):
        case_dir = case_of(request)
        board = await run_in_threadpool(desk.dashboard, case_dir, today())
        return page(request, "dashboard.html", case=case_dir.name, title=_title(case_dir), board=board,
                    bars=status_bars(board.counts), today=today())

    @clerk
    async def documents(request: Request):
        case_dir = case_of(request)
        files = [p.as_posix() for p in desk.documents(case_dir)]
        opened = await run_in_threadpool(desk.open_case, case_dir)
        register = await run_in_threadpool(opened.entries)  # the agency register the case numbers in (issue 10)
        return page(request, "documents.html", case=case_dir.name, title=_title(case_dir), files=files,
                    kinds=desk.DOCUMENT_KINDS, today=today(), register=register, issued=opened.dispatch_entry(register))

    @clerk
    async def generate(request: Request):
        case_dir = case_of(request)
        form = await form_of(request)
        kind = str(form.get("kind", ""))
        deadline = desk.parse_day(str(form.get("deadline", "")))
        written = await run_in_threadpool(lambda: desk.generate(case_dir, kind, today(), pdf=bool(form.get("pdf")),
                                                                deadline=deadline, link_base=str(request.base_url)))
        flash(request, t("web_generated", count=len(written), kind=t(f"web_kind_{kind}")))
        if kind in NEXT_STEP:
            flash(request, t(NEXT_STEP[kind]))
        return RedirectResponse(case_url(case_dir.name, "/documents"), 303)

    @clerk
    async def issue(request: Request):
        case_dir = case_of(request)
        form = await form_of(request)
        day = desk.parse_day(str(form.get("date", ""))) or today()
        files, entry = await run_in_threadpool(lambda: desk.issue(case_dir, day, pdf=bool(form.get("pdf"))))
        flash(request, t("register_issued", number=entry.number_text, date=_short_day(entry.issued_on)))
        flash(request, t("web_next_issued", file=files[0].name))
        return RedirectResponse(case_url(case_dir.name, "/documents"), 303)

    @clerk
    async def download(request: Request):
        case_dir = case_of(request)
        found = desk.find_document(case_dir, request.path_params["name"])
        if found is None:
            raise HTTPException(404, t("web_no_file"))
        return FileResponse(found, filename=found.name)

    @clerk
    async def preview(request: Request):
        case_dir = case_of(request)
        name = request.path_params["name"]
        pages = await run_in_threadpool(desk.preview, case_dir, name)
        if pages is None:
            raise HTTPException(404, t("web_no_file"))
        return page(request, "preview.html", case=case_dir.name, title=_title(case_dir), name=name, pages=pages,
                    limit=desk.PREVIEW_PAGES)

    @clerk
    async def forms_zip(request: Request):
        case_dir = case_of(request)
        data = await run_in_threadpool(desk.forms_zip, case_dir)
        if data is None:
            raise HTTPException(404, t("web_no_forms"))
        return Response(data, media_type="application/zip",
                        headers={"content-disposition": attachment(f"phieu-{case_dir.name}.zip")})

    @clerk
    async def send_list(request: Request):
        case_dir = case_of(request)
        opened = await run_in_threadpool(desk.open_case, case_dir)
        links = await run_in_threadpool(intake.upload_links, opened, str(request.base_url))
        rows = [(e, links[e.unit.code]) for e in send_entries(opened.case)]  # the CLI's send list, with links
        forms = {p.name for p in desk.documents(case_dir) if p.parts[0] == desk.FORMS_DIR}  # made here: downloadable
        return page(request, "send_list.html", case=case_dir.name, title=_title(case_dir), rows=rows, forms=forms)

    @clerk
    async def collect(request: Request):
        case_dir = case_of(request)
        if request.method == "GET":
            return page(request, "collect.html", case=case_dir.name, title=_title(case_dir), receipts=None)
        form = await form_of(request)
        uploads = [intake.Upload(f.filename or "", await f.read()) for f in form.getlist("files")
                   if isinstance(f, UploadFile)]
        opened = await run_in_threadpool(desk.open_case, case_dir)
        receipts = await run_in_threadpool(lambda: intake.receive(opened, uploads, today=today()))
        partial = request.headers.get("x-partial") == "1"  # drop.js: one file, its verdict only
        return page(request, "_receipts.html" if partial else "collect.html", case=case_dir.name,
                    title=_title(case_dir), receipts=receipts)

    # --- officers (no login: the link is the key)

    async def unit_page(request: Request):
        try:
            return await officer(request)
        except DispatchGenError as exc:  # the case's records or store: the clerk's to fix, not the officer's
            log.warning("upload link %s: %s", request.path_params["case"], exc)
            return failed(request, 503, t("web_intake_unavailable"))

    async def officer(request: Request):
        case_dir = case_of(request)
        opened = await run_in_threadpool(desk.open_case, case_dir)
        case = opened.case
        secret = intake.existing_secret(opened)
        unit = intake.unit_for_token(secret, case, request.path_params["token"]) if secret else None
        if unit is None:
            raise HTTPException(404, t("web_no_link"))
        receipts = None
        if request.method == "POST":
            form = await form_of(request)
            file = form.get("file")
            uploads = [intake.Upload(file.filename or "", await file.read())] if isinstance(file, UploadFile) else []
            if not uploads:
                raise HTTPException(400, t("web_no_upload"))
            receipts = await run_in_threadpool(lambda: intake.receive(opened, uploads, unit=unit,
                                                                      today=today()))
        state = await run_in_threadpool(intake.unit_status, opened, unit, today())
        closed = await run_in_threadpool(intake.link_closed, opened, unit, today())
        return page(request, "unit.html", case=case_dir.name, unit=unit, agency=case.agency.full_name,
                    receipts=receipts, state=state, closed=closed, ask=return_contact(case, unit),
                    max_bytes=MAX_FILE_BYTES, too_big=t("web_unit_too_big", limit=MAX_FILE_BYTES // (1024 * 1024)),
                    status_code=200 if not receipts or receipts[0].ok else 422)

    def back_from(path: str, status: int) -> tuple[str, str] | None:
        """An officer's way back is his upload page (unless that page is what is wrong), the clerk's home."""
        officer = path.startswith("/u/")
        back = (urllib.parse.quote(path), t("web_back_upload"))  # the path as requested, encoded again
        return None if officer and status == 404 else back if officer else ("/", t("web_home"))

    def failed(request: Request, status: int, message: str) -> Response:
        return page(request, "error.html", status, message=message, back=back_from(request.url.path, status))

    def refused_body(path: str) -> Response:
        """The error page without a request (the body is refused before a session is read)."""
        body = templates.get_template("error.html").render(
            message=too_large(max_request), back=back_from(path, 413), csrf="", flash=[], clerk=False, single=True)
        return HTMLResponse(body, 413)

    async def refused(request: Request, exc: DispatchGenError):
        """A stage's own message (file › record › field: reason), whichever page asked."""
        return failed(request, 400, str(exc))

    async def error(request: Request, exc: HTTPException):
        return failed(request, exc.status_code, http_message(exc.status_code, exc.detail))

    async def crashed(request: Request, exc: Exception):
        """A bug, not bad input: a Vietnamese page for the clerk, the traceback on the console (uvicorn)."""
        if isinstance(exc, OSError):  # the machine, not the program: a file open in Word, a full disk
            where = f"{exc.filename}: " if exc.filename else ""
            return failed(request, 500, where + os_reason(exc))
        try:
            return failed(request, 500, t("web_internal", time=dt.datetime.now().strftime("%H:%M %d/%m/%Y")))
        except Exception:  # the page itself failed: still no English traceback
            return Response(t("web_internal", time=""), 500, media_type="text/plain; charset=utf-8")

    routes = [
        Route("/login", login, methods=["GET", "POST"]),
        Route("/setup", setup, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/", home),
        Route("/cases", new_case, methods=["POST"]),
        Route("/c/{case}", dashboard),
        Route("/c/{case}/documents", documents),
        Route("/c/{case}/generate", generate, methods=["POST"]),
        Route("/c/{case}/issue", issue, methods=["POST"]),
        Route("/c/{case}/files/{name:path}", download),
        Route("/c/{case}/preview/{name:path}", preview),
        Route("/c/{case}/forms.zip", forms_zip),
        Route("/c/{case}/send-list", send_list),
        Route("/c/{case}/collect", collect, methods=["GET", "POST"]),
        Route("/u/{case}/{token}", unit_page, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [
        Middleware(_Headers),
        Middleware(_Hosts, extra=hosts),
        Middleware(_LimitBody, limit=max_request, refuse=refused_body),
        Middleware(SessionMiddleware, secret_key=secret_key or secrets.token_hex(32), session_cookie="dg_session",
                   max_age=auth.MAX_SECONDS, same_site="strict"),
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: error, DispatchGenError: refused, Exception: crashed})


def case_url(name: str, rest: str = "") -> str:
    """The address of a case's page: its folder name percent-encoded (``Đợt 1 #2`` has a space and a ``#``)."""
    return f"/c/{urllib.parse.quote(name, safe='')}{rest}"


def http_message(status: int, detail: str) -> str:
    """The page's message: a handler's own (already Vietnamese), or ours for Starlette's English phrase
    (an unknown address, a GET on a button's address)."""
    if detail != HTTPStatus(status).phrase:
        return detail
    return t("web_not_found") if status == 404 else t("web_http_error", status=status)


def attachment(name: str) -> str:
    """A Content-Disposition header for ``name``: headers are Latin-1, a Vietnamese name goes as RFC 5987."""
    quoted = urllib.parse.quote(name)
    if quoted == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename*=utf-8''{quoted}"


def _title(case_dir: Path) -> str:
    try:
        return desk.load(case_dir).title
    except DispatchGenError:
        return case_dir.name


def _short_day(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    return value.strftime("%d/%m/%Y" + (" %H:%M" if isinstance(value, dt.datetime) else ""))
