"""Shapes shared by every resource: paginated lists and their query parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A request body: unknown fields are refused (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class PageQuery:
    limit: Annotated[int, Query(ge=1, le=100, description="Nombre d'éléments par page.")] = 20
    offset: Annotated[int, Query(ge=0, description="Éléments à sauter.")] = 0
