"""The shape of the referential's reviewable files (``data/``), validated on load.

Layout of ``data/``:
- ``grands_domaines.csv``, ``domaines_pro.csv``, ``rome_codes.csv``: the ROME tree (codes and official names).
- ``sectors.yaml``: the branches and sectors.
- ``competences/<family>.yaml``: the shared competence vocabulary, one file per family.
- ``occupations/<group>.yaml``: the fiches covered in depth, with job-title variants and competences.
- ``certifications.yaml``, ``funding.yaml``: certifications with their blocs, and funding schemes.
- ``bassins.csv``, ``communes.csv``: the demonstration territories and every préfecture.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

CODE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ROME_PATTERN = r"^[A-N][0-9]{4}$"

CompetenceKind = Literal["savoir_faire", "transverse", "savoir", "contexte"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SectorEntry(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=2)
    opco: str = ""


class CompetenceEntry(Strict):
    """One item of the shared vocabulary; its family is the file it stands in."""

    code: str = Field(pattern=CODE_PATTERN, max_length=80)
    label: str = Field(min_length=8, max_length=200)
    kind: CompetenceKind
    #: Typical training hours to acquire it from scratch (0 for work-context items).
    hours: int = Field(ge=0, le=1200)


class OccupationEntry(Strict):
    """A fiche covered in depth: its sectors, the titles people type, its competences."""

    code: str = Field(pattern=ROME_PATTERN)
    level: int = Field(ge=3, le=8)
    sectors: list[str] = Field(min_length=1)
    titles: list[str] = Field(min_length=5)
    core: list[str] = Field(min_length=6)
    secondary: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)

    @field_validator("titles")
    @classmethod
    def titles_are_distinct(cls, titles: list[str]) -> list[str]:
        folded = [t.strip().lower() for t in titles]
        if len(set(folded)) != len(folded):
            raise ValueError("titre en double")
        return titles

    @property
    def competence_count(self) -> int:
        return len(self.core) + len(self.secondary)


class BlocEntry(Strict):
    code: str = Field(pattern=r"^[A-Za-z0-9-]+$")
    title: str = Field(min_length=5)
    hours: int = Field(gt=0, le=2000)
    competences: list[str] = Field(min_length=1)


class CertificationEntry(Strict):
    code: str = Field(pattern=r"^[A-Za-z0-9-]+$")
    title: str = Field(min_length=5)
    kind: Literal["RNCP", "RS", "CQP", "CQPI", "CACES", "TP", "autre"]
    level: int | None = Field(default=None, ge=3, le=8)
    hours: int = Field(gt=0, le=3000)
    funding: list[str] = Field(default_factory=list)
    occupations: list[str] = Field(default_factory=list)
    blocs: list[BlocEntry] = Field(min_length=1)

    @field_validator("occupations")
    @classmethod
    def rome_codes(cls, codes: list[str]) -> list[str]:
        bad = [c for c in codes if not re.fullmatch(ROME_PATTERN, c)]
        if bad:
            raise ValueError(f"codes ROME invalides : {', '.join(bad)}")
        return codes


class FundingEntry(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=2)
    description: str = Field(min_length=10)
    url: str = ""
