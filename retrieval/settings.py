"""Engine settings, read from the environment (prefix ``PASSERELLES_``) with embedded defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'passerelles.db'}"

    @property
    def encoder_dir(self) -> Path:
        return Path(self.encoder_path) if self.encoder_path else self.data_dir / "encoder" / "e5-small"

    @property
    def index_root(self) -> Path:
        return self.data_dir / "indexes"


@lru_cache
def get_settings() -> Settings:
    return Settings()
