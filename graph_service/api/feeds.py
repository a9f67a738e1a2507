"""`POST /feeds` for integrating systems: an agency's extract file, sent with the agency's
API key, imported as `graph-service ingest` imports it. The call answers at once with the
import run's id (202); `GET /feeds/{id}` says how it went, `GET /feeds/{id}/report.csv`
lists its rejected rows. A run is the sending agency's: to anyone else it does not exist."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from graph_service.feeds.report import RowProblem, problems_csv
from graph_service.security.access import disclosure_for
from graph_service.security.audit import AuditEvent
from graph_service.security.policy import AccessDeniedError
from graph_service.services.feeds import (
    FeedFile,
    FileImport,
    ImportOptions,
    Sender,
    import_files,
    import_run,
    score_new_people,
)
from graph_service.services.writing import Writer, new_id
from graph_service.store.gateway import GraphGateway, today

__all__ = ["MAX_FEED_BYTES", "FeedRuns", "feed_routes"]

log = logging.getLogger("graph_service.feeds")
MAX_FEED_BYTES = 2 << 30  # 2 GiB: a borough's whole extract is a few hundred MiB
_CHUNK = 1 << 20


@dataclass
class FeedRuns:
    """Imports under way in this process (finished ones are read from the graph)."""

    running: dict[str, str] = field(default_factory=dict)  # run id -> sending agency
    failed: dict[str, str] = field(default_factory=dict)  # stopped short: nothing written
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def stop(self) -> None:
        """Stop the imports under way (their transactions roll back: nothing half-written;
        their senders send again)."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


def feed_routes() -> list[BaseRoute]:
    return [
        Route("/feeds", send_feed, methods=["POST"]),
        Route("/feeds/{id}", feed_run, methods=["GET"]),
        Route("/feeds/{id}/report.csv", feed_report, methods=["GET"]),
    ]


def _problem(status: int, code: str, message: str, field_name: str | None = None) -> Response:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if field_name is not None:
        body["error"]["field"] = field_name
    return JSONResponse(body, status_code=status)


def _gateway(request: Request) -> GraphGateway:
    state = request.app.state
    return GraphGateway(state.driver, state.queries, state.settings.neo4j_database)


def _flag(request: Request, name: str) -> bool:
    value = request.query_params.get(name, "false").lower()
    if value not in ("true", "false"):
        raise ValueError(f"{name}: must be true or false, got {value!r}")
    return value == "true"


async def send_feed(request: Request) -> Response:
    """The body is the file, as is; `?file=people.csv` names it (and so its kind and
    format); `dryRun=true`, `acceptValid=true` as the command line's options."""
    gateway = _gateway(request)
    disclosure = disclosure_for(request, gateway)
    try:
        disclosure.authorise("sendFeed")
    except AccessDeniedError as denied:
        return _problem(403, "FORBIDDEN", str(denied))
    agency = disclosure.principal.agency_id
    if agency is None:
        return _problem(403, "FORBIDDEN", "a feed is sent with an agency's API key")
    name = request.query_params.get("file", "")
    try:
        alerting = request.app.state.settings.alerts
        options = ImportOptions(
            _flag(request, "dryRun"), _flag(request, "acceptValid"), alerting=alerting
        )
        FeedFile.at(Path(name or "?"), name)
    except ValueError as bad:
        field_name = "file" if str(bad).startswith(name or "?") else str(bad).split(":")[0]
        return _problem(400, "BAD_REQUEST", str(bad), field_name)
    path = await _received(request)
    if path is None:
        return _problem(413, "TOO_LARGE", f"a feed file is at most {MAX_FEED_BYTES} bytes")
    run_id = new_id("IR")
    writer = Writer.of(disclosure, today())
    runs: FeedRuns = request.app.state.feed_runs
    runs.running[run_id] = agency
    task = asyncio.create_task(
        _import(request, writer, agency, FeedFile(path, name, run_id), options, disclosure)
    )
    runs.tasks.add(task)
    task.add_done_callback(runs.tasks.discard)
    location = f"/feeds/{run_id}"
    body = {"runId": run_id, "status": "running", "links": {"status": location}}
    return JSONResponse(body, status_code=202, headers={"location": location})


async def _received(request: Request) -> Path | None:
    """The body, streamed to a temporary file (never held whole); None if too large."""
    with tempfile.NamedTemporaryFile(prefix="feed-", suffix=".part", delete=False) as out:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_FEED_BYTES:
                out.close()
                Path(out.name).unlink()
                return None
            await asyncio.to_thread(out.write, chunk)
    return Path(out.name)


async def _import(
    request: Request,
    writer: Writer,
    agency: str,
    feed: FeedFile,
    options: ImportOptions,
    disclosure: Any,
) -> None:
    state = request.app.state
    gateway = _gateway(request)
    principal = disclosure.principal
    sender = Sender(principal.role.value, agency, state.audit)
    try:
        results = await import_files(gateway, writer, agency, [feed], options, sender)
        if not options.dry_run:
            await score_new_people(gateway, state.linkage, writer, results)
    except Exception as error:
        # The file's transaction rolled back: its sender is told to send it again, and the
        # attempt is in the audit trail.
        state.feed_runs.failed[feed.run_id] = agency
        log.warning("feed import %s stopped before the end", feed.run_id)
        await sender.audit.record(
            AuditEvent(
                user=principal.user,
                role=principal.role.value,
                agency=agency,
                operation="import_feed",
                action="write",
                outcome="failed",
                person_ids=[],
                request_id=str(feed.run_id),
                purpose=f"{feed.name}: stopped ({type(error).__name__}), nothing written",
            )
        )
    finally:
        state.feed_runs.running.pop(feed.run_id, None)
        feed.path.unlink(missing_ok=True)


async def _run_of(request: Request) -> tuple[dict[str, Any] | None, Response | None]:
    """The caller's own run, finished or not; any other answers as an unknown id."""
    gateway = _gateway(request)
    disclosure = disclosure_for(request, gateway)
    try:
        disclosure.authorise("sendFeed")
    except AccessDeniedError as denied:
        return None, _problem(403, "FORBIDDEN", str(denied))
    run_id = request.path_params["id"]
    agency = disclosure.principal.agency_id
    unknown = _problem(404, "NOT_FOUND", f"id: no import run {run_id!r}", "id")
    runs: FeedRuns = request.app.state.feed_runs
    if runs.running.get(run_id) == agency is not None:
        return {"runId": run_id, "status": "running"}, None
    if runs.failed.get(run_id) == agency is not None:
        stopped = (
            "the import stopped before the end; nothing of the file was written: send it again"
        )
        return {"runId": run_id, "status": "failed", "reason": stopped}, None
    run = await import_run(gateway, run_id)
    if run is None or run.agency_id != agency:
        return None, unknown
    return _as_json(run), None


def _as_json(run: FileImport) -> dict[str, Any]:
    return {
        "runId": run.run_id,
        "status": run.status.value,
        "file": run.file,
        "kind": run.kind.value,
        "sha256": run.sha256,
        "user": run.user,
        "startedAt": run.started_at.isoformat(),
        "seconds": run.seconds,
        "counts": run.counts.as_dict(),
        "problems": [asdict(problem) for problem in run.problems],
    }


async def feed_run(request: Request) -> Response:
    run, refused = await _run_of(request)
    return refused or JSONResponse(run)


async def feed_report(request: Request) -> Response:
    run, refused = await _run_of(request)
    if refused is not None:
        return refused
    assert run is not None
    problems = [RowProblem(**problem) for problem in run.get("problems", [])]
    return PlainTextResponse(problems_csv(problems), media_type="text/csv; charset=utf-8")
