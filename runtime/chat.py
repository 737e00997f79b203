"""A terminal client for Rasa's REST channel: text, buttons as numbered choices, custom payloads in short."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from runtime.errors import AssistantError

#: Rasa waits for the actions (bridges, offers, trainings) before it answers.
ANSWER_TIMEOUT_SECONDS = 120.0
#: "2. Un emploi près de chez moi": the number a title may carry, shown once only.
LEADING_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")
HEADINGS = {
    "bridges": "métiers passerelles",
    "offers": "offres d'emploi",
    "trainings": "étapes de formation",
    "profile": "éléments du profil",
}


@dataclass(frozen=True)
class Choice:
    title: str
    payload: str


@dataclass(frozen=True)
class Turn:
    """What to print for one answer of the bot, and the choices the person can pick by number."""

    lines: list[str]
    choices: list[Choice]


def render(messages: list[dict[str, Any]]) -> Turn:
    """The lines to print; a number answers the latest question, so choices are its buttons."""
    lines: list[str] = []
    choices: list[Choice] = []
    for message in messages:
        text = str(message.get("text") or "")
        if text:
            lines.append(text)
        if image := message.get("image"):
            lines.append(f"[image] {image}")
        if custom := message.get("custom"):
            lines.append(render_custom(custom))
        buttons = [
            Choice(LEADING_NUMBER.sub("", str(b.get("title", ""))), str(b.get("payload", "")))
            for b in message.get("buttons") or []
        ]
        if buttons:
            choices = buttons
            numbered = [f"{n}. {choice.title}" for n, choice in enumerate(buttons, start=1)]
            # Texts written for channels without buttons already list them, numbered: not twice.
            if not all(line in text for line in numbered):
                lines.extend(f"  {line}" for line in numbered)
    return Turn(lines, choices)


def render_custom(custom: dict[str, Any]) -> str:
    """One short line: the bot's text already tells the items, the payload is for widgets."""
    kind, items = str(custom.get("type")), custom.get("items") or []
    if kind == "progress" and items:
        step, total = items[0].get("step"), items[0].get("total")
        if isinstance(step, int) and isinstance(total, int) and 0 < step <= total:
            return f"  [{'■' * step}{'□' * (total - step)}] étape {step} sur {total}"
    return f"  [{HEADINGS.get(kind, 'éléments')} : {len(items)}]"


def message_for(typed: str, choices: list[Choice]) -> str:
    """The number of a choice sends its payload; anything else is sent as typed."""
    text = typed.strip()
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1].payload
    return text


def send(client: httpx.Client, webhook: str, sender: str, message: str) -> list[dict[str, Any]]:
    try:
        response = client.post(webhook, json={"sender": sender, "message": message})
        response.raise_for_status()
    except httpx.HTTPError as error:
        raise AssistantError(
            "L'assistant ne répond pas. Est-il bien démarré ?", f"POST {webhook}: {error!r}"
        ) from error
    answer: list[dict[str, Any]] = response.json()
    return answer


def converse(
    webhook: str,
    *,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
    sender: str | None = None,
) -> None:
    """Chat until end of input (Ctrl-D) or Ctrl-C."""
    sender = sender or f"terminal-{uuid.uuid4().hex[:12]}"
    choices: list[Choice] = []
    with httpx.Client(timeout=ANSWER_TIMEOUT_SECONDS) as client:
        while True:
            try:
                typed = read("Vous : ")
            except (EOFError, KeyboardInterrupt):
                write("\nÀ bientôt !")
                return
            message = message_for(typed, choices)
            if not message:
                continue
            turn = render(send(client, webhook, sender, message))
            choices = turn.choices  # a number refers to the last buttons shown only
            for line in turn.lines:
                write(f"Passerelles : {line}" if not line.startswith(" ") else line)
