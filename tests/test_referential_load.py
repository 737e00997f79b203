"""The shipped referential loads into the store in one transaction, once per version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from retrieval.referential.files import ReferentialError
from retrieval.referential.load import load_referential
from retrieval.store import transaction
from retrieval.store.models import Competence, ImportRun, JobTitle, Occupation, OccupationCompetence
from tests.factories import competence, write_referential

COMPETENCES = [competence(f"savoir-faire-{n}") for n in range(14)] + [
    competence("travail-de-nuit", "contexte", 0)
]
LINE_OPERATOR: dict[str, Any] = {
    "code": "H2102",
    "level": 3,
    "sectors": ["agroalimentaire"],
    "titles": ["conducteur de ligne", "conductrice de ligne", "pilote de ligne", "opérateur de ligne", "CDL"],
    "core": [f"savoir-faire-{n}" for n in range(8)],
    "secondary": [f"savoir-faire-{n}" for n in range(8, 12)],
    "context": ["travail-de-nuit"],
}


def count(url: str, entity: type[object]) -> int:
    with transaction(url) as session:
        return int(session.scalar(select(func.count()).select_from(entity)) or 0)


def test_load_writes_fiches_titles_and_links(store_url: str, tmp_path: Path) -> None:
    report = load_referential(store_url, write_referential(tmp_path / "ref", [LINE_OPERATOR], COMPETENCES))
    assert report.loaded
    assert count(store_url, Occupation) == 532
    assert count(store_url, Competence) == 15
    assert count(store_url, OccupationCompetence) == 13
    with transaction(store_url) as session:
        titles = set(session.scalars(select(JobTitle.label).where(JobTitle.occupation == "H2102")))
    assert {"conductrice de ligne", "CDL", "Conduite d'équipement de production alimentaire"} <= titles


def test_loading_the_same_version_twice_does_nothing(store_url: str, tmp_path: Path) -> None:
    folder = write_referential(tmp_path / "ref", [LINE_OPERATOR], COMPETENCES)
    load_referential(store_url, folder)
    again = load_referential(store_url, folder)
    assert not again.loaded
    assert count(store_url, ImportRun) == 1
    forced = load_referential(store_url, folder, force=True)
    assert forced.loaded and count(store_url, JobTitle) == 532 + 5


def test_a_wrong_file_names_the_entry_and_field_and_leaves_the_store_as_it_was(
    store_url: str, tmp_path: Path
) -> None:
    load_referential(store_url, write_referential(tmp_path / "good", [LINE_OPERATOR], COMPETENCES))
    unknown_competence = {**LINE_OPERATOR, "core": ["inconnue", *LINE_OPERATOR["core"]]}
    with pytest.raises(ReferentialError) as raised:
        load_referential(store_url, write_referential(tmp_path / "bad", [unknown_competence], COMPETENCES))
    assert raised.value.entry == "fiche H2102"
    assert raised.value.field_name == "core"
    assert "inconnue" in raised.value.problem
    assert count(store_url, OccupationCompetence) == 13
