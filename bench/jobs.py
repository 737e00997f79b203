"""Job-title normalisation quality: top-1 / top-5 on titles as people type them (data/typed_titles.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

from bench.common import section
from retrieval.engine import Engine

TYPED_TITLES = Path(__file__).parent / "data" / "typed_titles.csv"


def run(engine: Engine) -> None:
    section("Normalisation des intitulés (référentiel livré)")
    rows = list(csv.DictReader(TYPED_TITLES.open(encoding="utf-8"), delimiter=";"))
    known = {label.strip().lower() for _, label in engine.snapshot.titles}
    overlap = sum(row["query"].strip().lower() in known for row in rows)
    top1 = top5 = 0
    misses = []
    for row in rows:
        expected = set(row["codes"].split("|"))
        found = [m.code for m in engine.search_jobs(row["query"], top=5).matches]
        top1 += bool(found[:1] and found[0] in expected)
        top5 += bool(expected & set(found))
        if not expected & set(found):
            misses.append(f"{row['query']} → {found[:3]} (attendu {row['codes']})")
    print(f"{len(rows)} intitulés tapés ({overlap} identiques à une variante du référentiel)")
    print(f"top-1 {top1 / len(rows):.3f}   top-5 {top5 / len(rows):.3f}")
    for miss in misses[:15]:
        print(f"  manqué : {miss}")
