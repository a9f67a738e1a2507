"""Importing agencies' extracts against a real Neo4j: each bad row named by line and
field, dry runs that write nothing, all or nothing per file, valid rows only when asked,
resends that change nothing, changes that keep history, and withdrawals."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import LiteralString

import neo4j
import pytest

from graph_service.config import PROJECT_ROOT
from graph_service.model.match_bands import LinkThresholds
from graph_service.model.think_family import AlertSettings
from graph_service.services.feeds import RunStatus, score_new_people
from graph_service.services.identities import Linkage
from graph_service.services.people import people_by_id
from graph_service.store.gateway import GraphGateway
from graph_service.store.graph import async_driver
from graph_service.store.migrations import discover_migrations
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection
from tests.services.feed_support import TODAY, FeedRunner, add_agencies, feed_writer, graph_hash

PEOPLE = """record_id,given_name,family_name,date_of_birth,sex,address_line1,postcode
S-1,Amara,Okafor,2015-03-02,female,12 Mill Lane,NB1 2AB
S-2,Tobi,Okafor,1985-07-19,Male,12 Mill Lane,nb12ab
S-3,Jo,Bloggs,,,,
"""
CONCERNS = """record_id,person_record_id,code,raised_on,severity
C-1,S-1,YOUNG_CARER,2026-10-01,high
C-2,S-2,Domestic abuse (parent or carer),2026-10-01,
"""
RELATIONSHIPS = """record_id,type,from_person_record_id,to_person_record_id,from_date,parent_kind
R-1,parent_of,S-2,S-1,2015-03-02,birth
"""


@pytest.fixture
async def feeds(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection, queries: QueryLibrary, tmp_path: Path
) -> AsyncIterator[FeedRunner]:
    add_agencies(graph)
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    try:
        yield FeedRunner(GraphGateway(driver, queries, settings.neo4j_database), tmp_path)
    finally:
        await driver.close()


def _count(driver: neo4j.Driver, pattern: str) -> int:
    records, _, _ = driver.execute_query(f"MATCH {pattern} RETURN count(*) AS n")  # type: ignore[arg-type]
    return int(records[0]["n"])


def _version(driver: neo4j.Driver) -> int | None:
    records, _, _ = driver.execute_query("MATCH (v:GraphVersion) RETURN v.value AS v")
    return records[0]["v"] if records else None


async def test_a_family_is_imported_and_sending_it_again_changes_nothing(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    files = {"concerns.csv": CONCERNS, "people.csv": PEOPLE, "relationships.csv": RELATIONSHIPS}
    first = await feeds.run(files)
    assert [r.file for r in first] == ["people.csv", "relationships.csv", "concerns.csv"]
    assert all(r.status is RunStatus.COMMITTED for r in first), [r.problems for r in first]
    assert [r.counts.new for r in first] == [3, 1, 2]
    assert _count(graph, "(:Person)-[:KNOWN_TO {reference: 'S-1'}]->(:Agency {id: 'AG-SCHOOL'})")
    assert _count(graph, "(:Person {given_name: 'Tobi'})-[:PARENT_OF]->(:Person)") == 1
    # One address for both, whoever spelled the postcode how.
    assert _count(graph, "(:Person)-[:LIVES_AT]->(:Address {postcode: 'NB1 2AB'})") == 2
    assert _count(graph, "(:Address)") == 1
    assert _count(graph, "(:Concern {code: '7A'})-[:RAISED_BY]->(:Agency {id: 'AG-SCHOOL'})")
    version, state = _version(graph), graph_hash(graph)
    assert version == 3  # the analyses' data version moved once per committed file

    again = await feeds.run(files)
    assert [r.status for r in again] == [RunStatus.UNCHANGED] * 3
    assert [r.counts.unchanged for r in again] == [3, 1, 2]
    assert graph_hash(graph) == state and _version(graph) == version
    assert _count(graph, "(:ImportRun)") == 6  # every run recorded, the no-ops too


class _QueriesSent(QueryLibrary):
    """The gateway's statements, noting which were asked for."""

    def __init__(self, library: QueryLibrary) -> None:
        super().__init__(library.directory)
        self.asked: list[str] = []

    def __getitem__(self, name: str) -> LiteralString:
        self.asked.append(name)
        return super().__getitem__(name)


async def test_a_file_sent_again_whole_is_known_by_its_digest_without_reading_its_rows(
    feeds: FeedRunner, graph: neo4j.Driver, queries: QueryLibrary
) -> None:
    await feeds.run({"people.csv": PEOPLE, "relationships.csv": RELATIONSHIPS})
    state = graph_hash(graph)
    feeds.gateway.queries = sent = _QueriesSent(queries)
    again = await feeds.run({"people.csv": PEOPLE, "relationships.csv": RELATIONSHIPS})
    assert [r.status for r in again] == [RunStatus.UNCHANGED] * 2
    assert [(r.counts.read, r.counts.unchanged) for r in again] == [(3, 3), (1, 1)]
    assert "feed_records_known" not in sent.asked and graph_hash(graph) == state


async def test_a_streams_first_file_is_written_without_looking_for_earlier_records(
    feeds: FeedRunner, queries: QueryLibrary
) -> None:
    feeds.gateway.queries = sent = _QueriesSent(queries)
    [first] = await feeds.run({"people.csv": PEOPLE})
    assert first.counts.new == 3 and "feed_records_known" not in sent.asked
    [changed] = await feeds.run({"people.csv": PEOPLE.replace("S-3,Jo,", "S-3,Joe,")})
    assert (changed.counts.changed, changed.counts.unchanged) == (1, 2)
    assert "feed_records_known" in sent.asked


async def test_records_imported_before_streams_were_kept_are_found_after_the_migration(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    await feeds.run({"people.csv": PEOPLE})
    graph.execute_query("MATCH (s:FeedStream) DELETE s")  # as before migration 018
    [migration] = [m for m in discover_migrations(PROJECT_ROOT / "schema") if m.version == 18]
    for statement in migration.statements:
        graph.execute_query(statement)  # type: ignore[arg-type]
    [changed] = await feeds.run({"people.csv": PEOPLE.replace("S-3,Jo,", "S-3,Joe,")})
    assert (changed.counts.changed, changed.counts.unchanged) == (1, 2)
    assert _count(graph, "(:Person {source_record_id: 'S-3'})") == 1


async def test_a_file_sent_again_after_another_changed_its_records_is_read_row_by_row(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    await feeds.run({"people.csv": PEOPLE})
    await feeds.run({"people.csv": PEOPLE.replace("S-3,Jo,", "S-3,Joe,")})
    [again] = await feeds.run({"people.csv": PEOPLE})
    assert (again.status, again.counts.changed, again.counts.unchanged) == (
        RunStatus.COMMITTED,
        1,
        2,
    )
    assert _count(graph, "(:Person {source_record_id: 'S-3', given_name: 'Jo'})") == 1


async def test_a_file_whose_rows_were_rejected_reports_them_again_when_sent_again(
    feeds: FeedRunner,
) -> None:
    bad = PEOPLE + "S-4,Ann,Lee,not a date,female,,\n"
    await feeds.run({"people.csv": bad}, accept_valid=True)
    [again] = await feeds.run({"people.csv": bad}, accept_valid=True)
    assert (again.counts.unchanged, again.counts.rejected) == (3, 1)
    assert [p.record_id for p in again.problems] == ["S-4"]


async def test_the_same_records_sent_twice_at_once_are_written_once(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    files = {"people.csv": PEOPLE, "relationships.csv": RELATIONSHIPS}
    one, other = await asyncio.gather(feeds.run(files), feeds.run(files))
    statuses = sorted([[r.status for r in one], [r.status for r in other]])
    assert statuses == [[RunStatus.COMMITTED] * 2, [RunStatus.UNCHANGED] * 2]
    assert _count(graph, "(:Person)") == 3
    assert _count(graph, "(:Person)-[:PARENT_OF]->(:Person)") == 1
    assert _count(graph, "(:Person)-[:KNOWN_TO]->(:Agency)") == 3


async def test_an_import_run_is_recorded_and_audited(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    [result] = await feeds.run({"people.csv": PEOPLE})
    records, _, _ = graph.execute_query(
        "MATCH (r:ImportRun {id: $id})-[:SENT_BY]->(a:Agency) RETURN r {.*} AS r, a.id AS a",
        id=result.run_id,
    )
    run = records[0]["r"]
    assert records[0]["a"] == "AG-SCHOOL" and run["user"] == "feed tester"
    assert run["file"] == "people.csv" and len(run["sha256"]) == 64
    assert (run["read"], run["new"], run["status"]) == (3, 3, "committed")
    [event] = feeds.events
    assert event["operation"] == "import_feed" and event["request_id"] == result.run_id
    assert sorted(event["person_ids"]) == sorted(result.new_people) and len(result.new_people) == 3


BAD_ROWS = [
    ("S-9,Amy,Smith,2015-13-02,female,1 A St,NB1 2AB", "date_of_birth", "is not a date"),
    ("S-9,Amy,Smith,2030-01-02,female,1 A St,NB1 2AB", "date_of_birth", "in the future"),
    ("S-9,,Smith,2015-01-02,female,1 A St,NB1 2AB", "given_name", "is required"),
    ("S-9,Amy,Smith,2015-01-02,robot,1 A St,NB1 2AB", "sex", "is not one of"),
    ("S-9,Amy,Smith,2015-01-02,female,1 A St,XX", "postcode", "is not a UK postcode"),
    ("S-9,Amy,Smith,2015-01-02,female,,NB1 2AB", "address_line1", "is required"),
    ("S-9,Amy,Smith,2015-01-02,female,1 A St", "line", "cells where the header has"),
    ("S-1,Amy,Smith,2015-01-02,female,1 A St,NB1 2AB", "record_id", "appears again (line 2)"),
]


@pytest.mark.parametrize(("line", "field", "reason"), BAD_ROWS)
async def test_each_bad_people_row_is_named_by_line_and_field_and_nothing_is_written(
    feeds: FeedRunner, graph: neo4j.Driver, line: str, field: str, reason: str
) -> None:
    before = graph_hash(graph)
    [result] = await feeds.run({"people.csv": PEOPLE + line + "\n"})
    assert result.status is RunStatus.REJECTED
    [problem] = result.problems
    assert (problem.file, problem.line, problem.field) == ("people.csv", 5, field)
    assert reason in problem.reason
    counts = result.counts
    assert counts.read == 4 == counts.new + counts.changed + counts.unchanged + counts.rejected
    assert counts.rejected == 1
    assert graph_hash(graph) == before


BAD_FACTS = [
    ("concerns.csv", "C-9,S-404,7A,2026-10-01,high", "person_record_id", "no person recorded"),
    ("concerns.csv", "C-9,S-1,9Z,2026-10-01,high", "code", "not in the concern taxonomy"),
    ("concerns.csv", "C-9,S-1,7A,2026-10-01,urgent", "severity", "is not one of"),
    ("relationships.csv", "R-9,partner_of,S-1,S-2,2020-01-01,", "partner_kind", "is required"),
    (
        "relationships.csv",
        "R-9,parent_of,S-1,S-1,2020-01-01,birth",
        "to_person_record_id",
        "themselves",
    ),
    (
        "relationships.csv",
        "R-9,parent_of,S-1,S-2,2020-01-01,birth",
        "from_person_record_id",
        "born before",
    ),
    ("relationships.csv", "R-9,friend_of,S-1,S-2,2020-01-01,", "type", "is not one of"),
]


@pytest.mark.parametrize(("name", "line", "field", "reason"), BAD_FACTS)
async def test_each_bad_fact_is_named_by_the_rules_the_api_uses(
    feeds: FeedRunner, graph: neo4j.Driver, name: str, line: str, field: str, reason: str
) -> None:
    await feeds.run({"people.csv": PEOPLE})
    header = {"concerns.csv": CONCERNS, "relationships.csv": RELATIONSHIPS}[name]
    before = graph_hash(graph)
    [result] = await feeds.run({name: header + line + "\n"})
    assert result.status is RunStatus.REJECTED
    [problem] = result.problems
    assert (problem.line, problem.record_id, problem.field) == (
        header.count("\n") + 1,
        line[:3],
        field,
    )
    assert reason in problem.reason
    assert graph_hash(graph) == before


async def test_a_child_cannot_be_imported_as_a_partner(feeds: FeedRunner) -> None:
    await feeds.run({"people.csv": PEOPLE})
    rows = "record_id,type,from_person_record_id,to_person_record_id,from_date,partner_kind\n"
    rows += "R-9,partner_of,S-2,S-1,2026-01-01,cohabiting\n"
    [result] = await feeds.run({"relationships.csv": rows})
    [problem] = result.problems
    assert problem.field == "from_date" and "'S-1' was 10" in problem.reason


async def test_a_file_missing_a_column_or_naming_an_unknown_one_is_rejected_whole(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    header, rows = PEOPLE.split("\n", 1)
    missing = header.replace(",sex", "") + "\n" + "S-1,Amara,Okafor,2015-03-02,1 A St,NB1 2AB\n"
    [result] = await feeds.run({"people.csv": missing})
    assert result.status is RunStatus.REJECTED
    assert [(p.line, p.field) for p in result.problems] == [(1, "sex")]
    [result] = await feeds.run({"people.csv": header + ",dob\n" + rows.replace("\n", ",x\n")})
    assert [(p.line, p.field) for p in result.problems] == [(1, "dob")]
    assert _count(graph, "(:Person)") == 0


async def test_json_lines_with_a_byte_order_mark_read_as_csv_does(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    rows = [
        {
            "record_id": "S-1",
            "given_name": "Amara",
            "family_name": "Okafor",
            "date_of_birth": "2015-03-02",
            "sex": "female",
            "postcode": "NB1 2AB",
            "address_line1": "12 Mill Lane",
        },
        {"record_id": "S-2", "given_name": "Tobi", "family_name": "Okafor", "sex": "male"},
    ]
    text = "\ufeff" + "\n".join(json.dumps(r) for r in rows) + "\n[1]\n"
    [result] = await feeds.run({"people.jsonl": text})
    assert result.status is RunStatus.REJECTED
    assert [(p.line, p.field, p.reason) for p in result.problems] == [
        (3, "line", "is not a JSON object")
    ]
    [result] = await feeds.run({"people.jsonl": text.replace("[1]\n", "")})
    assert result.status is RunStatus.COMMITTED and result.counts.new == 2
    assert _count(graph, "(:Person {given_name: 'Amara', sex: 'female'})") == 1


async def test_a_dry_run_writes_nothing_and_reports_what_would_happen(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    await feeds.run({"people.csv": PEOPLE})
    before = graph_hash(graph)
    changed = PEOPLE.replace("S-3,Jo,", "S-3,Joe,") + "S-4,Ann,Lee,2001-01-01,female,,\n"
    concerns = CONCERNS + "C-3,S-4,7A,2026-10-01,high\n"  # names a person the dry run adds
    results = await feeds.run({"people.csv": changed, "concerns.csv": concerns}, dry_run=True)
    assert [r.status for r in results] == [RunStatus.DRY_RUN] * 2
    people, facts = (r.counts for r in results)
    assert (people.new, people.changed, people.unchanged, people.rejected) == (1, 1, 2, 0)
    assert (facts.new, facts.rejected) == (3, 0)
    assert graph_hash(graph) == before


async def test_one_bad_row_writes_nothing_and_accept_valid_writes_the_rest(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    bad = PEOPLE + "S-4,Ann,Lee,not a date,female,,\n"
    [result] = await feeds.run({"people.csv": bad})
    assert result.status is RunStatus.REJECTED and _count(graph, "(:Person)") == 0
    [result] = await feeds.run({"people.csv": bad}, accept_valid=True)
    assert result.status is RunStatus.COMMITTED
    assert (result.counts.new, result.counts.rejected) == (3, 1)
    assert _count(graph, "(:Person)") == 3
    assert [p.record_id for p in result.problems] == ["S-4"]


async def test_a_changed_row_updates_the_record_and_keeps_what_it_said(
    feeds: FeedRunner,
    graph: neo4j.Driver,
    neo4j_connection: Neo4jConnection,
    queries: QueryLibrary,
) -> None:
    await feeds.run({"people.csv": PEOPLE})
    moved = PEOPLE.replace(
        "S-2,Tobi,Okafor,1985-07-19,Male,12 Mill Lane,nb12ab",
        "S-2,Toby,Okafor,1985-07-19,Male,3 New Road,NB2 1CD",
    )
    [result] = await feeds.run({"people.csv": moved})
    assert (result.counts.changed, result.counts.unchanged) == (1, 2)
    records, _, _ = graph.execute_query(
        "MATCH (p:Person {source_record_id: 'S-2'}) "
        "MATCH (rev:FeedRevision {of: p.id}) "
        "RETURN p.given_name AS now, rev.given_name AS before, rev.run AS run, "
        "[(p)-[l:LIVES_AT]->(a) | [a.postcode, l.to_date]] AS homes"
    )
    [row] = records
    assert (row["now"], row["before"], row["run"]) == ("Toby", "Tobi", result.run_id)
    # The old address is history, ended today; the new one is current.
    assert sorted(row["homes"], key=str) == sorted([["NB1 2AB", TODAY], ["NB2 1CD", None]], key=str)


async def test_a_withdrawn_record_leaves_every_view_but_stays_in_the_history(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    await feeds.run({"people.csv": PEOPLE, "concerns.csv": CONCERNS})
    records, _, _ = graph.execute_query(
        "MATCH (c:Concern {source_record_id: 'C-1'}) RETURN c.id AS id"
    )
    concern = records[0]["id"]
    withdrawn = CONCERNS.split("\n", 1)[0] + ",withdrawn\nC-1,,,,,true\n"
    [result] = await feeds.run({"concerns.csv": withdrawn})
    assert (result.status, result.counts.changed, result.counts.withdrawn) == (
        RunStatus.COMMITTED,
        1,
        1,
    )
    assert _count(graph, "(:Concern)") == 1
    assert _count(graph, f"(:Withdrawn {{id: '{concern}', withdrawn_label: 'Concern'}})") == 1
    assert _count(graph, f"(:FeedRevision {{of: '{concern}', withdrawn: true, code: '7A'}})") == 1
    assert _count(graph, "(f:FeedRecord) WHERE f.withdrawn IS NOT NULL") == 1
    [again] = await feeds.run({"concerns.csv": withdrawn})
    assert again.status is RunStatus.UNCHANGED
    # Sent again as it was, it comes back.
    [back] = await feeds.run({"concerns.csv": CONCERNS})
    assert back.counts.changed == 1 and _count(graph, "(:Concern)") == 2
    # A record keeps `withdrawn` only while it is (most never are: it would be on every one).
    assert _count(graph, "(f:FeedRecord) WHERE f.withdrawn IS NOT NULL") == 0


async def test_a_withdrawn_person_is_not_found_by_id(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    [result] = await feeds.run({"people.csv": PEOPLE})
    header = PEOPLE.split("\n", 1)[0]
    [withdrawal] = await feeds.run({"people.csv": f"{header},withdrawn\nS-3,,,,,,,yes\n"})
    assert withdrawal.counts.withdrawn == 1
    found = await people_by_id(feeds.gateway, result.new_people, TODAY)
    assert sum(p is None for p in found) == 1
    [nothing] = await feeds.run({"people.csv": f"{header},withdrawn\nS-404,,,,,,,yes\n"})
    assert [(p.field, p.reason) for p in nothing.problems] == [
        ("withdrawn", "no record of that id to withdraw")
    ]


async def test_another_agency_names_a_person_by_the_record_id_that_agency_sent(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    await feeds.run({"people.csv": PEOPLE})
    known = "record_id,person_record_id,person_agency,from_date\nPOL-7,S-2,SCH,2026-01-04\n"
    [result] = await feeds.run({"known_to.csv": known}, agency="POL")
    assert result.status is RunStatus.COMMITTED, result.problems
    assert (
        _count(
            graph,
            "(:Person {given_name: 'Tobi'})-[:KNOWN_TO {reference: 'POL-7'}]->"
            "(:Agency {id: 'AG-POLICE'})",
        )
        == 1
    )
    unknown = known.replace("SCH", "NOPE")
    [result] = await feeds.run({"known_to.csv": unknown}, agency="POL")
    assert [(p.field, p.reason) for p in result.problems] == [
        ("person_agency", "'NOPE' is not an agency on record")
    ]


async def test_a_scoped_sender_cannot_reach_people_beyond_its_agency(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    await feeds.run({"people.csv": PEOPLE})
    known = "record_id,person_record_id,person_agency,from_date\nPOL-7,S-2,SCH,2026-01-04\n"
    [result] = await feeds.run({"known_to.csv": known}, agency="POL", scope="AG-POLICE")
    [problem] = result.problems
    # Said exactly as for a record nobody sent: no sight of the school's records.
    assert (problem.field, problem.reason) == (
        "person_record_id",
        "no person recorded as 'S-2' by AG-SCHOOL",
    )


async def test_an_unknown_agency_is_refused_by_name(feeds: FeedRunner) -> None:
    from graph_service.model.errors import NotFound

    with pytest.raises(NotFound, match="NOPE"):
        await feeds.run({"people.csv": PEOPLE}, agency="NOPE")


async def test_siblings_and_a_separation_come_in_by_feed_under_the_same_rules(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    people = PEOPLE + "S-4,Kemi,Okafor,2012-05-05,female,12 Mill Lane,NB1 2AB\n"
    people += "S-5,Ada,Okafor,1986-01-01,female,12 Mill Lane,NB1 2AB\n"
    await feeds.run({"people.csv": people})
    header = "record_id,type,from_person_record_id,to_person_record_id,from_date,"
    header += "parent_kind,sibling_kind,partner_kind,partner_status\n"
    rows = header + "R-1,parent_of,S-2,S-1,2015-03-02,birth,,,\n"
    rows += "R-2,parent_of,S-2,S-4,2012-05-05,birth,,,\n"
    await feeds.run({"relationships.csv": rows})  # the parents are on record
    rows += "R-3,sibling_of,S-1,S-4,2015-03-02,,step,,\n"
    [refused] = await feeds.run({"relationships.csv": rows})
    [problem] = refused.problems
    assert (problem.line, problem.field) == (4, "sibling_kind")
    assert "share a parent" in problem.reason
    rows = (
        rows.replace(",step,,", ",half,,")
        + "R-4,partner_of,S-2,S-5,2010-01-01,,,married,separated\n"
    )
    [result] = await feeds.run({"relationships.csv": rows})
    assert result.status is RunStatus.COMMITTED, result.problems
    assert _count(graph, "(:Person)-[:SIBLING_OF {kind: 'half'}]->(:Person)") == 1
    assert _count(graph, "(:Person)-[:PARTNER_OF {kind: 'married', status: 'separated'}]->()") == 1


async def test_new_people_are_scored_and_a_possible_duplicate_goes_to_review(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    await feeds.run({"people.csv": PEOPLE})
    police = (
        PEOPLE.split("\n", 1)[0] + "\nPOL-1,Amarah,Okafor,2015-03-02,female,12 Mill Lane,NB1 2AB\n"
    )
    results = await feeds.run({"people.csv": police}, agency="POL")
    scored = await score_new_people(
        feeds.gateway, Linkage(LinkThresholds()), feed_writer(TODAY), results
    )
    assert (scored.people, scored.linked) == (1, 0) and scored.proposed >= 1
    records, _, _ = graph.execute_query(
        "MATCH (m:MatchReview {status: 'pending'})-[:CANDIDATE]->(p:Person) "
        "RETURN collect(p.source_record_id) AS records"
    )
    assert {"S-1", "POL-1"} <= set(records[0]["records"])


HOUSEHOLDS = """record_id,household_record_id,person_record_id,from_date
M-1,HH-1,S-1,2015-03-02
M-2,HH-1,S-2,2015-03-02
"""


async def test_a_recent_serious_concern_sent_by_feed_raises_alerts_in_its_transaction(
    feeds: FeedRunner, graph: neo4j.Driver
) -> None:
    rules = AlertSettings()
    await feeds.run({"people.csv": PEOPLE, "households.csv": HOUSEHOLDS})
    recent = (TODAY - timedelta(days=3)).isoformat()
    serious = (
        "record_id,person_record_id,code,raised_on,severity\n"
        f"C-9,S-2,3B,{recent},high\nC-10,S-2,3B,2025-01-01,high\n"  # the second: history
    )
    [rejected] = await feeds.run(
        {"concerns.csv": serious + f"C-11,S-404,3B,{recent},high\n"}, alerting=rules
    )
    assert rejected.status is RunStatus.REJECTED and _count(graph, "(:Alert)") == 0
    [committed] = await feeds.run({"concerns.csv": serious}, alerting=rules)
    assert committed.status is RunStatus.COMMITTED
    records, _, _ = graph.execute_query(
        "MATCH (a:Alert)-[:ABOUT]->(p:Person), (a)-[:CAUSED_BY]->(c:Concern) "
        "RETURN p.given_name AS who, c.source_record_id AS concern, a.rules AS rules"
    )
    assert [(r["who"], r["concern"], r["rules"]) for r in records] == [
        ("Amara", "C-9", ["serious_on_adult"])
    ]
    await feeds.run({"concerns.csv": serious}, alerting=rules)  # sent again: nothing new
    assert _count(graph, "(:Alert)") == 1
