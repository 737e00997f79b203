"""Loading the shipped referential into the store: one transaction, skipped when nothing changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from retrieval.referential.files import DATA_DIR, Referential, content_hash, read_referential
from retrieval.store import transaction
from retrieval.store.bulk import upsert
from retrieval.store.models import (
    Bassin,
    Certification,
    CertificationBloc,
    Commune,
    Competence,
    DomainePro,
    FundingScheme,
    GrandDomaine,
    ImportRun,
    JobTitle,
    Occupation,
    OccupationCompetence,
    OccupationSector,
    PostalCode,
    Sector,
)

SOURCE = "passerelles"


@dataclass(frozen=True)
class LoadReport:
    loaded: bool
    counts: dict[str, int]

    def summary(self) -> str:
        if not self.loaded:
            return "Référentiel Passerelles déjà à jour : rien à charger."
        details = ", ".join(f"{name} : {count}" for name, count in self.counts.items())
        return f"Référentiel Passerelles chargé ({details})."


def load_referential(url: str, folder: Path = DATA_DIR, *, force: bool = False) -> LoadReport:
    """Write the shipped referential into the store at ``url``, unless this very version is already there."""
    digest = content_hash(folder)
    with transaction(url) as session:
        last = session.scalar(
            select(ImportRun.content_hash)
            .where(ImportRun.kind == SOURCE)
            .order_by(ImportRun.id.desc())
            .limit(1)
        )
        if last == digest and not force:
            return LoadReport(False, {})
        counts = _write(session, read_referential(folder))
        session.add(ImportRun(kind=SOURCE, path=str(folder), content_hash=digest, counts=counts, skipped=[]))
    return LoadReport(True, counts)


def _write(session: Session, ref: Referential) -> dict[str, int]:
    counts = {
        "grands domaines": upsert(session, GrandDomaine, ref.grands_domaines),
        "domaines": upsert(session, DomainePro, ref.domaines_pro),
        "secteurs": upsert(session, Sector, [s.model_dump() for s in ref.sectors]),
    }
    levels = {o.code: o.level for o in ref.occupations}
    counts["fiches"] = upsert(
        session,
        Occupation,
        [
            {
                "code": row["code"],
                "title": row["title"],
                "domaine_pro": row["domaine_pro"],
                "parent_code": row["code"],
                "level": levels.get(row["code"]),
                "source": SOURCE,
            }
            for row in ref.rome
        ],
    )
    counts["compétences"] = _write_competences(session, ref)
    counts["intitulés"] = _write_titles(session, ref)
    described = [o.code for o in ref.occupations]
    session.execute(delete(OccupationSector).where(OccupationSector.occupation.in_(described)))
    upsert(
        session,
        OccupationSector,
        [{"occupation": o.code, "sector": s} for o in ref.occupations for s in o.sectors],
    )
    counts["liens fiche-compétence"] = upsert(
        session,
        OccupationCompetence,
        [
            {"occupation": o.code, "competence": code, "core": core}
            for o in ref.occupations
            for codes, core in ((o.core, True), (o.secondary, False), (o.context, False))
            for code in codes
        ],
    )
    counts["financements"] = upsert(session, FundingScheme, [f.model_dump() for f in ref.funding])
    counts["certifications"] = _write_certifications(session, ref)
    counts["bassins"] = upsert(
        session, Bassin, [{"code": b.code, "name": b.name, "region": b.region} for b in ref.bassins]
    )
    counts["communes"] = _write_communes(session, ref)
    return counts


def _write_competences(session: Session, ref: Referential) -> int:
    # Our links are rewritten from the files; competences dropped from the files go (with their links).
    ours = select(Competence.code).where(Competence.source == SOURCE)
    session.execute(delete(OccupationCompetence).where(OccupationCompetence.competence.in_(ours)))
    session.execute(
        delete(Competence).where(Competence.source == SOURCE, Competence.code.not_in(ref.competences))
    )
    return upsert(
        session,
        Competence,
        [
            {
                "code": code,
                "label": entry.label,
                "kind": entry.kind,
                "family": family,
                "training_hours": entry.hours,
                "official_codes": [],
                "source": SOURCE,
            }
            for code, (family, entry) in ref.competences.items()
        ],
    )


def _write_titles(session: Session, ref: Referential) -> int:
    """The fiche's official title plus the variants people type; imported appellations are kept."""
    session.execute(delete(JobTitle).where(JobTitle.source == SOURCE))
    kinds = {(row["code"], row["title"]): "official" for row in ref.rome}
    for occupation in ref.occupations:
        for title in occupation.titles:
            kinds.setdefault((occupation.code, title), "variant")
    existing = {
        (row.occupation, row.label) for row in session.execute(select(JobTitle.occupation, JobTitle.label))
    }
    new = [
        JobTitle(occupation=code, label=label, kind=kind, source=SOURCE)
        for (code, label), kind in kinds.items()
        if (code, label) not in existing
    ]
    session.add_all(new)
    return len(new)


def _write_certifications(session: Session, ref: Referential) -> int:
    codes = [c.code for c in ref.certifications]
    session.execute(delete(CertificationBloc).where(CertificationBloc.certification.in_(codes)))
    upsert(
        session,
        Certification,
        [
            {
                "code": c.code,
                "title": c.title,
                "kind": c.kind,
                "level": c.level,
                "duration_hours": c.hours,
                "funding": c.funding,
                "occupations": c.occupations,
                "source": SOURCE,
            }
            for c in ref.certifications
        ],
    )
    upsert(
        session,
        CertificationBloc,
        [
            {
                "code": b.code,
                "certification": c.code,
                "title": b.title,
                "hours": b.hours,
                "competences": b.competences,
            }
            for c in ref.certifications
            for b in c.blocs
        ],
    )
    return len(codes)


def _write_communes(session: Session, ref: Referential) -> int:
    count = upsert(session, Commune, [c.row() for c in ref.communes])
    upsert(
        session,
        PostalCode,
        [{"code": code, "insee": c.insee} for c in ref.communes for code in c.postal_codes],
    )
    return count
