"""Scoring person records with the trained linkage model on Splink's embedded DuckDB:
every pair the blocking rules propose, with its match weight and each field's share."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker, SettingsCreator

from graph_service.linkage.records import PersonRecord, linkage_row, recorded_apart
from graph_service.linkage.settings import COMPARED_FIELDS, linkage_settings

__all__ = [
    "MODEL_FILE",
    "MODEL_VERSION",
    "SCHEMA",
    "TERM_FREQUENCY_COLUMNS",
    "ScoredPair",
    "linker_for",
    "linker_on",
    "load_model",
    "load_records",
    "model_for_dialect",
    "score_pairs",
    "scored_pair",
    "unrelated",
]

# The trained model, versioned in the repository: retraining writes a new version.
MODEL_FILE = Path(__file__).with_name("model.json")
MODEL_VERSION = 3
# The names whose frequency in the population weighs an agreement on them.
TERM_FREQUENCY_COLUMNS = ("given_name", "family_name")


@dataclass(frozen=True)
class ScoredPair:
    """Two records that may be one person: the total match weight (log2 of the Bayes
    factor, prior included) and each field's contribution to it."""

    left_id: str
    right_id: str
    match_weight: float
    field_weights: dict[str, float]


def load_model(path: Path = MODEL_FILE) -> dict[str, Any]:
    """The trained model's Splink settings (with m and u), checked to be this version."""
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("version") != MODEL_VERSION:
        raise ValueError(f"{path}: model version {document.get('version')}, not {MODEL_VERSION}")
    model: dict[str, Any] = document["splink"]
    return model


def model_for_dialect(model: dict[str, Any], dialect: str) -> dict[str, Any]:
    """The trained model for another Splink backend ("spark", "postgres"): the same
    settings, whose SQL Splink writes for that backend, with the trained parameters."""
    settings = linkage_settings().create_settings_dict(dialect)
    settings["sql_dialect"] = dialect
    trained = {c["output_column_name"]: c for c in model["comparisons"]}
    for comparison in settings["comparisons"]:
        levels = trained[comparison["output_column_name"]]["comparison_levels"]
        if len(levels) != len(comparison["comparison_levels"]):
            raise ValueError(f"{comparison['output_column_name']}: the model's levels differ")
        for level, fitted in zip(comparison["comparison_levels"], levels, strict=True):
            for key in ("m_probability", "u_probability", "fix_m_probability"):
                if key in fitted:
                    level[key] = fitted[key]
    settings["probability_two_random_records_match"] = model["probability_two_random_records_match"]
    return settings


# DuckDB tables: the records linked (or indexed), and the records arriving to be scored.
_LOAD = {
    "people": "CREATE OR REPLACE TABLE people AS SELECT * FROM incoming",
    "arriving": "CREATE OR REPLACE TABLE arriving AS SELECT * FROM incoming",
}


def load_records(
    con: duckdb.DuckDBPyConnection, table: str, records: Iterable[PersonRecord]
) -> None:
    """The records as linkage rows in one of the DuckDB tables ("people" or "arriving")."""
    rows = pa.Table.from_pylist([linkage_row(r) for r in records], schema=SCHEMA)
    con.register("incoming", rows)
    con.execute(_LOAD[table])
    con.unregister("incoming")


def linker_on(api: DuckDBAPI, model: dict[str, Any] | SettingsCreator) -> Linker:
    """A Splink linker over the "people" table already loaded on the API's DuckDB."""
    people = api.table_to_splink_dataframe("people", "people")
    # Splink narrates every step; the service's logs stay its own (and hold no names).
    return Linker(people, model, log_level=None)


def linker_for(model: dict[str, Any] | SettingsCreator, records: Sequence[PersonRecord]) -> Linker:
    """A Splink linker over the records, on a DuckDB of its own."""
    api = DuckDBAPI(connection=duckdb.connect())
    load_records(api.duckdb_con, "people", records)
    return linker_on(api, model)


def score_pairs(
    model: dict[str, Any], records: Sequence[PersonRecord], threshold: float
) -> list[ScoredPair]:
    """Every blocked pair of the records with a match weight of at least `threshold`, but
    those recorded as related to each other."""
    linker = linker_for(model, records)
    predicted = linker.inference.predict(threshold_match_weight=threshold)
    pairs = [scored_pair(row) for row in predicted.as_record_list()]
    return unrelated(pairs, {r.id: r for r in records})


def unrelated(pairs: Sequence[ScoredPair], records: Mapping[str, PersonRecord]) -> list[ScoredPair]:
    """The pairs but those whose records (by id) are recorded as related to each other,
    whichever backend or index scored them."""
    return [p for p in pairs if not recorded_apart(records[p.left_id], records[p.right_id])]


def scored_pair(row: dict[str, Any]) -> ScoredPair:
    fields = {
        field: round(float(row[f"mw_{field}"]) + float(row.get(f"mw_tf_adj_{field}") or 0), 2)
        for field in COMPARED_FIELDS
    }
    return ScoredPair(
        left_id=str(row["unique_id_l"]),
        right_id=str(row["unique_id_r"]),
        match_weight=round(float(row["match_weight"]), 2),
        field_weights=fields,
    )


SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("given_name", pa.string()),
        ("family_name", pa.string()),
        ("given_names_known", pa.list_(pa.string())),
        ("family_parts", pa.list_(pa.string())),
        ("given_key", pa.string()),
        ("given_sx", pa.string()),
        ("family_sx", pa.string()),
        ("dob", pa.string()),
        ("dob_transposed", pa.string()),
        ("birth_year", pa.int32()),
        ("sex", pa.string()),
        ("postcode", pa.string()),
        ("postcode_district", pa.string()),
        ("address", pa.string()),
        ("addresses_ever", pa.list_(pa.string())),
    ]
)
