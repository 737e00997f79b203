"""Communes: saving them from several sources, and placing records that name their commune but no position."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from retrieval.importers.csvfile import CsvRow
from retrieval.store.bulk import upsert
from retrieval.store.models import Commune

INSEE_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


def locate(session: Session, rows: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """Fill ``latitude``/``longitude`` from ``commune`` where missing: (filled, still unplaced)."""
    unplaced = [row for row in rows if row["latitude"] is None or row["longitude"] is None]
    wanted = {row["commune"] for row in unplaced if row["commune"]}
    positions = {
        insee: (lat, lon)
        for insee, lat, lon in session.execute(
            select(Commune.insee, Commune.latitude, Commune.longitude).where(
                Commune.latitude.is_not(None), Commune.longitude.is_not(None)
            )
        )
        if insee in wanted
    }
    filled = 0
    for row in unplaced:
        if row["commune"] in positions:
            row["latitude"], row["longitude"] = positions[row["commune"]]
            filled += 1
    return filled, len(unplaced) - filled


def insee_code(row: CsvRow, column: str) -> str:
    code = row.required(column)
    if not INSEE_CODE.match(code):
        raise row.fail(column, f"code commune INSEE invalide « {code} »")
    return code


def departement(insee: str) -> str:
    """The département a commune code belongs to (three characters overseas: 971…, 975…, 98x)."""
    return insee[:3] if insee.startswith(("97", "98")) else insee[:2]


def save_communes(
    session: Session, rows: Sequence[dict[str, Any]], *, authoritative: Collection[str]
) -> None:
    """Insert new communes; for those already there, this source's ``authoritative`` columns win when it
    gives a value, and its other columns only fill what is empty (names, positions other sources set stay).
    """
    existing = {
        commune["insee"]: commune
        for commune in session.execute(
            select(
                Commune.insee,
                Commune.name,
                Commune.departement,
                Commune.latitude,
                Commune.longitude,
                Commune.bassin,
            )
        ).mappings()
    }
    merged = []
    for row in rows:
        old = existing.get(row["insee"])
        if old is None:
            merged.append(row)
            continue
        keep = {
            column
            for column, value in row.items()
            if not (column in authoritative and value is not None) and old[column] not in (None, "")
        }
        merged.append({column: old[column] if column in keep else value for column, value in row.items()})
    upsert(session, Commune, merged)
