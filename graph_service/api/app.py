"""The Starlette application: GraphQL, health and readiness."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import neo4j
import neo4j.exceptions
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graph_service.api.context import Loaders, RequestContext
from graph_service.api.gateway import GraphGateway, today
from graph_service.api.schema import build_schema
from graph_service.config import Mode, Settings
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary

__all__ = ["GraphQLView", "create_app"]


class GraphQLView(GraphQL[RequestContext, None]):
    """Strawberry's ASGI view with our per-request context."""

    def __init__(self, app: Starlette, *, production: bool) -> None:
        super().__init__(
            build_schema(introspection=not production),
            graphql_ide=None if production else "graphiql",
            allow_queries_via_get=True,  # mutations over GET are refused by strawberry
        )
        self.app = app

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext:
        assert isinstance(request, Request) and isinstance(response, Response)
        state = self.app.state
        gateway = GraphGateway(state.driver, state.queries, state.settings.neo4j_database)
        on = today()
        return RequestContext(
            request=request, response=response, gateway=gateway, loaders=Loaders(gateway, on),
            today=on,
        )  # fmt: skip


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    driver: neo4j.AsyncDriver = request.app.state.driver
    try:
        await driver.verify_connectivity()
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError):
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", "database": "reachable"})


def create_app(
    settings: Settings | None = None, driver: neo4j.AsyncDriver | None = None
) -> Starlette:
    """Build the app; pass `driver` to share one (tests), else it is made from settings."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own = driver is None
        app.state.driver = driver or async_driver(settings)
        try:
            yield
        finally:
            if own:
                await app.state.driver.close()

    app = Starlette(lifespan=lifespan)
    if driver is not None:
        app.state.driver = driver
    app.state.settings = settings
    app.state.queries = QueryLibrary(settings.queries_dir)
    view = GraphQLView(app, production=settings.mode is Mode.PRODUCTION)
    app.router.routes.extend([
        Route("/health", health), Route("/ready", ready),
        Route("/graphql", view, methods=["GET", "POST"]),
    ])  # fmt: skip
    return app
