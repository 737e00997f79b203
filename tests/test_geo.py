"""Distances, the shipped places files, and resolving the places people type."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import insert

from retrieval.geo import (
    EARTH_RADIUS_KM,
    REFERENTIAL_DIR,
    PlacesFileError,
    fold,
    haversine_km,
    haversine_km_array,
    read_bassins,
    read_communes,
    read_departements,
    resolve_place,
)
from retrieval.referential.build_geo import DEMO_TOWNS, BassinNamer, build
from retrieval.store import transaction
from retrieval.store.models import Bassin, Commune, PostalCode

PARIS = (48.8566, 2.3522)
LYON = (45.7640, 4.8357)
MARSEILLE = (43.2965, 5.3698)


@pytest.fixture
def places_url(store_url: str) -> str:
    """A store holding the shipped bassins, communes and postal codes (inserted directly)."""
    communes = read_communes()
    with transaction(store_url) as session:
        session.execute(
            insert(Bassin), [{"code": b.code, "name": b.name, "region": b.region} for b in read_bassins()]
        )
        session.execute(insert(Commune), [c.row() for c in communes])
        session.execute(
            insert(PostalCode), [{"code": p, "insee": c.insee} for c in communes for p in c.postal_codes]
        )
    return store_url


def test_haversine_on_known_city_pairs() -> None:
    assert haversine_km(*PARIS, *LYON) == pytest.approx(392, abs=2)
    assert haversine_km(*PARIS, *MARSEILLE) == pytest.approx(661, abs=2)
    assert haversine_km(*PARIS, *PARIS) == 0
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_vectorised_haversine_agrees_with_the_scalar_one() -> None:
    rng = np.random.default_rng(7)
    lats, lons = rng.uniform(-90, 90, 200), rng.uniform(-180, 180, 200)
    distances = haversine_km_array(
        math.radians(PARIS[0]), math.radians(PARIS[1]), np.radians(lats), np.radians(lons)
    )
    expected = [haversine_km(*PARIS, lat, lon) for lat, lon in zip(lats, lons, strict=True)]
    np.testing.assert_allclose(distances, expected, rtol=1e-9)


def test_fold_ignores_case_accents_punctuation_and_saint_abbreviations() -> None:
    assert fold("St-Quentin") == fold("SAINT QUENTIN") == "saint quentin"
    assert fold("CHÂTEAUROUX") == "chateauroux"
    assert fold("Ste-Œuvre l'Église") == "sainte oeuvre l eglise"


def test_shipped_files_cover_every_commune_prefecture_and_demo_territory() -> None:
    communes = {c.insee: c for c in read_communes()}
    bassins = {b.code: b for b in read_bassins()}
    assert len(communes) > 34_000
    assert (REFERENTIAL_DIR / "communes.csv").stat().st_size < 3_000_000
    assert all(c.bassin in bassins and c.postal_codes for c in communes.values())
    departements = read_departements()
    assert len(departements) == 101
    assert all(d.prefecture in communes for d in departements)
    by_name = {(c.name, c.departement): c for c in communes.values()}
    demo = {by_name[town].bassin for town in DEMO_TOWNS}
    assert demo == {code for code, b in bassins.items() if b.demo}
    assert by_name[("Mourenx", "64")].bassin == by_name[("Pau", "64")].bassin  # Lacq–Pau share the Béarn
    assert bassins[by_name[("Saint-Quentin", "02")].bassin].name == "Saint-Quentin"
    assert communes["75056"].postal_codes[:2] == ("75001", "75002")  # arrondissements' codes go to Paris


def test_a_malformed_places_file_names_its_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "communes.csv"
    path.write_text(
        "insee,name,departement,postal_codes,latitude,longitude,bassin\n"
        "60057,Beauvais,60,60000,49.4362,2.08636,3213\n"
        "60175,Creil,60,60100,nord,2.47,3210\n",
        encoding="utf-8",
    )
    with pytest.raises(PlacesFileError, match=r"ligne 3 : champ « latitude »"):
        read_communes(path)
    path.write_text("insee,name\n60057,Beauvais\n", encoding="utf-8")
    with pytest.raises(PlacesFileError, match="colonne"):
        read_communes(path)


def test_bassin_names_get_their_accents_hyphens_and_apostrophes_back() -> None:
    namer = BassinNamer(
        ["Saint-Quentin", "Harly", "Arles", "Lure", "Héricourt", "Drôme", "Ardèche", "Melle", "Mellé"]
    )
    assert namer("SAINT QUENTIN", ["Saint-Quentin", "Harly"]) == "Saint-Quentin"
    assert namer("PAYS D ARLES", ["Arles"]) == "Pays d'Arles"
    assert namer("LURE  / HERICOURT ", ["Lure", "Héricourt"]) == "Lure / Héricourt"
    assert namer("DROME ARDECHE SUD", []) == "Drôme Ardèche Sud"
    assert namer("MELLE", ["Melle"]) == "Melle"
    assert namer("T1 Paris", []) == "T1 Paris"


@pytest.mark.shared_data
def test_the_shipped_files_are_what_the_script_builds(shared_data: Path, tmp_path: Path) -> None:
    build(shared_data / "geo", tmp_path)
    for name in ("communes.csv", "bassins.csv", "departements.csv"):
        assert (tmp_path / name).read_bytes() == (REFERENTIAL_DIR / name).read_bytes(), name


def test_names_typed_by_people_resolve_to_their_commune(places_url: str) -> None:
    with transaction(places_url) as session:
        for text, insee in [
            ("st quentin", "02691"),
            ("CREIL", "60175"),
            ("chateauroux", "36044"),
            ("Saint-Quentin", "02691"),
            ("l isle adam", "95313"),
            ("Saint-Denis (93)", "93066"),
            ("saint denis 974", "97411"),
            ("oeuilly 51", "51410"),
            ("Beauvais 60000", "60057"),
        ]:
            place = resolve_place(session, text)
            assert place is not None and place.insee == insee, text
        assert resolve_place(session, "Atlantide") is None
        assert resolve_place(session, "  ") is None
        place = resolve_place(session, "chateauroux")
        assert place is not None
        assert (place.name, place.postal_code, place.bassin, place.label) == (
            "Châteauroux",
            "36000",
            "2410",
            "Châteauroux (36)",
        )
        assert place.latitude == pytest.approx(46.8, abs=0.1) and not place.ambiguous


def test_homonyms_give_the_prefecture_first_and_the_others_as_candidates(places_url: str) -> None:
    with transaction(places_url) as session:
        valence = resolve_place(session, "valence")
        assert valence is not None and valence.departement == "26" and valence.ambiguous
        assert {c.departement for c in valence.candidates} >= {"16", "82"}


def test_codes_resolve_as_postal_code_first_then_insee_code(places_url: str) -> None:
    with transaction(places_url) as session:
        saint_quentin = resolve_place(session, "02691")  # INSEE only
        assert saint_quentin is not None and saint_quentin.name == "Saint-Quentin"
        creil = resolve_place(session, "60100")  # Creil's postal code, and Brasseuse's INSEE code
        assert creil is not None and creil.name == "Creil" and creil.postal_code == "60100"
        assert [c.name for c in creil.candidates] == ["Brasseuse"]
        beauvais = resolve_place(session, "60000")  # shared by Beauvais and its neighbours
        assert beauvais is not None and beauvais.name == "Beauvais" and beauvais.ambiguous
        assert all(c.postal_code == "60000" for c in beauvais.candidates)
        paris = resolve_place(session, "75011")
        assert paris is not None and (paris.insee, paris.postal_code) == ("75056", "75011")
        ajaccio = resolve_place(session, "2a004")
        assert ajaccio is not None and ajaccio.name == "Ajaccio"
        assert resolve_place(session, "99999") is None
