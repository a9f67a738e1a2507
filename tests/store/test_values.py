"""Values read from a real Neo4j become plain Python."""

from __future__ import annotations

from datetime import UTC, date, datetime

import neo4j

from graph_service.store.values import native


def test_dates_nodes_and_nesting_become_plain_python(session_driver: neo4j.Driver) -> None:
    records, _, _ = session_driver.execute_query("""
        CREATE (n:ValueProbe {name: 'probe', born: date('2011-03-04')})
        WITH n
        RETURN date('2026-11-23') AS day, datetime('2026-11-23T09:30:00Z') AS moment,
          n AS node, {days: [date('2020-01-01'), null], count: 3} AS nested, 'x' AS text""")
    session_driver.execute_query("MATCH (n:ValueProbe) DELETE n")
    row = {
        key: native(value)
        for key, value in zip(records[0].keys(), records[0].values(), strict=True)
    }
    assert row["day"] == date(2026, 11, 23) and type(row["day"]) is date
    assert row["moment"] == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert row["node"] == {"name": "probe", "born": date(2011, 3, 4)}
    assert row["nested"] == {"days": [date(2020, 1, 1), None], "count": 3}
    assert row["text"] == "x"
