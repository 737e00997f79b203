"""``passerelles api``: serve the API, create console accounts, seed the demo branches."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from retrieval.settings import Settings, get_settings

app = typer.Typer(help="L'API web : widget, console des conseillers, partenaires.", no_args_is_help=True)

DEMO_EMAIL = "conseillere@passerelles.test"
DEMO_PASSWORD = "demo-passerelles"


@app.command("seed")
def seed() -> None:
    """Ajoute les branches de démonstration (plasturgie, agroalimentaire…) qui manquent dans la base."""
    from api.branches import seed_branches

    added = seed_branches(get_settings().store_url)
    typer.echo(f"Branches ajoutées : {', '.join(added)}." if added else "Branches déjà présentes.")


@app.command("create-account")
def create_account(
    email: Annotated[str, typer.Option("--email", help="Adresse e-mail (identifiant de connexion).")],
    full_name: Annotated[str, typer.Option("--full-name", help="Prénom et nom.")],
    role: Annotated[str, typer.Option("--role", help="admin ou counsellor.")] = "counsellor",
) -> None:
    """Crée un compte de la console (mot de passe demandé, ou lu dans PASSERELLES_NEW_ACCOUNT_PASSWORD)."""
    from pydantic import ValidationError

    from api.accounts import AccountExists
    from api.accounts import create_account as add
    from api.errors import field_errors
    from api.schemas.accounts import AccountCreate
    from retrieval.store import transaction

    password = os.environ.get("PASSERELLES_NEW_ACCOUNT_PASSWORD") or typer.prompt(
        "Mot de passe", hide_input=True, confirmation_prompt=True
    )
    try:
        new = AccountCreate(email=email, full_name=full_name, password=password, role=role)
        with transaction(get_settings().store_url) as session:
            account = add(session, new)
    except ValidationError as error:
        for problem in field_errors(error.errors()):
            typer.echo(f"Erreur : {problem['field']} : {problem['message']}", err=True)
        raise typer.Exit(1) from error
    except AccountExists as error:
        typer.echo(f"Erreur : {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"Compte créé : {account.email} ({account.role}).")


def ensure_demo_account(url: str) -> bool:
    """The demo counsellor, created when missing; True when it was."""
    from sqlalchemy import select

    from api.accounts import create_account as add
    from api.schemas.accounts import AccountCreate
    from retrieval.store import transaction
    from retrieval.store.models import Account

    with transaction(url) as session:
        if session.scalars(select(Account.id).where(Account.email == DEMO_EMAIL)).first() is not None:
            return False
        demo = AccountCreate(
            email=DEMO_EMAIL,
            full_name="Conseillère de démonstration",
            password=DEMO_PASSWORD,
            role="counsellor",
        )
        add(session, demo)
        return True


def prepare(settings: Settings) -> None:
    """What serving needs in the store: its schema, the demo branches and, in development, a demo account."""
    from api.branches import seed_branches
    from retrieval.store import migrate

    migrate(settings.store_url)
    seed_branches(settings.store_url)
    if settings.environment == "development" and ensure_demo_account(settings.store_url):
        typer.echo(f"Compte de démonstration créé : {DEMO_EMAIL} / {DEMO_PASSWORD}")


def serve_api(settings: Settings, host: str, port: int) -> None:
    """Serves the API in the foreground until Ctrl-C."""
    import uvicorn

    prepare(settings)
    typer.echo(
        f"API sur http://{host}:{port}/api/v1/docs — widget de démonstration : http://{host}:{port}/demo/ "
        f"— console des conseillers : http://{host}:{port}/console/ "
        "(le moteur se charge en une minute environ : /api/v1/ready)."
    )
    uvicorn.run("api.main:app", host=host, port=port, proxy_headers=True, log_level="info")


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Adresse d'écoute.")] = "127.0.0.1",
    port: Annotated[int | None, typer.Option("--port", help="Port (par défaut : réglages).")] = None,
) -> None:
    """Lance l'API (et le widget, la page de démonstration, la console) sur ce poste."""
    settings = get_settings()
    serve_api(settings, host, port or settings.api_port)
