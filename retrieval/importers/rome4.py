"""ROME 4.0 (France Travail open data, ``unix_*_v4xx_utf8.csv``): fiches, appellations, competences, links."""

from __future__ import annotations

from collections.abc import Sequence
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

SOURCE = "rome4"
COMPETENCE_KINDS = {"Savoir-faire": "savoir_faire", "Savoir-être professionnel": "transverse"}


def import_rome4(job: Job, folder: Path) -> None:
    release = RomeRelease(job, folder, major="4", name="ROME 4.0")
    tree = Tree.read(release.optional("unix_cr_gd_dp_v{v}_utf8.csv", TREE_COLUMNS, "arborescence des fiches"))
    tree.add_grands(
        release.optional(
            "unix_grand_domaine_v{v}_utf8.csv",
            ("code_grand_domaine", "libelle_grand_domaine"),
            "grands domaines : pris de l'arborescence",
        )
    )
    tree.add_domaines(
        release.optional(
            "unix_domaine_professionnel_v{v}_utf8.csv",
            ("code_domaine_professionnel", "libelle_domaine_professionnel"),
            "domaines professionnels : pris de l'arborescence",
        )
    )
    fiches = [
        Fiche(
            row.rome("code_rome"),
            row.required("libelle_rome"),
            tree.placement.get(row["code_rome"]),
            row.rome("code_rome_parent"),
        )
        for row in release.required(
            "unix_referentiel_code_rome_v{v}_utf8.csv", ("code_rome", "libelle_rome", "code_rome_parent")
        )
    ]
    tree.write(job)
    write_fiches(job, SOURCE, fiches)
    titles = appellations(
        job,
        release.optional("unix_referentiel_appellation_v{v}_utf8.csv", APPELLATION_COLUMNS, "appellations"),
    )
    write_titles(job, SOURCE, official_titles(fiches) + titles)
    write_competences(job, SOURCE, _competences(release), _links(release))
    mobility = release.optional(
        "unix_rubrique_mobilite_v{v}_utf8.csv", ("code_rome", "code_rome_cible"), "liens de mobilité"
    )
    if mobility:
        write_mobility(job, SOURCE, read_mobility(job, mobility))
    release.note_unused()


def _competences(release: RomeRelease) -> list[dict[str, Any]]:
    items = [
        _item(row, "code_ogr", "libelle_competence", _competence_kind(row), row["sous_cat_comp"])
        for row in release.optional(
            "unix_referentiel_competence_v{v}_utf8.csv",
            ("code_ogr", "libelle_competence", "cat_comp", "sous_cat_comp"),
            "savoir-faire et savoir-être",
        )
    ]
    items += [
        _item(row, "code_ogr_savoir", "libelle_savoir", "savoir", row["categorie_savoir"])
        for row in release.optional(
            "unix_referentiel_savoir_v{v}_utf8.csv",
            ("code_ogr_savoir", "libelle_savoir", "categorie_savoir"),
            "savoirs",
        )
    ]
    items += [
        _item(row, "code_ogr", "libelle_cont_travail", "contexte", row["libelle_type_cont_trav"])
        for row in release.optional(
            "unix_referentiel_contexte_travail_v{v}_utf8.csv",
            ("code_ogr", "libelle_cont_travail", "libelle_type_cont_trav"),
            "contextes de travail",
        )
    ]
    return items


def _competence_kind(row: CsvRow) -> str:
    kind = COMPETENCE_KINDS.get(row["cat_comp"])
    if kind is None:
        raise row.fail("cat_comp", f"catégorie de compétence inconnue « {row['cat_comp']} »")
    return kind


def _item(row: CsvRow, code_column: str, label_column: str, kind: str, family: str) -> dict[str, Any]:
    code = row.code(code_column)
    return {
        "code": f"ogr:{code}",
        "label": row.required(label_column),
        "kind": kind,
        "family": family,
        # Work contexts are not learnt; the others get the vocabulary's default until someone knows better.
        "training_hours": 0 if kind == "contexte" else 35,
        "official_codes": [f"ogr:{code}"],
        "source": SOURCE,
    }


def _links(release: RomeRelease) -> Sequence[Link]:
    return [
        Link(row.rome("code_rome"), f"ogr:{row.code('code_ogr')}", bool(row["coeur_metier"]))
        for row in release.optional(
            "unix_coherence_item_v{v}_utf8.csv",
            ("code_rome", "code_ogr", "coeur_metier"),
            "liens fiche-compétence",
        )
    ]
