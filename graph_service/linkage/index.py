"""Everyone already recorded, held in an embedded DuckDB with their name frequencies, so
a new record is scored against them all before the write that made it returns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from graph_service.linkage.records import PersonRecord, linkage_row
from graph_service.linkage.scoring import SCHEMA, ScoredPair, scored_pair

__all__ = ["RecordIndex"]

_TERM_FREQUENCIES = ("given_name", "family_name")
# DuckDB tables: everyone indexed, and the records being scored.
_LOAD = {
    "people": "CREATE OR REPLACE TABLE people AS SELECT * FROM incoming",
    "arriving": "CREATE OR REPLACE TABLE arriving AS SELECT * FROM incoming",
}


class RecordIndex:
    """Score new records against the records indexed (not against each other)."""

    def __init__(self, model: dict[str, Any], records: Sequence[PersonRecord]) -> None:
        self._con = duckdb.connect()
        self._load("people", records)
        self._api = DuckDBAPI(connection=self._con)
        self._people = self._api.table_to_splink_dataframe("people", "people")
        self._linker = Linker(self._people, model, log_level=None)
        for column in _TERM_FREQUENCIES:
            self._linker.table_management.compute_tf_table(column)

    def _load(self, table: str, records: Sequence[PersonRecord]) -> None:
        rows = pa.Table.from_pylist([linkage_row(r) for r in records], schema=SCHEMA)
        self._con.register("incoming", rows)
        self._con.execute(_LOAD[table])
        self._con.unregister("incoming")

    def score(self, records: Sequence[PersonRecord], threshold: float) -> list[ScoredPair]:
        """Each indexed record that may be the same person as one of `records`."""
        self._load("arriving", records)
        arriving = self._api.table_to_splink_dataframe("arriving", "arriving")
        predicted = self._linker.inference.predict_between(
            arriving, self._people, threshold_match_weight=threshold
        )
        return [scored_pair(row) for row in predicted.as_record_list()]
