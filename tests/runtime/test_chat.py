"""The terminal client's rendering of Rasa's messages and the choice of a button by its number."""

from __future__ import annotations

from runtime.chat import Choice, message_for, render


def test_buttons_are_numbered_choices_answering_the_latest_question() -> None:
    turn = render(
        [
            {"recipient_id": "t", "text": "Bonjour !", "buttons": [{"title": "Aide", "payload": "/help"}]},
            {
                "recipient_id": "t",
                "text": "Puis-je garder vos réponses ?",
                "buttons": [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}],
            },
        ]
    )
    assert turn.lines == ["Bonjour !", "  1. Aide", "Puis-je garder vos réponses ?", "  1. Oui", "  2. Non"]
    assert turn.choices == [Choice("Oui", "/affirm"), Choice("Non", "/deny")]


def test_buttons_a_text_already_lists_are_not_shown_twice() -> None:
    text = (
        "Que voulez-vous faire ?\n1. Découvrir des métiers à partir de mes compétences\n2. Changer de secteur"
    )
    buttons = [
        {"title": "1. Découvrir des métiers", "payload": '/choose_parcours{"parcours": "decouvrir"}'},
        {"title": "2. Changer de secteur", "payload": '/choose_parcours{"parcours": "secteur"}'},
    ]
    turn = render([{"text": text, "buttons": buttons}])
    assert turn.lines == [text]
    assert [choice.title for choice in turn.choices] == ["Découvrir des métiers", "Changer de secteur"]
    partly_listed = render([{"text": "1. Découvrir des métiers", "buttons": buttons}])
    assert partly_listed.lines[1:] == ["  1. Découvrir des métiers", "  2. Changer de secteur"]


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
