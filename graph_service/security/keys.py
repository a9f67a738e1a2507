"""Where token keys come from: configuration, or (development only) a local secret file."""

from __future__ import annotations

import os

from graph_service.config import Mode, Settings
from graph_service.security.tokens import TokenKeys, new_secret

__all__ = ["token_keys"]


def token_keys(settings: Settings) -> TokenKeys:
    """Refuses production without a configured secret: no default secrets there."""
    if settings.token_secret is not None:
        secret = settings.token_secret.get_secret_value()
    elif settings.mode is Mode.PRODUCTION:
        raise ValueError(
            "GRAPH_SERVICE_TOKEN_SECRET: required in production mode "
            "(at least 32 bytes; no default secret is used)"
        )
    else:
        secret = _development_secret(settings)
    return TokenKeys(secret, settings.auth_issuer, settings.auth_audience)


def _development_secret(settings: Settings) -> str:
    path = settings.state_dir / "token-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(new_secret())
    return path.read_text().strip()
