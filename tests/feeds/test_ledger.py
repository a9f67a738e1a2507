"""The importer's memory of rows read: first lines per file, and what a dry run would
have created."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from graph_service.feeds.ledger import RecordLedger


@pytest.mark.parametrize("in_memory", [1_000_000, 3, 0])  # in memory, both, on disk
def test_a_record_id_given_again_is_found_with_its_first_line_in_that_file_only(
    in_memory: int,
) -> None:
    ledger = RecordLedger(in_memory)
    try:
        assert ledger.first_lines("run-1", [("A", 2), ("B", 3)]) == {}
        assert ledger.first_lines("run-1", [("B", 900), ("C", 901)]) == {"B": 3}
        assert ledger.first_lines("run-2", [("B", 2)]) == {}  # another file's own ids
        many = [(f"R{n}", n) for n in range(2_000)]  # more than one query's worth
        ledger.first_lines("run-3", many)
        assert len(ledger.first_lines("run-3", many)) == 2_000
    finally:
        ledger.close()


@pytest.mark.parametrize("in_memory", [1_000_000, 1, 0])
def test_records_a_dry_run_would_create_are_remembered_across_files(in_memory: int) -> None:
    ledger = RecordLedger(in_memory)
    try:
        ledger.add_created(["k1"])
        ledger.add_created(["k2"])
        assert ledger.created(["k2", "k3"]) == {"k2"}
        assert ledger.created([]) == set()
    finally:
        ledger.close()


def test_the_importer_can_read_ahead_in_worker_threads_once_records_are_on_disk() -> None:
    # The importer reads the next batch in whichever worker thread is free, while the
    # dry run's own lookups stay on the event loop's thread.
    ledger = RecordLedger(0)
    try:
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(ledger.first_lines, "run-1", [("A", 2)]).result()
        assert ledger.first_lines("run-1", [("A", 7)]) == {"A": 2}
        with ThreadPoolExecutor(max_workers=4) as workers:
            batches = [[(f"R{n}-{b}", n) for n in range(500)] for b in range(8)]
            found = list(workers.map(lambda rows: ledger.first_lines("run-2", rows), batches))
            workers.submit(ledger.add_created, ["K1"]).result()
        assert found == [{}] * 8
        assert ledger.created(["K1", "K2"]) == {"K1"}
    finally:
        ledger.close()
