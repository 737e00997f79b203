"""Short French answers read the way people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from actions import parsing


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("10 ans", 10.0),
        ("deux ans et demi", 2.5),
        ("6 mois", 0.5),
        ("moins d'un an", 0.5),
        ("depuis 2015", 11.0),
        ("5", 5.0),
        ("ça fait 3 années", 3.0),
        ("bof", None),
        ("1987", None),
    ],
)
def test_years_of_experience(text: str, years: float | None) -> None:
    assert parsing.years_of_experience(text, today=dt.date(2026, 11, 22)) == years


@pytest.mark.parametrize(
    ("text", "km"),
    [
        ("20 km", 20),
        ("30", 30),
        ("2", 20),
        ("n°4", 50),
        ("une demi-heure", 25),
        ("30 minutes", 24),
        ("pas loin", 10),
        ("peu importe", 50),
        ("1000 km", 200),
        ("je sais pas", None),
    ],
)
def test_radius_km(text: str, km: int | None) -> None:
    assert parsing.radius_km(text) == km


@pytest.mark.parametrize(
    ("text", "wish"),
    [
        ("formation courte", "courte"),
        ("Oui, même longue", "longue"),
        ("pas de formation", "aucune"),
        ("3", "aucune"),
        ("oui", "courte"),
        ("euh", None),
    ],
)
def test_training_wish(text: str, wish: str | None) -> None:
    assert parsing.training_wish(text) == wish


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1", "decouvrir"),
        ("le 2", "proche"),
        ("je veux changer de secteur", "secteur"),
        ("faire le point sur mes compétences", "bilan"),
        ("trouver un emploi près de chez moi", "proche"),
        ("découvrir des métiers", "decouvrir"),
        ("5", None),
        ("bonjour", None),
    ],
)
def test_parcours(text: str, code: str | None) -> None:
    assert parsing.parcours(text) == code


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Acquis", "acquis"),
        ("a_renforcer", "a_renforcer"),
        ("à renforcer", "a_renforcer"),
        ("un peu", "a_renforcer"),
        ("pas encore", "pas_encore"),
        ("2", "a_renforcer"),
        ("oui je maîtrise", "acquis"),
        ("hmm", None),
    ],
)
def test_rating(text: str, level: str | None) -> None:
    assert parsing.rating(text) == level


def test_menu_numbers_and_nothing_to_add() -> None:
    assert parsing.menu_number("le 3", 4) == 3
    assert parsing.menu_number("7", 4) is None
    assert parsing.numbers("enlève la 2 et la 4") == [2, 4]
    assert parsing.says_nothing("Peu importe !")
    assert parsing.says_nothing("non merci")
    assert not parsing.says_nothing("la plasturgie")


@pytest.mark.parametrize(
    ("text", "constraint", "welcome"),
    [
        ("travailler debout ça me va", "debout", True),
        ("j'aime bien travailler debout", "debout", True),
        ("travailler debout ça lui va mais pas le froid", "debout", True),
        ("travailler debout ça lui va mais pas le froid", "le froid", False),
        ("elle aime pas le froid", "le froid", False),
        ("le froid, j'ai l'habitude", "le froid", True),
        ("pas de nuit, mais travailler debout ne me dérange pas", "debout", True),
        ("pas de nuit, mais travailler debout ne me dérange pas", "pas de nuit", False),
        ("pas de nuit ça me va", "pas de nuit", False),
        ("j'aime pas le froid", "le froid", False),
        ("j'aime la plasturgie mais pas le froid", "le froid", False),
        ("debout toute la journée, non merci", "debout", False),
        ("je veux bien la nuit, pas le froid", "le froid", False),
        ("le froid", "le froid", False),
    ],
)
def test_a_constraint_is_avoided_unless_its_clause_welcomes_it(
    text: str, constraint: str, welcome: bool
) -> None:
    start = text.index(constraint)
    assert parsing.welcomed(text, start, start + len(constraint)) is welcome
