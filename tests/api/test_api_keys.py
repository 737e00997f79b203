"""Partners' API keys: shown once, stored hashed, rate-limited one by one, revocable."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from retrieval.store import transaction
from retrieval.store.models import ApiKey


def test_partner_key_is_shown_once_and_stored_hashed(
    client: TestClient, admin_headers: dict[str, str], store_url: str
) -> None:
    created = client.post(
        "/api/v1/api-keys", json={"partner": "Région", "per_minute": 5}, headers=admin_headers
    )
    assert created.status_code == 201
    key = created.json()["key"]
    listed = client.get("/api/v1/api-keys", headers=admin_headers).json()["items"]
    assert "key" not in listed[0] and listed[0]["prefix"] == key[:10]
    with transaction(store_url) as session:
        assert key not in session.scalars(select(ApiKey.key_hash)).all()
    assert client.get("/api/v1/occupations/H2102", headers={"X-API-Key": key}).status_code == 200


def test_each_key_has_its_own_rate_limit(client: TestClient, admin_headers: dict[str, str]) -> None:
    keys = [
        client.post("/api/v1/api-keys", json={"partner": p, "per_minute": 3}, headers=admin_headers).json()[
            "key"
        ]
        for p in ("A", "B")
    ]
    statuses = [
        client.get("/api/v1/occupations/H2102", headers={"X-API-Key": keys[0]}).status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/occupations/H2102", headers={"X-API-Key": keys[0]})
    assert (
        refused.json()["detail"].startswith("Trop de demandes") and int(refused.headers["Retry-After"]) >= 1
    )
    assert client.get("/api/v1/occupations/H2102", headers={"X-API-Key": keys[1]}).status_code == 200


def test_revoked_or_unknown_key_is_refused(client: TestClient, admin_headers: dict[str, str]) -> None:
    created = client.post("/api/v1/api-keys", json={"partner": "Ville"}, headers=admin_headers).json()
    assert created["per_minute"] == 60
    assert client.delete(f"/api/v1/api-keys/{created['id']}", headers=admin_headers).status_code == 204
    for key in (created["key"], "psk_inventee"):
        answer = client.get("/api/v1/occupations/H2102", headers={"X-API-Key": key})
        assert answer.status_code == 401 and answer.json()["detail"] == "Clé d'API inconnue ou révoquée."
