"""Job-title normalisation: free text → ranked ROME fiches with scores, and whether it is ambiguous."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.index.hybrid import HybridIndex
from retrieval.snapshot import Snapshot

#: Below this fused score, the best fiche is a guess: the person should confirm among several
#: (an exact title scores ~0.9, a close paraphrase 0.5–0.7, a vague "opérateur" ~0.7 for many fiches).
CONFIDENT_SCORE = 0.45
#: Below this, the words name no job we know ("oui", "8 ans", "bonjour" score 0.10–0.31).
RECOGNISED_SCORE = 0.35
#: Two fiches closer than this are both plausible readings of the same words.
AMBIGUITY_MARGIN = 0.1


@dataclass(frozen=True)
class JobMatch:
    code: str
    title: str
    score: float
    #: The job title (official or as people say it) that matched the text best.
    matched: str


@dataclass(frozen=True)
class JobSearch:
    matches: list[JobMatch]
    ambiguous: bool


def title_corpus(snapshot: Snapshot) -> tuple[list[str], list[str]]:
    """Ids and texts of the job-title index: ``CODE#n`` for the n-th title of a fiche."""
    ids, texts = [], []
    for n, (row, label) in enumerate(snapshot.titles):
        ids.append(f"{snapshot.occupations[row].code}#{n}")
        texts.append(label)
    return ids, texts


def search_jobs(
    index: HybridIndex, snapshot: Snapshot, query_vector: np.ndarray, text: str, top: int
) -> JobSearch:
    best: dict[str, JobMatch] = {}
    for hit in index.search(query_vector, text, k=max(4 * top, 40)):
        code = hit.id.split("#", 1)[0]
        if code not in best or hit.score > best[code].score:
            title = snapshot.occupations[snapshot.occupation_row[code]].title
            best[code] = JobMatch(code, title, round(hit.score, 4), index.text(hit.id))
    matches = sorted(best.values(), key=lambda m: (-m.score, m.code))[:top]
    ambiguous = bool(matches) and (
        matches[0].score < CONFIDENT_SCORE
        or (len(matches) > 1 and matches[0].score - matches[1].score < AMBIGUITY_MARGIN)
    )
    return JobSearch(matches, ambiguous)
