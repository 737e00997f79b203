"""Guidance requests and answers: occupations, bridges, offers, training paths.

Proposals and offers are answered in the shape of ``retrieval.payloads`` (one shape for the CLI, the
assistant and the API), so they are plain JSON objects here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from api.schemas.common import Strict

RomeCode = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Na-n]\d{4}$")]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
PlaceText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
RadiusKm = Annotated[int, Field(ge=1, le=200)]
Proposal = dict[str, Any]


class OccupationMatch(BaseModel):
    code_rome: str
    title: str
    score: float


class CompetencePublic(BaseModel):
    code: str
    label: str
    kind: str


class OccupationPublic(BaseModel):
    code_rome: str
    title: str
    sectors: list[str]
    core_competences: list[CompetencePublic]


class ProfileQuery(Strict):
    """Who the bridges are for: their jobs, competences (codes, or words describing them), wishes, place."""

    occupations: list[RomeCode] = Field(default=[], max_length=10)
    competences: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    ] = Field(default=[], max_length=100)
    avoid: list[Code] = Field(default=[], max_length=50)
    sectors: list[Code] = Field(default=[], max_length=20)
    place: PlaceText | None = None
    radius_km: RadiusKm = 30
    training_hours: int | None = Field(default=None, ge=0, le=5000)


class ReverseBridge(BaseModel):
    """A job people come from easily to the wanted one: what they share with it, what they lack."""

    code_rome: str
    title: str
    score: float
    shared: list[dict[str, Any]]
    missing: list[dict[str, Any]]
    band: str


class TrainingPathQuery(Strict):
    missing: list[Code] = Field(min_length=1, max_length=50)
    place: PlaceText | None = None
    radius_km: RadiusKm = 50


class TrainingPathPublic(BaseModel):
    steps: list[dict[str, Any]]
    total_hours: int
    uncovered: list[str]
    funding: list[str]
