"""The branch websites the assistant serves (public): the console offers them for a new guided session."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import func, select

from api.deps import SessionDep
from api.schemas.branches import BranchSummary
from api.schemas.common import Page, PageQuery
from retrieval.store.models import Branch

router = APIRouter(prefix="/branches", tags=["widget"])


@router.get("")
def list_branches(session: SessionDep, page: Annotated[PageQuery, Depends()]) -> Page[BranchSummary]:
    """Every branch, by title."""
    rows = session.execute(
        select(Branch.slug, Branch.title)
        .order_by(Branch.title, Branch.slug)
        .limit(page.limit)
        .offset(page.offset)
    )
    return Page(
        items=[BranchSummary(slug=slug, title=title) for slug, title in rows],
        total=session.scalar(select(func.count()).select_from(Branch)) or 0,
        limit=page.limit,
        offset=page.offset,
    )
