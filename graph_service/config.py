"""Configuration from the environment (and an optional `.env` file)."""

from __future__ import annotations

import os
from enum import StrEnum
from importlib import resources
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph_service.model.allocation_weights import AllocationPreferences, ComplexityWeights
from graph_service.model.mash import MashClocks
from graph_service.model.match_bands import LinkThresholds
from graph_service.model.think_family import AlertSettings
from graph_service.model.thresholds import Thresholds

__all__ = ["PROJECT_ROOT", "AuditMode", "Mode", "Settings", "shipped"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Where a wheel carries the repository's top-level queries/ and schema/ (pyproject.toml).
BUNDLED = "bundled"


def shipped(folder: str) -> Path:
    """A top-level folder of the repository (queries, schema): in a source checkout the
    folder itself, in an installed wheel the copy it ships inside the package."""
    if (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / folder).is_dir():
        return PROJECT_ROOT / folder
    return Path(str(resources.files("graph_service").joinpath(BUNDLED, folder)))


def _xdg(var: str, fallback: str) -> Path:
    return Path(os.environ.get(var) or Path.home() / fallback) / "graph-service"


class Mode(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class AuditMode(StrEnum):
    # Each event fsynced to a local journal before the response, shipped to Neo4j in
    # batches in the background (fast; needs a persistent local directory).
    JOURNAL = "journal"
    # Each event stored in Neo4j before the response (slower; nothing kept locally).
    DIRECT = "direct"


class Settings(BaseSettings):
    """Service settings. Environment variables use the `GRAPH_SERVICE_` prefix,
    except the Neo4j connection, which takes the usual `NEO4J_*` names."""

    model_config = SettingsConfigDict(
        env_prefix="GRAPH_SERVICE_", env_file=".env", extra="ignore", frozen=True
    )

    mode: Mode = Mode.DEVELOPMENT
    neo4j_uri: str | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_URI", "GRAPH_SERVICE_NEO4J_URI")
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "GRAPH_SERVICE_NEO4J_USER")
    )
    neo4j_password: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "GRAPH_SERVICE_NEO4J_PASSWORD"),
    )
    neo4j_database: str = "neo4j"

    # The local, Docker-free Neo4j started by `graph-service db start`.
    state_dir: Path = Field(default_factory=lambda: _xdg("XDG_DATA_HOME", ".local/share"))
    cache_dir: Path = Field(default_factory=lambda: _xdg("XDG_CACHE_HOME", ".cache"))
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    heap_size: str = "2g"
    pagecache_size: str = "1g"
    start_timeout_seconds: float = Field(default=180.0, gt=0)

    retry_seconds: float = Field(default=3.0, gt=0, le=60)
    pool_size: int = Field(default=50, ge=1, le=500)
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    # Worker processes for `serve`: Python runs one request at a time per process, so
    # one per core (the benchmarks use 2 on 2 cores, beside Neo4j).
    api_workers: int = Field(default=1, ge=1, le=64)

    # Bearer tokens. In production the secret must be given; in development one is made
    # once and kept in the state directory, readable only by its owner.
    token_secret: SecretStr | None = None
    auth_issuer: str = "graph-service"
    auth_audience: str = "graph-service-api"
    # Requests per minute per user or system, with bursts up to rate_limit_burst.
    rate_limit_per_minute: float = Field(default=600, gt=0)
    rate_limit_burst: int = Field(default=120, ge=1)
    # The practitioner UI's sessions: signed out after this long unused, and after this
    # long whatever happens (a working day).
    session_idle_minutes: float = Field(default=30, gt=0, le=24 * 60)
    session_absolute_hours: float = Field(default=10, gt=0, le=24)
    # Production sign-in: the council's OpenID Connect provider. The role and agency of
    # each person come from these claims of their ID token.
    oidc_issuer: str | None = None
    oidc_client_id: str = "graph-service"
    oidc_client_secret: SecretStr | None = None
    oidc_redirect_uri: str | None = None  # default: this service's /sign-in/oidc/callback
    oidc_role_claim: str = "graph_service_role"
    oidc_agency_claim: str = "agency"
    oidc_worker_claim: str = "worker_id"  # the worker record of someone who takes cases

    # The audit trail: how events reach Neo4j (see AuditMode), where journals live (default
    # <state_dir>/audit-journal), how often they are shipped, and how many events may wait
    # to be shipped before requests are refused.
    audit_mode: AuditMode = AuditMode.JOURNAL
    audit_journal_dir: Path | None = None
    audit_ship_seconds: float = Field(default=0.5, gt=0, le=60)
    audit_max_backlog: int = Field(default=50_000, ge=1)

    # Rules' thresholds and weights, each read from its own variables
    # (GRAPH_SERVICE_ANALYTICS_*, _COMPLEXITY_*, _ALLOCATION_*, _LINKAGE_*) once, with the rest.
    analytics: Thresholds = Field(default_factory=Thresholds)
    complexity: ComplexityWeights = Field(default_factory=ComplexityWeights)
    allocation: AllocationPreferences = Field(default_factory=AllocationPreferences)
    linkage: LinkThresholds = Field(default_factory=LinkThresholds)
    mash: MashClocks = Field(default_factory=MashClocks)  # GRAPH_SERVICE_MASH_*
    alerts: AlertSettings = Field(default_factory=AlertSettings)  # GRAPH_SERVICE_ALERTS_*

    queries_dir: Path = Field(default_factory=lambda: shipped("queries"))
    schema_dir: Path = Field(default_factory=lambda: shipped("schema"))

    @property
    def journal_dir(self) -> Path:
        return self.audit_journal_dir or self.state_dir / "audit-journal"

    @property
    def local_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"
