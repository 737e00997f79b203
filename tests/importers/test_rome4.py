from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from retrieval.importers import ImportFailure
from retrieval.store import transaction
from retrieval.store.models import (
    Competence,
    DomainePro,
    GrandDomaine,
    ImportRun,
    JobTitle,
    MobilityLink,
    Occupation,
    OccupationCompetence,
)
from tests.importers.helpers import FIXTURES, contents, fixture_copy, run

ROME4 = FIXTURES / "rome4"


def test_imports_the_tree_fiches_titles_competences_and_links(store_url: str) -> None:
    report = run("rome4", ROME4, store_url)
    assert report.counts == {
        "grands domaines": 2,
        "domaines": 3,
        "fiches": 3,
        "appellations": 7,
        "intitulés": 6,
        "savoir-faire": 4,
        "compétences transverses": 1,
        "savoirs": 2,
        "contextes de travail": 2,
        "liens fiche-compétence": 11,
    }
    assert "fichier absent : unix_rubrique_mobilite_v401_utf8.csv (liens de mobilité)" in report.skipped
    assert "1 intitulés répétés pour une même fiche, gardés une fois" in report.skipped
    assert "1 liens fiche-compétence vers une fiche absente de la base" in report.skipped
    assert "1 liens fiche-compétence vers un élément absent des fichiers importés" in report.skipped
    assert "fichiers non utilisés : unix_arborescence_secteur_naf_v401_utf8.csv" in report.skipped
    with transaction(store_url) as session:
        mixing = session.get(Occupation, "H2104")
        assert mixing is not None
        assert (mixing.parent_code, mixing.domaine_pro, mixing.source) == ("H2102", "H21", "rome4")
        assert session.scalar(select(DomainePro.title).where(DomainePro.code == "H21")) == "Alimentaire"
        assert (
            session.scalar(select(GrandDomaine.title).where(GrandDomaine.code == "N"))
            == "Transport et Logistique"
        )
        titles = session.execute(
            select(JobTitle.label, JobTitle.kind, JobTitle.code_ogr, JobTitle.source)
            .where(JobTitle.occupation == "H2102")
            .order_by(JobTitle.label)
        ).all()
        assert [tuple(t) for t in titles] == [
            ("Conducteur / Conductrice de conditionnement d'essai", "appellation", "910002", "rome4"),
            ("Pilote / Pilote de ligne d'emballage", "official", "910001", "rome4"),
        ]
        teamwork = session.get(Competence, "ogr:920005")
        assert teamwork is not None
        assert (teamwork.kind, teamwork.family, teamwork.official_codes) == (
            "transverse",
            "Transverse",
            ["ogr:920005"],
        )
        shifts = session.get(Competence, "ogr:940001")
        assert shifts is not None
        assert (shifts.kind, shifts.training_hours, shifts.source) == ("contexte", 0, "rome4")
        core = {
            code: flag
            for code, flag in session.execute(
                select(OccupationCompetence.competence, OccupationCompetence.core).where(
                    OccupationCompetence.occupation == "H2102"
                )
            )
        }
        assert core == {
            "ogr:920001": True,
            "ogr:920002": True,
            "ogr:930001": False,
            "ogr:940001": False,
            "ogr:920005": False,
        }


def test_reimporting_changes_nothing(store_url: str) -> None:
    first = run("rome4", ROME4, store_url)
    before = contents(store_url, runs=False)
    second = run("rome4", ROME4, store_url)
    assert second.counts == first.counts and second.skipped == first.skipped
    assert contents(store_url, runs=False) == before
    with transaction(store_url) as session:
        hashes = session.scalars(select(ImportRun.content_hash).where(ImportRun.kind == "rome4")).all()
    assert len(hashes) == 2 and hashes[0] == hashes[1] and len(hashes[0]) == 64


def test_fiches_of_our_referential_keep_their_owner_level_and_links(store_url: str) -> None:
    with transaction(store_url) as session:
        session.add(GrandDomaine(code="H", title="Industrie"))
        session.flush()
        session.add(DomainePro(code="H21", title="Alimentaire", grand_domaine="H"))
        session.flush()
        session.add(
            Occupation(
                code="H2102", title="Conduite de ligne", domaine_pro="H21", level=3, source="passerelles"
            )
        )
        session.add(
            Competence(
                code="reglage-ligne", label="Régler une ligne", kind="savoir_faire", source="passerelles"
            )
        )
        session.flush()
        session.add(OccupationCompetence(occupation="H2102", competence="reglage-ligne", core=True))
        session.add(
            JobTitle(occupation="H2102", label="Pilote / Pilote de ligne d'emballage", kind="variant")
        )
    run("rome4", ROME4, store_url)
    report = run("rome4", ROME4, store_url)
    assert "2 intitulés que la fiche avait déjà par une autre source" in report.skipped
    with transaction(store_url) as session:
        fiche = session.get(Occupation, "H2102")
        assert fiche is not None
        assert (fiche.title, fiche.level, fiche.source) == (
            "Pilote / Pilote de ligne d'emballage",
            3,
            "passerelles",
        )
        assert session.get(OccupationCompetence, ("H2102", "reglage-ligne")) is not None
        titles = session.execute(
            select(JobTitle.kind, JobTitle.source).where(
                JobTitle.label == "Pilote / Pilote de ligne d'emballage"
            )
        ).all()
        assert [tuple(t) for t in titles] == [("variant", "passerelles")]


@pytest.mark.parametrize(
    ("name", "damage", "line", "field"),
    [
        (
            "unix_coherence_item_v401_utf8.csv",
            lambda text: text[: text.index('"N1103","930002"') + 12],
            11,
            "code_ogr",
        ),
        (
            "unix_coherence_item_v401_utf8.csv",
            lambda text: text.replace('"920003","Principale"', '"920003"'),
            7,
            "coeur_metier",
        ),
        (
            "unix_referentiel_code_rome_v401_utf8.csv",
            lambda text: text.replace('"H2104","90002"', '"H21X4","90002"'),
            3,
            "code_rome",
        ),
        (
            "unix_referentiel_competence_v401_utf8.csv",
            lambda text: text.replace("Savoir-être", "Savoir-vivre"),
            6,
            "cat_comp",
        ),
        (
            "unix_referentiel_savoir_v401_utf8.csv",
            lambda text: text.replace('"libelle_savoir"', '"libelle"'),
            1,
            "libelle_savoir",
        ),
    ],
)
def test_a_damaged_file_stops_the_import_and_leaves_the_store_as_it_was(
    store_url: str, tmp_path: Path, name: str, damage: Callable[[str], str], line: int, field: str
) -> None:
    run("rome4", ROME4, store_url)
    before = contents(store_url)
    folder = fixture_copy("rome4", tmp_path)
    path = folder / name
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        run("rome4", folder, store_url)
    assert (failure.value.file.name, failure.value.line, failure.value.field) == (name, line, field)
    assert name in str(failure.value) and f"ligne {line}" in str(failure.value)
    assert contents(store_url) == before


def test_missing_optional_files_are_reported_and_the_rest_imported(store_url: str, tmp_path: Path) -> None:
    folder = fixture_copy("rome4", tmp_path)
    (folder / "unix_referentiel_savoir_v401_utf8.csv").unlink()
    (folder / "unix_referentiel_appellation_v401_utf8.csv").unlink()
    report = run("rome4", folder, store_url)
    assert "fichier absent : unix_referentiel_savoir_v401_utf8.csv (savoirs)" in report.skipped
    assert "fichier absent : unix_referentiel_appellation_v401_utf8.csv (appellations)" in report.skipped
    assert "4 liens fiche-compétence vers un élément absent des fichiers importés" in report.skipped
    assert report.counts["intitulés"] == 3 and "savoirs" not in report.counts


def test_the_fiche_list_is_required(store_url: str, tmp_path: Path) -> None:
    folder = fixture_copy("rome4", tmp_path)
    (folder / "unix_referentiel_code_rome_v401_utf8.csv").unlink()
    with pytest.raises(ImportFailure, match="obligatoire"):
        run("rome4", folder, store_url)


def test_a_folder_of_another_release_is_refused(store_url: str) -> None:
    with pytest.raises(ImportFailure) as failure:
        run("rome4", FIXTURES / "rome3", store_url)
    assert "ROME 4.0" in failure.value.reason and "399" in failure.value.reason


def test_mobility_links_are_imported_when_the_file_is_there(store_url: str, tmp_path: Path) -> None:
    folder = fixture_copy("rome4", tmp_path)
    (folder / "unix_rubrique_mobilite_v401_utf8.csv").write_text(
        '"code_rome","code_rome_cible","numero_ordre"\n"H2102","H2104","1"\n"H2104","N1103","1"\n',
        encoding="utf-8",
    )
    report = run("rome4", folder, store_url)
    assert report.counts["liens de mobilité"] == 2
    with transaction(store_url) as session:
        links = session.execute(
            select(MobilityLink.source, MobilityLink.target, MobilityLink.kind, MobilityLink.origin)
        )
        assert sorted(tuple(link) for link in links) == [
            ("H2102", "H2104", "mobilite", "rome4"),
            ("H2104", "N1103", "mobilite", "rome4"),
        ]
