"""Console accounts and their sign-in."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from api.schemas.common import Strict

Role = Literal["counsellor", "admin"]
#: Long enough to resist guessing, short enough to be remembered.
MIN_PASSWORD_LENGTH = 10


def normalized_email(value: str) -> str:
    """A plausible address (one @, a dot in the domain), lower-cased: the sign-in name."""
    local, _, domain = value.strip().lower().partition("@")
    if not local or "." not in domain.strip(".") or "@" in domain or " " in value.strip():
        raise ValueError("Adresse e-mail invalide (exemple : prenom.nom@organisme.fr).")
    return f"{local}@{domain}"


class AccountCreate(Strict):
    email: str = Field(max_length=320)
    full_name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=200)
    role: Role = "counsellor"

    @field_validator("email")
    @classmethod
    def _plausible_email(cls, value: str) -> str:
        return normalized_email(value)


class AccountUpdate(Strict):
    full_name: str | None = Field(default=None, min_length=1, max_length=200)
    password: str | None = Field(default=None, min_length=MIN_PASSWORD_LENGTH, max_length=200)
    role: Role | None = None
    active: bool | None = None

    @model_validator(mode="after")
    def _no_empty_change(self) -> Self:
        for name in self.model_fields_set:
            if getattr(self, name) is None:
                raise ValueError(f"« {name} » ne peut pas être vide (omettez-le pour ne pas le changer).")
        return self


class AccountPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    full_name: str
    role: Role
    active: bool
    created_at: dt.datetime


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
