"""The terminal client's rendering of Rasa's messages and the choice of a button by its number."""

from __future__ import annotations

from runtime.chat import Choice, message_for, render


def test_text_and_buttons_numbered_over_the_whole_turn() -> None:
    turn = render(
        [
            {"recipient_id": "t", "text": "Bonjour !", "buttons": [{"title": "Oui", "payload": "/affirm"}]},
            {"recipient_id": "t", "text": "Ou bien :", "buttons": [{"title": "Non", "payload": "/deny"}]},
        ]
    )
    assert turn.lines == ["Bonjour !", "  1. Oui", "Ou bien :", "  2. Non"]
    assert turn.choices == [Choice("Oui", "/affirm"), Choice("Non", "/deny")]


def test_custom_payloads_are_summed_up_in_one_line_after_the_text_that_tells_them() -> None:
    bridge = {"code_rome": "H2903", "title": "Conduite d'équipement d'usinage", "band": "courte"}
    turn = render(
        [
            {"text": "Voici des métiers proches du vôtre :\n1. Conduite d'équipement d'usinage"},
            {"custom": {"type": "bridges", "items": [bridge, {**bridge, "code_rome": "H2909"}]}},
            {"custom": {"type": "offers", "items": []}},
            {"custom": {"type": "trainings", "items": [{"bloc": "B2", "hours": 70}], "code_rome": "H2903"}},
            {"custom": {"type": "profile", "items": [{"job_code": "H2102"}]}},
            {"custom": {"type": "something new", "items": ["x"]}},
        ]
    )
    assert turn.lines == [
        "Voici des métiers proches du vôtre :\n1. Conduite d'équipement d'usinage",
        "  [métiers passerelles : 2]",
        "  [offres d'emploi : 0]",
        "  [étapes de formation : 1]",
        "  [éléments du profil : 1]",
        "  [éléments : 1]",
    ]
    assert turn.choices == []


def test_progress_is_a_bar() -> None:
    progress = {"type": "progress", "items": [{"step": 2, "total": 5, "label": "Vos compétences"}]}
    assert render([{"custom": progress}]).lines == ["  [■■□□□] étape 2 sur 5"]
    broken = {"type": "progress", "items": [{"step": 7, "total": 5}]}
    assert render([{"custom": broken}]).lines == ["  [éléments : 1]"]


def test_a_number_picks_a_button_and_anything_else_is_sent_as_typed() -> None:
    choices = [Choice("Oui", "/affirm"), Choice("Non", "/deny")]
    assert message_for(" 2 ", choices) == "/deny"
    assert message_for("3", choices) == "3"
    assert message_for("j'ai 3 ans d'expérience", choices) == "j'ai 3 ans d'expérience"
    assert message_for("1", []) == "1"
