"""Idempotency keys belong to the caller and to one input: a retry is applied once, a
conflicting reuse is refused with nothing written, and another caller's key never
swallows a write."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import neo4j

from graph_service.security.roles import Role
from tests.api.conftest import POLICE, ClientFor, gql

CREATE = """mutation($input: PersonInput!, $key: String) {
  createPerson(input: $input, idempotencyKey: $key) { __typename ... on Person { id }
    ... on UserError { message field } ... on ValidationError { reason } } }"""
COUNT = "MATCH (p:Person) WHERE p.family_name = $name RETURN count(p) AS n"


def _person(name: str) -> dict[str, Any]:
    return {
        "givenName": "Ida",
        "familyName": name,
        "dateOfBirth": "2001-01-01",
        "sourceAgencyId": POLICE,
        "sourceRecordId": uuid.uuid4().hex,
    }


def _count(driver: neo4j.Driver, name: str) -> int:
    return int(driver.execute_query(COUNT, name=name).records[0]["n"])


async def test_ten_simultaneous_retries_with_one_key_are_applied_once(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    name, key = f"Retry{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    person = _person(name)
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        results = await asyncio.gather(
            *(gql(mash, CREATE, input=person, key=key) for _ in range(10))
        )
    ids = {r.data["createPerson"].get("id") for r in results}
    assert len(ids) == 1 and None not in ids, [r.body for r in results]
    assert _count(session_driver, name) == 1


async def test_a_key_reused_with_different_input_is_refused_and_writes_nothing(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    first, second = f"First{uuid.uuid4().hex[:8]}", f"Other{uuid.uuid4().hex[:8]}"
    key = uuid.uuid4().hex
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        created = await gql(mash, CREATE, input=_person(first), key=key)
        reused = await gql(mash, CREATE, input=_person(second), key=key)
    assert created.data["createPerson"]["__typename"] == "Person"
    refusal = reused.data["createPerson"]
    assert (refusal["__typename"], refusal["field"], refusal["reason"]) == (
        "ValidationError",
        "idempotencyKey",
        "IDEMPOTENCY_CONFLICT",
    )
    assert "different" in refusal["message"]
    assert (_count(session_driver, first), _count(session_driver, second)) == (1, 0)


async def test_another_callers_key_never_swallows_a_write(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    key = uuid.uuid4().hex
    names = [f"Mine{uuid.uuid4().hex[:8]}", f"Yours{uuid.uuid4().hex[:8]}"]
    results = []
    for role, name in zip((Role.MASH_PRACTITIONER, Role.SENIOR_PRACTITIONER), names, strict=True):
        async with app_for(role) as caller:
            results.append(await gql(caller, CREATE, input=_person(name), key=key))
    assert [r.data["createPerson"]["__typename"] for r in results] == ["Person", "Person"]
    assert [_count(session_driver, name) for name in names] == [1, 1]
