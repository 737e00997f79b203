"""The engine: one object per process and store, loaded lazily, that answers every guidance question."""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path

from retrieval.bridges import Bridge, BridgeModel, Profile
from retrieval.index.hybrid import Encoder, HybridIndex
from retrieval.jobs import JobSearch, search_jobs, title_corpus
from retrieval.settings import get_settings
from retrieval.skills import SkillCandidate, extract_skills
from retrieval.snapshot import Snapshot


def index_dir_for(url: str) -> Path:
    """Each store gets its own indexes (the shipped referential and an imported ROME differ)."""
    return get_settings().index_root / hashlib.sha256(url.encode()).hexdigest()[:16]


class Engine:
    def __init__(self, url: str, encoder: Encoder, index_dir: Path | None = None) -> None:
        self.url = url
        self.encoder = encoder
        self.index_dir = index_dir or index_dir_for(url)
        self.snapshot = Snapshot.load(url)

    @classmethod
    def open(cls, url: str | None = None, encoder: Encoder | None = None) -> Engine:
        """The engine on the configured store and encoder (both overridable)."""
        from retrieval.encoder import default_encoder

        return cls(url or get_settings().store_url, encoder or default_encoder())

    # -- indexes, built on first use or loaded when their inputs did not change -----------------------
    @cached_property
    def title_index(self) -> HybridIndex:
        ids, texts = title_corpus(self.snapshot)
        return HybridIndex.ensure(self.index_dir / "titles", ids, texts, self.encoder)

    @cached_property
    def competence_index(self) -> HybridIndex:
        competences = self.snapshot.competences
        return HybridIndex.ensure(
            self.index_dir / "competences",
            [c.code for c in competences],
            [c.label for c in competences],
            self.encoder,
        )

    @cached_property
    def occupation_index(self) -> HybridIndex:
        occupations = self.snapshot.occupations
        return HybridIndex.ensure(
            self.index_dir / "occupations",
            [o.code for o in occupations],
            [o.title for o in occupations],
            self.encoder,
        )

    @cached_property
    def bridge_model(self) -> BridgeModel:
        return BridgeModel(
            self.snapshot,
            self.competence_index.vectors,
            self.competence_index.dense.config.baseline,
            self.occupation_index.vectors,
            self.occupation_index.dense.config.baseline,
        )

    def build_indexes(self) -> dict[str, int]:
        """Build (or check) every index; returns the number of entries of each."""
        indexes = {
            "titles": self.title_index,
            "competences": self.competence_index,
            "occupations": self.occupation_index,
        }
        return {name: len(index.ids) for name, index in indexes.items()}

    # -- questions ------------------------------------------------------------------------------------
    def search_jobs(self, text: str, top: int = 5) -> JobSearch:
        vector = self.encoder.queries([text])[0]
        return search_jobs(self.title_index, self.snapshot, vector, text, top)

    def extract_skills(self, text: str) -> list[SkillCandidate]:
        labels = {c.code: c.label for c in self.snapshot.competences}
        return extract_skills(self.competence_index, self.encoder, labels, text)

    def bridges(self, profile: Profile, top: int = 10, *, use_mobility: bool = True) -> list[Bridge]:
        return self.bridge_model.rank(profile, top=top, use_mobility=use_mobility)
