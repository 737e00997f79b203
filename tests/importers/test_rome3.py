from pathlib import Path

import pytest
from sqlalchemy import select

from retrieval.importers import ImportFailure
from retrieval.store import transaction
from retrieval.store.models import Competence, JobTitle, MobilityLink, Occupation, OccupationCompetence
from tests.importers.helpers import FIXTURES, contents, fixture_copy, run

ROME3 = FIXTURES / "rome3"


def mobility(url: str) -> list[tuple[str, str, str, str]]:
    with transaction(url) as session:
        links = session.execute(
            select(MobilityLink.source, MobilityLink.target, MobilityLink.kind, MobilityLink.origin)
        )
        return sorted((source, target, kind, origin) for source, target, kind, origin in links)


def core_links(url: str) -> dict[tuple[str, str], bool]:
    with transaction(url) as session:
        links = session.execute(
            select(
                OccupationCompetence.occupation, OccupationCompetence.competence, OccupationCompetence.core
            )
        )
        return {(occupation, competence): core for occupation, competence, core in links}


def test_imports_the_full_lists_of_the_extra_files(store_url: str) -> None:
    report = run("rome3", ROME3, store_url)
    assert report.counts == {
        "grands domaines": 2,
        "domaines": 3,
        "fiches": 3,
        "appellations": 4,
        "intitulés": 7,
        "savoir-faire": 4,
        "savoirs": 2,
        "contextes de travail": 1,
        "liens fiche-compétence": 9,
        "liens de mobilité": 4,
    }
    assert "1 lignes de mobilité qui répètent un lien entre les deux mêmes fiches" in report.skipped
    assert "1 liens de mobilité vers une fiche absente, déjà donnés ou circulaires" in report.skipped
    with transaction(store_url) as session:
        reactor = session.get(
            Occupation, "H2301"
        )  # absent from the unix code list: taken from the extra tree
        assert reactor is not None and (reactor.parent_code, reactor.domaine_pro) == ("H2301", "H23")
        item = session.get(Competence, "rome3:820001")
        assert item is not None
        assert (item.kind, item.official_codes, item.source) == ("savoir_faire", ["ogr:820001"], "rome3")
        official = session.scalar(
            select(JobTitle.label).where(JobTitle.occupation == "H2102", JobTitle.kind == "official")
        )
        assert official == "Conduite de ligne d'essai"
    assert core_links(store_url) == {
        ("H2102", "rome3:820001"): True,  # rubrique "de base" of this fiche
        ("H2102", "rome3:820002"): False,  # specific for this fiche
        ("H2102", "rome3:830001"): True,
        ("H2102", "rome3:840001"): False,  # work environment
        ("H2301", "rome3:820003"): True,  # no per-fiche rubrique: the item's only one, "de base"
        ("H2301", "rome3:830002"): False,
        ("H2301", "rome3:840001"): False,
        ("N1103", "rome3:820004"): False,
        ("N1103", "rome3:830001"): True,
    }
    assert mobility(store_url) == [
        ("H2102", "H2301", "proche", "rome3"),
        ("H2102", "N1103", "evolution", "rome3"),  # restricted to an appellation: kept once, fiche to fiche
        ("H2301", "H2102", "evolution", "rome3"),
        ("N1103", "H2102", "proche", "rome3"),
    ]


def test_reimporting_changes_nothing(store_url: str) -> None:
    first = run("rome3", ROME3, store_url)
    before = contents(store_url, runs=False)
    assert run("rome3", ROME3, store_url).counts == first.counts
    assert contents(store_url, runs=False) == before


def test_without_the_extra_files_the_unix_ones_are_used_and_the_gaps_reported(
    store_url: str, tmp_path: Path
) -> None:
    folder = fixture_copy("rome3", tmp_path)
    for extra in folder.glob("extra_*.csv"):
        extra.unlink()
    report = run("rome3", folder, store_url)
    assert report.counts["fiches"] == 2 and report.counts["savoir-faire"] == 1
    assert report.counts["liens fiche-compétence"] == 1
    assert "2 liens fiche-compétence vers un élément absent des fichiers importés" in report.skipped
    assert any(note.startswith("fichier absent : extra_item") for note in report.skipped)
    assert any(note.startswith("fichier absent : extra_coherence_item") for note in report.skipped)
    assert mobility(store_url) == [
        ("H2102", "N1103", "evolution", "rome3"),
        ("N1103", "H2102", "proche", "rome3"),
    ]


def test_rome3_and_rome4_live_in_one_store(store_url: str) -> None:
    run("rome3", ROME3, store_url)
    run("rome4", FIXTURES / "rome4", store_url)
    before = contents(store_url, runs=False)
    run("rome3", ROME3, store_url)
    run("rome4", FIXTURES / "rome4", store_url)
    assert contents(store_url, runs=False) == before
    with transaction(store_url) as session:
        shared = session.get(Occupation, "H2102")
        assert shared is not None
        assert (shared.title, shared.source) == ("Pilote / Pilote de ligne d'emballage", "rome3")
        sources = session.scalars(select(JobTitle.source).where(JobTitle.occupation == "H2102").distinct())
        assert set(sources) == {"rome3", "rome4"}
    assert len(mobility(store_url)) == 4
    links = core_links(store_url)
    assert ("H2102", "rome3:820001") in links and ("H2102", "ogr:920001") in links


def test_an_unknown_mobility_type_stops_the_import_and_leaves_the_store_as_it_was(
    store_url: str, tmp_path: Path
) -> None:
    run("rome3", ROME3, store_url)
    before = contents(store_url)
    folder = fixture_copy("rome3", tmp_path)
    path = folder / "unix_rubrique_mobilite_v399_utf8.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"2","Evolution"', '"3","Lointaine"', 1), encoding="utf-8"
    )
    with pytest.raises(ImportFailure) as failure:
        run("rome3", folder, store_url)
    assert (failure.value.file.name, failure.value.line, failure.value.field) == (
        path.name,
        4,
        "code_type_mobilite",
    )
    assert contents(store_url) == before
