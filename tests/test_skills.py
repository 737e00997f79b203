"""Phrases cut from what people write about their work: what they do, not what they say they do not do."""

from __future__ import annotations

import pytest

from retrieval.skills import phrases


def test_a_list_of_tasks_gives_each_task() -> None:
    found = phrases("je conduis la ligne et je fais les changements de format, j'ai le CACES 3")
    assert {"conduis la ligne", "fais les changements de format", "ai le CACES 3"} <= set(found)


@pytest.mark.parametrize(
    "text",
    [
        "pas de travail de nuit",
        "je ne fais pas de travail de nuit",
        "j'ai pas le permis",
        "aucune expérience en soudure",
    ],
)
def test_what_the_person_does_not_do_gives_no_phrase(text: str) -> None:
    assert phrases(text) == []


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        ("je n'aime pas la soudure et je fais du contrôle qualité", "fais du contrôle qualité", "soudure"),
        ("je fais pas de nuit mais je conduis des chariots", "conduis des chariots", "nuit"),
        ("je conduis la ligne mais je n'ai pas le CACES", "conduis la ligne", "CACES"),
        ("je règle les machines, jamais de port de charges", "règle les machines", "charges"),
        ("je prépare les commandes sans erreur", "prépare les commandes", "erreur"),
    ],
)
def test_a_negation_leaves_out_only_what_it_bears_on(text: str, kept: str, left_out: str) -> None:
    found = phrases(text)
    assert kept in found
    assert not any(left_out in phrase for phrase in found)
