"""The engine: one object per process and store, loaded lazily, that answers every guidance question."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlalchemy import select

from retrieval.bridges import Bridge, BridgeModel, Profile, band
from retrieval.geo import Place, commune_place, find_place
from retrieval.index.hybrid import Encoder, HybridIndex
from retrieval.jobs import JobSearch, search_jobs, title_corpus
from retrieval.offers import OfferHit, OfferIndex
from retrieval.settings import get_settings
from retrieval.skills import SkillCandidate, extract_skills, nlp
from retrieval.snapshot import CompetenceInfo, Snapshot
from retrieval.store import transaction
from retrieval.store.models import FundingScheme, Offer
from retrieval.trainings import TrainingCatalogue, TrainingPath

#: How many offers are shown with each bridge (all are counted).
OFFERS_SHOWN = 3
#: An offer at the edge of the radius fits this much less than the same offer next door.
DISTANCE_DISCOUNT = 0.3


@dataclass(frozen=True)
class OfferSummary:
    id: str
    title: str
    company: str
    contract: str
    place: str
    distance_km: float
    demo: bool


@dataclass(frozen=True)
class Proposal:
    """A bridge made concrete: offers near the person and the training path that closes the gap."""

    bridge: Bridge
    offers_nearby: int
    offers: list[OfferSummary]
    training: TrainingPath

    @property
    def band(self) -> str:
        """From the hours of the blocs to follow (or, without a full path, the competences' usual hours)."""
        if self.training.steps and not self.training.uncovered:
            return band(self.training.total_hours)
        return self.bridge.band


class Engine:
    def __init__(self, url: str, encoder: Encoder, index_dir: Path | None = None) -> None:
        self.url = url
        self.encoder = encoder
        self.index_dir = index_dir or get_settings().index_root
        self.snapshot = Snapshot.load(url)

    @classmethod
    def open(cls, url: str | None = None, encoder: Encoder | None = None) -> Engine:
        """The engine on the configured store and encoder (both overridable)."""
        from retrieval.encoder import default_encoder

        return cls(url or get_settings().store_url, encoder or default_encoder())

    # -- indexes, built on first use or loaded when their inputs did not change -----------------------
    @cached_property
    def title_index(self) -> HybridIndex:
        ids, texts = title_corpus(self.snapshot)
        return HybridIndex.ensure(self.index_dir / "titles", ids, texts, self.encoder)

    @cached_property
    def competence_index(self) -> HybridIndex:
        competences = self.snapshot.competences
        return HybridIndex.ensure(
            self.index_dir / "competences",
            [c.code for c in competences],
            [c.label for c in competences],
            self.encoder,
        )

    @cached_property
    def bridge_model(self) -> BridgeModel:
        return BridgeModel(
            self.snapshot,
            self.competence_index.vectors,
            self.competence_index.dense.config.baseline,
            self.title_index.vectors,
        )

    @cached_property
    def offer_index(self) -> OfferIndex:
        return OfferIndex.from_store(self.url)

    @cached_property
    def training_catalogue(self) -> TrainingCatalogue:
        return TrainingCatalogue.load(self.url)

    @cached_property
    def funding_names(self) -> dict[str, str]:
        """How people call each funding scheme ("CPF" → "Compte personnel de formation (CPF)")."""
        with transaction(self.url) as session:
            schemes = session.execute(select(FundingScheme.code, FundingScheme.name))
            return {code: name for code, name in schemes}

    def warm(self) -> None:
        """Load everything now, so that later questions, maybe from several threads at once, find it ready."""
        parts = (
            "title_index",
            "competence_index",
            "bridge_model",
            "offer_index",
            "training_catalogue",
            "funding_names",
        )
        for part in parts:
            getattr(self, part)
        nlp()  # spaCy's French model, for the competences people describe

    def build_indexes(self) -> dict[str, int]:
        """Build (or check) every index; returns the number of entries of each."""
        indexes = {
            "titles": self.title_index,
            "competences": self.competence_index,
        }
        return {name: len(index.ids) for name, index in indexes.items()}

    # -- questions ------------------------------------------------------------------------------------
    def search_jobs(self, text: str, top: int = 5) -> JobSearch:
        vector = self.encoder.queries([text])[0]
        return search_jobs(self.title_index, self.snapshot, vector, text, top)

    def extract_skills(self, text: str) -> list[SkillCandidate]:
        return extract_skills(self.competence_index, self.encoder, text)

    def place(self, text: str) -> Place | None:
        """The commune meant by an INSEE code, a postal code or a name, alone or in a sentence."""
        with transaction(self.url) as session:
            return find_place(session, text)

    def sectors_of(self, code: str) -> tuple[str, ...]:
        """The sectors a fiche is found in."""
        return self.snapshot.occupations[self.snapshot.occupation_row[code]].sectors

    def commune(self, insee: str) -> Place | None:
        with transaction(self.url) as session:
            return commune_place(session, insee)

    def core_competences(self, code: str) -> list[CompetenceInfo]:
        """The competences a fiche cannot do without (work contexts aside), in the fiche's order."""
        snapshot = self.snapshot
        links = snapshot.competences_of(snapshot.occupation_row[code])
        core = [row for row, weight in sorted(links.items()) if weight >= 1.0]
        return [snapshot.competences[row] for row in core if snapshot.competences[row].kind != "contexte"]

    def offers_near(
        self,
        place: Place,
        radius_km: float,
        *,
        profile: Profile | None = None,
        rome_codes: list[str] | None = None,
        contracts: list[str] | None = None,
        limit: int = 20,
    ) -> list[OfferSummary]:
        """Offers around the place, optionally for some fiches and contract types.

        Nearest first; with a profile, best fit first: the offer's fiche scored as a bridge for this person
        (their own fiches fit fully), a little less the farther it is.
        """
        if place.position is None:
            return []
        hits = self.offer_index.near(
            *place.position,
            radius_km,
            rome_codes=rome_codes,
            contracts=contracts,
            limit=None if profile else limit,
        )
        if profile is not None:
            fit = self.bridge_model.score(profile).total
            row = self.snapshot.occupation_row

            def fitness(hit: OfferHit) -> float:
                if hit.rome_code in profile.occupations:
                    fiche = 1.0
                elif hit.rome_code in row:
                    fiche = float(fit[row[hit.rome_code]])
                else:
                    fiche = 0.0
                return fiche * (1.0 - DISTANCE_DISCOUNT * hit.distance_km / radius_km)

            hits = sorted(hits, key=lambda hit: (-fitness(hit), hit.distance_km, hit.id))[:limit]
        distances = {hit.id: hit.distance_km for hit in hits}
        with transaction(self.url) as session:
            offers = {o.id: o for o in session.scalars(select(Offer).where(Offer.id.in_(distances)))}
        return [
            OfferSummary(
                o.id, o.title, o.company, o.contract, o.place_label, round(distances[o.id], 1), o.demo
            )
            for o in (offers[hit.id] for hit in hits)
        ]

    def bridges(self, profile: Profile, top: int = 10, *, use_mobility: bool = True) -> list[Bridge]:
        return self.bridge_model.rank(profile, top=top, use_mobility=use_mobility)

    def propose(
        self,
        profile: Profile,
        top: int = 10,
        *,
        near: Place | None = None,
        radius_km: float = 30,
        sectors: Collection[str] = (),
    ) -> list[Proposal]:
        """Bridges ranked with the local demand (only in ``sectors`` when given), each with offers nearby
        and its training path."""
        demand = self._demand(near, radius_km)
        return [
            self._concrete(bridge, demand, near, radius_km)
            for bridge in self.bridge_model.rank(profile, top=top, demand=demand, sectors=sectors)
        ]

    def propose_one(
        self, profile: Profile, code: str, *, near: Place | None = None, radius_km: float = 30
    ) -> Proposal:
        """The proposal for one chosen fiche: its bridge, offers nearby and training path."""
        demand = self._demand(near, radius_km)
        return self._concrete(self.bridge_model.explain(profile, code), demand, near, radius_km)

    def _demand(self, near: Place | None, radius_km: float) -> dict[str, int]:
        """Offers per fiche around the place (none without a place)."""
        position = near.position if near else None
        return self.offer_index.demand(*position, radius_km) if position else {}

    def _concrete(
        self, bridge: Bridge, demand: dict[str, int], near: Place | None, radius_km: float
    ) -> Proposal:
        offers = (
            self.offers_near(near, radius_km, rome_codes=[bridge.code], limit=OFFERS_SHOWN) if near else []
        )
        missing = [m.code for m in bridge.missing if m.core]
        position = near.position if near else None
        training = self.training_catalogue.path(missing, near=position, radius_km=radius_km)
        return Proposal(bridge, demand.get(bridge.code, 0), offers, training)
