"""Sessions of the practitioner UI: a secret in an HttpOnly cookie, of which only a hash is
stored, ending after a spell of idleness or a working day, whichever comes first, or when
the user signs out. Each session has its own CSRF token for the forms it posts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import neo4j

from graph_service.security.passwords import verify_password
from graph_service.security.roles import Role
from graph_service.security.tokens import AuthenticationError, Principal
from graph_service.store.outages import OUTAGES, DatabaseUnavailableError
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import native

__all__ = ["Session", "SessionEnded", "SessionPolicy", "Sessions", "WhyEnded"]


class WhyEnded(StrEnum):
    IDLE = "idle"
    ABSOLUTE = "absolute"
    SIGNED_OUT = "signed out"


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=10)
    # The idle clock is restarted at most this often: not a write on every page.
    touch_every: timedelta = timedelta(minutes=1)


@dataclass(frozen=True)
class Session:
    id: str
    principal: Principal
    csrf: str
    started_at: datetime
    seen_at: datetime

    def csrf_matches(self, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(self.csrf, token)


class SessionEnded(AuthenticationError):
    """The cookie named a session that has ended; `why` says how, for the page that says so."""

    def __init__(self, why: WhyEnded | None) -> None:
        super().__init__(f"the session has ended ({why or 'unknown'})")
        self.why = why


def _session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    """Begin, resume and end sessions, stored in Neo4j so every worker process shares them."""

    def __init__(
        self, driver: Any, queries: QueryLibrary, database: str, policy: SessionPolicy
    ) -> None:
        self._driver: neo4j.AsyncDriver = driver
        self._queries = queries
        self._database = database
        self.policy = policy

    async def sign_in(self, user: str, password: str) -> str:
        """A new session's cookie value for a local user, or AuthenticationError that does
        not say whether the user exists."""
        rows = await self._run("local_user_by_name", user=user.strip())
        found = rows[0]["user"] if rows else None
        if not verify_password(found["password_hash"] if found else None, password):
            raise AuthenticationError("the user name or password is not right")
        assert found is not None
        return await self.begin(
            Principal(found["user"], Role(found["role"]), found["agency"], found.get("worker"))
        )

    async def begin(self, principal: Principal) -> str:
        token = secrets.token_urlsafe(32)
        await self._run(
            "ui_session_begin",
            id=_session_id(token),
            user=principal.user,
            role=principal.role.value,
            agency=principal.agency_id,
            worker=principal.worker_id,
            csrf=secrets.token_urlsafe(32),
            now=datetime.now(UTC),
        )
        return token

    async def resume(self, token: str) -> Session:
        """The live session the cookie names; SessionEnded when it has ended or timed out
        (a timed-out one is ended there and then)."""
        session_id = _session_id(token)
        rows = await self._run("ui_session_by_id", id=session_id)
        if not rows:
            raise SessionEnded(None)
        row = native(rows[0]["session"])
        now, policy = datetime.now(UTC), self.policy
        why = (
            WhyEnded.ABSOLUTE
            if now - row["started_at"] > policy.absolute
            else WhyEnded.IDLE
            if now - row["seen_at"] > policy.idle
            else None
        )
        if why is not None:
            await self._run("ui_session_end", id=session_id, now=now, why=why.value)
            raise SessionEnded(why)
        if now - row["seen_at"] > policy.touch_every:
            await self._run("ui_session_seen", id=session_id, now=now)
        principal = Principal(row["user"], Role(row["role"]), row["agency"], row.get("worker"))
        return Session(session_id, principal, row["csrf"], row["started_at"], row["seen_at"])

    async def end(self, token: str, why: WhyEnded = WhyEnded.SIGNED_OUT) -> None:
        await self._run("ui_session_end", id=_session_id(token), now=datetime.now(UTC), why=why)

    async def _run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        try:
            records, _, _ = await self._driver.execute_query(
                self._queries[name], params, database_=self._database
            )
        except OUTAGES as error:
            raise DatabaseUnavailableError from error
        return [record.data() for record in records]
