"""Demonstration job offers and training sessions, generated reproducibly from a seed.

Everything generated here is fictitious and says so: ``demo=True``, source "demo", and "(démonstration)"
in every employer's and training organisation's name. Offers are placed in the demonstration bassins
(every occupation of the store, more for industry, logistics and construction) and in every préfecture
(a weighted sample); training sessions prepare the store's certifications and their blocs.

``synthetic_offers`` makes a million anonymous offers over the French communes for the benchmarks.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import numpy as np
import numpy.typing as npt
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from retrieval.geo import (
    REFERENTIAL_DIR,
    CommuneRecord,
    FloatArray,
    fold,
    read_bassins,
    read_communes,
    read_departements,
)
from retrieval.store import transaction
from retrieval.store.models import (
    Certification,
    JobTitle,
    Occupation,
    OccupationCompetence,
    OccupationSector,
    Offer,
    TrainingSession,
)

T = TypeVar("T")

DEMO_SOURCE = "demo"
DEMO_MARK = "(démonstration)"
#: Offers are published within the 60 days before this date, sessions start after it: fixed, so that the
#: same seed always gives the same rows.
REFERENCE_DATE = dt.date(2026, 1, 15)
PUBLICATION_WINDOW_DAYS = 60

#: Contract types (France Travail codes; ALT stands for alternance): French wording and share of offers.
CONTRACTS = {
    "CDI": ("CDI", 0.40),
    "CDD": ("CDD", 0.25),
    "MIS": ("intérim", 0.25),
    "ALT": ("alternance", 0.10),
}
#: How much more often the sectors the project is about hire, relative to the others (weight 1).
SECTOR_WEIGHTS = {
    "agroalimentaire": 3.0,
    "metallurgie": 3.0,
    "plasturgie": 3.0,
    "chimie": 3.0,
    "industrie": 3.0,
    "logistique": 3.0,
    "transport-routier": 2.5,
    "btp": 2.5,
    "energie": 2.0,
    "maritime": 2.0,
}
PREFECTURE_OFFERS = 20
SESSIONS_PER_CERTIFICATION = 3
JITTER_KM = 2.0
KM_PER_DEGREE = 111.195

#: Fictitious employers: a trade of the sector, then a town or a family name.
TRADES = {
    "agroalimentaire": ["Biscuiterie", "Conserverie", "Laiterie", "Salaisons", "Minoterie", "Fromagerie"],
    "metallurgie": ["Forges", "Mécanique de précision", "Chaudronnerie", "Fonderie", "Usinage"],
    "plasturgie": ["Plastiques", "Injection plastique", "Composites", "Emballages plastiques"],
    "chimie": ["Chimie", "Laboratoires", "Produits chimiques"],
    "industrie": ["Industries", "Ateliers", "Manufacture"],
    "logistique": ["Logistique", "Entrepôts", "Plateforme logistique"],
    "transport-routier": ["Transports", "Messageries", "Fret routier"],
    "btp": ["Bâtiment", "Travaux publics", "Maçonnerie", "Charpentes"],
    "maritime": ["Armement", "Manutention portuaire", "Chantier naval"],
    "services-automobile": ["Garage", "Carrosserie", "Centre auto"],
    "energie": ["Énergies", "Réseaux électriques", "Recyclage"],
    "commerce": ["Supermarché", "Magasin", "Jardinerie"],
    "hotellerie-restauration": ["Hôtel-restaurant", "Brasserie", "Restaurant collectif"],
    "proprete": ["Nettoyage", "Propreté services"],
    "sanitaire-social": ["Résidence seniors", "Aide à domicile", "Clinique"],
    "enseignement-conduite": ["Auto-école"],
    "agriculture": ["Coopérative agricole", "Paysages", "Pépinières"],
    "securite": ["Sécurité", "Gardiennage"],
    "administration": ["Services", "Cabinet"],
}
GENERIC_TRADES = ["Établissements", "Entreprise", "Groupe"]
FAMILY_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Garnier",
    "Roux",
    "Fontaine",
    "Chevalier",
]
TRAINING_CENTRES = [
    "Centre de formation professionnelle",
    "Institut des métiers",
    "Campus des métiers",
    "Pôle formation",
    "École de production",
]


@dataclass(frozen=True)
class Territory:
    """Where demonstration rows are placed: a demonstration bassin, or a préfecture."""

    kind: Literal["bassin", "prefecture"]
    code: str
    communes: list[CommuneRecord]
    #: Main towns, where half of the offers and every training session go.
    towns: list[CommuneRecord]


@dataclass(frozen=True)
class OccupationFacts:
    code: str
    titles: list[str]
    core: list[str]
    sectors: list[str]

    @property
    def weight(self) -> float:
        return max((SECTOR_WEIGHTS.get(s, 1.0) for s in self.sectors), default=1.0)


@dataclass(frozen=True)
class DemoReport:
    offers: int
    sessions: int
    territories: int
    seed: int

    def summary(self) -> str:
        return (
            f"Données de démonstration (fictives) : {self.offers} offres et {self.sessions} sessions de "
            f"formation dans {self.territories} territoires (graine {self.seed})."
        )


def generate_demo(url: str, *, seed: int, reference_date: dt.date = REFERENCE_DATE) -> DemoReport:
    """Replace the store's demonstration offers and sessions by those of ``seed``, in one transaction."""
    rng = np.random.default_rng(seed)
    territories = demo_territories()
    with transaction(url) as session:
        occupations = _occupations(session)
        certifications = list(session.scalars(select(Certification).order_by(Certification.code)))
        offers = _offers(rng, territories, occupations, reference_date)
        sessions = _sessions(rng, territories, certifications, reference_date)
        session.execute(delete(Offer).where(Offer.demo.is_(True)))
        session.execute(delete(TrainingSession).where(TrainingSession.demo.is_(True)))
        if offers:
            session.execute(insert(Offer), offers)
        if sessions:
            session.execute(insert(TrainingSession), sessions)
    return DemoReport(offers=len(offers), sessions=len(sessions), territories=len(territories), seed=seed)


def has_demo_data(url: str) -> bool:
    with transaction(url) as session:
        return session.scalar(select(Offer.id).where(Offer.demo).limit(1)) is not None


def demo_territories() -> list[Territory]:
    """The demonstration bassins, then every préfecture, from the shipped places files."""
    communes = read_communes()
    by_insee = {c.insee: c for c in communes}
    prefectures = [by_insee[d.prefecture] for d in read_departements()]
    prefecture_codes = {p.insee for p in prefectures}
    in_bassin: dict[str, list[CommuneRecord]] = defaultdict(list)
    for commune in communes:
        in_bassin[commune.bassin].append(commune)
    territories = []
    for bassin in read_bassins():
        if bassin.demo:
            members = in_bassin[bassin.code]
            # Main towns: the bassin's préfectures and the towns it is named after ("Béarn" has Pau).
            towns = [c for c in members if c.insee in prefecture_codes or _names(c.name, bassin.name)]
            territories.append(Territory("bassin", bassin.code, members, towns or members))
    territories += [Territory("prefecture", p.departement, [p], [p]) for p in prefectures]
    return territories


def _names(town: str, bassin: str) -> bool:
    return f" {fold(town)} " in f" {fold(bassin)} "


def _occupations(session: Session) -> list[OccupationFacts]:
    """Occupations that have core competences, with their job titles and sectors, in a stable order."""
    # Job titles as an employer writes them: appellations and variants that start with a capital letter.
    # Lower-case variants record how people type (abbreviations, typos: "technicien de maintenence"), and
    # the fiche's official title names a field of work rather than a job.
    titles: dict[str, list[str]] = defaultdict(list)
    for code, label in session.execute(
        select(JobTitle.occupation, JobTitle.label)
        .where(JobTitle.kind != "official")
        .order_by(JobTitle.occupation, JobTitle.label)
    ):
        if label[:1].isupper():
            titles[code].append(label)
    core: dict[str, list[str]] = defaultdict(list)
    core_query = select(OccupationCompetence.occupation, OccupationCompetence.competence).where(
        OccupationCompetence.core.is_(True)
    )
    for code, competence in session.execute(
        core_query.order_by(OccupationCompetence.occupation, OccupationCompetence.competence)
    ):
        core[code].append(competence)
    sectors: dict[str, list[str]] = defaultdict(list)
    for code, sector in session.execute(
        select(OccupationSector.occupation, OccupationSector.sector).order_by(
            OccupationSector.occupation, OccupationSector.sector
        )
    ):
        sectors[code].append(sector)
    return [
        OccupationFacts(code, titles[code] or [title], core[code], sectors[code])
        for code, title in session.execute(
            select(Occupation.code, Occupation.title).order_by(Occupation.code)
        )
        if core[code]
    ]


def _offers(
    rng: np.random.Generator,
    territories: list[Territory],
    occupations: list[OccupationFacts],
    reference_date: dt.date,
) -> list[dict[str, Any]]:
    if not occupations:
        return []
    weights = np.array([o.weight for o in occupations])
    rows: list[dict[str, Any]] = []
    for territory in territories:
        if territory.kind == "bassin":
            # Every occupation at least once; the favoured sectors about ``weight`` times on average.
            counts = 1 + rng.poisson(weights - 1)
        else:
            counts = np.bincount(
                rng.choice(len(occupations), PREFECTURE_OFFERS, p=weights / weights.sum()),
                minlength=len(occupations),
            )
        for occupation, count in zip(occupations, counts, strict=True):
            for _ in range(count):
                rows.append(_offer(rng, len(rows), territory, occupation, reference_date))
    return rows


def _offer(
    rng: np.random.Generator,
    number: int,
    territory: Territory,
    occupation: OccupationFacts,
    reference_date: dt.date,
) -> dict[str, Any]:
    commune = _pick(rng, territory.towns if rng.random() < 0.5 else territory.communes)
    latitude, longitude = _jitter(rng, commune)
    title = _pick(rng, occupation.titles)
    title += "" if "H/F" in title else " (H/F)"
    company = _employer(rng, occupation, commune)
    contract = str(rng.choice(list(CONTRACTS), p=[share for _, share in CONTRACTS.values()]))
    size = int(rng.integers(min(4, len(occupation.core)), min(8, len(occupation.core)) + 1))
    sample = np.sort(rng.choice(len(occupation.core), size=size, replace=False))
    return {
        "id": f"demo-offre-{number:06d}",
        "title": title,
        "occupation": occupation.code,
        "description": (
            f"Offre fictive de démonstration : {title}, contrat {CONTRACTS[contract][0]}, "
            f"à {commune.name}. Elle sert à essayer l'assistant et ne correspond à aucun recrutement réel."
        ),
        "company": f"{company} {DEMO_MARK}",
        "contract": contract,
        "commune": commune.insee,
        "place_label": f"{commune.name} ({commune.departement})",
        "latitude": latitude,
        "longitude": longitude,
        "competences": [occupation.core[i] for i in sample],
        "published": reference_date - dt.timedelta(days=int(rng.integers(0, PUBLICATION_WINDOW_DAYS))),
        "demo": True,
        "source": DEMO_SOURCE,
    }


@dataclass(frozen=True)
class Course:
    """What a training session prepares: a whole certification, or one of its blocs."""

    certification: Certification
    title: str
    blocs: list[str]
    hours: int | None


def _sessions(
    rng: np.random.Generator,
    territories: list[Territory],
    certifications: list[Certification],
    reference_date: dt.date,
) -> list[dict[str, Any]]:
    bassins = [t for t in territories if t.kind == "bassin"]
    prefectures = [t for t in territories if t.kind == "prefecture"]
    if not bassins or not prefectures:
        return []
    rows: list[dict[str, Any]] = []
    for certification in certifications:
        blocs = sorted(certification.blocs, key=lambda b: b.code)
        hours = certification.duration_hours or sum(b.hours or 0 for b in blocs) or None
        whole = Course(certification, certification.title, [b.code for b in blocs], hours)
        # The whole certification in demonstration bassins and one préfecture, each bloc in a bassin.
        plans = [(_pick(rng, bassins), whole) for _ in range(SESSIONS_PER_CERTIFICATION - 1)]
        plans.append((_pick(rng, prefectures), whole))
        plans += [
            (
                _pick(rng, bassins),
                Course(
                    certification,
                    f"{bloc.title} (bloc de compétences de : {certification.title})",
                    [bloc.code],
                    bloc.hours,
                ),
            )
            for bloc in blocs
        ]
        for territory, course in plans:
            rows.append(_session(rng, len(rows), territory, course, reference_date))
    return rows


def _session(
    rng: np.random.Generator, number: int, territory: Territory, course: Course, reference_date: dt.date
) -> dict[str, Any]:
    commune = _pick(rng, territory.towns)
    latitude, longitude = _jitter(rng, commune)
    start = reference_date + dt.timedelta(days=int(rng.integers(14, 180)))
    weeks = math.ceil((course.hours or 35) / 35)  # full time, 35 hours a week
    return {
        "id": f"demo-session-{number:06d}",
        "title": course.title,
        "certification": course.certification.code,
        "blocs": course.blocs,
        "organisation": f"{_pick(rng, TRAINING_CENTRES)} {_of(commune.name)} {DEMO_MARK}",
        "commune": commune.insee,
        "place_label": f"{commune.name} ({commune.departement})",
        "latitude": latitude,
        "longitude": longitude,
        "start": start,
        "end": start + dt.timedelta(days=7 * weeks - 3),
        "hours": course.hours,
        "places": int(rng.integers(0, 13)),
        "funding": list(course.certification.funding),
        "demo": True,
        "source": DEMO_SOURCE,
    }


def _employer(rng: np.random.Generator, occupation: OccupationFacts, commune: CommuneRecord) -> str:
    trades = [t for sector in occupation.sectors for t in TRADES.get(sector, [])] or GENERIC_TRADES
    trade = _pick(rng, trades)
    return f"{trade} {_pick(rng, FAMILY_NAMES)}" if rng.random() < 0.3 else f"{trade} {_of(commune.name)}"


def _of(town: str) -> str:
    """French "of" before a town name: "du Mans", "des Herbiers", "d'Aurillac", "de Beauvais"."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if town.startswith(article):
            return contracted + town.removeprefix(article)
    return f"d'{town}" if fold(town[:1]) in set("aeiouy") else f"de {town}"


def _jitter(rng: np.random.Generator, commune: CommuneRecord) -> tuple[float, float]:
    latitudes, longitudes = _scatter(rng, np.array([commune.latitude]), np.array([commune.longitude]))
    return round(float(latitudes[0]), 5), round(float(longitudes[0]), 5)


def _scatter(
    rng: np.random.Generator, latitudes: FloatArray, longitudes: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Points drawn uniformly within ``JITTER_KM`` of the given centres (degrees)."""
    distance = JITTER_KM * np.sqrt(rng.random(len(latitudes)))
    bearing = 2 * np.pi * rng.random(len(latitudes))
    new_latitudes = latitudes + distance * np.cos(bearing) / KM_PER_DEGREE
    new_longitudes = longitudes + distance * np.sin(bearing) / (
        KM_PER_DEGREE * np.cos(np.radians(new_latitudes))
    )
    return new_latitudes, new_longitudes


def _pick(rng: np.random.Generator, items: Sequence[T]) -> T:
    return items[int(rng.integers(len(items)))]


# --- benchmark data ----------------------------------------------------------------------------------------

SYNTHETIC_DTYPE = np.dtype(
    [("id", "U10"), ("latitude", "f8"), ("longitude", "f8"), ("contract", "U3"), ("rome", "U5")]
)


def synthetic_offers(n: int, seed: int) -> npt.NDArray[np.void]:
    """``n`` anonymous offers spread over the French communes (a few km around their centres), as a
    structured array with fields id, latitude, longitude, contract, rome (see ``OfferIndex.from_arrays``)."""
    rng = np.random.default_rng(seed)
    communes = read_communes()
    latitudes = np.array([c.latitude for c in communes])
    longitudes = np.array([c.longitude for c in communes])
    with (REFERENTIAL_DIR / "rome_codes.csv").open(encoding="utf-8", newline="") as handle:
        rome_codes = np.array([row["code"] for row in csv.DictReader(handle)])
    where = rng.integers(len(communes), size=n)
    offers = np.empty(n, dtype=SYNTHETIC_DTYPE)
    offers["id"] = [f"syn{i:07d}" for i in range(n)]
    offers["latitude"], offers["longitude"] = _scatter(rng, latitudes[where], longitudes[where])
    offers["contract"] = rng.choice(list(CONTRACTS), size=n, p=[share for _, share in CONTRACTS.values()])
    offers["rome"] = rome_codes[rng.integers(len(rome_codes), size=n)]
    return offers
