"""Map pages: `/maps/person/{id}` and `/maps/cluster/{id}`, with their assets served locally."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from graph_service.api.errors import AuditUnavailableError
from graph_service.maps.cluster import cluster_map
from graph_service.maps.family import family_map, hazard_line
from graph_service.maps.page import asset_path, render_page
from graph_service.model.errors import InvalidRequest
from graph_service.security.access import disclosure_for, record_audit
from graph_service.security.disclosure import Disclosure
from graph_service.security.policy import AccessDeniedError, BreakGlassError
from graph_service.services.clusters import cluster
from graph_service.services.network import family_network
from graph_service.store.gateway import DatabaseUnavailableError, GraphGateway, today

__all__ = ["map_routes"]


class BadParameter(ValueError):
    pass


def _gateway(request: Request) -> GraphGateway:
    state = request.app.state
    return GraphGateway(state.driver, state.queries, state.settings.neo4j_database)


def _message(status: int, title: str, text: str) -> HTMLResponse:
    from html import escape

    body = (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(title)}</title>"
        f"<h1>{escape(title)}</h1><p>{escape(text)}</p></html>"
    )
    return HTMLResponse(body, status_code=status)


def _as_of(request: Request) -> date:
    value = request.query_params.get("asOf")
    try:
        return date.fromisoformat(value) if value else today()
    except ValueError:
        raise BadParameter(f"asOf: {value!r} is not a date (YYYY-MM-DD)") from None


def _depth(request: Request) -> int:
    value = request.query_params.get("depth", "2")
    if value not in ("1", "2", "3"):
        raise BadParameter(f"depth: must be 1, 2 or 3, got {value!r}")
    return int(value)


async def person_map(request: Request) -> Response:
    person_id = request.path_params["id"]
    gateway = _gateway(request)
    disclosure = disclosure_for(request, gateway)
    try:
        disclosure.authorise("mapPage")
        on, depth = _as_of(request), _depth(request)
        network = await disclosure.vet(await family_network(gateway, person_id, depth, on))
        await _audit(request, disclosure, f"map person {person_id}")
    except Refused as error:
        return _refusal(error)
    if network is None:
        return _message(404, "Not found", f"no person with id {person_id} that you may see")
    return HTMLResponse(render_page(family_map(network)))


async def cluster_page(request: Request) -> Response:
    cluster_id = request.path_params["id"]
    gateway = _gateway(request)
    disclosure = disclosure_for(request, gateway)
    state = request.app.state
    try:
        disclosure.authorise("clusterMapPage")
        on = _as_of(request)
        view = await cluster(
            gateway, state.analyses, cluster_id, on, state.settings.analytics, today()
        )
        if view is not None:
            disclosure.apply([_PersonRef(person_id=p) for p in view.members])
            disclosure.consulted(view.linked)
        await _audit(request, disclosure, f"map cluster {cluster_id}")
    except Refused as error:
        return _refusal(error)
    if view is None:
        return _message(404, "Not found", f"no cluster {cluster_id} on {on.isoformat()}")
    page = cluster_map(view.cluster, on, view.areas, view.units)
    page.hazards.extend(hazard_line(hazard, whose) for hazard, whose in view.hazards)
    return HTMLResponse(render_page(page))


Refused = (
    BadParameter,
    InvalidRequest,
    DatabaseUnavailableError,
    AccessDeniedError,
    BreakGlassError,
    AuditUnavailableError,
)


@dataclass
class _PersonRef:
    """A person named on a page built outside the GraphQL types (for the audit)."""

    person_id: str


def _refusal(error: Exception) -> HTMLResponse:
    if isinstance(error, AccessDeniedError):
        return _message(403, "Forbidden", str(error))
    if isinstance(error, DatabaseUnavailableError | AuditUnavailableError):
        return _message(503, "Unavailable", str(error))
    return _message(400, "Bad request", str(error))


async def _audit(request: Request, disclosure: Disclosure, operation: str) -> None:
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    await record_audit(
        request.app.state.audit,
        disclosure,
        operation=operation,
        action="read",
        request_id=request_id[:64],
    )


async def map_asset(request: Request) -> Response:
    path = asset_path(request.path_params["name"])
    if path is None:
        return _message(404, "Not found", "no such map asset")
    media = "text/css" if path.suffix == ".css" else "text/javascript"
    return FileResponse(path, media_type=media)


async def map_index(request: Request) -> Response:
    """Where sign-in lands: open a person's map by id (no person data on this page)."""
    wanted = request.query_params.get("id", "").strip()
    if wanted:
        return RedirectResponse(f"/maps/person/{quote(wanted, safe='')}", status_code=303)
    body = (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Family maps</title>'
        '<link rel="stylesheet" href="/static/maps/map.css"><body class="login">'
        '<h1>Family maps</h1><form method="get" action="/maps/"><label>Person id<br>'
        '<input name="id" required pattern="[A-Za-z0-9-]+" autofocus></label> '
        '<button type="submit">Open map</button></form></body></html>'
    )
    return HTMLResponse(body)


def map_routes() -> list[BaseRoute]:
    return [
        Route("/maps/", map_index),
        Route("/maps/person/{id}", person_map),
        Route("/maps/cluster/{id}", cluster_page),
        Route("/static/maps/{name}", map_asset),
    ]
