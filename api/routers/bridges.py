"""Bridge jobs: from a job code or a whole profile, and the reverse (where people come from)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status

from api.deps import EngineDep, PartnerOrAccount
from api.guidance import competences_said, known_competences, known_occupations, resolve_place, split_list
from api.schemas.common import Page, PageQuery
from api.schemas.guidance import ProfileQuery, Proposal, RadiusKm, ReverseBridge, RomeCode
from retrieval import payloads
from retrieval.bridges import Profile
from retrieval.engine import Engine
from retrieval.guidance import BRIDGES_COMPUTED, suitable_bridges

router = APIRouter(prefix="/bridges", tags=["passerelles"])


def _page(
    engine: Engine,
    profile: Profile,
    page: PageQuery,
    *,
    place: tuple[str | None, tuple[str, ...]],
    radius_km: int,
    training_hours: int | None,
) -> Page[Proposal]:
    """The bridges the assistant would show this person (same ranking), one page of them.

    ``place`` is the place's text and where the request gave it (named in a 422 if it is unknown).
    """
    near = resolve_place(engine, *place)
    found = suitable_bridges(
        engine,
        profile,
        BRIDGES_COMPUTED,
        near=near,
        radius_km=radius_km,
        changing_sector=bool(profile.sectors),
        training_limit=training_hours,
    )
    return Page(
        items=[payloads.proposal(p) for p in found[page.offset : page.offset + page.limit]],
        total=len(found),
        limit=page.limit,
        offset=page.offset,
    )


@router.get("")
def from_code(
    engine: EngineDep,
    _caller: PartnerOrAccount,
    page: Annotated[PageQuery, Depends()],
    code: Annotated[RomeCode, Query(alias="from", description="Code ROME du métier de départ.")],
    place: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    radius_km: RadiusKm = 30,
    sectors: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006 (FastAPI copies defaults)
    training_hours: Annotated[int | None, Query(ge=0, le=5000)] = None,
) -> Page[Proposal]:
    profile = Profile(
        occupations=known_occupations(engine, [code], ("query", "from")), sectors=tuple(split_list(sectors))
    )
    return _page(
        engine,
        profile,
        page,
        place=(place, ("query", "place")),
        radius_km=radius_km,
        training_hours=training_hours,
    )


@router.post("")
def from_profile(
    query: ProfileQuery, engine: EngineDep, _caller: PartnerOrAccount, page: Annotated[PageQuery, Depends()]
) -> Page[Proposal]:
    occupations = known_occupations(engine, query.occupations, ("body", "occupations"))
    profile = Profile(
        occupations=occupations,
        competences=competences_said(engine, query.competences),
        sectors=tuple(query.sectors),
        avoid=known_competences(engine, query.avoid, ("body", "avoid")),
    )
    if not profile.occupations and not profile.competences:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "Indiquez au moins un métier (code ROME) ou une compétence reconnue.",
        )
    return _page(
        engine,
        profile,
        page,
        place=(query.place, ("body", "place")),
        radius_km=query.radius_km,
        training_hours=query.training_hours,
    )


@router.get("/reverse")
def reverse(
    engine: EngineDep,
    _caller: PartnerOrAccount,
    to: Annotated[RomeCode, Query(description="Code ROME du métier visé.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Page[ReverseBridge]:
    (target,) = known_occupations(engine, [to], ("query", "to"))
    snapshot = engine.snapshot
    items = []
    for source, bridge in engine.bridge_model.reverse(target, top=limit):
        shown = payloads.bridge(bridge)
        items.append(
            ReverseBridge(
                code_rome=source,
                title=snapshot.occupations[snapshot.occupation_row[source]].title,
                score=bridge.score,
                shared=shown["shared"],
                missing=shown["missing"],
                band=bridge.band,
            )
        )
    return Page(items=items, total=len(items), limit=limit, offset=0)
