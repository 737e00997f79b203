from pathlib import Path

import pytest
from sqlalchemy import select

from retrieval.importers import ImportFailure
from retrieval.store import transaction
from retrieval.store.models import Certification, CertificationBloc
from tests.importers.helpers import FIXTURES, contents, fixture_copy, run

RNCP = FIXTURES / "rncp"
STANDARD = "export_fiches_CSV_Standard_2099_01_01.csv"


def certifications(url: str) -> dict[str, tuple[object, ...]]:
    with transaction(url) as session:
        return {
            c.code: (c.title, c.kind, c.level, c.occupations, c.source)
            for c in session.scalars(select(Certification))
        }


def test_active_certifications_with_their_blocs_and_fiches(store_url: str) -> None:
    report = run("rncp", RNCP, store_url)
    assert report.counts == {"certifications": 3, "blocs de compétences": 2}
    assert report.skipped == [
        "1 fiches inactives (plus préparables)",
        "1 blocs d'une fiche non importée (inactive ou d'une autre source)",
        "fichiers non utilisés : export_fiches_CSV_Certificateurs_2099_01_01.csv",
    ]
    assert certifications(store_url) == {
        "RNCP90001": ("Conducteur de ligne d'essai", "RNCP", 3, ["H2102", "H2104"], "rncp"),
        "RNCP90002": ("Titre professionnel préparateur d'essai", "TP", 5, ["N1103"], "rncp"),
        "RS90003": ("Habilitation d'essai", "RS", None, [], "rncp"),
    }
    with transaction(store_url) as session:
        blocs = session.execute(
            select(CertificationBloc.code, CertificationBloc.certification, CertificationBloc.title)
        )
        assert sorted((code, certification, title) for code, certification, title in blocs) == [
            ("RNCP90001BC01", "RNCP90001", "Régler une ligne d'essai"),
            ("RNCP90001BC02", "RNCP90001", "Assurer la qualité d'essai"),
        ]


def test_reimporting_changes_nothing(store_url: str) -> None:
    run("rncp", RNCP, store_url)
    before = contents(store_url, runs=False)
    run("rncp", RNCP, store_url)
    assert contents(store_url, runs=False) == before


def test_a_certification_another_source_describes_is_left_alone(store_url: str) -> None:
    with transaction(store_url) as session:
        session.add(
            Certification(code="RNCP90001", title="Notre fiche", kind="RNCP", level=3, source="passerelles")
        )
        session.flush()
        session.add(
            CertificationBloc(code="BLOC-1", certification="RNCP90001", title="Notre bloc", competences=["x"])
        )
    report = run("rncp", RNCP, store_url)
    assert "1 certifications déjà décrites par une autre source" in report.skipped
    assert certifications(store_url)["RNCP90001"] == ("Notre fiche", "RNCP", 3, [], "passerelles")
    with transaction(store_url) as session:
        assert session.scalars(select(CertificationBloc.code)).all() == ["BLOC-1"]


def test_missing_optional_files_are_reported(store_url: str, tmp_path: Path) -> None:
    folder = fixture_copy("rncp", tmp_path)
    for path in folder.glob("*.csv"):
        if path.name != STANDARD:
            path.unlink()
    report = run("rncp", folder, store_url)
    assert report.counts == {"certifications": 3}
    assert "fichier absent : export_fiches_CSV_Rome_*.csv (métiers visés)" in report.skipped
    assert "fichier absent : export_fiches_CSV_Blocs_De_Comp*.csv (blocs de compétences)" in report.skipped


def test_a_wrong_level_stops_the_import_and_leaves_the_store_as_it_was(
    store_url: str, tmp_path: Path
) -> None:
    run("rncp", RNCP, store_url)
    before = contents(store_url)
    folder = fixture_copy("rncp", tmp_path)
    path = folder / STANDARD
    path.write_bytes(path.read_bytes().replace(b'"NIV5"', b'"Niveau 5"'))
    with pytest.raises(ImportFailure) as failure:
        run("rncp", folder, store_url)
    assert (failure.value.file.name, failure.value.line, failure.value.field) == (
        STANDARD,
        3,
        "Nomenclature_Europe_Niveau",
    )
    assert contents(store_url) == before


def test_the_standard_file_is_required(store_url: str) -> None:
    with pytest.raises(ImportFailure, match="obligatoire"):
        run("rncp", FIXTURES / "geo", store_url)
