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
        self.matrix_t: csr_matrix = self.vectorizer.fit_transform(texts).T.tocsr() if texts else None

    def scores(self, query: str) -> np.ndarray:
        """Cosine of the query with every document, in id order."""
        if self.matrix_t is None:
            return np.zeros(0, dtype=np.float32)
        vector = self.vectorizer.transform([query])
        return np.asarray((vector @ self.matrix_t).todense(), dtype=np.float32).ravel()

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        scores = self.scores(query)
        if scores.size == 0:
            return []
        k = min(k, scores.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
