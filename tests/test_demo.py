"""Demonstration data: reproducible from its seed, always labelled, placed in the demo territories."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from retrieval.demo import (
    CONTRACTS,
    DEMO_MARK,
    JITTER_KM,
    PREFECTURE_OFFERS,
    PUBLICATION_WINDOW_DAYS,
    REFERENCE_DATE,
    SESSIONS_PER_CERTIFICATION,
    demo_territories,
    generate_demo,
)
from retrieval.geo import haversine_km, read_communes
from retrieval.referential.load import load_referential
from retrieval.store import transaction
from retrieval.store.models import Offer, TrainingSession
from tests.factories import competence, write_referential

LINE = [f"ligne-{n}" for n in range(8)]
WAREHOUSE = [f"entrepot-{n}" for n in range(8)]
CARE = [f"soin-{n}" for n in range(8)]
SHARED = [f"commun-{n}" for n in range(6)]


def fiche(code: str, sectors: list[str], core: list[str]) -> dict[str, Any]:
    return {
        "code": code,
        "level": 3,
        "sectors": sectors,
        "titles": [f"Intitulé {code} {n}" for n in range(4)] + [f"faute de frappe {code}"],
        "core": core,
        "secondary": SHARED,
    }


@pytest.fixture
def demo_url(store_url: str, tmp_path: Path) -> str:
    """A store with three fiches (plastics, warehouse, care) and one certification with two blocs."""
    vocabulary = [competence(code) for code in LINE + WAREHOUSE + CARE + SHARED]
    occupations = [
        fiche("H3201", ["plasturgie"], LINE),
        fiche("N1103", ["logistique"], WAREHOUSE),
        fiche("J1501", ["sanitaire-social"], CARE),
    ]
    folder = write_referential(
        tmp_path / "ref", occupations, vocabulary, sectors=("plasturgie", "logistique", "sanitaire-social")
    )
    funding = [{"code": "cpf", "name": "CPF", "description": "Compte personnel de formation."}]
    certification = {
        "code": "CQP-TEST",
        "title": "CQP conducteur de presse (test)",
        "kind": "CQP",
        "hours": 280,
        "funding": ["cpf"],
        "occupations": ["H3201"],
        "blocs": [
            {"code": "CQP-TEST-B1", "title": "Préparer la production", "hours": 140, "competences": LINE[:4]},
            {"code": "CQP-TEST-B2", "title": "Conduire la production", "hours": 140, "competences": LINE[4:]},
        ],
    }
    (folder / "funding.yaml").write_text(yaml.safe_dump(funding, allow_unicode=True), encoding="utf-8")
    (folder / "certifications.yaml").write_text(
        yaml.safe_dump([certification], allow_unicode=True), encoding="utf-8"
    )
    load_referential(store_url, folder)
    return store_url


def snapshot(url: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with transaction(url) as session:
        offers = [
            (
                o.id,
                o.title,
                o.occupation,
                o.company,
                o.contract,
                o.commune,
                o.latitude,
                o.longitude,
                tuple(o.competences),
                o.published,
            )
            for o in session.scalars(select(Offer).where(Offer.demo.is_(True)).order_by(Offer.id))
        ]
        sessions = [
            (s.id, s.title, s.organisation, s.commune, s.start, s.end, s.hours, s.places, tuple(s.funding))
            for s in session.scalars(select(TrainingSession).order_by(TrainingSession.id))
        ]
    return offers, sessions


def test_same_seed_same_rows_and_a_rerun_replaces_them(demo_url: str) -> None:
    first = generate_demo(demo_url, seed=2026)
    rows = snapshot(demo_url)
    second = generate_demo(demo_url, seed=2026)
    assert second == first
    assert snapshot(demo_url) == rows
    assert len(rows[0]) == first.offers and len(rows[1]) == first.sessions
    generate_demo(demo_url, seed=7)
    assert snapshot(demo_url)[0] != rows[0]
    assert "fictives" in first.summary()


def test_every_row_is_labelled_as_demonstration(demo_url: str) -> None:
    generate_demo(demo_url, seed=1)
    with transaction(demo_url) as session:
        offers = session.scalars(select(Offer)).all()
        sessions = session.scalars(select(TrainingSession)).all()
    assert offers and sessions
    assert all(o.demo and o.source == "demo" and o.company.endswith(DEMO_MARK) for o in offers)
    assert all("démonstration" in o.description for o in offers)
    assert all(s.demo and s.source == "demo" and s.organisation.endswith(DEMO_MARK) for s in sessions)


def test_real_offers_are_kept(demo_url: str) -> None:
    with transaction(demo_url) as session:
        session.add(Offer(id="FT-1", title="Cariste", contract="CDI", source="france-travail"))
    generate_demo(demo_url, seed=1)
    with transaction(demo_url) as session:
        assert session.get(Offer, "FT-1") is not None


def test_offers_cover_every_territory_near_its_communes(demo_url: str) -> None:
    report = generate_demo(demo_url, seed=3)
    territories = demo_territories()
    assert report.territories == len(territories) == 13 + 101
    communes = {c.insee: c for c in read_communes()}
    with transaction(demo_url) as session:
        offers = session.scalars(select(Offer)).all()
    per_commune = Counter(o.commune for o in offers)
    for territory in territories:
        placed = sum(per_commune[c.insee] for c in territory.communes)
        if territory.kind == "bassin":
            occupations = {o.occupation for o in offers if communes[o.commune or ""].bassin == territory.code}
            assert occupations == {"H3201", "N1103", "J1501"}, territory.code
        else:
            assert placed >= PREFECTURE_OFFERS, territory.code
    oldest = REFERENCE_DATE - dt.timedelta(days=PUBLICATION_WINDOW_DAYS)
    core = {"H3201": set(LINE), "N1103": set(WAREHOUSE), "J1501": set(CARE)}
    for offer in offers:
        commune = communes[offer.commune or ""]
        assert offer.latitude is not None and offer.longitude is not None
        distance = haversine_km(commune.latitude, commune.longitude, offer.latitude, offer.longitude)
        assert distance <= JITTER_KM + 0.01
        assert offer.contract in CONTRACTS
        assert offer.published is not None and oldest < offer.published <= REFERENCE_DATE
        assert 4 <= len(offer.competences) <= 8 and set(offer.competences) <= core[offer.occupation or ""]
        assert offer.title.startswith("Intitulé") and offer.title.endswith("(H/F)")
    per_occupation = Counter(o.occupation for o in offers)
    assert per_occupation["H3201"] > 1.5 * per_occupation["J1501"]  # industry and logistics are favoured
    assert per_occupation["N1103"] > 1.5 * per_occupation["J1501"]


def test_training_sessions_prepare_the_certification_and_each_bloc(demo_url: str) -> None:
    generate_demo(demo_url, seed=5)
    with transaction(demo_url) as session:
        sessions = session.scalars(select(TrainingSession).order_by(TrainingSession.id)).all()
    whole = [s for s in sessions if len(s.blocs) == 2]
    by_bloc = sorted(s.blocs[0] for s in sessions if len(s.blocs) == 1)
    assert len(whole) == SESSIONS_PER_CERTIFICATION and by_bloc == ["CQP-TEST-B1", "CQP-TEST-B2"]
    for training in sessions:
        assert training.certification == "CQP-TEST" and training.funding == ["cpf"]
        assert training.start is not None and training.end is not None
        assert REFERENCE_DATE < training.start < training.end
        assert training.hours in (280, 140) and training.places is not None and 0 <= training.places <= 12
