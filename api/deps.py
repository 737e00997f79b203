"""What routes depend on, as typed aliases: settings, a store session, the engine, who is calling."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.loader import EngineLoader
from api.ratelimit import RateLimits
from api.security import account_id_from_token, api_key_hash
from retrieval.engine import Engine
from retrieval.settings import Settings
from retrieval.store import transaction
from retrieval.store.models import Account, ApiKey

API_PREFIX = "/api/v1"

bearer = OAuth2PasswordBearer(tokenUrl=f"{API_PREFIX}/auth/token", auto_error=False)
partner_key = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_session(settings: SettingsDep) -> Iterator[Session]:
    """One transaction per request, committed before the answer is sent (rolled back on any error)."""
    with transaction(settings.store_url) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_engine(request: Request) -> Engine:
    loader: EngineLoader = request.app.state.engine_loader
    if loader.engine is None:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "Le service démarre : merci de réessayer dans une minute.",
            headers={"Retry-After": "30"},
        )
    return loader.engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def get_rate_limits(request: Request) -> RateLimits:
    limits: RateLimits = request.app.state.rate_limits
    return limits


RateLimitsDep = Annotated[RateLimits, Depends(get_rate_limits)]


def client_address(request: Request) -> str:
    """The caller's address (behind a proxy, uvicorn's --proxy-headers puts the real one here)."""
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


def _account(session: Session, settings: Settings, token: str) -> Account:
    account_id = account_id_from_token(token, settings.secret_key)
    account = session.get(Account, account_id) if account_id is not None else None
    if account is None:
        raise _unauthorized("Votre session n'est pas valide ou a expiré : merci de vous reconnecter.")
    if not account.active:
        raise _unauthorized("Ce compte est désactivé.")
    return account


# Who calls is checked in a short transaction of its own: a session held for the whole request would pin
# a connection while the engine needs another one.


def current_account(settings: SettingsDep, token: Annotated[str | None, Depends(bearer)]) -> Account:
    if token is None:
        raise _unauthorized("Connexion requise.")
    with transaction(settings.store_url) as session:
        return _account(session, settings, token)


CurrentAccount = Annotated[Account, Depends(current_account)]


def admin_account(account: CurrentAccount) -> Account:
    if account.role != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Cette action est réservée aux administrateurs.")
    return account


AdminAccount = Annotated[Account, Depends(admin_account)]


def partner_or_account(
    settings: SettingsDep,
    limits: RateLimitsDep,
    key: Annotated[str | None, Depends(partner_key)],
    token: Annotated[str | None, Depends(bearer)],
) -> Account | ApiKey:
    """A partner's valid key (counted against its rate limit), or else a signed-in account."""
    if key is None:
        if token is None:
            raise _unauthorized("Une clé d'API (en-tête X-API-Key) ou une connexion est requise.")
        return current_account(settings, token)
    with transaction(settings.store_url) as session:
        found = session.scalars(
            select(ApiKey).where(ApiKey.key_hash == api_key_hash(key), ApiKey.revoked_at.is_(None))
        ).one_or_none()
    if found is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Clé d'API inconnue ou révoquée.")
    limits.check_api_key(found.id, found.per_minute)
    return found


PartnerOrAccount = Annotated[Account | ApiKey, Depends(partner_or_account)]
