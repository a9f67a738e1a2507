"""Splink's prediction between the "arriving" and "people" tables of one DuckDB, written
once per threshold and then run as written on whatever the tables hold next.

Splink writes and parses its SQL afresh on every prediction, which cost about 90 ms of
the 95 one record's scoring took; the SQL depends only on the settings, the threshold
and the tables' names, so it is kept from the first prediction."""

from __future__ import annotations

import re
from typing import Any

from splink import DuckDBAPI, Linker

__all__ = ["ReplayedPrediction"]

_SCHEMA_LOOKUP = re.compile(r"^\s*select column_name from information_schema", re.I)


class ReplayedPrediction:
    """Predictions from `arriving` to `people` on the API's DuckDB (not thread-safe)."""

    def __init__(self, api: DuckDBAPI, linker: Linker) -> None:
        self._api = api
        self._linker = linker
        self._compiled: dict[float, list[str]] = {}

    def rows(self, threshold: float) -> list[dict[str, Any]]:
        """Each pair scored at least `threshold`, as Splink's prediction rows."""
        statements = self._compiled.get(threshold)
        if statements is None:
            rows, self._compiled[threshold] = self._capturing(threshold)
            return rows
        con = self._api.duckdb_con
        *steps, final = statements
        for sql in steps:
            con.execute(sql)
        cursor = con.execute(final)
        columns = [column[0] for column in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def _capturing(self, threshold: float) -> tuple[list[dict[str, Any]], list[str]]:
        captured: list[str] = []
        run = self._api._execute_sql_against_backend

        def spy(sql: str, *args: Any, **kwargs: Any) -> Any:
            captured.append(sql)
            return run(sql, *args, **kwargs)

        self._api._execute_sql_against_backend = spy  # type: ignore[method-assign,assignment]
        try:
            predicted = self._linker.inference.predict_between(
                self._api.table_to_splink_dataframe("arriving", "arriving"),
                self._api.table_to_splink_dataframe("people", "people"),
                threshold_match_weight=threshold,
            )
            rows = predicted.as_record_list()
        finally:
            del self._api._execute_sql_against_backend
        return rows, _replayable(captured)


def _replayable(executed: list[str]) -> list[str]:
    """What a prediction ran, in order, but its look-ups of the tables' columns; the last
    statement reads the predictions."""
    statements = [sql for sql in executed if not _SCHEMA_LOOKUP.match(sql)]
    if not statements or not statements[-1].lstrip().lower().startswith("select"):
        raise RuntimeError("Splink's prediction did not end by reading it: cannot replay it")
    return statements
