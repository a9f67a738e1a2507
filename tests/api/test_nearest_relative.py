"""MHA s.26 through GraphQL, on a family recorded with the API's own mutations."""

from __future__ import annotations

import uuid

import httpx
import neo4j
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.ingest.synthetic import Borough
from tests.api.conftest import gql
from tests.api.test_writes import CREATE_PERSON, RELATE, _agency
from tests.conftest import Neo4jConnection

NEAREST = """query($id: ID!, $on: Date) { nearestRelative(personId: $id, asOf: $on) {
  determined gaps nearest { personId relation rule }
  candidates { personId relation blood age excluded rule facts position livesWithOrCares } } }"""


async def _person(
    client: httpx.AsyncClient, borough: Borough, given: str, born: str, sex: str
) -> str:
    result = await gql(
        client,
        CREATE_PERSON,
        input={
            "givenName": given,
            "familyName": "Ashworth",
            "dateOfBirth": born,
            "sex": sex,
            "sourceAgencyId": _agency(borough),
            "sourceRecordId": uuid.uuid4().hex,
        },
    )
    return str(result.data["createPerson"]["id"])


def _housed(driver: neo4j.Driver, homes: dict[str, str]) -> None:
    """Record where each person lives since 2025-01-01 (the API has no address mutation)."""
    driver.execute_query(
        "UNWIND $homes AS home MERGE (a:Address {id: home.address}) "
        "WITH a, home MATCH (p:Person {id: home.person}) "
        "MERGE (p)-[l:LIVES_AT {id: home.person + home.address}]->(a) "
        "SET l.from_date = date('2025-01-01')",
        homes=[{"person": p, "address": a} for p, a in homes.items()],
    )


async def _relate(client: httpx.AsyncClient, borough: Borough, **relation: object) -> None:
    result = await gql(
        client,
        RELATE,
        input={"sourceAgencyId": _agency(borough), "sourceRecordId": uuid.uuid4().hex, **relation},
    )
    assert result.data["recordRelationship"]["__typename"] == "RelationshipRecord", result.body


async def test_nearest_relative_through_graphql_and_cli(
    client: httpx.AsyncClient,
    borough: Borough,
    neo4j_connection: Neo4jConnection,
    session_driver: neo4j.Driver,
) -> None:
    patient = await _person(client, borough, "Margaret", "1960-03-01", "FEMALE")
    ex_husband = await _person(client, borough, "Derek", "1958-01-01", "MALE")
    partner = await _person(client, borough, "Colin", "1962-07-07", "MALE")
    son = await _person(client, borough, "Gavin", "1985-01-01", "MALE")
    grandson = await _person(client, borough, "Tyler", "2010-01-01", "MALE")
    await _relate(
        client,
        borough,
        type="PARTNER_OF",
        fromPersonId=patient,
        toPersonId=ex_husband,
        partnerKind="MARRIED",
        fromDate="1983-01-01",
        toDate="2001-01-01",
    )
    await _relate(
        client,
        borough,
        type="PARTNER_OF",
        fromPersonId=patient,
        toPersonId=partner,
        partnerKind="COHABITING",
        fromDate="2025-01-01",
    )
    await _relate(
        client,
        borough,
        type="PARENT_OF",
        fromPersonId=patient,
        toPersonId=son,
        parentKind="BIRTH",
        parentalResponsibility=True,
        fromDate="1985-01-01",
    )
    await _relate(
        client,
        borough,
        type="PARENT_OF",
        fromPersonId=son,
        toPersonId=grandson,
        parentKind="BIRTH",
        parentalResponsibility=True,
        fromDate="2010-01-01",
    )

    unknown = (await gql(client, NEAREST, id=patient, on="2026-01-01")).data["nearestRelative"]
    # No addresses recorded yet: who lives with the patient is unknown, and is not guessed.
    assert not unknown["determined"] and "residence unknown" in unknown["gaps"][0]

    _housed(
        session_driver,
        {patient: "A-home", partner: "A-home", son: "A-son", grandson: "A-son", ex_husband: "A-ex"},
    )
    result = (await gql(client, NEAREST, id=patient, on="2026-01-01")).data["nearestRelative"]
    assert result["determined"] and result["nearest"]["personId"] == partner, result
    assert result["nearest"]["relation"] == "spouse or civil partner"
    by_id = {c["personId"]: c for c in result["candidates"]}
    assert ex_husband not in by_id  # divorced: no longer a spouse, and no relative
    assert by_id[grandson]["excluded"] and "under 18" in by_id[grandson]["rule"]
    assert by_id[son]["position"] == 2 and by_id[son]["livesWithOrCares"] is False
    assert by_id[partner]["livesWithOrCares"] is True

    earlier = (await gql(client, NEAREST, id=patient, on="2025-05-01")).data["nearestRelative"]
    assert earlier["nearest"]["personId"] == son  # cohabiting only 4 months then

    output = CliRunner().invoke(
        app, ["nearest-relative", patient, "--as-of", "2026-01-01"], env=neo4j_connection.env()
    )
    assert output.exit_code == 0, output.output
    assert "Colin Ashworth" in output.output and "under 18" in output.output
    bad = CliRunner().invoke(
        app, ["nearest-relative", patient, "--as-of", "soon"], env=neo4j_connection.env()
    )
    assert bad.exit_code == 1 and "--as-of" in bad.output


async def test_a_separated_spouse_and_a_sibling_recorded_directly(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    patient = await _person(client, borough, "Irene", "1950-03-01", "FEMALE")
    husband = await _person(client, borough, "Frank", "1948-01-01", "MALE")
    brother = await _person(client, borough, "Walter", "1946-01-01", "MALE")
    await _relate(
        client,
        borough,
        type="PARTNER_OF",
        fromPersonId=patient,
        toPersonId=husband,
        partnerKind="MARRIED",
        partnerStatus="SEPARATED",
        fromDate="1972-01-01",
    )
    await _relate(
        client,
        borough,
        type="SIBLING_OF",
        fromPersonId=patient,
        toPersonId=brother,
        siblingKind="FULL",
        fromDate="1950-03-01",
    )
    _housed(session_driver, {patient: "A-irene", husband: "A-frank", brother: "A-walter"})
    result = (await gql(client, NEAREST, id=patient, on="2026-01-01")).data["nearestRelative"]
    by_id = {c["personId"]: c for c in result["candidates"]}
    assert by_id[husband]["excluded"] and "permanently separated" in by_id[husband]["rule"]
    assert by_id[brother]["relation"] == "brother or sister" and by_id[brother]["blood"] == "whole"
    assert result["nearest"]["personId"] == brother


async def test_a_sibling_kind_must_agree_with_the_parents_on_record(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    mum = await _person(client, borough, "June", "1970-01-01", "FEMALE")
    dad = await _person(client, borough, "Ray", "1968-01-01", "MALE")
    other = await _person(client, borough, "Len", "1969-01-01", "MALE")
    first = await _person(client, borough, "Amy", "2000-01-01", "FEMALE")
    second = await _person(client, borough, "Ben", "2004-01-01", "MALE")
    for parent, child in ((mum, first), (dad, first), (mum, second), (other, second)):
        await _relate(
            client,
            borough,
            type="PARENT_OF",
            fromPersonId=parent,
            toPersonId=child,
            parentKind="BIRTH",
            parentalResponsibility=True,
            fromDate="2000-01-01" if child == first else "2004-01-01",
        )
    fields = {"sourceAgencyId": _agency(borough), "sourceRecordId": uuid.uuid4().hex}
    sibling = {"type": "SIBLING_OF", "fromPersonId": first, "toPersonId": second}
    refused = await gql(
        client, RELATE, input={**fields, **sibling, "siblingKind": "FULL", "fromDate": "2004-01-01"}
    )
    answer = refused.data["recordRelationship"]
    assert answer["field"] == "siblingKind" and "half siblings" in answer["message"]
    missing = await gql(client, RELATE, input={**fields, **sibling, "fromDate": "2004-01-01"})
    assert missing.data["recordRelationship"]["field"] == "siblingKind"
    status = await gql(
        client,
        RELATE,
        input={
            **fields,
            "type": "PARTNER_OF",
            "fromPersonId": mum,
            "toPersonId": other,
            "partnerKind": "COHABITING",
            "partnerStatus": "DESERTED",
            "fromDate": "2003-01-01",
        },
    )
    assert status.data["recordRelationship"]["field"] == "partnerStatus"
    half = await gql(
        client, RELATE, input={**fields, **sibling, "siblingKind": "HALF", "fromDate": "2004-01-01"}
    )
    assert half.data["recordRelationship"]["__typename"] == "RelationshipRecord"
