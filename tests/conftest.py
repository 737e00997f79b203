"""Shared fixtures: a migrated empty store on SQLite, and on PostgreSQL when CI provides one; the shipped
store; the running assistant."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData

from retrieval.settings import get_settings
from retrieval.store import connect, migrate
from runtime.services import AssistantUrls

POSTGRES_URL = os.environ.get("PASSERELLES_TEST_POSTGRES_URL", "")
STORE_BACKENDS = (
    ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)] if POSTGRES_URL else ["sqlite"]
)


def _empty_postgres(url: str) -> None:
    """Drop every table, so each test starts from a freshly migrated schema."""
    engine = connect(url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)


@pytest.fixture(params=STORE_BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a migrated, empty store."""
    if request.param == "postgresql":
        _empty_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp_path / 'store.db'}"
    migrate(url)
    yield url


@pytest.fixture
def shared_data() -> Path:
    """The real open data folder; the test is skipped when it is absent."""
    path = get_settings().shared_data_dir
    if not path.is_dir():
        pytest.skip(f"real open data not found at {path} (set PASSERELLES_SHARED_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def shipped_store() -> str:
    """A store with the shipped referential and demonstration data, kept in var/ so that its indexes
    (built with the real encoder) are reused from one run to the next while nothing changes."""
    from retrieval.demo import generate_demo, has_demo_data
    from retrieval.referential.load import load_referential

    url = f"sqlite:///{get_settings().data_dir / 'test' / 'shipped.db'}"
    migrate(url)
    if load_referential(url).loaded or not has_demo_data(url):
        generate_demo(url, seed=get_settings().demo_seed)
    return url


@pytest.fixture(scope="session")
def api_port() -> int:
    """The port of the API the browser tests serve; chosen first, so that Rasa accepts its pages."""
    from bench.widget import free_port

    return free_port()


@pytest.fixture(scope="session")
def assistant(api_port: int) -> Iterator[AssistantUrls]:
    """The real assistant (Rasa with the cached model, and the actions), started once per test session:
    Rasa takes about 90 s to load. Shared by the end-to-end and the browser tests."""
    from bench.widget import widget_settings
    from runtime.services import running_assistant

    with running_assistant(widget_settings(api_port)) as urls:
        yield urls
