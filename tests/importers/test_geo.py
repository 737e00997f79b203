import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from retrieval.importers import ImportFailure
from retrieval.store import transaction
from retrieval.store.models import Bassin, Commune, PostalCode
from tests.importers.helpers import FIXTURES, contents, fixture_copy, run

GEO = FIXTURES / "geo"
LAPOSTE = GEO / "laposte_hexasmal.csv"


def communes(url: str) -> dict[str, tuple[object, ...]]:
    with transaction(url) as session:
        return {
            c.insee: (c.name, c.departement, c.latitude, c.longitude, c.bassin)
            for c in session.scalars(select(Commune))
        }


def test_la_poste_gives_communes_their_postal_codes_and_positions(store_url: str) -> None:
    report = run("laposte", LAPOSTE, store_url)
    assert report.counts == {"communes": 5, "codes postaux": 6}
    assert report.skipped == ["1 communes sans coordonnées GPS dans le fichier"]
    assert communes(store_url) == {
        "29233": ("QUIMPERLE", "29", 47.87, -3.55, None),
        "29019": ("BREST", "29", 48.4, -4.49, None),
        "97411": ("ST DENIS", "974", -20.88, 55.45, None),
        "2A004": ("AJACCIO", "2A", 41.93, 8.74, None),
        "29998": ("COMMUNE D ESSAI", "29", None, None, None),
    }
    with transaction(store_url) as session:
        codes = session.execute(select(PostalCode.code).where(PostalCode.insee == "29019"))
        assert sorted(code for (code,) in codes) == ["29200", "29240"]


def test_insee_names_communes_places_them_and_ties_them_to_their_bassin(store_url: str) -> None:
    run("laposte", LAPOSTE, store_url)
    report = run("insee", GEO, store_url)
    assert report.counts == {"communes": 4, "communes placées": 3, "bassins d'emploi": 2 + 1}
    assert report.skipped == [
        "2 communes associées, déléguées ou arrondissements (seules les communes actuelles)",
        "1 positions de corresp_geo_point_codes_communes_2099.csv pour une commune absente de la liste",
        "1 lignes de bassin_emploi_BMO2099.csv pour une commune absente de la liste",
    ]
    assert communes(store_url) == {
        "29233": ("Quimperlé", "29", 47.86, -3.55, "5301"),
        "29019": ("Brest", "29", 48.41, -4.48, "5302"),
        "97411": ("Saint-Denis", "974", -20.88, 55.45, None),  # no centroid: La Poste's position stays
        "2A004": ("Ajaccio", "2A", 41.92, 8.73, "9401"),
        "29998": ("COMMUNE D ESSAI", "29", None, None, None),
    }
    with transaction(store_url) as session:
        bassin = session.get(Bassin, "5302")
        assert bassin is not None and (bassin.name, bassin.region) == ("BREST ESSAI", "53")


def test_la_poste_after_insee_keeps_the_official_names_and_positions_and_fills_the_gaps(
    store_url: str,
) -> None:
    run("insee", GEO, store_url)
    run("laposte", LAPOSTE, store_url)
    found = communes(store_url)
    assert found["29233"] == ("Quimperlé", "29", 47.86, -3.55, "5301")
    assert found["97411"] == ("Saint-Denis", "974", -20.88, 55.45, None)  # no INSEE centroid: La Poste's
    assert found["29998"] == ("COMMUNE D ESSAI", "29", None, None, None)


def test_insee_alone_reports_the_missing_centroids_and_bassins(store_url: str, tmp_path: Path) -> None:
    shutil.copy(GEO / "v_commune_2099.csv", tmp_path)
    report = run("insee", tmp_path / "v_commune_2099.csv", store_url)
    assert report.counts == {"communes": 4}
    assert (
        "fichier absent : corresp_geo_point_codes_communes_*.csv (positions des communes)" in report.skipped
    )
    assert "fichier absent : bassin_emploi_*.csv (bassins d'emploi)" in report.skipped
    assert communes(store_url)["29233"] == ("Quimperlé", "29", None, None, None)


def test_reimporting_changes_nothing(store_url: str) -> None:
    run("laposte", LAPOSTE, store_url)
    run("insee", GEO, store_url)
    before = contents(store_url, runs=False)
    run("laposte", GEO, store_url)
    run("insee", GEO, store_url)
    assert contents(store_url, runs=False) == before


@pytest.mark.parametrize(
    ("name", "old", "new", "kind", "line", "field"),
    [
        ("laposte_hexasmal.csv", "41.9300000000,8.7400000000", "41.93;8.74", "laposte", 7, "colonne 7"),
        (
            "laposte_hexasmal.csv",
            "48.4000000000,-4.4900000000",
            "148.4,-4.49",
            "laposte",
            3,
            "coordonnees_gps",
        ),
        ("laposte_hexasmal.csv", "97411;ST DENIS;97400", "97411;ST DENIS;974", "laposte", 6, "Code_postal"),
        ("v_commune_2099.csv", '"COM","29019"', '"COM","2919"', "insee", 3, "COM"),
        ("corresp_geo_point_codes_communes_2099.csv", ";48.41;", ";48,41,0;", "insee", 3, "latitude"),
    ],
)
def test_a_damaged_file_stops_the_import_and_leaves_the_store_as_it_was(
    store_url: str, tmp_path: Path, name: str, old: str, new: str, kind: str, line: int, field: str
) -> None:
    run("laposte", LAPOSTE, store_url)
    before = contents(store_url)
    folder = fixture_copy("geo", tmp_path)
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        run(kind, folder, store_url)
    assert (failure.value.file.name, failure.value.line, failure.value.field) == (name, line, field)
    assert contents(store_url) == before
