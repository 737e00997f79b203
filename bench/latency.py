"""In-process latency of the engine's questions on 2 cores, after warm-up: p50 / p95."""

from __future__ import annotations

import csv
import time

from bench.common import peak_memory_mb, percentiles, section, timed
from bench.jobs import TYPED_TITLES
from retrieval.bridges import Profile
from retrieval.engine import Engine

THROUGHPUT_SAMPLE = 512


def run(engine: Engine, label: str) -> None:
    section(f"Latence ({label})")
    start = time.perf_counter()
    sizes = engine.build_indexes()
    seconds = time.perf_counter() - start
    print(f"ouverture (ou construction) des index {sizes} : {seconds:.1f} s")
    sample = [c.label for c in engine.snapshot.competences[:THROUGHPUT_SAMPLE]]
    start = time.perf_counter()
    engine.encoder.passages(sample)
    print(f"encodage pour les index : {len(sample) / (time.perf_counter() - start):.0f} textes/s")
    engine.bridge_model  # noqa: B018 - warm the precomputed arrays before timing
    queries = [row["query"] for row in csv.DictReader(TYPED_TITLES.open(encoding="utf-8"), delimiter=";")]
    print("jobs search :", percentiles(timed(lambda q: engine.search_jobs(q, top=5), queries)))
    sources = [engine.snapshot.occupations[row].code for row in engine.snapshot.described()]
    print(
        "bridges     :",
        percentiles(timed(lambda c: engine.bridges(Profile(occupations=(c,)), top=10), sources)),
    )
    place = engine.place("Beauvais")
    if place is not None:
        proposals = timed(lambda c: engine.propose(Profile(occupations=(c,)), top=10, near=place), sources)
        print("bridges + offres + formations (Beauvais, 30 km) :", percentiles(proposals))
    print(f"mémoire maximale du processus : {peak_memory_mb():.0f} Mo")
