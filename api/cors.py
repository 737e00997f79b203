"""CORS: the configured origins plus every branch's website, read from the store."""

from __future__ import annotations

import time
from collections.abc import Iterable

from sqlalchemy import select
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

from retrieval.store import transaction
from retrieval.store.models import Branch

#: Other workers' branch changes are seen after at most this many seconds.
REFRESH_SECONDS = 60.0


def branch_origins(url: str) -> frozenset[str]:
    """Every branch's website origins, as the store holds them."""
    with transaction(url) as session:
        lists = session.scalars(select(Branch.origins))
        return frozenset(origin.rstrip("/") for origins in lists for origin in origins)


class OriginAllowList:
    """The origins allowed to call the API from a browser; reloaded when a branch changes, or when stale."""

    def __init__(self, url: str, fixed: Iterable[str]) -> None:
        self.url = url
        self.fixed = frozenset(origin.rstrip("/") for origin in fixed)
        self.branches: frozenset[str] = frozenset()
        self.loaded_at: float | None = None

    def refresh(self) -> None:
        self.branches = branch_origins(self.url)
        self.loaded_at = time.monotonic()

    def allows(self, origin: str) -> bool:
        if self.loaded_at is None or time.monotonic() - self.loaded_at > REFRESH_SECONDS:
            self.refresh()
        return origin in self.fixed or origin in self.branches


class BranchCORSMiddleware(CORSMiddleware):
    def __init__(self, app: ASGIApp, allow_list: OriginAllowList) -> None:
        super().__init__(
            app,
            allow_methods=("GET", "POST", "PUT", "PATCH", "DELETE"),
            allow_headers=("Authorization", "Content-Type", "X-API-Key"),
            max_age=600,
        )
        self.allow_list = allow_list

    def is_allowed_origin(self, origin: str) -> bool:
        return self.allow_list.allows(origin)
