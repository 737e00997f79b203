"""Offers radius search over a million synthetic offers on one core: build time, then p50 / p95 per query.

Part of ``make bench`` (``python -m bench offers``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from bench.common import peak_memory_mb, percentiles, section, timed
from retrieval.demo import synthetic_offers
from retrieval.offers import OfferHit, OfferIndex

QUERIES = 1_000
INDUSTRY = {"H2102", "H2903", "H3201", "N1103", "N1105"}


def run(n: int = 1_000_000, seed: int = 2026) -> None:
    section(f"Recherche d'offres par rayon ({n:,} offres synthétiques)".replace(",", " "))
    start = time.perf_counter()
    offers = synthetic_offers(n, seed)
    print(f"génération : {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    index = OfferIndex.from_arrays(offers)
    print(f"construction de l'index : {time.perf_counter() - start:.2f} s")
    # Query around offers' own positions: people search where offers are, as dense as France gets.
    rng = np.random.default_rng(seed + 1)
    points = [
        (float(offers["latitude"][i]), float(offers["longitude"][i])) for i in rng.integers(n, size=QUERIES)
    ]

    def around(radius: float, **options: Any) -> Callable[[tuple[float, float]], list[OfferHit]]:
        return lambda point: index.near(point[0], point[1], radius, **options)

    for radius in (10, 30, 50):
        found = np.median([len(around(radius)(point)) for point in points[:100]])
        print(f"{radius} km, toutes (~{found:.0f} offres)  : {percentiles(timed(around(radius), points))}")
        print(f"{radius} km, les 50 plus proches : {percentiles(timed(around(radius, limit=50), points))}")
    filtered = around(30, contracts={"CDI"}, rome_codes=INDUSTRY)
    print(f"30 km, CDI et 5 fiches      : {percentiles(timed(filtered, points))}")
    print(f"mémoire maximale du processus : {peak_memory_mb():.0f} Mo")
