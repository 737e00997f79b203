"""Build the `place` lookup table (and its spelling synonyms) from the shipped referential.

The lookup holds every commune of the demonstration territories (bassins with demo=1) and every
préfecture. People type on a phone without accents or hyphens, so each name also gets a plain
variant, mapped back to the official name by a synonym.

Run: .venv/bin/python nlu/build_lookups.py
"""

import csv
import unicodedata
from pathlib import Path

REFERENTIAL_DIR = Path(__file__).resolve().parent.parent / "retrieval" / "referential" / "data"
OUTPUT_DIR = Path(__file__).resolve().parent / "data"

# Commune names that are also everyday French words: matching them would tag "la mer" or "les murs".
EVERYDAY_WORDS = frozenset(
    {
        "Mer",
        "Murs",
        "Mont",
        "Monts",
        "Monnaie",
        "Hommes",
        "Vignes",
        "Bordes",
        "Roches",
        "Bretagne",
        "Sus",
        "Corn",
        "Bouillon",
        "Fossé",
        "Lies",
        "Hours",
        "Allier",
        "Germaine",
        "Maure",
        "Mun",
        "Lys",
    }
)


def read_rows(file_name: str) -> list[dict[str, str]]:
    with (REFERENTIAL_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def lookup_communes() -> list[str]:
    demo_bassins = {row["code"] for row in read_rows("bassins.csv") if row["demo"] == "1"}
    prefectures = {row["prefecture"] for row in read_rows("departements.csv")}
    names = {
        row["name"]
        for row in read_rows("communes.csv")
        if row["bassin"] in demo_bassins or row["insee"] in prefectures
    }
    return sorted(names - EVERYDAY_WORDS)


def plain_spelling(name: str) -> str:
    """The name as typed on a phone: no accents, no hyphens, no apostrophes, lower case."""
    decomposed = unicodedata.normalize("NFKD", name.replace("œ", "oe").replace("Œ", "Oe"))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(without_accents.replace("-", " ").replace("'", " ").replace("’", " ").split()).lower()


def yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_lookup(names: list[str]) -> None:
    # The extractor ignores case, so a variant is only added when it differs by more than case.
    plain_variants = {plain_spelling(name) for name in names} - {name.lower() for name in names}
    # Rasa joins the lookup into one alternation tried in order: longer names first, so that
    # "Lons-le-Saunier" is not cut short by "Lons".
    variants = sorted({*names, *plain_variants}, key=lambda variant: (-len(variant), variant.lower()))
    lines = ['version: "3.1"', "nlu:", "- lookup: place", "  examples: |"]
    lines += [f"    - {variant}" for variant in variants]
    (OUTPUT_DIR / "lookup_places.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_synonyms(names: list[str]) -> None:
    lines = ['version: "3.1"', "nlu:"]
    for name in names:
        variant = plain_spelling(name)
        if variant != name.lower():
            lines += [f"- synonym: {yaml_quoted(name)}", "  examples: |", f"    - {variant}"]
    (OUTPUT_DIR / "synonyms_places.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    names = lookup_communes()
    write_lookup(names)
    write_synonyms(names)
    print(f"{len(names)} communes written to {OUTPUT_DIR}")


if __name__ == "__main__":
    main()
