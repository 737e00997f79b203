"""Opening, questions, interruptions, corrections, privacy and handoff: exact events and messages."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import AskAffirmation, Handoff
from actions.privacy import ConsentChanged, DeleteMyData
from actions.questions import AskJobCode, AskRating, AskSkillsReview
from actions.session import AnswerInterruption, ChooseParcours, Correct, Welcome
from retrieval.counsellor import counsellor_metadata, counsellor_signature
from retrieval.engine import Engine
from retrieval.profiles import StoredProfile, load_profile, save_profile
from retrieval.settings import get_settings
from tests.actions.helpers import SENDER, domain, said, tracker

#: What the API adds to a counsellor's messages.
COUNSELLOR = counsellor_metadata(get_settings().secret_key, SENDER)


def run(action: Any, text: str = "", **kw: Any) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker(text, **kw), domain()))
    return events, dispatcher


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


@pytest.mark.encoder
def test_welcome_reads_what_the_first_message_said(shipped_engine: Engine) -> None:
    entities = [{"entity": "job", "value": "cariste"}, {"entity": "place", "value": "Beauvais"}]
    events, dispatcher = run(
        Welcome(),
        "je suis cariste à Beauvais",
        entities=entities,
        metadata=COUNSELLOR,
        form=False,
    )
    # The person consented in the console before the API signed their messages: not asked again.
    assert events == [
        slot("audience", "counsellor"),
        slot("consent", True),
        slot("job", "cariste"),
        slot("job_candidates", [{"code": "N1101", "title": "Conduite d'engins de déplacement des charges"}]),
        slot("job_code", None),
        slot("job_title", None),
        slot("place", "Beauvais (60)"),
        slot("commune_insee", "60057"),
    ]
    assert dispatcher.messages[0]["response"] == "utter_welcome_counsellor"


def test_a_consent_withdrawn_in_a_guided_session_stays_withdrawn() -> None:
    events, dispatcher = run(Welcome(), "bonjour", metadata=COUNSELLOR, slots={"consent": False}, form=False)
    assert events == [slot("audience", "counsellor")]
    assert said(dispatcher) == ["utter_greet_again"]


@pytest.mark.encoder
def test_words_that_name_no_job_are_asked_again(shipped_engine: Engine) -> None:
    events, dispatcher = run(Welcome(), "bonjour", entities=[{"entity": "job", "value": "8 ans"}], form=False)
    assert events == [slot("audience", "person")]
    assert said(dispatcher) == ["utter_welcome"]


@pytest.mark.parametrize(
    "metadata",
    [
        {"role": "counsellor"},
        {"role": "counsellor", "counsellor": counsellor_signature(get_settings().secret_key, "someone-else")},
        {"role": "counsellor", "counsellor": counsellor_signature("another-secret", SENDER)},
        {"counsellor": ["not", "a", "signature"]},
    ],
)
def test_only_the_apis_signature_makes_a_counsellor(metadata: dict[str, Any]) -> None:
    events, dispatcher = run(Welcome(), "bonjour", metadata=metadata, form=False)
    assert events == [slot("audience", "person")]
    assert said(dispatcher) == ["utter_welcome"]


def test_welcome_back() -> None:
    events, dispatcher = run(Welcome(), "rebonjour", intent="greet", slots={"consent": False}, form=False)
    assert events == [slot("audience", "person")]
    assert said(dispatcher) == ["utter_greet_again"]


def test_another_parcours_by_button_or_by_words() -> None:
    def chosen(text: str, intent: str, **kw: Any) -> list[dict[str, Any]]:
        slots = {"consent": False, **kw.pop("slots", {})}
        return run(ChooseParcours(), text, intent=intent, slots=slots, **kw)[0]

    button = [{"entity": "parcours", "value": "bilan"}]
    assert chosen("/choose_parcours", "choose_parcours", entities=button) == [
        slot("parcours", "bilan"),
        slot("rating", None),
    ]
    assert chosen("des offres pres de chez moi", "choose_parcours")[0] == slot("parcours", "proche")
    assert chosen("on fait le point ?", "ask_skills_checkup")[0] == slot("parcours", "bilan")
    assert chosen("d'autres métiers ?", "ask_bridges", slots={"parcours": "bilan"})[0] == slot(
        "parcours", "decouvrir"
    )
    assert chosen("d'autres métiers ?", "ask_bridges", slots={"parcours": "secteur"})[0] == slot(
        "parcours", "secteur"
    )


def test_a_first_message_that_chooses_a_parcours_gets_the_welcome_first() -> None:
    events, dispatcher = run(ChooseParcours(), "je veux changer de secteur", intent="choose_parcours")
    assert events == [slot("audience", "person"), slot("parcours", "secteur"), slot("rating", None)]
    assert said(dispatcher) == ["utter_welcome"]


@pytest.mark.parametrize(
    ("intent", "asked", "response"),
    [
        ("why_ask", "place", "utter_why_place"),
        ("why_ask", None, "utter_why_generic"),
        # "je ne sais pas quoi répondre": how to answer the question asked, or how to skip it.
        ("help", "wishes", "utter_help_wishes"),
        ("help", "years", "utter_help_years"),
        ("help", None, "utter_help"),
        ("chitchat", "job", "utter_chitchat"),
        ("bot_challenge", "years", "utter_bot_challenge"),
    ],
)
def test_interruptions_are_answered(intent: str, asked: str | None, response: str) -> None:
    events, dispatcher = run(AnswerInterruption(), "?", intent=intent, slots={"requested_slot": asked})
    assert events == []
    assert said(dispatcher) == [response]


@pytest.mark.encoder
@pytest.mark.parametrize("text", ["Creil", "à Compiègne", "60100"])
def test_a_town_taken_for_chitchat_answers_the_place_question(shipped_engine: Engine, text: str) -> None:
    events, dispatcher = run(AnswerInterruption(), text, intent="chitchat", slots={"requested_slot": "place"})
    assert events == [slot("place", text)]
    assert dispatcher.messages == []


@pytest.mark.encoder
def test_a_real_interruption_at_the_place_question_is_answered(shipped_engine: Engine) -> None:
    events, dispatcher = run(
        AnswerInterruption(), "comment ça marche", intent="help", slots={"requested_slot": "place"}
    )
    assert events == []
    assert said(dispatcher) == ["utter_help_place"]


def test_the_job_found_is_confirmed_or_chosen() -> None:
    one = [{"code": "N1101", "title": "Conduite d'engins de déplacement des charges"}]
    _, dispatcher = run(AskJobCode(), slots={"job_candidates": one})
    assert (
        dispatcher.messages[0]["text"]
        == "J'ai compris : « Conduite d'engins de déplacement des charges ». C'est bien ça ?"
    )
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny"]
    two = [*one, {"code": "N1103", "title": "Magasinage et préparation de commandes"}]
    _, dispatcher = run(AskJobCode(), slots={"job_candidates": two})
    assert dispatcher.messages[0]["text"] == (
        "Lequel de ces métiers est le plus proche du vôtre ?\n"
        "1. Conduite d'engins de déplacement des charges\n"
        "2. Magasinage et préparation de commandes\n"
        "3. Aucun de ces métiers"
    )
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [
        '/inform_job{"job_code": "N1101"}',
        '/inform_job{"job_code": "N1103"}',
        "/deny",
    ]


def test_competences_shown_with_a_button_to_remove_each() -> None:
    candidates = [
        {"code": "a", "label": "Conduire un chariot"},
        {"code": "b", "label": "Préparer des commandes"},
    ]
    _, dispatcher = run(AskSkillsReview(), slots={"skill_candidates": candidates})
    message = dispatcher.messages[0]
    assert message["text"].startswith(
        "Voici ce que j'ai compris. Vous savez :\n1. Conduire un chariot\n2. Préparer"
    )
    assert [b["payload"] for b in message["buttons"]] == [
        "/affirm",
        '/deny{"competence": "a"}',
        '/deny{"competence": "b"}',
    ]


def test_the_next_competence_to_rate_for_a_counsellor() -> None:
    items = [{"code": "a", "label": "Conduire un chariot"}, {"code": "b", "label": "Charger un camion"}]
    _, dispatcher = run(
        AskRating(),
        slots={"checkup_items": items, "ratings": {"a": "acquis"}},
        metadata=COUNSELLOR,
    )
    assert dispatcher.messages[0]["text"] == (
        "Compétence 2 sur 2 : « Charger un camion ».\nLa personne sait-elle le faire ?\n"
        "1. Acquis\n2. À renforcer\n3. Pas encore"
    )


def test_did_you_mean_names_the_likeliest_intent_in_french() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "ask_counsellor", "confidence": 0.3}]
    dispatcher = CollectingDispatcher()
    message = tracker("jveu un conseiller", intent="nlu_fallback")
    message.latest_message["intent_ranking"] = ranking
    asyncio.run(AskAffirmation().run(dispatcher, message, domain()))
    assert dispatcher.messages[0]["text"] == (
        "Vouliez-vous dire : parler à un conseiller ? Sinon, écrivez-le autrement."
    )
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/ask_counsellor", "/out_of_scope"]


def test_did_you_mean_offers_help_for_a_message_without_words() -> None:
    dispatcher = CollectingDispatcher()
    message = tracker("?", intent="nlu_fallback")
    message.latest_message["intent_ranking"] = [{"name": "affirm", "confidence": 0.99}]
    asyncio.run(AskAffirmation().run(dispatcher, message, domain()))
    assert dispatcher.messages[0]["text"] == (
        "Vouliez-vous dire : savoir ce que je peux faire ? Sinon, écrivez-le autrement."
    )


def test_handoff_names_what_to_show() -> None:
    shown = [{"code": "H3301", "title": "Conduite d'équipement de conditionnement"}]
    _, dispatcher = run(
        Handoff(), "un conseiller svp", intent="ask_counsellor", slots={"shown_bridges": shown}
    )
    assert said(dispatcher) == [
        "utter_handoff",
        "Vous pouvez lui montrer les métiers trouvés ensemble : Conduite d'équipement de conditionnement.",
    ]


@pytest.mark.encoder
def test_a_correction_reads_the_place_again(shipped_engine: Engine) -> None:
    events, dispatcher = run(
        Correct(),
        "non j'habite à Creil",
        intent="correct",
        slots={"place": "Beauvais (60)", "requested_slot": "radius_km"},
    )
    assert events == [slot("place", "Creil (60)"), slot("commune_insee", "60175")]
    assert said(dispatcher) == ["C'est corrigé."]


def test_a_correction_without_subject_asks_what_to_correct() -> None:
    events, dispatcher = run(Correct(), "non c'est faux", intent="correct", form=False)
    assert events == []
    assert said(dispatcher)[0].startswith("Que voulez-vous corriger ?")


def keep(url: str) -> None:
    save_profile(url, StoredProfile(ref=SENDER, occupation_code="N1101"), consent_at=dt.datetime.now(dt.UTC))


def test_delete_my_data_erases_the_store_and_the_answers(profiles_url: str) -> None:
    keep(profiles_url)
    events, dispatcher = run(DeleteMyData(), "effacez tout", intent="delete_my_data", slots={"consent": True})
    assert load_profile(profiles_url, SENDER) is None
    assert events == [
        {"event": "active_loop", "timestamp": None, "name": None},
        {"event": "reset_slots", "timestamp": None},
        slot("audience", "person"),
    ]
    assert said(dispatcher)[0].startswith("C'est fait : vos réponses sont effacées")


def test_withdrawing_consent_erases_what_was_kept(profiles_url: str) -> None:
    keep(profiles_url)
    events, dispatcher = run(ConsentChanged(), "gardez rien", intent="consent_no", slots={"consent": False})
    assert events == []
    assert load_profile(profiles_url, SENDER) is None
    assert said(dispatcher) == ["C'est noté : je ne garde plus rien et j'ai effacé ce que j'avais gardé."]


def test_every_question_has_its_help_and_its_why() -> None:
    for question in domain()["forms"]["interview_form"]["required_slots"]:
        assert f"utter_help_{question}" in domain()["responses"], question
        assert f"utter_why_{question}" in domain()["responses"], question
