"""Neo4j values as plain Python."""

from __future__ import annotations

from datetime import date
from typing import Any

import neo4j.graph
import neo4j.time

__all__ = ["Row", "native"]

# One record (or load row) as plain Python: property names to values.
Row = dict[str, Any]


# Dates and date-times arrive as Python's own (store.dates): nothing to convert.
_PLAIN = (str, int, float, bool, type(None), date)


def native(value: Any) -> Any:
    """Temporal types to `date`/`datetime`, nodes and relationships to their properties,
    recursively through maps and lists."""
    if isinstance(value, _PLAIN):  # most values: checked first, as this runs on every one
        return value
    # Plain items are kept without a call each: a list of a hundred thousand strings
    # otherwise costs a hundred thousand calls.
    if isinstance(value, dict):
        return {k: v if isinstance(v, _PLAIN) else native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [item if isinstance(item, _PLAIN) else native(item) for item in value]
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime):
        return value.to_native()
    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        return {key: native(item) for key, item in value.items()}
    return value
