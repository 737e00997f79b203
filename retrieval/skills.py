"""Competences from free text: spaCy cuts what the person wrote into phrases, each matched to the vocabulary.

"je conduis la ligne et je fais les changements de format, j'ai le CACES 3" gives the phrases "conduis la
ligne", "fais les changements de format", "ai le CACES 3"…; each is searched in the competence index, and the
person confirms the candidates (with the words they came from) before anything is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
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
ENUMERATION = {",", ";", "/", "et", "puis"}
#: Words that say the person does not do something: "je ne fais pas de nuit", "sans permis", "aucune soudure".
NEGATION = {"ne", "n'", "n’", "pas", "jamais", "aucun", "aucune", "sans", "ni"}
#: What a negation stops at: the next clause joined to the negated one ("…mais je conduis des chariots").
NEXT_CLAUSE = {"conj", "parataxis"}


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
    """Each short sentence whole, the items of enumerations, verb phrases and noun chunks, without repeats.

    What the person says they do not do is left out: "je ne fais pas de travail de nuit" is no competence,
    and "je prépare les commandes sans erreur" gives "prépare les commandes".
    """
    found: list[str] = []
    for sentence in nlp()(text).sents:
        # Each phrase with the word it is about: the phrase goes when a negation bears on that word.
        groups: list[tuple[Token, Iterable[Token]]] = []
        if len(sentence) <= MAX_PHRASE_TOKENS:
            groups.append((sentence.root, sentence))
        groups.extend((item.root, item) for item in _enumerated(sentence))
        groups.extend((token, _verb_phrase(token)) for token in sentence if token.pos_ == "VERB")
        groups.extend((chunk.root, chunk) for chunk in _noun_chunks(sentence))
        negated = _negated(sentence)
        found.extend(
            _words([token for token in tokens if token.i not in negated])
            for about, tokens in groups
            if about.i not in negated
        )
    cleaned = list(dict.fromkeys(phrase.strip(" ,.;:!?") for phrase in found))
    # A lone noun already inside a longer phrase adds nothing but noise ("ligne" in "conduis la ligne").
    return [
        phrase
        for phrase in cleaned
        if len(phrase) >= 3
        and (" " in phrase or not any(phrase in other for other in cleaned if other != phrase))
    ]


def _words(tokens: Iterable[Token]) -> str:
    return "".join(token.text_with_ws for token in tokens).strip()


def _enumerated(sentence: Span) -> list[Span]:
    """The items of a list: the runs of tokens between commas, "et", "puis"…"""
    items: list[Span] = []
    start = sentence.start
    for token in sentence:
        if token.lower_ in ENUMERATION or token.is_space:
            items.append(sentence.doc[start : token.i])
            start = token.i + 1
    items.append(sentence.doc[start : sentence.end])
    return [item for item in items if len(item)]


def _negated(sentence: Span) -> set[int]:
    """Indices of the tokens a negation covers: from the negation to the end of what it bears on.

    The word it bears on too ("je fais pas de nuit": "fais"), unless a comma stands between them: in
    "je règle les machines, jamais de port de charges" the parser hangs "jamais" on "règle".
    """
    covered: set[int] = set()
    for cue in sentence:
        if cue.lower_ not in NEGATION:
            continue
        bearer = cue.head
        while bearer.dep_.startswith("aux") and bearer.head is not bearer:  # "j'ai pas le permis"
            bearer = bearer.head
        other_clauses = {t.i for child in bearer.children if child.dep_ in NEXT_CLAUSE for t in child.subtree}
        covered.update(t.i for t in bearer.subtree if t.i >= cue.i and t.i not in other_clauses)
        between = sentence.doc[min(bearer.i, cue.i) : max(bearer.i, cue.i)]
        if not any(token.is_punct for token in between):
            covered.add(bearer.i)
    return covered


def _verb_phrase(verb: Token) -> list[Token]:
    words = [verb]
    for child in verb.children:
        if child.dep_ in VERB_ARGUMENTS or child.dep_.startswith("obl"):
            words.extend(child.subtree)
    return sorted(set(words), key=lambda token: token.i)[:MAX_PHRASE_TOKENS]


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
