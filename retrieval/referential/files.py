"""Reading the shipped referential's files, validated, with errors that name the file, entry and field."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from retrieval.geo import BassinRecord, CommuneRecord, read_bassins, read_communes
from retrieval.referential.schema import (
    CertificationEntry,
    CompetenceEntry,
    FundingEntry,
    OccupationEntry,
    SectorEntry,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
Entry = TypeVar("Entry", bound=BaseModel)


class ReferentialError(ValueError):
    """A referential file is wrong; says where (file, entry, field) for the person who maintains it."""

    def __init__(self, path: Path, entry: str, field_name: str, problem: str) -> None:
        self.path, self.entry, self.field_name, self.problem = path, entry, field_name, problem
        super().__init__(f"{path}: {entry}, champ « {field_name} » : {problem}")


@dataclass
class Referential:
    """The whole shipped referential, validated and cross-checked."""

    rome: list[dict[str, str]]
    grands_domaines: list[dict[str, str]]
    domaines_pro: list[dict[str, str]]
    sectors: list[SectorEntry]
    competences: dict[str, tuple[str, CompetenceEntry]]  # code -> (family, entry)
    occupations: list[OccupationEntry]
    occupation_files: dict[str, Path]  # code -> the file that describes it
    certifications: list[CertificationEntry] = field(default_factory=list)
    funding: list[FundingEntry] = field(default_factory=list)
    bassins: list[BassinRecord] = field(default_factory=list)
    communes: list[CommuneRecord] = field(default_factory=list)


def content_hash(folder: Path) -> str:
    """A hash of every file's name and bytes: the referential changed iff this changed."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_entries(path: Path, model: type[Entry]) -> list[Entry]:
    """A YAML list of entries, each validated against ``model``."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ReferentialError(path, "fichier", "-", f"YAML illisible ({error})") from error
    if not isinstance(raw, list):
        raise ReferentialError(path, "fichier", "-", "une liste d'entrées est attendue")
    entries = []
    for position, item in enumerate(raw, start=1):
        try:
            entries.append(model.model_validate(item))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "-"
            label = item.get("code", f"n° {position}") if isinstance(item, dict) else f"n° {position}"
            raise ReferentialError(path, f"entrée {label}", where, first["msg"]) from error
    return entries


def read_referential(folder: Path = DATA_DIR) -> Referential:
    sectors = read_entries(folder / "sectors.yaml", SectorEntry)
    competences: dict[str, tuple[str, CompetenceEntry]] = {}
    for path in sorted((folder / "competences").glob("*.yaml")):
        for competence in read_entries(path, CompetenceEntry):
            if competence.code in competences:
                raise ReferentialError(path, f"entrée {competence.code}", "code", "code déjà utilisé")
            competences[competence.code] = (path.stem, competence)
    occupations: list[OccupationEntry] = []
    occupation_files: dict[str, Path] = {}
    for path in sorted((folder / "occupations").glob("*.yaml")):
        for occupation in read_entries(path, OccupationEntry):
            if occupation.code in occupation_files:
                raise ReferentialError(path, f"fiche {occupation.code}", "code", "fiche décrite deux fois")
            occupation_files[occupation.code] = path
            occupations.append(occupation)
    referential = Referential(
        rome=read_csv(folder / "rome_codes.csv"),
        grands_domaines=read_csv(folder / "grands_domaines.csv"),
        domaines_pro=read_csv(folder / "domaines_pro.csv"),
        sectors=sectors,
        competences=competences,
        occupations=occupations,
        occupation_files=occupation_files,
        certifications=_optional(folder / "certifications.yaml", CertificationEntry),
        funding=_optional(folder / "funding.yaml", FundingEntry),
        bassins=read_bassins(folder / "bassins.csv") if (folder / "bassins.csv").exists() else [],
        communes=read_communes(folder / "communes.csv") if (folder / "communes.csv").exists() else [],
    )
    check_references(referential, folder)
    return referential


def _optional(path: Path, model: type[Entry]) -> list[Entry]:
    return read_entries(path, model) if path.exists() else []


def check_references(ref: Referential, folder: Path) -> None:
    """Every code an entry names must exist: competences, sectors, ROME fiches, funding schemes."""
    rome = {row["code"] for row in ref.rome}
    sectors = {sector.code for sector in ref.sectors}
    funding = {scheme.code for scheme in ref.funding}
    for occupation in ref.occupations:
        where, entry = ref.occupation_files[occupation.code], f"fiche {occupation.code}"
        if occupation.code not in rome:
            raise ReferentialError(where, entry, "code", "code ROME inconnu")
        _known(where, entry, "sectors", occupation.sectors, sectors)
        for name in ("core", "secondary", "context"):
            _known(where, entry, name, getattr(occupation, name), ref.competences.keys())
        if not 12 <= occupation.competence_count <= 30:
            raise ReferentialError(
                where, entry, "core", f"{occupation.competence_count} compétences (12 à 30)"
            )
    for certification in ref.certifications:
        where, entry = folder / "certifications.yaml", f"certification {certification.code}"
        _known(where, entry, "occupations", certification.occupations, rome)
        _known(where, entry, "funding", certification.funding, funding)
        for bloc in certification.blocs:
            _known(
                where, f"{entry}, bloc {bloc.code}", "competences", bloc.competences, ref.competences.keys()
            )


def _known(path: Path, entry: str, field_name: str, codes: list[str], known: Any) -> None:
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ReferentialError(path, entry, field_name, f"codes inconnus : {', '.join(unknown)}")
