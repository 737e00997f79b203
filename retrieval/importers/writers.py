"""Writing imported referential rows, replacing only what the importing source wrote before.

Entities other sources own are never deleted nor taken over: a job title or a link another source already
gives is kept as it is, and this import's own rows are replaced as a whole (idempotent re-imports).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from retrieval.importers.common import Job
from retrieval.store.bulk import upsert
from retrieval.store.models import Competence, JobTitle, Occupation, OccupationCompetence

#: Codes per ``IN (…)`` list, well under SQLite's limit on bound parameters.
CHUNK = 5000
KIND_NAMES = {
    "savoir_faire": "savoir-faire",
    "transverse": "compétences transverses",
    "savoir": "savoirs",
    "contexte": "contextes de travail",
}


@dataclass(frozen=True)
class Title:
    occupation: str
    label: str
    #: "official" (the fiche's title) or "appellation".
    kind: str
    code_ogr: str | None = None


@dataclass(frozen=True)
class Link:
    occupation: str
    competence: str
    core: bool


def occupation_codes(job: Job) -> set[str]:
    return set(job.session.scalars(select(Occupation.code)))


def write_titles(job: Job, source: str, titles: Iterable[Title]) -> None:
    """Replace ``source``'s job titles; a label the fiche already has is kept once (the first one given)."""
    session = job.session
    session.execute(delete(JobTitle).where(JobTitle.source == source))
    taken = {(code, label) for code, label in session.execute(select(JobTitle.occupation, JobTitle.label))}
    known = occupation_codes(job)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    elsewhere = repeated = unknown = 0
    for title in titles:
        key = (title.occupation, title.label)
        if title.occupation not in known:
            unknown += 1
        elif key in taken:
            elsewhere += 1
        elif key in rows:
            kept = rows[key]
            # The fiche's title is often also its main appellation: one title, with the appellation's code.
            repeated += not (kept["kind"] == "official" and title.kind == "appellation")
            kept["code_ogr"] = kept["code_ogr"] or title.code_ogr
        else:
            rows[key] = {
                "occupation": title.occupation,
                "label": title.label,
                "kind": title.kind,
                "code_ogr": title.code_ogr,
                "source": source,
            }
    with job.step("Écriture des intitulés"):
        upsert(session, JobTitle, list(rows.values()))
    job.skip_rows(repeated, "intitulés répétés pour une même fiche, gardés une fois")
    job.skip_rows(elsewhere, "intitulés que la fiche avait déjà par une autre source")
    job.skip_rows(unknown, "intitulés d'une fiche absente de la base")
    job.counts["intitulés"] = len(rows)


def write_competences(
    job: Job, source: str, competences: Sequence[dict[str, Any]], links: Sequence[Link]
) -> None:
    """Replace ``source``'s competences and every fiche link to them (a link's owner is its competence's)."""
    session = job.session
    owners = {code: owner for code, owner in session.execute(select(Competence.code, Competence.source))}
    ours = [row for row in competences if owners.get(row["code"], source) == source]
    job.skip_rows(len(competences) - len(ours), "compétences dont le code appartient à une autre source")
    codes = {row["code"] for row in ours}
    stale = [code for code, owner in owners.items() if owner == source and code not in codes]
    own = select(Competence.code).where(Competence.source == source)
    with job.step("Écriture des compétences"):
        session.execute(delete(OccupationCompetence).where(OccupationCompetence.competence.in_(own)))
        for start in range(0, len(stale), CHUNK):
            session.execute(delete(Competence).where(Competence.code.in_(stale[start : start + CHUNK])))
        upsert(session, Competence, ours)
    for kind, name in KIND_NAMES.items():
        if count := sum(1 for row in ours if row["kind"] == kind):
            job.counts[name] = count
    if links:
        _write_links(job, codes, links)


def _write_links(job: Job, codes: set[str], links: Iterable[Link]) -> None:
    known = occupation_codes(job)
    rows: dict[tuple[str, str], bool] = {}
    unknown_fiche = unknown_item = 0
    for link in links:
        if link.occupation not in known:
            unknown_fiche += 1
        elif link.competence not in codes:
            unknown_item += 1
        else:
            key = (link.occupation, link.competence)
            rows[key] = rows.get(key, False) or link.core
    with job.step("Écriture des liens fiche-compétence"):
        upsert(
            job.session,
            OccupationCompetence,
            [{"occupation": o, "competence": c, "core": core} for (o, c), core in rows.items()],
        )
    job.skip_rows(unknown_fiche, "liens fiche-compétence vers une fiche absente de la base")
    job.skip_rows(unknown_item, "liens fiche-compétence vers un élément absent des fichiers importés")
    job.counts["liens fiche-compétence"] = len(rows)
