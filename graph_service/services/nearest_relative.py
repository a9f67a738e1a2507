"""The Mental Health Act 1983 s.26 nearest relative of a patient on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph_service.model.nearest_relative import NearestRelativeAnswer, determine_nearest_relative
from graph_service.model.taxonomy import HeadlineProblem
from graph_service.services.concerns import ConcernFilter, concerns
from graph_service.services.people import people_by_id
from graph_service.services.reader import Reader
from graph_service.store.gateway import GraphGateway
from graph_service.store.kin import kin_facts_from_row
from graph_service.views.nearest_relative import NearestRelative
from graph_service.views.records import Concern, Person

__all__ = ["MAX_CONCERNS", "NearestRelativeRecord", "nearest_relative", "nearest_relative_record"]

MAX_CONCERNS = 100


async def nearest_relative(
    gateway: GraphGateway, person_id: str, on: date
) -> NearestRelativeAnswer | None:
    """None when there is no such person."""
    rows = await gateway.read("nearest_relative_facts", personId=person_id, asOf=on)
    if not rows:
        return None
    return determine_nearest_relative(kin_facts_from_row(rows[0]), on)


@dataclass
class NearestRelativeRecord:
    """An AMHP's page: the patient, the answer explained, and what to beware of about the
    nearest relative (their hazards, and domestic abuse concerns about them)."""

    patient: Person | None
    answer: NearestRelative | None
    nearest: Person | None
    abuse: list[Concern]


async def nearest_relative_record(
    gateway: GraphGateway, reader: Reader, person_id: str, on: date
) -> NearestRelativeRecord | None:
    """None when there is no such person."""
    answer = await nearest_relative(gateway, person_id, on)
    if answer is None:
        return None
    wanted = [person_id] + ([answer.nearest.person.id] if answer.nearest else [])
    found = await people_by_id(gateway, wanted, on)
    abuse: list[Concern] = []
    if answer.nearest is not None:
        asked = ConcernFilter(person_id=answer.nearest.person.id, status="open")
        raised = await concerns(gateway, asked, reader, 0, MAX_CONCERNS)
        abuse = [c for c in raised if c.headline_problem == HeadlineProblem.DOMESTIC_ABUSE]
    return NearestRelativeRecord(
        found[0], NearestRelative.of(answer), found[1] if len(found) > 1 else None, abuse
    )
