"""Everyone already recorded, held in an embedded DuckDB with their name frequencies, so
a new record is scored against them all before the write that made it returns."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Sequence
from typing import Any

import duckdb
from splink import DuckDBAPI

from graph_service.linkage.records import PersonRecord
from graph_service.linkage.replay import ReplayedPrediction
from graph_service.linkage.scoring import (
    TERM_FREQUENCY_COLUMNS,
    ScoredPair,
    linker_on,
    load_records,
    scored_pair,
    unrelated,
)

__all__ = ["RecordIndex"]


class RecordIndex:
    """Score new records against the records indexed (not against each other)."""

    def __init__(self, model: dict[str, Any], records: Sequence[PersonRecord]) -> None:
        self._indexed = {r.id: r for r in records}
        self._api = DuckDBAPI(connection=duckdb.connect())
        load_records(self._api.duckdb_con, "people", records)
        self._linker = linker_on(self._api, model)
        for column in TERM_FREQUENCY_COLUMNS:
            self._linker.table_management.compute_tf_table(column)
        self._prediction = ReplayedPrediction(self._api, self._linker)

    def score(self, records: Sequence[PersonRecord], threshold: float) -> list[ScoredPair]:
        """Each indexed record that may be the same person as one of `records`."""
        load_records(self._api.duckdb_con, "arriving", records)
        pairs = [scored_pair(row) for row in self._prediction.rows(threshold)]
        return unrelated(pairs, ChainMap({r.id: r for r in records}, self._indexed))
