"""Index mechanics on random vectors: persistence with config and id map, reuse by content, fusion."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from retrieval.atomic import atomic_folder
from retrieval.index.hybrid import HybridIndex
from retrieval.index.vectors import FORMAT, IndexConfig, VectorIndex
from tests.factories import HashEncoder

TITLES = ["Cariste", "Conducteur de ligne", "Soudeur TIG", "Aide-soignante", "Préparateur de commandes"]


class CountingEncoder(HashEncoder):
    def __init__(self) -> None:
        self.encoded = 0

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded += len(texts)
        return super().passages(texts)


def test_vector_index_round_trips_with_its_config_and_ids(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((50, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"doc-{n}" for n in range(50)]
    index = VectorIndex.build(vectors, ids, IndexConfig("random", 16, "hash", FORMAT))
    index.save(tmp_path / "index")
    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == [
        "config.json",
        "ids.json",
        "index.faiss",
    ]
    loaded = VectorIndex.load(tmp_path / "index")
    assert loaded.config == index.config and loaded.config.kind == "flat" and loaded.config.count == 50
    assert loaded.search(vectors[:3], 1) == [
        [("doc-0", pytest.approx(1.0))],
        [("doc-1", pytest.approx(1.0))],
        [("doc-2", pytest.approx(1.0))],
    ]


def test_hybrid_index_is_built_once_per_content(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    first = HybridIndex.ensure(tmp_path, [str(n) for n in range(5)], TITLES, encoder)
    again = HybridIndex.ensure(tmp_path, [str(n) for n in range(5)], TITLES, encoder)
    assert encoder.encoded == 5 + 0
    assert again.dense.config == first.dense.config
    HybridIndex.ensure(tmp_path, [str(n) for n in range(4)], TITLES[:4], encoder)
    assert encoder.encoded == 5 + 4
    assert len(list(tmp_path.iterdir())) == 2


def test_lexical_signal_forgives_typos_and_accents(tmp_path: Path) -> None:
    encoder = HashEncoder()
    index = HybridIndex.ensure(tmp_path, [str(n) for n in range(5)], TITLES, encoder)
    for typed, expected in [
        ("carsite", "0"),
        ("soudeur tig", "2"),
        ("aide soignante", "3"),
        ("preparateur", "4"),
    ]:
        hits = index.search(encoder.queries([typed])[0], typed, k=2)
        assert hits[0].id == expected
        assert 0.0 <= hits[0].score <= 1.0


def test_a_failed_write_leaves_the_previous_folder_untouched(tmp_path: Path) -> None:
    target = tmp_path / "index"
    with atomic_folder(target) as folder:
        (folder / "config.json").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_folder(target) as folder:
        (folder / "config.json").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert (target / "config.json").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["index"]
