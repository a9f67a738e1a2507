from __future__ import annotations

import re
from datetime import date

import neo4j
import pytest

from graph_service.config import PROJECT_ROOT
from graph_service.ingest.loader import count_graph, load_borough, load_query_name
from graph_service.ingest.synthetic import Borough, generate_borough
from graph_service.store.queries import QueryLibrary
from tests.conftest import wipe_graph

FINGERPRINT = """
MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:GraphVersion
WITH n ORDER BY n.id
WITH collect([labels(n), properties(n)]) AS nodes
MATCH ()-[r]->()
WITH nodes, r ORDER BY r.id
RETURN nodes, collect([type(r), startNode(r).id, endNode(r).id, properties(r)]) AS rels
"""


@pytest.fixture(scope="module")
def borough() -> Borough:
    return generate_borough(3000, seed=21)


def test_every_load_has_a_named_query(borough: Borough, queries: QueryLibrary) -> None:
    for load in [*borough.nodes, *borough.relationships]:
        assert load_query_name(load) in queries
        assert load_query_name(load, fresh=True) in queries
        assert "MERGE" in queries[load_query_name(load)]
        assert "MERGE" not in queries[load_query_name(load, fresh=True)]


def _fingerprint(graph: neo4j.Driver) -> tuple[object, object]:
    records, _, _ = graph.execute_query(FINGERPRINT)
    return records[0]["nodes"], records[0]["rels"]


def test_a_load_interrupted_after_its_nodes_is_finished_by_the_next_run(
    graph: neo4j.Driver, queries: QueryLibrary, borough: Borough
) -> None:
    load_borough(graph, queries, borough)  # every label empty: all created
    clean = _fingerprint(graph)
    wipe_graph(graph)
    nodes_only = Borough(seed=borough.seed, nodes=borough.nodes)
    load_borough(graph, queries, nodes_only)  # as if stopped before the relationships
    load_borough(graph, queries, borough)  # labels no longer empty: merged
    assert _fingerprint(graph) == clean


def test_a_first_load_with_a_repeated_id_writes_nothing_and_names_it(
    graph: neo4j.Driver, queries: QueryLibrary, borough: Borough
) -> None:
    people = borough.nodes["Person"]
    twice = Borough(seed=borough.seed, nodes={**borough.nodes, "Person": [*people, people[7]]})
    with pytest.raises(ValueError, match=f"Person: id '{people[7]['id']}' appears more than"):
        load_borough(graph, queries, twice)
    assert count_graph(graph, queries).people == 0


def test_loaded_counts_match_what_was_generated(
    graph: neo4j.Driver, queries: QueryLibrary, borough: Borough
) -> None:
    progressed: list[int] = []
    load_borough(graph, queries, borough, batch_size=700, progress=progressed.append)
    counts = count_graph(graph, queries)
    generated = borough.counts()
    assert counts.people == generated["Person"] == 3000
    assert counts.households == generated["Household"]
    assert counts.concerns == generated["Concern"]
    assert counts.hazards == generated["Hazard"]
    assert counts.relationships == sum(borough.relationship_counts().values())
    assert sum(progressed) == sum(
        map(len, [*borough.nodes.values(), *borough.relationships.values()])
    )


def test_loading_twice_changes_nothing(
    graph: neo4j.Driver, queries: QueryLibrary, borough: Borough
) -> None:
    assert _version(graph, queries) is None  # an empty graph has no version yet
    load_borough(graph, queries, borough)
    before, _, _ = graph.execute_query(FINGERPRINT)
    version = _version(graph, queries)
    load_borough(graph, queries, borough, batch_size=333)
    after, _, _ = graph.execute_query(FINGERPRINT)
    assert before[0]["nodes"] == after[0]["nodes"]
    assert before[0]["rels"] == after[0]["rels"]
    # Only the version moved: kept analyses are not served across a load.
    assert _version(graph, queries) not in (None, version)


def test_relationships_in_the_graph_keep_dates_and_provenance(
    graph: neo4j.Driver, queries: QueryLibrary, borough: Borough
) -> None:
    load_borough(graph, queries, borough)
    records, _, _ = graph.execute_query(
        "MATCH (p:Person)-[r:PARENT_OF]->(c:Person) "
        "RETURN r.from_date AS since, r.source_agency AS agency, r.kind AS kind, "
        "r.parental_responsibility AS pr LIMIT 50"
    )
    assert records
    for record in records:
        assert type(record["since"]) is date
        assert record["agency"].startswith("AG")
        assert record["kind"] in {"birth", "step", "adoptive", "foster", "special_guardian"}
        assert isinstance(record["pr"], bool)


def _names_index(graph: neo4j.Driver) -> list[dict[str, object]]:
    records, _, _ = graph.execute_query(
        "SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties "
        "WHERE name = 'person_names' RETURN type, state, labelsOrTypes, properties"
    )
    return [record.data() for record in records]


def test_the_names_index_the_loader_rebuilds_is_the_one_the_migration_defines(
    queries: QueryLibrary,
) -> None:
    migrations = sorted((PROJECT_ROOT / "schema").glob("*.cypher"))
    found = [
        re.search(r"CREATE FULLTEXT INDEX person_names[^;]*", m.read_text()) for m in migrations
    ]
    defined = [match for match in found if match is not None][-1]  # the latest definition
    rebuilt = queries["ingest_names_index_create"]
    body = " ".join(line for line in rebuilt.splitlines() if not line.startswith("//"))
    assert " ".join(body.split()) == " ".join(defined.group(0).split())


def test_a_first_load_leaves_the_names_index_online_and_searchable(
    graph: neo4j.Driver, queries: QueryLibrary, borough: Borough
) -> None:
    load_borough(graph, queries, borough)  # Person empty: index dropped, then rebuilt
    assert _names_index(graph) == [
        {
            "type": "FULLTEXT",
            "state": "ONLINE",
            "labelsOrTypes": ["Person", "LinkedRecord"],
            "properties": ["given_name", "family_name", "full_name", "name_phonetic"],
        }
    ]
    family = borough.nodes["Person"][0]["props"]["family_name"]
    found, _, _ = graph.execute_query(
        "CALL db.index.fulltext.queryNodes('person_names', $name) YIELD node "
        "RETURN count(node) AS n",
        name=f"family_name:{family}",
    )
    assert found[0]["n"] >= 1


def test_a_first_load_that_fails_part_way_still_leaves_the_names_index(
    graph: neo4j.Driver, queries: QueryLibrary, borough: Borough
) -> None:
    load = "Person:PARENT_OF:Person"
    broken = [{**borough.relationships[load][0], "props": {"kind": {"not": "a property"}}}]
    failing = Borough(
        seed=borough.seed,
        nodes=borough.nodes,
        relationships={**borough.relationships, load: broken},
    )
    with pytest.raises(neo4j.exceptions.Neo4jError):
        load_borough(graph, queries, failing)
    assert len(_names_index(graph)) == 1  # re-created, though the load failed
    failed_at = _version(graph, queries)
    assert failed_at is not None, "a failed load still moves the case data's version"
    load_borough(graph, queries, borough)  # the next run finishes the job
    assert _version(graph, queries) not in (None, failed_at)
    assert count_graph(graph, queries).people == len(borough.nodes["Person"])
    assert [index["state"] for index in _names_index(graph)] == ["ONLINE"]


def _version(driver: neo4j.Driver, queries: QueryLibrary) -> str | None:
    records, _, _ = driver.execute_query(queries["graph_version"])
    return records[0]["version"]  # type: ignore[no-any-return]


def test_loading_again_after_linking_leaves_the_linked_records_as_they_are(
    graph: neo4j.Driver, queries: QueryLibrary, borough: Borough
) -> None:
    load_borough(graph, queries, borough)
    keep, join = (p["id"] for p in borough.nodes["Person"][:2])
    graph.execute_query(
        queries["identity_link"], keepId=keep, joinId=join, user="test", decisionId="LD-test"
    )
    graph.execute_query(queries["identity_rederive"], personId=keep, maxRecords=100)
    before = _fingerprint(graph)

    load_borough(graph, queries, borough)  # `make demo` again: seeded, then linked

    assert _fingerprint(graph) == before
    records, _, _ = graph.execute_query("MATCH (n {id: $id}) RETURN labels(n) AS labels", id=join)
    assert [r["labels"] for r in records] == [["LinkedRecord"]]
