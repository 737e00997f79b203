"""Start the action server and Rasa, wait until they answer, stop them cleanly.

``with running_assistant(settings) as urls:`` is the one way to run the assistant: for ``passerelles
assistant run``, end-to-end tests and benchmarks alike.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import yaml

from retrieval.settings import PROJECT_ROOT, Settings, get_settings
from runtime.auth import rasa_token
from runtime.errors import AssistantError
from runtime.model import ensure_model, rasa_executable
from runtime.processes import Child, child_environment, log_tail, port_in_use, start_child, stop_groups

BOT_DIR = PROJECT_ROOT / "bot"
#: ``rasa`` with the action server's answers checked by a validator built once (see the file).
RASA_SERVER = BOT_DIR / "serve.py"
ACTIONS_TIMEOUT_SECONDS = 120.0
#: Rasa loads its model before it listens: about 80 s on 2 cores, more when the machine is busy; each
#: worker loads its own copy, side by side.
RASA_TIMEOUT_SECONDS = 400.0
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class AssistantUrls:
    rasa: str
    actions: str
    token: str
    model: Path

    @property
    def webhook(self) -> str:
        """Rasa's REST channel: ``POST {"sender", "message"}`` answers the bot's messages."""
        return f"{self.rasa}/webhooks/rest/webhook"


@dataclass(frozen=True)
class Service:
    #: How people call it, in French messages.
    name: str
    command: list[str]
    cwd: Path
    port: int
    log_path: Path
    ready: Callable[[], bool]
    timeout: float
    #: Variables this service needs on top of the common environment.
    environment: dict[str, str] = field(default_factory=dict)


def models_dir(settings: Settings) -> Path:
    return settings.data_dir / "models"


def logs_dir(settings: Settings) -> Path:
    return settings.data_dir / "logs"


def local_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def answers(url: str, accept: Callable[[httpx.Response], bool] = lambda _: True) -> bool:
    try:
        response = httpx.get(url, timeout=2.0)
    except httpx.HTTPError:
        return False
    return response.status_code == 200 and accept(response)


def action_server(settings: Settings) -> Service:
    port = settings.action_port
    return Service(
        name="le serveur d'actions",
        command=[sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
        cwd=PROJECT_ROOT,
        port=port,
        log_path=logs_dir(settings) / "actions.log",
        ready=lambda: answers(f"{local_url(port)}/health"),
        timeout=ACTIONS_TIMEOUT_SECONDS,
    )


def rasa_processes(settings: Settings) -> int:
    """Rasa refuses several workers without a shared lock store: several only with the Redis one."""
    return settings.rasa_workers if settings.rasa_redis_url else 1


def rasa_cors_origins(settings: Settings) -> list[str]:
    """The pages that may call Rasa: the configured ones and the branches' websites, whose widget falls back
    on Rasa's REST webhook (read at start: a branch's new website needs a restart)."""
    from api.cors import branch_origins

    return sorted({*settings.rasa_cors_origins, *branch_origins(settings.store_url)})


def rasa_server(
    settings: Settings, model: Path, token: str, endpoints: Path, cors_origins: list[str]
) -> Service:
    port = settings.rasa_port
    workers = rasa_processes(settings)

    def serves_model(response: httpx.Response) -> bool:
        return bool(Path(str(response.json().get("model_file", ""))).name == model.name)

    return Service(
        name="Rasa",
        command=[
            *(str(rasa_executable().with_name("python")), str(RASA_SERVER), "run", "--model", str(model)),
            # One argument: a token starting with "-" (one in 64 generated ones) is no option to argparse.
            *("--enable-api", f"--auth-token={token}", "--port", str(port)),
            *("--endpoints", str(endpoints), "--credentials", "credentials.yml"),
            *("--cors", *cors_origins),
        ],
        cwd=BOT_DIR,
        port=port,
        log_path=logs_dir(settings) / "rasa.log",
        ready=lambda: answers(f"{local_url(port)}/status?token={token}", serves_model),
        timeout=RASA_TIMEOUT_SECONDS * workers,
        environment={"SANIC_WORKERS": str(workers)},
    )


def redis_lock_store(url: str) -> dict[str, Any]:
    """Rasa's lock store configuration for ``redis://[:password@]host[:port][/db]``."""
    parts = urlsplit(url)
    database = parts.path.strip("/") or "0"
    if parts.scheme != "redis" or not parts.hostname or not database.isdigit():
        raise AssistantError(
            "L'adresse du serveur Redis de l'assistant est invalide.",
            f"PASSERELLES_RASA_REDIS_URL={url!r} is not redis://[:password@]host[:port][/db]",
        )
    store: dict[str, Any] = {"type": "redis", "url": parts.hostname, "port": parts.port or 6379}
    store |= {"db": int(database), "key_prefix": "passerelles"}
    if parts.password:
        store["password"] = parts.password
    return store


def runtime_endpoints(settings: Settings) -> Path:
    """``bot/endpoints.yml`` with this action server's port, for SQLite the tracker in ``data_dir``, and
    the Redis lock store when one is configured."""
    endpoints: dict[str, Any] = yaml.safe_load((BOT_DIR / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://localhost:{settings.action_port}/webhook"
    tracker = endpoints.get("tracker_store") or {}
    if tracker.get("type") == "SQL" and tracker.get("dialect", "sqlite") == "sqlite":
        tracker["db"] = str(settings.data_dir / "rasa-tracker.db")
    if settings.rasa_redis_url:
        endpoints["lock_store"] = redis_lock_store(settings.rasa_redis_url)
    path = settings.data_dir / "run" / "endpoints.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


def wait_ready(service: Service, process: Child) -> None:
    deadline = time.monotonic() + service.timeout
    while not service.ready():
        if process.poll() is not None:
            raise AssistantError(
                f"{service.name} s'est arrêté au démarrage.",
                f"{service.command[:3]} exited with {process.returncode} ({service.log_path}):\n"
                + log_tail(service.log_path),
            )
        if time.monotonic() > deadline:
            raise AssistantError(
                f"{service.name} ne répond pas après {service.timeout:.0f} secondes.",
                f"no answer on port {service.port} ({service.log_path}):\n" + log_tail(service.log_path),
            )
        time.sleep(POLL_SECONDS)


@contextmanager
def running(services: list[Service], settings: Settings) -> Iterator[None]:
    """Start every service at once, wait until each answers; stop them all on exit, even on error."""
    busy = [s for s in services if port_in_use(s.port)]
    if busy:
        raise AssistantError(
            "Un port de l'assistant est déjà utilisé : un autre assistant tourne-t-il déjà ?",
            ", ".join(f"port {s.port} ({s.name}) is in use" for s in busy),
        )
    env = child_environment(settings)
    children: list[Child] = []
    try:
        for service in services:
            children.append(
                start_child(
                    service.command, cwd=service.cwd, log_path=service.log_path, env=env | service.environment
                )
            )
        for service, child in zip(services, children, strict=True):
            wait_ready(service, child)
        yield
    finally:
        stop_groups(children)


@contextmanager
def running_actions(settings: Settings | None = None) -> Iterator[str]:
    """The action server alone; yields its URL."""
    settings = settings or get_settings()
    with running([action_server(settings)], settings):
        yield local_url(settings.action_port)


@contextmanager
def running_assistant(
    settings: Settings | None = None, *, model: Path | None = None
) -> Iterator[AssistantUrls]:
    """The action server and Rasa with ``model`` (default: the cached model, trained when missing)."""
    settings = settings or get_settings()
    token = rasa_token(settings)
    if model is None:
        model = ensure_model(models_dir(settings), log_path=logs_dir(settings) / "rasa-train.log").path
    # Rasa runs in bot/ and, given a path it cannot find, starts without a model: checked, and absolute.
    model = model.resolve()
    if not model.is_file():
        raise AssistantError("Le modèle de l'assistant est introuvable.", f"no model file at {model}")
    endpoints = runtime_endpoints(settings)
    services = [
        action_server(settings),
        rasa_server(settings, model, token, endpoints, rasa_cors_origins(settings)),
    ]
    with running(services, settings):
        rasa, actions = local_url(settings.rasa_port), local_url(settings.action_port)
        yield AssistantUrls(rasa=rasa, actions=actions, token=token, model=model)
