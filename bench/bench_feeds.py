"""Feed import benchmark: the 100,000-person borough as its agencies' extracts, imported
through `graph-service ingest` (validated and committed, file by file), then the same
files sent again, then the same rows in another order (new files, read row by row), then
a file of a million rows, to show the importer's memory does not grow with the file.

Run: `.venv/bin/python bench/bench_feeds.py [people]` (default 100000).
Each import runs as its own process (as an operator runs it) against a freshly started,
empty Neo4j (heap 2g, page cache 1g); its peak memory is the process's maximum resident
set size (GNU time). Generating the borough and writing its files are not timed.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import neo4j

from bench.harness import bench_graph, machine_description
from graph_service.ingest.feed_export import write_feeds
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import generate_borough
from graph_service.model.feed_records import COLUMNS, FeedKind

CLI = str(Path(sys.executable).with_name("graph-service"))
BIG_FILE_ROWS = 1_000_000
_BIG_COLUMNS = COLUMNS[FeedKind.PEOPLE][0]  # the required ones


def _ingest(env: dict[str, str], *args: str) -> tuple[float, int, str]:
    return _run(env, "ingest", *args)


def _run(env: dict[str, str], *args: str) -> tuple[float, int, str]:
    """Seconds, the process's own peak memory (MiB, measured by GNU time: a child forked
    from this process would count the borough this process holds) and its last lines."""
    with tempfile.NamedTemporaryFile("w+") as output, tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", peak.name, CLI, *args],
            env={**os.environ, **env},
            stdout=output,
            stderr=output,
        )
        seconds = time.perf_counter() - started
        output.seek(0)
        tail = "\n".join(output.read().strip().splitlines()[-3:])
        kib = int(peak.read().strip().splitlines()[-1])
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{args[0]} failed: {tail}")
    return seconds, kib // 1024, tail


def _facts(driver: neo4j.Driver) -> tuple[int, int]:
    """Nodes and relationships, less the records of the import runs themselves."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT (n:ImportRun OR n:AuditEvent OR n:AuditHead) RETURN count(n) AS n"
    )
    rels, _, _ = driver.execute_query(
        "MATCH ()-[r]->() WHERE NOT type(r) IN ['SENT_BY', 'NEXT'] RETURN count(r) AS n"
    )
    return nodes[0]["n"], rels[0]["n"]


def _big_people_file(directory: Path, rows: int) -> Path:
    """A people file of `rows` rows, written as a stream (never held in memory)."""
    path = directory / "BIG" / "people.csv"
    path.parent.mkdir(parents=True)
    with path.open("w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(_BIG_COLUMNS)
        for n in range(rows):
            out.writerow(
                [
                    f"B{n:07d}",
                    "Sam",
                    f"Big{n % 997}",
                    "1990-01-01",
                    "female",
                    f"{n % 180 + 1} Long Street",
                    f"NB{n % 9 + 1} {n % 9 + 1}AB",
                ]
            )
    return path


def _reordered(feeds: Path, into: Path) -> Path:
    """The same files with their rows in reverse order: the same records, but a different
    SHA-256, so the importer must read and compare every row."""
    for path in feeds.rglob("*.csv"):
        lines = path.read_text().splitlines(keepends=True)
        target = into / path.relative_to(feeds)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(lines[0] + "".join(reversed(lines[1:])))
    return into


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"machine: {machine_description()}")
    borough = generate_borough(people, seed=1)
    with tempfile.TemporaryDirectory() as folder, bench_graph() as (driver, queries, env):
        root = Path(folder)
        export = write_feeds(borough, root / "feeds")
        files = sum(len(paths) for paths in export.files.values())
        load_borough(driver, queries, export.directory)
        first, first_peak, first_tail = _ingest(env, str(root / "feeds"), "--no-scoring")
        counts = count_graph(driver, queries)
        scoring, scoring_peak, scoring_tail = _run(env, "linkage", "link")
        facts = _facts(driver)
        again, again_peak, again_tail = _ingest(env, str(root / "feeds"))
        assert _facts(driver) == facts, "sending the files again changed the graph"
        reordered = _reordered(root / "feeds", root / "reordered")
        rows_again, rows_peak, rows_tail = _ingest(env, str(reordered))
        assert _facts(driver) == facts, "sending the rows again changed the graph"
        driver.execute_query("CREATE (:Agency {id: 'BIG', name: 'Big', kind: 'gp_practice'})")
        big = _big_people_file(root, BIG_FILE_ROWS)
        size = big.stat().st_size // (1 << 20)
        dry, dry_peak, _ = _ingest(env, str(big), "--agency", "BIG", "--dry-run")
    print(first_tail)
    print(scoring_tail)
    print(again_tail)
    print(rows_tail)
    print(f"people in the graph: {counts.people:,}, relationships {counts.relationships:,}")
    print("| import | rows | files | seconds | rows/s | importer peak memory (MiB) |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| first, committed | {export.rows:,} | {files} | {first:.1f} | "
        f"{export.rows / first:,.0f} | {first_peak} |"
    )
    print(
        f"| scoring the new people (`linkage link`) | {counts.people:,} people | | "
        f"{scoring:.1f} | | {scoring_peak} |"
    )
    print(
        f"| same files again (no change) | {export.rows:,} | {files} | {again:.1f} | "
        f"{export.rows / again:,.0f} | {again_peak} |"
    )
    print(
        f"| same rows again, reordered (read row by row) | {export.rows:,} | {files} | "
        f"{rows_again:.1f} | {export.rows / rows_again:,.0f} | {rows_peak} |"
    )
    print(
        f"| one people file of {BIG_FILE_ROWS:,} rows ({size} MiB), dry run | "
        f"{BIG_FILE_ROWS:,} | 1 | {dry:.1f} | {BIG_FILE_ROWS / dry:,.0f} | {dry_peak} |"
    )


if __name__ == "__main__":
    main()
