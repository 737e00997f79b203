"""The XLM-R SentencePiece-unigram tokenizer of an E5S1 file, as a ``tokenizers`` pipeline.

It follows ``e5.c`` step by step: per-character normalisation, runs of spaces folded into one, spaces
turned into "▁" with one "▁" put in front, a Viterbi segmentation over the whole string (no split on
words, as SentencePiece does), then ``<s> … </s>`` around the pieces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from retrieval.encoder.charsmap import precompiled_charsmap
from retrieval.encoder.e5s1 import Vocabulary

if TYPE_CHECKING:
    from tokenizers import Tokenizer

METASPACE = "▁"


def build_tokenizer(vocabulary: Vocabulary, normalisation: dict[str, str]) -> Tokenizer:
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    pieces = vocabulary.pieces
    tokenizer = Tokenizer(
        models.Unigram(list(zip(pieces, vocabulary.scores, strict=True)), unk_id=vocabulary.unk)
    )
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(normalisation)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(METASPACE, prepend_scheme="always", split=False)
    tokenizer.decoder = decoders.Metaspace(METASPACE, prepend_scheme="always", split=False)
    bos, eos = pieces[vocabulary.bos], pieces[vocabulary.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)],
    )
    specials = [vocabulary.bos, vocabulary.pad, vocabulary.eos, vocabulary.unk]
    tokenizer.add_special_tokens([AddedToken(pieces[i], special=True, normalized=False) for i in specials])
    return tokenizer


def tokenizer_config(vocabulary: Vocabulary, max_length: int) -> dict[str, Any]:
    """``tokenizer_config.json``: the generic fast tokenizer class, so ``tokenizer.json`` is used as is."""
    pieces = vocabulary.pieces
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": pieces[vocabulary.bos],
        "cls_token": pieces[vocabulary.bos],
        "eos_token": pieces[vocabulary.eos],
        "sep_token": pieces[vocabulary.eos],
        "pad_token": pieces[vocabulary.pad],
        "unk_token": pieces[vocabulary.unk],
        "model_max_length": max_length,
        "clean_up_tokenization_spaces": False,
    }
