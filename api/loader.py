"""The engine, loaded once per process in a background thread, so that the API answers /ready at once."""

from __future__ import annotations

import logging
import threading

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from retrieval.engine import Engine
from retrieval.store import connect
from retrieval.store.session import MIGRATIONS_DIR

logger = logging.getLogger("api")


class EngineLoader:
    """Holds the engine once loaded (or the reason it could not be)."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine
        self.failure: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.engine is None and self._thread is None:
            self._thread = threading.Thread(target=self._load, name="engine-loader", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        try:
            engine = Engine.open(self.url)
            engine.warm()
        except Exception as error:  # any failure is reported by /ready rather than killing the server
            logger.exception("the engine could not be loaded from %s", self.url)
            self.failure = f"{type(error).__name__}: {error}"
            return
        self.engine = engine
        logger.info("engine loaded from %s", self.url)


def store_is_current(url: str) -> bool:
    """Whether the store's schema is at the newest migration."""
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    with connect(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head
