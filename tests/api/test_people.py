"""The counsellor's routes about people, on both store backends, with the real engine."""

from __future__ import annotations

import datetime as dt
import io
import time
from typing import Any

import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient

from retrieval.profiles import load_profile, record_choice, record_proposals
from retrieval.store import transaction
from retrieval.store.models import Branch

pytestmark = pytest.mark.encoder

FORKLIFT = "tp-cariste-entrepot"
Headers = dict[str, str]


@pytest.fixture
def branch(store_url: str) -> str:
    with transaction(store_url) as session:
        session.add(
            Branch(
                slug="logistique",
                title="Logistique",
                welcome="Bonjour",
                logo_url="/static/logos/logistique.svg",
                primary_color="#0b5cad",
                on_primary_color="#ffffff",
                sectors=["logistique"],
                origins=[],
            )
        )
    return "logistique"


@pytest.fixture
def person(client: TestClient, counsellor_headers: Headers, branch: str) -> str:
    """A person in a guided session: an agri-food operator near Beauvais wishing to work in logistics."""
    created = client.post(
        "/api/v1/people", json={"branch": branch, "consent": True}, headers=counsellor_headers
    )
    assert created.status_code == 201, created.text
    ref: str = created.json()["ref"]
    corrected = client.patch(
        f"/api/v1/people/{ref}/profile",
        json={
            "occupation_code": "H2102",
            "competences": ["demarrer-arreter-ligne"],
            "sectors": ["logistique"],
            "place": "Beauvais",
            "radius_km": 30,
        },
        headers=counsellor_headers,
    )
    assert corrected.status_code == 200, corrected.text
    return ref


def test_people_need_a_signed_in_account(client: TestClient) -> None:
    answer = client.get("/api/v1/people")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Connexion requise."


def test_a_new_person_is_listed_searched_and_paginated(
    client: TestClient, counsellor_headers: Headers, person: str, branch: str
) -> None:
    other = client.post(
        "/api/v1/people", json={"branch": branch, "consent": True}, headers=counsellor_headers
    ).json()["ref"]
    assert person.startswith("c-") and len(person) == 34

    page = client.get("/api/v1/people", params={"limit": 1}, headers=counsellor_headers).json()
    assert (page["total"], page["limit"], page["offset"]) == (2, 1, 0)
    assert [item["ref"] for item in page["items"]] == [other]

    found = client.get("/api/v1/people", params={"q": "PRODUCTION"}, headers=counsellor_headers).json()
    assert [item["ref"] for item in found["items"]] == [person]
    assert found["items"][0]["branch"] == "logistique"
    assert found["items"][0]["sessions"] == 0


def test_an_unknown_branch_is_refused(client: TestClient, counsellor_headers: Headers, branch: str) -> None:
    answer = client.post(
        "/api/v1/people", json={"branch": "inconnue", "consent": True}, headers=counsellor_headers
    )
    assert answer.status_code == 422
    assert "inconnue" in answer.json()["detail"]
    malformed = client.post(
        "/api/v1/people", json={"branch": "Pas Une Branche!", "consent": True}, headers=counsellor_headers
    )
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "body.branch"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"branch": "logistique"}, "Ce champ est obligatoire."),
        (
            {"branch": "logistique", "consent": False},
            "La personne doit accepter que ses réponses soient gardées avant la séance guidée.",
        ),
    ],
)
def test_a_person_needs_their_consent(
    client: TestClient, counsellor_headers: Headers, branch: str, body: dict[str, Any], message: str
) -> None:
    answer = client.post("/api/v1/people", json=body, headers=counsellor_headers)
    assert answer.status_code == 422
    assert answer.json()["errors"] == [{"field": "body.consent", "message": message}]
    assert client.get("/api/v1/people", headers=counsellor_headers).json()["total"] == 0


def test_the_branches_to_choose_from(client: TestClient, branch: str) -> None:
    answer = client.get("/api/v1/branches")  # public: the widget's branches are no secret
    assert answer.status_code == 200
    assert answer.json() == {
        "items": [{"slug": "logistique", "title": "Logistique"}],
        "total": 1,
        "limit": 20,
        "offset": 0,
    }


def test_the_profile_with_labels_and_its_corrections(
    client: TestClient, counsellor_headers: Headers, person: str
) -> None:
    shown = client.get(f"/api/v1/people/{person}", headers=counsellor_headers).json()
    assert shown["occupation_code"] == "H2102"
    assert shown["occupation_title"] == shown["occupation_label"]
    assert shown["competences"][0]["code"] == "demarrer-arreter-ligne"
    assert shown["competences"][0]["label"] != "demarrer-arreter-ligne"
    assert (shown["commune_insee"], shown["commune_label"]) == ("60057", "Beauvais (60)")
    assert shown["bassin"] and shown["consent_at"]

    moved = client.patch(
        f"/api/v1/people/{person}/profile", json={"commune_insee": None}, headers=counsellor_headers
    ).json()
    assert (moved["commune_insee"], moved["bassin"], moved["occupation_code"]) == (None, None, "H2102")

    unknown = client.patch(
        f"/api/v1/people/{person}/profile", json={"competences": ["savoir-voler"]}, headers=counsellor_headers
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"field": "body.competences", "message": "Compétence inconnue : savoir-voler."}
    ]
    nowhere = client.patch(
        f"/api/v1/people/{person}/profile", json={"place": "Zzyzx-sur-Mer"}, headers=counsellor_headers
    )
    assert nowhere.status_code == 422
    assert "Zzyzx-sur-Mer" in nowhere.json()["detail"]
    typo = client.patch(f"/api/v1/people/{person}/profile", json={"radius": 10}, headers=counsellor_headers)
    assert typo.status_code == 422 and typo.json()["errors"][0]["field"] == "body.radius"

    assert client.get("/api/v1/people/c-nobody", headers=counsellor_headers).status_code == 404


def test_sessions_and_notes(client: TestClient, counsellor_headers: Headers, person: str) -> None:
    started = client.post(f"/api/v1/people/{person}/sessions", headers=counsellor_headers)
    assert started.status_code == 201
    assert started.json()["counsellor"] == "conseillere" and started.json()["ref"] == person
    for text in ("Premier entretien.", "Intéressée par le cariste."):
        added = client.post(f"/api/v1/people/{person}/notes", json={"text": text}, headers=counsellor_headers)
        assert added.status_code == 201 and added.json()["author"] == "conseillere"

    notes = client.get(
        f"/api/v1/people/{person}/notes", params={"limit": 1}, headers=counsellor_headers
    ).json()
    assert notes["total"] == 2 and [n["text"] for n in notes["items"]] == ["Intéressée par le cariste."]
    sessions = client.get(f"/api/v1/people/{person}/sessions", headers=counsellor_headers).json()
    assert sessions["total"] == 1
    listed = client.get("/api/v1/people", headers=counsellor_headers).json()
    assert listed["items"][0]["sessions"] == 1
    blank = client.post(f"/api/v1/people/{person}/notes", json={"text": "  "}, headers=counsellor_headers)
    assert blank.status_code == 422


def test_what_if_recomputes_and_stores_nothing(
    client: TestClient, counsellor_headers: Headers, person: str, store_url: str
) -> None:
    before = load_profile(store_url, person)
    url = f"/api/v1/people/{person}/what-if"
    now = client.post(url, json={}, headers=counsellor_headers).json()["items"]
    certified = client.post(url, json={"add_certifications": [FORKLIFT]}, headers=counsellor_headers).json()
    assert now and certified["items"]

    def gaps(items: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
        return [(i["code_rome"], [m["code"] for m in i["missing"] if m["core"]]) for i in items]

    assert gaps(certified["items"]) != gaps(now)
    assert all(m["code"] != "conduire-chariot-elevateur" for i in certified["items"] for m in i["missing"])
    assert load_profile(store_url, person) == before

    unknown = client.post(url, json={"add_certifications": ["RNCP00000"]}, headers=counsellor_headers)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "body.add_certifications"
    assert client.post(url, json={"radius_km": -3}, headers=counsellor_headers).status_code == 422


def test_the_fiche_passerelle_pdf(
    client: TestClient, counsellor_headers: Headers, person: str, store_url: str
) -> None:
    bridges = client.post(f"/api/v1/people/{person}/what-if", json={}, headers=counsellor_headers).json()
    chosen = bridges["items"][1]
    record_proposals(store_url, person, [(chosen["code_rome"], chosen["score"], [])])
    assert record_choice(store_url, person, chosen["code_rome"])

    started = time.perf_counter()
    answer = client.get(f"/api/v1/people/{person}/fiche.pdf", headers=counsellor_headers)
    seconds = time.perf_counter() - started
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert seconds < 30

    document = pdfium.PdfDocument(io.BytesIO(answer.content))
    text = "".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    flat = " ".join(text.split())
    assert "Fiche passerelle" in flat
    assert " ".join(chosen["title"].split()) in flat
    assert "Les métiers choisis" in flat
    assert dt.date.today().year and "conseillere" in flat

    image = document[0].render(scale=1).to_pil().convert("L")
    darkest, lightest = image.getextrema()
    assert lightest == 255 and darkest < 100  # ink on a white page
    inked = sum(image.histogram()[:200])
    assert inked > 0.01 * image.width * image.height


def test_export_then_erase(client: TestClient, counsellor_headers: Headers, person: str) -> None:
    client.post(f"/api/v1/people/{person}/sessions", headers=counsellor_headers)
    client.post(f"/api/v1/people/{person}/notes", json={"text": "À rappeler."}, headers=counsellor_headers)

    exported = client.get(f"/api/v1/people/{person}/export", headers=counsellor_headers).json()
    assert exported["ref"] == person and exported["profile"]["occupation_code"] == "H2102"
    assert [n["text"] for n in exported["notes"]] == ["À rappeler."]
    assert exported["sessions"][0]["counsellor"] == "conseillere"

    assert client.delete(f"/api/v1/people/{person}", headers=counsellor_headers).status_code == 204
    assert client.get(f"/api/v1/people/{person}", headers=counsellor_headers).status_code == 404
    assert client.get(f"/api/v1/people/{person}/notes", headers=counsellor_headers).status_code == 404
    assert client.delete(f"/api/v1/people/{person}", headers=counsellor_headers).status_code == 404
