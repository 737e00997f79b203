"""Exact (flat) or approximate (HNSW) FAISS index: recall@10 against exact search, latency, build time.

Run on random unit vectors of the encoder's dimension (the model is not the point here); the result
justifies ``EXACT_LIMIT`` in retrieval/index/vectors.py.
"""

from __future__ import annotations

import time
from functools import partial

import numpy as np

from bench.common import percentiles, section, timed
from retrieval.index.vectors import FORMAT, IndexConfig, VectorIndex

DIMENSION = 384
QUERIES = 200


def unit_vectors(count: int, rng: np.random.Generator) -> np.ndarray:
    vectors = rng.standard_normal((count, DIMENSION)).astype(np.float32)
    normalised: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return normalised


def search_one(index: VectorIndex, query: np.ndarray) -> object:
    return index.search(query[None, :], 10)


def run(sizes: tuple[int, ...] = (10_000, 100_000, 300_000)) -> None:
    import faiss

    section("Index FAISS : exact (flat) contre HNSW, vecteurs aléatoires de dimension 384")
    rng = np.random.default_rng(0)
    for size in sizes:
        vectors = unit_vectors(size, rng)
        ids = [str(i) for i in range(size)]
        # Queries near stored vectors, as real queries are near real texts.
        queries = vectors[rng.integers(0, size, QUERIES)] + 0.05 * unit_vectors(QUERIES, rng)
        flat = VectorIndex.build(vectors, ids, IndexConfig("random", DIMENSION, "bench", FORMAT))
        exact = [{i for i, _ in hits} for hits in flat.search(queries, 10)]
        start = time.perf_counter()
        hnsw_index = faiss.IndexHNSWFlat(DIMENSION, 32, faiss.METRIC_INNER_PRODUCT)
        hnsw_index.hnsw.efSearch = 128
        hnsw_index.add(vectors)
        build_s = time.perf_counter() - start
        hnsw = VectorIndex(hnsw_index, ids, IndexConfig("random", DIMENSION, "bench", FORMAT, "hnsw", size))
        found = [{i for i, _ in hits} for hits in hnsw.search(queries, 10)]
        recall = np.mean([len(a & b) / 10 for a, b in zip(exact, found, strict=True)])
        flat_ms = timed(partial(search_one, flat), queries)
        hnsw_ms = timed(partial(search_one, hnsw), queries)
        print(f"{size:>8} vecteurs : flat {percentiles(flat_ms)}")
        print(
            f"{'':>8}            hnsw {percentiles(hnsw_ms)}, recall@10 {recall:.3f}, build {build_s:.1f} s"
        )
