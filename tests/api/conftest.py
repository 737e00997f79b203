"""The API on a fresh migrated store, with the real engine on the shipped referential; signed-in accounts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.accounts import create_account
from api.main import create_app
from api.schemas.accounts import AccountCreate
from retrieval.engine import Engine
from retrieval.settings import Settings
from retrieval.store import transaction

PASSWORD = "un-mot-de-passe-solide"


@pytest.fixture(scope="session")
def engine(shipped_store: str) -> Engine:
    engine = Engine.open(shipped_store)
    engine.warm()
    return engine


@pytest.fixture
def settings(store_url: str) -> Settings:
    return Settings(database_url=store_url, api_cors_origins=["http://console.example"])


@pytest.fixture
def client(settings: Settings, engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine=engine)) as test_client:
        yield test_client


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """The headers of a signed-in account, obtained through the real sign-in route."""
    answer = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def add_account(url: str, email: str, role: str) -> None:
    with transaction(url) as session:
        create_account(
            session, AccountCreate(email=email, full_name=email.split("@")[0], password=PASSWORD, role=role)
        )


@pytest.fixture
def admin_headers(client: TestClient, store_url: str) -> dict[str, str]:
    add_account(store_url, "admin@passerelles.test", "admin")
    return sign_in(client, "admin@passerelles.test")


@pytest.fixture
def counsellor_headers(client: TestClient, store_url: str) -> dict[str, str]:
    add_account(store_url, "conseillere@passerelles.test", "counsellor")
    return sign_in(client, "conseillere@passerelles.test")
