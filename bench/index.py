"""Exact (flat) or approximate (HNSW) FAISS index: recall@10 against exact search, latency, build time.

Measured on the largest real embedding index already built (sentence vectors of competences or job
titles), then on synthetic clustered unit vectors at larger sizes (real embeddings cluster; uniform random
vectors are HNSW's worst case and say little). The result justifies ``EXACT_LIMIT`` in vectors.py.
"""

from __future__ import annotations

import time
from functools import partial

import numpy as np

from bench.common import percentiles, section, timed
from retrieval.index.vectors import (
    FORMAT,
    HNSW_EF_SEARCH,
    HNSW_NEIGHBOURS,
    IndexConfig,
    VectorIndex,
    read_json,
)
from retrieval.settings import get_settings

QUERIES = 200


def normalise(vectors: np.ndarray) -> np.ndarray:
    normalised: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return normalised.astype(np.float32)


def clustered_vectors(count: int, dimension: int, rng: np.random.Generator) -> np.ndarray:
    centres = normalise(rng.standard_normal((max(count // 50, 1), dimension)))
    members = centres[rng.integers(0, len(centres), count)]
    return normalise(members + 0.04 * rng.standard_normal((count, dimension)))


def largest_real_index() -> np.ndarray | None:
    configs = sorted(get_settings().index_root.glob("*/*/config.json"), key=lambda p: read_json(p)["count"])
    return VectorIndex.load(configs[-1].parent).vectors() if configs else None


def search_one(index: VectorIndex, query: np.ndarray) -> object:
    return index.search(query[None, :], 10)


def compare(label: str, vectors: np.ndarray, rng: np.random.Generator) -> None:
    import faiss

    count, dimension = vectors.shape
    ids = [str(i) for i in range(count)]
    # Queries near stored vectors, as real queries are near real texts.
    queries = normalise(
        vectors[rng.integers(0, count, QUERIES)] + 0.02 * rng.standard_normal((QUERIES, dimension))
    )
    exact_index = faiss.IndexFlatIP(dimension)
    exact_index.add(vectors)
    flat = VectorIndex(exact_index, ids, IndexConfig("bench", dimension, label, FORMAT, "flat", count))
    exact = [{i for i, _ in hits} for hits in flat.search(queries, 10)]
    start = time.perf_counter()
    graph = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
    graph.hnsw.efSearch = HNSW_EF_SEARCH
    graph.add(vectors)
    build_s = time.perf_counter() - start
    hnsw = VectorIndex(graph, ids, IndexConfig("bench", dimension, label, FORMAT, "hnsw", count))
    found = [{i for i, _ in hits} for hits in hnsw.search(queries, 10)]
    recall = np.mean([len(a & b) / 10 for a, b in zip(exact, found, strict=True)])
    print(f"{label} ({count} vecteurs)")
    hnsw_ms = percentiles(timed(partial(search_one, hnsw), queries))
    print(f"   flat {percentiles(timed(partial(search_one, flat), queries))}")
    print(f"   hnsw {hnsw_ms}, recall@10 {recall:.3f}, construction {build_s:.1f} s")


def run(sizes: tuple[int, ...] = (50_000, 200_000)) -> None:
    section("Index FAISS : exact (flat) contre HNSW")
    rng = np.random.default_rng(0)
    real = largest_real_index()
    if real is not None:
        compare("vecteurs réels (plus grand index construit)", real, rng)
    for size in sizes:
        compare("vecteurs synthétiques groupés", clustered_vectors(size, 384, rng), rng)
