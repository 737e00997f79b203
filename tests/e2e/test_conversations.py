"""Whole conversations in French with the running assistant, over REST and socket.io."""

from __future__ import annotations

import pytest

from retrieval.profiles import load_profile
from retrieval.settings import get_settings
from runtime.dialogue import LINE_OPERATOR as ANSWERS
from runtime.dialogue import RestPerson, SocketPerson, button, customs, interview, texts
from runtime.services import AssistantUrls

pytestmark = [pytest.mark.encoder, pytest.mark.assistant]


def test_a_line_operator_discovers_bridges_then_offers_and_a_training(assistant: AssistantUrls) -> None:
    person = RestPerson(assistant.webhook)
    messages, asked = interview(
        person, ANSWERS, "bonjour, je suis conductrice de ligne dans une usine de biscuits à Beauvais"
    )
    # The job and the place said in the first message are not asked again.
    assert "Quel est votre métier" not in asked and "Où habitez-vous ?" not in asked
    assert [p["items"][0]["step"] for p in customs(messages, "progress")] in ([], [5])
    bridges = customs(messages, "bridges")[0]["items"]
    assert len(bridges) == 5
    machine_conduct = [b for b in bridges if b["code_rome"][:3] in ("H29", "H32")]
    assert machine_conduct and all(b["shared"] for b in machine_conduct)
    assert "Voici des métiers proches du vôtre :" in texts(messages)

    offers = customs(person.say("je voudrais voir les offres près de chez moi"), "offers")[0]["items"]
    assert offers and all(o["distance_km"] <= 30 for o in offers)

    chosen = machine_conduct[0]
    trainings = customs(person.say(f'/ask_trainings{{"target": "{chosen["code_rome"]}"}}'), "trainings")[0]
    assert trainings["code_rome"] == chosen["code_rome"]

    stored = load_profile(get_settings().store_url, person.sender)
    assert stored is not None and stored.occupation_code == "H2102" and stored.commune_insee == "60057"
    assert "effacées" in texts(person.say("effacer mes données"))
    assert load_profile(get_settings().store_url, person.sender) is None


def test_interruptions_and_a_correction_inside_the_interview(assistant: AssistantUrls) -> None:
    person = RestPerson(assistant.webhook)
    person.say("bonjour")
    person.say("non")  # no consent: nothing is kept, the guidance goes on
    assert "Quel est votre métier" in texts(person.say("2"))
    why = texts(person.say("pourquoi vous me demandez ça ?"))
    assert "point de départ" in why and "Quel est votre métier" in why
    assert "Quel est votre métier" in texts(person.say("t'es un robot ?"))
    messages = person.say("magasinier cariste")
    if "Lequel de ces métiers" in texts(messages):
        messages = person.say(button("N11", "1")(messages))
    else:
        messages = person.say("oui")
    assert "Avez-vous des souhaits ?" in texts(messages)
    messages = person.say("peu importe")
    assert "Où habitez-vous ?" in texts(messages)
    # A town the NLU was not taught (it reads "Compiègne" as help): still the answer.
    assert "Jusqu'à quelle distance" in texts(person.say("Compiègne"))
    corrected = texts(person.say("non j'habite à Creil"))
    assert "C'est corrigé." in corrected and "Jusqu'à quelle distance" in corrected
    results = person.say("20 km")
    offers = customs(results, "offers")[0]["items"]
    assert offers and all(o["distance_km"] <= 20 for o in offers)
    assert load_profile(get_settings().store_url, person.sender) is None


def test_unclear_messages_help_then_did_you_mean(assistant: AssistantUrls) -> None:
    person = RestPerson(assistant.webhook)
    person.say("bonjour")
    # Not knowing what to answer gets help about the question asked; a "?" is no consent.
    assert "Si vous êtes d'accord, je garde vos réponses" in texts(person.say("je sais pas"))
    unclear = texts(person.say("?"))
    assert "Je préfère être sûr de votre accord" in unclear and "Puis-je garder vos réponses" in unclear
    assert "C'est noté : je ne garde rien." in texts(person.say("2"))
    person.say("effacer mes données")  # leaves the interview
    # Out of the interview, a message without words: "Vouliez-vous dire…?", then the person says it again.
    guess = texts(person.say("..."))
    assert "Vouliez-vous dire : savoir ce que je peux faire ?" in guess
    assert "Un conseiller peut vous aider" in texts(person.say("je veux parler à un conseiller"))


def test_the_skills_check_up(assistant: AssistantUrls) -> None:
    person = RestPerson(assistant.webhook, counsellor_secret=get_settings().secret_key)
    answers = {
        **ANSWERS,
        "Quel est le métier actuel": "cariste",
        "Depuis combien d'années": "3 ans",
        "Compétence": "acquis",
        "Dans quelle commune habite la personne": "60100",
    }
    # The person consented in the console: the first question is the parcours.
    assert "Quel parcours pour cette session ?" in texts(person.say("bonjour"))
    messages, asked = interview(person, answers, "3")
    assert asked.count("Compétence") >= 3
    rated = customs(messages, "profile")[0]["items"]
    assert rated and all(item["rating"] == "acquis" for item in rated)
    person.say("effacer mes données")


def test_a_job_near_me_over_socket_io(assistant: AssistantUrls) -> None:
    person = SocketPerson(assistant.rasa)
    try:
        person.say("bonjour")
        person.say("non")
        messages, _ = interview(person, ANSWERS, "2")
        offers = customs(messages, "offers")[0]["items"]
        assert offers and all(o["distance_km"] <= 30 for o in offers)
        assert len(customs(messages, "bridges")[0]["items"]) == 3
    finally:
        person.close()
