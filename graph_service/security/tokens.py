"""Signed bearer tokens (JWT, HS256): issuer, audience and expiry always checked."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from graph_service.security.roles import Role

__all__ = [
    "ALGORITHM",
    "AuthenticationError",
    "Principal",
    "TokenKeys",
    "TokenVerifier",
    "issue_token",
    "new_secret",
    "verify_token",
]

ALGORITHM = "HS256"
MIN_SECRET_BYTES = 32


class AuthenticationError(Exception):
    """The request cannot be attributed to anyone: a 401 with this message."""


@dataclass(frozen=True)
class TokenKeys:
    secret: str
    issuer: str
    audience: str

    def __post_init__(self) -> None:
        if len(self.secret.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"token secret: must be at least {MIN_SECRET_BYTES} bytes")


@dataclass(frozen=True)
class Principal:
    """The person or system a request is attributed to."""

    user: str
    role: Role
    agency_id: str | None = None
    worker_id: str | None = None  # the worker record of a person who takes cases


def new_secret() -> str:
    return secrets.token_urlsafe(48)


def issue_token(
    keys: TokenKeys, principal: Principal, lifetime: timedelta, now: datetime | None = None
) -> str:
    issued = now or datetime.now(UTC)
    claims = {
        "iss": keys.issuer,
        "aud": keys.audience,
        "sub": principal.user,
        "role": principal.role.value,
        "agency": principal.agency_id,
        "iat": issued,
        "nbf": issued,
        "exp": issued + lifetime,
    }
    return jwt.encode(claims, keys.secret, algorithm=ALGORITHM)


def verify_token(keys: TokenKeys, token: str) -> Principal:
    """The token's principal, or AuthenticationError saying exactly what is wrong."""
    return _verified(keys, token)[0]


class TokenVerifier:
    """verify_token that remembers tokens it has verified: a client sends the same token
    with every request, so its signature is checked once and its expiry every time."""

    def __init__(
        self, keys: TokenKeys, size: int = 4096, clock: Callable[[], float] = time.time
    ) -> None:
        self.keys = keys
        self._size = size
        self._clock = clock
        self._known: OrderedDict[str, tuple[Principal, float]] = OrderedDict()

    def principal(self, token: str) -> Principal:
        known = self._known.get(token)
        if known is None:
            known = self._known[token] = _verified(self.keys, token)
            if len(self._known) > self._size:
                self._known.popitem(last=False)
        principal, expires = known
        if self._clock() >= expires:
            del self._known[token]
            raise AuthenticationError("the token has expired")
        return principal


def _verified(keys: TokenKeys, token: str) -> tuple[Principal, float]:
    try:
        claims = jwt.decode(
            token,
            keys.secret,
            algorithms=[ALGORITHM],
            audience=keys.audience,
            issuer=keys.issuer,
            options={"require": ["exp", "iss", "aud", "sub"]},
        )
    except jwt.ExpiredSignatureError:
        raise AuthenticationError("the token has expired") from None
    except jwt.InvalidSignatureError:
        raise AuthenticationError("the token's signature is not valid") from None
    except jwt.InvalidAudienceError:
        raise AuthenticationError(f"the token is not for {keys.audience}") from None
    except jwt.InvalidIssuerError:
        raise AuthenticationError(f"the token was not issued by {keys.issuer}") from None
    except jwt.MissingRequiredClaimError as error:
        raise AuthenticationError(f"the token has no {error.claim!r} claim") from None
    except jwt.InvalidTokenError:
        raise AuthenticationError("the token is not a valid signed token") from None
    try:
        role = Role(str(claims.get("role")))
    except ValueError:
        raise AuthenticationError(f"the token's role {claims.get('role')!r} is unknown") from None
    return Principal(str(claims["sub"]), role, claims.get("agency")), float(claims["exp"])
