"""Competences from free text: spaCy cuts what the person wrote into phrases, each matched to the vocabulary.

"je conduis la ligne et je fais les changements de format, j'ai le CACES 3" gives the phrases "conduis la
ligne", "fais les changements de format", "ai le CACES 3"…; each is searched in the competence index, and the
person confirms the candidates (with the words they came from) before anything is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from retrieval.index.hybrid import Encoder, HybridIndex

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token

SPACY_MODEL = "fr_core_news_md"
#: Verb dependents that belong to what the person does ("conduire [une ligne] [de conditionnement]").
VERB_ARGUMENTS = {"obj", "obl", "obl:arg", "obl:mod", "xcomp", "ccomp", "nmod", "advmod", "iobj"}
MAX_PHRASE_TOKENS = 12
#: People list what they do: "préparation de commandes, chargement des camions et inventaires".
ENUMERATION = re.compile(r"[,;/\n]|\bet\b|\bpuis\b", re.IGNORECASE)


@dataclass(frozen=True)
class SkillCandidate:
    code: str
    label: str
    score: float
    #: The person's own words this candidate was found in.
    words: str


@lru_cache(maxsize=1)
def nlp() -> Language:
    import spacy

    return spacy.load(SPACY_MODEL, exclude=["ner"])


def phrases(text: str) -> list[str]:
    """Each short sentence whole, the items of enumerations, verb phrases and noun chunks, without repeats."""
    found: list[str] = []
    for sentence in nlp()(text).sents:
        if len(sentence) <= MAX_PHRASE_TOKENS:
            found.append(sentence.text)
        found.extend(ENUMERATION.split(sentence.text))
        for token in sentence:
            if token.pos_ == "VERB":
                found.append(_verb_phrase(token))
        found.extend(chunk.text for chunk in _noun_chunks(sentence))
    cleaned = list(dict.fromkeys(phrase.strip(" ,.;:!?") for phrase in found))
    # A lone noun already inside a longer phrase adds nothing but noise ("ligne" in "conduis la ligne").
    return [
        phrase
        for phrase in cleaned
        if len(phrase) >= 3
        and (" " in phrase or not any(phrase in other for other in cleaned if other != phrase))
    ]


def _verb_phrase(verb: Token) -> str:
    words = [verb]
    for child in verb.children:
        if child.dep_ in VERB_ARGUMENTS or child.dep_.startswith("obl"):
            words.extend(child.subtree)
    words = sorted(set(words), key=lambda token: token.i)[:MAX_PHRASE_TOKENS]
    return " ".join(token.text for token in words)


def _noun_chunks(sentence: Span) -> list[Span]:
    try:
        return [chunk for chunk in sentence.noun_chunks if any(t.pos_ in {"NOUN", "PROPN"} for t in chunk)]
    except NotImplementedError:  # a model without a noun-chunk iterator
        return []


#: Below this fused score a phrase does not express the competence well enough to propose it
#: (measured on the shipped vocabulary: clear matches score 0.3–0.6, unrelated ones 0.05–0.2).
SKILL_THRESHOLD = 0.25
#: Only the best reading of each phrase, and readings nearly as good, are proposed.
PER_PHRASE = 3
NEARLY_AS_GOOD = 0.05


def extract_skills(index: HybridIndex, encoder: Encoder, text: str) -> list[SkillCandidate]:
    """Candidate competences for what the person wrote, best first, each with the words it came from."""
    found = phrases(text)
    if not found:
        return []
    vectors = encoder.queries(found)
    best: dict[str, SkillCandidate] = {}
    for phrase, vector in zip(found, vectors, strict=True):
        hits = index.search(vector, phrase, k=PER_PHRASE)
        for hit in hits:
            good_enough = hit.score >= max(SKILL_THRESHOLD, hits[0].score - NEARLY_AS_GOOD)
            if good_enough and (hit.id not in best or hit.score > best[hit.id].score):
                best[hit.id] = SkillCandidate(hit.id, index.text(hit.id), round(hit.score, 4), phrase)
    return sorted(best.values(), key=lambda candidate: (-candidate.score, candidate.code))
