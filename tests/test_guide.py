"""The terminal interview, driven like a person would answer it, on the shipped referential."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.guide import interview

pytestmark = pytest.mark.encoder

ANSWERS = {
    "Étape 1": "conductrice de ligne en biscuiterie",
    "Lequel": "1",
    "Étape 2": "je règle les machines et je fais les changements de format",
    "  «": "o",
    "Étape 3": "02100",
    "Jusqu'à": "40",
}


def test_a_line_operator_from_saint_quentin_gets_explained_bridges(shipped_store: str) -> None:
    asked: list[str] = []
    said: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answer for start, answer in ANSWERS.items() if question.startswith(start))

    proposals = interview(Engine.open(shipped_store), ask, said.append)
    assert [q[:7] for q in asked if q.startswith("Étape")] == ["Étape 1", "Étape 2", "Étape 3"]
    assert any(q.startswith("  «") for q in asked)  # competences were proposed for confirmation
    assert "Noté : Saint-Quentin (02)." in said
    assert len(proposals) == 5
    assert all(p.bridge.shared for p in proposals)
    assert any(p.offers_nearby for p in proposals)
    assert any(line.startswith("   Vous savez déjà") for line in said)
