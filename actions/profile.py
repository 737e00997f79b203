"""The person's profile as the engine and the store see it, read from the conversation's slots."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.conversation import slot_list
from retrieval.bridges import SHORT_BRIDGE_HOURS, Profile
from retrieval.engine import Engine
from retrieval.geo import Place
from retrieval.profiles import StoredProfile

#: The most training hours each answer accepts (None: no limit).
TRAINING_HOURS: dict[str, int | None] = {"aucune": 0, "courte": SHORT_BRIDGE_HOURS, "longue": None}


def confirmed_competences(tracker: Tracker) -> list[str]:
    """Competences the person confirmed, and those they rated as mastered in the check-up."""
    ratings = tracker.get_slot("ratings") or {}
    mastered = [code for code, level in ratings.items() if level == "acquis"]
    return list(dict.fromkeys([*slot_list(tracker, "competences"), *mastered]))


def engine_profile(tracker: Tracker) -> Profile:
    job_code = tracker.get_slot("job_code")
    return Profile(
        occupations=(job_code,) if job_code else (),
        competences=tuple(confirmed_competences(tracker)),
        sectors=tuple(slot_list(tracker, "sectors")),
        avoid=tuple(slot_list(tracker, "avoid")),
    )


def training_limit(tracker: Tracker) -> int | None:
    return TRAINING_HOURS.get(str(tracker.get_slot("training")))


def radius(tracker: Tracker, default: int = 30) -> int:
    return int(tracker.get_slot("radius_km") or default)


def home(engine: Engine, tracker: Tracker) -> Place | None:
    """The commune the person gave, if any (run inside an engine question)."""
    insee = tracker.get_slot("commune_insee")
    return engine.commune(insee) if insee else None


def stored_profile(tracker: Tracker, bassin: str | None = None) -> StoredProfile:
    """What is kept about the person (with their consent): no name, no free text but the job's words."""
    metadata = tracker.latest_message.get("metadata") or {}
    years = tracker.get_slot("years")
    return StoredProfile(
        ref=tracker.sender_id,
        branch=metadata.get("branch"),
        occupation_code=tracker.get_slot("job_code"),
        occupation_label=tracker.get_slot("job"),
        years=float(years) if years is not None else None,
        competences=tuple(confirmed_competences(tracker)),
        sectors=tuple(slot_list(tracker, "sectors")),
        avoid=tuple(slot_list(tracker, "avoid")),
        commune_insee=tracker.get_slot("commune_insee"),
        bassin=bassin,
        radius_km=tracker.get_slot("radius_km"),
        training_hours=training_limit(tracker),
        ratings=dict(tracker.get_slot("ratings") or {}),
        parcours=tracker.get_slot("parcours"),
    )
