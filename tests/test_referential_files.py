"""The shipped vocabulary and fiches: every entry valid, codes unique, every reference resolved.

Unlike the loader, which stops at the first error, each check lists every problem it finds, so that the
people writing the YAML files can fix them all in one pass.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

import pytest

from retrieval.referential.files import DATA_DIR, read_csv, read_entries
from retrieval.referential.schema import CompetenceEntry, OccupationEntry, SectorEntry

COMPETENCE_FILES = sorted((DATA_DIR / "competences").glob("*.yaml"))
OCCUPATION_FILES = sorted((DATA_DIR / "occupations").glob("*.yaml"))
# The five fiches of reference.yaml must show the bridges: each pair shares at least this many competences.
SHARED_BY_REFERENCE_PAIRS = 3


class Fiche(NamedTuple):
    path: Path
    occupation: OccupationEntry

    @property
    def where(self) -> str:
        return f"{self.path.name}: fiche {self.occupation.code}"


@pytest.fixture(scope="module")
def competences() -> list[CompetenceEntry]:
    return [entry for path in COMPETENCE_FILES for entry in read_entries(path, CompetenceEntry)]


@pytest.fixture(scope="module")
def kinds(competences: list[CompetenceEntry]) -> dict[str, str]:
    return {entry.code: entry.kind for entry in competences}


@pytest.fixture(scope="module")
def fiches() -> list[Fiche]:
    return [Fiche(path, entry) for path in OCCUPATION_FILES for entry in read_entries(path, OccupationEntry)]


@pytest.mark.parametrize("path", COMPETENCE_FILES, ids=lambda path: path.stem)
def test_every_competence_file_is_a_valid_list(path: Path) -> None:
    assert read_entries(path, CompetenceEntry), f"{path.name} est vide"


@pytest.mark.parametrize("path", OCCUPATION_FILES, ids=lambda path: path.stem)
def test_every_occupation_file_is_a_valid_list(path: Path) -> None:
    assert read_entries(path, OccupationEntry), f"{path.name} est vide"


def test_competence_codes_are_unique_across_files(competences: list[CompetenceEntry]) -> None:
    counts = Counter(entry.code for entry in competences)
    assert [code for code, count in counts.items() if count > 1] == []


def test_competence_labels_are_distinct(competences: list[CompetenceEntry]) -> None:
    counts = Counter(entry.label.casefold() for entry in competences)
    assert [label for label, count in counts.items() if count > 1] == []


def test_only_work_context_items_take_no_training_hours(competences: list[CompetenceEntry]) -> None:
    wrong = [entry.code for entry in competences if (entry.kind == "contexte") != (entry.hours == 0)]
    assert wrong == []


def test_occupations_are_rome_fiches_described_once(fiches: list[Fiche]) -> None:
    rome = {row["code"] for row in read_csv(DATA_DIR / "rome_codes.csv")}
    assert [fiche.where for fiche in fiches if fiche.occupation.code not in rome] == []
    counts = Counter(fiche.occupation.code for fiche in fiches)
    assert [code for code, count in counts.items() if count > 1] == []


def test_occupation_sectors_exist(fiches: list[Fiche]) -> None:
    sectors = {sector.code for sector in read_entries(DATA_DIR / "sectors.yaml", SectorEntry)}
    unknown = [
        f"{fiche.where}: {code}"
        for fiche in fiches
        for code in fiche.occupation.sectors
        if code not in sectors
    ]
    assert unknown == []


def test_occupation_competences_exist_with_the_right_kind(fiches: list[Fiche], kinds: dict[str, str]) -> None:
    problems = []
    for fiche in fiches:
        occupation = fiche.occupation
        for field_name in ("core", "secondary", "context"):
            for code in getattr(occupation, field_name):
                if code not in kinds:
                    problems.append(f"{fiche.where}, {field_name}: {code} inconnue")
                elif (kinds[code] == "contexte") != (field_name == "context"):
                    problems.append(f"{fiche.where}, {field_name}: {code} est de nature {kinds[code]}")
        listed = [*occupation.core, *occupation.secondary, *occupation.context]
        problems += [f"{fiche.where}: {code} en double" for code, n in Counter(listed).items() if n > 1]
    assert problems == []


def test_occupations_have_12_to_30_competences_and_5_titles(fiches: list[Fiche]) -> None:
    problems = []
    for fiche in fiches:
        count, titles = fiche.occupation.competence_count, len(fiche.occupation.titles)
        if not 12 <= count <= 30 or titles < 5:
            problems.append(f"{fiche.where}: {count} compétences, {titles} intitulés")
    assert problems == []


def test_reference_fiches_share_generic_competences(fiches: list[Fiche]) -> None:
    reference = {
        occupation.code: {*occupation.core, *occupation.secondary}
        for path, occupation in fiches
        if path.name == "reference.yaml"
    }
    assert len(reference) == 5
    too_far = [
        f"{a}-{b}: {len(reference[a] & reference[b])}"
        for a, b in combinations(sorted(reference), 2)
        if len(reference[a] & reference[b]) < SHARED_BY_REFERENCE_PAIRS
    ]
    assert too_far == []
