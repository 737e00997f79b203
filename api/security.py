"""Secrets: argon2 password hashes, signed access tokens (JWT) and partner API keys (stored as sha256)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cache

import jwt
from pwdlib import PasswordHash

ALGORITHM = "HS256"
#: Partner keys start with this, so that a leaked one is easy to recognise in logs and code.
KEY_PREFIX = "psk_"
#: How many characters of a key are kept in clear to tell keys apart.
SHOWN_PREFIX_LENGTH = 10


@cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    return _hasher().verify(password, password_hash)


@cache
def _unknown_account_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def spend_verification_time(password: str) -> None:
    """Check a password against a throwaway hash: an unknown email takes as long as a wrong password."""
    verify_password(password, _unknown_account_hash())


def create_access_token(account_id: int, secret_key: str, minutes: int) -> str:
    now = dt.datetime.now(dt.UTC)
    claims = {"sub": str(account_id), "iat": now, "exp": now + dt.timedelta(minutes=minutes)}
    return jwt.encode(claims, secret_key, algorithm=ALGORITHM)


def account_id_from_token(token: str, secret_key: str) -> int | None:
    """The account a token was issued to; None when it is forged, expired or malformed."""
    try:
        claims = jwt.decode(token, secret_key, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]})
        return int(claims["sub"])
    except (jwt.InvalidTokenError, ValueError):
        return None


def new_api_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def api_key_hash(key: str) -> str:
    """Keys are long random strings: a plain sha256 suffices (no dictionary to guard against)."""
    return hashlib.sha256(key.encode()).hexdigest()
