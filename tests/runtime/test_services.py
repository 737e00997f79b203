"""The action server really started and stopped, the endpoints Rasa runs with, the API secret."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
import yaml

from retrieval.settings import Settings
from runtime.auth import rasa_token
from runtime.errors import AssistantError
from runtime.processes import port_in_use
from runtime.services import running_actions, running_assistant, runtime_endpoints


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "var", action_port=free_port(), rasa_port=free_port())


def test_the_action_server_answers_then_stops_with_its_process_group(settings: Settings) -> None:
    with running_actions(settings) as url:
        assert httpx.get(f"{url}/health").json() == {"status": "ok"}
        assert url.endswith(f":{settings.action_port}")
    assert not port_in_use(settings.action_port)
    assert (settings.data_dir / "logs" / "actions.log").is_file()


def test_a_busy_port_is_refused_before_anything_starts(settings: Settings) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", settings.action_port))
        squatter.listen()
        with pytest.raises(AssistantError, match="déjà utilisé") as failure, running_actions(settings):
            pass
    assert f"port {settings.action_port}" in failure.value.detail
    assert not (settings.data_dir / "logs" / "actions.log").exists()


def test_rasa_runs_with_the_action_port_and_the_tracker_of_the_settings(settings: Settings) -> None:
    endpoints = yaml.safe_load(runtime_endpoints(settings).read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["url"] == f"http://localhost:{settings.action_port}/webhook"
    assert endpoints["tracker_store"]["db"] == str(settings.data_dir / "rasa-tracker.db")


def test_development_generates_one_token_and_keeps_it(settings: Settings) -> None:
    token = rasa_token(settings)
    assert len(token) >= 32
    assert rasa_token(settings) == token
    assert (settings.data_dir / "rasa-token").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("secret", ["", "change-me", "short"])
def test_production_refuses_a_missing_or_example_secret(settings: Settings, secret: str) -> None:
    production = settings.model_copy(update={"environment": "production", "rasa_token": secret})
    with pytest.raises(AssistantError, match="secret") as failure:
        rasa_token(production)
    assert "PASSERELLES_RASA_TOKEN" in failure.value.detail
    assert not (settings.data_dir / "rasa-token").exists()


def test_production_uses_the_configured_secret(settings: Settings) -> None:
    secret = "a-real-secret-of-enough-length"
    production = settings.model_copy(update={"environment": "production", "rasa_token": secret})
    assert rasa_token(production) == secret


def test_a_missing_model_is_refused_before_anything_starts(settings: Settings) -> None:
    with (
        pytest.raises(AssistantError, match="introuvable") as failure,
        running_assistant(settings, model=Path("var/models/none.tar.gz")),
    ):
        pass
    assert str(Path.cwd() / "var/models/none.tar.gz") in failure.value.detail
    assert not (settings.data_dir / "logs").exists()
