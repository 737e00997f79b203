import datetime as dt
import json
from pathlib import Path

import pytest

from retrieval.importers import ImportFailure
from retrieval.store import transaction
from retrieval.store.models import Commune, Offer
from tests.importers.helpers import FIXTURES, contents, fixture_copy, run

OFFERS = FIXTURES / "offers"


@pytest.fixture
def placed_store(store_url: str) -> str:
    """A store that knows where Quimperlé is."""
    with transaction(store_url) as session:
        session.add(
            Commune(insee="29233", name="Quimperlé", departement="29", latitude=47.86, longitude=-3.55)
        )
    return store_url


def test_offers_of_every_file_once_placed_by_their_commune_when_needed(placed_store: str) -> None:
    report = run("offers", OFFERS, placed_store)
    assert report.counts == {"offres": 4, "offres placées par leur commune": 1}
    assert report.skipped == [
        "1 offres présentes dans plusieurs fichiers, gardées une fois",
        "1 compétences d'offres en texte libre, sans code OGR",
        "1 offres sans coordonnées ni commune connue (restent sans position)",
    ]
    with transaction(placed_store) as session:
        first = session.get(Offer, "T000001")
        assert first is not None
        assert (first.title, first.occupation, first.company, first.contract) == (
            "Conducteur de ligne d'essai (H/F)",
            "H2102",
            "ENTREPRISE D'ESSAI",
            "CDI",
        )
        assert (first.commune, first.place_label, first.latitude, first.longitude) == (
            "29233",
            "29 - QUIMPERLE",
            47.87,
            -3.55,
        )
        assert (first.published, first.demo, first.source) == (dt.date(2024, 11, 29), False, "france-travail")
        assert first.competences == ["ogr:920001"]  # the later file's version of a repeated offer
        placed = session.get(Offer, "T000002")
        assert placed is not None and (placed.latitude, placed.longitude) == (47.86, -3.55)
        unplaced = session.get(Offer, "T000003")
        assert unplaced is not None and (unplaced.latitude, unplaced.commune, unplaced.competences) == (
            None,
            None,
            [],
        )


def test_a_single_file_and_a_plain_list(store_url: str) -> None:
    assert run("offers", OFFERS / "offres_b.json", store_url).counts["offres"] == 2


def test_reimporting_changes_nothing(placed_store: str) -> None:
    run("offers", OFFERS, placed_store)
    before = contents(placed_store, runs=False)
    run("offers", OFFERS, placed_store)
    assert contents(placed_store, runs=False) == before


def test_an_offer_of_another_source_is_kept(store_url: str) -> None:
    with transaction(store_url) as session:
        session.add(Offer(id="T000004", title="Offre de démonstration", demo=True, source="demo"))
    report = run("offers", OFFERS, store_url)
    assert "1 offres dont l'identifiant appartient à une autre source" in report.skipped
    with transaction(store_url) as session:
        kept = session.get(Offer, "T000004")
        assert kept is not None and (kept.title, kept.demo) == ("Offre de démonstration", True)


def test_a_truncated_file_stops_the_import_and_leaves_the_store_as_it_was(
    store_url: str, tmp_path: Path
) -> None:
    run("offers", OFFERS, store_url)
    before = contents(store_url)
    folder = fixture_copy("offers", tmp_path)
    text = (folder / "offres_a.json").read_text(encoding="utf-8")
    (folder / "offres_a.json").write_text(text[: text.index('"T000003"')], encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        run("offers", folder, store_url)
    assert (failure.value.file.name, failure.value.line) == ("offres_a.json", 4)
    assert "JSON illisible ou tronqué" in str(failure.value)
    assert contents(store_url) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"romeCode": "H21"}, "romeCode"),
        ({"intitule": ""}, "intitule"),
        ({"dateCreation": "29/11/2024"}, "dateCreation"),
        ({"lieuTravail": {"latitude": "nord"}}, "latitude"),
        ({"competences": [{"code": "A12"}]}, "competences"),
    ],
)
def test_a_wrong_field_names_the_offer_and_the_field(
    store_url: str, tmp_path: Path, change: dict[str, object], field: str
) -> None:
    offers = json.loads((OFFERS / "offres_b.json").read_text(encoding="utf-8"))
    offers[1].update(change)
    path = tmp_path / "offres.json"
    path.write_text(json.dumps(offers), encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        run("offers", path, store_url)
    assert (failure.value.record, failure.value.field) == ("offre n° 2 (id T000004)", field)
    assert "offre n° 2 (id T000004)" in str(failure.value)


def test_a_folder_without_json_is_refused(store_url: str) -> None:
    with pytest.raises(ImportFailure, match=r"aucun fichier \.json"):
        run("offers", FIXTURES / "rncp", store_url)
