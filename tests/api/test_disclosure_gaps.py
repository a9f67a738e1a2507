"""The need-to-know failures found by trying the service as each role would (issue 19),
each reproduced through HTTP on a real Neo4j before it was fixed."""

from __future__ import annotations

from graph_service.model.taxonomy import ConcernCode
from graph_service.security.roles import Role
from tests.api.conftest import (
    PUPIL,
    SCHOOL,
    ClientFor,
    GraphQLResult,
    gql,
)

NEAREST = """query($id: ID!) { nearestRelative(personId: $id) { patientId
  candidates { personId name facts } } }"""
INDICATORS = """query($id: ID!) { familyIndicators(personId: $id) { id children evidence } }"""
NODES = """query($id: ID!) { familyNetwork(personId: $id, depth: 1) {
  nodes { id kind label } concerns { id code codeLabel withheld } } }"""
BY_CODE = """query($id: ID!, $code: String!) { concerns(personId: $id, code: $code) {
  edges { node { id code withheld } } } }"""
MENTAL_HEALTH = ConcernCode("4B")


def _code(result: GraphQLResult) -> str:
    return str(result.errors[0]["extensions"]["code"])


async def test_a_partner_may_not_ask_for_a_nearest_relative_or_family_indicators(
    app_for: ClientFor,
) -> None:
    for role in (Role.PARTNER_AGENCY, Role.INTEGRATION_SYSTEM):
        async with app_for(role, SCHOOL) as partner:
            nearest = await gql(partner, NEAREST, id=PUPIL)
            indicators = await gql(partner, INDICATORS, id=PUPIL)
        assert _code(nearest) == "FORBIDDEN" and nearest.data["nearestRelative"] is None
        assert _code(indicators) == "FORBIDDEN" and indicators.data["familyIndicators"] is None
        assert "no access" in nearest.errors[0]["message"]


async def test_a_network_node_never_labels_a_concern_that_is_withheld(app_for: ClientFor) -> None:
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        result = await gql(school, NODES, id=PUPIL)
    network = result.data["familyNetwork"]
    withheld = {c["id"] for c in network["concerns"] if c["withheld"]}
    assert withheld == {"CT-1"}  # the police's mental health concern
    for node in network["nodes"]:
        if node["id"] in withheld:
            assert MENTAL_HEALTH.value not in node["label"]
            assert MENTAL_HEALTH.label not in node["label"]
    assert any(MENTAL_HEALTH.label in n["label"] for n in network["nodes"] if n["id"] == "CT-2")


async def test_a_code_filter_treats_a_withheld_concern_as_if_its_code_were_unknown(
    app_for: ClientFor,
) -> None:
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        mental = await gql(school, BY_CODE, id=PUPIL, code="4B")
        other = await gql(school, BY_CODE, id=PUPIL, code="8B")
    assert [e["node"]["id"] for e in mental.data["concerns"]["edges"]] == ["CT-2"]
    assert [e["node"]["id"] for e in other.data["concerns"]["edges"]] == ["CT-3"]
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        everything = await gql(mash, BY_CODE, id=PUPIL, code="4B")
    assert {e["node"]["id"] for e in everything.data["concerns"]["edges"]} == {"CT-1", "CT-2"}
