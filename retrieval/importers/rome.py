"""What ROME v3 and ROME 4.0 releases share: their folder of files, tree, fiches, titles, mobility links."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select

from retrieval.importers.common import Job
from retrieval.importers.csvfile import CsvRow
from retrieval.importers.errors import ImportFailure
from retrieval.importers.writers import Title, occupation_codes
from retrieval.store.bulk import upsert
from retrieval.store.models import DomainePro, GrandDomaine, MobilityLink, Occupation

RELEASE_FILE = re.compile(r"^(?:unix_.+_v(\d+)_utf8|extra_.+_v(\d+)(?:_full)?)\.csv$")
TREE_COLUMNS = (
    "code_rome",
    "libelle_rome",
    "code_grand_domaine",
    "libelle_grand_domaine",
    "code_domaine_professionel",
    "libelle_domaine_professionel",
)
APPELLATION_COLUMNS = ("code_ogr", "libelle_appellation_long", "code_rome")
MOBILITY_KINDS = {"1": "proche", "2": "evolution"}
#: ROME 4.0 mobility links have no "proche" / "évolution" type.
UNTYPED_MOBILITY = "mobilite"


class RomeRelease:
    """The files of one ROME release in a folder (``unix_<name>_v<version>_utf8.csv``, ``extra_…``)."""

    def __init__(self, job: Job, folder: Path, major: str, name: str) -> None:
        if not folder.is_dir():
            raise ImportFailure(folder, f"un dossier est attendu (les fichiers CSV du {name})")
        versions = {
            version
            for path in folder.iterdir()
            if (found := RELEASE_FILE.match(path.name))
            for version in found.groups()
            if version
        }
        ours = sorted(version for version in versions if version.startswith(major))
        if not ours:
            found_versions = ", ".join(sorted(versions)) or "aucune"
            raise ImportFailure(
                folder, f"aucun fichier du {name} (version v{major}xx ; versions trouvées : {found_versions})"
            )
        if len(ours) > 1:
            raise ImportFailure(folder, f"plusieurs versions du {name} mélangées : {', '.join(ours)}")
        self.job, self.folder, self.version = job, folder, ours[0]
        self._looked_up: set[str] = set()

    def find(self, template: str) -> Path | None:
        """The release's file named by ``template`` (``{v}`` stands for the version), if present."""
        name = template.format(v=self.version)
        self._looked_up.add(name)
        path = self.folder / name
        return path if path.is_file() else None

    def rows(self, path: Path, columns: Sequence[str]) -> list[CsvRow]:
        return list(self.job.rows(path, required=columns))

    def required(self, template: str, columns: Sequence[str]) -> list[CsvRow]:
        path = self.find(template)
        if path is None:
            name = template.format(v=self.version)
            raise ImportFailure(self.folder / name, "fichier obligatoire absent du dossier")
        return self.rows(path, columns)

    def optional(self, template: str, columns: Sequence[str], what: str) -> list[CsvRow]:
        """The file's rows, or none (noted in the report) when the file is absent."""
        path = self.find(template)
        if path is None:
            self.job.skipped.append(f"fichier absent : {template.format(v=self.version)} ({what})")
            return []
        return self.rows(path, columns)

    def note_unused(self) -> None:
        unused = sorted(
            path.name
            for path in self.folder.iterdir()
            if RELEASE_FILE.match(path.name) and path.name not in self._looked_up
        )
        if unused:
            self.job.skipped.append(f"fichiers non utilisés : {', '.join(unused)}")


@dataclass
class Tree:
    """Grands domaines, domaines professionnels, and where each fiche stands in them."""

    grands: dict[str, str] = field(default_factory=dict)
    domaines: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (title, grand domaine)
    placement: dict[str, str] = field(default_factory=dict)  # fiche -> domaine
    titles: dict[str, str] = field(default_factory=dict)  # fiche -> title

    @classmethod
    def read(cls, rows: Iterable[CsvRow]) -> Tree:
        """From a ``cr_gd_dp`` file: one row per fiche with its grand domaine and domaine."""
        tree = cls()
        for row in rows:
            code = row.rome("code_rome")
            grand = row.required("code_grand_domaine")
            domaine = row.required("code_domaine_professionel")
            if not code.startswith(domaine) or domaine[0] != grand:
                raise row.fail("code_domaine_professionel", f"domaine « {domaine} » incohérent avec {code}")
            tree.grands[grand] = row.required("libelle_grand_domaine")
            tree.domaines[domaine] = (row.required("libelle_domaine_professionel"), grand)
            tree.placement[code] = domaine
            tree.titles[code] = row.required("libelle_rome")
        return tree

    def add_grands(self, rows: Iterable[CsvRow]) -> None:
        for row in rows:
            self.grands[row.required("code_grand_domaine")] = row.required("libelle_grand_domaine")

    def add_domaines(self, rows: Iterable[CsvRow]) -> None:
        for row in rows:
            code = row.required("code_domaine_professionnel")
            if code[0] not in self.grands:
                raise row.fail("code_domaine_professionnel", f"grand domaine « {code[0]} » inconnu")
            self.domaines[code] = (row.required("libelle_domaine_professionnel"), code[0])

    def write(self, job: Job) -> None:
        upsert(job.session, GrandDomaine, [{"code": c, "title": t} for c, t in self.grands.items()])
        upsert(
            job.session,
            DomainePro,
            [{"code": c, "title": t, "grand_domaine": g} for c, (t, g) in self.domaines.items()],
        )
        job.counts["grands domaines"] = len(self.grands)
        job.counts["domaines"] = len(self.domaines)


@dataclass(frozen=True)
class Fiche:
    code: str
    title: str
    domaine: str | None
    parent: str


def write_fiches(job: Job, source: str, fiches: Sequence[Fiche]) -> None:
    """Insert new fiches; a fiche already there gets this release's title and place, and keeps the rest.

    Its owner, its level and its links from other sources stay as they are.
    """
    existing = {
        code: (owner, domaine, level)
        for code, owner, domaine, level in job.session.execute(
            select(Occupation.code, Occupation.source, Occupation.domaine_pro, Occupation.level)
        )
    }
    rows = []
    for fiche in fiches:
        owner, domaine, level = existing.get(fiche.code, (source, None, None))
        rows.append(
            {
                "code": fiche.code,
                "title": fiche.title,
                "domaine_pro": fiche.domaine or domaine,
                "parent_code": fiche.parent,
                "level": level,
                "source": owner,
            }
        )
    with job.step("Écriture des fiches"):
        upsert(job.session, Occupation, rows)
    job.counts["fiches"] = len(rows)


def official_titles(fiches: Iterable[Fiche]) -> list[Title]:
    return [Title(fiche.code, fiche.title, "official") for fiche in fiches]


def appellations(job: Job, rows: Sequence[CsvRow]) -> list[Title]:
    job.counts["appellations"] = len(rows)
    return [
        Title(
            row.rome("code_rome"),
            row.required("libelle_appellation_long"),
            "appellation",
            row.code("code_ogr"),
        )
        for row in rows
    ]


def read_mobility(job: Job, rows: Sequence[CsvRow]) -> dict[tuple[str, str], str]:
    """Fiche-to-fiche links; a link restricted to an appellation counts once for its two fiches."""
    links: dict[tuple[str, str], str] = {}
    for row in rows:
        key = (row.rome("code_rome"), row.rome("code_rome_cible"))
        kind = UNTYPED_MOBILITY
        if "code_type_mobilite" in row.values:
            kind = MOBILITY_KINDS.get(row["code_type_mobilite"], "")
            if not kind:
                raise row.fail(
                    "code_type_mobilite", f"type de mobilité inconnu « {row['code_type_mobilite']} »"
                )
        links.setdefault(key, kind)
    job.skip_rows(
        len(rows) - len(links), "lignes de mobilité qui répètent un lien entre les deux mêmes fiches"
    )
    return links


def write_mobility(job: Job, origin: str, links: dict[tuple[str, str], str]) -> None:
    """Replace ``origin``'s mobility links; a link another origin already gives is kept as it is."""
    session = job.session
    session.execute(delete(MobilityLink).where(MobilityLink.origin == origin))
    taken = {(start, end) for start, end in session.execute(select(MobilityLink.source, MobilityLink.target))}
    known = occupation_codes(job)
    rows = [
        {"source": source, "target": target, "kind": kind, "origin": origin}
        for (source, target), kind in links.items()
        if source in known and target in known and source != target and (source, target) not in taken
    ]
    upsert(session, MobilityLink, rows)
    job.skip_rows(
        len(links) - len(rows), "liens de mobilité vers une fiche absente, déjà donnés ou circulaires"
    )
    job.counts["liens de mobilité"] = len(rows)
