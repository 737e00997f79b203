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
app.add_typer(referential_app, name="referential")
app.add_typer(index_app, name="index")
app.add_typer(jobs_app, name="jobs")
app.add_typer(db_app, name="db")

Db = Annotated[str | None, typer.Option("--db", metavar="URL", help="Base à utiliser (URL SQLAlchemy).")]
Top = Annotated[int, typer.Option("--top", min=1, max=200, help="Nombre de résultats.")]
Json = Annotated[bool, typer.Option("--json", help="Sortie JSON (pour les scripts).")]


def store(db: str | None) -> str:
    return db or get_settings().store_url


@contextmanager
def clear_errors() -> Iterator[None]:
    """Known failures end with their French message and exit code 1, not a traceback."""
    from retrieval.encoder import EncoderError
    from retrieval.geo import PlacesFileError
    from retrieval.referential.files import ReferentialError

    try:
        yield
    except (ReferentialError, PlacesFileError, EncoderError, LookupError) as error:
        typer.echo(f"Erreur : {error}", err=True)
        raise typer.Exit(1) from error


def emit(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False))


@db_app.command("upgrade")
def db_upgrade(db: Db = None) -> None:
    """Met le schéma de la base à jour (migrations Alembic)."""
    from retrieval.store import migrate

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
    from retrieval.importers import KINDS, ImportFailure, run_import
    from retrieval.store import migrate

    if kind not in KINDS:
        typer.echo(f"Erreur : type d'import inconnu « {kind} » (attendu : {', '.join(KINDS)}).", err=True)
        raise typer.Exit(2)
    url = store(db)
    migrate(url)
    try:
        report = run_import(kind, path, url, progress=progress and sys.stderr.isatty())
    except ImportFailure as failure:
        typer.echo(f"Erreur : {failure}", err=True)
        raise typer.Exit(1) from failure
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


@app.command("bridges")
def bridges(
    from_codes: Annotated[
        str, typer.Option("--from", help="Code(s) ROME de départ, séparés par des virgules.")
    ],
    skills_text: Annotated[
        str | None, typer.Option("--skills", help="Compétences décrites librement.")
    ] = None,
    top: Top = 10,
    json_output: Json = False,
    db: Db = None,
) -> None:
    """Propose des métiers passerelles depuis un ou plusieurs métiers de départ."""
    from retrieval.bridges import Profile

    with clear_errors():
        engine = open_engine(db)
        extra = tuple(c.code for c in engine.extract_skills(skills_text)) if skills_text else ()
        for code in (c.strip().upper() for c in from_codes.split(",") if c.strip()):
            if code not in engine.snapshot.occupation_row:
                raise LookupError(f"code ROME inconnu dans cette base : {code}")
            found = engine.bridges(Profile(occupations=(code,), competences=extra), top=top)
            if json_output:
                emit({"from": code, "bridges": [bridge_json(b) for b in found]})
                continue
            typer.echo(f"Depuis {code} :")
            for bridge in found:
                typer.echo(f"  {bridge.code}  {bridge.score:.3f}  {bridge.title}  [{bridge.band}]")


def bridge_json(bridge: Any) -> dict[str, Any]:
    return {
        "code_rome": bridge.code,
        "title": bridge.title,
        "score": bridge.score,
        "shared": [{"code": s.code, "label": s.label, "because_of": s.because_of} for s in bridge.shared],
        "missing": [
            {"code": m.code, "label": m.label, "core": m.core, "hours": m.hours} for m in bridge.missing
        ],
        "band": bridge.band,
        "training_hours": bridge.training_hours,
        "facets": bridge.facets,
        "reasons": bridge.reasons,
    }


def open_engine(db: str | None) -> Any:
    from retrieval.engine import Engine

    return Engine.open(store(db))


@app.command("setup")
def setup(db: Db = None) -> None:
    """Prépare tout : base, référentiel livré, modèle de langue, index. Ne refait que ce qui a changé."""
    referential_load(db=db, force=False)
    index_build(db=db)
