"""A person's chronology page: from their side, with hazards, filters and a CSV export."""

from __future__ import annotations

import csv
import io

import httpx
import neo4j

from graph_service.ingest.synthetic import Borough
from graph_service.model.taxonomy import HazardKind
from tests.api.conftest import last_event


def _names(borough: Borough) -> dict[str, str]:
    return {str(p["id"]): str(p["props"]["full_name"]) for p in borough.nodes["Person"]}


async def test_a_childs_chronology_reads_from_the_childs_side(
    practitioner: httpx.AsyncClient, borough: Borough
) -> None:
    birth = next(
        r for r in borough.relationships["Person:PARENT_OF:Person"] if r["props"]["kind"] == "birth"
    )
    parent = _names(borough)[str(birth["start"])]
    page = await practitioner.get(f"/people/{birth['end']}/chronology")
    assert page.status_code == 200
    assert f"Relationship started: Parent: {parent} (birth)" in page.text
    assert "PARENT_OF" not in page.text


async def test_hazards_are_in_it_and_the_filters_narrow_it(
    practitioner: httpx.AsyncClient, borough: Borough
) -> None:
    marked = borough.relationships["Person:HAS_HAZARD:Hazard"][0]
    person = str(marked["start"])
    kind = next(h["props"]["kind"] for h in borough.nodes["Hazard"] if h["id"] == marked["end"])
    everything = await practitioner.get(f"/people/{person}/chronology")
    assert f"Hazard recorded: {HazardKind(kind).label}" in everything.text
    hazards = await practitioner.get(f"/people/{person}/chronology", params={"kind": "hazards"})
    rows = hazards.text.count('<tr class="govuk-table__row">') - 1  # less the header
    assert rows >= 1 and "Relationship started" not in hazards.text
    assert everything.text.count('<tr class="govuk-table__row">') - 1 > rows
    late = await practitioner.get(f"/people/{person}/chronology", params={"from": "2999-01-01"})
    assert "No events match." in late.text


async def test_a_bad_date_says_the_format(
    practitioner: httpx.AsyncClient, borough: Borough
) -> None:
    person = str(borough.nodes["Person"][0]["id"])
    page = await practitioner.get(f"/people/{person}/chronology", params={"from": "27/3/2026"})
    assert page.status_code == 400
    assert "From must be a date like 2026-03-27 (year, month, day)" in page.text


async def test_the_csv_export_holds_what_the_page_shows_and_is_audited(
    practitioner: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    person = str(borough.relationships["Person:HAS_HAZARD:Hazard"][0]["start"])
    page = await practitioner.get(f"/people/{person}/chronology")
    exported = await practitioner.get(f"/people/{person}/chronology.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["date", "about", "event", "recorded by"]
    assert len(rows) - 1 == page.text.count('<tr class="govuk-table__row">') - 1
    assert any("Hazard recorded" in row[2] for row in rows[1:])
    event = last_event(session_driver)
    assert event["operation"] == f"export chronology {person}" and person in str(
        event["person_ids"]
    )
