"""Test building blocks: a referential folder written on the fly, and an encoder of random vectors."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from retrieval.referential.files import DATA_DIR


class HashEncoder:
    """Each distinct text gets its own random unit vector: equal texts match, different ones barely do.

    For tests where the model is not the point (index mechanics, ranking arithmetic).
    """

    name = "hash-64"
    dimension = 64

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.strip().lower().encode()).digest()[:8], "little")
            rows.append(np.random.default_rng(seed).standard_normal(self.dimension))
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dimension)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


def competence(code: str, kind: str = "savoir_faire", hours: int = 35) -> dict[str, Any]:
    return {"code": code, "label": f"Compétence {code.replace('-', ' ')}", "kind": kind, "hours": hours}


def write_referential(
    folder: Path,
    occupations: list[dict[str, Any]],
    competences: list[dict[str, Any]],
    sectors: Sequence[str] = ("agroalimentaire", "plasturgie", "logistique"),
    certifications: list[dict[str, Any]] | None = None,
    funding: list[dict[str, Any]] | None = None,
) -> Path:
    """A complete referential folder: the real ROME tree files plus the given sectors, competences, fiches."""
    folder.mkdir(parents=True)
    for name in ("rome_codes.csv", "grands_domaines.csv", "domaines_pro.csv"):
        shutil.copy(DATA_DIR / name, folder / name)
    sector_rows = [{"code": code, "name": code.capitalize(), "opco": ""} for code in sectors]
    (folder / "sectors.yaml").write_text(yaml.safe_dump(sector_rows), encoding="utf-8")
    (folder / "competences").mkdir()
    (folder / "competences" / "test.yaml").write_text(yaml.safe_dump(competences), encoding="utf-8")
    (folder / "occupations").mkdir()
    (folder / "occupations" / "test.yaml").write_text(yaml.safe_dump(occupations), encoding="utf-8")
    if certifications is not None:
        (folder / "certifications.yaml").write_text(yaml.safe_dump(certifications), encoding="utf-8")
    if funding is not None:
        (folder / "funding.yaml").write_text(yaml.safe_dump(funding), encoding="utf-8")
    return folder
