"""Engine settings, read from the environment (prefix ``PASSERELLES_``) with embedded defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Self

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The API's signing key when none is configured: accepted in development only.
DEVELOPMENT_SECRET_KEY = "development-only-key-never-use-it-in-production"
#: A real signing key is at least this long (HS256 wants 256 bits).
MIN_SECRET_KEY_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PASSERELLES_", env_file=".env", extra="ignore")

    #: Where generated files live: the SQLite store, the converted encoder, the FAISS indexes.
    data_dir: Path = PROJECT_ROOT / "var"
    #: SQLAlchemy URL of the store; empty means the SQLite file in ``data_dir``.
    database_url: str = ""
    #: A local sentence-transformers folder; empty means the e5-small encoder converted at setup.
    encoder_path: str = ""
    #: The real open data used by importers' tests and benchmarks (never shipped).
    shared_data_dir: Path = PROJECT_ROOT.parent / "shared" / "data"
    #: Seed of the demonstration offers and training sessions.
    demo_seed: int = 2026
    #: "development" lets the assistant generate its own secrets; any other value requires real ones.
    environment: str = "development"
    #: Ports of the Rasa server and of the action server, both on this machine.
    rasa_port: int = 5005
    action_port: int = 5055
    #: Secret of Rasa's HTTP API; empty in development means one generated once in ``data_dir/rasa-token``.
    rasa_token: str = ""
    #: Web pages allowed to talk to Rasa from a browser (the widget served by the API).
    rasa_cors_origins: list[str] = ["http://localhost:8000", "http://127.0.0.1:8000"]
    #: Redis of Rasa's lock store (``redis://[:password@]host:port/db``). Set, Rasa answers with
    #: ``rasa_workers`` processes (one conversation's messages still one at a time); empty, with one.
    rasa_redis_url: str = ""
    rasa_workers: int = 2

    #: Signs the console's access tokens (JWT); must be a real secret outside development.
    secret_key: str = DEVELOPMENT_SECRET_KEY
    #: How long a console sign-in lasts, in minutes (a working day).
    access_token_minutes: int = 8 * 60
    #: Port of the API (``passerelles api serve``), which also serves the widget, the demo and the console.
    api_port: int = 8000
    #: Web pages allowed to call the API from a browser, besides the origins of each branch (the demo page
    #: and the console are served by the API itself and need none).
    api_cors_origins: list[str] = []
    #: Rasa as browsers reach it (the widget's socket.io and REST channels); empty means this machine.
    rasa_public_url: str = ""
    #: Rasa as the API reaches it (guided sessions); empty means this machine (in Docker: http://rasa:5005).
    rasa_url: str = ""
    rasa_socket_path: str = "/socket.io/"
    #: Where rate-limit counters live: "memory://" (one process) or a "redis://…" URL shared by workers.
    rate_limit_storage_url: str = "memory://"
    #: New visitor ids and sign-in attempts allowed per client address (``limits`` notation).
    visitor_rate_limit: str = "30/minute"
    login_rate_limit: str = "10/minute"

    @model_validator(mode="after")
    def _real_secret_outside_development(self) -> Self:
        if self.environment != "development" and (
            self.secret_key == DEVELOPMENT_SECRET_KEY or len(self.secret_key) < MIN_SECRET_KEY_LENGTH
        ):
            raise ValueError(
                f"PASSERELLES_SECRET_KEY must be a real secret of at least {MIN_SECRET_KEY_LENGTH} chars "
                f"when PASSERELLES_ENVIRONMENT={self.environment!r} (e.g. python -c "
                "'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return self

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'passerelles.db'}"

    @property
    def encoder_dir(self) -> Path:
        return Path(self.encoder_path) if self.encoder_path else self.data_dir / "encoder" / "e5-small"

    @property
    def index_root(self) -> Path:
        return self.data_dir / "indexes"

    @property
    def rasa_browser_url(self) -> str:
        return (self.rasa_public_url or f"http://127.0.0.1:{self.rasa_port}").rstrip("/")


@lru_cache
def get_settings() -> Settings:
    return Settings()
