"""Hybrid search: dense similarity (FAISS) fused with character n-gram similarity.

Both similarities are first rescaled on the corpus itself, between what an unrelated text scores and what the
very same text scores, so that both run from 0 (no resemblance) to 1 (same text) and can be averaged: raw
cosines mean different things for different encoders (e5's unrelated texts already score ~0.8).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import numpy as np

from retrieval.atomic import atomic_folder
from retrieval.index.lexical import LexicalIndex
from retrieval.index.vectors import FORMAT, IndexConfig, VectorIndex, read_json, saved_config

DENSE_WEIGHT = 0.5
CANDIDATES = 50
CALIBRATION_SAMPLE = 2000
QUERY_SAMPLE = 200


class Encoder(Protocol):
    """What the indexes need from a sentence encoder (real model in production, random vectors in tests)."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


def corpus_hash(ids: Sequence[str], texts: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for identifier, text in zip(ids, texts, strict=True):
        digest.update(f"{identifier}\t{text}\n".encode())
    return digest.hexdigest()


def calibrate(
    config: IndexConfig, encoder: Encoder, texts: Sequence[str], vectors: np.ndarray, seed: int = 0
) -> IndexConfig:
    """The config with the corpus' similarity scale: unrelated passage pairs, queries against passages."""
    count = vectors.shape[0]
    if count < 2:
        return config
    rng = np.random.default_rng(seed)
    left, right = rng.integers(0, count, CALIBRATION_SAMPLE), rng.integers(0, count, CALIBRATION_SAMPLE)
    distinct = left != right
    baseline = np.einsum("ij,ij->i", vectors[left[distinct]], vectors[right[distinct]]).mean()
    sample = rng.choice(count, min(count, QUERY_SAMPLE), replace=False)
    queries = encoder.queries([texts[i] for i in sample])
    similarity = queries @ vectors[sample].T
    same = np.diag(similarity).mean()
    unrelated = (similarity.sum() - np.trace(similarity)) / (len(sample) * (len(sample) - 1))
    return replace(config, baseline=float(baseline), query_floor=float(unrelated), query_ceiling=float(same))


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    dense: float
    lexical: float


class HybridIndex:
    def __init__(self, dense: VectorIndex, texts: list[str]) -> None:
        self.dense = dense
        self.texts = texts
        self.lexical = LexicalIndex(dense.ids, texts)
        self.vectors = dense.vectors() if dense.ids else np.zeros((0, dense.config.dimension), np.float32)
        self.row = {identifier: row for row, identifier in enumerate(dense.ids)}

    @property
    def ids(self) -> list[str]:
        return self.dense.ids

    def text(self, identifier: str) -> str:
        return self.texts[self.row[identifier]]

    @classmethod
    def ensure(cls, root: Path, ids: list[str], texts: list[str], encoder: Encoder) -> HybridIndex:
        """The index of these texts by this encoder, loaded from ``root`` or built there on first use.

        Indexes are kept by content (a folder per corpus and encoder), so stores holding the same
        referential share them, and an index is rebuilt only when its texts or the encoder change.
        """
        wanted = IndexConfig(encoder.name, encoder.dimension, corpus_hash(ids, texts), FORMAT)
        key = hashlib.sha256(f"{wanted.encoder}|{wanted.format}|{wanted.corpus_hash}".encode()).hexdigest()
        folder = root / key[:16]
        saved = saved_config(folder)
        identity = ("encoder", "dimension", "corpus_hash", "format")
        if saved and all(getattr(saved, name) == getattr(wanted, name) for name in identity):
            return cls(VectorIndex.load(folder), read_json(folder / "texts.json"))
        vectors = encoder.passages(texts) if texts else np.zeros((0, encoder.dimension), np.float32)
        index = cls(VectorIndex.build(vectors, ids, calibrate(wanted, encoder, texts, vectors)), texts)
        index.save(folder)
        return index

    def save(self, folder: Path) -> None:
        with atomic_folder(folder) as tmp:
            self.dense.write_into(tmp)
            (tmp / "texts.json").write_text(json.dumps(self.texts, ensure_ascii=False), encoding="utf-8")

    def rescale(self, cosine: np.ndarray) -> np.ndarray:
        """A query's cosines on the corpus' scale: 0 for an unrelated text, 1 for the same text."""
        floor, ceiling = self.dense.config.query_floor, self.dense.config.query_ceiling
        return np.clip((cosine - floor) / max(ceiling - floor, 1e-6), 0.0, 1.0)

    def search(self, query_vector: np.ndarray, query_text: str, k: int) -> list[Hit]:
        """The ``k`` best texts for one query, by the average of rescaled dense and lexical similarity."""
        if not self.ids:
            return []
        candidates = {identifier for identifier, _ in self.dense.search(query_vector[None, :], CANDIDATES)[0]}
        candidates.update(identifier for identifier, _ in self.lexical.search(query_text, CANDIDATES))
        rows = np.fromiter((self.row[c] for c in candidates), dtype=np.int64)
        dense = self.rescale(self.vectors[rows] @ query_vector)
        lexical = self.lexical.rescaled_scores(query_text)[rows]
        fused = DENSE_WEIGHT * dense + (1.0 - DENSE_WEIGHT) * lexical
        order = np.argsort(-fused)[:k]
        return [Hit(self.ids[rows[i]], float(fused[i]), float(dense[i]), float(lexical[i])) for i in order]
