"""The linkage model on Splink's Spark backend, once: the same settings (Splink writes
their SQL for Spark) with the trained parameters, on a local Spark session, against the
same borough linked on DuckDB. The pairs and their weights must agree.

Run: `.venv/bin/pip install pyspark==4.3.0` (not a dependency of the service: a region
that outgrows one machine runs Spark), then
`.venv/bin/python bench/bench_linkage_spark.py [people]` (default 100000).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pyspark.sql import SparkSession
from pyspark.sql import types as T
from splink import Linker
from splink.backends.spark import SparkAPI, similarity_jar_location

from bench.harness import cpu_probe, machine_description
from graph_service.config import Settings
from graph_service.ingest.linkage_truth import person_records, true_matches
from graph_service.ingest.synthetic import generate_borough
from graph_service.linkage.bands import banded
from graph_service.linkage.records import linkage_row
from graph_service.linkage.scoring import (
    ScoredPair,
    load_model,
    model_for_dialect,
    score_pairs,
    scored_pair,
    unrelated,
)
from graph_service.services.linkage_model import accuracy_of

SEED = 5
_ARRAYS = {"given_names_known", "family_parts", "addresses_ever"}


def _schema() -> T.StructType:
    from graph_service.linkage.scoring import SCHEMA

    fields = []
    for field in SCHEMA:
        kind: T.DataType = T.StringType()
        if field.name in _ARRAYS:
            kind = T.ArrayType(T.StringType())
        elif field.name == "birth_year":
            kind = T.IntegerType()
        fields.append(T.StructField(field.name, kind))
    return T.StructType(fields)


def main(people: int) -> None:
    print(machine_description(), f"; CPU probe {cpu_probe():.0f} ns")
    thresholds = Settings().linkage
    model = load_model()
    borough = generate_borough(people, SEED)
    records = person_records(borough)
    truth = true_matches(borough)

    started = time.perf_counter()
    on_duckdb = score_pairs(model, records, thresholds.review)
    print(f"DuckDB: {len(on_duckdb):,} pairs in {time.perf_counter() - started:.1f} s")

    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", "4g")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(str(Path.cwd() / ".spark-checkpoints"))
    try:
        rows = [linkage_row(r) for r in records]
        frame = spark.createDataFrame(rows, schema=_schema())
        api = SparkAPI(spark_session=spark, break_lineage_method="persist")  # type: ignore[no-untyped-call]
        linker = Linker(api.register(frame), model_for_dialect(model, "spark"), log_level=None)
        started = time.perf_counter()
        predicted = linker.inference.predict(threshold_match_weight=thresholds.review)
        on_spark = [scored_pair(row) for row in predicted.as_record_list()]
        on_spark = unrelated(on_spark, {r.id: r for r in records})
        seconds = time.perf_counter() - started
    finally:
        spark.stop()
    print(f"Spark (local[2]): {len(on_spark):,} pairs in {seconds:.1f} s")
    _compare(on_duckdb, on_spark)
    for name, pairs in (("DuckDB", on_duckdb), ("Spark", on_spark)):
        report = accuracy_of(banded(pairs, thresholds), truth, len(records)).report()
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in report.items()))


def _compare(duckdb_pairs: list[ScoredPair], spark_pairs: list[ScoredPair]) -> None:
    left = {frozenset((p.left_id, p.right_id)): p for p in duckdb_pairs}
    right = {frozenset((p.left_id, p.right_id)): p for p in spark_pairs}
    shared = left.keys() & right.keys()
    differing = sorted(
        (k for k in shared if abs(left[k].match_weight - right[k].match_weight) > 0.01),
        key=lambda k: -abs(left[k].match_weight - right[k].match_weight),
    )
    print(
        f"pairs only on DuckDB {len(left.keys() - right.keys())}, only on Spark "
        f"{len(right.keys() - left.keys())}, in both {len(shared):,}; "
        f"{len(differing)} differ in match weight by more than 0.01"
    )
    for key in differing[:5]:
        fields = {
            f: (left[key].field_weights[f], right[key].field_weights[f])
            for f in left[key].field_weights
            if left[key].field_weights[f] != right[key].field_weights[f]
        }
        print(
            f"  {sorted(key)}: DuckDB {left[key].match_weight}, Spark "
            f"{right[key].match_weight}; fields (DuckDB, Spark) {fields}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
