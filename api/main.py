"""The FastAPI application: ``create_app(settings)`` for tests and tools, ``app`` for uvicorn."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.cors import BranchCORSMiddleware, OriginAllowList
from api.deps import API_PREFIX
from api.errors import install_error_handlers
from api.loader import EngineLoader
from api.ratelimit import RateLimits
from api.routers import ROUTERS
from api.web import mount_static
from retrieval.engine import Engine
from retrieval.settings import Settings, get_settings

logger = logging.getLogger("api")


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The API on these settings' store; the engine is loaded in the background unless one is given."""
    settings = settings or get_settings()
    loader = EngineLoader(settings.store_url, engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        loader.start()
        yield

    app = FastAPI(
        title="Passerelles",
        description="Passerelles métiers, offres d'emploi et formations ; console des conseillers.",
        version="1.0.0",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine_loader = loader
    app.state.rate_limits = RateLimits(settings.rate_limit_storage_url)
    app.state.origins = OriginAllowList(settings.store_url, settings.api_cors_origins)
    app.add_middleware(BranchCORSMiddleware, allow_list=app.state.origins)
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    mount_static(app)
    return app


#: For uvicorn (``api.main:app``); building it loads nothing: the engine loads when the server starts.
app = create_app()
