"""Partners' API keys, managed by admins: the key is shown once, only its sha256 is kept."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import select

from api.deps import AdminAccount, SessionDep
from api.schemas.api_keys import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from api.schemas.common import Page, PageQuery, RowId, paginate
from api.security import SHOWN_PREFIX_LENGTH, api_key_hash, new_api_key
from retrieval.store.models import ApiKey

router = APIRouter(prefix="/api-keys", tags=["clés d'API"])


@router.post("", status_code=status.HTTP_201_CREATED)
def create(new: ApiKeyCreate, session: SessionDep, _admin: AdminAccount) -> ApiKeyCreated:
    key = new_api_key()
    row = ApiKey(
        partner=new.partner,
        key_hash=api_key_hash(key),
        prefix=key[:SHOWN_PREFIX_LENGTH],
        per_minute=new.per_minute,
    )
    session.add(row)
    session.flush()
    session.refresh(row)
    return ApiKeyCreated(**ApiKeyPublic.model_validate(row).model_dump(), key=key)


@router.get("")
def list_keys(
    session: SessionDep, _admin: AdminAccount, page: Annotated[PageQuery, Depends()]
) -> Page[ApiKeyPublic]:
    return paginate(
        session, select(ApiKey).order_by(ApiKey.id), page, lambda row: ApiKeyPublic.model_validate(row[0])
    )


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke(key_id: RowId, session: SessionDep, _admin: AdminAccount) -> None:
    """Revoked, not deleted: the key's history stays readable."""
    row = session.get(ApiKey, key_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Cette clé d'API n'existe pas.")
    row.revoked_at = row.revoked_at or dt.datetime.now(dt.UTC)
