"""ROME v3 (``unix_*_v3xx_utf8.csv`` and the fuller ``extra_*`` files): fiches, activities, savoirs, mobility.

Item codes are ``rome3:<OGR code>``: ROME 4.0 reuses many OGR codes with other wordings or kinds, so
both releases can live in one store; ``official_codes`` keeps the shared ``ogr:<code>``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from retrieval.importers.common import Job
from retrieval.importers.csvfile import CsvRow
from retrieval.importers.rome import (
    APPELLATION_COLUMNS,
    TREE_COLUMNS,
    Fiche,
    RomeRelease,
    Tree,
    appellations,
    official_titles,
    read_mobility,
    write_fiches,
    write_mobility,
)
from retrieval.importers.writers import Link, write_competences, write_titles

SOURCE = "rome3"
ITEM_KINDS = {"1": "savoir", "2": "savoir_faire", "5": "contexte"}
#: Rubriques "activités de base" and "compétences de base": the core of the fiche (others are specific).
CORE_RUBRIQUES = {"6", "7"}
LINK_COLUMNS = ("code_rome", "code_ogr")


def import_rome3(job: Job, folder: Path) -> None:
    release = RomeRelease(job, folder, major="3", name="ROME v3")
    tree, fiches = _fiches(release)
    tree.write(job)
    write_fiches(job, SOURCE, fiches)
    titles = appellations(
        job,
        release.optional("unix_referentiel_appellation_v{v}_utf8.csv", APPELLATION_COLUMNS, "appellations"),
    )
    write_titles(job, SOURCE, official_titles(fiches) + titles)
    items, rubriques = _items(release)
    write_competences(job, SOURCE, items, _links(release, rubriques))
    mobility = release.optional(
        "unix_rubrique_mobilite_v{v}_utf8.csv",
        ("code_rome", "code_rome_cible", "code_type_mobilite"),
        "liens de mobilité",
    )
    write_mobility(job, SOURCE, read_mobility(job, mobility))
    release.note_unused()


def _fiches(release: RomeRelease) -> tuple[Tree, list[Fiche]]:
    """From the fiche tree (extra file first: the unix code list lacks a fiche), else the bare code list."""
    tree_file = release.find("extra_cr_gd_dp_v{v}.csv") or release.find("unix_cr_gd_dp_v{v}_utf8.csv")
    if tree_file:
        tree = Tree.read(release.rows(tree_file, TREE_COLUMNS))
        return tree, [Fiche(code, title, tree.placement[code], code) for code, title in tree.titles.items()]
    release.job.skipped.append(
        "fichier absent : extra_cr_gd_dp / unix_cr_gd_dp (arborescence) : fiches prises de la liste des codes"
    )
    rows = release.required("unix_referentiel_code_rome_v{v}_utf8.csv", ("code_rome", "libelle_rome"))
    return Tree(), [
        Fiche(row.rome("code_rome"), row.required("libelle_rome"), None, row["code_rome"]) for row in rows
    ]


def _items(release: RomeRelease) -> tuple[list[dict[str, Any]], dict[str, set[str]]]:
    """Activities, savoirs and work environments, with the rubriques each item is filed under."""
    rubriques: dict[str, set[str]] = defaultdict(set)
    items: dict[str, dict[str, Any]] = {}
    full_list = release.find("extra_item_v{v}.csv")
    if full_list:
        columns = ("code_ogr", "libelle", "code_type_referentiel", "code_ref_rubrique")
        for row in release.rows(full_list, columns):
            kind = ITEM_KINDS.get(row["code_type_referentiel"])
            if kind is None:
                raise row.fail(
                    "code_type_referentiel", f"type d'élément inconnu « {row['code_type_referentiel']} »"
                )
            items.setdefault(row.code("code_ogr"), _item(row, "libelle", kind))
            rubriques[row["code_ogr"]].add(row["code_ref_rubrique"])
        return list(items.values()), rubriques
    release.job.skipped.append(
        "fichier absent : extra_item (liste complète) : éléments pris des fichiers unix_referentiel_*, "
        "dont la liste des activités peut être tronquée"
    )
    for template, label, kind, what in (
        ("unix_referentiel_activite_v{v}_utf8.csv", "libelle_activite", "savoir_faire", "activités"),
        ("unix_referentiel_competence_v{v}_utf8.csv", "libelle_competence", "savoir", "savoirs"),
        ("unix_referentiel_env_travail_v{v}_utf8.csv", "libelle_env_travail", "contexte", "environnements"),
    ):
        for row in release.optional(template, ("code_ogr", label), what):
            items.setdefault(row.code("code_ogr"), _item(row, label, kind))
    return list(items.values()), rubriques


def _item(row: CsvRow, label_column: str, kind: str) -> dict[str, Any]:
    code = row["code_ogr"]
    return {
        "code": f"rome3:{code}",
        "label": row.required(label_column),
        "kind": kind,
        "family": "",
        "training_hours": 0 if kind == "contexte" else 35,
        "official_codes": [f"ogr:{code}"],
        "source": SOURCE,
    }


def _links(release: RomeRelease, rubriques: dict[str, set[str]]) -> list[Link]:
    """Fiche → item links; core when filed under a "de base" rubrique for that fiche (or for every fiche)."""
    per_link: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in release.optional(
        "unix_liens_rome_referentiels_v{v}_utf8.csv",
        (*LINK_COLUMNS, "code_ref_rubrique"),
        "rubriques des liens : cœur de métier déduit des rubriques des éléments",
    ):
        per_link[(row["code_rome"], row["code_ogr"])].add(row["code_ref_rubrique"])
    full = release.find("extra_coherence_item_v{v}_full.csv")
    links_file = full or release.find("unix_coherence_item_v{v}_utf8.csv")
    if full is None:
        fallback = " : ceux de unix_coherence_item, incomplets" if links_file else ""
        release.job.skipped.append(
            f"fichier absent : extra_coherence_item (liens fiche-élément complets){fallback}"
        )
    links = []
    for row in release.rows(links_file, LINK_COLUMNS) if links_file else []:
        code, item = row.rome("code_rome"), row.code("code_ogr")
        filed = per_link.get((code, item)) or rubriques.get(item, set())
        links.append(Link(code, f"rome3:{item}", bool(filed) and filed <= CORE_RUBRIQUES))
    return links
