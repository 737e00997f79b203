"""The ``passerelles`` command line: set up, import real data, build indexes, and ask the engine.

Evaluation scripts depend on the JSON outputs of ``jobs search`` and ``bridges``: keep their shape.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from retrieval.settings import get_settings

app = typer.Typer(help="Passerelles : passerelles métiers, offres et formations.", no_args_is_help=True)
referential_app = typer.Typer(
    help="Le référentiel : chargement du référentiel livré, import de données réelles."
)
index_app = typer.Typer(help="Les index de recherche.")
jobs_app = typer.Typer(help="Les métiers.")
db_app = typer.Typer(help="La base de données.")
demo_app = typer.Typer(help="Les données de démonstration (offres, sessions de formation).")
app.add_typer(referential_app, name="referential")
app.add_typer(index_app, name="index")
app.add_typer(jobs_app, name="jobs")
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")

Db = Annotated[str | None, typer.Option("--db", metavar="URL", help="Base à utiliser (URL SQLAlchemy).")]
Top = Annotated[int, typer.Option("--top", min=1, max=200, help="Nombre de résultats.")]
Json = Annotated[bool, typer.Option("--json", help="Sortie JSON (pour les scripts).")]


def store(db: str | None) -> str:
    return db or get_settings().store_url


@contextmanager
def clear_errors() -> Iterator[None]:
    """Known failures end with a French message (and the detail for operators), exit code 1, no traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from retrieval.encoder import EncoderError
    from retrieval.geo import PlacesFileError
    from retrieval.importers import ImportFailure
    from retrieval.referential.files import ReferentialError

    try:
        yield
    except ImportFailure as failure:
        typer.echo(f"Erreur : {failure}\nDétail : {failure.detail}", err=True)
        raise typer.Exit(1) from failure
    except SQLAlchemyError as error:
        typer.echo(f"Erreur : la base de données est inaccessible ou invalide.\nDétail : {error}", err=True)
        raise typer.Exit(1) from error
    except (ReferentialError, PlacesFileError, EncoderError, LookupError) as error:
        typer.echo(f"Erreur : {error}", err=True)
        raise typer.Exit(1) from error


def emit(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False))


@db_app.command("upgrade")
def db_upgrade(db: Db = None) -> None:
    """Met le schéma de la base à jour (migrations Alembic)."""
    from retrieval.store import migrate

    with clear_errors():
        migrate(store(db))
    typer.echo("Base à jour.")


@referential_app.command("load")
def referential_load(
    db: Db = None, force: bool = typer.Option(False, help="Recharger même sans changement.")
) -> None:
    """Charge le référentiel livré avec Passerelles (fichiers YAML/CSV relus et validés)."""
    from retrieval.referential.load import load_referential
    from retrieval.store import migrate

    url = store(db)
    with clear_errors():
        migrate(url)
        typer.echo(load_referential(url, force=force).summary())


@referential_app.command("import")
def referential_import(
    kind: Annotated[str, typer.Argument(help="rome4, rome3, esco, offers, lheo, rncp, laposte ou insee")],
    path: Annotated[Path, typer.Argument(exists=True, help="Fichier ou dossier à importer.")],
    db: Db = None,
    progress: bool = typer.Option(True, help="Barres de progression."),
) -> None:
    """Importe des données réelles (ROME, ESCO, offres, formations, certifications, communes)."""
    from retrieval.importers import KINDS, run_import
    from retrieval.store import migrate

    if kind not in KINDS:
        typer.echo(f"Erreur : type d'import inconnu « {kind} » (attendu : {', '.join(KINDS)}).", err=True)
        raise typer.Exit(2)
    url = store(db)
    with clear_errors():
        migrate(url)
        report = run_import(kind, path, url, progress=progress and sys.stderr.isatty())
    typer.echo(report.summary())


@index_app.command("build")
def index_build(db: Db = None) -> None:
    """Construit les index de recherche (seulement ceux dont les données ont changé)."""
    with clear_errors():
        sizes = open_engine(db).build_indexes()
    typer.echo("Index prêts : " + ", ".join(f"{name} ({count})" for name, count in sizes.items()))


@jobs_app.command("search")
def jobs_search(text: str, top: Top = 5, json_output: Json = False, db: Db = None) -> None:
    """Trouve les fiches métier qui correspondent à un intitulé tapé librement."""
    with clear_errors():
        result = open_engine(db).search_jobs(text, top)
    if json_output:
        emit([{"code_rome": m.code, "title": m.title, "score": m.score} for m in result.matches])
        return
    for match in result.matches:
        typer.echo(f"{match.code}  {match.score:.3f}  {match.title}  (« {match.matched} »)")
    if result.ambiguous:
        typer.echo("Plusieurs métiers possibles : à faire préciser.")


@app.command("skills")
def skills(text: str, json_output: Json = False, db: Db = None) -> None:
    """Repère les compétences dans un texte libre (à faire confirmer par la personne)."""
    with clear_errors():
        candidates = open_engine(db).extract_skills(text)
    if json_output:
        emit([asdict(candidate) for candidate in candidates])
        return
    for candidate in candidates:
        typer.echo(f"{candidate.score:.3f}  {candidate.label}  (« {candidate.words} »)")


Near = Annotated[str | None, typer.Option("--near", help="Commune : code INSEE, code postal ou nom.")]
Radius = Annotated[float, typer.Option("--radius-km", min=1, max=500, help="Distance maximale, en km.")]


@app.command("bridges")
def bridges(
    from_codes: Annotated[
        str, typer.Option("--from", help="Code(s) ROME de départ, séparés par des virgules.")
    ],
    skills_text: Annotated[
        str | None, typer.Option("--skills", help="Compétences décrites librement.")
    ] = None,
    near: Near = None,
    radius_km: Radius = 30,
    top: Top = 10,
    json_output: Json = False,
    db: Db = None,
) -> None:
    """Propose des métiers passerelles, avec les offres proches et les formations qui comblent l'écart."""
    from retrieval import payloads
    from retrieval.bridges import Profile

    with clear_errors():
        engine = open_engine(db)
        place = resolve(engine, near) if near else None
        extra = tuple(c.code for c in engine.extract_skills(skills_text)) if skills_text else ()
        for code in (c.strip().upper() for c in from_codes.split(",") if c.strip()):
            if code not in engine.snapshot.occupation_row:
                raise LookupError(f"code ROME inconnu dans cette base : {code}")
            profile = Profile(occupations=(code,), competences=extra)
            found = engine.propose(profile, top=top, near=place, radius_km=radius_km)
            if json_output:
                emit({"from": code, "bridges": [payloads.proposal(p) for p in found]})
                continue
            typer.echo(f"Depuis {code} :")
            for proposal in found:
                bridge = proposal.bridge
                typer.echo(
                    f"  {bridge.code}  {bridge.score:.3f}  {bridge.title}  [{proposal.band}, "
                    f"{proposal.offers_nearby} offre(s), formation {proposal.training.total_hours} h]"
                )


@app.command("reverse")
def reverse(code: str, top: Top = 10, json_output: Json = False, db: Db = None) -> None:
    """Pour un métier qui recrute, les métiers d'où l'on vient le plus facilement."""
    from retrieval import payloads

    with clear_errors():
        engine = open_engine(db)
        if code.upper() not in engine.snapshot.occupation_row:
            raise LookupError(f"code ROME inconnu dans cette base : {code}")
        sources = engine.bridge_model.reverse(code.upper(), top=top)
    if json_output:
        emit({"to": code.upper(), "sources": [{"from": s, **payloads.bridge(b)} for s, b in sources]})
        return
    for source, bridge in sources:
        title = engine.snapshot.occupations[engine.snapshot.occupation_row[source]].title
        typer.echo(f"  {source}  {bridge.score:.3f}  {title}  (manque {len(bridge.missing)} compétence(s))")


@app.command("offers")
def offers(
    near: Annotated[str, typer.Option("--near", help="Commune : code INSEE, code postal ou nom.")],
    radius_km: Radius = 30,
    rome: Annotated[str | None, typer.Option("--rome", help="Codes ROME, séparés par des virgules.")] = None,
    contract: Annotated[str | None, typer.Option("--contract", help="CDI, CDD, MIS, ALT…")] = None,
    from_codes: Annotated[
        str | None,
        typer.Option("--from", help="Métier(s) de la personne : classe les offres par adéquation."),
    ] = None,
    top: Top = 20,
    json_output: Json = False,
    db: Db = None,
) -> None:
    """Les offres d'emploi autour d'une commune (les plus proches, ou les plus adaptées avec --from)."""
    from retrieval import payloads
    from retrieval.bridges import Profile

    with clear_errors():
        engine = open_engine(db)
        place = resolve(engine, near)
        found = engine.offers_near(
            place,
            radius_km,
            profile=Profile(occupations=tuple(from_codes.upper().split(","))) if from_codes else None,
            rome_codes=rome.upper().split(",") if rome else None,
            contracts=contract.upper().split(",") if contract else None,
            limit=top,
        )
    if json_output:
        emit({"near": place.insee, "offers": [payloads.offer(o) for o in found]})
        return
    typer.echo(f"Autour de {place.label}, {radius_km:g} km :")
    for o in found:  # demonstration employers carry "(démonstration)" in their name
        typer.echo(f"  {o.distance_km:5.1f} km  {o.contract:4}  {o.title} — {o.company}")


def resolve(engine: Any, text: str) -> Any:
    """The commune a person named; an unknown one is an error."""
    place = engine.place(text)
    if place is None:
        raise LookupError(f"commune introuvable : « {text} » (code INSEE, code postal ou nom)")
    return place


def open_engine(db: str | None) -> Any:
    from retrieval.engine import Engine

    return Engine.open(store(db))


@demo_app.command("generate")
def demo_generate(
    db: Db = None, seed: int | None = typer.Option(None, help="Graine (par défaut : réglages).")
) -> None:
    """(Re)génère les offres et sessions de formation de démonstration."""
    import datetime as dt

    from retrieval.demo import generate_demo

    report = generate_demo(store(db), seed=seed or get_settings().demo_seed, reference_date=dt.date.today())
    typer.echo(report.summary())


@app.command("setup")
def setup(db: Db = None) -> None:
    """Prépare tout : base, référentiel livré, données de démonstration, modèle de langue, index.

    Ne refait que ce qui a changé.
    """
    from retrieval.demo import has_demo_data
    from retrieval.referential.load import load_referential
    from retrieval.store import migrate

    url = store(db)
    with clear_errors():
        migrate(url)
        report = load_referential(url)
        typer.echo(report.summary())
        if report.loaded or not has_demo_data(url):
            demo_generate(db=db, seed=None)
    index_build(db=db)
