"""A household: its address, area and current members (each vetted as a person)."""

from __future__ import annotations

from graph_service.store.gateway import GraphGateway
from graph_service.views.records import HouseholdView

__all__ = ["household"]


async def household(gateway: GraphGateway, household_id: str) -> HouseholdView | None:
    """None when there is no such household."""
    rows = await gateway.read("household_by_id", id=household_id)
    return HouseholdView.of(rows[0]) if rows else None
