"""Training paths: the fewest certification blocs that teach the missing competences, with hours and funding.

A greedy weighted set cover (the classic approximation): again and again, take the bloc that teaches the
most still-missing competences for its length (gain / √hours, so that one long bloc teaching much beats many
tiny ones), preferring blocs with a session near the person that still has places. Whole certifications
come in through their blocs; a bloc is the smallest unit one can train for.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from dataclasses import dataclass, replace

from sqlalchemy import select

from retrieval.geo import haversine_km
from retrieval.store import transaction
from retrieval.store.models import Certification, CertificationBloc, TrainingSession

#: A bloc with a session nearby that still has places is worth this much more than one without.
NEARBY_PREFERENCE = 1.5


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    organisation: str
    place: str
    start: dt.date | None
    places: int | None
    distance_km: float | None
    demo: bool


@dataclass(frozen=True)
class Bloc:
    code: str
    title: str
    hours: int
    competences: frozenset[str]
    certification: str
    certification_title: str
    certification_kind: str
    funding: tuple[str, ...]


@dataclass(frozen=True)
class TrainingStep:
    bloc: Bloc
    covers: list[str]
    sessions: list[Session]


@dataclass(frozen=True)
class TrainingPath:
    steps: list[TrainingStep]
    total_hours: int
    uncovered: list[str]
    funding: list[str]


@dataclass(frozen=True)
class _SessionRow:
    session: Session
    certification: str | None
    blocs: frozenset[str]
    latitude: float | None
    longitude: float | None


class TrainingCatalogue:
    """Every bloc of every certification, and the training sessions, as the store holds them."""

    def __init__(self, blocs: list[Bloc], sessions: list[_SessionRow]) -> None:
        self.blocs = blocs
        # A session teaches the blocs it names, or its whole certification when it names none.
        self.sessions_by_bloc: dict[str, list[_SessionRow]] = {}
        self.sessions_by_certification: dict[str, list[_SessionRow]] = {}
        for row in sessions:
            for code in row.blocs:
                self.sessions_by_bloc.setdefault(code, []).append(row)
            if not row.blocs and row.certification:
                self.sessions_by_certification.setdefault(row.certification, []).append(row)

    @classmethod
    def load(cls, url: str) -> TrainingCatalogue:
        with transaction(url) as db:
            certifications = {c.code: c for c in db.scalars(select(Certification))}
            blocs = [
                Bloc(
                    code=b.code,
                    title=b.title,
                    hours=b.hours or certifications[b.certification].duration_hours or 35,
                    competences=frozenset(b.competences),
                    certification=b.certification,
                    certification_title=certifications[b.certification].title,
                    certification_kind=certifications[b.certification].kind,
                    funding=tuple(certifications[b.certification].funding),
                )
                for b in db.scalars(select(CertificationBloc).order_by(CertificationBloc.code))
                if b.competences
            ]
            sessions = [
                _SessionRow(
                    Session(s.id, s.title, s.organisation, s.place_label, s.start, s.places, None, s.demo),
                    s.certification,
                    frozenset(s.blocs),
                    s.latitude,
                    s.longitude,
                )
                for s in db.scalars(select(TrainingSession).order_by(TrainingSession.id))
            ]
        return cls(blocs, sessions)

    def sessions_for(
        self, bloc: Bloc, near: tuple[float, float] | None, radius_km: float, today: dt.date
    ) -> list[Session]:
        """Upcoming sessions teaching this bloc (nearest first when a place is known, within the radius)."""
        found = []
        teaching = self.sessions_by_bloc.get(bloc.code, []) + self.sessions_by_certification.get(
            bloc.certification, []
        )
        for row in teaching:
            if row.session.start is not None and row.session.start < today:
                continue
            distance = None
            if near is not None:
                if row.latitude is None or row.longitude is None:
                    continue
                distance = round(haversine_km(near[0], near[1], row.latitude, row.longitude), 1)
                if distance > radius_km:
                    continue
            found.append(replace(row.session, distance_km=distance))
        return sorted(found, key=lambda s: (s.distance_km or 0.0, s.start or today, s.id))

    def path(
        self,
        missing: Collection[str],
        *,
        near: tuple[float, float] | None = None,
        radius_km: float = 50.0,
        today: dt.date | None = None,
    ) -> TrainingPath:
        """The blocs to follow, in order, to acquire the ``missing`` competence codes."""
        today = today or dt.date.today()
        remaining = set(missing)
        steps: list[TrainingStep] = []
        useful = [b for b in self.blocs if b.competences & remaining]
        nearby = {b.code: self.sessions_for(b, near, radius_km, today) for b in useful}
        while remaining:
            best, best_value = None, 0.0
            for bloc in useful:
                gain = len(bloc.competences & remaining)
                if not gain:
                    continue
                has_places = any(s.places is None or s.places > 0 for s in nearby.get(bloc.code, []))
                value = gain / math.sqrt(bloc.hours) * (NEARBY_PREFERENCE if has_places else 1.0)
                if value > best_value:
                    best, best_value = bloc, value
            if best is None:
                break
            covers = sorted(best.competences & remaining)
            remaining -= best.competences
            steps.append(TrainingStep(best, covers, nearby.get(best.code, [])))
        funding = sorted({code for step in steps for code in step.bloc.funding})
        return TrainingPath(steps, sum(s.bloc.hours for s in steps), sorted(remaining), funding)
