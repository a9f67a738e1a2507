"""`graph-service`: run the local database, migrate, seed, serve."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import dataclasses
import functools
import json
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import neo4j
import neo4j.exceptions
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_service.config import PROJECT_ROOT, Mode, Settings
from graph_service.ingest.loader import DEFAULT_BATCH, count_graph, load_borough
from graph_service.ingest.synthetic import generate_borough
from graph_service.security.exports import audit_export, local_user, person_ids_in
from graph_service.store.gateway import DatabaseUnavailableError
from graph_service.store.graph import async_driver, local_server, run_to_completion
from graph_service.store.graph import driver as make_driver
from graph_service.store.local_server import LocalServerError
from graph_service.store.migrations import MigrationError, apply_migrations
from graph_service.store.queries import QueryLibrary

__all__ = ["app", "main"]

app = typer.Typer(
    help="Safeguarding and Think Family case-network graph service.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="The local Neo4j server (no Docker needed).", no_args_is_help=True)
app.add_typer(db_app, name="db")
console = Console()
errors = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def _friendly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the errors a user can act on into one clear line and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (LocalServerError, MigrationError, ValueError) as error:
            errors.print(f"[red]error:[/red] {error}")
            raise typer.Exit(1) from None
        except (neo4j.exceptions.ServiceUnavailable, DatabaseUnavailableError):
            errors.print(
                "[red]error:[/red] cannot reach Neo4j: is it running? "
                "Start the local one with `graph-service db start`."
            )
            raise typer.Exit(1) from None
        except neo4j.exceptions.AuthError as error:
            errors.print(f"[red]error:[/red] Neo4j refused the credentials: {error.message}")
            raise typer.Exit(1) from None

    return wrapper


@contextlib.contextmanager
def _graph(settings: Settings) -> Iterator[tuple[neo4j.Driver, QueryLibrary]]:
    with make_driver(settings) as driver:
        driver.verify_connectivity()
        yield driver, QueryLibrary(settings.queries_dir)


@db_app.command("start")
@_friendly
def db_start(
    if_not_running: Annotated[
        bool, typer.Option("--if-not-running", help="Succeed quietly if it already runs.")
    ] = False,
) -> None:
    """Start the local Neo4j (fetching its jars with Maven the first time)."""
    settings = Settings()
    server = local_server(settings)
    if if_not_running and server.status().running:
        console.print(server.status().describe())
        return
    with console.status("Starting Neo4j 5.26 Community…"):
        status = server.start(timeout=settings.start_timeout_seconds)
    console.print(f"[green]{status.describe()}[/green]")
    console.print(f"password file: {server.password_file}")


@db_app.command("stop")
@_friendly
def db_stop() -> None:
    """Stop the local Neo4j."""
    stopped = local_server(Settings()).stop()
    console.print("Neo4j stopped" if stopped else "Neo4j was not running")


@db_app.command("status")
@_friendly
def db_status() -> None:
    """Say whether the local Neo4j is running."""
    status = local_server(Settings()).status()
    console.print(status.describe())
    if not status.running:
        raise typer.Exit(3)


@db_app.command("migrate")
@_friendly
def db_migrate() -> None:
    """Apply schema migrations not yet applied."""
    settings = Settings()
    with _graph(settings) as (driver, queries):
        applied = apply_migrations(driver, settings.schema_dir, queries, settings.neo4j_database)
    for migration in applied:
        console.print(f"applied {migration.version:03d}_{migration.name}")
    console.print("schema up to date" if not applied else f"{len(applied)} migration(s) applied")


@app.command()
@_friendly
def seed(
    people: Annotated[int, typer.Option(min=10, help="Person records to generate.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same borough.")] = 1,
    batch_size: Annotated[int, typer.Option(min=100, max=100_000)] = DEFAULT_BATCH,
    as_feeds: Annotated[
        Path | None,
        typer.Option(
            help="Write the borough here as its agencies' extracts (DIR/<agency>/people.csv"
            " …) and load it through the feed import, as agencies' files arrive."
        ),
    ] = None,
) -> None:
    """Generate a synthetic borough and load it (idempotent: same seed, same graph)."""
    settings = Settings()
    with console.status(f"Generating a borough of {people:,} people (seed {seed})…"):
        borough = generate_borough(people, seed)
    if as_feeds is not None:
        _seed_as_feeds(settings, borough, as_feeds, seed)
        return
    total = sum(map(len, borough.nodes.values())) + sum(map(len, borough.relationships.values()))
    with _graph(settings) as (driver, queries):
        apply_migrations(driver, settings.schema_dir, queries, settings.neo4j_database)
        columns = (TextColumn("Loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("load", total=total)
            load_borough(
                driver,
                queries,
                borough,
                database=settings.neo4j_database,
                batch_size=batch_size,
                progress=lambda n: progress.advance(task, n),
            )
        contacts = _seed_contacts(driver, queries, settings, borough, seed, None)
        counts = count_graph(driver, queries, settings.neo4j_database)
    table = Table(title=f"Borough seed {seed}")
    table.add_column("kind")
    table.add_column("generated", justify="right")
    generated = borough.counts()
    for kind, label in (
        ("people", "Person"),
        ("households", "Household"),
        ("addresses", "Address"),
        ("agencies", "Agency"),
        ("workers", "Worker"),
        ("concerns", "Concern"),
        ("cases", "Case"),
        ("hazards", "Hazard"),
        ("places", "Place"),
    ):
        table.add_row(kind, f"{generated.get(label, 0):,}")
    table.add_row("relationships", f"{sum(borough.relationship_counts().values()):,}")
    console.print(table)
    console.print(f"records recorded twice under spelling variants: {len(borough.duplicate_pairs)}")
    console.print(f"MASH contacts over the last 90 days: {contacts:,} loaded")
    console.print(
        "graph now holds: " + ", ".join(f"{k} {v:,}" for k, v in counts.as_dict().items())
    )


def _seed_as_feeds(settings: Settings, borough: Any, directory: Path, seed: int) -> None:
    """The directory (agencies, workers, places) by the bulk loader; every agency's
    extract through the import, kind by kind; then the service's own work (allocations)."""
    from graph_service.ingest.feed_export import write_feeds
    from graph_service.security.audit import AuditLog
    from graph_service.security.audit_store import AuditStore
    from graph_service.services.feeds import (
        ImportOptions,
        Sender,
        import_agencies,
        score_new_people,
    )
    from graph_service.services.identities import Linkage

    with console.status(f"Writing the agencies' extracts to {directory}…"):
        export = write_feeds(borough, directory)
    console.print(f"{export.rows:,} rows in {sum(map(len, export.files.values()))} files")
    columns = (TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with _graph(settings) as (driver, queries):
        apply_migrations(driver, settings.schema_dir, queries, settings.neo4j_database)
        load_borough(driver, queries, export.directory, database=settings.neo4j_database)
    user = f"seed ({local_user()})"
    writer = _cli_writer(user)

    async def work(gateway: Any) -> Any:
        store = AuditStore(gateway.driver, gateway.queries, gateway.database)
        sender = Sender("administrator", None, AuditLog(store.append))
        with Progress(*columns, console=console) as bar:
            task = bar.add_task("Importing", total=export.rows)
            results = await import_agencies(
                gateway,
                writer,
                export.files,
                sender,
                lambda n: bar.advance(task, n),
                ImportOptions(alerting=settings.alerts),  # recent serious concerns: alerts
            )
        with console.status("Scoring new people for possible duplicates…"):
            scored = await score_new_people(gateway, Linkage(settings.linkage), writer, results)
        console.print(
            f"{scored.proposed:,} possible duplicates to review, {scored.linked:,} linked"
        )
        return results

    results = _with_gateway(settings, work)
    with _graph(settings) as (driver, queries):
        load_borough(driver, queries, export.work, database=settings.neo4j_database)
        contacts = _seed_contacts(driver, queries, settings, borough, seed, export.person_ids)
        counts = count_graph(driver, queries, settings.neo4j_database)
    console.print(f"MASH contacts over the last 90 days: {contacts:,} loaded")
    rejected = sum(result.counts.rejected for result in results)
    console.print(f"{len(results)} files imported, {rejected} rows rejected")
    for kind, count in export.not_sent.items():
        console.print(f"not in any feed: {count} ({kind})")
    console.print(
        "graph now holds: " + ", ".join(f"{k} {v:,}" for k, v in counts.as_dict().items())
    )


def _seed_contacts(
    driver: Any,
    queries: QueryLibrary,
    settings: Settings,
    borough: Any,
    seed: int,
    person_ids: dict[str, str] | None,
) -> int:
    """The MASH's contacts of the last months, and today's open ones."""
    from datetime import UTC, datetime

    from graph_service.ingest.contacts import generate_contacts
    from graph_service.ingest.loader import load_contacts

    rows = generate_contacts(borough, datetime.now(UTC), seed, person_ids=person_ids)
    return load_contacts(driver, queries, rows, database=settings.neo4j_database)


def _cli_writer(user: str) -> Any:
    """The command line as a writer: an unscoped user, idempotency keys of its own."""
    from graph_service.services.reader import Reader
    from graph_service.services.writing import Writer

    return Writer(user, f"cli\x00{user}", Reader(None, True, _date_option(None)))


@app.command()
@_friendly
def ingest(
    files: Annotated[
        list[Path],
        typer.Argument(
            exists=True,
            readable=True,
            help="Feed files (people.csv, …) of --agency; or, without it, directories of"
            " agencies' extracts (DIR/<agency id or code>/people.csv, …).",
        ),
    ],
    agency: Annotated[str | None, typer.Option(help="The sending agency, by id or code.")] = None,
    dry_run: Annotated[bool, typer.Option(help="Check and report; write nothing.")] = False,
    accept_valid: Annotated[
        bool, typer.Option(help="Commit a file's valid rows even if others are rejected.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option(help="Write the error report here (CSV and JSON).")
    ] = None,
    scoring: Annotated[
        bool,
        typer.Option(
            help="Score new people for possible duplicates once the files are in (off: "
            "run `graph-service linkage link` later, as for a borough's first load)."
        ),
    ] = True,
) -> None:
    """Import an agency's extract (docs/feeds.md): each file all or nothing, by default."""
    from graph_service.feeds.report import problems_csv, problems_json
    from graph_service.model.errors import DomainError
    from graph_service.security.audit import AuditLog
    from graph_service.security.audit_store import AuditStore
    from graph_service.services.feeds import (
        ImportOptions,
        Sender,
        import_agencies,
        score_new_people,
    )
    from graph_service.services.identities import Linkage

    settings = Settings()
    by_agency = _feeds_by_agency(files, agency)
    writer = _cli_writer(f"ingest ({local_user()})")
    options = ImportOptions(dry_run, accept_valid, alerting=settings.alerts)
    rows = sum(_lines(path) for paths in by_agency.values() for path in paths)
    columns = (TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())

    async def work(gateway: Any) -> Any:
        store = AuditStore(gateway.driver, gateway.queries, gateway.database)
        sender = Sender("administrator", None, AuditLog(store.append))
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("rows", total=rows)
            results = await import_agencies(
                gateway, writer, by_agency, sender, lambda n: bar.advance(task, n), options
            )
        if scoring and not dry_run:
            started = time.perf_counter()
            with console.status("Scoring new people for possible duplicates…"):
                scored = await score_new_people(gateway, Linkage(settings.linkage), writer, results)
            console.print(
                f"{scored.people:,} new people scored in {time.perf_counter() - started:.1f} s:"
                f" {scored.proposed:,} possible duplicates put to review, {scored.linked:,} linked"
            )
        return results

    try:
        results = _with_gateway(settings, work)
    except DomainError as error:
        errors.print(f"[red]error:[/red] {error.message}")
        raise typer.Exit(1) from None
    table = Table("file", "status", "read", "new", "changed", "unchanged", "rejected", "seconds")
    for result in results:
        c = result.counts
        numbers = (c.read, c.new, c.changed, c.unchanged, c.rejected)
        table.add_row(result.file, result.status.value, *map(str, numbers), f"{result.seconds:.1f}")
    console.print(table)
    problems = [problem for result in results for problem in result.problems]
    for problem in problems[:20]:
        where = f"{problem.file}:{problem.line}"
        errors.print(f"{where} {problem.record_id or ''} {problem.field}: {problem.reason}")
    if len(problems) > 20:
        errors.print(f"… and {len(problems) - 20} more problems (see --report)")
    if report is not None:
        report.mkdir(parents=True, exist_ok=True)
        (report / "report.csv").write_text(problems_csv(problems))
        reports = [problems_json(r.counts, r.problems) | {"file": r.file} for r in results]
        (report / "report.json").write_text(json.dumps(reports, indent=2))
    if any(result.status.value == "rejected" for result in results):
        raise typer.Exit(1)


def _feeds_by_agency(paths: list[Path], agency: str | None) -> dict[str, list[Path]]:
    """The files to import, by sending agency: those given, for --agency; without it, each
    directory's subdirectories are agencies (by id or code) and hold their files."""
    from graph_service.services.feeds import FeedFile

    if agency is not None:
        folders = [path for path in paths if path.is_dir()]
        if folders:
            raise ValueError(f"{folders[0]}: with --agency, give files, not directories")
        for path in paths:
            FeedFile.at(path)  # a name that says no kind of record is refused up front
        return {agency: paths}
    by_agency: dict[str, list[Path]] = {}
    for path in paths:
        if not path.is_dir():
            raise ValueError(f"{path}: name the sending agency with --agency")
        for folder in sorted(p for p in path.iterdir() if p.is_dir()):
            files = sorted(f for f in folder.iterdir() if f.suffix in (".csv", ".jsonl"))
            by_agency.setdefault(folder.name, []).extend(files)
    return by_agency


def _lines(path: Path) -> int:
    """Rows in a file, about (lines, less a header): for the progress bar only."""
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


@app.command()
@_friendly
def counts() -> None:
    """Print how many of each kind of node the graph holds."""
    settings = Settings()
    with _graph(settings) as (driver, queries):
        totals = count_graph(driver, queries, settings.neo4j_database)
    for kind, value in totals.as_dict().items():
        console.print(f"{kind:14s} {value:>10,}")


@app.command()
@_friendly
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Worker processes, one per core (default GRAPH_SERVICE_API_WORKERS).",
        ),
    ] = None,
) -> None:
    """Serve the GraphQL API (and /health, /ready) with uvicorn."""
    import uvicorn

    from graph_service.api.app import create_app

    settings = Settings()
    bind, listen = host or settings.api_host, port or settings.api_port
    processes = workers or settings.api_workers
    console.print(
        f"GraphQL API on http://{bind}:{listen}/graphql ({settings.mode.value} mode, "
        f"{processes} worker{'s' if processes > 1 else ''})"
    )
    if settings.mode is Mode.DEVELOPMENT:
        from datetime import timedelta

        from graph_service.security.keys import token_keys
        from graph_service.security.roles import Role
        from graph_service.security.tokens import Principal, issue_token

        token = issue_token(
            token_keys(settings),
            Principal("developer", Role.SENIOR_PRACTITIONER),
            timedelta(hours=8),
        )
        console.print(
            "development token (senior practitioner, 8 hours); send it as "
            "'Authorization: Bearer <token>' (GraphiQL: Headers tab):"
        )
        console.print(token, soft_wrap=True)
    if processes > 1:  # each worker builds its own app from the same environment
        uvicorn.run(
            "graph_service.api.app:create_app",
            factory=True,
            host=bind,
            port=listen,
            workers=processes,
            log_level="info",
        )
    else:
        uvicorn.run(create_app(settings), host=bind, port=listen, log_level="info")


schema_app = typer.Typer(help="The GraphQL schema.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")


@schema_app.command("export")
def schema_export(
    output: Annotated[Path, typer.Option("-o", "--output")] = PROJECT_ROOT
    / "schema"
    / "schema.graphql",
) -> None:
    """Write the GraphQL SDL (checked into schema/schema.graphql)."""
    from graph_service.api.schema import build_schema

    output.write_text(build_schema().as_str() + "\n", encoding="utf-8")
    console.print(f"wrote {output}")


@app.command("nearest-relative")
@_friendly
def nearest_relative(
    person_id: Annotated[str, typer.Argument(help="The patient's person id.")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD); today.")] = None,
) -> None:
    """The patient's nearest relative under MHA 1983 s.26, with every candidate considered."""
    from datetime import date

    from graph_service.services.nearest_relative import nearest_relative as determine

    try:
        on = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        raise ValueError(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD)") from None
    settings = Settings()
    answer = _with_gateway(settings, lambda gateway: determine(gateway, person_id, on))
    if answer is None:
        raise ValueError(f"person {person_id!r} is not in the graph")
    audit_export(
        settings,
        f"nearest-relative {person_id}",
        [person_id, *(c.person.id for c in answer.candidates)],
    )
    verdict = (
        f"[bold green]{answer.nearest.person.name}[/] ({answer.nearest.relation.label})"
        if answer.nearest
        else "[bold yellow]cannot be determined from the graph[/]"
    )
    console.print(f"Nearest relative of {answer.patient.name} on {on}: {verdict}")
    table = Table(show_lines=False)
    for column in ("#", "person", "relation", "blood", "age", "lives with / cares", "rule"):
        table.add_column(column)
    for c in answer.candidates:
        lives = {True: "yes", False: "no", None: "unknown"}[c.lives_with_or_cares]
        table.add_row(
            str(c.position or "excluded"),
            c.person.name,
            c.relation.label,
            c.blood or "",
            str(c.age if c.age is not None else "?"),
            lives,
            c.rule,
        )
    console.print(table)
    for gap in answer.gaps:
        console.print(f"[yellow]gap:[/] {gap}")


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@app.command()
@_friendly
def analyse(
    analysis: Annotated[
        str, typer.Argument(help="disadvantage, toxic-trio, young-carers, clusters or hubs")
    ],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD); today.")] = None,
    area: Annotated[str | None, typer.Option(help="Only households in this area.")] = None,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
) -> None:
    """Run an explainable analysis over the borough: every flag lists its evidence."""
    from graph_service.services.analyses import analysis as run
    from graph_service.services.analyses import records

    on = _date_option(as_of)
    settings = Settings()
    columns = (TextColumn("Analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors, disable=output is not OutputFormat.TABLE) as bar:
        task = bar.add_task(analysis, total=None)

        def advance(done: int) -> None:
            bar.advance(task, done)

        result = _with_gateway(
            settings,
            lambda gateway: run(gateway, analysis, on, settings.analytics, area, progress=advance),
        )
    audit_export(settings, f"analyse {analysis}", person_ids_in(records(result.rows)))
    _print_analysis(result, output)


@app.command("map")
@_friendly
def family_map_file(
    person_id: Annotated[str, typer.Argument(help="The person the map is about.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "family.html"
    ),
    depth: Annotated[int, typer.Option(min=1, max=3, help="Steps out from the person.")] = 2,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD); today.")] = None,
) -> None:
    """Write a person's family map as one HTML file that opens offline (assets inlined)."""

    from graph_service.maps.family import family_map
    from graph_service.maps.page import render_page
    from graph_service.services.network import family_network

    on, settings = _date_option(as_of), Settings()
    network = _with_gateway(settings, lambda g: family_network(g, person_id, depth, on))
    if network is None:
        raise ValueError(f"PERSON_ID: no person with id {person_id}")
    audit_export(settings, f"map {person_id}", [str(p.id) for p in network.people])
    output.write_text(render_page(family_map(network, map_url=None), inline=True), encoding="utf-8")
    hazards = len(network.hazards)
    console.print(f"wrote {output} ({len(network.people)} people, {hazards} hazard(s))")


token_app = typer.Typer(
    help="Bearer tokens for development and integrations.", no_args_is_help=True
)
app.add_typer(token_app, name="token")


@token_app.command("create")
@_friendly
def token_create(
    user: Annotated[str, typer.Option(help="Who the token speaks for.")],
    role: Annotated[
        str,
        typer.Option(
            help="mash_practitioner, senior_practitioner, "
            "partner_agency, integration_system, auditor or "
            "administrator"
        ),
    ],
    agency: Annotated[str | None, typer.Option(help="The user's agency id.")] = None,
    minutes: Annotated[int, typer.Option(min=1, max=24 * 60, help="Lifetime.")] = 60,
) -> None:
    """Print a signed token (JWT) for a user and role, signed with the configured keys."""
    from datetime import timedelta

    from graph_service.security.keys import token_keys
    from graph_service.security.tokens import issue_token

    principal = _principal_option(user, role, agency)
    token = issue_token(token_keys(Settings()), principal, timedelta(minutes=minutes))
    sys.stdout.write(token + "\n")


def _principal_option(user: str, role: str, agency: str | None) -> Any:
    """The principal the --user, --role and --agency options name, or ValueError."""
    from graph_service.security.policy import AGENCY_SCOPED
    from graph_service.security.roles import Role
    from graph_service.security.tokens import Principal

    try:
        chosen = Role(role)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise ValueError(f"--role: {role!r} is not one of {names}") from None
    if not user.strip():
        raise ValueError("--user: must not be blank")
    if chosen in AGENCY_SCOPED and not agency:
        raise ValueError(f"--agency: a {chosen.label} works for an agency: name it")
    return Principal(user.strip(), chosen, agency)


user_app = typer.Typer(
    help="Local users of the practitioner UI (development and demo; production signs in "
    "with OpenID Connect).",
    no_args_is_help=True,
)
app.add_typer(user_app, name="user")


@user_app.command("create")
@_friendly
def user_create(
    user: Annotated[str, typer.Option(help="The name they sign in with.")],
    role: Annotated[str, typer.Option(help="Their role, e.g. mash_practitioner.")],
    agency: Annotated[str | None, typer.Option(help="Their agency id.")] = None,
    worker: Annotated[
        str | None, typer.Option(help="Their worker record (id), if they take cases.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a local user (or reset one's password, role and agency): argon2 hashed."""
    principal = dataclasses.replace(_principal_option(user, role, agency), worker_id=worker)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    _save_user(Settings(), principal, password)
    console.print(f"user {principal.user} ({principal.role.label}) can sign in")


@user_app.command("demo")
@_friendly
def user_demo() -> None:
    """Create one demo user for each role, and print how to sign in as each."""
    import secrets

    from graph_service.security.policy import AGENCY_SCOPED
    from graph_service.security.roles import Role

    settings = Settings()
    with _graph(settings) as (driver, queries):
        records, _, _ = driver.execute_query(
            queries["agencies_list"],
            kind=None,
            offset=0,
            limit=1,
            database_=settings.neo4j_database,
        )
        busy, _, _ = driver.execute_query(
            queries["worker_with_open_cases"], database_=settings.neo4j_database
        )
    agency = records[0]["agency"]["id"] if records else None
    # The practitioners are one worker, so their home page lists the cases they hold.
    worker = busy[0]["id"] if busy else None
    table = Table(title="Demo users: sign in at http://127.0.0.1:8000/")
    for column in ("user", "password", "role", "agency"):
        table.add_column(column)
    for role in Role:
        if role is Role.INTEGRATION_SYSTEM:
            continue  # a system, not a person: it uses an API key (graph-service apikey)
        scoped = role in AGENCY_SCOPED
        principal = _principal_option(
            f"demo-{role.value.replace('_', '-')}", role, agency if scoped else None
        )
        if role in (Role.MASH_PRACTITIONER, Role.SENIOR_PRACTITIONER):
            principal = dataclasses.replace(principal, worker_id=worker)
        password = secrets.token_urlsafe(12)
        _save_user(settings, principal, password)
        table.add_row(principal.user, password, role.label, principal.agency_id or "")
    console.print(table)


def _save_user(settings: Settings, principal: Any, password: str) -> None:
    from graph_service.security.passwords import hash_password, password_problem

    problem = password_problem(password)
    if problem is not None:
        raise ValueError(f"password: {problem}")
    with _graph(settings) as (driver, queries):
        records, _, _ = driver.execute_query(
            queries["local_user_save"],
            user=principal.user,
            passwordHash=hash_password(password),
            role=principal.role.value,
            agency=principal.agency_id,
            worker=principal.worker_id,
            database_=settings.neo4j_database,
        )
    if not records:
        raise ValueError(
            f"--agency or --worker: no agency {principal.agency_id!r} "
            f"or no worker {principal.worker_id!r} on record"
        )


apikey_app = typer.Typer(help="API keys for integrating systems.", no_args_is_help=True)
app.add_typer(apikey_app, name="apikey")


@apikey_app.command("create")
@_friendly
def apikey_create(
    system: Annotated[str, typer.Option(help="The system the key is for, e.g. police-niche.")],
    agency: Annotated[str, typer.Option(help="The agency id it writes as.")],
) -> None:
    """Print a new key once (only its hash is kept); it speaks as an integration system."""
    from graph_service.security.api_keys import new_api_key

    if not system.strip():
        raise ValueError("--system: must not be blank")
    settings, issued = Settings(), new_api_key()
    with _graph(settings) as (driver, queries):
        records, _, _ = driver.execute_query(
            queries["api_key_create"],
            id=issued.key_id,
            hash=issued.secret_hash,
            system=system.strip(),
            agencyId=agency,
            createdBy=local_user(),
            database_=settings.neo4j_database,
        )
    if not records:
        raise ValueError(f"--agency: no agency with id {agency}")
    errors.print(f"API key {issued.key_id} for {system} ({agency}); it is shown only now:")
    sys.stdout.write(issued.key + "\n")


@apikey_app.command("revoke")
@_friendly
def apikey_revoke(key_id: Annotated[str, typer.Argument(help="The key's id.")]) -> None:
    """Revoke a key: refused within seconds (the API caches keys for 30 s)."""
    settings = Settings()
    with _graph(settings) as (driver, queries):
        records, _, _ = driver.execute_query(
            queries["api_key_revoke"], id=key_id, database_=settings.neo4j_database
        )
    if not records:
        raise ValueError(f"key_id: no API key with id {key_id}")
    console.print(f"revoked {key_id} at {records[0]['revoked_at']}")


audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
@_friendly
def audit_verify(
    checkpoint: Annotated[
        Path | None,
        typer.Option(
            "--checkpoint",
            help="A file kept outside Neo4j of where every chain ended at the last "
            "verify: a chain deleted whole, cut back or rewritten since is reported (and stays in "
            "the file until the file is moved aside); the file is then brought up to date.",
        ),
    ] = None,
) -> None:
    """Check the audit chain's hashes: exit 1 if any event was altered or removed."""
    from graph_service.security.audit_checkpoint import read_checkpoint, write_checkpoint
    from graph_service.security.audit_journal import journalled_events
    from graph_service.security.audit_store import AuditStore

    previous = read_checkpoint(checkpoint) if checkpoint is not None else {}

    async def run() -> tuple[int, list[str]]:
        settings = Settings()
        async with async_driver(settings) as driver:
            store = AuditStore(driver, QueryLibrary(settings.queries_dir), settings.neo4j_database)
            checked, problems = await store.verify()
            if checkpoint is not None:
                heads = await store.heads()
                departed = await store.departures(previous, heads)
                problems += [
                    f"writer {writer}: event {sequence}, its chain's end at the last "
                    "checkpoint, is gone or replaced"
                    for writer, (sequence, _) in sorted(departed.items())
                ]
                write_checkpoint(checkpoint, {**heads, **departed})
            return checked, problems

    checked, problems = asyncio.run(run())
    for problem in problems[:50]:
        errors.print(f"[red]broken:[/red] {problem}")
    waiting = journalled_events(Settings().journal_dir)
    if waiting:
        console.print(
            f"{waiting:,} event(s) in this host's audit journals are not in Neo4j "
            "yet (the service ships them) and were not checked"
        )
    if checkpoint is not None:
        console.print(
            f"checkpoint of {len(previous):,} chain end(s) compared; {checkpoint} "
            "brought up to date"
        )
    if problems:
        raise typer.Exit(1)
    console.print(f"audit chain intact: {checked:,} event(s)")


class AllocationQueueOption(StrEnum):
    UNALLOCATED = "unallocated"


@app.command()
@_friendly
def allocate(
    queue: Annotated[AllocationQueueOption, typer.Option(help="Which cases to plan.")] = (
        AllocationQueueOption.UNALLOCATED
    ),
    agency: Annotated[str | None, typer.Option(help="Only this agency's queue (id).")] = None,
    limit: Annotated[int, typer.Option(help="Oldest cases of the queue to plan.")] = 100,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD); today.")] = None,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
) -> None:
    """Propose who takes each queued case: one optimal plan, every suggestion explained."""
    from graph_service.services.allocation import AllocationRequest, plan_report

    settings = Settings()
    weights, prefs = settings.complexity, settings.allocation
    request = AllocationRequest(_date_option(as_of), queue_limit=limit, agency_id=agency)
    with errors.status(f"Planning the {queue.value} queue…"):
        report = _with_gateway(
            settings, lambda gateway: plan_report(gateway, request, weights, prefs)
        )
    audit_export(settings, f"allocate {queue.value}", person_ids_in(report.rows))
    _print_analysis(report, output)


linkage_app = typer.Typer(
    help="Record linkage: the model that finds one person in many agencies' records.",
    no_args_is_help=True,
)
app.add_typer(linkage_app, name="linkage")
_BoroughPeople = Annotated[int, typer.Option(min=1000, help="People in the synthetic borough.")]


@linkage_app.command("train")
@_friendly
def linkage_train(
    people: _BoroughPeople = 100_000,
    seed: Annotated[int, typer.Option(help="The borough's seed.")] = 20261204,
    out: Annotated[Path | None, typer.Option(help="Where to write the model file.")] = None,
) -> None:
    """Train the linkage model on a synthetic borough, without its labels, and write the
    model file (by default the one the service ships)."""
    from graph_service.services.linkage_model import MODEL_FILE, train_on_synthetic

    target = out or MODEL_FILE
    with console.status("Training"):
        train_on_synthetic(people, seed, target)
    console.print(f"Model written to {target}")


@linkage_app.command("accuracy")
@_friendly
def linkage_accuracy(
    people: _BoroughPeople = 100_000,
    seed: Annotated[int, typer.Option(help="The borough's seed (not the training one).")] = 5,
) -> None:
    """Link a synthetic borough with the shipped model and the configured bands, and
    compare with its ground truth."""
    from graph_service.services.linkage_model import accuracy_on_synthetic, shipped_model

    settings = Settings()
    with console.status("Linking"):
        result = accuracy_on_synthetic(shipped_model(), people, seed, settings.linkage)
    table = Table("measure", "value")
    for name, value in result.report().items():
        table.add_row(name, str(value))
    console.print(table)


@linkage_app.command("link")
@_friendly
def linkage_link() -> None:
    """Link everyone in the graph: pairs in the auto-link band (and safe) are linked, the
    review band is put to reviewers (`/reviews`). Safe to run again."""
    from graph_service.services.identities import Linkage, link_everyone

    settings = Settings()
    writer = _cli_writer(f"linkage ({local_user()})")
    linkage = Linkage(settings.linkage)
    with console.status("Linking"):
        run = _with_gateway(settings, lambda gateway: link_everyone(gateway, linkage, writer))
    console.print(
        f"{run.records} records compared: {run.linked} pairs linked, "
        f"{run.proposed - run.linked} put to review ({run.refused} of them unsafe to link)"
    )


mash_app = typer.Typer(help="The MASH front door.", no_args_is_help=True)
app.add_typer(mash_app, name="mash")


class RagOption(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


@mash_app.command("queue")
@_friendly
def mash_queue(
    rag: Annotated[RagOption | None, typer.Option(help="Only contacts of this rating.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=5000, help="At most this many.")] = 200,
) -> None:
    """The contacts awaiting a decision, the least time left first, as the queue page
    shows them: who they are about, the rating, the decision's clock and the checks."""
    from datetime import UTC, datetime

    from graph_service.model.mash import Rag
    from graph_service.services.contacts import ContactFilter, contacts
    from graph_service.services.people import people_by_id
    from graph_service.views.mash import time_left_words

    settings = Settings()
    asked = ContactFilter(rag=Rag(rag.value) if rag else None)
    now = datetime.now(UTC)

    async def work(gateway: Any) -> tuple[list[Any], dict[str, str]]:
        found = await contacts(gateway, asked, settings.mash, now, 0, limit)
        ids = sorted({s for c in found for s in c.subject_ids})
        people = await people_by_id(gateway, ids, now.date())
        return found, {str(p.id): p.full_name for p in people if p is not None}

    found, names = _with_gateway(settings, work)
    audit_export(settings, "mash queue", sorted(names))
    table = Table("received", "about", "rating", "decision due", "time left", "checks", "")
    for c in found:
        answered = sum(1 for k in c.checks if k.responded_at)
        late = sum(1 for k in c.checks if k.late)
        flags = "BREACHED" if c.breaches else "at risk" if c.at_risk else ""
        table.add_row(
            _local(c.received_at),
            ", ".join(names.get(s, s) for s in c.subject_ids),
            c.rag or "not rated",
            _local(c.decision_clock.due_at),
            time_left_words(c.decision_clock.minutes_left),
            f"{answered}/{len(c.checks)} answered" + (f", {late} late" if late else ""),
            flags,
        )
    console.print(table)
    console.print(f"{len(found)} contact{'s' if len(found) != 1 else ''} awaiting a decision")


def _local(moment: Any) -> str:
    from graph_service.model.working_hours import LONDON

    return str(moment.astimezone(LONDON).strftime("%a %d %b %H:%M"))


def _with_gateway(settings: Settings, work: Callable[[Any], Awaitable[T]]) -> T:
    """Run a use case against the graph, as the API runs it: one code path for both."""
    from graph_service.store.gateway import GraphGateway

    async def run() -> T:
        driver = async_driver(settings)
        try:
            queries = QueryLibrary(settings.queries_dir)
            return await work(GraphGateway(driver, queries, settings.neo4j_database))
        finally:
            await driver.close()

    return run_to_completion(run)


def _date_option(value: str | None) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise ValueError(f"--as-of: {value!r} is not a date (YYYY-MM-DD)") from None


def _print_analysis(result: Any, output: OutputFormat) -> None:
    from graph_service.services.analyses import records

    rows = records(result.rows)
    if output is OutputFormat.JSON:
        body = {
            "analysis": result.analysis,
            "as_of": result.as_of.isoformat(),
            "computed_at": result.computed_at.isoformat(),
            "thresholds": result.thresholds,
            "results": rows,
        }
        sys.stdout.write(json.dumps(body, default=str, indent=2) + "\n")
        return
    keys = list(rows[0]) if rows else ["id", "evidence"]
    if output is OutputFormat.CSV:
        writer = csv.DictWriter(sys.stdout, fieldnames=keys)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: " | ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
            )
        return
    table = Table(
        title=f"{result.analysis} on {result.as_of} ({len(rows)} results)",
        caption=f"computed {result.computed_at:%Y-%m-%d %H:%M}; thresholds: "
        + ", ".join(f"{k}={v}" for k, v in result.thresholds.items()),
    )
    shown = [*[k for k in keys if k != "evidence"][:7], "evidence"]
    for column in shown:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(
            *(
                "\n".join(map(str, row[k])) if isinstance(row.get(k), list) else str(row.get(k, ""))
                for k in shown
            )
        )
    console.print(table)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
