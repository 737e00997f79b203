"""What each answer of the interview means, shared by the form (actions/forms.py) and corrections.

A reader takes the raw answer and returns the slots it sets, or raises ``Rejected`` with what to tell the
person. Readers that need the engine ask it through actions/engine.py.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import parsing
from actions.conversation import entities, entity_values, slot_list
from actions.engine import ask_engine
from actions.parcours import PARCOURS
from retrieval.geo import fold
from retrieval.jobs import RECOGNISED_SCORE
from retrieval.wishes import avoided_contexts

#: Job readings offered when the words are ambiguous.
JOB_CANDIDATES = 4
#: Competences offered for confirmation at most; the rated competences of a fiche at most.
SKILLS_SHOWN = 8
CHECKUP_ITEMS = 8

Slots = dict[str, Any]
Reader = Callable[[Any, Tracker, CollectingDispatcher], Awaitable[Slots]]


class Rejected(Exception):
    """The answer could not be read; ``str()`` is what the person is told."""


async def parcours(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    code = parsing.parcours(str(value))
    if code is None:
        raise Rejected("Répondez avec le numéro de votre choix, de 1 à 4.")
    chosen = PARCOURS[code]
    dispatcher.utter_message(
        text=f"C'est parti : « {chosen.title} », {len(chosen.steps)} étapes, "
        f"environ {chosen.minutes} minutes."
    )
    return {"parcours": code}


#: Shorter job words found by the NLU are fragments ("de"), not jobs.
JOB_WORDS_MIN_LENGTH = 4


async def job(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    """The job in the answer: the longest job words the NLU found in it, else the whole answer."""
    found_words = [words for words in entity_values(tracker, "job") if len(words) >= JOB_WORDS_MIN_LENGTH]
    text = max(found_words, key=len) if found_words else str(value)
    found = await ask_engine(lambda engine: engine.search_jobs(text, top=JOB_CANDIDATES))
    if not found.matches or found.matches[0].score < RECOGNISED_SCORE:
        raise Rejected(
            "Je n'ai pas reconnu ce métier. Essayez avec d'autres mots, par exemple « agent de fabrication »."
        )
    shown = found.matches if found.ambiguous else found.matches[:1]
    return {
        "job": text,
        "job_candidates": [{"code": m.code, "title": m.title} for m in shown],
        "job_code": None,
        "job_title": None,
    }


async def job_code(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    """A confirmation ("oui"), a choice among the candidates (button, number), "non", or other words."""
    candidates = slot_list(tracker, "job_candidates")
    said = str(value)
    chosen = next((c for c in candidates if c["code"] == said), None)
    if chosen is None and said == "oui" and candidates:
        chosen = candidates[0]
    if chosen is None and (number := parsing.menu_number(said, len(candidates))) is not None:
        chosen = candidates[number - 1]
    if chosen is not None:
        return await _occupation(chosen["code"], chosen["title"])
    if said == "non" or parsing.says_nothing(said):
        dispatcher.utter_message(text="D'accord. Dites-moi votre métier avec d'autres mots.")
        return {"job": None, "job_code": None, "job_candidates": None}
    return await job(said, tracker, dispatcher)


async def _occupation(code: str, title: str) -> Slots:
    """The fiche chosen, with its core competences, rated in the skills check-up."""
    core = await ask_engine(lambda engine: engine.core_competences(code))
    return {
        "job_code": code,
        "job_title": title,
        "checkup_items": [{"code": c.code, "label": c.label} for c in core[:CHECKUP_ITEMS]],
        "ratings": {},
        "rating": None,
    }


def _parsed(slot: str, parse: Callable[[str], Any], unreadable: str) -> Reader:
    """A reader for answers a function of actions/parsing.py reads on its own."""

    async def read(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
        found = parse(str(value))
        if found is None:
            raise Rejected(unreadable)
        return {slot: found}

    return read


years = _parsed(
    "years",
    parsing.years_of_experience,
    "Je n'ai pas compris la durée. Écrivez par exemple « 3 ans » ou « 6 mois ».",
)
radius_km = _parsed(
    "radius_km", parsing.radius_km, "Écrivez une distance, par exemple « 20 km », ou choisissez un bouton."
)
training = _parsed(
    "training",
    parsing.training_wish,
    "Répondez 1 (formation courte), 2 (même longue) ou 3 (pas de formation).",
)


async def skills_text(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    text = str(value)
    if parsing.says_nothing(text):
        # Nothing to add: the competences of the job itself will do.
        return {"skills_text": text, "skill_candidates": [], "skills_review": "aucune"}
    found = await _skills(text)
    if not found:
        raise Rejected(
            "Je n'ai pas reconnu de compétence. Décrivez une tâche que vous faites, par exemple "
            "« je règle les machines » ou « je prépare les commandes »."
        )
    return {"skills_text": text, "skill_candidates": found[:SKILLS_SHOWN]}


async def _skills(text: str) -> list[dict[str, str]]:
    found = await ask_engine(lambda engine: engine.extract_skills(text))
    return [{"code": c.code, "label": c.label, "words": c.words} for c in found]


async def skills_review(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    """ "oui" keeps the list; a button or numbers remove competences; other words add some."""
    candidates = slot_list(tracker, "skill_candidates")
    said = str(value)
    if said == "oui":
        confirmed = [*slot_list(tracker, "competences"), *(c["code"] for c in candidates)]
        return {"skills_review": "oui", "competences": list(dict.fromkeys(confirmed))}
    removed = {c["code"] for c in candidates if c["code"] == said}
    removed |= {candidates[n - 1]["code"] for n in parsing.numbers(said) if 1 <= n <= len(candidates)}
    if removed:
        kept = [c for c in candidates if c["code"] not in removed]
        return {"skill_candidates": kept, "skills_review": None if kept else "aucune"}
    if parsing.says_nothing(said):
        dispatcher.utter_message(text="Lesquelles dois-je retirer ? Donnez leurs numéros.")
        return {"skills_review": None}
    added = [c for c in await _skills(said) if c["code"] not in {k["code"] for k in candidates}]
    if not added:
        raise Rejected(
            "Je n'ai pas compris. Répondez « oui » si la liste est juste, donnez les numéros à retirer, "
            "ou décrivez une autre compétence."
        )
    return {"skill_candidates": [*candidates, *added], "skills_review": None}


async def wishes(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    """Sectors, contracts and what to avoid, found by the NLU in the answer."""
    text = str(value)
    sectors = entity_values(tracker, "sector")
    contracts = entity_values(tracker, "contract")
    constraints = entities(tracker, "constraint")
    avoid = avoided_contexts(_avoided(text, constraints))
    if not (sectors or contracts or constraints) and not parsing.says_nothing(text):
        raise Rejected(
            "Je n'ai pas reconnu de secteur ni de contrainte. Écrivez par exemple « plasturgie », "
            "« pas de nuit » ou « peu importe »."
        )
    if tracker.get_slot("parcours") == "secteur" and not sectors:
        raise Rejected("Quel secteur vous attire ? Par exemple : plasturgie, métallurgie, logistique, BTP.")
    return {"wishes": text, "sectors": sectors, "contracts": contracts, "avoid": avoid}


def _avoided(said: str, constraints: list[dict[str, Any]]) -> list[str]:
    """The constraints the person wants to avoid, not those they welcome ("travailler debout, ça me va")."""
    return [
        str(found["value"])
        for found in constraints
        if "start" not in found or not parsing.welcomed(said, found["start"], found["end"])
    ]


async def place(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    text = str(value)
    found = await ask_engine(lambda engine: engine.place(text))
    if found is None:
        raise Rejected(
            "Je n'ai pas trouvé cette commune. Écrivez son nom complet ou son code postal, "
            "par exemple « Beauvais » ou « 60000 »."
        )
    if found.ambiguous:
        dispatcher.utter_message(text=f"J'ai compris : {found.label}. Sinon, écrivez le code postal.")
    return {"place": found.label, "commune_insee": found.insee}


#: Words that may come before a commune named alone: "à Creil", "vers Compiègne".
_BEFORE_A_COMMUNE = re.compile(r"^(?:a|vers|sur|pres de|a cote de|du cote de)\s+")


async def names_a_commune(text: str) -> bool:
    """The whole message is a commune: its name ("Creil", "à Compiègne") or its postal code."""
    said = _BEFORE_A_COMMUNE.sub("", fold(text))
    found = await ask_engine(lambda engine: engine.place(said))
    return found is not None and said in (fold(found.name), found.postal_code, found.insee)


async def rating(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    """One competence of the check-up rated; the question comes back until all are."""
    level = parsing.rating(str(value))
    if level is None:
        raise Rejected("Répondez 1 (acquis), 2 (à renforcer) ou 3 (pas encore).")
    ratings = dict(tracker.get_slot("ratings") or {})
    pending = [item for item in slot_list(tracker, "checkup_items") if item["code"] not in ratings]
    if pending:
        ratings[pending[0]["code"]] = level
    return {"ratings": ratings, "rating": "fait" if len(pending) <= 1 else None}


#: What a correction is about, by the words used when no entity says it.
CORRECTION_WORDS = (
    ("place", r"\b(?:habite|vis|commune|ville|code postal)\b"),
    ("years", r"\b(?:ans?|annees?|mois)\b"),
    ("radius_km", r"\bkm\b"),
    ("job", r"\b(?:metier|suis|travaille|poste|boulot)\b"),
)
#: ...or by what the NLU understood the person was telling.
CORRECTION_INTENTS = {"inform_place": "place", "inform_experience": "years", "inform_job": "job"}


def corrected(tracker: Tracker, text: str) -> tuple[str, Any] | None:
    """Which earlier answer these words give again, and the words for it; None when they do not say."""
    for entity in ("place", "job"):
        if found := entity_values(tracker, entity):
            return entity, found[0]
    if entity_values(tracker, "sector") or entity_values(tracker, "constraint"):
        return "wishes", text
    folded = fold(text)
    for slot, words in CORRECTION_WORDS:
        if re.search(words, folded):
            return slot, text
    intent = str(tracker.get_intent_of_latest_message())
    return (CORRECTION_INTENTS[intent], text) if intent in CORRECTION_INTENTS else None


async def correct(slot: str, value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> Slots:
    """An earlier answer read again."""
    slots = await READERS[slot](value, tracker, dispatcher)
    dispatcher.utter_message(text="C'est corrigé.")
    return slots


READERS: dict[str, Reader] = {
    "parcours": parcours,
    "job": job,
    "job_code": job_code,
    "years": years,
    "skills_text": skills_text,
    "skills_review": skills_review,
    "wishes": wishes,
    "place": place,
    "radius_km": radius_km,
    "training": training,
    "rating": rating,
}
