"""The people a counsellor follows: guided sessions with the assistant, corrections, notes, what-if, fiche.

Profiles go through ``retrieval.profiles`` (the only door to the person tables); guided sessions and notes
are the console's own rows. Every route needs a signed-in counsellor or admin.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import replace
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from fastapi.exceptions import RequestValidationError
from sqlalchemy import Row, Select, func, or_, select
from sqlalchemy.orm import Session

from api.deps import CurrentAccount, EngineDep, SessionDep, SettingsDep
from api.fiche import Fiche, fiche_pdf
from api.schemas.common import Page, PageQuery, paginate
from api.schemas.people import (
    BotMessages,
    GuidedSessionPublic,
    Labelled,
    MessageIn,
    NoteCreate,
    NotePublic,
    PersonCreate,
    PersonCreated,
    PersonPublic,
    PersonSummary,
    ProfileUpdate,
    Proposals,
    WhatIfQuery,
)
from retrieval import payloads
from retrieval.counsellor import counsellor_metadata
from retrieval.engine import Engine, Proposal
from retrieval.guidance import (
    DEFAULT_RADIUS_KM,
    UnknownCertification,
    WhatIf,
    engine_profile,
    stored_bridges,
    what_if,
)
from retrieval.profiles import (
    ProfileError,
    StoredProfile,
    erase_person,
    export_person,
    load_profile,
    save_profile,
)
from retrieval.settings import Settings
from retrieval.store import transaction
from retrieval.store.models import Account, Branch, Commune, GuidedSession, Note, Person, PersonProfile
from retrieval.store.models import Proposal as ProposalRow

router = APIRouter(prefix="/people", tags=["personnes"])

#: Bridges shown by a what-if and on the fiche when the person chose none.
BRIDGES_SHOWN = 5
FICHE_BRIDGES = 3
#: The assistant answers a turn in a few seconds; its first turn may load the engine.
RASA_TIMEOUT_SECONDS = 60.0
NOT_FOUND = "Cette personne n'existe pas, ou ses données ont été effacées."


@router.get("")
def list_people(
    session: SessionDep,
    _account: CurrentAccount,
    page: Annotated[PageQuery, Depends()],
    q: Annotated[
        str | None, Query(max_length=100, description="Référence, métier, branche ou commune.")
    ] = None,
) -> Page[PersonSummary]:
    """People stored with their consent, most recently updated first."""
    sessions = (
        select(func.count(GuidedSession.id)).where(GuidedSession.person_id == Person.id).scalar_subquery()
    )
    query = (
        select(Person, PersonProfile.occupation_label, Commune.name, sessions)
        .outerjoin(PersonProfile, PersonProfile.person_id == Person.id)
        .outerjoin(Commune, Commune.insee == PersonProfile.commune_insee)
        .where(Person.consent_at.is_not(None))
    )
    if q and q.strip():
        pattern = f"%{q.strip().lower()}%"
        query = query.where(
            or_(
                *(
                    func.lower(column).like(pattern)
                    for column in (Person.ref, Person.branch, PersonProfile.occupation_label, Commune.name)
                )
            )
        )

    def summary(row: Row[Person, str | None, str | None, int]) -> PersonSummary:
        person, label, commune, count = row
        return PersonSummary(
            ref=person.ref,
            branch=person.branch,
            occupation_label=label,
            commune=commune,
            updated_at=_utc(person.updated_at),
            sessions=count,
        )

    return paginate(session, query.order_by(Person.updated_at.desc(), Person.id.desc()), page, summary)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_person(
    new: PersonCreate, session: SessionDep, settings: SettingsDep, _account: CurrentAccount
) -> PersonCreated:
    """A new person for a guided session; the counsellor has asked for their consent beforehand."""
    if session.get(Branch, new.branch) is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"La branche « {new.branch} » n'existe pas."
        )
    ref = f"c-{secrets.token_hex(16)}"
    save_profile(
        settings.store_url, StoredProfile(ref=ref, branch=new.branch), consent_at=dt.datetime.now(dt.UTC)
    )
    return PersonCreated(ref=ref)


@router.get("/{ref}")
def read_person(ref: str, settings: SettingsDep, engine: EngineDep, _account: CurrentAccount) -> PersonPublic:
    return person_public(settings, engine, _stored(settings, ref))


@router.patch("/{ref}/profile")
def correct_profile(
    ref: str, changes: ProfileUpdate, settings: SettingsDep, engine: EngineDep, _account: CurrentAccount
) -> PersonPublic:
    """The counsellor's corrections; the person's consent date is kept."""
    stored = _stored(settings, ref)
    corrected = _corrected(engine, stored, changes)
    consent_at = _person_row(settings.store_url, ref)["consent_at"] or dt.datetime.now(dt.UTC)
    save_profile(settings.store_url, corrected, consent_at=consent_at)
    return person_public(settings, engine, corrected)


@router.post("/{ref}/messages")
async def send_message(
    ref: str, message: MessageIn, settings: SettingsDep, _account: CurrentAccount
) -> BotMessages:
    """A turn of the guided session, said to the assistant as the counsellor.

    Only the API may say so: it signs the person's ref with its secret key, which the actions check.
    """
    stored = _stored(settings, ref)
    body = {
        "sender": ref,
        "message": message.text,
        "metadata": counsellor_metadata(settings.secret_key, ref) | {"branch": stored.branch},
    }
    try:
        async with httpx.AsyncClient(timeout=RASA_TIMEOUT_SECONDS) as client:
            answer = await client.post(rasa_webhook(settings), json=body)
        answer.raise_for_status()
        messages = answer.json()
    except (httpx.HTTPError, ValueError) as error:
        raise HTTPException(
            status.HTTP_502_BAD_GATEWAY,
            "L'assistant ne répond pas pour le moment : merci de réessayer dans un instant.",
        ) from error
    if not isinstance(messages, list):
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "L'assistant a donné une réponse illisible.")
    return BotMessages(messages=[m for m in messages if isinstance(m, dict)])


@router.post("/{ref}/sessions", status_code=status.HTTP_201_CREATED)
def start_session(ref: str, session: SessionDep, account: CurrentAccount) -> GuidedSessionPublic:
    row = GuidedSession(
        person_id=_person_id(session, ref), account_id=account.id, started_at=dt.datetime.now(dt.UTC)
    )
    session.add(row)
    session.flush()
    return GuidedSessionPublic(id=row.id, ref=ref, counsellor=account.full_name, started_at=row.started_at)


@router.get("/{ref}/sessions")
def list_sessions(
    ref: str, session: SessionDep, _account: CurrentAccount, page: Annotated[PageQuery, Depends()]
) -> Page[GuidedSessionPublic]:
    query = _sessions_of(_person_id(session, ref)).order_by(
        GuidedSession.started_at.desc(), GuidedSession.id.desc()
    )
    return paginate(
        session,
        query,
        page,
        lambda row: GuidedSessionPublic(
            id=row[0].id, ref=ref, counsellor=row[1], started_at=_utc(row[0].started_at)
        ),
    )


@router.post("/{ref}/notes", status_code=status.HTTP_201_CREATED)
def add_note(ref: str, note: NoteCreate, session: SessionDep, account: CurrentAccount) -> NotePublic:
    row = Note(
        person_id=_person_id(session, ref),
        account_id=account.id,
        text=note.text,
        created_at=dt.datetime.now(dt.UTC),
    )
    session.add(row)
    session.flush()
    return NotePublic(id=row.id, text=row.text, author=account.full_name, created_at=row.created_at)


@router.get("/{ref}/notes")
def list_notes(
    ref: str, session: SessionDep, _account: CurrentAccount, page: Annotated[PageQuery, Depends()]
) -> Page[NotePublic]:
    query = _notes_of(_person_id(session, ref)).order_by(Note.created_at.desc(), Note.id.desc())
    return paginate(
        session,
        query,
        page,
        lambda row: NotePublic(
            id=row[0].id, text=row[0].text, author=row[1], created_at=_utc(row[0].created_at)
        ),
    )


@router.post("/{ref}/what-if")
def try_what_if(
    ref: str, change: WhatIfQuery, settings: SettingsDep, engine: EngineDep, _account: CurrentAccount
) -> Proposals:
    """The bridges the person would get after these changes; nothing is stored."""
    stored = _stored(settings, ref)
    _known_competences(engine, "add_competences", change.add_competences)
    trial = WhatIf(
        add_competences=tuple(change.add_competences),
        remove_competences=tuple(change.remove_competences),
        add_certifications=tuple(change.add_certifications),
        radius_km=change.radius_km,
    )
    try:
        found = what_if(engine, stored, trial, BRIDGES_SHOWN)
    except UnknownCertification as error:
        raise _invalid(
            "body.add_certifications", f"Certification inconnue : {', '.join(error.codes)}."
        ) from error
    return Proposals(items=[payloads.proposal(p) for p in found])


@router.get("/{ref}/fiche.pdf", response_class=Response)
def fiche(ref: str, settings: SettingsDep, engine: EngineDep, account: CurrentAccount) -> Response:
    """The "fiche passerelle" to print or give to the person."""
    stored = _stored(settings, ref)
    chosen = _chosen_codes(settings.store_url, ref)
    bridges = _fiche_bridges(engine, stored, chosen)
    document = Fiche(
        person=person_public(settings, engine, stored).model_dump(mode="json"),
        bridges=[payloads.proposal(p) for p in bridges],
        chosen=bool(chosen),
        counsellor=account.full_name,
        day=dt.date.today(),
        funding_names=engine.funding_names,
    )
    return Response(
        fiche_pdf(document),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="fiche-passerelle-{dt.date.today()}.pdf"'},
    )


@router.get("/{ref}/export")
def export(ref: str, settings: SettingsDep, session: SessionDep, _account: CurrentAccount) -> dict[str, Any]:
    """Everything stored about the person (right of access), with the counsellors' notes and sessions."""
    _stored(settings, ref)
    data = export_person(settings.store_url, ref) or {}
    person_id = _person_id(session, ref)
    notes = session.execute(_notes_of(person_id).order_by(Note.id))
    sessions = session.execute(_sessions_of(person_id).order_by(GuidedSession.id))
    return data | {
        "notes": [
            {"text": note.text, "author": name, "created_at": _utc(note.created_at).isoformat()}
            for note, name in notes
        ],
        "sessions": [
            {"counsellor": name, "started_at": _utc(row.started_at).isoformat()} for row, name in sessions
        ],
    }


@router.delete("/{ref}", status_code=status.HTTP_204_NO_CONTENT)
def erase(ref: str, settings: SettingsDep, _account: CurrentAccount) -> Response:
    """Everything about the person is deleted: profile, proposals, guided sessions and notes."""
    _stored(settings, ref)
    if not erase_person(settings.store_url, ref):
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# -- helpers ------------------------------------------------------------------------------------------------


def _notes_of(person_id: int) -> Select[Note, str]:
    """The notes about a person, each with its author's name."""
    return (
        select(Note, Account.full_name)
        .join(Account, Account.id == Note.account_id)
        .where(Note.person_id == person_id)
    )


def _sessions_of(person_id: int) -> Select[GuidedSession, str]:
    """The person's guided sessions, each with its counsellor's name."""
    return (
        select(GuidedSession, Account.full_name)
        .join(Account, Account.id == GuidedSession.account_id)
        .where(GuidedSession.person_id == person_id)
    )


def rasa_webhook(settings: Settings) -> str:
    """Rasa's REST channel as the API reaches it (``rasa_url``, else on this machine)."""
    rasa = settings.rasa_url.rstrip("/") or f"http://127.0.0.1:{settings.rasa_port}"
    return f"{rasa}/webhooks/rest/webhook"


def person_public(settings: Settings, engine: Engine, stored: StoredProfile) -> PersonPublic:
    snapshot = engine.snapshot
    row = _person_row(settings.store_url, stored.ref)
    place = engine.commune(stored.commune_insee) if stored.commune_insee else None
    code = stored.occupation_code
    return PersonPublic(
        ref=stored.ref,
        branch=stored.branch,
        occupation_code=code,
        occupation_label=stored.occupation_label,
        occupation_title=(
            snapshot.occupations[snapshot.occupation_row[code]].title
            if code in snapshot.occupation_row
            else None
        ),
        years=stored.years,
        competences=_labelled(engine, stored.competences),
        sectors=list(stored.sectors),
        avoid=_labelled(engine, stored.avoid),
        commune_insee=stored.commune_insee,
        commune_label=place.label if place else None,
        bassin=stored.bassin,
        radius_km=stored.radius_km,
        training_hours=stored.training_hours,
        ratings=dict(stored.ratings),
        parcours=stored.parcours,
        consent_at=row["consent_at"],
        updated_at=row["updated_at"],
    )


def _labelled(engine: Engine, codes: tuple[str, ...]) -> list[Labelled]:
    snapshot = engine.snapshot
    return [
        Labelled(
            code=code,
            label=snapshot.competences[snapshot.competence_row[code]].label
            if code in snapshot.competence_row
            else code,
        )
        for code in codes
    ]


def _corrected(engine: Engine, stored: StoredProfile, changes: ProfileUpdate) -> StoredProfile:
    given = changes.model_dump(include=changes.model_fields_set)
    snapshot = engine.snapshot
    updates: dict[str, Any] = {}
    if "occupation_code" in given:
        code = given["occupation_code"]
        if code is not None and code not in snapshot.occupation_row:
            raise _invalid("body.occupation_code", f"Le métier {code} n'existe pas dans le référentiel.")
        title = snapshot.occupations[snapshot.occupation_row[code]].title if code else None
        updates |= {"occupation_code": code, "occupation_label": title}
    for name in ("competences", "avoid"):
        if name in given:
            _known_competences(engine, name, given[name])
            updates[name] = tuple(dict.fromkeys(given[name]))
    if "sectors" in given:
        known = {sector for occupation in snapshot.occupations for sector in occupation.sectors}
        if unknown := [s for s in given["sectors"] if s not in known]:
            raise _invalid("body.sectors", f"Secteur inconnu : {', '.join(unknown)}.")
        updates["sectors"] = tuple(dict.fromkeys(given["sectors"]))
    if "commune_insee" in given or "place" in given:
        text = given.get("commune_insee") or given.get("place")
        place = None
        if text is not None:
            place = engine.commune(text) if "commune_insee" in given else engine.place(text)
            if place is None:
                raise _invalid("body.place", f"Je ne trouve pas la commune « {text} ».")
        updates |= {
            "commune_insee": place.insee if place else None,
            "bassin": place.bassin if place else None,
        }
    for name in ("radius_km", "training_hours"):
        if name in given:
            updates[name] = given[name]
    return replace(stored, **updates)


def _known_competences(engine: Engine, field: str, codes: list[str]) -> None:
    if unknown := [code for code in codes if code not in engine.snapshot.competence_row]:
        raise _invalid(f"body.{field}", f"Compétence inconnue : {', '.join(unknown)}.")


def _invalid(field: str, message: str) -> RequestValidationError:
    """A value the schema cannot check alone, refused like the schema refuses (422, field by field)."""
    location = tuple(field.split("."))
    return RequestValidationError([{"loc": location, "type": "value_error", "ctx": {"error": message}}])


def _fiche_bridges(engine: Engine, stored: StoredProfile, chosen: list[str]) -> list[Proposal]:
    if not chosen:
        return stored_bridges(engine, stored, FICHE_BRIDGES)
    near = engine.commune(stored.commune_insee) if stored.commune_insee else None
    radius = stored.radius_km or DEFAULT_RADIUS_KM
    profile = engine_profile(stored)
    return [
        engine.propose_one(profile, code, near=near, radius_km=radius)
        for code in chosen
        if code in engine.snapshot.occupation_row
    ]


def _chosen_codes(url: str, ref: str) -> list[str]:
    """The bridges the person chose, latest first."""
    with transaction(url) as session:
        codes = session.scalars(
            select(ProposalRow.rome_code)
            .join(Person, Person.id == ProposalRow.person_id)
            .where(Person.ref == ref, ProposalRow.chosen.is_(True))
            .order_by(ProposalRow.id.desc())
        )
        return list(dict.fromkeys(codes))[:FICHE_BRIDGES]


def _stored(settings: Settings, ref: str) -> StoredProfile:
    try:
        stored = load_profile(settings.store_url, ref)
    except ProfileError:
        stored = None
    if stored is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return stored


def _person_row(url: str, ref: str) -> dict[str, dt.datetime | None]:
    """The person's dates, read in a transaction of their own (the profile was maybe just saved)."""
    with transaction(url) as session:
        person = session.scalars(select(Person).where(Person.ref == ref)).one()
        return {
            "consent_at": _utc(person.consent_at) if person.consent_at else None,
            "updated_at": _utc(person.updated_at),
        }


def _person_id(session: Session, ref: str) -> int:
    person_id = session.scalar(select(Person.id).where(Person.ref == ref, Person.consent_at.is_not(None)))
    if person_id is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return person_id


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back the stored UTC time without its zone.
    return moment.replace(tzinfo=dt.UTC) if moment.utcoffset() is None else moment.astimezone(dt.UTC)
