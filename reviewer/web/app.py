"""The review page as a Starlette application.

Safe by default, because a page on localhost is reachable by every other page the officer
has open:

- `HostGuard` answers only requests whose Host header is a name and port this server was
  started as (a DNS-rebinding page arrives with its own name and is refused with 403), and
  adds the security headers to every response: `Content-Security-Policy: default-src 'self'`
  (the page's CSS and JavaScript are files, never inline), no caching (a review holds the
  draft; a browser cache is a disk), no framing, no referrer to other sites.
- Every POST carries the token printed into this run's page (and any Origin header must be
  ours): another site can make the browser post, but cannot read the token.
- A request body is read up to a limit before any parsing; each file then goes through the
  CLI's loaders and their size limit, in a temporary folder removed at once (`intake`).
- Reviews are kept in memory only (the last few, for the downloads and the model review).
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, MutableHeaders, UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reviewer.core.errors import ReviewerError
from reviewer.loaders import MAX_BYTES, supported_suffixes
from reviewer.reporters.review_html import asset, fragment, texts_of
from reviewer.web.intake import Loaded, Part, load_parts, review_loaded

if TYPE_CHECKING:
    from reviewer.core.model import Review
    from reviewer.llm.settings import LLMSettings
    from reviewer.pipeline import Options

CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",  # no-referrer would make the browser send "Origin: null" with our own forms
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
BODY_LIMIT = 2 * MAX_BYTES + 1024 * 1024  # a request and a draft at the CLI's limit, plus the form
KEEP_REVIEWS = 16


class HostGuard:
    """Refuse foreign Host headers (DNS rebinding); add the security headers to every answer."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = ""
        for key, value in scope["headers"]:
            if key == b"host":
                host = value.decode("latin-1").lower()
        if host not in self.allowed_hosts:
            first = sorted(self.allowed_hosts)[0]
            refusal = PlainTextResponse(
                f"Refused: this review page answers only as http://{first}/ (Host header not allowed).\n",
                status_code=403,
                headers=SECURITY_HEADERS,
            )
            await refusal(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers[k] = v
            await send(message)

        await self.app(scope, receive, send_secured)


@dataclass
class Entry:
    """One review kept in memory: the loaded documents (for a model review re-run) and results."""

    loaded: Loaded
    review: Review
    record: dict[str, Any]
    seconds: float


class TooLarge(Exception):
    pass


async def _capped_form(request: Request, limit: int) -> FormData:
    """The form, parsed only after the whole body is known to be under `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(size)
        chunks.append(chunk)
    body = b"".join(chunks)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return await Request(request.scope, replay).form(max_files=4, max_fields=16, max_part_size=MAX_BYTES)


async def _part(form: FormData, file_field: str, text_field: str, label: str) -> Part | None:
    upload = form.get(file_field)
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        await upload.close()
        return Part(upload.filename, data)
    text = form.get(text_field)
    if isinstance(text, str) and text.strip():
        return Part(f"{label}.txt", text.encode("utf-8"))
    return None


def create_app(
    options: Options,
    *,
    allowed_hosts: frozenset[str],
    llm_settings: LLMSettings | None = None,
    token: str | None = None,
) -> ASGIApp:
    """The application. `llm_settings` configured: the page offers the model review."""
    session_token = token or secrets.token_urlsafe(32)
    origins = frozenset(f"http://{h}" for h in allowed_hosts)
    reviews: OrderedDict[str, Entry] = OrderedDict()
    env = Environment(loader=PackageLoader("reviewer.web", "templates"), autoescape=select_autoescape(default=True))
    page_template = env.get_template("page.html")
    llm_on = llm_settings is not None and llm_settings.configured
    statics: dict[str, tuple[str, str]] = {
        "review.css": (asset("review.css"), "text/css"),
        "review.js": (asset("review.js"), "text/javascript"),
    }
    from importlib import resources

    for name, kind in (("app.css", "text/css"), ("app.js", "text/javascript")):
        statics[name] = (resources.files("reviewer.web").joinpath("static", name).read_text(encoding="utf-8"), kind)

    def page(status: int = 200, *, rid: str | None = None, error: str | None = None, estimate: str | None = None) -> HTMLResponse:
        entry = reviews.get(rid) if rid else None
        review_html = None
        if entry is not None:
            review_html = Markup(fragment(entry.record, texts_of(entry.review), prefix="r1"))  # noqa: S704 - escaped by the reporter
        text = page_template.render(
            token=session_token,
            accept=",".join(supported_suffixes()),
            max_mb=MAX_BYTES // 1_048_576,
            error=error,
            rid=rid if entry else None,
            review_html=review_html,
            ms=f"{entry.seconds * 1000:.0f}" if entry else "",
            llm=llm_on,
            llm_model=llm_settings.model if llm_settings else "",
            llm_host=llm_settings.endpoint_host if llm_settings else "",
            estimate=estimate,
        )
        headers = {"server-timing": f"review;dur={entry.seconds * 1000:.1f}"} if entry else None
        return HTMLResponse(text, status_code=status, headers=headers)

    def keep(entry: Entry) -> str:
        rid = secrets.token_urlsafe(12)
        reviews[rid] = entry
        while len(reviews) > KEEP_REVIEWS:
            reviews.popitem(last=False)
        return rid

    def review_now(request_part: Part | None, response_part: Part) -> Entry:
        from reviewer.reporters.records import review_record

        started = time.perf_counter()
        loaded = load_parts(request_part, response_part)
        review = review_loaded(loaded, options)
        record = review_record(review)
        return Entry(loaded, review, record, time.perf_counter() - started)

    def authorised(request: Request, form: FormData) -> bool:
        origin = request.headers.get("origin")
        if origin is not None and origin not in origins:
            return False
        sent = form.get("csrf")
        return isinstance(sent, str) and hmac.compare_digest(sent.encode(), session_token.encode())

    Handler = Callable[[Request, FormData], Awaitable[Response]]

    def post(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                form = await _capped_form(request, BODY_LIMIT)
            except TooLarge as big:
                mb = big.args[0] / 1_048_576
                return page(413, error=f"the upload is {mb:.1f} MB, more than a request and a draft can be (limit {MAX_BYTES // 1_048_576} MB each)")
            except MultiPartException as exc:
                return page(400, error=f"the upload could not be read ({exc.message})")
            if not authorised(request, form):
                return PlainTextResponse("Refused: the form's session token is missing or out of date; reload the page.\n", 403)
            return await handler(request, form)

        return endpoint

    async def home(request: Request) -> Response:
        return page()

    async def do_review(request: Request, form: FormData) -> Response:
        req_part: Part | None = None
        resp_part = await _part(form, "combined_file", "", "combined")
        if resp_part is None:
            req_part = await _part(form, "request_file", "request_text", "request")
            resp_part = await _part(form, "response_file", "response_text", "draft")
            if resp_part is None:
                resp_part, req_part = req_part, None  # one input: it holds both, as with `check FILE`
        if resp_part is None:
            return page(400, error="nothing to review: paste the draft or choose its file (or one file holding both)")
        try:
            entry = await run_in_threadpool(review_now, req_part, resp_part)
        except ReviewerError as exc:
            return page(400, error=str(exc))
        return page(rid=keep(entry))

    async def show(request: Request) -> Response:
        rid = request.path_params["rid"]
        if rid not in reviews:
            return page(404, error="that review is no longer kept here (only the last few are); review the draft again")
        return page(rid=rid)

    async def download(request: Request) -> Response:
        from reviewer.reporters.formats import Checked, reporter
        from reviewer.reporters.formats import Options as ReportOptions
        from reviewer.reporters.json_report import render as render_json
        from reviewer.reporters.records import case_record

        entry = reviews.get(request.path_params["rid"])
        fmt = request.path_params["fmt"]
        if entry is None or fmt not in ("json", "sarif"):
            return PlainTextResponse("Not found: that review is no longer kept here.\n", 404)
        source = entry.record["response"]["source"]
        if fmt == "json":
            body, kind = render_json(entry.record), "application/json"
        else:
            request_source = entry.record["request"]["source"]
            case = case_record(
                source, entry.record, request=None if request_source == source else request_source, response=source
            )
            body, kind = reporter("check", "sarif").check(Checked([case]), ReportOptions()), "application/sarif+json"
        stem = source.rsplit(".", 1)[0].encode("ascii", "ignore").decode() or "draft"  # headers are Latin-1
        return Response(
            body, media_type=kind, headers={"content-disposition": f'attachment; filename="{stem}-review.{fmt}"'}
        )

    async def model_estimate(request: Request, form: FormData) -> Response:
        rid = str(form.get("review_id", ""))
        entry = reviews.get(rid)
        if entry is None or not llm_on or llm_settings is None:
            return page(400, error="no model review is possible here (no endpoint configured, or the review has expired)")
        from reviewer.llm.review import dry_run

        settings = llm_settings
        try:
            text = await run_in_threadpool(lambda: dry_run([entry.review], settings))
        except ReviewerError as exc:
            return page(400, rid=rid, error=str(exc))
        return page(rid=rid, estimate=text)

    async def model_run(request: Request, form: FormData) -> Response:
        rid = str(form.get("review_id", ""))
        entry = reviews.get(rid)
        if entry is None or not llm_on or llm_settings is None:
            return page(400, error="no model review is possible here (no endpoint configured, or the review has expired)")
        from reviewer.llm.review import run_reviews
        from reviewer.reporters.records import review_record

        settings = llm_settings

        def run() -> Entry:
            started = time.perf_counter()
            fresh = review_loaded(entry.loaded, options)  # the rule review again: a model pass merges into it once
            run_reviews([fresh], settings)
            return Entry(entry.loaded, fresh, review_record(fresh), time.perf_counter() - started)

        return page(rid=keep(await run_in_threadpool(run)))

    async def static(request: Request) -> Response:
        found = statics.get(request.path_params["name"])
        if found is None:
            return PlainTextResponse("Not found\n", 404)
        return Response(found[0], media_type=found[1])

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)  # the browser asks; a 404 would be logged as an error

    async def health(request: Request) -> Response:
        return Response(json.dumps({"ok": True}), media_type="application/json")

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/review", post(do_review), methods=["POST"]),
            Route("/reviews/{rid}.{fmt:str}", download),
            Route("/reviews/{rid}", show),
            Route("/model/estimate", post(model_estimate), methods=["POST"]),
            Route("/model/run", post(model_run), methods=["POST"]),
            Route("/static/{name}", static),
            Route("/health", health),
            Route("/favicon.ico", no_icon),
        ]
    )
    return HostGuard(app, allowed_hosts)
