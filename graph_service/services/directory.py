"""The directory: agencies, and the workers cases are allocated to."""

from __future__ import annotations

from graph_service.store.gateway import GraphGateway
from graph_service.views.records import Agency, Worker

__all__ = ["agencies", "workers"]


async def agencies(
    gateway: GraphGateway, kind: str | None, offset: int, limit: int
) -> list[Agency]:
    rows = await gateway.read("agencies_list", kind=kind, offset=offset, limit=limit)
    return [Agency.of(row["agency"]) for row in rows]


async def workers(
    gateway: GraphGateway, team: str | None, capability: str | None, offset: int, limit: int
) -> list[Worker]:
    rows = await gateway.read(
        "workers_list", team=team, capability=capability, offset=offset, limit=limit
    )
    return [Worker.of(row["worker"]) for row in rows]
