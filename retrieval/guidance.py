"""Which bridges to show a person, asked by the assistant or by a counsellor, and the counsellor's what-if.

The assistant asks with what the conversation holds, the counsellor's console with the stored profile; both
get the same bridges for the same person. A what-if changes a copy of the stored profile (competences added
or removed, a certification obtained, another radius) and asks again: nothing is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select

from retrieval.bridges import Profile
from retrieval.engine import Engine, Proposal
from retrieval.geo import Place
from retrieval.profiles import StoredProfile
from retrieval.store import transaction
from retrieval.store.models import CertificationBloc

#: Bridges ranked before the suitable ones are picked.
BRIDGES_COMPUTED = 15
#: The radius used when the person gave none, in km.
DEFAULT_RADIUS_KM = 30
#: The parcours of people who want to leave their sector.
CHANGING_SECTOR = "secteur"


class UnknownCertification(ValueError):
    """A certification code the store does not know (or without any competence in its blocs)."""

    def __init__(self, codes: Sequence[str]) -> None:
        self.codes = list(codes)
        super().__init__(f"certification inconnue : {', '.join(self.codes)}")


@dataclass(frozen=True)
class WhatIf:
    """Changes tried on a stored profile."""

    add_competences: tuple[str, ...] = ()
    remove_competences: tuple[str, ...] = ()
    add_certifications: tuple[str, ...] = ()
    radius_km: int | None = None


def suitable_bridges(
    engine: Engine,
    profile: Profile,
    shown: int,
    *,
    near: Place | None,
    radius_km: float,
    changing_sector: bool = False,
    training_limit: int | None = None,
) -> list[Proposal]:
    """The ``shown`` bridges to propose, with offers around ``near`` and their training path.

    Changing sector: among the sectors wished when they have bridges, else outside the current job's
    sectors. Bridges within the person's training limit come first.
    """
    wished = profile.sectors if changing_sector else ()
    found = (
        engine.propose(profile, BRIDGES_COMPUTED, near=near, radius_km=radius_km, sectors=wished)
        if wished
        else []
    )
    if not found:
        found = engine.propose(profile, BRIDGES_COMPUTED, near=near, radius_km=radius_km)
        if changing_sector and profile.occupations:
            own = set(engine.sectors_of(profile.occupations[0]))
            found = [p for p in found if not own & set(engine.sectors_of(p.bridge.code))] or found
    if training_limit is not None:
        found = sorted(found, key=lambda p: p.training.total_hours > training_limit)
    return found[:shown]


def engine_profile(stored: StoredProfile) -> Profile:
    """What the engine needs from a stored profile (its competences already hold those rated mastered)."""
    return Profile(
        occupations=(stored.occupation_code,) if stored.occupation_code else (),
        competences=stored.competences,
        sectors=stored.sectors,
        avoid=stored.avoid,
    )


def stored_bridges(engine: Engine, stored: StoredProfile, shown: int) -> list[Proposal]:
    """The bridges the assistant would show this person now; none while neither their job nor any
    competence is known (a ranking from nothing would only be noise)."""
    profile = engine_profile(stored)
    if not profile.occupations and not profile.competences:
        return []
    near = engine.commune(stored.commune_insee) if stored.commune_insee else None
    return suitable_bridges(
        engine,
        profile,
        shown,
        near=near,
        radius_km=stored.radius_km or DEFAULT_RADIUS_KM,
        changing_sector=stored.parcours == CHANGING_SECTOR,
        training_limit=stored.training_hours,
    )


def what_if(engine: Engine, stored: StoredProfile, change: WhatIf, shown: int) -> list[Proposal]:
    """The bridges the person would get after ``change``; raises UnknownCertification."""
    gained = [*change.add_competences, *certification_competences(engine.url, change.add_certifications)]
    removed = set(change.remove_competences)
    competences = tuple(code for code in dict.fromkeys([*stored.competences, *gained]) if code not in removed)
    changed = replace(stored, competences=competences, radius_km=change.radius_km or stored.radius_km)
    return stored_bridges(engine, changed, shown)


def certification_competences(url: str, codes: Sequence[str]) -> list[str]:
    """Every competence taught by the blocs of these certifications, in bloc order."""
    if not codes:
        return []
    with transaction(url) as session:
        blocs = session.execute(
            select(CertificationBloc.certification, CertificationBloc.competences)
            .where(CertificationBloc.certification.in_(codes))
            .order_by(CertificationBloc.code)
        ).all()
    unknown = [code for code in codes if not any(b.certification == code and b.competences for b in blocs)]
    if unknown:
        raise UnknownCertification(unknown)
    return list(dict.fromkeys(code for bloc in blocs for code in bloc.competences))
