"""Bridges on a tiny referential, with random vectors: competences match only when they are the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from retrieval.bridges import Profile
from retrieval.engine import Engine
from retrieval.geo import Place
from retrieval.referential.load import load_referential
from retrieval.store import transaction
from retrieval.store.models import Offer
from tests.factories import HashEncoder, competence, write_referential

LINE_WORK = [
    "demarrer-ligne",
    "regler-parametres",
    "controler-produits",
    "renseigner-suivi",
    "maintenance-premier-niveau",
]
SAFETY = ["appliquer-securite", "travailler-en-equipe", "signaler-anomalies"]
FOOD = ["hygiene-alimentaire", "nettoyer-desinfecter", "peser-doser", "conditionner-produits"]
PLASTICS = ["conduire-presse-injecter", "changer-moule", "ebavurer-pieces", "surveiller-cycle-injection"]
WAREHOUSE = ["conduire-chariot", "charger-camion", "preparer-commandes", "ranger-stock", "faire-inventaire"]
CARE = [
    "aider-toilette",
    "prendre-constantes",
    "accompagner-repas",
    "transmettre-observations",
    "refaire-lit",
]
PARCELS = ["emballer-colis", "etiqueter-colis", "scanner-colis", "controler-reception"]
OTHERS = [f"soin-{n}" for n in range(8)]


def fiche(
    code: str, sectors: list[str], core: list[str], secondary: list[str], level: int = 3
) -> dict[str, Any]:
    titles = [f"{code} titre {n}" for n in range(5)]
    return {
        "code": code,
        "level": level,
        "sectors": sectors,
        "titles": titles,
        "core": core,
        "secondary": secondary,
    }


@pytest.fixture
def engine(store_url: str, tmp_path: Path) -> Engine:
    vocabulary = [
        competence(c) for c in LINE_WORK + SAFETY + FOOD + PLASTICS + WAREHOUSE + PARCELS + CARE + OTHERS
    ]
    vocabulary.append(competence("travail-de-nuit", "contexte", 0))
    occupations = [
        fiche("H2102", ["agroalimentaire"], LINE_WORK + FOOD, SAFETY) | {"context": ["travail-de-nuit"]},
        fiche("H3201", ["plasturgie"], LINE_WORK + PLASTICS, SAFETY) | {"context": ["travail-de-nuit"]},
        fiche("N1101", ["logistique"], [*WAREHOUSE, "appliquer-securite"], SAFETY[1:] + PARCELS),
        fiche("J1501", ["agroalimentaire"], CARE + OTHERS[:3], OTHERS[3:8]),
    ]
    load_referential(store_url, write_referential(tmp_path / "ref", occupations, vocabulary))
    return Engine(store_url, HashEncoder(), tmp_path / "indexes")


def test_line_operator_bridges_to_plastics_first_with_shared_and_missing(engine: Engine) -> None:
    bridges = engine.bridges(Profile(occupations=("H2102",)), top=3)
    assert [b.code for b in bridges] == ["H3201", "N1101", "J1501"]
    plastics = bridges[0]
    assert {s.code for s in plastics.shared} == set(LINE_WORK + SAFETY)
    assert [m.code for m in plastics.missing if m.core] == sorted(PLASTICS)
    assert plastics.training_hours == 4 * 35
    assert plastics.band == "passerelle courte"
    assert plastics.facets["coverage"] > bridges[1].facets["coverage"] > bridges[2].facets["coverage"]


def test_confirmed_competences_alone_give_bridges(engine: Engine) -> None:
    bridges = engine.bridges(Profile(competences=tuple(WAREHOUSE)), top=1)
    assert bridges[0].code == "N1101"
    assert [m.code for m in bridges[0].missing if m.core] == ["appliquer-securite"]


def test_avoided_conditions_and_sector_wishes_move_targets(engine: Engine) -> None:
    neutral = engine.bridges(Profile(occupations=("N1101",)), top=3)
    night_averse = engine.bridges(Profile(occupations=("N1101",), avoid=("travail-de-nuit",)), top=3)
    assert {b.code: b.score for b in night_averse}["H3201"] < {b.code: b.score for b in neutral}["H3201"]
    plastics = next(b for b in night_averse if b.code == "H3201")
    assert "conditions de travail que vous souhaitez éviter" in plastics.reasons
    wishing = engine.bridges(Profile(occupations=("N1101",), sectors=("plasturgie",)), top=3)
    assert wishing[0].code == "H3201"
    assert "dans un secteur que vous visez" in wishing[0].reasons


def test_bridges_are_deterministic(engine: Engine) -> None:
    profile = Profile(occupations=("H3201",), competences=("conduire-chariot",))
    assert engine.bridges(profile, top=3) == engine.bridges(profile, top=3)


def test_reverse_bridges_rank_sources_as_the_forward_bridges_score_them(engine: Engine) -> None:
    sources = engine.bridge_model.reverse("H3201", top=3)
    assert [code for code, _ in sources] == ["H2102", "N1101", "J1501"]
    forward = {code: engine.bridges(Profile(occupations=(code,)), top=3) for code, _ in sources}
    for code, bridge in sources:
        assert bridge.code == "H3201"
        assert bridge == next(b for b in forward[code] if b.code == "H3201")
    scores = [bridge.score for _, bridge in sources]
    assert scores == sorted(scores, reverse=True)


def test_declared_competences_count_on_their_own_beside_the_current_job(engine: Engine) -> None:
    care_only = engine.bridges(Profile(occupations=("J1501",)), top=3)
    with_warehouse = engine.bridges(Profile(occupations=("J1501",), competences=tuple(WAREHOUSE[:2])), top=3)
    before = next(b.score for b in care_only if b.code == "N1101")
    assert with_warehouse[0].code == "N1101"
    assert before < 0.05 < 0.3 < with_warehouse[0].score
    assert with_warehouse[0].facets["declared"] == 1.0
    assert "declared" not in care_only[0].facets


def test_offers_are_ranked_by_fit_to_the_person_then_distance(engine: Engine) -> None:
    beauvais = Place("60057", "Beauvais", "60", "60000", 49.43, 2.08, None)
    with transaction(engine.url) as session:
        for number, (code, km_north) in enumerate([("J1501", 0.0), ("H3201", 10.0), ("H2102", 20.0)]):
            session.add(
                Offer(
                    id=f"o{number}",
                    title=f"Offre {code}",
                    occupation=code,
                    contract="CDI",
                    latitude=49.43 + km_north / 111.2,
                    longitude=2.08,
                    published=dt.date(2026, 11, 1),
                    demo=True,
                    source="demo",
                )
            )
    nearest = engine.offers_near(beauvais, 30)
    assert [o.id for o in nearest] == ["o0", "o1", "o2"]
    fitting = engine.offers_near(beauvais, 30, profile=Profile(occupations=("H2102",)))
    assert [o.id for o in fitting] == ["o2", "o1", "o0"]
    assert fitting[0].distance_km == pytest.approx(20.0, abs=0.1)
