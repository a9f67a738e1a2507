"""The practitioner UI's routes, and its assets (served by the app itself: no CDN)."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from graph_service.config import PROJECT_ROOT
from graph_service.ui.alerts import acknowledge, inbox
from graph_service.ui.allocation import allocate, allocation_page, case_history
from graph_service.ui.analyses import analyses_index, analysis_page
from graph_service.ui.audit import audit_page
from graph_service.ui.chronology import chronology_csv, chronology_page
from graph_service.ui.identities import (
    decide,
    review_page,
    review_queue,
    unmerge,
    unmerge_form,
)
from graph_service.ui.imports import imports_page
from graph_service.ui.mash import (
    contact_page,
    contact_step,
    dashboard_page,
    new_contact,
    new_contact_form,
    queue_page,
)
from graph_service.ui.nearest_relative import nearest_relative_page
from graph_service.ui.people import break_glass, break_glass_form, home, person, search
from graph_service.ui.signing_in import sign_in, sign_in_page, sign_out, signed_out_page
from graph_service.ui.signing_in_oidc import oidc_callback, oidc_start

__all__ = ["GOVUK_FRONTEND", "ui_routes"]

# From the npm package govuk-frontend, which `make install` fetches (web/package.json).
GOVUK_FRONTEND = PROJECT_ROOT / "web" / "node_modules" / "govuk-frontend" / "dist" / "govuk"
OWN = Path(__file__).with_name("static")
_FILES = {
    "govuk-frontend.min.css": (GOVUK_FRONTEND, "text/css"),
    "govuk-frontend.min.js": (GOVUK_FRONTEND, "text/javascript"),
    "app.css": (OWN, "text/css"),
    "init.js": (OWN, "text/javascript"),
    "favicon.svg": (OWN, "image/svg+xml"),
}


async def _asset(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in _FILES:
        return Response("no such asset", status_code=404)
    folder, media = _FILES[name]
    path = folder / name
    if not path.is_file():
        return Response("not installed: run make install", status_code=404)
    return FileResponse(path, media_type=media, headers={"cache-control": "max-age=3600"})


def ui_routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = [
        Route("/", home),
        Route("/search", search),
        Route("/people/{id}", person),
        Route("/people/{id}/chronology", chronology_page),
        Route("/people/{id}/nearest-relative", nearest_relative_page),
        Route("/people/{id}/chronology.csv", chronology_csv),
        Route("/people/{id}/break-glass", break_glass_form, methods=["GET"]),
        Route("/people/{id}/break-glass", break_glass, methods=["POST"]),
        Route("/analyses", analyses_index),
        Route("/audit", audit_page),
        Route("/imports", imports_page),
        Route("/analyses/{name}", analysis_page),
        Route("/allocation", allocation_page, methods=["GET"]),
        Route("/allocation", allocate, methods=["POST"]),
        Route("/cases/{id}/allocations", case_history),
        Route("/reviews", review_queue),
        Route("/reviews/{id}", review_page, methods=["GET"]),
        Route("/reviews/{id}", decide, methods=["POST"]),
        Route("/people/{id}/unmerge", unmerge_form, methods=["GET"]),
        Route("/people/{id}/unmerge", unmerge, methods=["POST"]),
        Route("/mash", queue_page),
        Route("/mash/dashboard", dashboard_page),
        Route("/mash/contacts/new", new_contact_form, methods=["GET"]),
        Route("/mash/contacts/new", new_contact, methods=["POST"]),
        Route("/mash/contacts/{id}", contact_page, methods=["GET"]),
        Route("/mash/contacts/{id}", contact_step, methods=["POST"]),
        Route("/alerts", inbox, methods=["GET"]),
        Route("/alerts", acknowledge, methods=["POST"]),
        Route("/sign-in", sign_in_page, methods=["GET"]),
        Route("/sign-in", sign_in, methods=["POST"]),
        Route("/sign-in/oidc", oidc_start),
        Route("/sign-in/oidc/callback", oidc_callback, name="oidc_callback"),
        Route("/sign-out", sign_out, methods=["POST"]),
        Route("/signed-out", signed_out_page),
        Route("/assets/{name}", _asset),  # a file of its own; deeper paths: the mount
    ]
    if (GOVUK_FRONTEND / "assets").is_dir():
        routes.append(Mount("/assets", StaticFiles(directory=GOVUK_FRONTEND / "assets")))
    return routes
