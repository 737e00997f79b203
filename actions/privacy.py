"""Consent, keeping the profile (only with consent), and erasing it on request."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.engine import EngineUnavailable, ask_engine
from actions.profile import home, stored_profile
from retrieval.profiles import ProfileError, erase_person, record_choice, record_proposals, save_profile
from retrieval.settings import get_settings

logger = logging.getLogger(__name__)


async def remember(tracker: Tracker, proposals: list[tuple[str, float, list[str]]] | None = None) -> None:
    """Keep the profile and what was proposed, if the person agreed; a failure here never stops the chat."""
    if tracker.get_slot("consent") is not True:
        return
    try:
        place = await ask_engine(lambda engine: home(engine, tracker))
        profile = stored_profile(tracker, bassin=place.bassin if place else None)
        url = get_settings().store_url
        await asyncio.to_thread(save_profile, url, profile, consent_at=dt.datetime.now(dt.UTC))
        if proposals:
            await asyncio.to_thread(record_proposals, url, tracker.sender_id, proposals)
    except (ProfileError, EngineUnavailable, SQLAlchemyError, OSError) as error:
        logger.error("profile of %s not saved: %s", tracker.sender_id, error)


async def remember_choice(tracker: Tracker, rome_code: str) -> None:
    if tracker.get_slot("consent") is True:
        await asyncio.to_thread(record_choice, get_settings().store_url, tracker.sender_id, rome_code)


async def forget(tracker: Tracker) -> bool:
    """Erase everything stored about the person; True when something was stored."""
    return await asyncio.to_thread(erase_person, get_settings().store_url, tracker.sender_id)


class ConsentChanged(Action):
    """The person gives or withdraws consent in the middle of the conversation."""

    def name(self) -> str:
        return "action_consent_changed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("consent"):
            dispatcher.utter_message(response="utter_consent_given")
            await remember(tracker)
        else:
            erased = await forget(tracker)
            dispatcher.utter_message(
                text="C'est noté : je ne garde plus rien"
                + (" et j'ai effacé ce que j'avais gardé." if erased else ".")
            )
        return []


class DeleteMyData(Action):
    """Erase the stored profile and forget the answers of this conversation."""

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        await forget(tracker)
        dispatcher.utter_message(
            text="C'est fait : vos réponses sont effacées, ici et dans nos fichiers. "
            "Écrivez « recommencer » quand vous voulez repartir."
        )
        return [ActiveLoop(None), AllSlotsReset(), SlotSet("audience", tracker.get_slot("audience"))]
