"""Places: distances on the Earth, the shipped communes and bassins, and resolving what a person types.

A place can be given as an INSEE code ("02691"), a postal code ("02100", shared by several communes: the
main one is returned, the others are its ``candidates``) or a commune name typed freely ("st quentin",
"CREIL", "chateauroux"), optionally followed by its département or postal code ("Saint-Denis (93)").
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from retrieval.store.models import Bassin, Commune, PostalCode

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
REFERENTIAL_DIR = Path(__file__).resolve().parent / "referential" / "data"

FloatArray = npt.NDArray[np.float64]

# Abbreviations people type in place names, expanded before comparing.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_QUALIFIED = re.compile(r"^(?P<name>.*?\D)[\s,(]+(?P<code>\d{5}|2[AB]|\d{2,3})\)?\s*$", re.IGNORECASE)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_km_array(
    lat_rad: float,
    lon_rad: float,
    lats_rad: FloatArray,
    lons_rad: FloatArray,
    cos_lats: FloatArray | None = None,
) -> FloatArray:
    """Distances in kilometres from one point to many, all in radians (``cos_lats`` may be precomputed)."""
    cos_lats = np.cos(lats_rad) if cos_lats is None else cos_lats
    a = (
        np.sin((lats_rad - lat_rad) / 2) ** 2
        + math.cos(lat_rad) * cos_lats * np.sin((lons_rad - lon_rad) / 2) ** 2
    )
    distances: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    return distances


def fold(text: str) -> str:
    """Lower-case words without accents nor punctuation, abbreviations expanded.

    "St-Quentin" → "saint quentin", "Œuilly" → "oeuilly".
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in re.findall(r"[a-z0-9]+", bare))


# --- the shipped referential files -------------------------------------------------------------------------


@dataclass(frozen=True)
class CommuneRecord:
    insee: str
    name: str
    departement: str
    postal_codes: tuple[str, ...]
    latitude: float
    longitude: float
    bassin: str

    def row(self) -> dict[str, str | float]:
        """Its row of the ``commune`` table (postal codes go to their own table)."""
        return {
            "insee": self.insee,
            "name": self.name,
            "departement": self.departement,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "bassin": self.bassin,
        }


@dataclass(frozen=True)
class BassinRecord:
    code: str
    name: str
    region: str
    demo: bool


@dataclass(frozen=True)
class DepartementRecord:
    code: str
    name: str
    region: str
    prefecture: str


class PlacesFileError(ValueError):
    """A shipped places file is malformed: ``str()`` names the file, line and field."""


def csv_rows(
    path: Path, required: tuple[str, ...], delimiter: str = ","
) -> Iterator[tuple[int, dict[str, str]]]:
    """A CSV file's rows with their line numbers, once its header is checked to name every required column."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise PlacesFileError(f"{path}, ligne 1 : colonne(s) manquante(s) : {', '.join(missing)}")
        yield from enumerate(reader, start=2)


def _field(path: Path, line: int, row: dict[str, str], name: str) -> str:
    value = row.get(name)
    if value is None or value == "":
        raise PlacesFileError(f"{path}, ligne {line} : champ « {name} » manquant")
    return value


def _number(path: Path, line: int, row: dict[str, str], name: str) -> float:
    try:
        return float(_field(path, line, row, name))
    except ValueError:
        raise PlacesFileError(f"{path}, ligne {line} : champ « {name} » n'est pas un nombre") from None


def read_communes(path: Path = REFERENTIAL_DIR / "communes.csv") -> list[CommuneRecord]:
    return [
        CommuneRecord(
            insee=_field(path, line, row, "insee"),
            name=_field(path, line, row, "name"),
            departement=_field(path, line, row, "departement"),
            postal_codes=tuple(row["postal_codes"].split()),
            latitude=_number(path, line, row, "latitude"),
            longitude=_number(path, line, row, "longitude"),
            bassin=_field(path, line, row, "bassin"),
        )
        for line, row in csv_rows(
            path, ("insee", "name", "departement", "postal_codes", "latitude", "longitude", "bassin")
        )
    ]


def read_bassins(path: Path = REFERENTIAL_DIR / "bassins.csv") -> list[BassinRecord]:
    return [
        BassinRecord(
            code=_field(path, line, row, "code"),
            name=_field(path, line, row, "name"),
            region=_field(path, line, row, "region"),
            demo=_field(path, line, row, "demo") == "1",
        )
        for line, row in csv_rows(path, ("code", "name", "region", "demo"))
    ]


def read_departements(path: Path = REFERENTIAL_DIR / "departements.csv") -> list[DepartementRecord]:
    return [
        DepartementRecord(
            code=_field(path, line, row, "code"),
            name=_field(path, line, row, "name"),
            region=_field(path, line, row, "region"),
            prefecture=_field(path, line, row, "prefecture"),
        )
        for line, row in csv_rows(path, ("code", "name", "region", "prefecture"))
    ]


# --- resolving what a person types -------------------------------------------------------------------------


@dataclass
class Place:
    """A resolved commune. ``candidates`` holds the other communes the text may also mean, if any."""

    insee: str
    name: str
    departement: str
    postal_code: str
    latitude: float | None
    longitude: float | None
    bassin: str | None
    candidates: list[Place] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)

    @property
    def position(self) -> tuple[float, float] | None:
        """(latitude, longitude) in degrees, when known."""
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude

    @property
    def label(self) -> str:
        """How to show it to a person: "Saint-Quentin (02)"."""
        return f"{self.name} ({self.departement})" if self.departement else self.name


def resolve_place(session: Session, text: str) -> Place | None:
    """The commune meant by ``text`` (INSEE code, postal code or name), or None when nothing matches.

    A five-digit code is read first as a postal code (what people type), then as an INSEE code; when it is
    both, the commune with that INSEE code is among the candidates.
    """
    text = text.strip()
    code = text.upper()
    if re.fullmatch(r"\d{5}|2[AB]\d{3}", code):
        by_insee = session.get(Commune, code)
        by_postal = _by_postal_code(session, code)
        if not by_postal:
            return _choose(session, [by_insee] if by_insee else [], postal_code="")
        also = [by_insee] if by_insee and by_insee not in by_postal else []
        return _choose(session, by_postal, postal_code=code, also=also)
    qualified = _QUALIFIED.match(text)
    name, qualifier = (qualified["name"], qualified["code"].upper()) if qualified else (text, "")
    matches = _by_name(session, name)
    if len(qualifier) == 5:
        postal = _postal_codes(session, matches)
        matches = [c for c in matches if qualifier in postal[c.insee]] or matches
    elif qualifier:
        matches = [c for c in matches if c.departement == qualifier] or matches
    return _choose(session, matches, postal_code=qualifier if len(qualifier) == 5 else "")


def commune_place(session: Session, insee: str) -> Place | None:
    """The commune with this INSEE code, as a place (no other reading: the code is known to be INSEE)."""
    commune = session.get(Commune, insee)
    return _choose(session, [commune], postal_code="") if commune else None


def find_place(session: Session, text: str) -> Place | None:
    """The commune a sentence names ("j'habite à Creil", "vers le 60100"): the whole text, else a postal
    code in it, else its longest ending that names a commune."""
    if place := resolve_place(session, text):
        return place
    if code := re.search(r"\b\d{5}\b", text):
        return resolve_place(session, code[0])
    words = re.split(r"[\s']+", text.strip(" .!?"))
    for start in range(1, len(words)):
        if place := resolve_place(session, " ".join(words[start:])):
            return place
    return None


def _by_postal_code(session: Session, code: str) -> list[Commune]:
    return list(session.scalars(select(Commune).join(PostalCode).where(PostalCode.code == code)))


def _by_name(session: Session, text: str) -> list[Commune]:
    words = fold(text).split()
    if not words:
        return []
    # Prefilter in SQL: a letter that may bear an accent is any one character, "oe" may be "œ", and a
    # separator anything; then compare folded names, separators aside.
    loose = [re.sub("[aeiouyc]", "_", word.replace("oe", "%").replace("ae", "%")) for word in words]
    rough = session.scalars(select(Commune).where(func.lower(Commune.name).like("%".join(loose))))
    key = "".join(words)
    return [c for c in rough if fold(c.name).replace(" ", "") == key]


def _postal_codes(session: Session, communes: Sequence[Commune]) -> dict[str, list[str]]:
    """Each commune's postal codes, in order."""
    codes: dict[str, list[str]] = {c.insee: [] for c in communes}
    query = (
        select(PostalCode.insee, PostalCode.code).where(PostalCode.insee.in_(codes)).order_by(PostalCode.code)
    )
    for insee, code in session.execute(query):
        codes[insee].append(code)
    return codes


def _choose(
    session: Session, matches: list[Commune], *, postal_code: str, also: Sequence[Commune] = ()
) -> Place | None:
    """The main commune among ``matches`` with the others (then ``also``) as candidates.

    The main one is a préfecture, else the commune its bassin is named after, else the one with most postal
    codes (a proxy for size).
    """
    if not matches:
        return None
    named = select(Bassin.code, Bassin.name).where(Bassin.code.in_({c.bassin for c in matches}))
    bassin_names: dict[str, str] = {code: name for code, name in session.execute(named)}
    postal = _postal_codes(session, [*matches, *also])

    def rank(commune: Commune) -> tuple[bool, bool, int, str]:
        named_after = f" {fold(commune.name)} " in f" {fold(bassin_names.get(commune.bassin or '', ''))} "
        return (
            commune.insee not in _prefectures(),
            not named_after,
            -len(postal[commune.insee]),
            commune.insee,
        )

    def place(commune: Commune) -> Place:
        codes = postal[commune.insee]
        return Place(
            insee=commune.insee,
            name=commune.name,
            departement=commune.departement,
            postal_code=postal_code if postal_code in codes else next(iter(codes), ""),
            latitude=commune.latitude,
            longitude=commune.longitude,
            bassin=commune.bassin,
        )

    main, *others = sorted(matches, key=rank)
    resolved = place(main)
    resolved.candidates = [place(c) for c in [*others, *also]]
    return resolved


@lru_cache(maxsize=1)
def _prefectures() -> frozenset[str]:
    return frozenset(d.prefecture for d in read_departements())
