"""INSEE's official list of communes (``v_commune_<year>.csv``), with the centroids and bassins d'emploi
files when they stand in the same folder: names, départements, positions, employment areas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from retrieval.importers.common import Job
from retrieval.importers.errors import ImportFailure
from retrieval.importers.places import insee_code, save_communes
from retrieval.store.bulk import upsert
from retrieval.store.models import Bassin

COMMUNES = "v_commune_*.csv"
CENTROIDS = "corresp_geo_point_codes_communes_*.csv"
BASSINS = "bassin_emploi_*.csv"
#: Current communes; associated and delegated communes and municipal arrondissements are left out.
CURRENT = "COM"


def import_insee(job: Job, path: Path) -> None:
    folder = path if path.is_dir() else path.parent
    communes_file = path if path.is_file() else _latest(folder, COMMUNES)
    if communes_file is None:
        raise ImportFailure(path, f"aucun fichier {COMMUNES} dans ce dossier")
    communes: dict[str, dict[str, Any]] = {}
    others = 0
    for row in job.rows(communes_file, required=("TYPECOM", "COM", "DEP", "LIBELLE")):
        if row["TYPECOM"] != CURRENT:
            others += 1
            continue
        insee = insee_code(row, "COM")
        communes[insee] = {
            "insee": insee,
            "name": row.required("LIBELLE"),
            "departement": row.required("DEP"),
            "latitude": None,
            "longitude": None,
            "bassin": None,
        }
    job.counts["communes"] = len(communes)
    job.skip_rows(others, "communes associées, déléguées ou arrondissements (seules les communes actuelles)")
    authoritative = {"name", "departement"}
    if _centroids(job, folder, communes):
        authoritative |= {"latitude", "longitude"}
    if _bassins(job, folder, communes):
        authoritative.add("bassin")
    with job.step("Écriture des communes"):
        save_communes(job.session, list(communes.values()), authoritative=authoritative)


def _latest(folder: Path, pattern: str) -> Path | None:
    found = sorted(folder.glob(pattern))
    return found[-1] if found else None


def _centroids(job: Job, folder: Path, communes: dict[str, dict[str, Any]]) -> bool:
    path = _latest(folder, CENTROIDS)
    if path is None:
        job.skipped.append(f"fichier absent : {CENTROIDS} (positions des communes)")
        return False
    unknown = placed = 0
    for row in job.rows(path, required=("Code_Officiel_Commune", "latitude", "longitude"), delimiter=";"):
        commune = communes.get(insee_code(row, "Code_Officiel_Commune"))
        if commune is None:
            unknown += 1
            continue
        commune["latitude"], commune["longitude"] = row.number("latitude"), row.number("longitude")
        placed += 1
    job.counts["communes placées"] = placed
    job.skip_rows(unknown, f"positions de {path.name} pour une commune absente de la liste")
    return True


def _bassins(job: Job, folder: Path, communes: dict[str, dict[str, Any]]) -> bool:
    path = _latest(folder, BASSINS)
    if path is None:
        job.skipped.append(f"fichier absent : {BASSINS} (bassins d'emploi)")
        return False
    bassins: dict[str, dict[str, str]] = {}
    unknown = 0
    columns = ("reg", "code_commune_insee", "code_bassin_BMO", "lib_bassin_BMO")
    for row in job.rows(path, required=columns):
        code = row.required("code_bassin_BMO")
        bassins.setdefault(code, {"code": code, "name": row.required("lib_bassin_BMO"), "region": row["reg"]})
        commune = communes.get(insee_code(row, "code_commune_insee"))
        if commune is None:
            unknown += 1
            continue
        commune["bassin"] = code
    upsert(job.session, Bassin, list(bassins.values()))
    job.counts["bassins d'emploi"] = len(bassins)
    job.skip_rows(unknown, f"lignes de {path.name} pour une commune absente de la liste")
    return True
