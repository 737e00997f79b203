"""Job offers around a place."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api.deps import EngineDep, PartnerOrAccount
from api.guidance import known_occupations, resolve_place, split_list
from api.schemas.common import Page, PageQuery
from api.schemas.guidance import RadiusKm
from retrieval import payloads

router = APIRouter(prefix="/offers", tags=["offres"])


@router.get("")
def near(
    engine: EngineDep,
    _caller: PartnerOrAccount,
    page: Annotated[PageQuery, Depends()],
    place: Annotated[str, Query(min_length=1, max_length=200, description="Commune, code INSEE ou postal.")],
    radius_km: RadiusKm = 30,
    rome: Annotated[list[str], Query(max_length=20, description="Codes ROME.")] = [],  # noqa: B006
    contract: Annotated[list[str], Query(max_length=10, description="CDI, CDD, MIS…")] = [],  # noqa: B006
) -> Page[dict[str, Any]]:
    """Nearest first."""
    where = resolve_place(engine, place, ("query", "place"))
    assert where is not None
    codes = list(known_occupations(engine, (c.upper() for c in split_list(rome)), ("query", "rome"))) or None
    contracts = [c.upper() for c in split_list(contract)] or None
    if where.position is None:
        return Page(items=[], total=0, limit=page.limit, offset=page.offset)
    total = len(engine.offer_index.near(*where.position, radius_km, rome_codes=codes, contracts=contracts))
    found = engine.offers_near(
        where, radius_km, rome_codes=codes, contracts=contracts, limit=page.offset + page.limit
    )
    return Page(
        items=[payloads.offer(o) for o in found[page.offset :]],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )
