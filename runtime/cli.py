"""The ``passerelles`` command line: the engine's commands, ``assistant`` (train, run, chat), ``api``, and
``run``, which starts everything a visitor and a counsellor use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from api.cli import app as api_app
from api.cli import serve_api
from retrieval.cli import app
from retrieval.settings import get_settings

assistant_app = typer.Typer(
    help="L'assistant conversationnel (Rasa) : entraînement, lancement, discussion.", no_args_is_help=True
)
app.add_typer(assistant_app, name="assistant")
app.add_typer(api_app, name="api")

__all__ = ["app"]


@contextmanager
def assistant_errors() -> Iterator[None]:
    """Known failures end with a French message (and the detail for operators), exit code 1."""
    from runtime.errors import AssistantError

    try:
        yield
    except AssistantError as failure:
        typer.echo(f"Erreur : {failure}\nDétail : {failure.detail}", err=True)
        raise typer.Exit(1) from failure


def trained_model() -> Path:
    """The cached model, trained first when the bot's files changed (and said so)."""
    from runtime.model import ensure_model, model_path
    from runtime.services import logs_dir, models_dir

    settings = get_settings()
    if not model_path(models_dir(settings)).is_file():
        typer.echo("Entraînement de l'assistant : plusieurs minutes, une fois par version de ses fichiers…")
    build = ensure_model(models_dir(settings), log_path=logs_dir(settings) / "rasa-train.log")
    if build.reused:
        typer.echo(f"Modèle à jour, réutilisé : {build.path}")
    else:
        typer.echo(f"Modèle entraîné en {build.seconds:.0f} s : {build.path}")
    return build.path


@assistant_app.command("train")
def train() -> None:
    """Entraîne le modèle de l'assistant si ses fichiers ont changé (sinon réutilise le précédent)."""
    with assistant_errors():
        trained_model()


def unwind_on_signals() -> None:
    """Killed or its terminal closed: unwind, so that the servers started are stopped too (uvicorn
    re-raises the signal it caught once it has shut down)."""
    import signal
    import sys

    for stop_signal in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, lambda number, _frame: sys.exit(128 + number))


@app.command("run")
def run_everything() -> None:
    """Lance l'assistant puis l'API : page de démonstration avec le widget, console des conseillers."""
    from runtime.services import running_assistant

    settings = get_settings()
    unwind_on_signals()
    with assistant_errors():
        model = trained_model()
        typer.echo("Démarrage de l'assistant (environ une minute et demie)…")
        with running_assistant(settings, model=model):
            serve_api(settings, "127.0.0.1", settings.api_port)
        typer.echo("Assistant arrêté.")


@assistant_app.command("run")
def run() -> None:
    """Lance l'assistant (serveur d'actions et Rasa) puis la discussion dans le terminal."""
    from runtime.chat import converse
    from runtime.services import running_assistant

    unwind_on_signals()
    with assistant_errors():
        model = trained_model()
        typer.echo("Démarrage de l'assistant (environ une minute et demie)…")
        with running_assistant(model=model) as urls:
            typer.echo(
                "L'assistant est prêt. Écrivez votre message puis Entrée ; tapez le numéro d'un choix "
                "pour le sélectionner. Ctrl-D ou Ctrl-C pour quitter.\n"
                f"(Autres canaux : widget web via socket.io sur {urls.rasa}, REST sur {urls.webhook}.)"
            )
            converse(urls.webhook)
        typer.echo("Assistant arrêté.")


@assistant_app.command("chat")
def chat(
    url: Annotated[str | None, typer.Option(help="Adresse de Rasa (par défaut : ce poste).")] = None,
) -> None:
    """Discute avec un assistant déjà lancé (canal REST de Rasa)."""
    from runtime.chat import converse
    from runtime.services import local_url

    with assistant_errors():
        typer.echo("Écrivez votre message puis Entrée ; tapez le numéro d'un choix. Ctrl-D pour quitter.")
        converse(f"{url or local_url(get_settings().rasa_port)}/webhooks/rest/webhook")
