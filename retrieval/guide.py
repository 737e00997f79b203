"""``passerelles guide``: the guidance interview in a terminal, in simple French, on the engine.

The same steps as the conversational assistant — current job, competences to confirm, place and distance —
then the bridge jobs with what is shared, what is missing, offers nearby and the training path.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from retrieval.bridges import Profile
from retrieval.engine import Engine, Proposal
from retrieval.geo import Place

Ask = Callable[[str], str]


def interview(engine: Engine, ask: Ask, say: Callable[[str], None], top: int = 5) -> list[Proposal]:
    say("Bonjour ! Je vais vous aider à trouver des métiers proches du vôtre. Cela prend 3 minutes.")
    occupation = _ask_job(engine, ask, say)
    competences = _ask_competences(engine, ask, say)
    place = _ask_place(engine, ask, say)
    radius = 30.0
    if place is not None:
        answer = ask("Jusqu'à combien de kilomètres pouvez-vous vous déplacer ? (30 par défaut)").strip()
        radius = float(answer) if answer.replace(".", "", 1).isdigit() else 30.0
    profile = Profile(occupations=(occupation,) if occupation else (), competences=tuple(competences))
    proposals = engine.propose(profile, top=top, near=place, radius_km=radius)
    say("\nVoici des métiers passerelles pour vous :")
    for number, proposal in enumerate(proposals, start=1):
        _show(number, proposal, say)
    return proposals


def _ask_job(engine: Engine, ask: Ask, say: Callable[[str], None]) -> str | None:
    while True:
        text = ask("Étape 1 sur 3 — Quel est votre métier actuel (ou le dernier) ?").strip()
        if not text:
            return None
        found = engine.search_jobs(text, top=3)
        if not found.matches:
            say("Je n'ai pas reconnu ce métier. Pouvez-vous le dire autrement ?")
            continue
        if not found.ambiguous:
            say(f"D'accord : {found.matches[0].title}.")
            return found.matches[0].code
        say("Plusieurs métiers sont possibles :")
        for number, match in enumerate(found.matches, start=1):
            say(f"  {number}. {match.title}")
        choice = ask("Lequel est le vôtre ? (numéro, ou Entrée pour reformuler)").strip()
        if choice.isdigit() and 1 <= int(choice) <= len(found.matches):
            return found.matches[int(choice) - 1].code


def _ask_competences(engine: Engine, ask: Ask, say: Callable[[str], None]) -> list[str]:
    text = ask("Étape 2 sur 3 — Racontez ce que vous savez faire (tâches, machines, permis…).").strip()
    confirmed = []
    for candidate in engine.extract_skills(text) if text else []:
        answer = ask(f"  « {candidate.label} » : c'est bien vous ? (o/n)").strip().lower()
        if answer.startswith(("o", "y")):
            confirmed.append(candidate.code)
    return confirmed


def _ask_place(engine: Engine, ask: Ask, say: Callable[[str], None]) -> Place | None:
    while True:
        text = ask("Étape 3 sur 3 — Où habitez-vous ? (commune ou code postal, Entrée pour passer)").strip()
        if not text:
            return None
        place = engine.place(text)
        if place is not None:
            say(f"Noté : {place.label}.")
            return place
        say("Je ne trouve pas cette commune. Essayez avec le code postal.")


def _show(number: int, proposal: Proposal, say: Callable[[str], None]) -> None:
    bridge = proposal.bridge
    say(f"\n{number}. {bridge.title} ({proposal.band})")
    if bridge.shared:
        say("   Vous savez déjà : " + " ; ".join(s.label for s in bridge.shared[:4]))
    core_missing = [m.label for m in bridge.missing if m.core]
    if core_missing:
        say("   À apprendre : " + " ; ".join(core_missing[:4]))
    if proposal.offers_nearby:
        demo = " (offres de démonstration)" if all(o.demo for o in proposal.offers) else ""
        say(f"   {proposal.offers_nearby} offre(s) près de chez vous{demo}")
    for step in proposal.training.steps[:2]:
        say(f"   Formation : {step.bloc.certification_title} — {step.bloc.title} ({step.bloc.hours} h)")


def run(engine: Engine) -> None:
    interview(
        engine, lambda question: str(typer.prompt(question, default="", show_default=False)), typer.echo
    )
