"""Lexical search on character n-grams (TF-IDF, cosine): robust to typos, accents and word endings.

It complements the dense index: exact trade words ("cariste", "CACES", "TIG") win here, paraphrases win there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer


class LexicalIndex:
    def __init__(self, ids: list[str], texts: list[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.ids = ids
        self.vectorizer: TfidfVectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), strip_accents="unicode", lowercase=True, sublinear_tf=True
        )
        # Documents as rows, transposed once so that a query is one sparse product.
        matrix = self.vectorizer.fit_transform(texts) if texts else None
        self.matrix_t: csr_matrix = matrix.T.tocsr() if matrix is not None else None
        self.floor = _mean_unrelated_similarity(matrix) if matrix is not None else 0.0

    def scores(self, query: str) -> np.ndarray:
        """Cosine of the query with every document, in id order."""
        if self.matrix_t is None:
            return np.zeros(0, dtype=np.float32)
        vector = self.vectorizer.transform([query])
        return np.asarray((vector @ self.matrix_t).todense(), dtype=np.float32).ravel()

    def rescaled_scores(self, query: str) -> np.ndarray:
        """Scores on the corpus' scale: 0 for what unrelated texts share (articles…), 1 for the same text."""
        return np.clip((self.scores(query) - self.floor) / (1.0 - self.floor), 0.0, 1.0)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        scores = self.scores(query)
        if scores.size == 0:
            return []
        k = min(k, scores.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]


def _mean_unrelated_similarity(matrix: csr_matrix, sample: int = 300, seed: int = 0) -> float:
    count = matrix.shape[0]
    if count < 2:
        return 0.0
    rows = np.random.default_rng(seed).choice(count, min(count, sample), replace=False)
    similarity = (matrix[rows] @ matrix[rows].T).toarray()
    return float((similarity.sum() - np.trace(similarity)) / (len(rows) * (len(rows) - 1)))
