"""Creating console accounts: one function for the API and the command line."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.schemas.accounts import AccountCreate
from api.security import hash_password
from retrieval.store.models import Account


class AccountExists(ValueError):
    pass


def create_account(session: Session, new: AccountCreate) -> Account:
    if session.scalars(select(Account.id).where(Account.email == new.email)).first() is not None:
        raise AccountExists(f"Un compte existe déjà pour {new.email}.")
    account = Account(
        email=new.email,
        full_name=new.full_name,
        password_hash=hash_password(new.password),
        role=new.role,
        active=True,
    )
    session.add(account)
    session.flush()
    return account
