"""API keys for integrating systems: `gsk_<id>_<secret>`, of which only a hash is stored.

A key speaks for one system of one agency, in the integration_system role. Keys are
checked against the graph (cached briefly, so a revoked key stops working within
CACHE_SECONDS) and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

import neo4j

from graph_service.security.roles import Role
from graph_service.security.tokens import AuthenticationError, Principal
from graph_service.store.outages import OUTAGES, DatabaseUnavailableError
from graph_service.store.queries import QueryLibrary

__all__ = [
    "CACHE_SECONDS",
    "ApiKeyVerifier",
    "IssuedKey",
    "hash_secret",
    "new_api_key",
    "parse_api_key",
]

PREFIX = "gsk"
CACHE_SECONDS = 30.0
_FORMAT = re.compile(r"^gsk_([0-9a-f]{16})_([A-Za-z0-9_-]{40,64})$")


@dataclass(frozen=True)
class IssuedKey:
    key_id: str
    key: str  # shown once, never stored
    secret_hash: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_api_key() -> IssuedKey:
    key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    return IssuedKey(key_id, f"{PREFIX}_{key_id}_{secret}", hash_secret(secret))


def parse_api_key(text: str) -> tuple[str, str]:
    match = _FORMAT.match(text.strip())
    if match is None:
        raise AuthenticationError("the API key is not in the form gsk_<id>_<secret>")
    return match.group(1), match.group(2)


class ApiKeyVerifier:
    """Turns a presented key into its system's principal, or AuthenticationError."""

    def __init__(self, driver: Any, queries: QueryLibrary, database: str) -> None:
        self._driver: neo4j.AsyncDriver = driver
        self._queries = queries
        self._database = database
        self._cache: dict[str, tuple[float, dict[str, Any] | None]] = {}

    async def principal(self, text: str) -> Principal:
        key_id, secret = parse_api_key(text)
        record = await self._record(key_id)
        if record is None or not hmac.compare_digest(record["hash"], hash_secret(secret)):
            raise AuthenticationError("the API key is not known")
        if record.get("revoked_at") is not None:
            raise AuthenticationError("the API key has been revoked")
        return Principal(f"system:{record['system']}", Role.INTEGRATION_SYSTEM, record["agency"])

    async def _record(self, key_id: str) -> dict[str, Any] | None:
        now = time.monotonic()
        cached = self._cache.get(key_id)
        if cached is not None and now - cached[0] < CACHE_SECONDS:
            return cached[1]
        try:
            records, _, _ = await self._driver.execute_query(
                self._queries["api_key_by_id"],
                {"id": key_id},
                routing_=neo4j.RoutingControl.READ,
                database_=self._database,
            )
        except OUTAGES as error:  # not the key's fault: nothing is cached, retry later
            raise DatabaseUnavailableError from error
        found = dict(records[0]["key"]) if records else None
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[key_id] = (now, found)
        return found
