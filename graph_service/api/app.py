"""The Starlette application: GraphQL, health and readiness."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import neo4j
import neo4j.exceptions
import orjson
import strawberry
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from graph_service.api.context import Loaders, RequestContext
from graph_service.api.feeds import FeedRuns, feed_routes
from graph_service.api.http_results import (
    GRAPHQL_RESPONSE,
    annotate_errors,
    is_request_error,
    prefers_graphql_response,
)
from graph_service.api.maps import map_routes
from graph_service.api.schema import build_schema
from graph_service.api.session import session_routes
from graph_service.config import PROJECT_ROOT, AuditMode, Mode, Settings
from graph_service.security.access import disclosure_for
from graph_service.security.api_keys import ApiKeyVerifier
from graph_service.security.audit import AuditLog
from graph_service.security.audit_journal import AuditJournal
from graph_service.security.audit_store import AuditStore
from graph_service.security.keys import token_keys
from graph_service.security.limits import RequestLimits
from graph_service.security.middleware import Authentication
from graph_service.security.oidc import OpenIdProvider
from graph_service.security.rate_limit import RateLimiter
from graph_service.security.sessions import SessionPolicy, Sessions
from graph_service.services.analysis_cache import AnalysisCache
from graph_service.services.identities import Linkage
from graph_service.store.gateway import GraphGateway, today
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary
from graph_service.ui.routes import ui_routes

__all__ = ["CONTENT_SECURITY_POLICY", "GraphQLView", "create_app"]

log = logging.getLogger("graph_service.api")

STATIC = Path(__file__).with_name("static")
VENDOR = PROJECT_ROOT / "web" / "node_modules"
# Only what the pages need, from packages `make install` fetched from the npm registry.
VENDOR_ASSETS = {"graphiql": "graphiql", "react": "react/umd", "react-dom": "react-dom/umd"}
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)


class GraphQLView(GraphQL[RequestContext, None]):
    """Strawberry's ASGI view with our per-request context."""

    def __init__(self, app: Starlette, *, production: bool, ide: bool = True) -> None:
        super().__init__(
            build_schema(introspection=not production),
            graphql_ide="graphiql" if ide and not production else None,
            allow_queries_via_get=True,  # mutations over GET are refused by strawberry
        )
        self.app = app

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:  # orjson also refuses nesting deeper than 1024
            raise HTTPException(
                400, "body: not JSON, or nested more deeply than JSON may be here (1024 levels)"
            ) from None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """As strawberry's, but a refused request is a GraphQL-shaped JSON error."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            response: Response = await self.run(request)
        except HTTPException as refused:
            response = JSONResponse(
                {"errors": [{"message": refused.reason, "extensions": {"code": "BAD_REQUEST"}}]},
                status_code=refused.status_code,
            )
        await response(scope, receive, send)

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        schema = self.schema
        assert isinstance(schema, strawberry.Schema)
        annotate_errors(result.errors or [], schema._schema)
        body = await super().process_result(request, result)
        if prefers_graphql_response(request.headers.get("accept", "")):
            request.state.graphql_response = True
            if is_request_error(result):
                request.state.request_error = True
                body.pop("data", None)
        return body

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        response = await super().run(request, context, root_value)
        state = getattr(request, "state", None)
        if isinstance(response, Response) and getattr(state, "graphql_response", False):
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
            if getattr(state, "request_error", False) and response.status_code == 200:
                response.status_code = 400
        return response

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse((STATIC / "graphiql.html").read_text(encoding="utf-8"))

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext:
        assert isinstance(request, Request) and isinstance(response, Response)
        state = self.app.state
        gateway = GraphGateway(state.driver, state.queries, state.settings.neo4j_database)
        on = today()
        return RequestContext(
            request=request,
            response=response,
            gateway=gateway,
            loaders=Loaders(gateway, on),
            disclosure=disclosure_for(request, gateway),
            audit=state.audit,
            audit_store=state.audit_store,
            analyses=state.analyses,
            linkage=state.linkage,
            settings=state.settings,
            today=on,
        )


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    driver: neo4j.AsyncDriver = request.app.state.driver
    try:
        await driver.verify_connectivity()
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError):
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", "database": "reachable"})


def _static_routes() -> list[Mount]:
    routes = [
        Mount(f"/vendor/{name}", StaticFiles(directory=VENDOR / path))
        for name, path in VENDOR_ASSETS.items()
        if (VENDOR / path).is_dir()
    ]
    return [*routes, Mount("/", StaticFiles(directory=STATIC))]


_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware): headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in _SECURITY_HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def _attach_driver(app: Starlette, driver: neo4j.AsyncDriver) -> None:
    state, settings = app.state, app.state.settings
    state.driver = driver
    state.audit_store = store = AuditStore(driver, state.queries, settings.neo4j_database)
    state.audit_journal = None
    if settings.audit_mode is AuditMode.JOURNAL:
        state.audit_journal = journal = AuditJournal(
            settings.journal_dir,
            store.chain,
            store.store,
            interval=settings.audit_ship_seconds,
            max_backlog=settings.audit_max_backlog,
        )
        state.audit = AuditLog(journal.append, journal.flush)
    else:
        state.audit = AuditLog(store.append)
    state.api_keys = ApiKeyVerifier(driver, state.queries, settings.neo4j_database)
    policy = SessionPolicy(
        idle=timedelta(minutes=settings.session_idle_minutes),
        absolute=timedelta(hours=settings.session_absolute_hours),
    )
    state.sessions = Sessions(driver, state.queries, settings.neo4j_database, policy)


async def _ship_left_journals(journal: AuditJournal | None) -> None:
    """Journals that processes which died left on this host reach Neo4j at start-up."""
    if journal is None:
        return
    try:
        await journal.flush_orphans()
    except Exception as error:  # Neo4j not up yet: shipping retries after the first request
        log.warning("audit journals left by earlier processes not yet shipped: %s", error)


async def _close_journal(journal: AuditJournal | None) -> None:
    if journal is None:
        return
    try:
        await journal.close()
    except Exception as error:  # the journal stays on disk; the next start ships it
        log.warning("audit journal %s left for the next start: %s", journal.path, error)


def _identity_provider(settings: Settings) -> OpenIdProvider | None:
    if settings.oidc_issuer is None:
        return None
    if settings.oidc_client_secret is None:
        raise ValueError("oidc_client_secret: required when oidc_issuer is set")
    return OpenIdProvider(
        settings.oidc_issuer,
        settings.oidc_client_id,
        settings.oidc_client_secret.get_secret_value(),
        settings.oidc_role_claim,
        settings.oidc_agency_claim,
        settings.oidc_worker_claim,
    )


def create_app(
    settings: Settings | None = None, driver: neo4j.AsyncDriver | None = None
) -> Starlette:
    """Build the app; pass `driver` to share one (tests), else it is made from settings."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own = driver is None
        if own:
            _attach_driver(app, async_driver(settings))
        # Everything built at start-up lives for the life of the process: keep it out of
        # the cyclic collector's way. Young objects keep the default thresholds: a request
        # leaves cycles behind (most of what the collector finds), and collecting 50,000
        # of them at once paused every request in flight for 60 to 100 ms.
        gc.collect()
        gc.freeze()
        await _ship_left_journals(app.state.audit_journal)
        try:
            yield
        finally:
            await app.state.feed_runs.stop()  # each file is one transaction: rolled back
            await _close_journal(app.state.audit_journal)
            if own:
                await app.state.driver.close()

    app = Starlette(lifespan=lifespan)
    app.state.settings = settings
    app.state.queries = QueryLibrary(settings.queries_dir)
    app.state.analyses = AnalysisCache()
    app.state.linkage = Linkage(settings.linkage)
    app.state.feed_runs = FeedRuns()
    if driver is not None:
        _attach_driver(app, driver)
    production = settings.mode is Mode.PRODUCTION
    # Without its assets (no `npm ci`) there is no IDE to serve; the API stays whole.
    view = GraphQLView(app, production=production, ide=VENDOR.exists())
    app.router.routes.extend(
        [
            Route("/health", health),
            Route("/ready", ready),
            Route("/graphql", view, methods=["GET", "POST"]),
            *map_routes(),
            *feed_routes(),
            *session_routes(),
            Mount("/static", routes=_static_routes()),
            *ui_routes(),
        ]
    )
    app.state.token_keys = token_keys(settings)
    app.state.oidc = _identity_provider(settings)
    app.state.api_keys = getattr(app.state, "api_keys", None)
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    app.add_middleware(RequestLimits)
    app.add_middleware(
        Authentication,
        keys=app.state.token_keys,
        api_keys=lambda: app.state.api_keys,
        limiter=limiter,
        sessions=lambda: getattr(app.state, "sessions", None),
    )
    app.add_middleware(SecurityHeaders)
    return app
