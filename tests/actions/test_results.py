"""Results of each parcours, with their French text and ``custom`` payloads, on the shipped referential."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.results import Recap, ShowResults, ShowTrainings
from retrieval.engine import Engine
from retrieval.profiles import load_profile
from tests.actions.helpers import SENDER, custom, domain, said, tracker

pytestmark = pytest.mark.encoder

LINE_OPERATOR = {
    "consent": True,
    "parcours": "decouvrir",
    "job": "conductrice de ligne dans une usine de biscuits",
    "job_code": "H2102",
    "job_title": "Conduite d'équipement de production alimentaire",
    "years": 8.0,
    "competences": [],
    "sectors": [],
    "avoid": [],
    "place": "Beauvais (60)",
    "commune_insee": "60057",
    "radius_km": 30,
    "training": "courte",
}


def run(
    action: Any, slots: dict[str, Any], text: str = "", **kw: Any
) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker(text, slots=slots, form=False, **kw), domain()))
    return events, dispatcher


def test_bridges_as_cards_then_what_next(shipped_engine: Engine, profiles_url: str) -> None:
    events, dispatcher = run(ShowResults(), LINE_OPERATOR)
    bridges = custom(dispatcher, "bridges")
    assert len(bridges) == 5
    assert all(b["shared"] and b["code_rome"] != "H2102" for b in bridges)
    # machine conduct in metallurgy (H29) or plastics (H32) among the first five
    assert any(b["code_rome"][:3] in ("H29", "H32") for b in bridges)
    text = said(dispatcher)
    assert text[0].startswith("Voici des métiers proches du vôtre :\n1. ")
    assert "Déjà acquis : " in text[0]
    assert text[-1] == "utter_what_next"
    assert events == [
        {
            "event": "slot",
            "timestamp": None,
            "name": "shown_bridges",
            "value": [{"code": b["code_rome"], "title": b["title"]} for b in bridges],
        }
    ]
    stored = load_profile(profiles_url, SENDER)
    assert stored is not None and stored.occupation_code == "H2102" and stored.commune_insee == "60057"


def test_nothing_is_kept_without_consent(shipped_engine: Engine, profiles_url: str) -> None:
    run(ShowResults(), {**LINE_OPERATOR, "consent": False})
    assert load_profile(profiles_url, SENDER) is None


def test_near_me_shows_offers_first(shipped_engine: Engine, profiles_url: str) -> None:
    _, dispatcher = run(ShowResults(), {**LINE_OPERATOR, "parcours": "proche", "consent": False})
    offers = custom(dispatcher, "offers")
    assert 0 < len(offers) <= 5
    assert all(o["distance_km"] <= 30 for o in offers)
    assert len(custom(dispatcher, "bridges")) == 3
    assert said(dispatcher)[0].startswith(
        "Les offres à moins de 30 km qui vous correspondent le mieux :\n1. "
    )


def test_the_training_path_of_the_bridge_chosen_by_its_number(
    shipped_engine: Engine, profiles_url: str
) -> None:
    events, dispatcher = run(ShowResults(), LINE_OPERATOR)
    shown = events[0]["value"]
    events, dispatcher = run(
        ShowTrainings(),
        {**LINE_OPERATOR, "shown_bridges": shown},
        "la formation pour le 2",
        intent="ask_trainings",
    )
    assert events == [{"event": "slot", "timestamp": None, "name": "target", "value": shown[1]["code"]}]
    trainings = [
        m["custom"] for m in dispatcher.messages if (m.get("custom") or {}).get("type") == "trainings"
    ]
    assert trainings[0]["code_rome"] == shown[1]["code"]
    assert said(dispatcher)[0].startswith(f"Vers « {shown[1]['title']} »")


def test_the_skills_check_up(shipped_engine: Engine, profiles_url: str) -> None:
    items = [{"code": c.code, "label": c.label} for c in shipped_engine.core_competences("H2102")[:3]]
    ratings = {items[0]["code"]: "acquis", items[1]["code"]: "a_renforcer", items[2]["code"]: "pas_encore"}
    slots = {
        **LINE_OPERATOR,
        "parcours": "bilan",
        "checkup_items": items,
        "ratings": ratings,
        "consent": False,
    }
    _, dispatcher = run(ShowResults(), slots)
    assert custom(dispatcher, "profile") == [{**item, "rating": ratings[item["code"]]} for item in items]
    assert said(dispatcher)[0] == (
        f"Vos points forts : {items[0]['label']}.\nÀ renforcer : {items[1]['label']} ; {items[2]['label']}."
    )
    assert said(dispatcher)[1].startswith("Pour progresser, ")
    assert said(dispatcher)[-1] == "utter_what_next"


def test_the_recap(shipped_engine: Engine) -> None:
    shown = [{"code": "H3301", "title": "Conduite d'équipement de conditionnement"}]
    _, dispatcher = run(Recap(), {**LINE_OPERATOR, "shown_bridges": shown})
    assert said(dispatcher) == [
        "Résumé :\nVotre métier : Conduite d'équipement de production alimentaire.\n"
        "Vous cherchez autour de Beauvais (60), jusqu'à 30 km.\n"
        "Métiers proposés : Conduite d'équipement de conditionnement.\n"
        "Prochaines étapes : parlez-en à votre conseiller, postulez aux offres qui vous plaisent, "
        "et demandez le financement de la formation.\n"
        "Vos réponses sont gardées ; écrivez « effacer mes données » pour les supprimer."
    ]
    assert custom(dispatcher, "profile")[0]["bridges"] == shown


def test_changing_sector_shows_bridges_in_the_sector_wished(
    shipped_engine: Engine, profiles_url: str
) -> None:
    warehouse = {
        **LINE_OPERATOR,
        "consent": False,
        "parcours": "secteur",
        "job_code": "N1103",
        "sectors": ["plasturgie"],
        "commune_insee": "02691",
        "radius_km": 20,
        "training": "longue",
    }
    _, dispatcher = run(ShowResults(), warehouse)
    bridges = custom(dispatcher, "bridges")
    assert len(bridges) == 5
    assert all("plasturgie" in shipped_engine.sectors_of(b["code_rome"]) for b in bridges)
