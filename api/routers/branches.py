"""The branch websites the assistant serves (public): the console offers them for a new guided session."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import select

from api.deps import SessionDep
from api.schemas.branches import BranchSummary
from api.schemas.common import Page, PageQuery, paginate
from retrieval.store.models import Branch

router = APIRouter(prefix="/branches", tags=["widget"])


@router.get("")
def list_branches(session: SessionDep, page: Annotated[PageQuery, Depends()]) -> Page[BranchSummary]:
    """Every branch, by title."""
    query = select(Branch.slug, Branch.title).order_by(Branch.title, Branch.slug)
    return paginate(session, query, page, lambda row: BranchSummary(slug=row.slug, title=row.title))
