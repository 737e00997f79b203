"""Partners' API keys."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Strict


class ApiKeyCreate(Strict):
    partner: str = Field(min_length=1, max_length=200)
    per_minute: int = Field(default=60, ge=1, le=10_000)


class ApiKeyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    partner: str
    prefix: str
    per_minute: int
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class ApiKeyCreated(ApiKeyPublic):
    #: The key itself: shown once, never stored (only its sha256).
    key: str
