"""Bridge quality on real labels: ROME v3.47's official mobility links (Proche / Evolution).

ROME v3 is imported into a fresh store; the mobility links are stored but NOT used for ranking
(``use_mobility=False``). For every fiche with links, all other described fiches are ranked, and recall@10 and
MRR are computed against the links, beside a structural baseline computed in the same run: Jaccard similarity
over the shared official competence codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import diags

from bench.common import section
from retrieval.bridges import Profile
from retrieval.engine import Engine


@dataclass
class Metrics:
    recall_at_10: float
    mrr: float
    sources: int

    def __str__(self) -> str:
        return f"recall@10 {self.recall_at_10:.3f}   MRR {self.mrr:.3f}   ({self.sources} fiches de départ)"


def evaluate(rankings: dict[str, list[str]], gold: dict[str, set[str]]) -> Metrics:
    recalls, reciprocal = [], []
    for source, targets in gold.items():
        ranked = rankings[source]
        recalls.append(len(targets & set(ranked[:10])) / len(targets))
        first = next((rank for rank, code in enumerate(ranked, start=1) if code in targets), None)
        reciprocal.append(1.0 / first if first else 0.0)
    return Metrics(float(np.mean(recalls)), float(np.mean(reciprocal)), len(gold))


def jaccard_rankings(engine: Engine, sources: list[str], *, with_context: bool) -> dict[str, list[str]]:
    """The baseline: rank fiches by Jaccard similarity of their sets of official competence codes
    (savoir-faire and savoirs; ``with_context`` adds the work-context items, which are not competences)."""
    snapshot = engine.snapshot
    kept = np.array([with_context or c.kind != "contexte" for c in snapshot.competences], np.float32)
    sets = ((snapshot.links > 0).astype(np.float32) @ diags(kept)).tocsr()
    sizes = np.asarray(sets.sum(axis=1)).ravel()
    described = snapshot.described()
    rankings = {}
    for code in sources:
        row = snapshot.occupation_row[code]
        shared = np.asarray((sets @ sets[row].T).todense()).ravel()
        union = sizes + sizes[row] - shared
        score = np.where(union > 0, shared / np.where(union > 0, union, 1), 0.0)
        candidates = [r for r in described if r != row]
        ordered = sorted(candidates, key=lambda r: (-score[r], snapshot.occupations[r].code))
        rankings[code] = [snapshot.occupations[r].code for r in ordered]
    return rankings


def engine_rankings(engine: Engine, sources: list[str]) -> dict[str, list[str]]:
    model, snapshot = engine.bridge_model, engine.snapshot
    rankings = {}
    for code in sources:
        profile = Profile(occupations=(code,))
        scores = model.score(profile, use_mobility=False)
        rankings[code] = [snapshot.occupations[r].code for r in model.order(profile, scores.total)]
    return rankings


def run(url: str, rome3_dir: Path) -> None:
    from retrieval.importers import run_import

    section("Qualité des passerelles : liens de mobilité officiels du ROME v3.47 (non utilisés pour classer)")
    report = run_import("rome3", rome3_dir, url, progress=False)
    print(report.summary())
    engine = Engine.open(url)
    gold = {source: targets for source, targets in engine.snapshot.mobility.items() if targets}
    sources = sorted(gold)
    print("Passerelles                                   ", evaluate(engine_rankings(engine, sources), gold))
    print(
        "Jaccard des codes de compétences             ",
        evaluate(jaccard_rankings(engine, sources, with_context=False), gold),
    )
    print(
        "Jaccard des codes, contextes de travail inclus",
        evaluate(jaccard_rankings(engine, sources, with_context=True), gold),
    )
