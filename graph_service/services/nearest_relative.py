"""The Mental Health Act 1983 s.26 nearest relative of a patient on a date."""

from __future__ import annotations

from datetime import date

from graph_service.model.nearest_relative import NearestRelativeAnswer, determine_nearest_relative
from graph_service.store.gateway import GraphGateway
from graph_service.store.kin import kin_facts_from_row

__all__ = ["nearest_relative"]


async def nearest_relative(
    gateway: GraphGateway, person_id: str, on: date
) -> NearestRelativeAnswer | None:
    """None when there is no such person."""
    rows = await gateway.read("nearest_relative_facts", personId=person_id, asOf=on)
    if not rows:
        return None
    return determine_nearest_relative(kin_facts_from_row(rows[0]), on)
