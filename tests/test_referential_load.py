"""The shipped referential loads into the store in one transaction, once per version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from retrieval.referential.files import DATA_DIR, ReferentialError
from retrieval.referential.load import load_referential
from retrieval.store import transaction
from retrieval.store.models import Competence, ImportRun, JobTitle, Occupation, OccupationCompetence

COMPETENCES = [
    {"code": f"savoir-faire-{n}", "label": f"Savoir-faire numéro {n}", "kind": "savoir_faire", "hours": 35}
    for n in range(14)
] + [{"code": "travail-de-nuit", "label": "Travail de nuit régulier", "kind": "contexte", "hours": 0}]
LINE_OPERATOR = {
    "code": "H2102",
    "level": 3,
    "sectors": ["agroalimentaire"],
    "titles": ["conducteur de ligne", "conductrice de ligne", "pilote de ligne", "opérateur de ligne", "CDL"],
    "core": [f"savoir-faire-{n}" for n in range(8)],
    "secondary": [f"savoir-faire-{n}" for n in range(8, 12)],
    "context": ["travail-de-nuit"],
}


def write_referential(folder: Path, occupation: dict[str, object] = LINE_OPERATOR) -> Path:
    folder.mkdir()
    for name in ("rome_codes.csv", "grands_domaines.csv", "domaines_pro.csv"):
        shutil.copy(DATA_DIR / name, folder / name)
    (folder / "sectors.yaml").write_text(
        yaml.safe_dump([{"code": "agroalimentaire", "name": "Agroalimentaire", "opco": "OCAPIAT"}]),
        encoding="utf-8",
    )
    (folder / "competences").mkdir()
    (folder / "competences" / "production.yaml").write_text(yaml.safe_dump(COMPETENCES), encoding="utf-8")
    (folder / "occupations").mkdir()
    (folder / "occupations" / "industrie.yaml").write_text(yaml.safe_dump([occupation]), encoding="utf-8")
    return folder


def count(url: str, entity: type[object]) -> int:
    with transaction(url) as session:
        return int(session.scalar(select(func.count()).select_from(entity)) or 0)


def test_load_writes_fiches_titles_and_links(store_url: str, tmp_path: Path) -> None:
    report = load_referential(store_url, write_referential(tmp_path / "ref"))
    assert report.loaded
    assert count(store_url, Occupation) == 532
    assert count(store_url, Competence) == 15
    assert count(store_url, OccupationCompetence) == 13
    with transaction(store_url) as session:
        titles = set(session.scalars(select(JobTitle.label).where(JobTitle.occupation == "H2102")))
    assert {"conductrice de ligne", "CDL", "Conduite d'équipement de production alimentaire"} <= titles


def test_loading_the_same_version_twice_does_nothing(store_url: str, tmp_path: Path) -> None:
    folder = write_referential(tmp_path / "ref")
    load_referential(store_url, folder)
    again = load_referential(store_url, folder)
    assert not again.loaded
    assert count(store_url, ImportRun) == 1
    forced = load_referential(store_url, folder, force=True)
    assert forced.loaded and count(store_url, JobTitle) == 532 + 5


def test_a_wrong_file_names_the_entry_and_field_and_leaves_the_store_as_it_was(
    store_url: str, tmp_path: Path
) -> None:
    load_referential(store_url, write_referential(tmp_path / "good"))
    unknown_competence = {**LINE_OPERATOR, "core": ["inconnue", *LINE_OPERATOR["core"]]}  # type: ignore[misc]
    bad = write_referential(tmp_path / "bad", unknown_competence)
    with pytest.raises(ReferentialError) as raised:
        load_referential(store_url, bad)
    assert raised.value.entry == "fiche H2102"
    assert raised.value.field_name == "core"
    assert "inconnue" in raised.value.problem
    assert count(store_url, OccupationCompetence) == 13
