"""The four parcours: which questions each asks, grouped in the steps shown to the person."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    label: str
    slots: tuple[str, ...]


@dataclass(frozen=True)
class Parcours:
    code: str
    title: str
    minutes: int
    steps: tuple[Step, ...]

    @property
    def slots(self) -> list[str]:
        return [slot for step in self.steps for slot in step.slots]

    def step_of(self, slot: str | None) -> int | None:
        """The 1-based number of the step that asks ``slot``."""
        for number, step in enumerate(self.steps, start=1):
            if slot in step.slots:
                return number
        return None


JOB = Step("votre métier", ("job", "job_code", "years"))
SKILLS = Step("vos compétences", ("skills_text", "skills_review"))
WISHES = Step("vos souhaits", ("wishes",))
PLACE = Step("où vous cherchez", ("place", "radius_km"))
TRAINING = Step("la formation", ("training",))

PARCOURS = {
    parcours.code: parcours
    for parcours in (
        Parcours("decouvrir", "Découvrir des métiers", 5, (JOB, SKILLS, WISHES, PLACE, TRAINING)),
        Parcours(
            "proche",
            "Trouver un emploi près de chez vous",
            2,
            (Step("votre métier", ("job", "job_code")), WISHES, PLACE),
        ),
        Parcours(
            "bilan",
            "Faire le point sur vos compétences",
            5,
            (
                JOB,
                Step("les compétences de votre métier", ("rating",)),
                Step("où chercher une formation", PLACE.slots),
            ),
        ),
        Parcours("secteur", "Changer de secteur", 5, (JOB, SKILLS, WISHES, PLACE, TRAINING)),
    )
}

#: Asked before any parcours, not counted in the steps.
OPENING_SLOTS = ["consent", "parcours"]
