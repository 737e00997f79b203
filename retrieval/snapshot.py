"""An in-memory, read-only picture of the referential in the store: what the engine computes on.

Occupations and competences get row numbers; the fiche→competence links become a sparse matrix, so that
comparing one profile with every fiche is a handful of array operations.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix
from sqlalchemy import select

from retrieval.store import transaction
from retrieval.store.models import (
    Competence,
    JobTitle,
    MobilityLink,
    Occupation,
    OccupationCompetence,
    OccupationSector,
)

CORE_WEIGHT = 1.0
SECONDARY_WEIGHT = 0.5


@dataclass(frozen=True)
class OccupationInfo:
    code: str
    title: str
    level: int | None
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class CompetenceInfo:
    code: str
    label: str
    kind: str
    hours: int
    official_codes: tuple[str, ...]


@dataclass
class Snapshot:
    occupations: list[OccupationInfo]
    competences: list[CompetenceInfo]
    #: occupations × competences, CORE_WEIGHT for core links, SECONDARY_WEIGHT for the others.
    links: csr_matrix
    #: (occupation row, label) for every job title people may type.
    titles: list[tuple[int, str]]
    mobility: dict[str, set[str]] = field(default_factory=dict)
    occupation_row: dict[str, int] = field(init=False)
    competence_row: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.occupation_row = {o.code: i for i, o in enumerate(self.occupations)}
        self.competence_row = {c.code: i for i, c in enumerate(self.competences)}

    @classmethod
    def load(cls, url: str) -> Snapshot:
        with transaction(url) as session:
            sectors: dict[str, list[str]] = {}
            for occupation_code, sector in session.execute(
                select(OccupationSector.occupation, OccupationSector.sector)
            ):
                sectors.setdefault(occupation_code, []).append(sector)
            occupations = [
                OccupationInfo(code, title, level, tuple(sorted(sectors.get(code, ()))))
                for code, title, level in session.execute(
                    select(Occupation.code, Occupation.title, Occupation.level).order_by(Occupation.code)
                )
            ]
            competences = [
                CompetenceInfo(code, label, kind, hours, tuple(official))
                for code, label, kind, hours, official in session.execute(
                    select(
                        Competence.code,
                        Competence.label,
                        Competence.kind,
                        Competence.training_hours,
                        Competence.official_codes,
                    ).order_by(Competence.code)
                )
            ]
            link_rows = list(
                session.execute(
                    select(
                        OccupationCompetence.occupation,
                        OccupationCompetence.competence,
                        OccupationCompetence.core,
                    )
                )
            )
            title_rows = list(
                session.execute(
                    select(JobTitle.occupation, JobTitle.label).order_by(JobTitle.occupation, JobTitle.id)
                )
            )
            mobility: dict[str, set[str]] = {}
            for source, target in session.execute(select(MobilityLink.source, MobilityLink.target)):
                mobility.setdefault(source, set()).add(target)
        snapshot = cls(
            occupations, competences, csr_matrix((len(occupations), len(competences))), [], mobility
        )
        o_row, c_row = snapshot.occupation_row, snapshot.competence_row
        snapshot.links = csr_matrix(
            (
                np.array(
                    [CORE_WEIGHT if core else SECONDARY_WEIGHT for _, _, core in link_rows], dtype=np.float32
                ),
                ([o_row[o] for o, _, _ in link_rows], [c_row[c] for _, c, _ in link_rows]),
            ),
            shape=(len(occupations), len(competences)),
        )
        snapshot.titles = [(o_row[code], label) for code, label in title_rows]
        return snapshot

    def described(self) -> np.ndarray:
        """Row numbers of the fiches that have competences: the only ones a bridge can lead to."""
        return np.flatnonzero(np.diff(self.links.indptr) > 0)

    def competences_of(self, occupation: int) -> dict[int, float]:
        start, end = self.links.indptr[occupation], self.links.indptr[occupation + 1]
        return dict(
            zip(self.links.indices[start:end].tolist(), self.links.data[start:end].tolist(), strict=True)
        )

    def fingerprint(self) -> str:
        """Changes whenever anything the engine computes on changes (used to key derived data)."""
        digest = hashlib.sha256()
        for o in self.occupations:
            digest.update(f"{o.code}|{o.title}|{o.level}|{o.sectors}\n".encode())
        for c in self.competences:
            digest.update(f"{c.code}|{c.label}|{c.kind}|{c.hours}|{c.official_codes}\n".encode())
        digest.update(self.links.indices.tobytes() + self.links.indptr.tobytes() + self.links.data.tobytes())
        return digest.hexdigest()
