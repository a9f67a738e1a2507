"""Import runs, for administrators: each file an agency sent, who sent it and when, its
SHA-256 and what its rows did. Read only."""

from __future__ import annotations

from starlette.responses import Response

from graph_service.services.feeds import import_runs
from graph_service.ui.access import Page, page

__all__ = ["PAGE_SIZE", "imports_page"]

PAGE_SIZE = 100


@page("importRunsPage")
async def imports_page(current: Page) -> Response:
    runs = await import_runs(current.gateway, None, 0, PAGE_SIZE)
    await current.audited("page import runs")
    return await current.render("imports.html", title="Imports", runs=runs)
