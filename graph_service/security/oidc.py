"""Signing in with the council's identity provider: OpenID Connect, authorization code with
PKCE (authlib), the ID token checked (joserfc) for its signature, issuer, audience, expiry
and nonce. The person's role and agency come from configured claims."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx2
from authlib.integrations.httpx_client import AsyncOAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from graph_service.security.roles import Role
from graph_service.security.tokens import AuthenticationError, Principal

__all__ = ["METADATA_SECONDS", "OpenIdProvider", "PendingSignIn"]

METADATA_SECONDS = 3600.0
SCOPE = "openid profile"


@dataclass(frozen=True)
class PendingSignIn:
    """What the browser carries between leaving for the provider and coming back."""

    state: str
    nonce: str
    verifier: str
    next_path: str


class OpenIdProvider:
    """One OpenID provider and this service's client registration with it."""

    def __init__(
        self,
        issuer: str,
        client_id: str,
        client_secret: str,
        role_claim: str,
        agency_claim: str,
        worker_claim: str = "worker_id",
        timeout: float = 10.0,
    ) -> None:
        self.issuer = issuer  # exactly as the provider names itself in `iss`
        self.client_id = client_id
        self._secret = client_secret
        self.role_claim = role_claim
        self.agency_claim = agency_claim
        self.worker_claim = worker_claim
        self._timeout = timeout
        self._metadata: tuple[float, dict[str, Any]] | None = None

    async def begin(self, redirect_uri: str, next_path: str) -> tuple[str, PendingSignIn]:
        """Where to send the browser, and what it must bring back."""
        meta = await self._discovered()
        pending = PendingSignIn(
            secrets.token_urlsafe(24),
            secrets.token_urlsafe(24),
            secrets.token_urlsafe(48),
            next_path,
        )
        async with self._client(redirect_uri) as client:
            url, _ = client.create_authorization_url(
                meta["authorization_endpoint"],
                state=pending.state,
                code_verifier=pending.verifier,
                nonce=pending.nonce,
            )
        return str(url), pending

    async def finish(self, redirect_uri: str, code: str, pending: PendingSignIn) -> Principal:
        """The principal the provider vouches for, or AuthenticationError saying why not."""
        meta = await self._discovered()
        try:
            async with self._client(redirect_uri) as client:
                token = await client.fetch_token(
                    meta["token_endpoint"], code=code, code_verifier=pending.verifier
                )
            keys = KeySet.import_key_set(await self._get(meta["jwks_uri"]))  # type: ignore[arg-type]
            claims = jwt.decode(token["id_token"], keys).claims
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": self.client_id},
                nonce={"essential": True, "value": pending.nonce},
                exp={"essential": True},
                sub={"essential": True},
            ).validate(claims)
        except (JoseError, KeyError, ValueError, httpx2.HTTPError) as error:
            raise AuthenticationError(
                f"the identity provider's answer was refused: {error}"
            ) from None
        return self._principal(claims)

    def _principal(self, claims: dict[str, Any]) -> Principal:
        try:
            role = Role(str(claims.get(self.role_claim)))
        except ValueError:
            raise AuthenticationError(
                f"your account has no role in this service (claim {self.role_claim!r})"
            ) from None
        agency, worker = claims.get(self.agency_claim), claims.get(self.worker_claim)
        user = str(claims.get("preferred_username") or claims["sub"])
        return Principal(
            user, role, str(agency) if agency else None, str(worker) if worker else None
        )

    def _client(self, redirect_uri: str) -> AsyncOAuth2Client:
        return AsyncOAuth2Client(
            client_id=self.client_id,
            client_secret=self._secret,
            scope=SCOPE,
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            timeout=self._timeout,
        )

    async def _discovered(self) -> dict[str, Any]:
        kept = self._metadata
        if kept is not None and time.monotonic() - kept[0] < METADATA_SECONDS:
            return kept[1]
        try:
            meta = await self._get(f"{self.issuer.rstrip('/')}/.well-known/openid-configuration")
        except httpx2.HTTPError as error:
            raise AuthenticationError(f"the identity provider cannot be reached: {error}") from None
        if meta.get("issuer") != self.issuer:
            raise AuthenticationError("the identity provider names a different issuer")
        self._metadata = (time.monotonic(), meta)
        return meta

    async def _get(self, url: str) -> dict[str, Any]:
        async with httpx2.AsyncClient(timeout=self._timeout) as http:
            answer = await http.get(url)
            answer.raise_for_status()
            found: dict[str, Any] = answer.json()
            return found
