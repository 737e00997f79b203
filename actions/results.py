"""What the person came for: bridges, offers near them, training paths, the check-up and a recap.

Each message has its French text and a ``custom`` payload ``{"type": ..., "items": [...]}`` with the
engine's data (retrieval/payloads.py) for widgets to draw cards from.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import cards, parsing
from actions.conversation import custom, entity_values, is_counsellor, slot_list
from actions.engine import EngineUnavailable, ask_engine
from actions.privacy import remember, remember_choice
from actions.profile import engine_profile, home, radius, training_limit
from retrieval import payloads
from retrieval.engine import Engine, Proposal
from retrieval.guidance import CHANGING_SECTOR, suitable_bridges
from retrieval.wishes import offer_contracts

BRIDGES_SHOWN = 5
OFFERS_SHOWN = 5


class ShowResults(Action):
    """At the end of the interview, the results of the chosen parcours."""

    def name(self) -> str:
        return "action_show_results"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            events: list[EventType] = []
            if tracker.get_slot("parcours") == "bilan":
                await show_checkup(dispatcher, tracker)
            elif tracker.get_slot("parcours") == "proche":
                await show_offers(dispatcher, tracker)
                events = await show_bridges(dispatcher, tracker, shown=3)
            else:
                events = await show_bridges(dispatcher, tracker, shown=BRIDGES_SHOWN)
        except EngineUnavailable:
            dispatcher.utter_message(response="utter_engine_unavailable")
            return []
        dispatcher.utter_message(response="utter_what_next")
        return events


async def show_bridges(dispatcher: CollectingDispatcher, tracker: Tracker, shown: int) -> list[EventType]:
    profile = engine_profile(tracker)
    km = radius(tracker)
    changing_sector = tracker.get_slot("parcours") == CHANGING_SECTOR
    limit = training_limit(tracker)

    def bridges(engine: Engine) -> list[Proposal]:
        near = home(engine, tracker)
        return suitable_bridges(
            engine,
            profile,
            shown,
            near=near,
            radius_km=km,
            changing_sector=changing_sector,
            training_limit=limit,
        )

    proposals = await ask_engine(bridges)
    if not proposals:
        dispatcher.utter_message(text="Je n'ai pas trouvé de métier proche du vôtre avec ces critères.")
        return []
    items = [payloads.proposal(p) for p in proposals]
    detailed = is_counsellor(tracker)
    dispatcher.utter_message(
        text="Voici des métiers proches du vôtre :\n"
        + "\n".join(cards.bridge_card(n, item, detailed=detailed) for n, item in enumerate(items, start=1))
        + "\nPour voir la formation vers l'un d'eux, écrivez « formation » et son numéro.",
        buttons=[
            {
                "title": f"Formation : {item['title']}",
                "payload": f'/ask_trainings{{"target": "{item["code_rome"]}"}}',
            }
            for item in items
        ],
        json_message=custom(tracker, "bridges", items),
    )
    await remember(
        tracker,
        [(p.bridge.code, p.bridge.score, [m.code for m in p.bridge.missing if m.core]) for p in proposals],
    )
    return [SlotSet("shown_bridges", [{"code": i["code_rome"], "title": i["title"]} for i in items])]


async def show_offers(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    profile = engine_profile(tracker)
    km = radius(tracker)
    contracts = offer_contracts(slot_list(tracker, "contracts")) or None

    def offers(engine: Engine) -> list[dict[str, Any]]:
        near = home(engine, tracker)
        if near is None:
            return []
        found = engine.offers_near(near, km, profile=profile, contracts=contracts, limit=OFFERS_SHOWN)
        return [payloads.offer(o) for o in found]

    items = await ask_engine(offers)
    if not items:
        dispatcher.utter_message(text=f"Je n'ai pas trouvé d'offre à moins de {km} km pour le moment.")
        return
    dispatcher.utter_message(
        text=f"Les offres à moins de {km} km qui vous correspondent le mieux :\n"
        + "\n".join(cards.offer_line(n, item) for n, item in enumerate(items, start=1)),
        json_message=custom(tracker, "offers", items),
    )


async def show_checkup(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Parcours 3: strengths, what to strengthen, and the training for it."""
    ratings: dict[str, str] = tracker.get_slot("ratings") or {}
    items = [{**item, "rating": ratings.get(item["code"])} for item in slot_list(tracker, "checkup_items")]
    strengths = [item["label"] for item in items if item["rating"] == "acquis"]
    gaps = [item for item in items if item["rating"] in ("a_renforcer", "pas_encore")]
    lines = [
        f"Vos points forts : {' ; '.join(strengths)}." if strengths else "Pas encore de point fort noté."
    ]
    if gaps:
        lines.append("À renforcer : " + " ; ".join(item["label"] for item in gaps) + ".")
    dispatcher.utter_message(text="\n".join(lines), json_message=custom(tracker, "profile", items))
    if gaps:
        km = radius(tracker)
        codes = [item["code"] for item in gaps]

        def path(engine: Engine) -> tuple[list[dict[str, Any]], dict[str, str]]:
            near = home(engine, tracker)
            found = engine.training_catalogue.path(codes, near=near.position if near else None, radius_km=km)
            return payloads.training_path(found), engine.funding_names

        steps, funding = await ask_engine(path)
        _say_trainings(dispatcher, tracker, "Pour progresser", steps, funding, {"gaps": codes})
    await remember(tracker)


def _say_trainings(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    goal: str,
    steps: list[dict[str, Any]],
    funding: dict[str, str],
    about: dict[str, Any],
) -> None:
    if not steps:
        dispatcher.utter_message(
            text=f"{goal}, je n'ai pas trouvé de formation dans le catalogue. Un conseiller peut vous aider.",
            json_message=custom(tracker, "trainings", [], **about),
        )
        return
    total = sum(step["hours"] for step in steps)
    dispatcher.utter_message(
        text=f"{goal}, la formation (environ {total} h) :\n"
        + "\n".join(cards.training_lines(steps, funding)),
        json_message=custom(tracker, "trainings", steps, **about),
    )


class ShowOffers(Action):
    """Offers near the person, on demand; the missing answers are asked first."""

    def name(self) -> str:
        return "action_show_offers"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not (tracker.get_slot("job_code") and tracker.get_slot("commune_insee")):
            return _interview_for("proche", tracker)
        try:
            await show_offers(dispatcher, tracker)
        except EngineUnavailable:
            dispatcher.utter_message(response="utter_engine_unavailable")
        return []


class ShowTrainings(Action):
    """The training path towards one of the bridges shown (button, number, or the first one)."""

    def name(self) -> str:
        return "action_show_trainings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        shown = slot_list(tracker, "shown_bridges")
        if not shown:
            return _interview_for("decouvrir", tracker)
        wanted = entity_values(tracker, "target") or [tracker.get_slot("target") or ""]
        target = next((b for b in shown if b["code"] == wanted[0]), None)
        numbers = [
            n for n in parsing.numbers(tracker.latest_message.get("text") or "") if 1 <= n <= len(shown)
        ]
        if target is None:
            target = shown[numbers[0] - 1] if numbers else shown[0]
        profile = engine_profile(tracker)
        km = radius(tracker)

        def proposal(engine: Engine) -> tuple[Proposal, dict[str, str]]:
            near = home(engine, tracker)
            return engine.propose_one(profile, target["code"], near=near, radius_km=km), engine.funding_names

        try:
            found, funding = await ask_engine(proposal)
        except EngineUnavailable:
            dispatcher.utter_message(response="utter_engine_unavailable")
            return []
        steps = payloads.training_path(found.training)
        if not [m for m in found.bridge.missing if m.core]:
            dispatcher.utter_message(
                text=f"Vers « {target['title']} » : vous avez déjà les compétences principales, "
                "pas besoin de formation : vous pouvez postuler.",
                json_message=custom(tracker, "trainings", [], code_rome=target["code"]),
            )
        else:
            about = {"code_rome": target["code"]}
            _say_trainings(dispatcher, tracker, f"Vers « {target['title']} »", steps, funding, about)
        await remember_choice(tracker, target["code"])
        dispatcher.utter_message(response="utter_what_next")
        return [SlotSet("target", target["code"])]


def _interview_for(parcours: str, tracker: Tracker) -> list[EventType]:
    """Ask what is missing first, in the parcours that leads to the answer."""
    return [SlotSet("parcours", tracker.get_slot("parcours") or parcours), FollowupAction("interview_form")]


class Recap(Action):
    """The end of the conversation: what was said, what was found, what to do next."""

    def name(self) -> str:
        return "action_recap"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lines = []
        if title := tracker.get_slot("job_title"):
            lines.append(f"Votre métier : {title}.")
        if place := tracker.get_slot("place"):
            lines.append(f"Vous cherchez autour de {place}, jusqu'à {radius(tracker)} km.")
        shown = slot_list(tracker, "shown_bridges")
        if shown:
            lines.append("Métiers proposés : " + " ; ".join(b["title"] for b in shown) + ".")
        if not lines:
            return []
        lines.append(
            "Prochaines étapes : parlez-en à votre conseiller, postulez aux offres qui vous plaisent, "
            "et demandez le financement de la formation."
        )
        if tracker.get_slot("consent"):
            lines.append("Vos réponses sont gardées ; écrivez « effacer mes données » pour les supprimer.")
        profile = {
            "job_code": tracker.get_slot("job_code"),
            "job_title": tracker.get_slot("job_title"),
            "competences": engine_profile(tracker).competences,
            "sectors": slot_list(tracker, "sectors"),
            "avoid": slot_list(tracker, "avoid"),
            "place": tracker.get_slot("place"),
            "commune_insee": tracker.get_slot("commune_insee"),
            "radius_km": tracker.get_slot("radius_km"),
            "bridges": shown,
        }
        dispatcher.utter_message(
            text="Résumé :\n" + "\n".join(lines), json_message=custom(tracker, "profile", [profile])
        )
        return []
