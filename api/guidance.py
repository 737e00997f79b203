"""What several guidance routes need from the engine: places and codes read from requests, or a 422."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi.exceptions import RequestValidationError

from retrieval.engine import Engine
from retrieval.geo import Place


def invalid(location: tuple[str, ...], message: str) -> RequestValidationError:
    """A 422 in the same shape as pydantic's, for what only the engine can check."""
    return RequestValidationError(
        [{"type": "value_error", "loc": location, "msg": message, "ctx": {"error": message}}]
    )


def resolve_place(engine: Engine, text: str | None, location: tuple[str, ...]) -> Place | None:
    """The commune meant by a name, an INSEE code or a postal code (the likeliest when several fit)."""
    if text is None:
        return None
    place = engine.place(text)
    if place is None:
        raise invalid(location, f"Lieu introuvable : « {text} »")
    return place


def known_occupations(engine: Engine, codes: Iterable[str], location: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(codes))
    unknown = [code for code in codes if code not in engine.snapshot.occupation_row]
    if unknown:
        raise invalid(location, f"Code ROME inconnu : « {', '.join(unknown)} »")
    return codes


def known_competences(engine: Engine, codes: Iterable[str], location: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(codes))
    unknown = [code for code in codes if code not in engine.snapshot.competence_row]
    if unknown:
        raise invalid(location, f"Compétence inconnue : « {', '.join(unknown)} »")
    return codes


def competences_said(engine: Engine, items: Iterable[str]) -> tuple[str, ...]:
    """Competence codes as given, and those found in the words of any item that is not a code."""
    codes: list[str] = []
    for item in items:
        if item in engine.snapshot.competence_row:
            codes.append(item)
        else:
            codes.extend(candidate.code for candidate in engine.extract_skills(item))
    return tuple(dict.fromkeys(codes))


def split_list(values: Iterable[str]) -> list[str]:
    """Query lists given repeated (``?a=x&a=y``) or comma-separated (``?a=x,y``)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
