"""The observatory's answer: groups of ``minimum_group``+ people, counts of ``minimum_cell``+."""

from __future__ import annotations

from pydantic import BaseModel


class JobCount(BaseModel):
    code_rome: str
    title: str
    count: int


class CompetenceCount(BaseModel):
    code: str
    label: str
    count: int


class GroupPublic(BaseModel):
    territory: str
    territory_label: str
    branch: str | None
    people: int
    origins: list[JobCount]
    proposed: list[JobCount]
    chosen: list[JobCount]
    missing: list[CompetenceCount]


class ObservatoryPublic(BaseModel):
    groups: list[GroupPublic]
    #: Groups with too few people to be shown.
    withheld: int
    minimum_group: int
    #: Jobs and competences counted for fewer people are left out of a group's lists.
    minimum_cell: int
