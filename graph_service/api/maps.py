"""Map pages: `/maps/person/{id}` and `/maps/cluster/{id}`, with their assets served locally."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from graph_service.analytics.network_rules import disadvantage_clusters, family_units
from graph_service.analytics.report import network_facts, network_params
from graph_service.analytics.thresholds import Thresholds
from graph_service.api.gateway import DatabaseUnavailableError, GraphGateway, today
from graph_service.api.reads import MAX_NETWORK_NODES, build_network
from graph_service.api.types import Hazard
from graph_service.maps.cluster import cluster_map
from graph_service.maps.family import family_map, hazard_line
from graph_service.maps.page import asset_path, render_page

__all__ = ["map_routes"]


class BadParameter(ValueError):
    pass


def _gateway(request: Request) -> GraphGateway:
    state = request.app.state
    return GraphGateway(state.driver, state.queries, state.settings.neo4j_database)


def _message(status: int, title: str, text: str) -> HTMLResponse:
    from html import escape

    body = (f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(title)}</title>"
            f"<h1>{escape(title)}</h1><p>{escape(text)}</p></html>")  # fmt: skip
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
    try:
        on, depth = _as_of(request), _depth(request)
        rows = await _gateway(request).read(
            "family_network", personId=person_id, depth=depth, asOf=on,
            maxNodes=MAX_NETWORK_NODES)  # fmt: skip
    except BadParameter as error:
        return _message(400, "Bad request", str(error))
    except DatabaseUnavailableError as error:
        return _message(503, "Database unavailable", str(error))
    if not rows:
        return _message(404, "Not found", f"no person with id {person_id}")
    network = build_network(rows[0], depth, on, today())
    return HTMLResponse(render_page(family_map(network)))


async def cluster_page(request: Request) -> Response:
    cluster_id = request.path_params["id"]
    try:
        on, thresholds = _as_of(request), Thresholds()
        gateway, params = _gateway(request), network_params(on, thresholds)
        links = await gateway.read("analytics_family_links", **params)
        people = await gateway.read("analytics_people_and_concerns", **params)
    except BadParameter as error:
        return _message(400, "Bad request", str(error))
    except DatabaseUnavailableError as error:
        return _message(503, "Database unavailable", str(error))
    facts = network_facts(links, people[0])
    found = next((c for c in disadvantage_clusters(facts, thresholds) if c.id == cluster_id), None)
    if found is None:
        return _message(404, "Not found", f"no cluster with id {cluster_id} on {on.isoformat()}")
    units = family_units(facts, thresholds, require_children=False)
    page = cluster_map(found, on, dict(facts.areas), units)
    try:
        rows = await gateway.read("map_household_hazards", householdIds=found.households,
                                  asOf=on, limit=len(found.households))  # fmt: skip
    except DatabaseUnavailableError as error:
        return _message(503, "Database unavailable", str(error))
    for row in rows:
        for hazard in (h for per in row["hazards"] for h in per):
            who = f"{hazard['person']}, household {row['household_id']}"
            page.hazards.append(hazard_line(Hazard.of(hazard, today()), who))
    return HTMLResponse(render_page(page))


async def map_asset(request: Request) -> Response:
    path = asset_path(request.path_params["name"])
    if path is None:
        return _message(404, "Not found", "no such map asset")
    media = "text/css" if path.suffix == ".css" else "text/javascript"
    return FileResponse(path, media_type=media)


def map_routes() -> list[BaseRoute]:
    return [
        Route("/maps/person/{id}", person_map),
        Route("/maps/cluster/{id}", cluster_page),
        Route("/static/maps/{name}", map_asset),
    ]
