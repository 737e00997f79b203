"""The observatory route: groups of at least ten people, smaller ones only counted."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from retrieval.profiles import StoredProfile, record_proposals, save_profile

NOW = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)


def store_people(url: str, prefix: str, count: int, insee: str, bassin: str) -> None:
    for n in range(count):
        ref = f"{prefix}-{n}"
        profile = StoredProfile(
            ref=ref, branch="plasturgie", occupation_code="H2102", commune_insee=insee, bassin=bassin
        )
        save_profile(url, profile, consent_at=NOW)
        record_proposals(url, ref, [("H2903", 0.7, ["conduire-machine-cn"])])


def test_groups_shown_and_withheld(
    client: TestClient, counsellor_headers: dict[str, str], store_url: str
) -> None:
    store_people(store_url, "creil", 10, "60175", "3210")
    store_people(store_url, "sq", 3, "02691", "3204")

    answer = client.get("/api/v1/observatory", params={"by": "departement"}, headers=counsellor_headers)

    assert answer.status_code == 200, answer.text
    seen = answer.json()
    assert (seen["withheld"], seen["minimum_group"], seen["minimum_cell"]) == (1, 10, 5)
    [oise] = seen["groups"]
    assert (oise["territory"], oise["territory_label"], oise["branch"], oise["people"]) == (
        "60",
        "Oise",
        "plasturgie",
        10,
    )
    assert [(o["code_rome"], o["count"]) for o in oise["origins"]] == [("H2102", 10)]
    assert [(p["code_rome"], p["count"]) for p in oise["proposed"]] == [("H2903", 10)]
    assert oise["chosen"] == []
    assert [(m["code"], m["count"]) for m in oise["missing"]] == [("conduire-machine-cn", 10)]


def test_the_observatory_needs_an_account_and_a_known_grouping(
    client: TestClient, counsellor_headers: dict[str, str]
) -> None:
    assert client.get("/api/v1/observatory").status_code == 401
    wrong = client.get("/api/v1/observatory", params={"by": "region"}, headers=counsellor_headers)
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "query.by"
