"""Small readings of the conversation shared by every action."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from retrieval.counsellor import is_signed_by_counsellor
from retrieval.settings import get_settings


def entities(tracker: Tracker, entity: str) -> list[dict[str, Any]]:
    """One entity's findings in the person's latest message: value, and where its words are (start, end)."""
    return [e for e in tracker.latest_message.get("entities", []) if e.get("entity") == entity]


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    """The values of one entity in the person's latest message, each once, in order."""
    return list(dict.fromkeys(str(e["value"]) for e in entities(tracker, entity)))


def is_counsellor(tracker: Tracker) -> bool:
    """A counsellor leads the session: the message carries the API's signature of the sender id.

    ``role: counsellor`` alone is not trusted (anyone may send it to Rasa's REST channel). The ``audience``
    slot, which only the actions set and only after a signed message, remembers it.
    """
    signature = (tracker.latest_message.get("metadata") or {}).get("counsellor")
    signed = is_signed_by_counsellor(get_settings().secret_key, tracker.sender_id, signature)
    return signed or tracker.get_slot("audience") == "counsellor"


def slot_list(tracker: Tracker, slot: str) -> list[Any]:
    return list(tracker.get_slot(slot) or [])


def custom(tracker: Tracker, kind: str, items: list[Any], **about: Any) -> dict[str, Any]:
    """The ``custom`` payload of a result message: ``{"type": kind, "items": items, ...}``.

    Rasa's socket.io channel hands a custom payload's keys to socket.io's ``emit()``; there the payload
    travels as ``data`` so that the widget receives ``{"custom": {...}}``, the shape REST gives.
    """
    payload = {"type": kind, "items": items, **about}
    if tracker.get_latest_input_channel() == "socketio":
        return {"data": {"custom": payload}}
    return payload
