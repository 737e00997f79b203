"""Pseudonymous visitor ids for the widget (its Rasa sender id): random, tied to nobody."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException, status

from api.deps import ClientAddress, RateLimitsDep, SessionDep, SettingsDep
from api.schemas.widget import VisitorCreate, VisitorPublic
from retrieval.store.models import Branch

router = APIRouter(prefix="/visitors", tags=["widget"])


@router.post("", status_code=status.HTTP_201_CREATED)
def new_visitor(
    visitor: VisitorCreate,
    session: SessionDep,
    settings: SettingsDep,
    limits: RateLimitsDep,
    address: ClientAddress,
) -> VisitorPublic:
    limits.check_address(settings.visitor_rate_limit, "visitors", address)
    if session.get(Branch, visitor.branch) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Branche inconnue : « {visitor.branch} ».")
    return VisitorPublic(id=f"v-{uuid.uuid4().hex}")
