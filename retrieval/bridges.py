"""Bridge jobs: from what a person can do, which fiches are within reach, and what is missing.

Inspired by Nesta's Mapping Career Causeways: every competence of a target fiche is matched to the closest
competence the person has, by embedding similarity passed through a steep sigmoid (a soft threshold), so
that "Régler une presse à injecter" counts for "Régler les paramètres d'une machine" but not for "Accueillir
un client". Several facets are averaged: how much of the target is covered, how close the two competence
profiles are, how close the job titles are, and how alike the working conditions are. Wishes and local
demand then adjust the ranking. Everything is deterministic and every figure is explained in the result.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix, diags

from retrieval.snapshot import Snapshot

#: Rescaled similarity at which two competences count as the same (the sigmoid's midpoint).
MATCH_THRESHOLD = 0.55
#: Steepness of the sigmoid: ~0.1 below the threshold a match is worth little, ~0.1 above nearly full.
MATCH_STEEPNESS = 25.0
#: Chosen on ROME v3's official mobility links (bench/bridges_quality.py), so the benchmark is optimistic.
FACET_WEIGHTS = {
    "coverage": 0.4,
    "shared": 0.4,
    "profile": 0.25,
    "title": 0.25,
    "context": 0.1,
    "declared": 0.4,
}
#: Beyond this many training hours for the missing competences, the bridge is a "passerelle longue".
SHORT_BRIDGE_HOURS = 400
LEVEL_GAP_ALLOWED = 2
LEVEL_GAP_PENALTY = 0.7
SECTOR_BONUS = 0.05
MOBILITY_BONUS = 0.05
AVOID_PENALTY = 0.5
REVERSE_CANDIDATES = 3


@dataclass(frozen=True)
class Profile:
    """What the person told: current or past fiches, confirmed competences, wishes and constraints."""

    occupations: tuple[str, ...] = ()
    competences: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    #: Work-context competence codes the person wants to avoid (night shifts, heavy loads, driving…).
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class SharedCompetence:
    code: str
    label: str
    #: The person's competence that matches it (the same one, or a close one).
    because_of: str
    match: float


@dataclass(frozen=True)
class MissingCompetence:
    code: str
    label: str
    core: bool
    hours: int


@dataclass(frozen=True)
class Bridge:
    code: str
    title: str
    score: float
    facets: dict[str, float]
    shared: list[SharedCompetence]
    missing: list[MissingCompetence]
    training_hours: int
    band: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scores:
    total: np.ndarray
    facets: dict[str, np.ndarray]
    #: Per competence: the probability the person has it, and the row of their competence that matches best.
    probability: np.ndarray
    because: np.ndarray
    reasons: dict[int, list[str]]


class BridgeModel:
    """The precomputed arrays bridges are computed on: competence and title vectors, fiche profiles."""

    def __init__(
        self,
        snapshot: Snapshot,
        competence_vectors: np.ndarray,
        competence_baseline: float,
        job_title_vectors: np.ndarray,
    ) -> None:
        """``job_title_vectors`` are those of ``snapshot.titles``, in the same order."""
        self.snapshot = snapshot
        self.vectors = competence_vectors
        self.baseline = competence_baseline
        kinds = np.array([c.kind for c in snapshot.competences])
        self.is_context = kinds == "contexte"
        self.levels = np.array(
            [np.nan if o.level is None else o.level for o in snapshot.occupations], np.float32
        )
        links = snapshot.links
        self.skills = _keep_columns(links, ~self.is_context)  # the fiches' competences, without context
        self.context = _keep_columns(links, self.is_context).astype(bool).astype(np.float32)
        self.described = snapshot.described()
        totals = np.asarray(self.skills.sum(axis=1)).ravel()
        self.skill_totals = np.where(totals > 0, totals, 1.0)
        self.profile_vectors = _normalise(np.asarray(self.skills @ self.vectors))
        self.profile_baseline = _mean_pair_similarity(self.profile_vectors[self.described])
        # A fiche's name is what people call it: the centroid of all its job titles.
        self.title_vectors = np.zeros((len(snapshot.occupations), job_title_vectors.shape[1]), np.float32)
        np.add.at(self.title_vectors, [row for row, _ in snapshot.titles], job_title_vectors)
        self.title_vectors = _normalise(self.title_vectors)
        self.title_baseline = _mean_pair_similarity(self.title_vectors[self.described])
        # Exact shared competences, rare ones weighing more (inverse document frequency over the fiches).
        self.sets = (links > 0).astype(np.float32).tocsr()
        fiches_with = np.asarray(self.sets[self.described].sum(axis=0)).ravel()
        self.idf = np.log((len(self.described) + 1) / (fiches_with + 1)).astype(np.float32)
        self.set_weights = self.sets @ self.idf

    # -- the person's side ------------------------------------------------------------------------------
    def person_competences(self, profile: Profile) -> dict[int, float]:
        """Competence rows the person has, with a weight (confirmed ones and core ones count fully)."""
        weights: dict[int, float] = {}
        for code in profile.occupations:
            row = self.snapshot.occupation_row.get(code)
            if row is not None:
                for competence, weight in self.snapshot.competences_of(row).items():
                    weights[competence] = max(weights.get(competence, 0.0), weight)
        for code in profile.competences:
            row = self.snapshot.competence_row.get(code)
            if row is not None:
                weights[row] = 1.0
        return weights

    def match(self, person: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """For every competence: the probability the person has it, and which of theirs matches best."""
        if not person:
            size = len(self.snapshot.competences)
            return np.zeros(size, np.float32), np.full(size, -1)
        similarity = self.vectors[person] @ self.vectors.T
        best = similarity.argmax(axis=0)
        probability = self._same_competence(similarity[best, np.arange(similarity.shape[1])])
        probability[person] = 1.0
        return probability, np.asarray(person)[best]

    def _same_competence(self, similarity: np.ndarray) -> np.ndarray:
        """The soft threshold: how likely two competences this similar are the same know-how."""
        rescaled = _rescale(similarity, self.baseline)
        return (1.0 / (1.0 + np.exp(-MATCH_STEEPNESS * (rescaled - MATCH_THRESHOLD)))).astype(np.float32)

    # -- ranking --------------------------------------------------------------------------------------
    def facets(
        self, profile: Profile, weights: dict[int, float]
    ) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        skills = [row for row in weights if not self.is_context[row]]
        probability, because = self.match(skills)
        coverage = (self.skills @ probability) / self.skill_totals
        person_vector = _normalise(
            np.asarray([weights[row] for row in skills], np.float32) @ self.vectors[skills]
            if skills
            else np.zeros((1, self.vectors.shape[1]), np.float32)
        ).ravel()
        profile_similarity = _rescale(self.profile_vectors @ person_vector, self.profile_baseline)
        sources = [
            self.snapshot.occupation_row[c] for c in profile.occupations if c in self.snapshot.occupation_row
        ]
        if sources:
            title_similarity = _rescale(
                (self.title_vectors @ self.title_vectors[sources].T).max(axis=1), self.title_baseline
            )
        else:
            title_similarity = np.zeros(len(self.snapshot.occupations), np.float32)
        person_context = np.zeros(len(self.snapshot.competences), np.float32)
        person_context[[row for row in weights if self.is_context[row]]] = 1.0
        context = _jaccard(self.context, person_context)
        facets = {
            "coverage": coverage,
            "profile": profile_similarity,
            "title": title_similarity,
            "context": context,
        }
        declared = [
            row for c in profile.competences if (row := self.snapshot.competence_row.get(c)) is not None
        ]
        declared = [row for row in declared if not self.is_context[row]]
        if declared:
            # What the person told they do counts on its own: how much of it each fiche puts to use.
            facets["declared"] = self._best_per_fiche(self._same_competence_rows(declared)).mean(axis=0)
        return facets, probability, because

    def _shared(self, rows: list[int]) -> np.ndarray:
        """Weighted Jaccard index between the person's competences and each fiche's, exact matches only."""
        person = np.zeros(len(self.snapshot.competences), np.float32)
        person[rows] = self.idf[rows]
        both = np.asarray(self.sets @ person, np.float32)
        shared: np.ndarray = both / np.maximum(person.sum() + self.set_weights - both, 1e-6)
        return shared

    def _same_competence_rows(self, rows: list[int]) -> np.ndarray:
        """For each given competence, how likely every competence of the vocabulary is the same one."""
        probability = self._same_competence(self.vectors[rows] @ self.vectors.T)
        probability[np.arange(len(rows)), rows] = 1.0
        return probability

    def _best_per_fiche(self, probability: np.ndarray) -> np.ndarray:
        """For each row of probabilities over competences, the best one among each fiche's competences."""
        best = np.zeros((probability.shape[0], len(self.snapshot.occupations)), np.float32)
        has_skills = np.diff(self.skills.indptr) > 0
        gathered = probability[:, self.skills.indices]
        best[:, has_skills] = np.maximum.reduceat(gathered, self.skills.indptr[:-1][has_skills], axis=1)
        return best

    def score(
        self, profile: Profile, *, demand: dict[str, int] | None = None, use_mobility: bool = True
    ) -> Scores:
        """Every fiche's score for this person, with the facets and matches that explain it."""
        weights = self.person_competences(profile)
        facets, probability, because = self.facets(profile, weights)
        total = _combine(facets)
        adjusted, reasons = self._adjust(profile, total, demand or {}, use_mobility)
        return Scores(adjusted, facets, probability, because, reasons)

    def order(self, profile: Profile, scores: np.ndarray, sectors: Collection[str] = ()) -> list[int]:
        """Rows of the fiches a person can be sent to (described, not their own), best first; only those of
        ``sectors`` when given."""
        own = set(profile.occupations)
        wanted = set(sectors)
        rows = [
            row
            for row in self.described
            if self.snapshot.occupations[row].code not in own
            and (not wanted or wanted.intersection(self.snapshot.occupations[row].sectors))
        ]
        return sorted(rows, key=lambda row: (-scores[row], self.snapshot.occupations[row].code))

    def rank(
        self,
        profile: Profile,
        *,
        top: int,
        demand: dict[str, int] | None = None,
        use_mobility: bool = True,
        sectors: Collection[str] = (),
    ) -> list[Bridge]:
        """The ``top`` target fiches for this person, best first, each explained (only in ``sectors``)."""
        scores = self.score(profile, demand=demand, use_mobility=use_mobility)
        return [self._explain(row, scores) for row in self.order(profile, scores.total, sectors)[:top]]

    def explain(self, profile: Profile, code: str) -> Bridge:
        """The bridge from this person to one given fiche (e.g. the one they chose), explained."""
        return self._explain(self.snapshot.occupation_row[code], self.score(profile))

    def reverse(self, code: str, *, top: int) -> list[tuple[str, Bridge]]:
        """For a target fiche (a job in tension), the fiches whose people are best prepared for it.

        Each source is scored as the forward bridge would score the target from it (how much of the target's
        competences the source covers, profile, title and context closeness), all sources at once; the best
        ones are then explained from their side: ``(source code, bridge from source to target)``.
        """
        target = self.snapshot.occupation_row[code]
        wanted = self.snapshot.competences_of(target)
        needed = [row for row in wanted if not self.is_context[row]]
        weights = np.array([wanted[row] for row in needed], np.float32)
        # Is the target's competence t among a source's competences? Its best match there says.
        best = self._best_per_fiche(self._same_competence_rows(needed))
        coverage = weights @ best / max(float(weights.sum()), 1e-6)
        profile = _rescale(self.profile_vectors @ self.profile_vectors[target], self.profile_baseline)
        title = _rescale(self.title_vectors @ self.title_vectors[target], self.title_baseline)
        context = _jaccard(self.context, np.asarray(self.context[target].todense()).ravel())
        shared = self._shared(list(wanted))
        facets = {
            "coverage": coverage,
            "shared": shared,
            "profile": profile,
            "title": title,
            "context": context,
        }
        total = _combine(facets)
        sources = [row for row in self.described if row != target]
        sources.sort(key=lambda row: (-total[row], self.snapshot.occupations[row].code))
        # Explained from each source's side, with the same adjustments (e.g. level gap) as a forward bridge;
        # a few extra candidates let those adjustments reorder the list.
        explained = []
        for row in sources[: top * REVERSE_CANDIDATES]:
            source = self.snapshot.occupations[row].code
            forward = self.score(Profile(occupations=(source,)), use_mobility=False)
            explained.append((source, self._explain(target, forward)))
        explained.sort(key=lambda pair: (-pair[1].score, pair[0]))
        return explained[:top]

    def _adjust(
        self, profile: Profile, score: np.ndarray, demand: dict[str, int], use_mobility: bool
    ) -> tuple[np.ndarray, dict[int, list[str]]]:
        snapshot = self.snapshot
        sources = [snapshot.occupation_row[c] for c in profile.occupations if c in snapshot.occupation_row]
        source_level = (
            np.nanmax(self.levels[sources])
            if sources and not np.isnan(self.levels[sources]).all()
            else np.nan
        )
        too_high = self.levels - source_level > LEVEL_GAP_ALLOWED  # False wherever a level is unknown
        avoid = [snapshot.competence_row[c] for c in profile.avoid if c in snapshot.competence_row]
        avoided = np.asarray(self.context[:, avoid].sum(axis=1)).ravel() > 0
        wished = set(profile.sectors)
        linked = (
            set().union(*(snapshot.mobility.get(c, set()) for c in profile.occupations))
            if use_mobility
            else set()
        )
        busiest = max(demand.values(), default=0)
        reasons: dict[int, list[str]] = {}
        for row in self.described:
            occupation, why = snapshot.occupations[row], []
            if too_high[row]:
                score[row] *= LEVEL_GAP_PENALTY
                why.append("niveau de qualification nettement plus élevé")
            if avoided[row]:
                score[row] *= AVOID_PENALTY
                why.append("conditions de travail que vous souhaitez éviter")
            if wished.intersection(occupation.sectors):
                score[row] += SECTOR_BONUS
                why.append("dans un secteur que vous visez")
            if occupation.code in linked:
                score[row] += MOBILITY_BONUS
                why.append("passerelle reconnue par le ROME")
            offers = demand.get(occupation.code, 0)
            if offers:
                score[row] += SECTOR_BONUS * np.log1p(offers) / np.log1p(busiest)
                why.append(f"{offers} offre(s) près de chez vous")
            if why:
                reasons[row] = why
        return score, reasons

    def _explain(self, row: int, scores: Scores) -> Bridge:
        snapshot = self.snapshot
        occupation = snapshot.occupations[row]
        shared, missing = [], []
        for competence, weight in sorted(
            snapshot.competences_of(row).items(), key=lambda item: (-item[1], item[0])
        ):
            info = snapshot.competences[competence]
            if self.is_context[competence]:
                continue
            match = float(scores.probability[competence])
            if match >= 0.5:
                source = snapshot.competences[int(scores.because[competence])]
                shared.append(SharedCompetence(info.code, info.label, source.label, round(match, 3)))
            else:
                missing.append(MissingCompetence(info.code, info.label, weight >= 1.0, info.hours))
        # Secondary competences are picked up on the job; the training need is the core that is missing.
        hours = sum(m.hours for m in missing if m.core)
        return Bridge(
            code=occupation.code,
            title=occupation.title,
            score=round(float(scores.total[row]), 4),
            facets={name: round(float(values[row]), 4) for name, values in scores.facets.items()},
            shared=shared,
            missing=missing,
            training_hours=hours,
            band=band(hours),
            reasons=scores.reasons.get(row, []),
        )


def band(training_hours: int) -> str:
    """Passerelle courte when the training needed fits in about three months full time."""
    return "passerelle courte" if training_hours <= SHORT_BRIDGE_HOURS else "passerelle longue"


def _combine(facets: dict[str, np.ndarray]) -> np.ndarray:
    """The weighted average of the facets at hand (``declared`` only exists when the person told some)."""
    total = sum(FACET_WEIGHTS[name] * values for name, values in facets.items())
    return np.asarray(total / sum(FACET_WEIGHTS[name] for name in facets), np.float32)


def _keep_columns(matrix: csr_matrix, keep: np.ndarray) -> csr_matrix:
    kept = csr_matrix(matrix @ diags(keep.astype(np.float32)))
    kept.eliminate_zeros()
    return kept


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.atleast_2d(vectors).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def _rescale(similarity: np.ndarray, baseline: float) -> np.ndarray:
    return np.clip((similarity - baseline) / (1.0 - baseline), 0.0, 1.0).astype(np.float32)


def _mean_pair_similarity(vectors: np.ndarray) -> float:
    if vectors.shape[0] < 2:
        return 0.0
    similarity = vectors @ vectors.T
    count = vectors.shape[0]
    return float((similarity.sum() - np.trace(similarity)) / (count * (count - 1)))


def _jaccard(sets: csr_matrix, person: np.ndarray) -> np.ndarray:
    """Jaccard index between each row of a 0/1 matrix and one 0/1 vector."""
    both = sets @ person
    either = np.asarray(sets.sum(axis=1)).ravel() + person.sum() - both
    return np.where(either > 0, both / np.where(either > 0, either, 1.0), 0.0).astype(np.float32)
