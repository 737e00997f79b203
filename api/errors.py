"""Errors as JSON ``{"detail": <French sentence>}``: validation errors field by field, never a bare 500."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("api")

#: Starlette's own English details (unknown address, wrong method…), said in French.
STATUS_SENTENCES = {
    400: "La requête est mal formée.",
    401: "Connexion requise.",
    403: "Vous n'avez pas les droits nécessaires.",
    404: "Cette adresse n'existe pas.",
    405: "Cette méthode n'est pas acceptée à cette adresse.",
    413: "La requête est trop volumineuse.",
    415: "Ce format de contenu n'est pas accepté.",
    429: "Trop de demandes en peu de temps : merci de réessayer plus tard.",
}


def _sentence(error: Mapping[str, Any]) -> str:
    """One pydantic error as a French sentence (the field is named beside it)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    limits = {
        "greater_than": "La valeur doit être supérieure à {gt}.",
        "greater_than_equal": "La valeur doit être supérieure ou égale à {ge}.",
        "less_than": "La valeur doit être inférieure à {lt}.",
        "less_than_equal": "La valeur doit être inférieure ou égale à {le}.",
        "string_too_short": "Le texte doit compter au moins {min_length} caractère(s).",
        "string_too_long": "Le texte doit compter au plus {max_length} caractère(s).",
        "too_short": "Il faut au moins {min_length} élément(s).",
        "too_long": "Il faut au plus {max_length} élément(s).",
        "literal_error": "Valeur attendue : {expected}.",
        "enum": "Valeur attendue : {expected}.",
    }
    if kind in limits:
        return limits[kind].format(**{key: str(value) for key, value in ctx.items()})
    if kind == "value_error":  # our validators' own French messages
        return str(ctx.get("error", error.get("msg", "")))
    fixed = {
        "missing": "Ce champ est obligatoire.",
        "json_invalid": "Le corps de la requête n'est pas du JSON valide.",
        "model_attributes_type": "Un objet JSON est attendu.",
        "dict_type": "Un objet JSON est attendu.",
        "list_type": "Une liste est attendue.",
        "string_type": "Un texte est attendu.",
        "int_type": "Un nombre entier est attendu.",
        "int_parsing": "Un nombre entier est attendu.",
        "int_from_float": "Un nombre entier est attendu.",
        "float_type": "Un nombre est attendu.",
        "float_parsing": "Un nombre est attendu.",
        "bool_type": "Vrai ou faux est attendu.",
        "bool_parsing": "Vrai ou faux est attendu.",
        "extra_forbidden": "Ce champ n'est pas reconnu.",
        "string_pattern_mismatch": "Le format n'est pas valide.",
        "finite_number": "Un nombre fini est attendu.",
        "url_parsing": "Une adresse web est attendue.",
        "url_scheme": "L'adresse web doit commencer par http:// ou https://.",
    }
    return fixed.get(kind, "Valeur invalide.")


def _field(location: Sequence[Any]) -> str:
    return ".".join(str(part) for part in location)


def field_errors(errors: Sequence[Any]) -> list[dict[str, str]]:
    return [{"field": _field(error.get("loc", ())), "message": _sentence(error)} for error in errors]


async def validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = field_errors(error.errors())
    summary = " ; ".join(f"« {e['field']} » : {e['message']}" for e in errors)
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content=jsonable_encoder(
            {"detail": f"Certaines données ne sont pas valides. {summary}", "errors": errors}
        ),
    )


async def http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    detail = error.detail
    if detail == HTTPStatus(error.status_code).phrase:
        detail = STATUS_SENTENCES.get(error.status_code, detail)
    return JSONResponse({"detail": detail}, status_code=error.status_code, headers=error.headers)


async def store_unavailable(_request: Request, error: Exception) -> JSONResponse:
    logger.error("store unavailable: %s", error)
    return JSONResponse(
        {"detail": "La base de données est momentanément inaccessible : merci de réessayer plus tard."},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
    )


async def overloaded(_request: Request, error: Exception) -> JSONResponse:
    logger.error("no store connection free in time: %s", error)
    return JSONResponse(
        {"detail": "Le service est très sollicité en ce moment : merci de réessayer dans quelques secondes."},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": "5"},
    )


async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
    """A real bug: the operators get the traceback in the log, people a sentence."""
    logger.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return JSONResponse(
        {"detail": "Une erreur inattendue est survenue de notre côté. Merci de réessayer un peu plus tard."},
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(OperationalError, store_unavailable)
    app.add_exception_handler(PoolTimeout, overloaded)
    app.add_exception_handler(Exception, unexpected_error)
