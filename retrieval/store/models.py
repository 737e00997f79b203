"""The store's tables (SQLAlchemy 2 typed ORM). Alembic owns the schema: see ``migrations/``.

Referential entities are keyed by stable string codes (ROME code, competence code, INSEE code…) so that
loading and re-importing are plain upserts and stay idempotent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class GrandDomaine(Base):
    __tablename__ = "grand_domaine"
    code: Mapped[str] = mapped_column(String(1), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))


class DomainePro(Base):
    __tablename__ = "domaine_pro"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    grand_domaine: Mapped[str] = mapped_column(ForeignKey("grand_domaine.code"))


class Sector(Base):
    """An industry branch or sector (agri-food, metallurgy, plastics…), with its OPCO."""

    __tablename__ = "sector"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    opco: Mapped[str] = mapped_column(String(200), default="")


class Occupation(Base):
    """A ROME fiche (code and official title) with its place in the tree and its sectors."""

    __tablename__ = "occupation"
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    domaine_pro: Mapped[str | None] = mapped_column(ForeignKey("domaine_pro.code"))
    #: Parent ROME v3 code for ROME 4.0 fiches (the 532 historical codes); equal to ``code`` otherwise.
    parent_code: Mapped[str | None] = mapped_column(String(5))
    #: Qualification level (French nomenclature 3…8: CAP=3, bac=4, bac+2=5…), when known.
    level: Mapped[int | None] = mapped_column(Integer)
    #: Where the fiche's content comes from: "passerelles" (ours), "rome3", "rome4".
    source: Mapped[str] = mapped_column(String(20))

    sectors: Mapped[list[OccupationSector]] = relationship(cascade="all, delete-orphan")
    titles: Mapped[list[JobTitle]] = relationship(cascade="all, delete-orphan")
    competences: Mapped[list[OccupationCompetence]] = relationship(cascade="all, delete-orphan")


class OccupationSector(Base):
    __tablename__ = "occupation_sector"
    occupation: Mapped[str] = mapped_column(
        ForeignKey("occupation.code", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(ForeignKey("sector.code"), primary_key=True)


class JobTitle(Base):
    """A job title people use for a fiche: official appellation or a variant we wrote (feminine, slang…)."""

    __tablename__ = "job_title"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    occupation: Mapped[str] = mapped_column(ForeignKey("occupation.code", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(300))
    #: "official" (the fiche title), "appellation" (official ROME appellation), "variant" (ours).
    kind: Mapped[str] = mapped_column(String(20))
    code_ogr: Mapped[str | None] = mapped_column(String(20))
    #: Who wrote the title ("passerelles", "rome4", "rome3", "esco"): an import replaces only its own.
    source: Mapped[str] = mapped_column(String(20), default="passerelles", server_default="passerelles")

    __table_args__ = (Index("ux_job_title", "occupation", "label", unique=True),)


class Competence(Base):
    """A competence, a savoir or a work-context item, in our own words or imported with its official code."""

    __tablename__ = "competence"
    code: Mapped[str] = mapped_column(String(200), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    #: "savoir_faire" (technical know-how), "transverse", "savoir", or "contexte" (work context).
    kind: Mapped[str] = mapped_column(String(20))
    #: A coarse family (e.g. "maintenance", "qualite"), used for display and grouping.
    family: Mapped[str] = mapped_column(String(100), default="")
    #: Typical training hours to acquire it from scratch: drives the passerelle courte / longue band.
    training_hours: Mapped[int] = mapped_column(Integer, default=35)
    #: Official codes this competence stands for (ROME OGR codes, ESCO URIs), to compare across sources.
    official_codes: Mapped[list[str]] = mapped_column(default=list)
    source: Mapped[str] = mapped_column(String(20))


class OccupationCompetence(Base):
    __tablename__ = "occupation_competence"
    occupation: Mapped[str] = mapped_column(
        ForeignKey("occupation.code", ondelete="CASCADE"), primary_key=True
    )
    competence: Mapped[str] = mapped_column(
        ForeignKey("competence.code", ondelete="CASCADE"), primary_key=True, index=True
    )
    core: Mapped[bool] = mapped_column(Boolean, default=True)


class MobilityLink(Base):
    """An official mobility link between fiches (ROME v3 "Proche"/"Evolution"); a boost, never required."""

    __tablename__ = "mobility_link"
    source: Mapped[str] = mapped_column(ForeignKey("occupation.code", ondelete="CASCADE"), primary_key=True)
    target: Mapped[str] = mapped_column(ForeignKey("occupation.code", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: Who wrote the link ("rome3", "rome4"…); not ``source``, which is the fiche the link starts from.
    origin: Mapped[str] = mapped_column(String(20), default="passerelles", server_default="passerelles")


class FundingScheme(Base):
    __tablename__ = "funding_scheme"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")


class Certification(Base):
    """A certification (RNCP title, RS, CQP/CQPI, CACES, titre professionnel) and what it leads to."""

    __tablename__ = "certification"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    #: "RNCP", "RS", "CQP", "CQPI", "CACES", "TP" (titre professionnel), "autre".
    kind: Mapped[str] = mapped_column(String(20))
    level: Mapped[int | None] = mapped_column(Integer)
    duration_hours: Mapped[int | None] = mapped_column(Integer)
    funding: Mapped[list[str]] = mapped_column(default=list)
    occupations: Mapped[list[str]] = mapped_column(default=list)
    source: Mapped[str] = mapped_column(String(20))

    blocs: Mapped[list[CertificationBloc]] = relationship(cascade="all, delete-orphan")


class CertificationBloc(Base):
    """A bloc de compétences: the smallest unit of a certification one can train for and validate."""

    __tablename__ = "certification_bloc"
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    certification: Mapped[str] = mapped_column(
        ForeignKey("certification.code", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    hours: Mapped[int | None] = mapped_column(Integer)
    competences: Mapped[list[str]] = mapped_column(default=list)


class Bassin(Base):
    """A bassin d'emploi (employment area)."""

    __tablename__ = "bassin"
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(10), default="")


class Commune(Base):
    __tablename__ = "commune"
    insee: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    departement: Mapped[str] = mapped_column(String(3), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    bassin: Mapped[str | None] = mapped_column(String(10))
    postal_codes: Mapped[list[PostalCode]] = relationship(cascade="all, delete-orphan")


class PostalCode(Base):
    __tablename__ = "postal_code"
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    insee: Mapped[str] = mapped_column(ForeignKey("commune.insee", ondelete="CASCADE"), primary_key=True)


class Offer(Base):
    """A job offer: real (imported from France Travail) or demonstration (generated, always labelled)."""

    __tablename__ = "offer"
    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    occupation: Mapped[str | None] = mapped_column(String(5), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    company: Mapped[str] = mapped_column(String(300), default="")
    contract: Mapped[str] = mapped_column(String(20), default="")
    commune: Mapped[str | None] = mapped_column(String(5))
    place_label: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    competences: Mapped[list[str]] = mapped_column(default=list)
    published: Mapped[dt.date | None] = mapped_column(Date)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20))


class TrainingSession(Base):
    """A training session (LHEO session or demonstration data), possibly leading to a certification."""

    __tablename__ = "training_session"
    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    certification: Mapped[str | None] = mapped_column(String(40), index=True)
    blocs: Mapped[list[str]] = mapped_column(default=list)
    organisation: Mapped[str] = mapped_column(String(300), default="")
    commune: Mapped[str | None] = mapped_column(String(5))
    place_label: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    start: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    hours: Mapped[int | None] = mapped_column(Integer)
    places: Mapped[int | None] = mapped_column(Integer)
    funding: Mapped[list[str]] = mapped_column(default=list)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20))


class ImportRun(Base):
    """One load or import of a referential source: what, from where, what changed. Audit trail."""

    __tablename__ = "import_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    path: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    skipped: Mapped[list[str]] = mapped_column(default=list)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Person(Base):
    """Someone who agreed that the assistant keeps what they said; known only by a pseudonymous reference."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: The chat's sender id: never a name, an email or anything that tells who the person is.
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    #: The branch website the person came from (a sector code such as "plasturgie").
    branch: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    consent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    # The database cascades deletions (ON DELETE CASCADE): the rows are not loaded just to delete them.
    profile: Mapped[PersonProfile | None] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    proposals: Mapped[list[Proposal]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Proposal.id"
    )


class PersonProfile(Base):
    """What a person told the assistant about their work, wishes and constraints."""

    __tablename__ = "person_profile"
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    #: A ROME code, deliberately without a foreign key: a profile outlives referential re-imports.
    occupation_code: Mapped[str | None] = mapped_column(String(5))
    occupation_label: Mapped[str | None] = mapped_column(String(300))
    years: Mapped[float | None] = mapped_column(Float)
    competences: Mapped[list[str]] = mapped_column(default=list)
    sectors: Mapped[list[str]] = mapped_column(default=list)
    #: Work-context competence codes the person wants to avoid (night work, cold…).
    avoid: Mapped[list[str]] = mapped_column(default=list)
    commune_insee: Mapped[str | None] = mapped_column(String(5))
    #: Kept beside the commune so that territorial aggregates need no join.
    bassin: Mapped[str | None] = mapped_column(String(10))
    radius_km: Mapped[int | None] = mapped_column(Integer)
    #: The training hours the person accepts; None when they set no limit.
    training_hours: Mapped[int | None] = mapped_column(Integer)
    #: Competence code -> "acquis", "a_renforcer" or "pas_encore".
    ratings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    parcours: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Proposal(Base):
    """A passerelle proposed to a person, with the core competences they still lack, and whether chosen."""

    __tablename__ = "proposal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    rome_code: Mapped[str] = mapped_column(String(5))
    score: Mapped[float] = mapped_column(Float)
    missing: Mapped[list[str]] = mapped_column(default=list)
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Account(Base):
    """Someone who signs in to the console: a counsellor, or an admin who also manages accounts and keys."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    #: An argon2 hash: the password itself is never stored.
    password_hash: Mapped[str] = mapped_column(String(300))
    #: "counsellor" or "admin".
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ApiKey(Base):
    """A partner's key to the guidance API, with its own rate limit; only its sha256 is stored."""

    __tablename__ = "api_key"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    partner: Mapped[str] = mapped_column(String(200))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The key's first characters, so that people can tell their keys apart.
    prefix: Mapped[str] = mapped_column(String(16))
    per_minute: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Branch(Base):
    """A professional branch whose website embeds the widget: its look, its sectors, its web origins."""

    __tablename__ = "branch"
    slug: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    welcome: Mapped[str] = mapped_column(Text)
    #: Absolute, or a path on the API (``/static/logos/<slug>.svg``).
    logo_url: Mapped[str] = mapped_column(String(500))
    primary_color: Mapped[str] = mapped_column(String(7))
    on_primary_color: Mapped[str] = mapped_column(String(7))
    sectors: Mapped[list[str]] = mapped_column(default=list)
    #: Web origins allowed to call the API from a browser (CORS), e.g. "https://www.branche.fr".
    origins: Mapped[list[str]] = mapped_column(default=list)


class GuidedSession(Base):
    """A session a counsellor leads with a person."""

    __tablename__ = "guided_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Note(Base):
    """A counsellor's note about a person."""

    __tablename__ = "note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
