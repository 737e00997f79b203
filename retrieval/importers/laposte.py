"""La Poste's postal codes with GPS positions (``laposte_hexasmal.csv``): communes and their postal codes.

La Poste writes names in capitals without accents: they only name communes the store does not know yet.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from retrieval.importers.common import Job
from retrieval.importers.csvfile import CsvRow
from retrieval.importers.errors import ImportFailure
from retrieval.importers.places import departement, insee_code, save_communes
from retrieval.store.bulk import upsert
from retrieval.store.models import PostalCode

FILE = "laposte_hexasmal*.csv"
COLUMNS = ("Code_commune_INSEE", "Nom_commune", "Code_postal", "coordonnees_gps")
POSTAL_CODE = re.compile(r"^[0-9]{5}$")


def import_laposte(job: Job, path: Path) -> None:
    file = path if path.is_file() else next(iter(sorted(path.glob(FILE))), None)
    if file is None:
        raise ImportFailure(path, f"aucun fichier {FILE} dans ce dossier")
    communes: dict[str, dict[str, Any]] = {}
    postal_codes: set[tuple[str, str]] = set()
    for row in job.rows(file, required=COLUMNS, delimiter=";"):
        insee = insee_code(row, "Code_commune_INSEE")
        postal = row.required("Code_postal")
        if not POSTAL_CODE.match(postal):
            raise row.fail("Code_postal", f"code postal invalide « {postal} »")
        latitude, longitude = _position(row)
        commune = communes.setdefault(
            insee,
            {
                "insee": insee,
                "name": row.required("Nom_commune"),
                "departement": departement(insee),
                "latitude": None,
                "longitude": None,
                "bassin": None,
            },
        )
        if commune["latitude"] is None:
            commune["latitude"], commune["longitude"] = latitude, longitude
        postal_codes.add((postal, insee))
    with job.step("Écriture des communes"):
        save_communes(job.session, list(communes.values()), authoritative=())
        # Every column is the key: postal codes already there are left as they are.
        upsert(
            job.session, PostalCode, [{"code": code, "insee": insee} for code, insee in sorted(postal_codes)]
        )
    job.counts["communes"] = len(communes)
    job.counts["codes postaux"] = len(postal_codes)
    job.skip_rows(
        sum(1 for commune in communes.values() if commune["latitude"] is None),
        "communes sans coordonnées GPS dans le fichier",
    )


def _position(row: CsvRow) -> tuple[float | None, float | None]:
    """``coordonnees_gps`` is "latitude, longitude" (or empty)."""
    value = row["coordonnees_gps"]
    if not value:
        return None, None
    parts = value.split(",")
    try:
        latitude, longitude = (float(part) for part in parts)
    except ValueError:
        raise row.fail("coordonnees_gps", f"« latitude, longitude » attendu, trouvé « {value} »") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise row.fail("coordonnees_gps", f"coordonnées hors limites « {value} »")
    return latitude, longitude
