"""Malformed requests get a 422 with French details, never a 500; unknown pages a French 404."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

MALFORMED_BODIES: list[tuple[str, dict[str, str]]] = [
    ("{pas du json", {"Content-Type": "application/json"}),
    ("[1, 2]", {"Content-Type": "application/json"}),
    ('{"inconnu": true}', {"Content-Type": "application/json"}),
    ('{"radius_km": "loin", "place": 12, "missing": "x", "per_minute": -1, "email": []}', {}),
    ("null", {"Content-Type": "application/json"}),
]


def json_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every route of the API that takes a JSON body (people routes are tested by their own module)."""
    spec = client.get("/api/v1/openapi.json").json()
    return [
        (
            method.upper(),
            path.replace("{account_id}", "1").replace("{branch}", "chimie").replace("{ref}", "c-0"),
        )
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    ]


def test_every_malformed_body_is_a_french_422(client: TestClient, admin_headers: dict[str, str]) -> None:
    routes = json_routes(client)
    assert ("POST", "/api/v1/bridges") in routes and ("PUT", "/api/v1/widget/chimie") in routes
    for method, path in routes:
        for body, headers in MALFORMED_BODIES:
            answer = client.request(method, path, content=body, headers={**admin_headers, **headers})
            assert answer.status_code == 422, (method, path, body, answer.text)
            detail = answer.json()
            assert detail["detail"].startswith("Certaines données ne sont pas valides"), detail
            assert all(error["field"].startswith("body") and error["message"] for error in detail["errors"])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "query.limit"),
        ("limit=101", "query.limit"),
        ("offset=-1", "query.offset"),
        ("radius_km=x", "query.radius_km"),
    ],
)
def test_query_errors_name_the_parameter(
    client: TestClient, counsellor_headers: dict[str, str], query: str, field: str
) -> None:
    answer = client.get(f"/api/v1/bridges?from=H2102&{query}", headers=counsellor_headers)
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == [field]


@pytest.mark.parametrize(
    ("method", "path", "field"),
    [
        ("GET", "/api/v1/accounts?offset=31285424797281649950720", "query.offset"),
        ("GET", "/api/v1/branches?offset=6021943262903927832576", "query.offset"),
        ("PATCH", "/api/v1/accounts/99999999999999999999", "path.account_id"),
        ("DELETE", "/api/v1/api-keys/99999999999999999999", "path.key_id"),
    ],
)
def test_numbers_too_large_for_the_store_are_refused(
    client: TestClient, admin_headers: dict[str, str], method: str, path: str, field: str
) -> None:
    """Found by schemathesis: such numbers overflowed the database driver (a 500)."""
    answer = client.request(method, path, headers=admin_headers, json={"full_name": "X"})
    assert answer.status_code == 422, answer.text
    assert [e["field"] for e in answer.json()["errors"]] == [field]


def test_unknown_address_and_missing_pages_are_french(client: TestClient) -> None:
    assert client.get("/api/v1/nulle-part").json() == {"detail": "Cette adresse n'existe pas."}
    assert client.delete("/api/v1/health").json() == {
        "detail": "Cette méthode n'est pas acceptée à cette adresse."
    }
    for page in ("/console/", "/console/nulle-part.html", "/demo/", "/widget.js"):
        answer = client.get(page)
        if answer.status_code == 200:
            continue
        assert answer.status_code == 404
        if answer.headers["content-type"].startswith("text/html"):  # the folder or bundle is not built
            assert "n'est pas disponible" in answer.text
        else:  # a file missing from a served folder
            assert answer.json() == {"detail": "Cette adresse n'existe pas."}
