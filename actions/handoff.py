"""Handing over to a human counsellor, and the "did you mean…?" step of the two-stage fallback."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

#: How the person would say each intent the assistant may have misunderstood.
INTENT_WORDS = {
    "greet": "dire bonjour",
    "goodbye": "terminer la conversation",
    "thank": "dire merci",
    "affirm": "répondre oui",
    "deny": "répondre non",
    "inform_job": "parler de votre métier",
    "inform_skills": "parler de vos compétences",
    "inform_place": "dire où vous habitez",
    "inform_wishes": "parler de vos souhaits",
    "inform_experience": "parler de votre expérience",
    "inform_training": "parler de formation",
    "choose_parcours": "choisir un parcours",
    "ask_bridges": "voir des métiers proches du vôtre",
    "ask_offers": "voir des offres d'emploi",
    "ask_trainings": "voir des formations",
    "ask_skills_checkup": "faire le point sur vos compétences",
    "correct": "corriger une réponse",
    "why_ask": "savoir pourquoi je pose cette question",
    "help": "savoir ce que je peux faire",
    "restart": "tout recommencer",
    "ask_counsellor": "parler à un conseiller",
    "consent_yes": "accepter que je garde vos réponses",
    "consent_no": "refuser que je garde vos réponses",
    "delete_my_data": "effacer vos données",
    "bot_challenge": "savoir si je suis un robot",
    "out_of_scope": "parler d'autre chose",
    "chitchat": "discuter",
}


class AskAffirmation(Action):
    """First stage of the fallback: "Vouliez-vous dire : voir des offres d'emploi ?" """

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        said = tracker.latest_message.get("text") or ""
        # Without a single word ("?", "..."), the NLU's ranking means nothing: offer help.
        ranking = (tracker.latest_message.get("intent_ranking") or []) if any(map(str.isalnum, said)) else []
        guess = next((i["name"] for i in ranking if i["name"] in INTENT_WORDS), "help")
        dispatcher.utter_message(
            # No numbered choices: a number typed would be read as a parcours ("1"), not as "oui".
            text=f"Vouliez-vous dire : {INTENT_WORDS[guess]} ? Sinon, écrivez-le autrement.",
            buttons=[
                {"title": "Oui", "payload": f"/{guess}"},
                {"title": "Non", "payload": "/out_of_scope"},
            ],
        )
        return []


class Handoff(Action):
    """Say how to reach a counsellor, with what to show them."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_handoff")
        if shown := tracker.get_slot("shown_bridges"):
            dispatcher.utter_message(
                text="Vous pouvez lui montrer les métiers trouvés ensemble : "
                + " ; ".join(b["title"] for b in shown)
                + "."
            )
        return []
