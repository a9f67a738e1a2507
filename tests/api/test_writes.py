from __future__ import annotations

import functools
import uuid
from collections import Counter
from datetime import date, timedelta
from typing import Any

import httpx
import neo4j
import pytest

from graph_service.ingest.synthetic import Borough
from graph_service.security.audit import AuditEvent, AuditLog
from tests.api.conftest import gql

ERROR_FIELDS = """... on UserError { message field } ... on ValidationError { reason }
  ... on NotFoundError { missingId } ... on DuplicateError { existingId }"""

CREATE_PERSON = f"""mutation($input: PersonInput!, $key: String) {{
  createPerson(input: $input, idempotencyKey: $key) {{
    __typename ... on Person {{ id fullName age hazards {{ id }} provenance {{ sourceAgencyId }} }}
    {ERROR_FIELDS} }} }}"""

RELATE = f"""mutation($input: RelationshipInput!, $key: String) {{
  recordRelationship(input: $input, idempotencyKey: $key) {{
    __typename ... on RelationshipRecord {{ relationship {{ id type source target kind fromDate
      toDate parentalResponsibility provenance {{ sourceAgencyId sourceRecordId }} }} }}
    {ERROR_FIELDS} }} }}"""


END = """mutation($p: ID!, $r: ID!, $d: Date!, $a: ID!) { endRelationship(personId: $p,
  relationshipId: $r, endDate: $d, sourceAgencyId: $a) { __typename
  ... on RelationshipRecord { relationship { toDate } } ... on ValidationError { reason } } }"""


def _agency(borough: Borough) -> str:
    return str(borough.nodes["Agency"][0]["id"])


async def _person(client: httpx.AsyncClient, borough: Borough, born: date, **extra: Any) -> str:
    record = uuid.uuid4().hex
    person_input = {
        "givenName": "Test",
        "familyName": f"Person{record[:6]}",
        "dateOfBirth": born.isoformat(),
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": record,
        **extra,
    }
    result = await gql(client, CREATE_PERSON, input=person_input)
    assert result.data["createPerson"]["__typename"] == "Person", result.body
    return str(result.data["createPerson"]["id"])


def _relation(borough: Borough, a: str, b: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "PARTNER_OF",
        "fromPersonId": a,
        "toPersonId": b,
        "partnerKind": "COHABITING",
        "fromDate": "2020-01-01",
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": uuid.uuid4().hex,
        **extra,
    }


async def _each_refused(
    client: httpx.AsyncClient, mutation: str, root: str, cases: list[tuple[Any, str, str]]
) -> None:
    """Each input is refused with its validation reason, naming its field."""
    for value, reason, field in cases:
        error = (await gql(client, mutation, input=value)).data[root]
        assert (error["reason"], error["field"]) == (reason, field), error


def _concern(borough: Borough, person: str, code: str) -> dict[str, Any]:
    return {
        "code": code,
        "personId": person,
        "raisedOn": "2025-01-01",
        "raisedByAgencyId": _agency(borough),
        "sourceRecordId": uuid.uuid4().hex,
    }


def _count(driver: neo4j.Driver, query: str) -> int:
    records, _, _ = driver.execute_query(query)
    return int(records[0][0])


async def test_create_person_is_applied_once_per_idempotency_key(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    person_input = {
        "givenName": " Siobhan ",
        "familyName": "O'Brien",
        "dateOfBirth": "1990-05-17",
        "sex": "FEMALE",
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": uuid.uuid4().hex,
    }
    key = uuid.uuid4().hex
    first = await gql(client, CREATE_PERSON, input=person_input, key=key)
    again = await gql(client, CREATE_PERSON, input=person_input, key=key)
    assert first.data["createPerson"]["id"] == again.data["createPerson"]["id"]
    assert first.data["createPerson"]["fullName"] == "Siobhan O'Brien"
    found = await gql(
        client, 'query { people(search: "Shivaun OBrien") { edges { node { id } } } }'
    )
    assert first.data["createPerson"]["id"] in {
        e["node"]["id"] for e in found.data["people"]["edges"]
    }
    duplicate = await gql(client, CREATE_PERSON, input=person_input)
    assert duplicate.data["createPerson"]["__typename"] == "DuplicateError"
    assert duplicate.data["createPerson"]["existingId"] == first.data["createPerson"]["id"]


async def test_create_person_errors_name_the_field_and_write_nothing(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    before = _count(session_driver, "MATCH (p:Person) RETURN count(p)")
    base = {
        "givenName": "A",
        "familyName": "B",
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": uuid.uuid4().hex,
    }
    cases = [
        ({"givenName": "  "}, "givenName", "INVALID_VALUE"),
        (
            {"dateOfBirth": (date.today() + timedelta(days=3)).isoformat()},
            "dateOfBirth",
            "DATE_IN_FUTURE",
        ),
        (
            {"dateOfBirth": "2000-01-01", "deceasedOn": "1999-01-01"},
            "deceasedOn",
            "INVALID_DATE_RANGE",
        ),
        ({"sourceAgencyId": "AG-none"}, "sourceAgencyId", None),
    ]
    for change, field, code in cases:
        result = await gql(client, CREATE_PERSON, input={**base, **change})
        error = result.data["createPerson"]
        assert error["field"] == field, error
        assert error.get("reason") == code
    assert _count(session_driver, "MATCH (p:Person) RETURN count(p)") == before


async def test_update_person_recomputes_names(client: httpx.AsyncClient, borough: Borough) -> None:
    person = await _person(client, borough, date(1980, 1, 1))
    result = await gql(
        client,
        """mutation($id: ID!) { updatePerson(id: $id, input:
        {familyName: "Okafor"}) { __typename ... on Person { fullName } } }""",
        id=person,
    )
    assert result.data["updatePerson"]["fullName"] == "Test Okafor"
    missing = await gql(
        client,
        """mutation { updatePerson(id: "P-nope", input: {givenName: "X"})
        { __typename ... on NotFoundError { field missingId } } }""",
    )
    assert missing.data["updatePerson"] == {
        "__typename": "NotFoundError",
        "field": "id",
        "missingId": "P-nope",
    }


async def test_update_person_can_clear_a_date_of_death_recorded_in_error(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    person = await _person(client, borough, date(1980, 1, 1), deceasedOn="2025-01-01")
    update = """mutation($id: ID!, $input: PersonUpdateInput!) { updatePerson(id: $id,
      input: $input) { __typename ... on Person { deceasedOn familyName } } }"""
    kept = await gql(client, update, id=person, input={"familyName": "Kept"})
    cleared = await gql(client, update, id=person, input={"deceasedOn": None})
    assert kept.data["updatePerson"] == {
        "__typename": "Person",
        "deceasedOn": "2025-01-01",
        "familyName": "Kept",
    }
    assert cleared.data["updatePerson"]["deceasedOn"] is None
    assert cleared.data["updatePerson"]["familyName"] == "Kept"


async def test_relationship_rules_reject_without_writing(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    adult = await _person(client, borough, date(1985, 3, 3))
    other = await _person(client, borough, date(1986, 4, 4))
    child = await _person(client, borough, date(2014, 6, 6))
    seventeen = await _person(client, borough, date.today().replace(year=date.today().year - 17))
    before = _count(session_driver, "MATCH ()-[r]->() RETURN count(r)")
    rejected = [
        (_relation(borough, adult, adult), "SELF_RELATIONSHIP", "toPersonId"),
        (_relation(borough, adult, other, toDate="2019-01-01"), "INVALID_DATE_RANGE", "toDate"),
        (_relation(borough, adult, child), "CHILD_AS_PARTNER", "fromDate"),
        (
            _relation(
                borough, adult, seventeen, partnerKind="MARRIED", fromDate=date.today().isoformat()
            ),
            "CHILD_AS_PARTNER",
            "fromDate",
        ),
        (
            _relation(borough, adult, other, type="PARENT_OF", partnerKind=None),
            "INVALID_VALUE",
            "parentKind",
        ),
        (
            _relation(borough, child, adult, type="PARENT_OF", parentKind="BIRTH"),
            "INVALID_VALUE",
            "fromPersonId",
        ),
    ]
    await _each_refused(client, RELATE, "recordRelationship", rejected)
    missing = await gql(client, RELATE, input=_relation(borough, adult, "P-missing"))
    assert missing.data["recordRelationship"]["field"] == "toPersonId"
    assert _count(session_driver, "MATCH ()-[r]->() RETURN count(r)") == before


async def test_record_duplicate_and_end_a_relationship(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    a = await _person(client, borough, date(1985, 3, 3))
    b = await _person(client, borough, date(1986, 4, 4))
    recorded = await gql(client, RELATE, input=_relation(borough, a, b), key=uuid.uuid4().hex)
    relationship = recorded.data["recordRelationship"]["relationship"]
    assert relationship["kind"] == "cohabiting" and relationship["fromDate"] == "2020-01-01"
    assert relationship["provenance"]["sourceAgencyId"] == _agency(borough)
    duplicate = await gql(client, RELATE, input=_relation(borough, b, a, fromDate="2021-05-05"))
    assert duplicate.data["recordRelationship"]["existingId"] == relationship["id"]
    ended = await gql(client, END, p=a, r=relationship["id"], d="2023-02-02", a=_agency(borough))
    assert ended.data["endRelationship"]["relationship"]["toDate"] == "2023-02-02"
    twice = await gql(client, END, p=a, r=relationship["id"], d="2023-03-03", a=_agency(borough))
    assert twice.data["endRelationship"]["reason"] == "ALREADY_ENDED"
    after_end = await gql(client, RELATE, input=_relation(borough, a, b, fromDate="2024-01-01"))
    assert after_end.data["recordRelationship"]["__typename"] == "RelationshipRecord"


JOIN = f"""mutation($input: HouseholdMembershipInput!, $key: String) {{
  joinHousehold(input: $input, idempotencyKey: $key) {{
    __typename ... on RelationshipRecord {{ relationship {{ id type source target fromDate
      toDate provenance {{ sourceAgencyId sourceRecordId }} }} }}
    {ERROR_FIELDS} }} }}"""

MOVE = f"""mutation($input: MoveInput!, $key: String) {{
  recordMove(input: $input, idempotencyKey: $key) {{
    __typename ... on RelationshipRecord {{ relationship {{ id type source target fromDate
      toDate }} }}
    {ERROR_FIELDS} }} }}"""

HOMES = """query($id: ID!) { person(id: $id) { households { id } addresses { id } } }"""


def _membership(borough: Borough, person: str, household: str, **extra: Any) -> dict[str, Any]:
    return {
        "personId": person,
        "householdId": household,
        "fromDate": "2019-09-01",
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": uuid.uuid4().hex,
        **extra,
    }


def _move(borough: Borough, person: str, address: str, moved_on: str) -> dict[str, Any]:
    return {
        "personId": person,
        "addressId": address,
        "movedOn": moved_on,
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": uuid.uuid4().hex,
    }


def _open_addresses(borough: Borough) -> list[str]:
    return [str(a["id"]) for a in borough.nodes["Address"] if not a["props"]["protected"]]


async def test_join_household_rejects_without_writing(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    child = await _person(client, borough, date(2015, 1, 10))
    died = await _person(client, borough, date(1940, 1, 1), deceasedOn="2018-05-05")
    household = str(borough.nodes["Household"][0]["id"])
    before = _count(session_driver, "MATCH ()-[r]->() RETURN count(r)")
    rejected = [
        (
            _membership(borough, child, household, fromDate="2014-12-31"),
            "INVALID_DATE_RANGE",
            "fromDate",
        ),  # before the child was born
        (
            _membership(borough, child, household, toDate="2019-08-31"),
            "INVALID_DATE_RANGE",
            "toDate",
        ),
        (
            _membership(
                borough, child, household, fromDate=(date.today() + timedelta(days=1)).isoformat()
            ),
            "DATE_IN_FUTURE",
            "fromDate",
        ),
        (
            _membership(borough, child, household, sourceRecordId="  "),
            "INVALID_VALUE",
            "sourceRecordId",
        ),
    ]
    await _each_refused(client, JOIN, "joinHousehold", rejected)
    after_death = _membership(borough, died, household)  # from 2019-09-01
    error = (await gql(client, JOIN, input=after_death)).data["joinHousehold"]
    assert (error["reason"], error["field"]) == ("INVALID_DATE_RANGE", "fromDate"), error
    assert "died" in error["message"]
    missing = await gql(client, JOIN, input=_membership(borough, child, "H-missing"))
    assert missing.data["joinHousehold"]["field"] == "householdId"
    assert missing.data["joinHousehold"]["missingId"] == "H-missing"
    assert _count(session_driver, "MATCH ()-[r]->() RETURN count(r)") == before


async def test_join_household_once_per_key_and_no_overlapping_membership(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    child = await _person(client, borough, date(2015, 1, 10))
    household = str(borough.nodes["Household"][1]["id"])
    membership, key = _membership(borough, child, household), uuid.uuid4().hex
    first = (await gql(client, JOIN, input=membership, key=key)).data["joinHousehold"]
    again = (await gql(client, JOIN, input=membership, key=key)).data["joinHousehold"]
    joined = first["relationship"]
    assert again["relationship"]["id"] == joined["id"]
    assert (joined["type"], joined["source"], joined["target"], joined["fromDate"]) == (
        "MEMBER_OF",
        child,
        household,
        "2019-09-01",
    )
    assert joined["provenance"]["sourceRecordId"] == membership["sourceRecordId"]
    homes = (await gql(client, HOMES, id=child)).data["person"]
    assert [h["id"] for h in homes["households"]] == [household]
    overlapping = _membership(borough, child, household, fromDate="2023-01-01")
    duplicate = (await gql(client, JOIN, input=overlapping)).data["joinHousehold"]
    assert (duplicate["__typename"], duplicate["field"], duplicate["existingId"]) == (
        "DuplicateError",
        "householdId",
        joined["id"],
    )
    # Shared care: a child may belong to a second household at the same time.
    other = str(borough.nodes["Household"][2]["id"])
    second = (await gql(client, JOIN, input=_membership(borough, child, other))).data
    assert second["joinHousehold"]["__typename"] == "RelationshipRecord"
    homes = (await gql(client, HOMES, id=child)).data["person"]
    assert {h["id"] for h in homes["households"]} == {household, other}
    # A membership ends like any other dated link.
    ended = await gql(client, END, p=child, r=joined["id"], d="2024-01-01", a=_agency(borough))
    assert ended.data["endRelationship"]["__typename"] == "RelationshipRecord", ended.body
    homes = (await gql(client, HOMES, id=child)).data["person"]
    assert [h["id"] for h in homes["households"]] == [other]


async def test_record_move_ends_the_old_address_the_day_before(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    adult = await _person(client, borough, date(1990, 2, 2))
    first_home, second_home = _open_addresses(borough)[:2]
    moved_in = await gql(client, MOVE, input=_move(borough, adult, first_home, "2020-01-01"))
    assert moved_in.data["recordMove"]["relationship"]["target"] == first_home
    key = uuid.uuid4().hex
    move = _move(borough, adult, second_home, "2024-06-01")
    moved = (await gql(client, MOVE, input=move, key=key)).data["recordMove"]["relationship"]
    retried = (await gql(client, MOVE, input=move, key=key)).data["recordMove"]["relationship"]
    assert retried["id"] == moved["id"]
    assert (moved["type"], moved["fromDate"], moved["toDate"]) == ("LIVES_AT", "2024-06-01", None)
    records, _, _ = session_driver.execute_query(
        "MATCH (:Person {id: $id})-[l:LIVES_AT]->(a) RETURN a.id AS address, l.to_date AS until, "
        "l.ended_by AS ended_by ORDER BY l.from_date",
        id=adult,
    )
    assert [(r["address"], r["until"], r["ended_by"]) for r in records] == [
        (first_home, neo4j.time.Date(2024, 5, 31), _agency(borough)),
        (second_home, None, None),
    ]
    homes = (await gql(client, HOMES, id=adult)).data["person"]
    assert [a["id"] for a in homes["addresses"]] == [second_home]
    chronology = await gql(
        client,
        """query($id: ID!) { chronology(personId: $id) {
      on kind relatedId } }""",
        id=adult,
    )
    moves = [
        (e["on"], e["kind"], e["relatedId"])
        for e in chronology.data["chronology"]
        if e["kind"] in ("MOVED_IN", "MOVED_OUT")
    ]
    assert sorted(moves) == [
        ("2020-01-01", "MOVED_IN", first_home),
        ("2024-05-31", "MOVED_OUT", first_home),
        ("2024-06-01", "MOVED_IN", second_home),
    ]


async def test_record_move_rejects_without_writing(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    adult = await _person(client, borough, date(1990, 2, 2))
    home, elsewhere = _open_addresses(borough)[2:4]
    current = await gql(client, MOVE, input=_move(borough, adult, home, "2021-03-01"))
    current_id = current.data["recordMove"]["relationship"]["id"]
    before = _count(session_driver, "MATCH ()-[r]->() RETURN count(r)")
    rejected = [
        (_move(borough, adult, elsewhere, "2021-03-01"), "INVALID_DATE_RANGE", "movedOn"),
        (_move(borough, adult, elsewhere, "1989-12-31"), "INVALID_DATE_RANGE", "movedOn"),
        (
            _move(borough, adult, elsewhere, (date.today() + timedelta(days=1)).isoformat()),
            "DATE_IN_FUTURE",
            "movedOn",
        ),
    ]
    await _each_refused(client, MOVE, "recordMove", rejected)
    same = (await gql(client, MOVE, input=_move(borough, adult, home, "2022-01-01"))).data
    assert (same["recordMove"]["field"], same["recordMove"]["existingId"]) == (
        "addressId",
        current_id,
    )
    missing = await gql(client, MOVE, input=_move(borough, adult, "AD-missing", "2022-01-01"))
    assert missing.data["recordMove"]["field"] == "addressId"
    assert _count(session_driver, "MATCH ()-[r]->() RETURN count(r)") == before
    records, _, _ = session_driver.execute_query(
        "MATCH (:Person {id: $id})-[l:LIVES_AT]->() RETURN l.to_date AS until", id=adult
    )
    assert [r["until"] for r in records] == [None]  # the current address was left alone
    await gql(client, END, p=adult, r=current_id, d="2025-02-02", a=_agency(borough))
    assert (await gql(client, HOMES, id=adult)).data["person"]["addresses"] == []


CREATE_ADDRESS = f"""mutation($input: AddressInput!, $key: String) {{
  createAddress(input: $input, idempotencyKey: $key) {{
    __typename ... on Address {{ id line1 town postcode area protected }} {ERROR_FIELDS} }} }}"""

CREATE_HOUSEHOLD = """mutation($input: HouseholdInput!, $key: String) {
  createHousehold(input: $input, idempotencyKey: $key) {
    __typename ... on HouseholdView { id kind address { id line1 protected } members { id } }
    ... on UserError { message field } ... on NotFoundError { missingId } } }"""


def _address(borough: Borough, **extra: Any) -> dict[str, Any]:
    return {
        "line1": f"Flat {uuid.uuid4().int % 10**6} Test House",
        "postcode": "NB7 9ZZ",
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": uuid.uuid4().hex,
        **extra,
    }


async def test_create_address_normalises_refuses_duplicates_and_bad_input(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    address, key = _address(borough, postcode="nb79zz", town="Northbridge"), uuid.uuid4().hex
    address["line1"] = "  " + address["line1"].replace(" ", "   ") + " "
    created = (await gql(client, CREATE_ADDRESS, input=address, key=key)).data["createAddress"]
    again = (await gql(client, CREATE_ADDRESS, input=address, key=key)).data["createAddress"]
    assert again["id"] == created["id"]
    line1 = " ".join(address["line1"].split())
    assert (created["line1"], created["postcode"], created["town"], created["protected"]) == (
        line1,
        "NB7 9ZZ",
        "Northbridge",
        False,
    )
    before = _count(session_driver, "MATCH (a:Address) RETURN count(a)")
    same = _address(borough, line1=line1.upper(), postcode="NB7 9ZZ")
    duplicate = (await gql(client, CREATE_ADDRESS, input=same)).data["createAddress"]
    assert (duplicate["__typename"], duplicate["field"], duplicate["existingId"]) == (
        "DuplicateError",
        "line1",
        created["id"],
    )
    wrong = [
        (_address(borough, postcode="NOT A POSTCODE"), "INVALID_VALUE", "postcode"),
        (_address(borough, line1="   "), "INVALID_VALUE", "line1"),
        (_address(borough, sourceRecordId=""), "INVALID_VALUE", "sourceRecordId"),
    ]
    await _each_refused(client, CREATE_ADDRESS, "createAddress", wrong)
    nowhere = await gql(client, CREATE_ADDRESS, input=_address(borough, sourceAgencyId="AG-none"))
    assert nowhere.data["createAddress"]["missingId"] == "AG-none"
    assert _count(session_driver, "MATCH (a:Address) RETURN count(a)") == before


async def test_a_new_address_is_in_its_postcode_districts_area_or_a_stated_one(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    areas: dict[str, Counter[str]] = {}
    for row in borough.nodes["Address"]:
        district = row["props"]["postcode"].split(" ")[0]
        areas.setdefault(district, Counter())[row["props"]["area"]] += 1
    district, counts = sorted(areas.items())[0]
    in_district = _address(borough, postcode=f"{district} 9ZZ")
    derived = await gql(client, CREATE_ADDRESS, input=in_district)
    assert derived.data["createAddress"]["area"] == counts.most_common(1)[0][0]
    other = next(a for c in areas.values() for a in c if a not in counts)
    stated = _address(borough, postcode=f"{district} 9ZZ", area=other)
    assert (await gql(client, CREATE_ADDRESS, input=stated)).data["createAddress"]["area"] == other
    nowhere = await gql(client, CREATE_ADDRESS, input=_address(borough, postcode="ZZ9 9ZZ"))
    assert nowhere.data["createAddress"]["area"] is None  # no address in that district yet
    before = _count(session_driver, "MATCH (a:Address) RETURN count(a)")
    wrong = [(_address(borough, area="Atlantis"), "INVALID_VALUE", "area")]
    await _each_refused(client, CREATE_ADDRESS, "createAddress", wrong)
    session_driver.execute_query("""MERGE (a:Address {id: 'AD-T-SPACED'}) SET a += {
      line1: '7  Mill   Lane', postcode: 'NB1 1ZZ'}""")  # as a load might have stored it
    spaced = _address(borough, line1="7 mill lane", postcode="NB1 1ZZ")
    duplicate = (await gql(client, CREATE_ADDRESS, input=spaced)).data["createAddress"]
    assert (duplicate["__typename"], duplicate["existingId"]) == ("DuplicateError", "AD-T-SPACED")
    assert _count(session_driver, "MATCH (a:Address) RETURN count(a)") == before + 1


async def test_a_family_moves_into_a_new_household_at_a_refuge(
    client: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    refuge = (await gql(client, CREATE_ADDRESS, input=_address(borough, protected=True))).data
    refuge_id = refuge["createAddress"]["id"]
    assert refuge["createAddress"]["line1"] is None  # withheld without a break-glass reason
    # Placing a family at a refuge is itself a restricted action: it takes a stated reason.
    client.headers["X-Break-Glass-Reason"] = "Family fleeing domestic abuse placed tonight"
    household_input = {
        "kind": "LONE_PARENT",
        "addressId": refuge_id,
        "since": "2026-01-04",
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": uuid.uuid4().hex,
    }
    key = uuid.uuid4().hex
    created = (await gql(client, CREATE_HOUSEHOLD, input=household_input, key=key)).data
    household = created["createHousehold"]
    retried = (await gql(client, CREATE_HOUSEHOLD, input=household_input, key=key)).data
    assert retried["createHousehold"]["id"] == household["id"]
    assert (household["kind"], household["address"]["id"], household["members"]) == (
        "lone_parent",
        refuge_id,
        [],
    )
    mother = await _person(client, borough, date(1992, 7, 7))
    joined = await gql(
        client, JOIN, input=_membership(borough, mother, household["id"], fromDate="2026-01-05")
    )
    moved = await gql(client, MOVE, input=_move(borough, mother, refuge_id, "2026-01-05"))
    assert joined.data["joinHousehold"]["__typename"] == "RelationshipRecord", joined.body
    assert moved.data["recordMove"]["__typename"] == "RelationshipRecord", moved.body
    homes = (await gql(client, HOMES, id=mother)).data["person"]
    assert ([h["id"] for h in homes["households"]], [a["id"] for a in homes["addresses"]]) == (
        [household["id"]],
        [refuge_id],
    )
    # Dated, so the analyses see the household at its address from that day.
    records, _, _ = session_driver.execute_query(
        "MATCH (:Household {id: $id})-[l:LOCATED_AT]->(a) RETURN a.id AS a, l.from_date AS since",
        id=household["id"],
    )
    assert [(r["a"], r["since"]) for r in records] == [(refuge_id, neo4j.time.Date(2026, 1, 4))]
    future = {**household_input, "since": (date.today() + timedelta(days=1)).isoformat()}
    error = (await gql(client, CREATE_HOUSEHOLD, input=future)).data["createHousehold"]
    assert error["field"] == "since"
    missing = {**household_input, "addressId": "AD-missing"}
    error = (await gql(client, CREATE_HOUSEHOLD, input=missing)).data["createHousehold"]
    assert (error["__typename"], error["field"]) == ("NotFoundError", "addressId")


CONCERN = """mutation($input: ConcernInput!) { recordConcern(input: $input) { __typename
  ... on Concern { id code codeLabel headlineProblem status subjectId raisedByAgencyId }
  ... on UserError { message field } ... on ValidationError { reason } } }"""
CLOSE_CONCERN = """mutation($id: ID!, $on: Date!, $outcome: String!) {
  closeConcern(id: $id, closedOn: $on, outcome: $outcome) { __typename
  ... on Concern { id status closedOn outcome closedBy } ... on UserError { message field }
  ... on ValidationError { reason } } }"""


async def test_a_concern_is_closed_once_with_its_outcome_and_who_closed_it(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    person = await _person(client, borough, date(1990, 1, 1))
    concern = _concern(borough, person, "3B")
    concern_id = (await gql(client, CONCERN, input=concern)).data["recordConcern"]["id"]
    later = (date.today() + timedelta(days=1)).isoformat()
    refused = [
        ("2024-12-31", "NFA", "INVALID_DATE_RANGE", "closedOn"),
        (later, "NFA", "DATE_IN_FUTURE", "closedOn"),
        ("2025-02-01", "  ", "INVALID_VALUE", "outcome"),
    ]
    for on, outcome, reason, field in refused:
        error = await gql(client, CLOSE_CONCERN, id=concern_id, on=on, outcome=outcome)
        assert (error.data["closeConcern"]["reason"], error.data["closeConcern"]["field"]) == (
            reason,
            field,
        )
    missing = await gql(client, CLOSE_CONCERN, id="C-none", on="2025-02-01", outcome="NFA")
    assert (missing.data["closeConcern"]["__typename"], missing.data["closeConcern"]["field"]) == (
        "NotFoundError",
        "id",
    )
    still = await gql(
        client,
        "query($p: ID!) { concerns(personId: $p) { edges { node { id status closedOn } } } }",
        p=person,
    )
    assert [e["node"]["status"] for e in still.data["concerns"]["edges"]] == ["open"]
    closed = await gql(
        client,
        CLOSE_CONCERN,
        id=concern_id,
        on="2025-02-01",
        outcome="Assessment found no further action needed",
    )
    assert closed.data["closeConcern"] == {
        "__typename": "Concern",
        "id": concern_id,
        "status": "closed",
        "closedOn": "2025-02-01",
        "outcome": "Assessment found no further action needed",
        "closedBy": "test.user",
    }
    again = await gql(client, CLOSE_CONCERN, id=concern_id, on="2025-02-02", outcome="NFA")
    assert again.data["closeConcern"]["reason"] == "ALREADY_ENDED"
    events = await gql(client, "query($p: ID!) { chronology(personId: $p) { kind on } }", p=person)
    assert {"kind": "CONCERN_CLOSED", "on": "2025-02-01"} in events.data["chronology"]


async def test_concerns_hazards_and_cases(client: httpx.AsyncClient, borough: Borough) -> None:
    person = await _person(client, borough, date(1990, 1, 1))
    concern = _concern(borough, person, "3b")
    recorded = (await gql(client, CONCERN, input=concern)).data["recordConcern"]
    assert (recorded["code"], recorded["headlineProblem"], recorded["subjectId"]) == (
        "3B",
        8,
        person,
    )
    for code, expected in (("99Z", "INVALID_CODE"), ("18A", "INVALID_CODE")):
        error = (await gql(client, CONCERN, input={**concern, "code": code})).data["recordConcern"]
        assert (error["reason"], error["field"]) == (expected, "code")
    hazard = await gql(
        client,
        """mutation($p: ID!, $a: ID!) { addHazard(input: {kind: AGGRESSIVE_DOG,
        description: "Large dog; ask for it to be secured", personId: $p, recordedOn: "2025-01-01",
        reviewOn: "2026-01-01", sourceAgencyId: $a}) { __typename ... on Hazard { id kind
        reviewOverdue personId } } }""",
        p=person,
        a=_agency(borough),
    )
    added = hazard.data["addHazard"]
    assert added["personId"] == person and added["reviewOverdue"] is (
        date(2026, 1, 1) < date.today()
    )
    shown = await gql(client, "query($id: ID!) { person(id: $id) { hazards { id } } }", id=person)
    assert [h["id"] for h in shown.data["person"]["hazards"]] == [added["id"]]
    employment = borough.relationships["Worker:EMPLOYED_BY:Agency"][0]
    worker = employment["start"]
    opened = await gql(
        client,
        """mutation($p: ID!, $a: ID!) { openCase(input: {kind: CHILD_IN_NEED,
        personIds: [$p], openedOn: "2025-02-01", agencyId: $a}) { ... on Case { id status } } }""",
        p=person,
        a=employment["end"],
    )
    case_id = opened.data["openCase"]["id"]
    allocated = await gql(
        client,
        """mutation($c: ID!, $w: ID!) { allocateCase(caseId: $c, workerId: $w,
        fromDate: "2025-02-02", reason: "test") {
        ... on Case { allocatedWorker { id } } } }""",
        c=case_id,
        w=worker,
    )
    assert allocated.data["allocateCase"]["allocatedWorker"]["id"] == worker
    closed = await gql(
        client,
        """mutation($c: ID!) { closeCase(id: $c, closedOn: "2025-01-01") {
        __typename ... on ValidationError { reason field } } }""",
        c=case_id,
    )
    assert closed.data["closeCase"] == {
        "__typename": "ValidationError",
        "reason": "INVALID_DATE_RANGE",
        "field": "closedOn",
    }


async def test_a_write_whose_closing_audit_event_fails_says_it_was_applied(
    client: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = AuditLog.record

    async def closing_event_fails(self: AuditLog, event: AuditEvent) -> None:
        if event.outcome != "attempted":
            raise OSError("disk full")
        await record(self, event)

    monkeypatch.setattr(AuditLog, "record", closing_event_fails)
    source = uuid.uuid4().hex
    person_input = {
        "givenName": "Applied",
        "familyName": "Unseen",
        "dateOfBirth": "1990-01-01",
        "sourceAgencyId": _agency(borough),
        "sourceRecordId": source,
    }
    applied = await gql(client, CREATE_PERSON, input=person_input)
    assert applied.status == 503 and not applied.data
    assert applied.errors[0]["extensions"] == {"code": "AUDIT_UNAVAILABLE", "writeApplied": True}
    assert "the write was applied" in applied.errors[0]["message"]
    assert (
        _count(session_driver, f"MATCH (p:Person {{source_record_id: '{source}'}}) RETURN count(p)")
        == 1
    )
    refused = await gql(client, CREATE_PERSON, input={**person_input, "dateOfBirth": "2150-01-01"})
    assert refused.errors[0]["extensions"] == {"code": "AUDIT_UNAVAILABLE"}  # nothing written


OPEN_CASE = """mutation($p: ID!, $a: ID!, $kind: CaseKind!) { openCase(input: {kind: $kind,
  personIds: [$p], openedOn: "2026-11-02", agencyId: $a}) { ... on Case { id } } }"""
MILESTONE = """mutation($c: ID!, $m: CaseMilestone!, $on: Date!, $asOf: Date) {
  recordCaseMilestone(caseId: $c, milestone: $m, on: $on) { __typename
  ... on Case { decidedOn strategyDiscussionOn initialConferenceOn
    timescales(asOf: $asOf) { timescale dueOn doneOn state workingDaysLeft basis } }
  ... on UserError { message field } ... on ValidationError { reason } } }"""


async def test_case_milestones_drive_the_statutory_timescales(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    child = await _person(client, borough, date(2015, 6, 1))
    agency = _agency(borough)
    opened = await gql(client, OPEN_CASE, p=child, a=agency, kind="CHILD_PROTECTION")
    case = opened.data["openCase"]["id"]
    record = functools.partial(gql, client, MILESTONE, c=case)
    decided = (await record(m="DECISION", on="2026-11-05", asOf="2026-11-09")).data
    standing = {t["timescale"]: t for t in decided["recordCaseMilestone"]["timescales"]}
    assert decided["recordCaseMilestone"]["decidedOn"] == "2026-11-05"
    assert (standing["REFERRAL_DECISION"]["dueOn"], standing["REFERRAL_DECISION"]["state"]) == (
        "2026-11-03",
        "MET_LATE",
    )
    assert standing["ASSESSMENT"]["dueOn"] == "2027-01-07"  # 45 working days, bank holidays out
    assert standing["ASSESSMENT"]["workingDaysLeft"] == 40  # 5 of 45 gone by 9 November
    assert "45 working days" in standing["ASSESSMENT"]["basis"]
    later = (date.today() + timedelta(days=1)).isoformat()
    refused = [
        ({"m": "DECISION", "on": "2026-11-06"}, "INVALID_VALUE", "milestone"),  # already there
        ({"m": "INITIAL_CONFERENCE", "on": "2026-11-10"}, "INVALID_DATE_RANGE", "on"),
        ({"m": "STRATEGY_DISCUSSION", "on": "2026-11-01"}, "INVALID_DATE_RANGE", "on"),
        ({"m": "STRATEGY_DISCUSSION", "on": later}, "DATE_IN_FUTURE", "on"),
    ]
    for variables, reason, field in refused:
        error = (await record(**variables)).data["recordCaseMilestone"]
        assert (error["reason"], error["field"]) == (reason, field), error
    await record(m="STRATEGY_DISCUSSION", on="2026-11-06")
    held = (await record(m="INITIAL_CONFERENCE", on="2026-11-20", asOf="2026-11-23")).data
    case_view = held["recordCaseMilestone"]
    assert (case_view["strategyDiscussionOn"], case_view["initialConferenceOn"]) == (
        "2026-11-06",
        "2026-11-20",
    )
    conference = next(t for t in case_view["timescales"] if t["timescale"] == "INITIAL_CONFERENCE")
    assert (conference["dueOn"], conference["state"]) == ("2026-11-27", "MET")
    missing = (await gql(client, MILESTONE, c="CS-none", m="DECISION", on="2026-11-05")).data
    assert missing["recordCaseMilestone"]["field"] == "caseId"
    early_help = await gql(client, OPEN_CASE, p=child, a=agency, kind="EARLY_HELP")
    other = early_help.data["openCase"]["id"]
    refused_kind = (await gql(client, MILESTONE, c=other, m="DECISION", on="2026-11-05")).data
    assert refused_kind["recordCaseMilestone"]["field"] == "milestone"
    await _cases_with_a_timescale(client, "OVERDUE", "2027-01-11", expected=case)
    events = await gql(
        client, "query($p: ID!) { chronology(personId: $p) { kind on summary } }", p=child
    )
    steps = [
        (e["kind"], e["on"])
        for e in events.data["chronology"]
        if e["kind"] in ("REFERRAL_DECISION", "STRATEGY_DISCUSSION", "INITIAL_CONFERENCE")
    ]
    assert steps == [
        ("REFERRAL_DECISION", "2026-11-05"),
        ("STRATEGY_DISCUSSION", "2026-11-06"),
        ("INITIAL_CONFERENCE", "2026-11-20"),
    ]
    await _cases_with_a_timescale(client, "OVERDUE", "2026-11-03", unexpected=case)
    alone = await gql(client, 'query { cases(asOf: "2026-11-03") { edges { node { id } } } }')
    assert alone.errors[0]["extensions"]["field"] == "asOf"


CASES_BY_TIMESCALE = """query($state: TimescaleState!, $on: Date, $after: String) {
  cases(timescale: $state, asOf: $on, first: 25, after: $after) {
    edges { node { id timescales(asOf: $on) { state dueOn } } }
    pageInfo { hasNextPage endCursor } } }"""


async def _cases_with_a_timescale(
    client: httpx.AsyncClient, state: str, on: str, expected: str = "", unexpected: str = ""
) -> None:
    """Every case listed has a step in `state` on `on`, soonest due first, over all pages."""
    seen: list[tuple[str, str]] = []
    after = None
    for _ in range(40):
        page = (await gql(client, CASES_BY_TIMESCALE, state=state, on=on, after=after)).data
        for edge in page["cases"]["edges"]:
            due = [t["dueOn"] for t in edge["node"]["timescales"] if t["state"] == state]
            assert due, edge
            seen.append((min(due), edge["node"]["id"]))
        if not page["cases"]["pageInfo"]["hasNextPage"]:
            break
        after = page["cases"]["pageInfo"]["endCursor"]
    assert seen == sorted(seen) and len({case for _, case in seen}) == len(seen)
    ids = {case for _, case in seen}
    assert (expected in ids or not expected) and unexpected not in ids
