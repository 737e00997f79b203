"""The people a counsellor follows: their stored profile, corrections, guided sessions, notes and what-if."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import BaseModel, Field, field_validator, model_validator

from api.schemas.common import Strict

#: A competence or certification code as the referential writes it.
Code = Field(min_length=1, max_length=200)
CODES_AT_MOST = 200


class PersonCreate(Strict):
    #: The branch (partner website) the session is for, e.g. "plasturgie".
    branch: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    #: The person agreed that their answers be kept: asked by the counsellor before the session.
    consent: bool

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, consent: bool) -> bool:
        if not consent:
            raise ValueError(
                "La personne doit accepter que ses réponses soient gardées avant la séance guidée."
            )
        return consent


class PersonCreated(BaseModel):
    ref: str


class PersonSummary(BaseModel):
    ref: str
    branch: str | None
    occupation_label: str | None
    commune: str | None
    updated_at: dt.datetime
    sessions: int


class Labelled(BaseModel):
    code: str
    label: str


class PersonPublic(BaseModel):
    """The stored profile with the referential's words for its codes."""

    ref: str
    branch: str | None
    occupation_code: str | None
    #: The words the person used for their job.
    occupation_label: str | None
    #: The ROME fiche's official title.
    occupation_title: str | None
    years: float | None
    competences: list[Labelled]
    sectors: list[str]
    avoid: list[Labelled]
    commune_insee: str | None
    commune_label: str | None
    bassin: str | None
    radius_km: int | None
    training_hours: int | None
    ratings: dict[str, str]
    parcours: str | None
    consent_at: dt.datetime | None
    updated_at: dt.datetime


class ProfileUpdate(Strict):
    """A counsellor's corrections: only the fields given change (``null`` clears the optional ones)."""

    occupation_code: str | None = Field(default=None, pattern=r"^[A-N][0-9]{4}$")
    competences: list[str] | None = Field(default=None, max_length=CODES_AT_MOST)
    sectors: list[str] | None = Field(default=None, max_length=40)
    avoid: list[str] | None = Field(default=None, max_length=CODES_AT_MOST)
    commune_insee: str | None = Field(default=None, pattern=r"^[0-9][0-9AB][0-9]{3}$")
    #: A commune name, postal code or INSEE code, as people type it.
    place: str | None = Field(default=None, min_length=1, max_length=200)
    radius_km: int | None = Field(default=None, ge=1, le=300)
    training_hours: int | None = Field(default=None, ge=0, le=5000)

    @model_validator(mode="after")
    def _one_place(self) -> Self:
        if {"commune_insee", "place"} <= self.model_fields_set:
            raise ValueError("Donnez soit « commune_insee », soit « place », pas les deux.")
        for name in ("competences", "sectors", "avoid"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"« {name} » doit être une liste (vide pour tout retirer).")
        return self


class MessageIn(Strict):
    text: str = Field(min_length=1, max_length=2000)


class BotMessages(BaseModel):
    """Rasa's answers as its REST channel gives them (text, buttons, custom payloads)."""

    messages: list[dict[str, Any]]


class GuidedSessionPublic(BaseModel):
    id: int
    ref: str
    counsellor: str
    started_at: dt.datetime


class NoteCreate(Strict):
    text: str = Field(min_length=1, max_length=5000)


class NotePublic(BaseModel):
    id: int
    text: str
    author: str
    created_at: dt.datetime


class WhatIfQuery(Strict):
    add_competences: list[str] = Field(default_factory=list, max_length=CODES_AT_MOST)
    remove_competences: list[str] = Field(default_factory=list, max_length=CODES_AT_MOST)
    add_certifications: list[str] = Field(default_factory=list, max_length=20)
    radius_km: int | None = Field(default=None, ge=1, le=300)


class Proposals(BaseModel):
    """Bridges in the shape of ``retrieval.payloads.proposal``."""

    items: list[dict[str, Any]]
