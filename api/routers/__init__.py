"""Every router of the API, mounted under ``/api/v1`` by ``api.main.create_app`` in this order."""

from __future__ import annotations

from fastapi import APIRouter

from api.routers import (
    accounts,
    api_keys,
    auth,
    branches,
    bridges,
    health,
    observatory,
    occupations,
    offers,
    people,
    trainings,
    visitors,
    widget,
)

ROUTERS: list[APIRouter] = [
    health.router,
    auth.router,
    accounts.router,
    api_keys.router,
    occupations.router,
    bridges.router,
    offers.router,
    trainings.router,
    widget.router,
    visitors.router,
    people.router,
    observatory.router,
    branches.router,
]
