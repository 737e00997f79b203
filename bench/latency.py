"""In-process latency of the engine's questions on 2 cores, after warm-up: p50 / p95."""

from __future__ import annotations

import csv
import time

from bench.common import peak_memory_mb, percentiles, section, timed
from bench.jobs import TYPED_TITLES
from retrieval.bridges import Profile
from retrieval.engine import Engine


def run(engine: Engine, label: str) -> None:
    section(f"Latence ({label})")
    start = time.perf_counter()
    sizes = engine.build_indexes()
    seconds = time.perf_counter() - start
    texts = sum(sizes.values())
    print(f"index {sizes} : {texts} textes en {seconds:.1f} s ({texts / seconds:.0f} textes/s si construits)")
    engine.bridge_model  # noqa: B018 - warm the precomputed arrays before timing
    queries = [row["query"] for row in csv.DictReader(TYPED_TITLES.open(encoding="utf-8"), delimiter=";")]
    print("jobs search :", percentiles(timed(lambda q: engine.search_jobs(q, top=5), queries)))
    sources = [engine.snapshot.occupations[row].code for row in engine.snapshot.described()]
    print(
        "bridges     :",
        percentiles(timed(lambda c: engine.bridges(Profile(occupations=(c,)), top=10), sources)),
    )
    print(f"mémoire maximale du processus : {peak_memory_mb():.0f} Mo")
