"""Trackers written inline, as Rasa sends them to the action server, and the bot's real domain."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from retrieval.settings import PROJECT_ROOT

SENDER = "test-person"


@lru_cache(maxsize=1)
def domain() -> dict[str, Any]:
    """bot/domain/*.yml merged, as the action server receives it."""
    merged: dict[str, Any] = {}
    for path in sorted((PROJECT_ROOT / "bot" / "domain").glob("*.yml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
    return merged


def tracker(
    text: str = "",
    *,
    intent: str = "inform_job",
    confidence: float = 0.95,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    answer: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    form: bool = True,
    channel: str = "rest",
) -> Tracker:
    """The person just said ``text``; ``answer`` holds the slots Rasa extracted from it (to validate)."""
    filled = {"audience": "person", "failed_answers": 0, **(slots or {}), **(answer or {})}
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": entities or [],
        "metadata": metadata or {},
    }
    events: list[dict[str, Any]] = [
        {
            "event": "user",
            "text": text,
            "parse_data": message,
            "input_channel": channel,
            "metadata": metadata or {},
        },
        *({"event": "slot", "name": name, "value": value} for name, value in (answer or {}).items()),
    ]
    return Tracker(
        SENDER,
        filled,
        message,
        events,
        False,
        None,
        {"name": "interview_form"} if form else {},
        "action_listen",
    )


def said(dispatcher: CollectingDispatcher) -> list[str]:
    """What the assistant said: texts, or response names."""
    return [m.get("text") or m.get("response") or "" for m in dispatcher.messages]


def custom(dispatcher: CollectingDispatcher, kind: str) -> list[dict[str, Any]]:
    """The items of the ``custom`` payloads of one type."""
    return [
        item
        for m in dispatcher.messages
        if (m.get("custom") or {}).get("type") == kind
        for item in m["custom"]["items"]
    ]
