"""Training paths: the blocs of certifications that teach the competences someone lacks, near them."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import EngineDep, PartnerOrAccount
from api.guidance import known_competences, resolve_place
from api.schemas.guidance import TrainingPathPublic, TrainingPathQuery
from retrieval import payloads

router = APIRouter(prefix="/trainings", tags=["formations"])


@router.post("/paths")
def training_path(
    query: TrainingPathQuery, engine: EngineDep, _caller: PartnerOrAccount
) -> TrainingPathPublic:
    missing = known_competences(engine, query.missing, ("body", "missing"))
    near = resolve_place(engine, query.place, ("body", "place"))
    path = engine.training_catalogue.path(
        missing, near=near.position if near else None, radius_km=query.radius_km
    )
    return TrainingPathPublic(
        steps=payloads.training_path(path),
        total_hours=path.total_hours,
        uncovered=path.uncovered,
        funding=path.funding,
    )
