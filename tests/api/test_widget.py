"""The widget's configuration, visitors, branches updated by admins, CORS and rate limits."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.branches import seed_branches, shipped_branches
from api.main import create_app
from api.schemas.widget import contrast_ratio
from retrieval.engine import Engine
from retrieval.settings import Settings

BRANCH = {
    "title": "Passerelles Chimie",
    "welcome": "Bonjour !",
    "logo_url": "https://chimie.example/logo.svg",
    "colors": {"primary": "#4a148c", "on_primary": "#ffffff"},
    "sectors": ["chimie"],
    "origins": ["https://www.chimie.example/"],
}


@pytest.fixture
def seeded(store_url: str) -> str:
    assert seed_branches(store_url) == list(shipped_branches())
    assert seed_branches(store_url) == []
    return store_url


def test_shipped_branches_are_readable(seeded: str, client: TestClient, settings: Settings) -> None:
    for slug, branch in shipped_branches().items():
        assert contrast_ratio(branch.colors.primary, branch.colors.on_primary) >= 4.5
        config = client.get(f"/api/v1/widget/{slug}").json()
        assert config["logo_url"] == f"http://testserver/static/logos/{slug}.svg"
        assert client.get(config["logo_url"]).headers["content-type"].startswith("image/svg+xml")
        assert config["rest_url"] == f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook"
        assert config["socket_path"] == "/socket.io/"


def test_unknown_branch_is_a_french_404(client: TestClient) -> None:
    answer = client.get("/api/v1/widget/boulangerie")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Branche inconnue : « boulangerie »."}


def test_visitor_ids_are_random_and_pseudonymous(seeded: str, client: TestClient) -> None:
    ids = {client.post("/api/v1/visitors", json={"branch": "plasturgie"}).json()["id"] for _ in range(3)}
    assert len(ids) == 3 and all(re.fullmatch(r"v-[0-9a-f]{32}", i) for i in ids)
    assert client.post("/api/v1/visitors", json={"branch": "inconnue"}).status_code == 404


def test_visitors_are_rate_limited_per_address(seeded: str, store_url: str, engine: Engine) -> None:
    settings = Settings(database_url=store_url, visitor_rate_limit="3/minute")
    with TestClient(create_app(settings, engine=engine)) as client:
        answers = [client.post("/api/v1/visitors", json={"branch": "plasturgie"}) for _ in range(4)]
    assert [a.status_code for a in answers] == [201, 201, 201, 429]
    assert answers[-1].json()["detail"].startswith("Trop de demandes")
    assert 1 <= int(answers[-1].headers["Retry-After"]) <= 60


def test_admin_updates_a_branch_and_its_origin_is_allowed_at_once(
    client: TestClient, admin_headers: dict[str, str], counsellor_headers: dict[str, str]
) -> None:
    assert client.put("/api/v1/widget/chimie", json=BRANCH, headers=counsellor_headers).status_code == 403
    saved = client.put("/api/v1/widget/chimie", json=BRANCH, headers=admin_headers)
    assert saved.status_code == 200 and saved.json()["origins"] == ["https://www.chimie.example"]
    assert client.get("/api/v1/widget/chimie").json()["logo_url"] == BRANCH["logo_url"]
    preflight = client.options(
        "/api/v1/bridges",
        headers={"Origin": "https://www.chimie.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 200


def test_unreadable_colours_are_refused(client: TestClient, admin_headers: dict[str, str]) -> None:
    pale = {**BRANCH, "colors": {"primary": "#ffeb3b", "on_primary": "#ffffff"}}
    answer = client.put("/api/v1/widget/chimie", json=pale, headers=admin_headers)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.colors"
    assert answer.json()["errors"][0]["message"].startswith("Contraste insuffisant")


@pytest.fixture
def seeded_client(seeded: str, settings: Settings, engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine=engine)) as client:
        yield client


def test_cors_preflight_allows_branch_and_configured_origins_only(seeded_client: TestClient) -> None:
    for allowed in ("http://127.0.0.1:8000", "http://console.example"):
        answer = seeded_client.options(
            "/api/v1/bridges", headers={"Origin": allowed, "Access-Control-Request-Method": "POST"}
        )
        assert answer.status_code == 200
        assert answer.headers["access-control-allow-origin"] == allowed
    refused = seeded_client.options(
        "/api/v1/bridges", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
