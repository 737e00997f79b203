"""The "fiche passerelle": a printable A4 summary of a guided session, rendered to PDF with WeasyPrint.

The person's profile, the bridges (chosen, else the best ones) with the competences shared and missing,
offers nearby, the training path with its funding, the next steps, the date and the counsellor's name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from retrieval.wishes import CONTRACT_WORDS

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Fiche:
    """What the fiche shows: ``person`` and ``bridges`` as the API answers them (PersonPublic, proposals)."""

    person: dict[str, Any]
    bridges: list[dict[str, Any]]
    #: True when the bridges are those the person chose, False when they are the best proposed.
    chosen: bool
    counsellor: str
    day: dt.date
    #: How people call each funding scheme, by code ("CPF" → "Compte personnel de formation (CPF)").
    funding_names: dict[str, str]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True
    )
    environment.filters["date_fr"] = date_fr
    environment.filters["hours"] = hours
    environment.filters["contract"] = lambda code: CONTRACT_WORDS.get(code, code)
    return environment


def fiche_html(fiche: Fiche) -> str:
    return _environment().get_template("fiche.html").render(fiche=fiche)


def fiche_pdf(fiche: Fiche) -> bytes:
    """The fiche as a PDF document (A4)."""
    from weasyprint import HTML  # loads pango and fonts: only when a fiche is asked for

    pdf: bytes = HTML(string=fiche_html(fiche), base_url=str(TEMPLATES)).write_pdf()
    return pdf


MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def date_fr(day: dt.date | str | None) -> str:
    """« 2 mars 2026 » (ISO strings accepted, as the API's JSON gives them)."""
    if day is None:
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def hours(value: int | None) -> str:
    return "durée non précisée" if not value else f"{value} h"
