"""The synthetic contact stream: national proportions of sources, clocks mostly met and
sometimes missed, open contacts today, and a load that is idempotent."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import neo4j
import pytest

from graph_service.ingest.contacts import generate_contacts
from graph_service.ingest.loader import load_borough, load_contacts
from graph_service.ingest.synthetic import Borough, generate_borough
from graph_service.model.mash import ContactState, MashClocks, Rag
from graph_service.services.contacts import ContactFilter, contacts
from graph_service.store.gateway import GraphGateway
from graph_service.store.queries import QueryLibrary
from tests.services.mash_support import gateway

__all__ = ["gateway"]

NOW = datetime(2026, 12, 4, 11, 30, tzinfo=UTC)  # a Friday morning
CLOCKS = MashClocks()


@pytest.fixture(scope="module")
def town() -> Borough:
    return generate_borough(6000, seed=3)


def test_sources_follow_national_proportions(town: Borough) -> None:
    rows = generate_contacts(town, NOW, seed=2, days=365)
    kinds = {a["id"]: a["props"]["kind"] for a in town.nodes["Agency"]}
    source = Counter(kinds.get(r["referrer_agency_id"], r["props"]["referrer_kind"]) for r in rows)
    assert len(rows) >= 150
    ranked = [kind for kind, _ in source.most_common()]
    assert ranked[:2] == ["police", "school"]
    assert source["police"] / len(rows) == pytest.approx(0.29, abs=0.08)
    assert {"anonymous", "public", "professional"} <= set(source)


def test_clocks_are_mostly_met_some_missed_and_nothing_is_in_the_future(town: Borough) -> None:
    rows = generate_contacts(town, NOW, seed=2, days=120)
    decided = [r["props"] for r in rows if r["props"]["state"] == "decided"]
    in_time = [p for p in decided if p["decided_at"] <= CLOCKS.decision.due(p["received_at"])]
    assert 0.75 < len(in_time) / len(decided) < 0.97
    late = on_time = 0
    for row in rows:
        props = row["props"]
        assert props["received_at"] <= NOW and props.get("decided_at", NOW) <= NOW
        for check in row["checks"]:
            assert check["requested_at"] >= props["received_at"]
            answered = check.get("responded_at")
            assert answered is None or check["requested_at"] <= answered <= NOW
            if answered:
                due = CLOCKS.check(Rag(props["rag"])).due(check["requested_at"])
                late, on_time = late + (answered > due), on_time + (answered <= due)
    assert on_time > 4 * late > 0


def test_there_are_open_contacts_today_in_every_state(town: Borough) -> None:
    rows = generate_contacts(town, NOW, seed=2, days=90)
    open_states = Counter(r["props"]["state"] for r in rows if r["props"]["state"] != "decided")
    assert open_states[ContactState.RATED.value] >= 1
    still_open = [r["props"] for r in rows if r["props"]["state"] != "decided"]
    overdue = [p for p in still_open if CLOCKS.decision.due(p["received_at"]) < NOW]
    assert 0 < len(overdue) < len(still_open)  # some breached, most still in time
    assert all(NOW - p["received_at"] < timedelta(days=10) for p in still_open)


def test_the_seed_is_reproducible_and_people_can_be_renamed(town: Borough) -> None:
    first = generate_contacts(town, NOW, seed=9, days=30)
    assert first == generate_contacts(town, NOW, seed=9, days=30)
    renamed = {p["id"]: "X-" + p["id"] for p in town.nodes["Person"]}
    moved = generate_contacts(town, NOW, seed=9, days=30, person_ids=renamed)
    assert {p for r in moved for p in r["person_ids"]} <= set(renamed.values())


async def test_loading_twice_changes_nothing_and_the_queue_shows_them(
    graph: neo4j.Driver, queries: QueryLibrary, gateway: GraphGateway
) -> None:
    small = generate_borough(1500, seed=4)
    load_borough(graph, queries, small)
    now = datetime.now(UTC)
    rows = generate_contacts(small, now, seed=1, days=30)
    assert load_contacts(graph, queries, rows) == len(rows)
    assert load_contacts(graph, queries, rows) == 0
    counted, _, _ = graph.execute_query(
        "MATCH (c:Contact) RETURN count(c) AS n, "
        "count { MATCH (:Contact)-[:CHECK]->(:AgencyCheck) } AS checks"
    )
    assert counted[0]["n"] == len(rows)
    assert counted[0]["checks"] == sum(len(r["checks"]) for r in rows)
    queue = await contacts(gateway, ContactFilter(), CLOCKS, now, 0, 500)
    undecided = [r for r in rows if r["props"]["state"] != "decided"]
    assert len(queue) == len(undecided) > 0
