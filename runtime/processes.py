"""Child processes of the assistant: their environment, their logs, starting and stopping them cleanly."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path

from retrieval.settings import Settings

Child = subprocess.Popen[bytes]
#: Lines of a log shown to operators when a child fails.
TAIL_LINES = 30
#: tqdm's bars, as Rasa writes them to a file: "Epochs:  18%|█▊   | 18/100 [04:13<12:53, ...]".
PROGRESS_BAR = re.compile(r"\d+%\|")
#: Seconds a child gets to stop after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 15.0


def child_environment(settings: Settings | None = None) -> dict[str, str]:
    """This environment, offline, and (when given) the settings, so children see the caller's settings."""
    env = dict(os.environ)
    # No model hub and no telemetry: the only network access allowed is package registries.
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", RASA_TELEMETRY_ENABLED="false")
    # Rasa's SQLAlchemy 1.4 warns about 2.0 at every start.
    env["SQLALCHEMY_SILENCE_UBER_WARNING"] = "1"
    if settings is not None:
        for name, value in settings.model_dump(mode="json").items():
            env[f"PASSERELLES_{name.upper()}"] = value if isinstance(value, str) else json.dumps(value)
    return env


def log_tail(path: Path, lines: int = TAIL_LINES) -> str:
    """The last lines of a log, progress bars left out (they push the error out of sight)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as log:
            kept = deque((line for line in log if not PROGRESS_BAR.search(line)), maxlen=lines)
        return "".join(kept).rstrip()
    except FileNotFoundError:
        return f"(no log at {path})"


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_child(command: Sequence[str], *, cwd: Path, log_path: Path, env: dict[str, str]) -> Child:
    """Run ``command`` in its own process group, its output to ``log_path``."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:  # the child keeps its own copy of the file
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: Ctrl-C in the terminal reaches us, and we stop it
        )


def stop_groups(children: Sequence[Child]) -> None:
    """SIGTERM to every child's whole group at once, SIGKILL to what is left after the grace period.

    The whole group: the action server's Sanic manager, signalled alone while its worker loads the
    engine, was seen spinning for minutes; signalled with its worker, it stops in about 5 s.
    """
    for child in children:
        signal_group(child, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(max(0.0, deadline - time.monotonic()))
    # Late ones, and workers that outlive their leader: the groups are emptied in every case.
    for child in children:
        signal_group(child, signal.SIGKILL)
        child.wait()


def signal_group(child: Child, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is already empty
        os.killpg(child.pid, sig)
