from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from retrieval.importers import ImportFailure
from retrieval.store import transaction
from retrieval.store.models import Competence, JobTitle
from tests.importers.helpers import FIXTURES, contents, fixture_copy, run

CROSSWALK = "Correspondance_ROME_ISCO08.xlsx"
# ROME code, ISCO-08 group: 7513 leads to two fiches; N1105 is not in the store; 110 is written without its 0.
PAIRS = [("H2102", 8160), ("H2301", 3133), ("N1103", 9321), ("N1105", 9321), ("H2102", 7513), ("N1103", 7513)]


def write_crosswalk(path: Path, pairs: Sequence[tuple[str, object]]) -> None:
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = "Définition"
    about.append(["La table de correspondance"])
    sheet = workbook.create_sheet("ROME to ISCO-08")
    sheet.append(["Code ROME", "Libellé codes ROME", "ISCO08 14SI4", "Code ISCO08", "Libellé codes ISCO08"])
    for rome, isco in pairs:
        sheet.append([rome, "fiche", isco, isco, "groupe"])
    other = workbook.create_sheet("ISCO-08 to ROME")
    other.append(["ISCO08 14SI4", "Code ISCO08", "Libellé codes ISCO08", "Code ROME", "Libellé codes ROME"])
    other.append([0, 110, "groupe", "H2301", "fiche"])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


@pytest.fixture
def rome3_store(store_url: str) -> str:
    run("rome3", FIXTURES / "rome3", store_url)
    return store_url


def titles(url: str) -> list[tuple[str, str]]:
    with transaction(url) as session:
        rows = session.execute(select(JobTitle.occupation, JobTitle.label).where(JobTitle.source == "esco"))
        return sorted((occupation, label) for occupation, label in rows)


def test_skills_and_the_titles_of_occupations_the_crosswalk_ties_to_one_fiche(
    rome3_store: str, tmp_path: Path
) -> None:
    folder = fixture_copy("esco", tmp_path)
    write_crosswalk(folder / CROSSWALK, PAIRS)
    report = run("esco", folder, rome3_store)
    assert report.counts == {
        "savoir-faire": 1,
        "compétences transverses": 2,
        "savoirs": 1,
        "métiers ESCO": 5,
        "intitulés": 5,
    }
    assert "2 métiers ESCO dont le groupe ISCO ne mène pas à une seule fiche de la base" in report.skipped
    assert "1 intitulés que la fiche avait déjà par une autre source" in report.skipped
    assert "fichiers non utilisés : skillGroups_fr.csv" in report.skipped
    assert titles(rome3_store) == [
        ("H2102", "conducteur d'essai"),
        ("H2102", "conductrice d'essai"),
        ("H2102", "opérateur de machine d'essai/opératrice de machine d'essai"),
        ("H2301", "officier d'essai/officière d'essai"),
        ("N1103", "emballeur/emballeuse"),
    ]
    with transaction(rome3_store) as session:
        skill = session.get(Competence, "esco:00000000-test-0000-0000-000000000002")
        assert skill is not None
        assert (skill.label, skill.kind, skill.source) == ("hygiène, sécurité et essais", "savoir", "esco")
        assert skill.official_codes == [
            "http://data.europa.eu/esco/skill/00000000-test-0000-0000-000000000002"
        ]


def test_the_crosswalk_is_found_beside_the_data(rome3_store: str, tmp_path: Path) -> None:
    folder = fixture_copy("esco", tmp_path)
    write_crosswalk(tmp_path / "crosswalks" / CROSSWALK, PAIRS)
    assert run("esco", folder, rome3_store).counts["intitulés"] == 5


def test_without_a_crosswalk_no_title_is_attached(rome3_store: str) -> None:
    report = run("esco", FIXTURES / "esco", rome3_store)
    assert "intitulés" not in report.counts
    assert any("pas de correspondance officielle ROME ↔ ISCO" in note for note in report.skipped)
    assert titles(rome3_store) == []


def test_reimporting_changes_nothing(rome3_store: str, tmp_path: Path) -> None:
    folder = fixture_copy("esco", tmp_path)
    write_crosswalk(folder / CROSSWALK, PAIRS)
    run("esco", folder, rome3_store)
    before = contents(rome3_store, runs=False)
    run("esco", folder, rome3_store)
    assert contents(rome3_store, runs=False) == before


def test_a_folder_without_skills_leaves_the_imported_skills(rome3_store: str, tmp_path: Path) -> None:
    run("esco", FIXTURES / "esco", rome3_store)
    folder = fixture_copy("esco", tmp_path)
    (folder / "skills_fr.csv").unlink()
    report = run("esco", folder, rome3_store)
    assert "fichier absent : skills_fr.csv (compétences ESCO, laissées telles quelles)" in report.skipped
    with transaction(rome3_store) as session:
        assert len(session.scalars(select(Competence.code).where(Competence.source == "esco")).all()) == 4


def test_an_unknown_skill_type_stops_the_import(rome3_store: str, tmp_path: Path) -> None:
    before = contents(rome3_store)
    folder = fixture_copy("esco", tmp_path)
    path = folder / "skills_fr.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",knowledge,cross-sector,", ",savoir,cross-sector,")
    )
    with pytest.raises(ImportFailure) as failure:
        run("esco", folder, rome3_store)
    assert (failure.value.line, failure.value.field) == (4, "skillType")
    assert contents(rome3_store) == before


def test_a_damaged_crosswalk_stops_the_import(rome3_store: str, tmp_path: Path) -> None:
    folder = fixture_copy("esco", tmp_path)
    write_crosswalk(folder / CROSSWALK, [*PAIRS, ("H2102", "huit")])
    with pytest.raises(ImportFailure) as failure:
        run("esco", folder, rome3_store)
    assert (failure.value.line, failure.value.field) == (8, "Code ISCO08")
    assert failure.value.record == "feuille « ROME to ISCO-08 »"
    data = (folder / CROSSWALK).read_bytes()
    (folder / CROSSWALK).write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFailure, match="classeur illisible"):
        run("esco", folder, rome3_store)


def test_a_folder_without_esco_files_is_refused(store_url: str) -> None:
    with pytest.raises(ImportFailure, match="aucun fichier ESCO"):
        run("esco", FIXTURES / "rncp", store_url)
