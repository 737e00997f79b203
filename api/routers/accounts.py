"""Console accounts, managed by admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import select

from api.accounts import AccountExists, create_account
from api.deps import AdminAccount, SessionDep
from api.schemas.accounts import AccountCreate, AccountPublic, AccountUpdate
from api.schemas.common import Page, PageQuery, RowId, paginate
from api.security import hash_password
from retrieval.store.models import Account

router = APIRouter(prefix="/accounts", tags=["comptes"])


@router.post("", status_code=status.HTTP_201_CREATED)
def create(new: AccountCreate, session: SessionDep, _admin: AdminAccount) -> AccountPublic:
    try:
        return AccountPublic.model_validate(create_account(session, new))
    except AccountExists as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error


@router.get("")
def list_accounts(
    session: SessionDep, _admin: AdminAccount, page: Annotated[PageQuery, Depends()]
) -> Page[AccountPublic]:
    return paginate(
        session, select(Account).order_by(Account.id), page, lambda row: AccountPublic.model_validate(row[0])
    )


@router.patch("/{account_id}")
def update(
    account_id: RowId, changes: AccountUpdate, session: SessionDep, admin: AdminAccount
) -> AccountPublic:
    account = session.get(Account, account_id)
    if account is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Ce compte n'existe pas.")
    if account.id == admin.id and (changes.active is False or changes.role == "counsellor"):
        raise HTTPException(
            status.HTTP_409_CONFLICT, "Vous ne pouvez pas retirer vos propres droits d'administration."
        )
    for name, value in changes.model_dump(exclude_unset=True, exclude={"password"}).items():
        setattr(account, name, value)
    if changes.password is not None:
        account.password_hash = hash_password(changes.password)
    return AccountPublic.model_validate(account)
