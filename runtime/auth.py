"""The secret of Rasa's HTTP API: generated once in development, required everywhere else."""

from __future__ import annotations

import os
import secrets

from retrieval.settings import Settings
from runtime.errors import AssistantError

#: Values that templates and examples show: never accepted as a real secret.
PLACEHOLDERS = frozenset({"change-me", "changeme", "secret", "token"})
MIN_LENGTH = 16


def rasa_token(settings: Settings) -> str:
    if settings.rasa_token:
        return checked_token(settings.rasa_token, settings.environment)
    if settings.environment != "development":
        raise AssistantError(
            "Le secret de l'assistant n'est pas configuré : démarrage refusé hors développement.",
            f"PASSERELLES_RASA_TOKEN is empty while PASSERELLES_ENVIRONMENT={settings.environment!r}",
        )
    return development_token(settings)


def checked_token(token: str, environment: str) -> str:
    if environment != "development" and (token.lower() in PLACEHOLDERS or len(token) < MIN_LENGTH):
        raise AssistantError(
            "Le secret de l'assistant est une valeur d'exemple ou trop courte : démarrage refusé.",
            f"PASSERELLES_RASA_TOKEN must be a real secret of at least {MIN_LENGTH} characters "
            f"(PASSERELLES_ENVIRONMENT={environment!r})",
        )
    return token


def development_token(settings: Settings) -> str:
    """A random token kept in ``data_dir/rasa-token`` (readable by this user only), the same at each run."""
    path = settings.data_dir / "rasa-token"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        token = secrets.token_urlsafe(32)
        file.write(token)
    return token
