"""Guidance routes answer with the real engine on the shipped referential and demonstration data."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_guidance_needs_a_key_or_an_account(client: TestClient) -> None:
    answer = client.get("/api/v1/bridges?from=H2102")
    assert answer.status_code == 401
    assert "X-API-Key" in answer.json()["detail"]


def test_bridges_from_a_code_include_machine_conduct(
    client: TestClient, counsellor_headers: dict[str, str]
) -> None:
    page = client.get("/api/v1/bridges?from=h2102&place=Creil&limit=10", headers=counsellor_headers).json()
    codes = [item["code_rome"] for item in page["items"]]
    assert "H2102" not in codes
    assert any(code.startswith(("H29", "H25", "H34")) for code in codes), codes
    first = page["items"][0]
    assert {
        "code_rome",
        "title",
        "score",
        "shared",
        "missing",
        "band",
        "offers_nearby",
        "offers",
        "trainings",
    } <= (first.keys())
    assert page["total"] >= len(codes) and page["limit"] == 10 and page["offset"] == 0


def test_bridges_pages_follow_each_other(client: TestClient, counsellor_headers: dict[str, str]) -> None:
    whole = client.get("/api/v1/bridges?from=H2102&limit=6", headers=counsellor_headers).json()["items"]
    second = client.get("/api/v1/bridges?from=H2102&limit=3&offset=3", headers=counsellor_headers).json()
    assert [i["code_rome"] for i in second["items"]] == [i["code_rome"] for i in whole[3:6]]


def test_bridges_from_a_profile_with_a_postal_code(
    client: TestClient, counsellor_headers: dict[str, str]
) -> None:
    body = {"occupations": ["H2102"], "sectors": ["plasturgie"], "place": "60100", "radius_km": 30}
    page = client.post("/api/v1/bridges?limit=5", json=body, headers=counsellor_headers).json()
    assert page["items"]
    assert all(offer["distance_km"] <= 30 for item in page["items"] for offer in item["offers"])


def test_unknown_place_is_a_french_422(client: TestClient, counsellor_headers: dict[str, str]) -> None:
    body = {"occupations": ["H2102"], "place": "Atlantide-sur-Mer"}
    answer = client.post("/api/v1/bridges", json=body, headers=counsellor_headers)
    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"field": "body.place", "message": "Lieu introuvable : « Atlantide-sur-Mer »"}
    ]
    unknown_code = client.get("/api/v1/bridges?from=A9999", headers=counsellor_headers)
    assert unknown_code.status_code == 422
    assert "Code ROME inconnu" in unknown_code.json()["detail"]


def test_reverse_bridges_name_their_source_jobs(
    client: TestClient, counsellor_headers: dict[str, str]
) -> None:
    page = client.get("/api/v1/bridges/reverse?to=H2903&limit=5", headers=counsellor_headers).json()
    assert len(page["items"]) == 5
    assert all(item["code_rome"] != "H2903" and item["title"] for item in page["items"])
    scores = [item["score"] for item in page["items"]]
    assert scores == sorted(scores, reverse=True)


def test_offers_near_creil_are_within_the_radius(
    client: TestClient, counsellor_headers: dict[str, str]
) -> None:
    page = client.get("/api/v1/offers?place=Creil&radius_km=20&limit=100", headers=counsellor_headers).json()
    assert page["items"] and page["total"] >= len(page["items"])
    assert all(offer["distance_km"] <= 20 for offer in page["items"])
    distances = [offer["distance_km"] for offer in page["items"]]
    assert distances == sorted(distances)
    farther = client.get("/api/v1/offers?place=Creil&radius_km=60&limit=1", headers=counsellor_headers).json()
    assert farther["total"] > page["total"]


def test_offers_filtered_by_job_and_contract(client: TestClient, counsellor_headers: dict[str, str]) -> None:
    url = "/api/v1/offers?place=Creil&radius_km=50&rome=H2903&contract=cdi"
    page = client.get(url, headers=counsellor_headers).json()
    assert all(offer["contract"] == "CDI" for offer in page["items"])
    assert page["total"] == len(page["items"]) or page["total"] > page["limit"]


def test_occupation_search_and_description(client: TestClient, counsellor_headers: dict[str, str]) -> None:
    found = client.get("/api/v1/occupations?q=conducteur de ligne", headers=counsellor_headers).json()
    assert found["items"][0]["code_rome"]
    code = found["items"][0]["code_rome"]
    fiche = client.get(f"/api/v1/occupations/{code}", headers=counsellor_headers).json()
    assert fiche["code_rome"] == code and fiche["core_competences"]
    assert all(c["kind"] != "contexte" for c in fiche["core_competences"])
    missing = client.get("/api/v1/occupations/Z9999", headers=counsellor_headers)
    assert missing.status_code == 404 and missing.json()["detail"] == "Métier inconnu : « Z9999 »."


def test_training_path_closes_a_bridge_gap(client: TestClient, counsellor_headers: dict[str, str]) -> None:
    bridges = client.get("/api/v1/bridges?from=H2102&limit=20", headers=counsellor_headers).json()["items"]
    missing = next(codes for b in bridges if (codes := [m["code"] for m in b["missing"] if m["core"]]))
    body = {"missing": missing, "place": "Creil", "radius_km": 50}
    path = client.post("/api/v1/trainings/paths", json=body, headers=counsellor_headers).json()
    covered = {code for step in path["steps"] for code in step["covers"]}
    assert covered | set(path["uncovered"]) == set(missing)
    assert path["total_hours"] == sum(step["hours"] or 0 for step in path["steps"])
