"""The actions answer with the real engine on the shipped referential, and keep profiles in a test store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from actions.engine import use_engine
from retrieval.engine import Engine
from retrieval.settings import get_settings


@pytest.fixture(scope="session")
def shipped_engine(shipped_store: str) -> Engine:
    engine = Engine.open(shipped_store)
    engine.warm()
    use_engine(engine)
    return engine


@pytest.fixture
def profiles_url(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Where the actions keep consented profiles during a test."""
    monkeypatch.setenv("PASSERELLES_DATABASE_URL", store_url)
    get_settings.cache_clear()
    yield store_url
    get_settings.cache_clear()
