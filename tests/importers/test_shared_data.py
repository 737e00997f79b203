"""The importers on the real open data (skipped when ``../shared/data`` is absent)."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from retrieval.store import transaction
from retrieval.store.models import JobTitle, MobilityLink, OccupationCompetence
from tests.importers.helpers import run

pytestmark = pytest.mark.shared_data


def test_rome4(store_url: str, shared_data: Path) -> None:
    report = run("rome4", shared_data / "rome-v4.60", store_url)
    assert report.seconds < 60
    assert report.counts["fiches"] == 1584
    assert report.counts["appellations"] == 13120
    assert report.counts["savoirs"] == 15354
    assert report.counts["savoir-faire"] + report.counts["compétences transverses"] == 18317
    assert report.counts["contextes de travail"] == 179
    assert report.counts["liens fiche-compétence"] == 104219
    assert "fichier absent : unix_rubrique_mobilite_v460_utf8.csv (liens de mobilité)" in report.skipped
    with transaction(store_url) as session:
        assert session.scalar(select(func.count()).select_from(JobTitle)) == report.counts["intitulés"]


def test_rome3_with_its_mobility_links(store_url: str, shared_data: Path) -> None:
    report = run("rome3", shared_data / "rome-v3.47", store_url)
    assert report.counts["fiches"] == 532
    assert report.counts["appellations"] == 10990
    assert report.counts["liens fiche-compétence"] == 32321
    repeated = next(note for note in report.skipped if "lignes de mobilité" in note)
    assert report.counts["liens de mobilité"] + int(repeated.split()[0]) == 4218
    with transaction(store_url) as session:
        assert session.scalar(select(func.count()).select_from(MobilityLink)) == 4008
        assert session.scalar(select(func.count()).select_from(OccupationCompetence)) == 32321


def test_esco_skills_then_occupations_through_the_crosswalk(store_url: str, shared_data: Path) -> None:
    run("rome3", shared_data / "rome-v3.47", store_url)
    skills = run("esco", shared_data / "esco-fr-v1.0", store_url)
    assert (
        sum(skills.counts[kind] for kind in ("savoir-faire", "savoirs", "compétences transverses")) == 13485
    )
    occupations = run("esco", shared_data / "esco-fr-v1.2", store_url)
    assert occupations.counts["métiers ESCO"] == 3043
    assert occupations.counts["intitulés"] > 1000


def test_offers_lheo_and_rncp(store_url: str, shared_data: Path) -> None:
    assert run("offers", shared_data / "offres-france-travail", store_url).counts["offres"] == 1748
    lheo = run("lheo", shared_data / "lheo", store_url)
    assert lheo.counts["sessions de formation"] == 1
    rncp = run("rncp", shared_data / "rncp", store_url)
    assert rncp.counts["certifications"] + int(rncp.skipped[0].split()[0]) == 9  # active + inactive fiches


def test_communes_from_la_poste_then_insee(store_url: str, shared_data: Path) -> None:
    laposte = run("laposte", shared_data / "geo" / "laposte_hexasmal.csv", store_url)
    assert (laposte.counts["communes"], laposte.counts["codes postaux"]) == (35099, 35600)
    insee = run("insee", shared_data / "geo", store_url)
    assert (insee.counts["communes"], insee.counts["bassins d'emploi"]) == (34935, 404)
    offers = run("offers", shared_data / "offres-france-travail", store_url)
    assert offers.counts["offres placées par leur commune"] > 0
