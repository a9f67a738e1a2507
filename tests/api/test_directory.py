"""Administrators record and rename agencies; practitioners record that an agency knows a
person, under its reference, and end it. Every refusal names its field; nothing is
written when one is refused."""

from __future__ import annotations

import random
import string
from typing import Any

import httpx
import neo4j
import pytest

from graph_service.security.roles import Role
from tests.api.conftest import PUPIL, SCHOOL, STRANGER, ClientFor, gql

ERRORS = """... on UserError { message field } ... on ValidationError { reason }
  ... on NotFoundError { missingId } ... on DuplicateError { existingId }"""
CREATE = f"""mutation($input: AgencyInput!) {{ createAgency(input: $input) {{ __typename
  ... on Agency {{ id name kind code }} {ERRORS} }} }}"""
RENAME = f"""mutation($id: ID!, $name: String!) {{ renameAgency(id: $id, name: $name) {{
  __typename ... on Agency {{ id name code }} {ERRORS} }} }}"""
KNOWN = f"""mutation($input: KnownToInput!) {{ recordKnownTo(input: $input) {{ __typename
  ... on RelationshipRecord {{ relationship {{ id type source target fromDate }} }}
  {ERRORS} }} }}"""
KNOWN_TO = """query($p: ID!) { person(id: $p) { knownTo { agency { id } reference since
  until } } }"""


def _code() -> str:
    return "T-" + "".join(random.choices(string.ascii_uppercase, k=8))


def _count(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (a:Agency) RETURN count(a) AS n")
    return int(records[0]["n"])


@pytest.fixture
def admin(app_for: ClientFor) -> httpx.AsyncClient:
    return app_for(Role.ADMINISTRATOR)


async def _agency(admin: httpx.AsyncClient, **given: Any) -> dict[str, Any]:
    fields = {"kind": "young_carers_service", "name": "Northbridge Young Carers"}
    result = await gql(admin, CREATE, input={**fields, "code": _code(), **given})
    assert not result.errors, result.errors
    return result.data["createAgency"]  # type: ignore[no-any-return]


async def test_an_administrator_records_an_agency_and_it_is_listed(
    admin: httpx.AsyncClient,
) -> None:
    code = _code()
    agency = await _agency(admin, code=code.lower())
    assert agency["__typename"] == "Agency" and agency["code"] == code
    assert agency["id"].startswith("AG-") and agency["kind"] == "young_carers_service"
    listed = await gql(
        admin, '{ agencies(kind: "young_carers_service", first: 100) { edges { node { id } } } }'
    )
    assert agency["id"] in {e["node"]["id"] for e in listed.data["agencies"]["edges"]}


async def test_a_code_taken_or_a_field_wrong_is_refused_by_name_and_nothing_written(
    admin: httpx.AsyncClient, session_driver: neo4j.Driver
) -> None:
    first = await _agency(admin)
    before = _count(session_driver)
    again = await _agency(admin, code=first["code"], name="Another")
    assert again["__typename"] == "DuplicateError" and again["field"] == "code"
    assert again["existingId"] == first["id"]
    kind = await _agency(admin, kind="circus")
    assert kind["__typename"] == "ValidationError" and kind["field"] == "kind"
    assert "police" in kind["message"]  # the choices are listed
    code = await _agency(admin, code="no spaces!")
    assert code["field"] == "code" and "letters, digits or hyphens" in code["message"]
    blank = await _agency(admin, name="  ")
    assert blank["field"] == "name"
    assert _count(session_driver) == before


async def test_renaming_keeps_the_agency_and_its_old_name(
    admin: httpx.AsyncClient, session_driver: neo4j.Driver
) -> None:
    agency = await _agency(admin)
    renamed = await gql(admin, RENAME, id=agency["id"], name="Northbridge Carers Hub")
    assert renamed.data["renameAgency"] == {
        "__typename": "Agency",
        "id": agency["id"],
        "name": "Northbridge Carers Hub",
        "code": agency["code"],
    }
    records, _, _ = session_driver.execute_query(
        "MATCH (a:Agency {id: $id}) RETURN a.previous_names AS names", id=agency["id"]
    )
    assert records[0]["names"] == ["Northbridge Young Carers"]
    missing = await gql(admin, RENAME, id="AG-nobody", name="x")
    assert missing.data["renameAgency"]["field"] == "id"


async def test_only_administrators_keep_the_directory(app_for: ClientFor) -> None:
    practitioner = app_for(Role.SENIOR_PRACTITIONER)
    fields = {"kind": "police", "name": "x", "code": _code()}
    refused = await gql(practitioner, CREATE, input=fields)
    assert refused.errors and refused.errors[0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_child_known_to_a_young_carers_service_is_recorded_and_ended(
    admin: httpx.AsyncClient, app_for: ClientFor
) -> None:
    agency = await _agency(admin)
    mash = app_for(Role.MASH_PRACTITIONER)
    given = {"personId": STRANGER, "agencyId": agency["id"], "reference": "YC-0042"}
    recorded = await gql(mash, KNOWN, input={**given, "fromDate": "2026-09-01"})
    edge = recorded.data["recordKnownTo"]["relationship"]
    assert edge["type"] == "KNOWN_TO" and edge["target"] == agency["id"]
    person = await gql(mash, KNOWN_TO, p=STRANGER)
    known = {k["agency"]["id"]: k for k in person.data["person"]["knownTo"]}
    assert known[agency["id"]]["reference"] == "YC-0042"
    assert known[agency["id"]]["since"] == "2026-09-01"

    twice = await gql(mash, KNOWN, input={**given, "fromDate": "2026-10-01"})
    assert twice.data["recordKnownTo"]["field"] == "agencyId"
    end = """mutation($p: ID!, $r: ID!, $a: ID!) { endRelationship(personId: $p,
      relationshipId: $r, endDate: "2026-11-30", sourceAgencyId: $a) { __typename } }"""
    await gql(mash, end, p=STRANGER, r=edge["id"], a=agency["id"])
    person = await gql(mash, KNOWN_TO, p=STRANGER)
    known = {k["agency"]["id"]: k for k in person.data["person"]["knownTo"]}
    assert known[agency["id"]]["until"] == "2026-11-30"


async def test_a_partner_records_only_its_own_agency_about_people_it_works_with(
    app_for: ClientFor,
) -> None:
    school = app_for(Role.PARTNER_AGENCY, SCHOOL)
    fields = {"reference": "ROLL-1", "fromDate": "2026-09-01"}
    other = await gql(school, KNOWN, input={"personId": PUPIL, "agencyId": "AG-T-POLICE", **fields})
    assert other.errors and other.errors[0]["extensions"]["code"] == "FORBIDDEN"
    # Declaring that it knows someone gives a partner no sight of them.
    stranger = await gql(school, KNOWN, input={"personId": STRANGER, "agencyId": SCHOOL, **fields})
    assert stranger.data["recordKnownTo"]["__typename"] == "NotFoundError"
    assert stranger.data["recordKnownTo"]["field"] == "personId"
