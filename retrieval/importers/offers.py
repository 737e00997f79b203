"""Job offers from the France Travail "Offres d'emploi v2" API (its JSON answers, saved to files)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from retrieval.importers.common import Job
from retrieval.importers.csvfile import ROME_CODE
from retrieval.importers.errors import ImportFailure
from retrieval.importers.places import locate
from retrieval.store.bulk import upsert
from retrieval.store.models import Offer

SOURCE = "france-travail"


def import_offers(job: Job, path: Path) -> None:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise ImportFailure(path, "aucun fichier .json d'offres dans ce dossier")
    offers: dict[str, dict[str, Any]] = {}
    repeated = uncoded = 0
    for file in files:
        records = _records(job, file)
        for index, raw in enumerate(job.track(records, f"Lecture de {file.name}", total=len(records)), 1):
            row, free_text = _offer(_Record.offer(file, index, raw))
            repeated += row["id"] in offers
            uncoded += free_text
            offers[row["id"]] = row
    job.skip_rows(repeated, "offres présentes dans plusieurs fichiers, gardées une fois")
    job.skip_rows(uncoded, "compétences d'offres en texte libre, sans code OGR")
    owners = {id_: owner for id_, owner in job.session.execute(select(Offer.id, Offer.source))}
    ours = [row for row in offers.values() if owners.get(row["id"], SOURCE) == SOURCE]
    job.skip_rows(len(offers) - len(ours), "offres dont l'identifiant appartient à une autre source")
    filled, unplaced = locate(job.session, ours)
    with job.step("Écriture des offres"):
        upsert(job.session, Offer, ours)
    job.counts["offres"] = len(ours)
    job.counts["offres placées par leur commune"] = filled
    job.skip_rows(unplaced, "offres sans coordonnées ni commune connue (restent sans position)")


def _records(job: Job, file: Path) -> list[Any]:
    try:
        document = json.loads(job.read(file))
    except UnicodeDecodeError as error:
        raise ImportFailure(file, "encodage illisible (UTF-8 attendu)", cause=str(error)) from None
    except json.JSONDecodeError as error:
        raise ImportFailure(
            file, "JSON illisible ou tronqué", line=error.lineno, cause=f"{error.msg}, colonne {error.colno}"
        ) from None
    records = document.get("resultats") if isinstance(document, dict) else document
    if not isinstance(records, list):
        raise ImportFailure(file, "une liste d'offres est attendue (« resultats » ou une liste)")
    return records


class _Record:
    """One offer (or a part of it), read field by field, with errors that say which offer and which field."""

    def __init__(self, file: Path, label: str, raw: Any) -> None:
        self.file, self.label = file, label
        if not isinstance(raw, dict):
            raise ImportFailure(file, "un objet JSON est attendu", record=label)
        self.raw: dict[str, Any] = raw

    @classmethod
    def offer(cls, file: Path, index: int, raw: Any) -> _Record:
        identifier = raw.get("id") if isinstance(raw, dict) else None
        label = f"offre n° {index}" + (f" (id {identifier})" if isinstance(identifier, str) else "")
        return cls(file, label, raw)

    def fail(self, field: str, reason: str) -> ImportFailure:
        return ImportFailure(self.file, reason, field=field, record=self.label)

    def part(self, field: str) -> _Record:
        value = self.raw.get(field) or {}
        if not isinstance(value, dict):
            raise self.fail(field, "un objet est attendu")
        return _Record(self.file, self.label, value)

    def text(self, field: str, *, required: bool = False) -> str:
        value = self.raw.get(field)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(field, "texte manquant" if value in (None, "") else "texte attendu")
        return value.strip()

    def number(self, field: str) -> float | None:
        value = self.raw.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"nombre attendu, trouvé « {value} »")
        return float(value)


def _offer(record: _Record) -> tuple[dict[str, Any], int]:
    """The offer's row, and how many of its competences are free text (no OGR code)."""
    place = record.part("lieuTravail")
    rome = record.text("romeCode")
    if rome and not ROME_CODE.match(rome):
        raise record.fail("romeCode", f"code ROME invalide « {rome} »")
    codes, free_text = _competences(record)
    row = {
        "id": record.text("id", required=True),
        "title": record.text("intitule", required=True),
        "occupation": rome or None,
        "description": record.text("description"),
        "company": record.part("entreprise").text("nom"),
        "contract": record.text("typeContrat"),
        "commune": place.text("commune") or None,
        "place_label": place.text("libelle"),
        "latitude": place.number("latitude"),
        "longitude": place.number("longitude"),
        "competences": [f"ogr:{code}" for code in dict.fromkeys(codes)],
        "published": _date(record, "dateCreation"),
        "demo": False,
        "source": SOURCE,
    }
    return row, free_text


def _competences(record: _Record) -> tuple[list[str], int]:
    """The OGR codes of the offer's competences, and how many had none (the recruiter's own words)."""
    items = record.raw.get("competences") or []
    if not isinstance(items, list):
        raise record.fail("competences", "une liste est attendue")
    codes = [_Record(record.file, record.label, item).text("code") for item in items]
    if not all(code.isdigit() for code in codes if code):
        raise record.fail("competences", "code de compétence (OGR) non numérique")
    return [code for code in codes if code], codes.count("")


def _date(record: _Record, field: str) -> dt.date | None:
    value = record.text(field)
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise record.fail(field, f"date invalide « {value} »") from None
