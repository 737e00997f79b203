"""The questions whose wording depends on earlier answers (the others are responses in bot/domain)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import is_counsellor, slot_list
from actions.parsing import RATINGS

RATING_TITLES = {"acquis": "Acquis", "a_renforcer": "À renforcer", "pas_encore": "Pas encore"}


def numbered(lines: list[str]) -> str:
    return "\n".join(f"{number}. {line}" for number, line in enumerate(lines, start=1))


class AskJobCode(Action):
    """Confirm the fiche found for the job typed, or choose among close readings."""

    def name(self) -> str:
        return "action_ask_job_code"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        candidates = slot_list(tracker, "job_candidates")
        if len(candidates) == 1:
            dispatcher.utter_message(
                text=f"J'ai compris : « {candidates[0]['title']} ». C'est bien ça ?",
                buttons=[
                    {"title": "Oui", "payload": "/affirm"},
                    {"title": "Non", "payload": "/deny"},
                ],
            )
            return []
        titles = [c["title"] for c in candidates]
        dispatcher.utter_message(
            text="Lequel de ces métiers est le plus proche du vôtre ?\n"
            + numbered([*titles, "Aucun de ces métiers"]),
            buttons=[
                *(
                    {"title": c["title"], "payload": f'/inform_job{{"job_code": "{c["code"]}"}}'}
                    for c in candidates
                ),
                {"title": "Aucun de ces métiers", "payload": "/deny"},
            ],
        )
        return []


class AskSkillsReview(Action):
    """Show the competences understood; the person keeps them, removes some, or adds more."""

    def name(self) -> str:
        return "action_ask_skills_review"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        candidates = slot_list(tracker, "skill_candidates")
        who = "La personne sait" if is_counsellor(tracker) else "Vous savez"
        dispatcher.utter_message(
            text=f"Voici ce que j'ai compris. {who} :\n"
            + numbered([c["label"] for c in candidates])
            + "\nC'est juste ? Répondez « oui », donnez les numéros à retirer, "
            "ou ajoutez une autre compétence.",
            buttons=[
                {"title": "Oui, c'est juste", "payload": "/affirm"},
                *(
                    {"title": f"Retirer : {c['label']}", "payload": f'/deny{{"competence": "{c["code"]}"}}'}
                    for c in candidates
                ),
            ],
        )
        return []


class AskRating(Action):
    """One core competence of the fiche at a time: acquis, à renforcer or pas encore."""

    def name(self) -> str:
        return "action_ask_rating"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        items = slot_list(tracker, "checkup_items")
        ratings: dict[str, Any] = tracker.get_slot("ratings") or {}
        pending = [item for item in items if item["code"] not in ratings]
        if not pending:
            return []
        number = len(items) - len(pending) + 1
        subject = "La personne sait-elle" if is_counsellor(tracker) else "Savez-vous"
        dispatcher.utter_message(
            text=f"Compétence {number} sur {len(items)} : « {pending[0]['label']} ».\n"
            f"{subject} le faire ?\n" + numbered([RATING_TITLES[r] for r in RATINGS]),
            buttons=[
                {"title": RATING_TITLES[r], "payload": f'/inform_skills{{"level": "{r}"}}'} for r in RATINGS
            ],
        )
        return []
