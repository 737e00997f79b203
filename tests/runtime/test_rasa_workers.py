"""How Rasa is started: several workers only with a Redis lock store; the pages that may call it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from api.branches import seed_branches
from retrieval.settings import Settings
from retrieval.store import transaction
from retrieval.store.models import Branch
from runtime.errors import AssistantError
from runtime.services import rasa_cors_origins, rasa_server, redis_lock_store, runtime_endpoints


def workers(settings: Settings) -> str:
    rasa = rasa_server(settings, Path("model.tar.gz"), "token", Path("endpoints.yml"), [])
    return rasa.environment["SANIC_WORKERS"]


def test_by_default_one_rasa_process_and_no_lock_store(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert workers(settings) == "1"
    assert "lock_store" not in yaml.safe_load(runtime_endpoints(settings).read_text(encoding="utf-8"))


def test_a_redis_url_gives_the_workers_a_shared_lock_store(tmp_path: Path) -> None:
    url = "redis://:s3cret@cache.local:6380/2"
    settings = Settings(data_dir=tmp_path, rasa_redis_url=url, rasa_workers=3)
    assert workers(settings) == "3"
    endpoints = yaml.safe_load(runtime_endpoints(settings).read_text(encoding="utf-8"))
    assert endpoints["lock_store"] == {
        "type": "redis",
        "url": "cache.local",
        "port": 6380,
        "db": 2,
        "key_prefix": "passerelles",
        "password": "s3cret",
    }


def test_redis_defaults_to_its_port_and_first_database() -> None:
    store = redis_lock_store("redis://localhost")
    assert (store["url"], store["port"], store["db"]) == ("localhost", 6379, 0)
    assert "password" not in store


@pytest.mark.parametrize("url", ["localhost:6379", "http://localhost", "redis://localhost/cache"])
def test_a_wrong_redis_url_is_refused_with_the_setting_named(url: str) -> None:
    with pytest.raises(AssistantError, match="Redis") as failure:
        redis_lock_store(url)
    assert "PASSERELLES_RASA_REDIS_URL" in failure.value.detail


def test_the_branches_websites_may_call_rasa(store_url: str, tmp_path: Path) -> None:
    """Their widget falls back on Rasa's REST webhook when socket.io does not connect."""
    seed_branches(store_url)
    with transaction(store_url) as session:
        branch = session.get(Branch, "plasturgie")
        assert branch is not None
        branch.origins = ["https://www.plasturgie-hdf.example/"]
    settings = Settings(
        data_dir=tmp_path, database_url=store_url, rasa_cors_origins=["http://localhost:8000"]
    )
    origins = rasa_cors_origins(settings)
    assert "https://www.plasturgie-hdf.example" in origins and "http://localhost:8000" in origins
    rasa = rasa_server(settings, Path("model.tar.gz"), "token", Path("endpoints.yml"), origins)
    assert rasa.command[rasa.command.index("--cors") + 1 :] == origins
