"""The terminal client's rendering of Rasa's messages and the choice of a button by its number."""

from __future__ import annotations

from runtime.chat import Choice, describe, message_for, render

BRIDGE = {
    "code_rome": "H2903",
    "title": "Conduite d'équipement d'usinage",
    "band": "proche",
    "missing": [{"code": "x", "label": "y", "core": True, "hours": 35}],
}
OFFER = {
    "id": "demo-1",
    "title": "Régleur / Régleuse",
    "company": "Plastiques du Nord (démonstration)",
    "contract": "CDI",
    "place": "Saint-Quentin",
    "distance_km": 12.4,
    "demo": True,
}
STEP = {"certification": "RNCP1", "certification_title": "CQPI Opérateur", "bloc": "B2", "hours": 70}


def test_text_and_buttons_numbered_over_the_whole_turn() -> None:
    turn = render(
        [
            {"recipient_id": "t", "text": "Bonjour !", "buttons": [{"title": "Oui", "payload": "/affirm"}]},
            {"recipient_id": "t", "text": "Ou bien :", "buttons": [{"title": "Non", "payload": "/deny"}]},
        ]
    )
    assert turn.lines == ["Bonjour !", "  1. Oui", "Ou bien :", "  2. Non"]
    assert turn.choices == [Choice("Oui", "/affirm"), Choice("Non", "/deny")]


def test_custom_payloads_get_a_heading_and_one_line_per_item() -> None:
    turn = render(
        [
            {"custom": {"type": "bridges", "items": [BRIDGE]}},
            {"custom": {"type": "offers", "items": [OFFER]}},
            {"custom": {"type": "trainings", "items": [STEP]}},
            {"custom": {"type": "progress", "items": ["métier", "compétences"]}},
        ]
    )
    assert turn.lines == [
        "— Métiers passerelles —",
        "  • Conduite d'équipement d'usinage (H2903) — proche",
        "— Offres d'emploi —",
        "  • Régleur / Régleuse — Plastiques du Nord (démonstration), CDI, Saint-Quentin, 12 km",
        "— Formations —",
        "  • CQPI Opérateur (B2) — 70 h",
        "— Où nous en sommes —",
        "  • métier",
        "  • compétences",
    ]
    assert turn.choices == []


def test_profile_items_and_unknown_shapes_still_show() -> None:
    assert describe({"label": "Commune", "value": "Amiens"}) == "Commune — Amiens"
    assert describe({"unexpected": 1}) == "{'unexpected': 1}"
    assert render([{"custom": {"type": "other", "items": [{"name": "x"}]}}]).lines == ["  • x"]


def test_a_number_picks_a_button_and_anything_else_is_sent_as_typed() -> None:
    choices = [Choice("Oui", "/affirm"), Choice("Non", "/deny")]
    assert message_for(" 2 ", choices) == "/deny"
    assert message_for("3", choices) == "3"
    assert message_for("j'ai 3 ans d'expérience", choices) == "j'ai 3 ans d'expérience"
    assert message_for("1", []) == "1"
