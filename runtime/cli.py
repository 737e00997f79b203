"""The ``passerelles`` command line: the engine's commands plus ``assistant`` (train, run, chat)."""

from __future__ import annotations

import typer

from retrieval.cli import app

assistant_app = typer.Typer(help="L'assistant conversationnel (Rasa) : entraînement, lancement, discussion.")
app.add_typer(assistant_app, name="assistant")

__all__ = ["app"]
