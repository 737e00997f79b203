"""Shapes shared by every resource: paginated lists, their query parameters, and how a page is read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar, TypeVarTuple

from fastapi import Path, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session


class Strict(BaseModel):
    """A request body: unknown fields are refused (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


#: The largest row number the store can hold (PostgreSQL's integer): larger ids and offsets are refused
#: with a French 422 instead of overflowing the database driver.
MAX_ROW = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW, description="Identifiant.")]

Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class PageQuery:
    limit: Annotated[int, Query(ge=1, le=100, description="Nombre d'éléments par page.")] = 20
    offset: Annotated[int, Query(ge=0, le=MAX_ROW, description="Éléments à sauter.")] = 0


Columns = TypeVarTuple("Columns")


def paginate(
    session: Session,
    query: Select[*Columns],
    page: PageQuery,
    public: Callable[[Row[*Columns]], Item],
) -> Page[Item]:
    """One page of an ordered query, each row in its public shape, with the number of rows in all."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.execute(query.limit(page.limit).offset(page.offset))
    return Page(items=[public(row) for row in rows], total=total, limit=page.limit, offset=page.offset)
