"""Sign-in, roles and the admins' management of accounts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.security import create_access_token
from retrieval.settings import Settings
from tests.api.conftest import PASSWORD, add_account, sign_in


def test_signed_in_account_sees_itself(client: TestClient, counsellor_headers: dict[str, str]) -> None:
    me = client.get("/api/v1/auth/me", headers=counsellor_headers).json()
    assert me["email"] == "conseillere@passerelles.test"
    assert me["role"] == "counsellor"
    assert "password_hash" not in me


def test_wrong_password_is_refused_in_french(client: TestClient, store_url: str) -> None:
    add_account(store_url, "conseillere@passerelles.test", "counsellor")
    wrong = client.post(
        "/api/v1/auth/token", data={"username": "conseillere@passerelles.test", "password": "pas-le-bon-1"}
    )
    unknown = client.post(
        "/api/v1/auth/token", data={"username": "inconnu@passerelles.test", "password": PASSWORD}
    )
    for answer in (wrong, unknown):
        assert answer.status_code == 401
        assert answer.json()["detail"] == "Adresse e-mail ou mot de passe incorrect."


def test_forged_or_expired_token_is_refused(client: TestClient, settings: Settings, store_url: str) -> None:
    add_account(store_url, "conseillere@passerelles.test", "counsellor")
    forged = create_access_token(1, "another-secret-key-of-enough-length-000", 60)
    expired = create_access_token(1, settings.secret_key, -1)
    for token in (forged, expired, "not-a-token"):
        answer = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401
        assert "reconnecter" in answer.json()["detail"]


def test_counsellor_cannot_call_admin_routes(client: TestClient, counsellor_headers: dict[str, str]) -> None:
    for answer in (
        client.get("/api/v1/accounts", headers=counsellor_headers),
        client.post("/api/v1/api-keys", json={"partner": "x"}, headers=counsellor_headers),
    ):
        assert answer.status_code == 403
        assert answer.json()["detail"] == "Cette action est réservée aux administrateurs."


def test_admin_creates_lists_and_deactivates_accounts(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    new = {"email": " Paul.Martin@Mission-Locale.fr ", "full_name": "Paul Martin", "password": PASSWORD}
    created = client.post("/api/v1/accounts", json=new, headers=admin_headers)
    assert created.status_code == 201
    assert created.json()["email"] == "paul.martin@mission-locale.fr"
    assert created.json()["role"] == "counsellor"
    assert client.post("/api/v1/accounts", json=new, headers=admin_headers).status_code == 409

    listed = client.get("/api/v1/accounts?limit=1&offset=1", headers=admin_headers).json()
    assert listed["total"] == 2
    assert [a["email"] for a in listed["items"]] == ["paul.martin@mission-locale.fr"]

    paul = sign_in(client, "paul.martin@mission-locale.fr")
    changed = client.patch(
        f"/api/v1/accounts/{created.json()['id']}", json={"active": False}, headers=admin_headers
    )
    assert changed.json()["active"] is False
    assert client.get("/api/v1/auth/me", headers=paul).status_code == 401


def test_admin_cannot_demote_themselves(client: TestClient, admin_headers: dict[str, str]) -> None:
    me = client.get("/api/v1/auth/me", headers=admin_headers).json()
    answer = client.patch(f"/api/v1/accounts/{me['id']}", json={"role": "counsellor"}, headers=admin_headers)
    assert answer.status_code == 409


def test_account_body_errors_name_the_field(client: TestClient, admin_headers: dict[str, str]) -> None:
    answer = client.post(
        "/api/v1/accounts",
        json={"email": "pas-une-adresse", "full_name": "X", "password": "court", "role": "chef"},
        headers=admin_headers,
    )
    assert answer.status_code == 422
    fields = {e["field"]: e["message"] for e in answer.json()["errors"]}
    assert fields["body.email"].startswith("Adresse e-mail invalide")
    assert fields["body.password"] == "Le texte doit compter au moins 10 caractère(s)."
    assert fields["body.role"] == "Valeur attendue : 'counsellor' or 'admin'."


def test_default_secret_is_refused_outside_development() -> None:
    with pytest.raises(ValidationError, match="PASSERELLES_SECRET_KEY"):
        Settings(environment="production")
    with pytest.raises(ValidationError, match="PASSERELLES_SECRET_KEY"):
        Settings(environment="production", secret_key="short")
    assert Settings(environment="production", secret_key="x" * 48).secret_key == "x" * 48
