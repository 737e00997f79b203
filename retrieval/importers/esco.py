"""ESCO (European Commission CSV export, French labels): skills, and occupation titles for ROME fiches.

An ESCO occupation's labels become job titles of a ROME fiche only through the official ROME ↔ ISCO-08
crosswalk (``Correspondance_ROME_ISCO08.xlsx``, in the folder or in a ``crosswalks`` folder beside it),
and only when its ISCO group leads to exactly one fiche of the store.
"""

from __future__ import annotations

from collections import defaultdict
from io import BytesIO
from pathlib import Path
from typing import Any

from retrieval.importers.common import Job
from retrieval.importers.csvfile import ROME_CODE, CsvRow
from retrieval.importers.errors import ImportFailure
from retrieval.importers.writers import Title, occupation_codes, write_competences, write_titles

SOURCE = "esco"
#: The skill pillar (its collections are subsets: importing one would drop the other skills).
SKILLS_FILE = "skills_fr.csv"
SKILL_COLUMNS = ("conceptUri", "skillType", "reuseLevel", "preferredLabel")
OCCUPATIONS_FILE = "occupations_fr.csv"
OCCUPATION_COLUMNS = ("conceptUri", "iscoGroup", "preferredLabel", "altLabels")
CROSSWALK = "Correspondance_ROME_ISCO08.xlsx"
CROSSWALK_HEADERS = ("Code ROME", "Code ISCO08")


def import_esco(job: Job, folder: Path) -> None:
    if not folder.is_dir():
        raise ImportFailure(folder, "un dossier est attendu (l'export CSV d'ESCO)")
    present = [name for name in (SKILLS_FILE, OCCUPATIONS_FILE) if (folder / name).is_file()]
    if not present:
        raise ImportFailure(folder, f"aucun fichier ESCO reconnu ({SKILLS_FILE}, {OCCUPATIONS_FILE})")
    # A file absent leaves what an earlier import of it wrote: ESCO comes split over several exports.
    if SKILLS_FILE in present:
        skills = {
            row["conceptUri"]: _skill(row) for row in job.rows(folder / SKILLS_FILE, required=SKILL_COLUMNS)
        }
        write_competences(job, SOURCE, list(skills.values()), links=[])
    else:
        job.skipped.append(f"fichier absent : {SKILLS_FILE} (compétences ESCO, laissées telles quelles)")
    if OCCUPATIONS_FILE in present:
        _titles(job, folder)
    else:
        job.skipped.append(
            f"fichier absent : {OCCUPATIONS_FILE} (métiers ESCO, intitulés laissés tels quels)"
        )
    unused = sorted(p.name for p in folder.glob("*.csv") if p.name not in present)
    if unused:
        job.skipped.append(f"fichiers non utilisés : {', '.join(unused)}")


def _skill(row: CsvRow) -> dict[str, Any]:
    uri = row.required("conceptUri")
    if row["reuseLevel"] == "transversal":
        kind = "transverse"
    elif row.required("skillType") == "knowledge":
        kind = "savoir"
    elif row["skillType"].startswith("skill/competence"):
        kind = "savoir_faire"
    else:
        raise row.fail("skillType", f"type de compétence inconnu « {row['skillType']} »")
    return {
        "code": f"esco:{uri.rstrip('/').rsplit('/', 1)[-1]}",
        "label": row.required("preferredLabel"),
        "kind": kind,
        "family": "",
        "training_hours": 35,
        "official_codes": [uri],
        "source": SOURCE,
    }


def _titles(job: Job, folder: Path) -> None:
    occupations = list(job.rows(folder / OCCUPATIONS_FILE, required=OCCUPATION_COLUMNS))
    job.counts["métiers ESCO"] = len(occupations)
    crosswalk = _find_crosswalk(folder)
    if crosswalk is None:
        job.skipped.append(
            f"{len(occupations)} métiers ESCO : pas de correspondance officielle ROME ↔ ISCO ({CROSSWALK}) "
            "à côté des données, aucun intitulé rattaché"
        )
        return
    known = occupation_codes(job)
    fiches = {isco: codes & known for isco, codes in _read_crosswalk(job, crosswalk).items()}
    titles = []
    unmatched = 0
    for row in occupations:
        isco = row.code("iscoGroup").zfill(4)
        match = fiches.get(isco, set())
        if len(match) != 1:
            unmatched += 1
            continue
        (fiche,) = match
        labels = [row.required("preferredLabel"), *row["altLabels"].splitlines()]
        titles += [Title(fiche, label.strip(), "appellation") for label in labels if label.strip()]
    job.skip_rows(unmatched, "métiers ESCO dont le groupe ISCO ne mène pas à une seule fiche de la base")
    write_titles(job, SOURCE, titles)


def _find_crosswalk(folder: Path) -> Path | None:
    for candidate in (folder / CROSSWALK, folder.parent / "crosswalks" / CROSSWALK):
        if candidate.is_file():
            return candidate
    return None


def _read_crosswalk(job: Job, path: Path) -> dict[str, set[str]]:
    """ISCO-08 group (4 digits) → ROME codes, from every sheet of the workbook that has both columns."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(BytesIO(job.read(path)), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types (zip, XML, key errors) for a damaged file
        raise ImportFailure(path, "classeur illisible ou tronqué", cause=repr(error)) from None
    fiches: dict[str, set[str]] = defaultdict(set)
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = [str(value).strip() if value is not None else "" for value in next(rows, ())]
        if not all(name in header for name in CROSSWALK_HEADERS):
            continue
        rome_at, isco_at = (header.index(name) for name in CROSSWALK_HEADERS)
        for line, values in enumerate(rows, start=2):
            rome, isco = (
                str(values[at]).strip() if values[at] is not None else "" for at in (rome_at, isco_at)
            )
            if not rome and not isco:
                continue
            record = f"feuille « {sheet.title} »"
            if not ROME_CODE.match(rome):
                raise ImportFailure(
                    path,
                    f"code ROME invalide « {rome} »",
                    line=line,
                    field=CROSSWALK_HEADERS[0],
                    record=record,
                )
            if not isco.isdigit():
                raise ImportFailure(
                    path,
                    f"groupe ISCO invalide « {isco} »",
                    line=line,
                    field=CROSSWALK_HEADERS[1],
                    record=record,
                )
            fiches[isco.zfill(4)].add(rome)
    if not fiches:
        raise ImportFailure(path, f"aucune feuille avec les colonnes {' et '.join(CROSSWALK_HEADERS)}")
    return fiches
