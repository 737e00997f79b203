"""Every router of the API, mounted under ``/api/v1`` by ``api.main.create_app`` in this order."""

from __future__ import annotations

from fastapi import APIRouter

from api.routers import accounts, api_keys, auth, health

ROUTERS: list[APIRouter] = [
    health.router,
    auth.router,
    accounts.router,
    api_keys.router,
]
