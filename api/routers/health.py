"""Liveness and readiness, for load balancers and ``passerelles api serve``."""

from __future__ import annotations

from fastapi import APIRouter, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from api.deps import SettingsDep
from api.loader import EngineLoader, store_is_current

router = APIRouter(tags=["santé"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready", responses={503: {"description": "Pas encore prêt"}})
def ready(request: Request, settings: SettingsDep) -> JSONResponse:
    loader: EngineLoader = request.app.state.engine_loader
    try:
        migrated = store_is_current(settings.store_url)
    except SQLAlchemyError:
        migrated = False
    if not migrated:
        detail = "La base de données n'est pas prête : lancez « passerelles setup »."
    elif loader.failure:
        detail = "Le moteur de recherche n'a pas pu être chargé : voir le journal du serveur."
    elif loader.engine is None:
        detail = "Le moteur de recherche est en cours de chargement : merci de patienter."
    else:
        return JSONResponse({"status": "ready"})
    return JSONResponse({"detail": detail}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE)
