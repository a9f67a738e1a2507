"""Analytics on a seeded borough, through GraphQL and the command line."""

from __future__ import annotations

import json

import httpx
import neo4j
from typer.testing import CliRunner

from graph_service.analytics.report import FamilyNetworkFacts, borough_facts, network_params
from graph_service.cli import app
from graph_service.ingest.synthetic import REFERENCE_DATE, Borough
from graph_service.model.thresholds import Thresholds
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import native
from tests.api.conftest import gql
from tests.conftest import Neo4jConnection

QUERY = """query($on: Date, $kind: String, $after: String) {
  youngCarers(asOf: $on, kind: $kind, first: 5, after: $after) {
    analysis asOf computedAt total hasNextPage endCursor thresholds { name value }
    flags { childId age kind score knownToYoungCarersService evidence { what text } } }
  toxicTrio(asOf: $on, first: 100) { total flags { childId age evidence { what text } } } }"""


async def test_young_carers_and_toxic_trio_through_graphql(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    on = REFERENCE_DATE.isoformat()
    first = (await gql(client, QUERY, on=on)).data
    report = first["youngCarers"]
    assert report["total"] > 0 and report["analysis"] == "young-carers"
    assert {"name": "minimum_disadvantage_problems", "value": "3"} in report["thresholds"]
    scores = [f["score"] for f in report["flags"]]
    assert scores == sorted(scores, reverse=True)
    assert all(f["evidence"] and f["age"] < 18 for f in report["flags"])
    if report["hasNextPage"]:
        second = (await gql(client, QUERY, on=on, after=report["endCursor"])).data["youngCarers"]
        assert not {f["childId"] for f in second["flags"]} & {f["childId"] for f in report["flags"]}
    hidden = (await gql(client, QUERY, on=on, kind="hidden")).data["youngCarers"]
    assert all(f["kind"] == "hidden" for f in hidden["flags"])
    for flag in first["toxicTrio"]["flags"]:
        assert {"domestic abuse", "parental mental ill-health", "parental substance misuse"} <= {
            fact["what"] for fact in flag["evidence"]
        }
    again = (await gql(client, QUERY, on=on)).data
    assert again["youngCarers"]["flags"] == report["flags"]  # reproducible run to run
    bad = await gql(client, QUERY, on=on, kind="maybe")
    assert bad.errors[0]["extensions"]["field"] == "kind"


def test_analyse_command_exports_json_and_csv(
    borough: Borough, neo4j_connection: Neo4jConnection, session_driver: neo4j.Driver
) -> None:
    runner = CliRunner()
    on = REFERENCE_DATE.isoformat()
    result = runner.invoke(
        app,
        ["analyse", "young-carers", "--as-of", on, "--format", "json"],
        env=neo4j_connection.env(),
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["analysis"] == "young-carers" and body["thresholds"]["adult_age"] == 18
    assert body["results"] and all(r["evidence"] for r in body["results"])
    records, _, _ = session_driver.execute_query(
        "MATCH (e:AuditEvent) RETURN e {.*} AS e ORDER BY e.at DESC LIMIT 1"
    )
    export = records[0]["e"]  # the export was audited before anything was written out
    assert (export["role"], export["operation"]) == (
        "local_operator",
        "export analyse young-carers",
    )
    assert {r["child_id"] for r in body["results"]} <= set(export["person_ids"])
    as_csv = runner.invoke(
        app,
        ["analyse", "disadvantage", "--as-of", on, "--format", "csv"],
        env=neo4j_connection.env(),
    )
    assert as_csv.exit_code == 0 and as_csv.stdout.startswith("id,area,households,")
    table = runner.invoke(app, ["analyse", "hubs", "--as-of", on], env=neo4j_connection.env())
    assert table.exit_code == 0 and "thresholds" in table.stdout
    for kind in ("clusters", "hubs"):  # --area keeps results with a household in it
        every = runner.invoke(
            app, ["analyse", kind, "--as-of", on, "--format", "json"], env=neo4j_connection.env()
        )
        rows = json.loads(every.stdout)["results"]
        area = borough.nodes["Household"][0]["props"]["area"]
        homes = {h["id"] for h in borough.nodes["Household"] if h["props"]["area"] == area}
        narrowed = runner.invoke(
            app,
            ["analyse", kind, "--as-of", on, "--area", area, "--format", "json"],
            env=neo4j_connection.env(),
        )
        expected = [r for r in rows if homes & set(r["households"])]
        assert json.loads(narrowed.stdout)["results"] == expected, kind
        assert len(expected) < len(rows) or not rows, kind
    bad = runner.invoke(app, ["analyse", "everything"], env=neo4j_connection.env())
    assert bad.exit_code == 1 and "analysis" in bad.output


NETWORK = """query($on: Date, $id: ID!) {
  multipleDisadvantage(asOf: $on, first: 100) { total thresholds { name value }
    families { id children households problemCount qualifies atThreshold problems
      evidence { text } } }
  familyIndicators(personId: $id, asOf: $on) {
    id problemCount flagged evidence { text } households children }
  riskHubs(asOf: $on, first: 5) { total hubs { personId reason households evidence { text } } }
  disadvantageClusters(asOf: $on, first: 5) { total clusters { households problemCount } } }"""


async def test_family_indicators_match_the_borough_run(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    on = REFERENCE_DATE.isoformat()
    someone = borough.nodes["Person"][0]["id"]
    data = (await gql(client, NETWORK, on=on, id=someone)).data
    families = data["multipleDisadvantage"]["families"]
    assert families, "a seeded borough has families with multiple disadvantage"
    for family in families:
        assert family["qualifies"] and family["atThreshold"] and family["problemCount"] >= 3
        assert len(family["problems"]) == family["problemCount"] and family["evidence"]
    counts = [f["problemCount"] for f in families]
    assert counts == sorted(counts, reverse=True)
    flagged = families[0]
    one = (await gql(client, NETWORK, on=on, id=flagged["children"][0])).data["familyIndicators"]
    assert one["id"] == flagged["id"] and one["problemCount"] == flagged["problemCount"]
    assert sorted(e["text"] for e in one["evidence"]) == sorted(
        e["text"] for e in flagged["evidence"]
    )
    assert one["households"] == flagged["households"] and one["children"] == flagged["children"]
    for hub in data["riskHubs"]["hubs"]:
        assert hub["evidence"] and len(hub["households"]) >= 2


def test_borough_facts_are_the_same_however_the_reads_are_chunked(
    borough: Borough, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    def read(chunk: int) -> tuple[int, int, FamilyNetworkFacts]:
        params = {**network_params(REFERENCE_DATE, Thresholds()), "chunk": chunk}
        links, _, _ = session_driver.execute_query(queries["analytics_family_links"], params)
        parts, _, _ = session_driver.execute_query(queries["analytics_people_and_concerns"], params)
        facts = borough_facts([r.data() for r in links], [native(r.data()) for r in parts])
        return len(links), len(parts), facts

    whole_links, whole_parts, whole = read(10_000_000)
    chunked_links, chunked_parts, chunked = read(97)
    assert whole_links == 1 and whole_parts == 4  # one record per list
    assert chunked_links == -(-len(whole.links) // 97) and chunked_parts > 4
    assert len(whole.links) > 1000 and whole.concerns and whole.children and whole.names
    assert chunked == whole
