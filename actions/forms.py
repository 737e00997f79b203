"""Validation of the interview form: which questions a parcours asks, how answers are read, progress.

``GuidedFormValidation`` is shared by the assistant's forms: each answer goes through a reader of
actions/answers.py; an answer that cannot be read is asked again, and after two in a row the person is told
how to answer and that a counsellor can help; a new step is announced ("Étape 2 sur 5 : vos compétences").
Each accepted answer of a consenting person is kept at once, so that a counsellor sees the profile grow.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from actions import answers, parsing
from actions.conversation import custom, is_counsellor
from actions.engine import EngineUnavailable
from actions.parcours import OPENING_SLOTS, PARCOURS
from actions.privacy import remember

#: After this many answers in a row that could not be read, explain and offer a counsellor.
FAILURES_BEFORE_HELP = 2
#: The NLU's confidence below which a "yes" is not taken as consent.
CLEAR_CONSENT = 0.8


def consent_answer(value: Any, tracker: Tracker) -> bool | None:
    """Yes or no from the intent (True/False) or a menu number typed ("1", "2"); None when unclear.

    Consent must be a clear yes: a "yes" the NLU is unsure of ("hmm") is no consent.
    """
    if isinstance(value, bool):
        confidence = float((tracker.latest_message.get("intent") or {}).get("confidence", 1.0))
        return None if value and confidence < CLEAR_CONSENT else value
    choice = parsing.menu_number(str(value), 2)
    return None if choice is None else choice == 1


class GuidedFormValidation(FormValidationAction, ABC):
    @abstractmethod
    def name(self) -> str:
        """Each form's own validation action (abstract: the action server skips this base class)."""

    async def read(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        try:
            slots = await answers.READERS[slot](value, tracker, dispatcher)
        except answers.Rejected as rejected:
            if corrected := await self.correction(slot, dispatcher, tracker):
                return {**corrected, slot: None}
            failures = int(tracker.get_slot("failed_answers") or 0) + 1
            if failures >= FAILURES_BEFORE_HELP:
                dispatcher.utter_message(response="utter_two_failures")
                failures = 0
            else:
                dispatcher.utter_message(text=str(rejected))
            return {slot: None, "failed_answers": failures}
        except EngineUnavailable:
            dispatcher.utter_message(response="utter_engine_unavailable")
            return {slot: None}
        return {**slots, "failed_answers": 0}

    async def correction(
        self, asked: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any] | None:
        """An answer that does not fit the question may correct an earlier one ("non, j'habite à Creil")."""
        found = answers.corrected(tracker, tracker.latest_message.get("text") or "")
        if found is None or found[0] == asked or tracker.get_slot(found[0]) is None:
            return None
        try:
            return await answers.correct(*found, tracker, dispatcher)
        except (answers.Rejected, EngineUnavailable):
            return None

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventType | None:
        """The next question, announced by its step when a new step begins (the answer kept first)."""
        answered = tracker.get_slot(REQUESTED_SLOT)
        if answered and tracker.get_slot(answered) is not None:
            await remember(tracker)
        event = await super().next_requested_slot(dispatcher, tracker, domain)
        chosen = PARCOURS.get(str(tracker.get_slot("parcours")))
        if event is None or chosen is None:
            return event
        asked = chosen.step_of(tracker.get_slot(REQUESTED_SLOT))
        coming = chosen.step_of(event["value"])
        if coming is not None and coming != asked:
            label = chosen.steps[coming - 1].label
            dispatcher.utter_message(
                text=f"Étape {coming} sur {len(chosen.steps)} : {label}",
                json_message=custom(
                    tracker,
                    "progress",
                    [{"step": coming, "total": len(chosen.steps), "label": label, "parcours": chosen.code}],
                ),
            )
        return event


class ValidateInterviewForm(GuidedFormValidation):
    def name(self) -> str:
        return "validate_interview_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        chosen = PARCOURS.get(str(tracker.get_slot("parcours")))
        if chosen is None:
            return list(OPENING_SLOTS)
        # The check-up rates the fiche's core competences: none to rate until the fiche is known.
        rated = bool(tracker.get_slot("checkup_items"))
        return [*OPENING_SLOTS, *(slot for slot in chosen.slots if slot != "rating" or rated)]

    async def validate_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        consent = consent_answer(value, tracker)
        if consent is None:
            dispatcher.utter_message(response="utter_consent_unclear")
        elif not consent:
            dispatcher.utter_message(response="utter_consent_refused")
        elif not is_counsellor(tracker):  # a counsellor's welcome already said it
            dispatcher.utter_message(response="utter_consent_given")
        return {"consent": consent}

    async def validate_parcours(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("parcours", value, dispatcher, tracker)

    async def validate_job(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("job", value, dispatcher, tracker)

    async def validate_job_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("job_code", value, dispatcher, tracker)

    async def validate_years(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("years", value, dispatcher, tracker)

    async def validate_skills_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("skills_text", value, dispatcher, tracker)

    async def validate_skills_review(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("skills_review", value, dispatcher, tracker)

    async def validate_wishes(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("wishes", value, dispatcher, tracker)

    async def validate_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("place", value, dispatcher, tracker)

    async def validate_radius_km(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("radius_km", value, dispatcher, tracker)

    async def validate_training(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("training", value, dispatcher, tracker)

    async def validate_rating(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self.read("rating", value, dispatcher, tracker)
