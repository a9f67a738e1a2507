"""Every request for case-network data is attributed to someone, or refused with 401."""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from graph_service.security.api_keys import ApiKeyVerifier
from graph_service.security.limits import refuse
from graph_service.security.rate_limit import RateLimiter
from graph_service.security.sessions import Sessions
from graph_service.security.tokens import (
    AuthenticationError,
    Principal,
    TokenKeys,
    TokenVerifier,
)
from graph_service.store.outages import DatabaseUnavailableError

__all__ = ["MAP_COOKIE", "SESSION_COOKIE", "Authentication", "principal_of"]

PROTECTED = ("/graphql", "/maps/")
FEEDS = "/feeds"  # agencies' extracts, sent with their API keys
MAP_COOKIE = "graph_service_token"
SESSION_COOKIE = "gs_session"  # the practitioner UI's: map pages accept it too
RETRY_AFTER = (b"retry-after", b"5")


def principal_of(scope: Scope) -> Principal | None:
    principal = scope.get("state", {}).get("principal")
    return principal if isinstance(principal, Principal) else None


class Authentication:
    """Pure ASGI middleware: a valid bearer token or API key for /graphql and /maps, else
    401; then at most the principal's rate, else 429.

    The IDE page (a GET of /graphql with no query) is open: its requests carry the token."""

    def __init__(
        self,
        app: ASGIApp,
        keys: TokenKeys,
        api_keys: Callable[[], ApiKeyVerifier | None],
        limiter: RateLimiter,
        sessions: Callable[[], Sessions | None] = lambda: None,
    ) -> None:
        self.app = app
        self.tokens = TokenVerifier(keys)
        self.api_keys = api_keys
        self.limiter = limiter
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._protected(scope):
            await self.app(scope, receive, send)
            return
        try:
            principal = await self._principal(scope)
        except DatabaseUnavailableError as error:
            await refuse(send, 503, "DATABASE_UNAVAILABLE", str(error), [RETRY_AFTER])
            return
        except AuthenticationError as error:
            wait = self.limiter.allow(f"address:{_client_address(scope)}")
            if wait is not None:  # guessing credentials costs the guesser's address too
                await _too_many(send, "this address", wait)
                return
            if _browser_page(scope):
                await _to_login(send, scope["path"])
                return
            await _refuse(send, str(error))
            return
        wait = self.limiter.allow(f"{principal.role.value}:{principal.user}")
        if wait is not None:
            await _too_many(send, principal.user, wait)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    async def _principal(self, scope: Scope) -> Principal:
        key = _api_key(scope)
        session = _cookie(scope, SESSION_COOKIE) if _page_get(scope) else ""
        sessions = self.sessions()
        if key is None and session and sessions is not None and not _has_bearer(scope):
            return (await sessions.resume(session)).principal
        if key is None:
            return self.tokens.principal(_bearer(scope))
        verifier = self.api_keys()
        if verifier is None:
            raise AuthenticationError("API keys cannot be checked yet; retry shortly")
        return await verifier.principal(key)

    @staticmethod
    def _protected(scope: Scope) -> bool:
        path: str = scope["path"]
        if path == "/graphql" and scope["method"] == "GET" and not scope.get("query_string"):
            return False
        return path in (PROTECTED[0], FEEDS) or path.startswith((PROTECTED[1], FEEDS + "/"))


async def _too_many(send: Send, who: str, wait: float) -> None:
    retry = (b"retry-after", str(max(1, round(wait))).encode())
    await refuse(
        send, 429, "RATE_LIMITED", f"too many requests for {who}; retry in {wait:.1f} s", [retry]
    )


def _client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return dict(scope.get("headers", []))


def _browser_page(scope: Scope) -> bool:
    """A person's browser asking for a map page: send them to sign in, not a JSON 401."""
    accept = _headers(scope).get(b"accept", b"")
    return scope["path"].startswith(PROTECTED[1]) and b"text/html" in accept


def _page_get(scope: Scope) -> bool:
    return bool(scope["path"].startswith(PROTECTED[1]) and scope["method"] == "GET")


def _has_bearer(scope: Scope) -> bool:
    return b"authorization" in _headers(scope) or bool(_cookie(scope, MAP_COOKIE))


def _cookie(scope: Scope, wanted: str) -> str:
    cookies = _headers(scope).get(b"cookie", b"").decode("latin-1")
    for part in cookies.split(";"):
        name, _, value = part.strip().partition("=")
        if name == wanted:
            return value
    return ""


def _map_cookie(scope: Scope) -> str:
    return _cookie(scope, MAP_COOKIE) if _page_get(scope) else ""


def _api_key(scope: Scope) -> str | None:
    """`X-API-Key: gsk_...` or `Authorization: ApiKey gsk_...`."""
    headers = _headers(scope)
    if b"x-api-key" in headers:
        return headers[b"x-api-key"].decode("latin-1")
    scheme, _, value = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    return value if scheme.lower() == "apikey" else None


def _bearer(scope: Scope) -> str:
    value = _headers(scope).get(b"authorization", b"").decode("latin-1").strip()
    if not value and (cookie := _map_cookie(scope)):
        return cookie
    if not value:
        raise AuthenticationError(
            "no bearer token: send 'Authorization: Bearer <token>' "
            "(or 'X-API-Key: <key>' for a system)"
        )
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("the Authorization header must be 'Bearer <token>'")
    return str(token.strip())


async def _refuse(send: Send, message: str) -> None:
    error = {"message": f"unauthenticated: {message}", "extensions": {"code": "UNAUTHENTICATED"}}
    body = json.dumps({"errors": [error]}).encode()
    challenge = f'Bearer error="invalid_token", error_description="{message}"'
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", challenge.encode("latin-1", "replace")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _to_login(send: Send, path: str) -> None:
    from urllib.parse import quote

    location = f"/sign-in?next={quote(path)}".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [(b"location", location), (b"content-length", b"0")],
        }
    )
    await send({"type": "http.response.body", "body": b""})
