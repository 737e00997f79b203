"""A scripted person talking to the running assistant over a real channel: REST or socket.io.

Answers are chosen from the question the assistant asked, the way someone reads the screen, so the same
script works whatever the assistant already knew. Used by the end-to-end tests and the benchmark.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import socketio

from retrieval.counsellor import counsellor_metadata

#: Rasa waits for the actions before it answers; the first one loads the engine.
ANSWER_SECONDS = 240.0
#: On socket.io, an answer is complete when nothing more came for this long.
QUIET_SECONDS = 2.0

Answer = Callable[[list[dict[str, Any]]], str]


class RestPerson:
    """Someone on Rasa's REST channel; given the API's secret key, a counsellor (messages signed)."""

    def __init__(self, webhook: str, counsellor_secret: str | None = None) -> None:
        self.webhook = webhook
        self.sender = f"e2e-{uuid.uuid4().hex[:12]}"
        self.metadata = (
            counsellor_metadata(counsellor_secret, self.sender) if counsellor_secret is not None else {}
        )

    def say(self, text: str) -> list[dict[str, Any]]:
        response = httpx.post(
            self.webhook,
            json={"sender": self.sender, "message": text, "metadata": self.metadata},
            timeout=ANSWER_SECONDS,
        )
        response.raise_for_status()
        messages: list[dict[str, Any]] = response.json()
        return messages


class SocketPerson:
    """The widget's way: a socket.io session, messages in ``user_uttered``, answers in ``bot_uttered``."""

    def __init__(self, url: str) -> None:
        self.sender = f"e2e-{uuid.uuid4().hex[:12]}"
        self.client = socketio.Client()
        self.received: list[dict[str, Any]] = []
        self.arrived = threading.Event()
        confirmed = threading.Event()
        self.client.on("bot_uttered", self._received)
        self.client.on("session_confirm", lambda *_: confirmed.set())
        self.client.connect(url, socketio_path="/socket.io", transports=["websocket"], wait_timeout=30)
        self.client.emit("session_request", {"session_id": self.sender})
        if not confirmed.wait(30):
            raise TimeoutError("no session_confirm from Rasa's socket.io channel")

    def _received(self, message: dict[str, Any]) -> None:
        self.received.append(message)
        self.arrived.set()

    def say(self, text: str) -> list[dict[str, Any]]:
        start = len(self.received)
        self.arrived.clear()
        self.client.emit("user_uttered", {"message": text, "session_id": self.sender})
        if not self.arrived.wait(ANSWER_SECONDS):
            raise TimeoutError(f"no answer to {text!r}")
        while True:
            count = len(self.received)
            time.sleep(QUIET_SECONDS)
            if len(self.received) == count:
                return self.received[start:]

    def close(self) -> None:
        self.client.disconnect()


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


def customs(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if (m.get("custom") or {}).get("type") == kind]


def buttons(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Buttons on REST, quick replies on socket.io."""
    return [b for m in messages for b in (m.get("buttons") or m.get("quick_replies") or [])]


def interview(
    person: RestPerson | SocketPerson, answers: dict[str, str | Answer], first: str, max_turns: int = 30
) -> tuple[list[dict[str, Any]], list[str]]:
    """Answer each question by the first words it starts with, until the results come.

    Returns the last messages and the questions recognised, in order.
    """
    messages = person.say(first)
    asked: list[str] = []
    for _ in range(max_turns):
        if "Que voulez-vous voir maintenant ?" in texts(messages):
            return messages, asked
        question = next((start for start in answers if start in texts(messages)), None)
        if question is None:
            raise AssertionError(f"unexpected question after {asked}:\n{texts(messages)}")
        asked.append(question)
        answer = answers[question]
        messages = person.say(answer if isinstance(answer, str) else answer(messages))
    raise AssertionError(f"no results after {max_turns} answers: {asked}")


def button(payload_part: str, fallback: str) -> Answer:
    """Press the button whose payload contains ``payload_part``, else type ``fallback``."""

    def press(messages: list[dict[str, Any]]) -> str:
        return next((b["payload"] for b in buttons(messages) if payload_part in b["payload"]), fallback)

    return press


#: A line operator of a biscuit factory near Beauvais: the questions of the interview, by their first
#: words, and how she answers.
LINE_OPERATOR: dict[str, str | Answer] = {
    "Puis-je garder vos réponses": "oui",
    "Que voulez-vous faire ?": "1",
    "Quel est votre métier": "je suis conductrice de ligne dans une usine de biscuits",
    "J'ai compris : «": "oui",
    "Lequel de ces métiers": button("H2102", "1"),
    "Depuis combien de temps": "8 ans",
    "Que faites-vous dans votre travail ?": "je règle les machines, je fais les changements de format",
    "Voici ce que j'ai compris.": "oui",
    "Avez-vous des souhaits ?": "pas de nuit",
    "Où habitez-vous ?": "Beauvais",
    "Jusqu'à quelle distance": "30 km",
    "Seriez-vous prêt(e)": "formation courte",
}
