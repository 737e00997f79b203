"""Sign-in of console accounts (OAuth2 password flow) and who is signed in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select

from api.deps import ClientAddress, CurrentAccount, RateLimitsDep, SessionDep, SettingsDep
from api.schemas.accounts import AccountPublic, Token
from api.security import create_access_token, spend_verification_time, verify_password
from retrieval.store.models import Account

router = APIRouter(prefix="/auth", tags=["connexion"])


@router.post("/token")
def sign_in(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
    limits: RateLimitsDep,
    address: ClientAddress,
) -> Token:
    limits.check_address(settings.login_rate_limit, "sign-in", address)
    email = form.username.strip().lower()
    account = session.scalars(select(Account).where(Account.email == email)).one_or_none()
    if account is None:
        spend_verification_time(form.password)
    if account is None or not verify_password(form.password, account.password_hash) or not account.active:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Adresse e-mail ou mot de passe incorrect.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Token(
        access_token=create_access_token(account.id, settings.secret_key, settings.access_token_minutes)
    )


@router.get("/me")
def me(account: CurrentAccount) -> AccountPublic:
    return AccountPublic.model_validate(account)
