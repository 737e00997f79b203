"""Opening, restarting and steering the conversation; answers to interruptions; corrections."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import answers, parsing
from actions.conversation import entity_values, is_counsellor
from actions.engine import EngineUnavailable

#: Interruptions answered by a response of the domain, then the interview goes on.
INTERRUPTION_RESPONSES = {
    "help": "utter_help",
    "why_ask": "utter_why_generic",
    "chitchat": "utter_chitchat",
    "out_of_scope": "utter_out_of_scope",
    "bot_challenge": "utter_bot_challenge",
    "thank": "utter_thank",
}
#: ...or about the question being asked, when the domain has a response for it ("utter_help_years"):
#: someone who does not know what to answer is told how to, or how to skip the question.
ABOUT_THE_QUESTION = {"help": "utter_help_", "why_ask": "utter_why_"}


def introduce(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Who the assistant is (or "re-bonjour"), worded for whoever leads the session.

    A guided session's person gave their consent in the console, before the API created them and signed
    their messages: the counsellor is not asked for it again.
    """
    counsellor = is_counsellor(tracker)
    if tracker.get_slot("consent") is None and not tracker.get_slot("job_code"):
        dispatcher.utter_message(response="utter_welcome_counsellor" if counsellor else "utter_welcome")
    else:
        dispatcher.utter_message(response="utter_greet_again")
    if not counsellor:
        return [SlotSet("audience", "person")]
    # Given once: a consent withdrawn during the session stays withdrawn.
    given = [SlotSet("consent", True)] if tracker.get_slot("consent") is None else []
    return [SlotSet("audience", "counsellor"), *given]


class Welcome(Action):
    """The first words; what the first message already said (job, place) is kept."""

    def name(self) -> str:
        return "action_welcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = introduce(dispatcher, tracker)
        for slot in ("job", "place"):
            if said := entity_values(tracker, slot):
                try:
                    slots = await answers.READERS[slot](said[0], tracker, dispatcher)
                except (answers.Rejected, EngineUnavailable):
                    continue  # the interview asks it again
                events.extend(SlotSet(name, value) for name, value in slots.items())
        return events


#: The parcours whose results are bridges.
BRIDGE_PARCOURS = ("decouvrir", "secteur", "proche")


class ChooseParcours(Action):
    """A parcours chosen (or another one after the results): its questions are asked, earlier answers kept."""

    def name(self) -> str:
        return "action_choose_parcours"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        named = entity_values(tracker, "parcours")
        intent = tracker.get_intent_of_latest_message()
        if intent == "ask_skills_checkup":
            chosen: str | None = "bilan"
        elif intent == "ask_bridges":
            # Bridges come with the parcours that show them; the one under way if it does.
            current = tracker.get_slot("parcours")
            chosen = current if current in BRIDGE_PARCOURS else "decouvrir"
        else:
            chosen = named[0] if named else parsing.parcours(tracker.latest_message.get("text") or "")
        # The very first message may be the choice: the assistant introduces itself first.
        events = introduce(dispatcher, tracker) if tracker.get_slot("consent") is None else []
        # None: the form asks which parcours.
        return [*events, SlotSet("parcours", chosen), SlotSet("rating", None)]


class AnswerInterruption(Action):
    """Help, "why this question?", chitchat, out of scope…: answered, then the question comes back."""

    def name(self) -> str:
        return "action_answer_interruption"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        asked = tracker.get_slot("requested_slot")
        text = tracker.latest_message.get("text") or ""
        # The NLU may take a town it was not taught for chitchat or help ("Creil"): it is the answer asked
        # for, which the form then reads.
        try:
            if asked == "place" and await answers.names_a_commune(text):
                return [SlotSet("place", text)]
        except EngineUnavailable:
            pass  # answered as an interruption; the question comes back
        intent = str(tracker.get_intent_of_latest_message())
        response = INTERRUPTION_RESPONSES.get(intent, "utter_help")
        about = f"{ABOUT_THE_QUESTION.get(intent)}{asked}"
        if intent in ABOUT_THE_QUESTION and about in domain["responses"]:
            response = about
        dispatcher.utter_message(response=response)
        return []


class Correct(Action):
    """ "Non, j'habite à Creil": the answer it corrects is read again, the way the form reads it."""

    def name(self) -> str:
        return "action_correct"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        asked = tracker.get_slot("requested_slot")
        found = answers.corrected(tracker, text)
        if found is None and asked in answers.READERS:
            found = (str(asked), text)  # nothing says which answer: the one being asked
        if found is None:
            dispatcher.utter_message(
                text="Que voulez-vous corriger ? Écrivez par exemple « j'habite à Creil » "
                "ou « je suis magasinier »."
            )
            return []
        try:
            slots = await answers.correct(*found, tracker, dispatcher)
        except answers.Rejected as rejected:
            dispatcher.utter_message(text=str(rejected))
            return []
        except EngineUnavailable:
            dispatcher.utter_message(response="utter_engine_unavailable")
            return []
        return [SlotSet(name, new) for name, new in slots.items()]
