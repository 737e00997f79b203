"""What a consenting person told the assistant, the passerelles proposed to them and the one they chose.

The only door to the person tables: plain dataclasses in and out, one transaction per call. Nothing is
kept without consent: the caller saves a profile only once the person said yes, and proposals or a
choice for someone never saved are not recorded. Times are stored and returned in UTC.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from retrieval.referential.schema import CODE_PATTERN, ROME_PATTERN
from retrieval.store import transaction
from retrieval.store.models import Person, PersonProfile, Proposal

RATINGS = ("acquis", "a_renforcer", "pas_encore")
INSEE_PATTERN = r"^[0-9][0-9AB][0-9]{3}$"


class ProfileError(ValueError):
    """A profile or a proposal that cannot be stored: ``str()`` names the field and what is wrong."""

    def __init__(self, field_name: str, problem: str) -> None:
        self.field_name, self.problem = field_name, problem
        super().__init__(f"profil, champ « {field_name} » : {problem}")


@dataclass(frozen=True)
class StoredProfile:
    """Everything kept about a person; ``ref`` is the chat's pseudonymous sender id, never a name."""

    ref: str
    branch: str | None = None
    occupation_code: str | None = None
    occupation_label: str | None = None
    years: float | None = None
    competences: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    commune_insee: str | None = None
    bassin: str | None = None
    radius_km: int | None = None
    training_hours: int | None = None
    ratings: dict[str, str] = field(default_factory=dict)
    parcours: str | None = None


#: The fields kept on the person row; every other field of StoredProfile is a person_profile column.
PERSON_FIELDS = ("ref", "branch")
PROFILE_COLUMNS = tuple(item.name for item in fields(StoredProfile) if item.name not in PERSON_FIELDS)


def save_profile(url: str, profile: StoredProfile, *, consent_at: dt.datetime) -> None:
    """Create or replace the person's profile; the date of their first consent is kept."""
    _check_profile(profile)
    consent = _to_utc(consent_at, "consent_at")
    now = dt.datetime.now(dt.UTC)
    with transaction(url) as session:
        person = _person(session, profile.ref)
        if person is None:
            person = Person(ref=profile.ref, created_at=now, consent_at=consent)
            session.add(person)
        person.consent_at = person.consent_at or consent
        person.branch = profile.branch
        person.updated_at = now
        row = person.profile or PersonProfile()
        for name, value in _profile_columns(profile).items():
            setattr(row, name, value)
        row.updated_at = now
        person.profile = row


def load_profile(url: str, ref: str) -> StoredProfile | None:
    """The person's profile, or None when nothing is stored for them."""
    _check_ref(ref)
    with transaction(url) as session:
        person = _person(session, ref)
        return None if person is None else _stored(person)


def record_proposals(url: str, ref: str, proposals: list[tuple[str, float, list[str]]]) -> bool:
    """Keep the passerelles proposed (ROME code, score, missing core competence codes) to a saved person.

    Returns False, recording nothing, when the person is not stored (they did not consent).
    """
    _check_ref(ref)
    for position, (rome_code, score, missing) in enumerate(proposals):
        where = f"proposals[{position}]"
        _check_text(f"{where}.rome_code", rome_code, 5, ROME_PATTERN)
        if not math.isfinite(score):
            raise ProfileError(f"{where}.score", f"nombre attendu, reçu {score!r}")
        _check_codes(f"{where}.missing", missing, 200)
    with transaction(url) as session:
        person = _person(session, ref)
        if person is None:
            return False
        now = dt.datetime.now(dt.UTC)
        session.add_all(
            Proposal(person_id=person.id, rome_code=code, score=score, missing=list(missing), created_at=now)
            for code, score, missing in proposals
        )
        return True


def record_choice(url: str, ref: str, rome_code: str) -> bool:
    """Mark the latest proposal of ``rome_code`` to the person as chosen; False when there is none."""
    _check_ref(ref)
    _check_text("rome_code", rome_code, 5, ROME_PATTERN)
    with transaction(url) as session:
        proposal = session.scalars(
            select(Proposal)
            .join(Person)
            .where(Person.ref == ref, Proposal.rome_code == rome_code)
            .order_by(Proposal.id.desc())
            .limit(1)
        ).first()
        if proposal is None:
            return False
        proposal.chosen = True
        return True


def erase_person(url: str, ref: str) -> bool:
    """Delete the person, their profile and proposals (right to erasure); False when nothing was stored."""
    _check_ref(ref)
    with transaction(url) as session:
        person = _person(session, ref)
        if person is None:
            return False
        session.delete(person)
        return True


def export_person(url: str, ref: str) -> dict[str, Any] | None:
    """Everything stored about the person as JSON-ready data (right of access); None when nothing is."""
    _check_ref(ref)
    with transaction(url) as session:
        person = _person(session, ref)
        if person is None:
            return None
        profile = None
        if person.profile is not None:
            profile = _profile_columns(_stored(person)) | {"updated_at": _iso(person.profile.updated_at)}
        return {
            "ref": person.ref,
            "branch": person.branch,
            "created_at": _iso(person.created_at),
            "consent_at": None if person.consent_at is None else _iso(person.consent_at),
            "updated_at": _iso(person.updated_at),
            "profile": profile,
            "proposals": [
                {
                    "rome_code": proposal.rome_code,
                    "score": proposal.score,
                    "missing": list(proposal.missing),
                    "chosen": proposal.chosen,
                    "created_at": _iso(proposal.created_at),
                }
                for proposal in person.proposals
            ],
        }


def _person(session: Session, ref: str) -> Person | None:
    return session.scalars(select(Person).where(Person.ref == ref)).first()


def _stored(person: Person) -> StoredProfile:
    row = person.profile
    columns = {} if row is None else {name: _frozen(getattr(row, name)) for name in PROFILE_COLUMNS}
    return StoredProfile(ref=person.ref, branch=person.branch, **columns)


def _profile_columns(profile: StoredProfile) -> dict[str, Any]:
    """The profile's own columns as JSON-ready values (tuples become lists)."""
    return {name: _plain(getattr(profile, name)) for name in PROFILE_COLUMNS}


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return dict(value) if isinstance(value, dict) else value


def _to_utc(moment: dt.datetime, name: str) -> dt.datetime:
    if moment.utcoffset() is None:
        raise ProfileError(name, "date sans fuseau horaire (donner par exemple datetime.now(UTC))")
    return moment.astimezone(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    # SQLite gives back the stored UTC time without its zone; PostgreSQL gives it in the session's zone.
    utc = moment.replace(tzinfo=dt.UTC) if moment.utcoffset() is None else moment.astimezone(dt.UTC)
    return utc.isoformat()


def _check_ref(ref: str) -> None:
    # Unlike every other field, the reference is required.
    _check_text("ref", ref or "", 200)


def _check_profile(profile: StoredProfile) -> None:
    _check_ref(profile.ref)
    _check_text("branch", profile.branch, 40, CODE_PATTERN)
    _check_text("occupation_code", profile.occupation_code, 5, ROME_PATTERN)
    _check_text("occupation_label", profile.occupation_label, 300)
    _check_codes("competences", profile.competences, 200)
    _check_codes("sectors", profile.sectors, 40, CODE_PATTERN)
    _check_codes("avoid", profile.avoid, 200)
    _check_text("commune_insee", profile.commune_insee, 5, INSEE_PATTERN)
    _check_text("bassin", profile.bassin, 10)
    _check_text("parcours", profile.parcours, 40)
    for name in ("years", "radius_km", "training_hours"):
        value = getattr(profile, name)
        if value is not None and not (math.isfinite(value) and value >= 0):
            raise ProfileError(name, f"nombre positif ou nul attendu, reçu {value!r}")
    _check_codes("ratings", profile.ratings, 200)
    for code, rating in profile.ratings.items():
        if rating not in RATINGS:
            raise ProfileError(
                f"ratings[{code}]", f"« {rating} » n'est pas l'une des valeurs {', '.join(RATINGS)}"
            )


def _check_codes(name: str, codes: Iterable[str], max_length: int, pattern: str | None = None) -> None:
    for position, code in enumerate(codes):
        _check_text(f"{name}[{position}]", code, max_length, pattern)


def _check_text(name: str, value: str | None, max_length: int, pattern: str | None = None) -> None:
    """None is accepted (not said); a given value must be neither blank, too long nor badly shaped."""
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(name, f"texte non vide attendu, reçu {value!r}")
    if len(value) > max_length:
        raise ProfileError(name, f"trop long ({len(value)} caractères, {max_length} au plus)")
    if pattern is not None and not re.fullmatch(pattern, value):
        raise ProfileError(name, f"« {value} » n'a pas la forme attendue ({pattern})")
