"""Neo4j values as plain Python."""

from __future__ import annotations

from typing import Any

import neo4j.time

__all__ = ["native"]


def native(value: Any) -> Any:
    """Temporal types to `date`/`datetime`, recursively through maps and lists."""
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime):
        return value.to_native()
    if isinstance(value, dict):
        return {key: native(item) for key, item in value.items()}
    if isinstance(value, list):
        return [native(item) for item in value]
    return value
