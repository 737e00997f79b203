"""Occupations (ROME fiches): found from the words people use, and described."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status

from api.deps import EngineDep, PartnerOrAccount
from api.schemas.common import Page, PageQuery
from api.schemas.guidance import CompetencePublic, OccupationMatch, OccupationPublic

router = APIRouter(prefix="/occupations", tags=["métiers"])

#: Matches looked at for one search: enough for any page a person reads.
MAX_MATCHES = 100


@router.get("")
def search(
    q: Annotated[str, Query(min_length=2, max_length=200, description="Un intitulé de métier, en clair.")],
    engine: EngineDep,
    _caller: PartnerOrAccount,
    page: Annotated[PageQuery, Depends()],
) -> Page[OccupationMatch]:
    matches = engine.search_jobs(q, top=MAX_MATCHES).matches
    return Page(
        items=[OccupationMatch(code_rome=m.code, title=m.title, score=m.score) for m in matches][
            page.offset : page.offset + page.limit
        ],
        total=len(matches),
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/{code}")
def describe(code: str, engine: EngineDep, _caller: PartnerOrAccount) -> OccupationPublic:
    code = code.strip().upper()
    row = engine.snapshot.occupation_row.get(code)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Métier inconnu : « {code} ».")
    fiche = engine.snapshot.occupations[row]
    return OccupationPublic(
        code_rome=fiche.code,
        title=fiche.title,
        sectors=list(fiche.sectors),
        core_competences=[
            CompetencePublic(code=c.code, label=c.label, kind=c.kind) for c in engine.core_competences(code)
        ],
    )
