"""Importing an agency's extract. Each file is validated row by row and committed in one
transaction, all or nothing (or, asked to, its valid rows only), so that a crash of the
importer or of Neo4j leaves the file either wholly in or wholly out. Records are keyed on
the agency and its own record id: a file sent again changes nothing, a changed row keeps
the values it replaces as a revision, and a withdrawn row takes its record out of every
view. Every run is recorded (who, when, the file's name and SHA-256, its counts)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import strawberry

from graph_service.feeds.formats import (
    FeedFormat,
    FeedUnreadable,
    feed_format,
    header,
    read_feed,
    sha256_of,
)
from graph_service.feeds.ledger import RecordLedger
from graph_service.feeds.report import Outcome, RowProblem, RunCounts
from graph_service.model.errors import NotFound
from graph_service.model.feed_records import (
    COLUMNS,
    ORDER,
    FeedKind,
    columns,
    entity_id,
    household_key,
    record_key,
)
from graph_service.model.think_family import AlertSettings
from graph_service.security.audit import AuditEvent, AuditLog
from graph_service.services.alerts import Alerting, raise_alerts
from graph_service.services.feed_rows import (
    FeedRow,
    RowRejected,
    feed_kind,
    parse_row,
    row_hash,
)
from graph_service.services.feed_writes import WRITES, PendingWrite, alert_triggers, rule_problem
from graph_service.services.identities import Linkage, find_duplicates, link_everyone
from graph_service.services.relationships import RelationshipType
from graph_service.services.writing import MAX_IDENTITY_RECORDS, Writer, new_id
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.store.values import Row
from graph_service.views.imports import ImportCounts, ImportRun, RejectedRow

__all__ = [
    "BATCH",
    "MAX_PROBLEMS_HELD",
    "MAX_PROBLEMS_KEPT",
    "FeedFile",
    "FileImport",
    "ImportOptions",
    "RunStatus",
    "Scored",
    "Sender",
    "import_agencies",
    "import_files",
    "import_run",
    "import_runs",
    "score_new_people",
]

BATCH = 5_000  # rows per round trip, within the file's one transaction
MAX_PROBLEMS_KEPT = 10_000  # problems stored with a run; its counts are always whole
MAX_PROBLEMS_HELD = 100_000  # problems a run reports (about 20 MiB)
MAX_AGENCIES = 10_000
SCORE_ONE_BY_ONE = 500
MAX_AUDITED_PEOPLE = 1_000  # named in the run's audit event; the rest through its records
_KEPT_NEW = max(SCORE_ONE_BY_ONE, MAX_AUDITED_PEOPLE) + 1
Progress = Callable[[int], None]
Run = Callable[..., Awaitable[list[Row]]]


class RunStatus(StrEnum):
    COMMITTED = "committed"  # every valid row is in the graph
    REJECTED = "rejected"  # a row was rejected: nothing of the file was written
    DRY_RUN = "dry_run"  # checked only: nothing written
    UNCHANGED = "unchanged"  # every row as on record already: nothing to write


@dataclass(frozen=True)
class FeedFile:
    """A file to import, as named by whoever sent it (its kind and format come from the
    name: `people.csv`, `concerns.jsonl`)."""

    path: Path
    name: str
    run_id: str | None = None  # the import run's id, if the sender gave it one already

    @property
    def kind(self) -> FeedKind:
        return feed_kind(self.name)

    @property
    def format(self) -> FeedFormat:
        return feed_format(self.name)

    @classmethod
    def at(cls, path: Path, name: str | None = None) -> FeedFile:
        named = cls(path, name or path.name)
        named.kind  # noqa: B018 (raises ValueError naming the file)
        feed_format(named.name)
        return named


@dataclass(frozen=True)
class Sender:
    """Who imports, as the audit trail names them, and where its events go."""

    role: str
    agency_id: str | None
    audit: AuditLog


@dataclass(frozen=True)
class ImportOptions:
    dry_run: bool = False
    accept_valid: bool = False  # commit the valid rows of a file with rejected rows
    # With rules: new serious concerns and hazards raise Think Family alerts in the file's
    # transaction, as the API's writes do.
    alerting: AlertSettings | None = None


@dataclass
class FileImport:
    """What importing one file did."""

    run_id: str
    file: str
    kind: FeedKind
    agency_id: str
    user: str
    sha256: str
    status: RunStatus
    counts: RunCounts
    problems: list[RowProblem]
    started_at: datetime
    seconds: float
    new_people: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, run: Row) -> FileImport:
        """A run as it was stored."""
        counts = RunCounts(**{name: run[name] for name in RunCounts().as_dict()})
        return cls(
            run["id"],
            run["file"],
            FeedKind(run["kind"]),
            run["agency_id"],
            run["user"],
            run["sha256"],
            RunStatus(run["status"]),
            counts,
            [RowProblem(**problem) for problem in json.loads(run["problems"])],
            run["started_at"],
            run["seconds"],
        )

    def record(self) -> dict[str, Any]:
        """As the import run is stored (problems past MAX_PROBLEMS_KEPT are counted only)."""
        kept = [asdict(p) for p in self.problems[:MAX_PROBLEMS_KEPT]]
        return {
            "id": self.run_id,
            "file": self.file,
            "kind": self.kind.value,
            "agency_id": self.agency_id,
            "user": self.user,
            "sha256": self.sha256,
            "status": self.status.value,
            "started_at": self.started_at,
            "seconds": round(self.seconds, 3),
            "problems": json.dumps(kept),
            **self.counts.as_dict(),
        }


async def import_files(
    gateway: GraphGateway,
    writer: Writer,
    agency_id: str,
    files: Sequence[FeedFile],
    options: ImportOptions,
    sender: Sender,
    progress: Progress | None = None,
    ledger: RecordLedger | None = None,
    agencies: dict[str, str] | None = None,
    flush: bool = True,
) -> list[FileImport]:
    """Import an agency's files, people first (records are sent before others name them),
    each recorded as an import run and in the audit trail. `agency_id`: the sending
    agency, by id or code."""
    agencies = agencies or await _agencies(gateway)
    agency = agencies.get(agency_id)
    if agency is None:
        raise NotFound("agency", agency_id, f"agency: no agency with id or code {agency_id!r}")
    ordered = sorted(files, key=lambda f: ORDER.index(f.kind))
    own = ledger is None
    ledger = ledger or RecordLedger()
    results = []
    try:
        for file in ordered:
            importer = _FileImporter(gateway, writer, agency, agencies, file, options, ledger)
            result = await importer.run(progress)
            await sender.audit.record(_audit_event(result, sender))
            results.append(result)
    finally:
        if own:
            ledger.close()
    if flush:  # the audit events are stored before the caller hears the outcome
        await sender.audit.flush()
    return results


async def import_agencies(
    gateway: GraphGateway,
    writer: Writer,
    files: Mapping[str, Sequence[Path]],
    sender: Sender,
    progress: Progress | None = None,
    options: ImportOptions | None = None,
) -> list[FileImport]:
    """Import several agencies' extracts (agency id or code -> its files), kind by kind
    across agencies: every agency's people are in before any agency's facts name them."""
    ledger = RecordLedger()  # what a dry run would have created, for later files
    agencies = await _agencies(gateway)
    try:
        results = await _import_kinds(
            gateway, writer, files, sender, progress, options, ledger, agencies
        )
    finally:
        ledger.close()
    await sender.audit.flush()  # once for every file, not once a file
    return results


async def _import_kinds(
    gateway: GraphGateway,
    writer: Writer,
    files: Mapping[str, Sequence[Path]],
    sender: Sender,
    progress: Progress | None,
    options: ImportOptions | None,
    ledger: RecordLedger,
    agencies: dict[str, str],
) -> list[FileImport]:
    results = []
    for kind in ORDER:
        for agency, paths in files.items():
            feeds = [feed for feed in map(FeedFile.at, paths) if feed.kind is kind]
            if feeds:
                results += await import_files(
                    gateway,
                    writer,
                    agency,
                    feeds,
                    options or ImportOptions(),
                    sender,
                    progress,
                    ledger,
                    agencies,
                    flush=False,
                )
    return results


async def import_run(gateway: GraphGateway, run_id: str) -> FileImport | None:
    rows = await gateway.read("import_run_by_id", id=run_id)
    return FileImport.of(rows[0]["run"]) if rows else None


async def import_runs(
    gateway: GraphGateway, agency_id: str | None, offset: int, limit: int
) -> list[ImportRun]:
    """Import runs, newest first (of one agency, if named)."""
    rows = await gateway.read("import_runs", agencyId=agency_id, offset=offset, limit=limit)
    return [_run_view(row["run"]) for row in rows]


def _run_view(row: Row) -> ImportRun:
    run = FileImport.of(row)
    rejected = [
        RejectedRow(line=p.line, record_id=p.record_id, field=p.field) for p in run.problems
    ]
    return ImportRun(
        id=strawberry.ID(run.run_id),
        agency_id=strawberry.ID(run.agency_id),
        agency_name=row.get("agency_name"),
        file=run.file,
        kind=run.kind.value,
        sha256=run.sha256,
        status=run.status.value,
        user=run.user,
        started_at=run.started_at,
        seconds=run.seconds,
        counts=ImportCounts(**run.counts.as_dict()),
        rejected_rows=rejected,
    )


@dataclass(frozen=True)
class Scored:
    """What identity resolution made of an import's new people."""

    people: int
    proposed: int  # possible duplicates put to review
    linked: int  # pairs in the auto-link band, linked (whole-borough runs only)


async def score_new_people(
    gateway: GraphGateway, linkage: Linkage, writer: Writer, results: Sequence[FileImport]
) -> Scored:
    """Score the people the committed files added, as `createPerson` scores one: each
    against everyone on record, possible duplicates put to review. Past SCORE_ONE_BY_ONE
    of them (a borough's first load), the whole borough is linked in one run instead:
    that is quicker than scoring each, and links the auto-link band as `linkage link`
    does."""
    committed = [r for r in results if r.status is RunStatus.COMMITTED]
    count = sum(r.counts.new for r in committed if r.kind is FeedKind.PEOPLE)
    if count > SCORE_ONE_BY_ONE:
        run = await link_everyone(gateway, linkage, writer)
        return Scored(count, run.proposed - run.linked, run.linked)
    new = [person for result in committed for person in result.new_people]
    proposed = 0
    for person in new:
        proposed += len(await find_duplicates(gateway, linkage, writer, person))
    return Scored(count, proposed, 0)


def _audit_event(result: FileImport, sender: Sender) -> AuditEvent:
    """An import as the audit trail keeps it: the run names the file and its records
    (each FeedRecord names the run that last wrote it)."""
    return AuditEvent(
        user=result.user,
        role=sender.role,
        agency=sender.agency_id,
        operation="import_feed",
        action="write",
        outcome="allowed" if result.status is RunStatus.COMMITTED else "failed",
        person_ids=result.new_people[:MAX_AUDITED_PEOPLE],
        request_id=result.run_id,
        purpose=f"{result.kind.value} feed {result.file} ({result.status.value})",
    )


async def _agencies(gateway: GraphGateway) -> dict[str, str]:
    rows = await gateway.read("feed_agencies", limit=MAX_AGENCIES)
    found = {row["id"]: row["id"] for row in rows}
    found |= {row["code"]: row["id"] for row in rows if row["code"]}
    return found


# A row as sent: its line, its values, its record key and the digest of what it says.
_Sent = tuple[int, dict[str, str | None], str, str]
# A row rejected as it was read: its line, record id, column and the reason.
_Rejection = tuple[int, str | None, str, str]
# A batch of rows as read (line, values), and the lines of it that were rejected.
_Read = tuple[list[tuple[int, dict[str, str | None]]], list[_Rejection]]


@dataclass
class _Ahead:
    """A batch read ahead: how many rows, those that can be rows of the kind, the rows
    rejected on the way, and (if checked ahead) each row checked, by record key."""

    size: int
    sent: list[_Sent]
    rejected: list[_Rejection]
    parsed: dict[str, FeedRow | RowRejected]


async def _settled(task: asyncio.Task[Any]) -> None:
    """Wait for a task to end, whatever its outcome (which is then taken, not raised)."""
    await asyncio.wait([task])
    if not task.cancelled():
        task.exception()


class _RolledBack(Exception):
    """Raised to roll a file's transaction back: a row was rejected, or none changed."""

    def __init__(self, status: RunStatus) -> None:
        super().__init__(status.value)
        self.status = status


class _FileImporter:
    """One file, streamed in batches through one transaction."""

    def __init__(
        self,
        gateway: GraphGateway,
        writer: Writer,
        agency: str,
        agencies: dict[str, str],
        file: FeedFile,
        options: ImportOptions,
        ledger: RecordLedger,
    ) -> None:
        self.gateway = gateway
        self.writer = writer
        self.agency = agency
        self.agencies = agencies
        self.file = file
        self.kind = file.kind
        self.options = options
        self.ledger = ledger
        self.attempt = 0
        self.run_id = file.run_id or new_id("IR")
        self.header_checked = False
        self.columns: list[str] | None = None  # a CSV file's, sorted: every row has them
        self.opens_stream = False  # the first file of its stream: no earlier records
        self._reset()

    def _reset(self) -> None:
        self.counts = RunCounts()
        self.problems: list[RowProblem] = []
        self.attempt += 1  # a retried transaction reads the file again from the start
        self.new_people: list[str] = []
        self.identities: set[str] = set()

    async def _alerts(self, tx: WriteTransaction, writes: list[PendingWrite]) -> None:
        """The Think Family alerts the batch's new concerns and hazards call for."""
        if self.options.alerting is None:
            return
        alerting = Alerting(self.options.alerting, datetime.now(UTC))
        for trigger, address in alert_triggers(writes):
            await raise_alerts(
                tx, trigger, alerting, self.writer.today, address_id=address, raised_by=self.agency
            )

    async def run(self, progress: Progress | None) -> FileImport:
        started, clock = datetime.now(UTC), time.monotonic()
        sha = await asyncio.to_thread(sha256_of, self.file.path)
        status = RunStatus.DRY_RUN if self.options.dry_run else RunStatus.COMMITTED
        if not await self._header_fits():
            status = RunStatus.REJECTED
        elif self.options.dry_run:
            await self._stream(self.gateway.read, None, progress)
        elif await self._sent_whole_already(sha, progress):
            status = RunStatus.UNCHANGED
        else:
            status = await self._commit(progress, sha, started, clock)
        result = self._result(sha, status, started, time.monotonic() - clock)
        if status is not RunStatus.COMMITTED:  # the committed run was stored with its rows
            await self.gateway.write(lambda tx: self._store(tx, result), versioned=False)
        return result

    async def _commit(
        self, progress: Progress | None, sha: str, started: datetime, clock: float
    ) -> RunStatus:
        async def work(tx: WriteTransaction) -> None:
            self._reset()  # a retried transaction starts the file again
            [stream] = await tx.run("feed_stream_lock", key=self._source, runId=self.run_id)
            self.opens_stream = bool(stream["first"])
            await self._stream(tx.run, tx, progress)
            if self.counts.rejected and not self.options.accept_valid:
                raise _RolledBack(RunStatus.REJECTED)
            if not self.counts.new + self.counts.changed:
                raise _RolledBack(RunStatus.UNCHANGED)  # the data's version stays
            for identity in self.identities:
                tx.defer("identity_rederive", personId=identity, maxRecords=MAX_IDENTITY_RECORDS)
            whole = None if self.counts.rejected else sha
            rows = self.counts.read
            await tx.run("feed_stream_mark", key=self._source, sha256=whole, rows=rows)
            result = self._result(sha, RunStatus.COMMITTED, started, time.monotonic() - clock)
            await self._store(tx, result)

        try:
            await self.gateway.write(work)
        except _RolledBack as rolled_back:
            return rolled_back.status
        return RunStatus.COMMITTED

    @property
    def _source(self) -> str:
        """The stream of files this one belongs to: its agency's, of its kind."""
        return f"{self.agency}\x1f{self.kind.value}"

    async def _sent_whole_already(self, sha: str, progress: Progress | None) -> bool:
        """Whether this very file (by SHA-256) is the last of its kind the agency sent and
        every row of it went in: each row is then as its record says, so all are counted
        unchanged without reading them. (Records are keyed by agency and kind, so only a
        later file of the same kind could have changed them, and it would be the last.)"""
        found = await self.gateway.read("feed_stream_digest", key=self._source)
        if not found or found[0]["sha256"] != sha:
            return False
        rows = int(found[0]["rows"])
        self.counts.add(Outcome.UNCHANGED, times=rows)
        if progress is not None:
            progress(rows)
        return True

    async def _store(self, tx: WriteTransaction, result: FileImport) -> None:
        await tx.run("import_run_record", run=result.record())

    def _result(self, sha: str, status: RunStatus, started: datetime, seconds: float) -> FileImport:
        return FileImport(
            self.run_id,
            self.file.name,
            self.kind,
            self.agency,
            self.writer.user,
            sha,
            status,
            self.counts,
            self.problems,
            started,
            seconds,
            self.new_people if status is RunStatus.COMMITTED else [],
        )

    async def _header_fits(self) -> bool:
        """A CSV file's header has every required column and no unknown one; otherwise
        the file is rejected as a whole (one problem per column, on line 1)."""
        try:
            given = await asyncio.to_thread(header, self.file.path, self.file.format)
        except FeedUnreadable as error:
            self._problem(error.line, None, "file", error.reason)
            return False
        if not given:
            return True
        self.header_checked = True
        self.columns = sorted(given)
        for column in COLUMNS[self.kind][0]:
            if column not in given:
                self._problem(
                    1, None, column, f"the {self.kind.value} file needs a {column} column"
                )
        allowed = set(columns(self.kind))
        for column in given:
            if column not in allowed:
                self._problem(1, None, column, f"is not a column of a {self.kind.value} file")
        return not self.problems

    def _problem(self, line: int, record_id: str | None, column: str, reason: str) -> None:
        # A file of nothing but bad rows must not hold them all: the counts stay whole.
        if len(self.problems) < MAX_PROBLEMS_HELD:
            self.problems.append(RowProblem(self.file.name, line, record_id, column, reason))

    def _reject(self, line: int, record_id: str | None, column: str, reason: str) -> None:
        self._problem(line, record_id, column, reason)
        self.counts.add(Outcome.REJECTED)

    async def _stream(
        self, run: Run, tx: WriteTransaction | None, progress: Progress | None
    ) -> None:
        """Batch by batch. While the server looks up and writes one batch, the next is
        read, hashed and (once rows are being written) checked in a worker thread, so the
        two sides' work overlaps."""
        batches = self._batches()
        ahead = await asyncio.to_thread(self._read, batches, False)
        parse = False  # checking rows ahead is wasted on a file sent again unchanged
        while ahead is not None:
            for problem in ahead.rejected:  # counted in line order, as they were read
                self._reject(*problem)
            reading = asyncio.create_task(asyncio.to_thread(self._read, batches, parse))
            try:
                writes = await self._batch(run, ahead.sent, ahead.parsed)
                if tx is not None and writes:
                    await WRITES[self.kind](tx, writes, self.agency, self.run_id, self.writer.today)
                    await self._alerts(tx, writes)
                    await self._mark(tx, writes)
            except BaseException:
                await _settled(reading)  # the worker must not outlive the transaction
                raise
            parse = tx is not None and bool(writes)
            if progress is not None:
                progress(ahead.size)
            ahead = await reading

    async def _mark(self, tx: WriteTransaction, writes: list[PendingWrite]) -> None:
        """Keep what each row wrote, for the next time its record is sent."""
        created = [w.mark(self.run_id) for w in writes if w.known is None]
        updated = [w.mark(self.run_id) for w in writes if w.known is not None]
        await tx.run("feed_records_mark", created=created, updated=updated)

    def _read(self, batches: Iterator[_Read], parse: bool) -> _Ahead | None:
        """The next batch, read and hashed; with `parse`, its rows checked too (in a
        worker thread: what it rejects is counted by the caller)."""
        read = next(batches, None)
        if read is None:
            return None
        rows, rejected = read
        sent = self._sent(rows, rejected)
        return _Ahead(len(rows), sent, rejected, self._parse_all(sent) if parse else {})

    def _batches(self) -> Iterator[_Read]:
        batch: list[tuple[int, dict[str, str | None]]] = []
        rejected: list[_Rejection] = []
        try:
            for line in read_feed(self.file.path, self.file.format):
                if line.problem is not None:
                    rejected.append((line.number, None, "line", line.problem))
                    continue
                batch.append((line.number, line.values))
                if len(batch) >= BATCH:
                    yield batch, rejected
                    batch, rejected = [], []
        except FeedUnreadable as error:
            rejected.append((error.line, None, "file", error.reason))
        if batch or rejected:
            yield batch, rejected

    def _sent(
        self, batch: Iterable[tuple[int, dict[str, str | None]]], rejected: list[_Rejection]
    ) -> list[_Sent]:
        """The batch's rows that can be rows of this kind: each with its record key and
        the hash of what it says (a row with an unknown field or a record id given
        before is rejected here, into `rejected`)."""
        allowed = set(columns(self.kind))
        sent: list[_Sent] = []
        here: dict[str, int] = {}  # this batch's record ids: the ledger has the earlier ones
        fresh: list[tuple[int, dict[str, str | None], str]] = []
        for number, values in batch:
            record_id = values.get("record_id")
            # A CSV row has the header's columns, checked already; a JSON object, its own.
            unknown = () if self.header_checked else sorted(values.keys() - allowed)
            if unknown:
                reason = f"is not a field of {self.kind.value}"
                rejected.append((number, record_id, unknown[0], reason))
                continue
            if record_id is None:
                rejected.append((number, None, "record_id", "is required"))
                continue
            first = here.setdefault(record_id, number)
            if first != number:
                rejected.append((number, record_id, "record_id", f"appears again (line {first})"))
                continue
            fresh.append((number, values, record_id))
        scope = f"{self.run_id}:{self.attempt}"
        earlier = self.ledger.first_lines(scope, [(record, n) for n, _, record in fresh])
        for number, values, record_id in fresh:
            if record_id in earlier:
                line = earlier[record_id]
                rejected.append((number, record_id, "record_id", f"appears again (line {line})"))
                continue
            key = record_key(self.agency, self.kind, record_id)
            sent.append((number, values, key, row_hash(values, self.columns)))
        return sent

    def _parse(
        self, number: int, values: dict[str, str | None], digest: str
    ) -> FeedRow | RowRejected:
        try:
            return parse_row(
                self.kind, number, values, self.agency, self.agencies, self.writer.today, digest
            )
        except RowRejected as error:
            return error

    def _parse_all(self, sent: list[_Sent]) -> dict[str, FeedRow | RowRejected]:
        """Every row checked (in a worker thread: it touches nothing shared)."""
        return {key: self._parse(number, values, digest) for number, values, key, digest in sent}

    async def _batch(
        self, run: Run, sent: list[_Sent], parsed: dict[str, FeedRow | RowRejected]
    ) -> list[PendingWrite]:
        """Count each row's outcome; what is to be written."""
        # A row as it was last sent is unchanged: it was checked then.
        known, unchanged = await self._known(run, sent)
        rows: list[FeedRow] = []
        for index, (number, values, key, digest) in enumerate(sent):
            if index in unchanged:
                continue
            row = parsed.get(key) or self._parse(number, values, digest)
            if isinstance(row, RowRejected):
                self._reject(number, values.get("record_id"), row.column, row.reason)
            else:
                rows.append(row)
        self.counts.add(Outcome.UNCHANGED, times=len(unchanged))
        named = await self._named(run, rows)
        if self.options.dry_run:  # named by earlier rows this dry run would have written
            missing = [k for row in rows for k in row.refs.values() if k not in named]
            named |= {key: dict(_NOT_YET) for key in self.ledger.created(missing)}
        writes = [self._classify(row, known.get(row.key), named) for row in rows]
        return [write for write in writes if write is not None]

    async def _known(self, run: Run, sent: list[_Sent]) -> tuple[dict[str, Row], set[int]]:
        """What earlier imports recorded of these rows' records, by key, for the rows
        that say something new; and which rows (by position) are as last sent. The digests
        are compared in the graph, so a file sent again brings back no records at all. A
        file that opens its stream has none to look for."""
        if not sent or self.opens_stream:
            return {}, set()
        rows = [{"i": i, "key": key, "hash": digest} for i, (_, _, key, digest) in enumerate(sent)]
        [found] = await run("feed_records_known", rows=rows, limit=len(rows))
        fields = ("key", "entity_id", "start_id", "hash", "withdrawn")
        records = {r[0]: dict(zip(fields, r, strict=True)) for r in found["records"]}
        return records, set(found["unchanged"])

    async def _named(self, run: Run, rows: list[FeedRow]) -> dict[str, Row]:
        """The people and households the rows name, found in the graph, by record key."""
        scope = self.writer.reach.scope_agency
        people: list[str] = []
        households: dict[str, str] = {}  # the graph's id for each: its key
        for key in {key for row in rows for key in row.refs.values()}:
            agency, kind, _ = key.split("\x1f", 2)  # a record key: agency, kind, record id
            if kind == FeedKind.PEOPLE.value:
                people.append(key)
            elif kind == _HOUSEHOLD and scope in (None, agency):
                households[entity_id("H", key)] = key
        people.sort()
        if not people and not households:
            return {}
        [found] = await run(
            "feed_records_named",
            people=people,
            kin=sorted(_named_as_siblings(rows)),
            households=list(households),
            limit=max(len(people), len(households)),
            scopeAgency=scope,
        )
        fields = ("key", "id", "date_of_birth", "deceased_on", "identity_id", "parents")
        named = {r[0]: dict(zip(fields, r, strict=True)) for r in found["people"]}
        named |= {households[i]: {"id": i} for i in found["households"]}
        return named

    def _classify(
        self, row: FeedRow, known: Row | None, named: dict[str, Row]
    ) -> PendingWrite | None:
        """Count the row's outcome; what is to be written, if anything."""
        for column, key in row.refs.items():
            if key not in named:
                agency, kind, record = key.split("\x1f")
                what = "person" if kind == FeedKind.PEOPLE.value else kind
                reason = f"no {what} recorded as {record!r} by {agency}"
                self._reject(row.line, row.record_id, column, reason)
                return None
        if row.withdrawn:
            return self._withdrawal(row, known)
        problem = rule_problem(row, named)
        if problem is not None:
            self._reject(row.line, row.record_id, *problem)
            return None
        self.counts.add(Outcome.CHANGED if known is not None else Outcome.NEW)
        if self.options.dry_run:  # what a commit writes, later files find in the graph
            created = [row.key] if known is None else []
            if self.kind is FeedKind.HOUSEHOLDS:
                created.append(household_key(self.agency, row.values["household"]))
            self.ledger.add_created(created)
        entity = known["entity_id"] if known else entity_id(_PREFIX[self.kind], row.key)
        if known is None and self.kind is FeedKind.PEOPLE and len(self.new_people) < _KEPT_NEW:
            self.new_people.append(entity)  # a borough's first load is scored whole
        linked = (named[k].get("identity_id") for k in row.refs.values() if k in named)
        self.identities |= {str(identity) for identity in linked if identity}
        return PendingWrite(row, entity, known, named)

    def _withdrawal(self, row: FeedRow, known: Row | None) -> PendingWrite | None:
        if known is None:
            self._reject(row.line, row.record_id, "withdrawn", "no record of that id to withdraw")
            return None
        if known["withdrawn"]:
            self.counts.add(Outcome.UNCHANGED)
            return None
        self.counts.add(Outcome.CHANGED, withdrawn=True)
        return PendingWrite(row, known["entity_id"], known, {})


def _named_as_siblings(rows: Iterable[FeedRow]) -> set[str]:
    """The people that sibling rows name: only their parents are looked up (what a
    sibling recorded directly must agree with)."""
    sibling = RelationshipType.SIBLING_OF.value
    return {
        key
        for row in rows
        if row.kind is FeedKind.RELATIONSHIPS and row.values["type"] == sibling
        for key in row.refs.values()
    }


_HOUSEHOLD = "household"  # the kind in a household's key (households have no file)
# A record a dry run would have created: on record for later rows, with nothing known yet.
_NOT_YET: Row = dict.fromkeys(("id", "date_of_birth", "deceased_on", "identity_id", "parents"))
_PREFIX = {
    FeedKind.PEOPLE: "P",
    FeedKind.ADDRESSES: "R",
    FeedKind.HOUSEHOLDS: "R",
    FeedKind.KNOWN_TO: "RK",
    FeedKind.RELATIONSHIPS: "R",
    FeedKind.CONCERNS: "C",
    FeedKind.HAZARDS: "HZ",
    FeedKind.CASES: "CS",
}
