"""The interview form's validation: answers read, failures counted, progress announced."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import ValidateInterviewForm
from retrieval.engine import Engine
from retrieval.profiles import StoredProfile, load_profile
from tests.actions.helpers import SENDER, custom, domain, said, tracker


def validate(
    text: str, *, answer: dict[str, Any], slots: dict[str, Any] | None = None, **kw: Any
) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ValidateInterviewForm().run(dispatcher, tracker(text, answer=answer, slots=slots, **kw), domain())
    )
    return events, dispatcher


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_consent_then_the_parcours_menu(profiles_url: str) -> None:
    events, dispatcher = validate(
        "oui", intent="consent_yes", answer={"consent": True}, slots={"requested_slot": "consent"}
    )
    assert events == [
        {"event": "slot", "timestamp": None, "name": "consent", "value": True},
        {"event": "slot", "timestamp": None, "name": "requested_slot", "value": "parcours"},
    ]
    assert said(dispatcher) == ["utter_consent_given"]
    assert load_profile(profiles_url, SENDER) == StoredProfile(ref=SENDER)


def test_a_guided_sessions_consent_is_not_announced_twice(profiles_url: str) -> None:
    events, dispatcher = validate(
        "bonjour",
        intent="greet",
        answer={"consent": True},
        slots={"requested_slot": None, "audience": "counsellor"},
    )
    assert {"event": "slot", "timestamp": None, "name": "consent", "value": True} in events
    assert "utter_consent_given" not in said(dispatcher)


def test_an_unsure_yes_is_no_consent(profiles_url: str) -> None:
    events, dispatcher = validate(
        "hmm", intent="affirm", confidence=0.56, answer={"consent": True}, slots={"requested_slot": "consent"}
    )
    assert events == [
        {"event": "slot", "timestamp": None, "name": "consent", "value": None},
        {"event": "slot", "timestamp": None, "name": "requested_slot", "value": "consent"},
    ]
    assert said(dispatcher) == ["utter_consent_unclear"]
    assert load_profile(profiles_url, SENDER) is None


@pytest.mark.parametrize(("typed", "consent"), [("1", True), ("2", False), ("peut-être", None)])
def test_consent_by_its_menu_number(typed: str, consent: bool | None) -> None:
    events, _ = validate(
        typed, intent="choose_parcours", answer={"consent": typed}, slots={"requested_slot": "consent"}
    )
    assert slot_events(events)["consent"] is consent


def test_each_accepted_answer_of_a_consenting_person_is_kept(profiles_url: str) -> None:
    """A counsellor's console shows the profile as it grows, not only once the bridges are computed."""
    asked = {"consent": True, "parcours": "decouvrir", "requested_slot": "years"}
    validate("huit ans", intent="inform_experience", answer={"years": "huit ans"}, slots=asked)
    kept = load_profile(profiles_url, SENDER)
    assert kept is not None and kept.years == 8 and kept.parcours == "decouvrir"


def test_nothing_is_kept_without_consent(profiles_url: str) -> None:
    asked = {"consent": False, "parcours": "decouvrir", "requested_slot": "years"}
    validate("huit ans", intent="inform_experience", answer={"years": "huit ans"}, slots=asked)
    assert load_profile(profiles_url, SENDER) is None


def test_a_parcours_number_starts_its_first_step() -> None:
    events, dispatcher = validate(
        "2",
        intent="choose_parcours",
        answer={"parcours": "2"},
        slots={"consent": False, "requested_slot": "parcours"},
    )
    assert slot_events(events) == {"parcours": "proche", "failed_answers": 0, "requested_slot": "job"}
    assert said(dispatcher) == [
        "C'est parti : « Trouver un emploi près de chez vous », 3 étapes, environ 2 minutes.",
        "Étape 1 sur 3 : votre métier",
    ]
    assert custom(dispatcher, "progress") == [
        {"step": 1, "total": 3, "label": "votre métier", "parcours": "proche"}
    ]


def test_two_unreadable_answers_explain_and_offer_a_counsellor() -> None:
    opened = {
        "consent": False,
        "parcours": "decouvrir",
        "job": "cariste",
        "job_code": "N1101",
        "requested_slot": "years",
    }
    events, dispatcher = validate("bof", answer={"years": "bof"}, slots=opened)
    assert slot_events(events) == {"years": None, "failed_answers": 1, "requested_slot": "years"}
    assert said(dispatcher) == ["Je n'ai pas compris la durée. Écrivez par exemple « 3 ans » ou « 6 mois »."]
    events, dispatcher = validate("bof", answer={"years": "bof"}, slots={**opened, "failed_answers": 1})
    assert slot_events(events) == {"years": None, "failed_answers": 0, "requested_slot": "years"}
    assert said(dispatcher) == ["utter_two_failures"]


@pytest.mark.encoder
def test_a_job_in_free_words_is_confirmed_then_its_competences_rated(shipped_engine: Engine) -> None:
    opened = {"consent": False, "parcours": "bilan", "requested_slot": "job"}
    events, _ = validate("je suis cariste", answer={"job": "je suis cariste"}, slots=opened)
    found = slot_events(events)
    assert found["job_candidates"][0]["code"] == "N1101"
    assert found["requested_slot"] == "job_code"
    slots = {**opened, **found}
    events, dispatcher = validate("oui", intent="affirm", answer={"job_code": "oui"}, slots=slots)
    confirmed = slot_events(events)
    assert confirmed["job_code"] == "N1101"
    assert confirmed["ratings"] == {}
    core = [item["code"] for item in confirmed["checkup_items"]]
    assert core == [c.code for c in shipped_engine.core_competences("N1101")][: len(core)]
    assert confirmed["requested_slot"] == "years"
    assert said(dispatcher) == []


@pytest.mark.encoder
def test_each_rating_moves_to_the_next_competence(shipped_engine: Engine) -> None:
    items = [{"code": c.code, "label": c.label} for c in shipped_engine.core_competences("N1101")[:2]]
    slots = {
        "consent": False,
        "parcours": "bilan",
        "job": "cariste",
        "job_code": "N1101",
        "years": 3.0,
        "checkup_items": items,
        "ratings": {},
        "requested_slot": "rating",
    }
    events, _ = validate("acquis", answer={"rating": "acquis"}, slots=slots)
    assert slot_events(events) == {
        "ratings": {items[0]["code"]: "acquis"},
        "rating": None,
        "failed_answers": 0,
        "requested_slot": "rating",
    }
    slots["ratings"] = {items[0]["code"]: "acquis"}
    events, dispatcher = validate("pas encore", answer={"rating": "pas encore"}, slots=slots)
    assert slot_events(events) == {
        "ratings": {items[0]["code"]: "acquis", items[1]["code"]: "pas_encore"},
        "rating": "fait",
        "failed_answers": 0,
        "requested_slot": "place",
    }
    assert said(dispatcher) == ["Étape 3 sur 3 : où chercher une formation"]


def test_wishes_avoid_only_what_the_person_does_not_want() -> None:
    asked = {"consent": False, "parcours": "decouvrir", "requested_slot": "wishes"}
    text = "pas de nuit, mais travailler debout ça me va"
    found = [
        {"entity": "constraint", "value": "nuit", "start": 0, "end": 11},
        {"entity": "constraint", "value": "station-debout", "start": 29, "end": 35},
    ]
    events, _ = validate(text, intent="inform_wishes", entities=found, answer={"wishes": text}, slots=asked)
    assert slot_events(events)["avoid"] == ["travail-nuit", "horaires-postes"]
    text = "travailler debout ça me va"
    welcomed = [{"entity": "constraint", "value": "station-debout", "start": 11, "end": 17}]
    events, _ = validate(
        text, intent="inform_wishes", entities=welcomed, answer={"wishes": text}, slots=asked
    )
    # An answer all the same: nothing to avoid, and the interview goes on.
    assert slot_events(events)["avoid"] == []
    assert slot_events(events)["requested_slot"] != "wishes"


@pytest.mark.encoder
def test_what_the_person_does_not_do_is_not_proposed_as_a_competence(shipped_engine: Engine) -> None:
    asked = {"consent": False, "parcours": "decouvrir", "job": "cariste", "job_code": "N1101", "years": 2.0}
    text = "je fais pas de nuit mais je conduis des chariots"
    events, _ = validate(text, answer={"skills_text": text}, slots={**asked, "requested_slot": "skills_text"})
    labels = [c["label"].lower() for c in slot_events(events)["skill_candidates"]]
    assert labels and not any("nuit" in label for label in labels)
    text = "je ne fais pas de travail de nuit"
    events, dispatcher = validate(
        text, answer={"skills_text": text}, slots={**asked, "requested_slot": "skills_text"}
    )
    assert slot_events(events)["skills_text"] is None
    assert said(dispatcher)[0].startswith("Je n'ai pas reconnu de compétence.")


@pytest.mark.encoder
def test_a_place_in_a_sentence_and_removed_competences(shipped_engine: Engine) -> None:
    opened = {
        "consent": False,
        "parcours": "proche",
        "job": "cariste",
        "job_code": "N1101",
        "wishes": "peu importe",
        "requested_slot": "place",
    }
    events, _ = validate("j'habite à Creil", answer={"place": "j'habite à Creil"}, slots=opened)
    assert slot_events(events) == {
        "place": "Creil (60)",
        "commune_insee": "60175",
        "failed_answers": 0,
        "requested_slot": "radius_km",
    }
    candidates = [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}, {"code": "c", "label": "C"}]
    review = {
        "consent": False,
        "parcours": "decouvrir",
        "job": "cariste",
        "job_code": "N1101",
        "years": 2.0,
        "skills_text": "...",
        "skill_candidates": candidates,
        "requested_slot": "skills_review",
    }
    events, _ = validate("enlève la 1 et la 3", answer={"skills_review": "enlève la 1 et la 3"}, slots=review)
    assert slot_events(events) == {
        "skill_candidates": [{"code": "b", "label": "B"}],
        "skills_review": None,
        "failed_answers": 0,
        "requested_slot": "skills_review",
    }
    events, _ = validate("oui", intent="affirm", answer={"skills_review": "oui"}, slots=review)
    assert slot_events(events)["competences"] == ["a", "b", "c"]
    assert slot_events(events)["requested_slot"] == "wishes"


def test_on_socket_io_the_payload_travels_as_data() -> None:
    _, dispatcher = validate(
        "1",
        intent="choose_parcours",
        answer={"parcours": "1"},
        slots={"consent": True, "requested_slot": "parcours"},
        channel="socketio",
    )
    assert dispatcher.messages[1]["custom"] == {
        "data": {
            "custom": {
                "type": "progress",
                "items": [{"step": 1, "total": 5, "label": "votre métier", "parcours": "decouvrir"}],
            }
        }
    }


@pytest.mark.encoder
def test_an_answer_that_corrects_an_earlier_one(shipped_engine: Engine) -> None:
    asked = {
        "consent": False,
        "parcours": "proche",
        "job": "cariste",
        "job_code": "N1101",
        "wishes": "peu importe",
        "place": "Beauvais (60)",
        "commune_insee": "60057",
        "requested_slot": "radius_km",
    }
    events, dispatcher = validate(
        "non j'habite à Creil",
        intent="inform_place",
        answer={"radius_km": "non j'habite à Creil"},
        slots=asked,
    )
    assert slot_events(events) == {
        "place": "Creil (60)",
        "commune_insee": "60175",
        "radius_km": None,
        "requested_slot": "radius_km",
    }
    assert said(dispatcher) == ["C'est corrigé."]


@pytest.mark.encoder
def test_the_job_words_found_in_a_sentence_are_searched(shipped_engine: Engine) -> None:
    sentence = "je suis conductrice de ligne dans une usine de biscuits"
    entities = [{"entity": "job", "value": "conductrice de ligne"}, {"entity": "job", "value": "de"}]
    events, _ = validate(
        sentence,
        answer={"job": sentence},
        entities=entities,
        slots={"consent": False, "parcours": "proche", "requested_slot": "job"},
    )
    assert slot_events(events)["job_candidates"] == [
        {"code": "H2102", "title": "Conduite d'équipement de production alimentaire"}
    ]
