"""Build the shipped geography from official open data: communes.csv, bassins.csv, departements.csv.

Run by hand by a maintainer when INSEE, La Poste or DARES publish new files (it is not part of setup):

    .venv/bin/python -m retrieval.referential.build_geo [SOURCE_DIR] [--out DIR]

SOURCE_DIR (default: ``<shared_data_dir>/geo``) holds the INSEE 2024 communes and départements, the 2025
commune centroids, La Poste's postal codes and the DARES BMO 2024 bassins d'emploi. Only facts are written:
codes, official names, coordinates. Communes are the current ones (TYPECOM COM); the postal codes of
arrondissements and delegated communes are given to their parent commune.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from retrieval.geo import REFERENTIAL_DIR, PlacesFileError, csv_rows, fold
from retrieval.settings import get_settings

COMMUNES_FILE = "v_commune_2024.csv"
DEPARTEMENTS_FILE = "v_departement_2024.csv"
CENTROIDS_FILE = "corresp_geo_point_codes_communes_2025.csv"
POSTAL_FILE = "laposte_hexasmal.csv"
BASSINS_FILE = "bassin_emploi_BMO2024.csv"

#: The demonstration territories, named by one of their towns (name, département); their bassins are flagged.
DEMO_TOWNS = (
    ("Beauvais", "60"),
    ("Saint-Quentin", "02"),
    ("Redon", "35"),
    ("Lacq", "64"),
    ("Mourenx", "64"),
    ("Pau", "64"),
    ("Tarbes", "65"),
    ("Aurillac", "15"),
    ("Figeac", "46"),
    ("Rodez", "12"),
    ("Châteauroux", "36"),
    ("Gien", "45"),
    ("Tours", "37"),
    ("Vierzon", "18"),
    ("Blois", "41"),
)

#: Bassin names the source abbreviates beyond what spelling rules can restore.
NAME_FIXES = {
    "3217": "Versant Nord-Est Roubaix-Tourcoing",
    "4430": "Bassin Sidérurgique",
    "4435": "Saint-Dié",
    "5215": "Fontenay-le-Comte",
    "5216": "Les Sables-d'Olonne",
    "5226": "Château-Gontier",
    "7548": "Saint-Yrieix",
    "8458": "Riom Saint-Éloy",
    "204": "Martinique Nord Caraïbe",
}

_SMALL_WORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "sur",
    "sous",
    "en",
    "et",
    "aux",
    "au",
    "lès",
    "lez",
    "à",
}


class BassinNamer:
    """Turns the source's upper-case bassin names ("SAINT QUENTIN") into French ones ("Saint-Quentin").

    Runs of words that spell a commune of the bassin, or a place of several words anywhere (commune,
    département), take its official name; other words get their accents back from the words of official
    names, and French capitalisation. A single word is never taken from a commune elsewhere: homonyms
    differ by their accents ("Melle" and "Mellé").
    """

    def __init__(self, official_names: list[str]) -> None:
        self.places: dict[str, str] = {}
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for name in official_names:
            self.places.setdefault(fold(name), name)
            for word in re.split(r"[\s'’-]+", name):
                spellings[fold(word)][word.lower()] += 1
        self.words = {key: counts.most_common(1)[0][0] for key, counts in spellings.items() if key}
        self.local: dict[str, str] = {}

    def __call__(self, raw: str, local_names: list[str]) -> str:
        self.local = {fold(name): name for name in local_names}
        raw = " ".join(raw.split())
        if any(char.islower() for char in raw):
            return raw  # already written by hand in the source
        # Words with the separator before them, so that hyphens and slashes between towns are kept.
        tokens: list[tuple[str, str]] = re.findall(r"(\s*/\s*|[\s'’-]*)([^\s'’/-]+)", raw)
        spelled = ""
        start = 0
        while start < len(tokens):
            end = self._place_end(tokens, start)
            phrase = " ".join(word for _, word in tokens[start:end])
            separator = tokens[start][0].strip() or " "
            if spelled:
                spelled += " / " if separator == "/" else separator
            spelled += self._spell(phrase, first=not spelled)
            start = end
        return re.sub(r"\b([ld]) ", r"\1'", spelled)  # "d Arles" → "d'Arles"

    def _place_end(self, tokens: list[tuple[str, str]], start: int) -> int:
        """The end of the longest run of words from ``start`` that names a known place (at least one word)."""
        for end in range(min(len(tokens), start + 6), start + 1, -1):
            key = fold(" ".join(word for _, word in tokens[start:end]))
            if key in self.local or key in self.places:
                return end
        return start + 1

    def _spell(self, phrase: str, *, first: bool) -> str:
        key = fold(phrase)
        if key in self.local:
            return self.local[key]
        if " " in key and key in self.places:
            return self.places[key]
        return self._word(phrase, first=first)

    def _word(self, word: str, *, first: bool) -> str:
        spelled = self.words.get(fold(word), word.lower())
        if len(spelled) == 1 and spelled in "ld":
            return spelled  # elided article, joined with an apostrophe afterwards
        return spelled if spelled in _SMALL_WORDS and not first else spelled[:1].upper() + spelled[1:]


def build(source: Path, out: Path) -> dict[str, int]:
    """Write the three files into ``out``; returns row counts per file."""
    current, parent_of = _communes(source / COMMUNES_FILE)
    postal_codes, poste_gps = _postal(source / POSTAL_FILE, current, parent_of)
    centroids = {
        row["Code_Officiel_Commune"]: (float(row["latitude"]), float(row["longitude"]))
        for _, row in csv_rows(
            source / CENTROIDS_FILE, ("Code_Officiel_Commune", "latitude", "longitude"), ";"
        )
    }
    bassin_of, bassin_labels = _bassin_members(source / BASSINS_FILE, current)
    departements = [
        row for _, row in csv_rows(source / DEPARTEMENTS_FILE, ("DEP", "REG", "CHEFLIEU", "LIBELLE"))
    ]

    communes = []
    for insee, row in sorted(current.items()):
        lat_lon = centroids.get(insee) or poste_gps.get(insee)
        if lat_lon is None or insee not in bassin_of:
            raise PlacesFileError(f"{source}: commune {insee} sans coordonnées ou sans bassin d'emploi")
        communes.append(
            {
                "insee": insee,
                "name": row["LIBELLE"],
                "departement": row["DEP"],
                "postal_codes": " ".join(sorted(postal_codes[insee])),
                "latitude": f"{lat_lon[0]:.5f}",
                "longitude": f"{lat_lon[1]:.5f}",
                "bassin": bassin_of[insee],
            }
        )
    bassins = _bassins(current, bassin_of, bassin_labels, [r["LIBELLE"] for r in departements])
    departement_rows = [
        {"code": r["DEP"], "name": r["LIBELLE"], "region": r["REG"], "prefecture": r["CHEFLIEU"]}
        for r in departements
    ]

    out.mkdir(parents=True, exist_ok=True)
    _write(out / "communes.csv", communes)
    _write(out / "bassins.csv", bassins)
    _write(out / "departements.csv", departement_rows)
    return {
        "communes.csv": len(communes),
        "bassins.csv": len(bassins),
        "departements.csv": len(departement_rows),
    }


def _communes(path: Path) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """The current communes by INSEE code, and the parent of arrondissements and delegated communes."""
    current: dict[str, dict[str, str]] = {}
    parent_of: dict[str, str] = {}
    for _, row in csv_rows(path, ("TYPECOM", "COM", "DEP", "REG", "LIBELLE", "COMPARENT")):
        if row["TYPECOM"] == "COM":
            current[row["COM"]] = row
        elif row["COMPARENT"]:
            parent_of[row["COM"]] = row["COMPARENT"]
    return current, parent_of


def _bassin_members(
    path: Path, current: dict[str, dict[str, str]]
) -> tuple[dict[str, str], dict[str, Counter[str]]]:
    """Each current commune's bassin, and the labels each bassin is given (the source is not uniform)."""
    bassin_of: dict[str, str] = {}
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for _, row in csv_rows(path, ("code_commune_insee", "code_bassin_BMO", "lib_bassin_BMO")):
        if row["code_commune_insee"] in current:
            bassin_of[row["code_commune_insee"]] = row["code_bassin_BMO"]
            labels[row["code_bassin_BMO"]][row["lib_bassin_BMO"]] += 1
    return bassin_of, labels


def _bassins(
    current: dict[str, dict[str, str]],
    bassin_of: dict[str, str],
    labels: dict[str, Counter[str]],
    departement_names: list[str],
) -> list[dict[str, object]]:
    """Bassin rows: French name, region of most of its communes, and whether it is a demonstration one."""
    demo_bassins = {bassin_of[_find_town(current, name, dep)] for name, dep in DEMO_TOWNS}
    regions: dict[str, Counter[str]] = defaultdict(Counter)
    local_names: dict[str, list[str]] = defaultdict(list)
    for insee, code in bassin_of.items():
        regions[code][current[insee]["REG"]] += 1
        local_names[code].append(current[insee]["LIBELLE"])
    namer = BassinNamer(departement_names + [r["LIBELLE"] for r in current.values()])
    return [
        {
            "code": code,
            "name": NAME_FIXES.get(code) or namer(labels[code].most_common(1)[0][0], local_names[code]),
            "region": regions[code].most_common(1)[0][0],
            "demo": int(code in demo_bassins),
        }
        for code in sorted(labels, key=int)
    ]


def _postal(
    path: Path, current: dict[str, dict[str, str]], parent_of: dict[str, str]
) -> tuple[dict[str, set[str]], dict[str, tuple[float, float]]]:
    """Each current commune's postal codes, and La Poste's coordinates for it.

    Codes of arrondissements and delegated communes go to their parent. Communes restored or renumbered
    after La Poste's file was published are found by name (commune or locality) in their département.
    """
    postal_codes: dict[str, set[str]] = defaultdict(set)
    by_label: dict[tuple[str, str], set[str]] = defaultdict(set)
    gps: dict[str, tuple[float, float]] = {}
    for _, row in csv_rows(
        path, ("Code_commune_INSEE", "Nom_commune", "Ligne_5", "Code_postal", "coordonnees_gps"), ";"
    ):
        insee, code = row["Code_commune_INSEE"], row["Code_postal"]
        owner = insee if insee in current else parent_of.get(insee)
        if owner:
            postal_codes[owner].add(code)
        departement = insee[:3] if insee.startswith("97") else insee[:2]
        for label in (row["Nom_commune"], row["Ligne_5"]):
            by_label[departement, fold(label)].add(code)
        if insee in current and row["coordonnees_gps"] and insee not in gps:
            lat, lon = row["coordonnees_gps"].split(",")
            gps[insee] = (float(lat), float(lon))
    for insee, row in current.items():
        if not postal_codes[insee]:
            postal_codes[insee] = by_label[row["DEP"], fold(row["LIBELLE"])]
    return postal_codes, gps


def _find_town(current: dict[str, dict[str, str]], name: str, departement: str) -> str:
    found = [insee for insee, row in current.items() if row["LIBELLE"] == name and row["DEP"] == departement]
    if len(found) != 1:
        raise PlacesFileError(
            f"{COMMUNES_FILE}: commune de démonstration « {name} ({departement}) » introuvable"
        )
    return found[0]


def _write(path: Path, rows: Sequence[Mapping[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description="Construit communes.csv, bassins.csv et departements.csv.")
    parser.add_argument("source", nargs="?", type=Path, default=get_settings().shared_data_dir / "geo")
    parser.add_argument("--out", type=Path, default=REFERENTIAL_DIR)
    args = parser.parse_args()
    for name, count in build(args.source, args.out).items():
        size = (args.out / name).stat().st_size
        print(f"{name}: {count} lignes, {size / 1e6:.2f} Mo")


if __name__ == "__main__":
    main()
