"""Import runs of agencies' feeds, for administrators."""

from __future__ import annotations

import strawberry

from graph_service.api.context import Ctx
from graph_service.services import feeds
from graph_service.views.imports import ImportRun
from graph_service.views.pagination import Connection, page_window

__all__ = ["ImportQueries"]


@strawberry.type
class ImportQueries:
    @strawberry.field(
        description="Files agencies sent, newest first: who, when, the file's SHA-256 and "
        "what its rows did (of one agency, if named)."
    )
    async def import_runs(
        self,
        info: Ctx,
        agency_id: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[ImportRun]:
        window = page_window(first, after)
        agency = str(agency_id) if agency_id is not None else None
        runs = await feeds.import_runs(info.context.gateway, agency, window.offset, window.limit)
        return Connection.build(runs, window)
