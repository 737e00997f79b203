"""Training paths: the fewest blocs covering the gap, with sessions near the person preferred."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from retrieval.referential.load import load_referential
from retrieval.store import transaction
from retrieval.store.models import TrainingSession
from retrieval.trainings import TrainingCatalogue
from tests.factories import competence, write_referential

TODAY = dt.date(2026, 11, 1)
BEAUVAIS = (49.43, 2.08)
INJECTION = ["conduire-presse", "changer-moule", "regler-injection"]
LINE = ["demarrer-ligne", "regler-parametres", "controler-produits", "renseigner-suivi"]
FUNDING = [
    {"code": "cpf", "name": "CPF", "description": "Le compte personnel de formation finance des formations."},
    {"code": "pro-a", "name": "Pro-A", "description": "La reconversion ou promotion par alternance."},
]


def certification(code: str, blocs: list[dict[str, Any]], funding: list[str]) -> dict[str, Any]:
    hours = sum(b["hours"] for b in blocs)
    return {
        "code": code,
        "title": f"Certification {code}",
        "kind": "CQP",
        "hours": hours,
        "funding": funding,
        "blocs": blocs,
    }


def bloc(code: str, hours: int, competences: list[str]) -> dict[str, Any]:
    return {"code": code, "title": f"Bloc {code}", "hours": hours, "competences": competences}


def demo_session(
    identifier: str, certification: str, bloc: str, position: tuple[float, float], start: dt.date, places: int
) -> TrainingSession:
    return TrainingSession(
        id=identifier,
        title=f"Session {identifier}",
        certification=certification,
        blocs=[bloc],
        latitude=position[0],
        longitude=position[1],
        start=start,
        places=places,
        demo=True,
        source="demo",
    )


@pytest.fixture
def catalogue(store_url: str, tmp_path: Path) -> TrainingCatalogue:
    vocabulary = [
        competence(code)
        for code in INJECTION + LINE + ["extra-1", "extra-2", "extra-3", "extra-4", "extra-5"]
    ]
    plastics = {
        "code": "H3201",
        "level": 3,
        "sectors": ["plasturgie"],
        "titles": [f"régleur {n}" for n in range(5)],
        "core": INJECTION + LINE,
        "secondary": ["extra-1", "extra-2", "extra-3", "extra-4", "extra-5"],
    }
    certifications = [
        certification(
            "cqp-injection", [bloc("inj-1", 105, INJECTION), bloc("inj-2", 70, LINE[:2])], ["pro-a"]
        ),
        certification(
            "cqp-press", [bloc("press-1", 35, INJECTION[:1]), bloc("press-2", 35, INJECTION[1:2])], ["cpf"]
        ),
        certification("cqpi-line", [bloc("line-1", 140, LINE)], ["cpf", "pro-a"]),
    ]
    folder = write_referential(
        tmp_path / "ref", [plastics], vocabulary, certifications=certifications, funding=FUNDING
    )
    load_referential(store_url, folder)
    with transaction(store_url) as session:
        session.add_all(
            [
                demo_session(
                    "s-beauvais", "cqpi-line", "line-1", (49.43, 2.08), dt.date(2026, 12, 1), places=4
                ),
                demo_session("s-past", "cqpi-line", "line-1", (49.43, 2.08), dt.date(2026, 1, 1), places=4),
                demo_session(
                    "s-marseille", "cqp-injection", "inj-1", (43.30, 5.37), dt.date(2026, 12, 1), places=2
                ),
            ]
        )
    return TrainingCatalogue.load(store_url)


def test_path_covers_the_gap_with_few_blocs_and_sums_hours(catalogue: TrainingCatalogue) -> None:
    path = catalogue.path(INJECTION + LINE, today=TODAY)
    assert [step.bloc.code for step in path.steps] == ["line-1", "inj-1"]
    assert path.total_hours == 140 + 105
    assert path.uncovered == []
    assert path.funding == ["cpf", "pro-a"]
    assert sorted(path.steps[1].covers) == sorted(INJECTION)


def test_uncoverable_competences_are_reported(catalogue: TrainingCatalogue) -> None:
    path = catalogue.path(["changer-moule", "extra-1"], today=TODAY)
    assert path.uncovered == ["extra-1"]
    assert [step.covers for step in path.steps] == [["changer-moule"]]


def test_only_upcoming_sessions_within_the_radius_are_shown(catalogue: TrainingCatalogue) -> None:
    path = catalogue.path(INJECTION + LINE, near=BEAUVAIS, radius_km=50, today=TODAY)
    sessions = {step.bloc.code: [s.id for s in step.sessions] for step in path.steps}
    assert sessions == {"line-1": ["s-beauvais"], "inj-1": []}
    assert path.steps[0].sessions[0].distance_km == 0.0
