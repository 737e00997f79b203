"""France Compétences RNCP / RS export (``export_fiches_CSV_*.csv``): certifications, blocs, ROME links.

Inactive fiches are left out: one can no longer prepare them, so they must not be proposed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from retrieval.importers.common import Job
from retrieval.importers.csvfile import CsvRow
from retrieval.importers.errors import ImportFailure
from retrieval.store.bulk import upsert
from retrieval.store.models import Certification, CertificationBloc

SOURCE = "rncp"
NUMBER = re.compile(r"^(RNCP|RS)[0-9]+$")
LEVEL = re.compile(r"^NIV([1-8])$")
#: Short labels that name a kind of certification of our own list; the others are plain RNCP / RS.
KINDS_BY_LABEL = {"TP": "TP", "CQP": "CQP", "CQPI": "CQPI"}
FILES = {
    "standard": "export_fiches_CSV_Standard_*.csv",
    "blocs": "export_fiches_CSV_Blocs_De_Comp*.csv",
    "rome": "export_fiches_CSV_Rome_*.csv",
}
DELIMITER = ";"


def import_rncp(job: Job, folder: Path) -> None:
    if not folder.is_dir():
        raise ImportFailure(folder, "un dossier est attendu (l'export CSV de France Compétences)")
    found = {part: sorted(folder.glob(pattern)) for part, pattern in FILES.items()}
    if not found["standard"]:
        raise ImportFailure(folder, f"fichier obligatoire absent : {FILES['standard']}")
    occupations = _occupations(job, found["rome"][-1]) if found["rome"] else {}
    if not found["rome"]:
        job.skipped.append(f"fichier absent : {FILES['rome']} (métiers visés)")
    certifications, inactive = _certifications(job, found["standard"][-1], occupations)
    job.skip_rows(inactive, "fiches inactives (plus préparables)")
    owners = {
        code: owner for code, owner in job.session.execute(select(Certification.code, Certification.source))
    }
    ours = {code: row for code, row in certifications.items() if owners.get(code, SOURCE) == SOURCE}
    job.skip_rows(len(certifications) - len(ours), "certifications déjà décrites par une autre source")
    upsert(job.session, Certification, list(ours.values()))
    job.counts["certifications"] = len(ours)
    if found["blocs"]:
        _blocs(job, found["blocs"][-1], set(ours))
    else:
        job.skipped.append(f"fichier absent : {FILES['blocs']} (blocs de compétences)")
    used = {paths[-1].name for paths in found.values() if paths}
    unused = sorted(path.name for path in folder.glob("*.csv") if path.name not in used)
    if unused:
        job.skipped.append(f"fichiers non utilisés : {', '.join(unused)}")


def _number(row: CsvRow) -> str:
    number = row.required("Numero_Fiche").upper()
    if not NUMBER.match(number):
        raise row.fail("Numero_Fiche", f"numéro de fiche invalide « {number} » (RNCP… ou RS… attendu)")
    return number


def _occupations(job: Job, path: Path) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = defaultdict(list)
    for row in job.rows(path, required=("Numero_Fiche", "Codes_Rome_Code"), delimiter=DELIMITER):
        codes[_number(row)].append(row.rome("Codes_Rome_Code"))
    return {number: sorted(set(found)) for number, found in codes.items()}


def _certifications(
    job: Job, path: Path, occupations: dict[str, list[str]]
) -> tuple[dict[str, dict[str, Any]], int]:
    rows: dict[str, dict[str, Any]] = {}
    inactive = 0
    for row in job.rows(
        path, required=("Numero_Fiche", "Intitule", "Nomenclature_Europe_Niveau"), delimiter=DELIMITER
    ):
        number = _number(row)
        if row["Actif"].upper() == "INACTIVE":
            inactive += 1
            continue
        rows[number] = {
            "code": number,
            "title": row.required("Intitule"),
            "kind": KINDS_BY_LABEL.get(row["Abrege_Libelle"].upper(), number.rstrip("0123456789")),
            "level": _level(row),
            "duration_hours": None,
            "funding": [],
            "occupations": occupations.get(number, []),
            "source": SOURCE,
        }
    return rows, inactive


def _level(row: CsvRow) -> int | None:
    value = row["Nomenclature_Europe_Niveau"].upper()
    if not value:
        return None
    found = LEVEL.match(value)
    if found is None:
        raise row.fail("Nomenclature_Europe_Niveau", f"niveau européen invalide « {value} » (NIV1 à NIV8)")
    return int(found.group(1))


def _blocs(job: Job, path: Path, ours: set[str]) -> None:
    """Replace the blocs of the certifications imported here; blocs of others are not ours to change."""
    job.session.execute(delete(CertificationBloc).where(CertificationBloc.certification.in_(ours)))
    rows: dict[str, dict[str, Any]] = {}
    elsewhere = 0
    columns = ("Numero_Fiche", "Bloc_Competences_Code", "Bloc_Competences_Libelle")
    for row in job.rows(path, required=columns, delimiter=DELIMITER):
        number = _number(row)
        if number not in ours:
            elsewhere += 1
            continue
        code = row.required("Bloc_Competences_Code")
        rows[code] = {
            "code": code,
            "certification": number,
            "title": row.required("Bloc_Competences_Libelle"),
            "hours": None,
            "competences": [],
        }
    upsert(job.session, CertificationBloc, list(rows.values()))
    job.counts["blocs de compétences"] = len(rows)
    job.skip_rows(elsewhere, "blocs d'une fiche non importée (inactive ou d'une autre source)")
