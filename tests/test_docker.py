"""The Docker files, checked without a Docker engine: hadolint on the Dockerfiles, ``docker-compose config``
on the compose file. ``scripts/docker-tools.sh`` installs both tools."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from retrieval.settings import PROJECT_ROOT

DOCKER_DIR = PROJECT_ROOT / "docker"
COMPOSE_FILE = DOCKER_DIR / "compose.yml"
ENV_EXAMPLE = DOCKER_DIR / ".env.example"
DOCKERFILES = (DOCKER_DIR / "app.Dockerfile", DOCKER_DIR / "rasa.Dockerfile")
#: Shell scripts the containers (or the operator) run: checked here, since no container runs them here.
SCRIPTS = (
    DOCKER_DIR / "rasa-run.sh",
    DOCKER_DIR / "postgres-init" / "10-rasa-tracker.sh",
    PROJECT_ROOT / "scripts" / "docker-tools.sh",
)
TOOLS_BIN = PROJECT_ROOT / "var" / "tools" / "bin"
INSTALL_HINT = "run scripts/docker-tools.sh to install it"
#: Variables the example leaves empty: the secrets, which have no default.
SECRETS = {"POSTGRES_PASSWORD", "RASA_TRACKER_PASSWORD", "REDIS_PASSWORD", "RASA_TOKEN", "SECRET_KEY"}
APP_SERVICES = ("setup", "actions", "api")
#: The env file's values, and the services ``docker-compose config`` renders with them.
Rendered = tuple[dict[str, str], dict[str, Any]]


def tool(name: str, *places: Path) -> str:
    found = next((str(p) for p in places if p.is_file()), None) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed ({INSTALL_HINT})")
    return found


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    # A bare environment: a variable set in the caller's shell would override the env file.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def copied_sources(dockerfile_text: str) -> set[str]:
    """The build-context paths that COPY instructions read (not those copied from another stage)."""
    return {
        source.rstrip("/")
        for line in dockerfile_text.splitlines()
        if line.startswith("COPY ") and "--from" not in line
        for source in line.split()[1:-1]
    }


def example_values() -> dict[str, str]:
    """``.env.example`` as name → value (quotes removed), comments and blank lines left out."""
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip().strip('"')
    return values


def compose_config(env_file: Path) -> subprocess.CompletedProcess[str]:
    compose = tool("docker-compose")
    return run([compose, "--file", str(COMPOSE_FILE), "--env-file", str(env_file), "config"])


def write_env(path: Path, values: dict[str, str]) -> Path:
    path.write_text("".join(f'{name}="{value}"\n' for name, value in values.items()), encoding="utf-8")
    return path


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_dockerfile_passes_hadolint(dockerfile: Path) -> None:
    hadolint = tool("hadolint", TOOLS_BIN / "hadolint")
    result = run([hadolint, "--no-color", str(dockerfile)])
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_passes_shellcheck(script: Path) -> None:
    shellcheck = tool("shellcheck", TOOLS_BIN / "shellcheck")
    result = run([shellcheck, "--color=never", str(script)])
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
    assert os.access(script, os.X_OK), f"{script} is not executable"


@pytest.fixture(scope="module")
def filled_example(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The example with every secret filled in, and the services ``docker-compose config`` renders from it."""
    values = example_values() | {name: secrets.token_hex(32) for name in SECRETS}
    result = compose_config(write_env(tmp_path_factory.mktemp("compose") / ".env", values))
    assert (result.returncode, result.stderr) == (0, "")
    return values, yaml.safe_load(result.stdout)["services"]


def test_compose_file_is_valid_with_the_example_filled_in(filled_example: Rendered) -> None:
    values, services = filled_example
    assert set(services) == {"postgres", "redis", "rasa", *APP_SERVICES}
    for name in APP_SERVICES:
        environment = services[name]["environment"]
        assert environment["PASSERELLES_ENVIRONMENT"] == "production"
        assert values["POSTGRES_PASSWORD"] in environment["PASSERELLES_DATABASE_URL"]
        assert environment["PASSERELLES_SECRET_KEY"] == values["SECRET_KEY"]
    assert services["rasa"]["environment"]["RASA_TOKEN"] == values["RASA_TOKEN"]
    # Every long-running service says when it is ready, and waits for what it needs to be ready.
    for name in ("postgres", "redis", "rasa", "actions", "api"):
        assert services[name]["healthcheck"]["test"], name
    assert services["api"]["depends_on"]["setup"]["condition"] == "service_completed_successfully"
    assert services["rasa"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def declared_dependencies() -> dict[str, set[str]]:
    """pyproject.toml's dependencies, name → extras: what the app image installs."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    return {canonicalize_name(r.name): set(r.extras) for r in requirements}


def test_app_services_run_what_the_project_installs(filled_example: Rendered) -> None:
    _, services = filled_example
    assert services["api"]["command"][:2] == ["uvicorn", "api.main:app"]
    assert services["actions"]["command"][:3] == ["python", "-m", "rasa_sdk"]
    assert {"uvicorn", "rasa-sdk"} <= set(declared_dependencies())
    assert importlib.util.find_spec("api.main") is not None


def test_rate_limit_storage_client_is_installed(filled_example: Rendered) -> None:
    """The API's counters are in Redis (shared by its workers): the image must install Redis's client."""
    from limits.storage import storage_from_string

    _, services = filled_example
    declared = declared_dependencies()
    redis_client = "redis" in declared or "redis" in declared.get("limits", set())
    assert redis_client, "add limits[redis] to pyproject.toml's dependencies"
    # Builds the client without connecting: the URL is one the limits library reads.
    storage_from_string(services["api"]["environment"]["PASSERELLES_RATE_LIMIT_STORAGE_URL"])


def test_rasa_image_trains_on_every_training_input() -> None:
    """The model stage copies what ``rasa train`` reads, the same list the local model cache fingerprints."""
    from runtime.model import TRAINING_INPUTS

    dockerfile = (DOCKER_DIR / "rasa.Dockerfile").read_text(encoding="utf-8")
    stage = dockerfile.split(" AS model\n", 1)[1].split("\nFROM ", 1)[0]
    assert copied_sources(stage) == set(TRAINING_INPUTS)


def build_context() -> set[str]:
    """The files ``docker build`` sends from the project root, as docker-py (which docker-compose runs on)
    reads .dockerignore."""
    compose = Path(tool("docker-compose"))
    interpreter = compose.read_text(encoding="utf-8", errors="replace").splitlines()[0].removeprefix("#!")
    script = (
        "import json, sys; from docker.utils.build import exclude_paths; "
        "patterns = [l.strip() for l in open('.dockerignore') if l.strip() and not l.startswith('#')]; "
        "json.dump(sorted(exclude_paths('.', patterns)), sys.stdout)"
    )
    result = subprocess.run(
        [*interpreter.split(), "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_build_context_holds_what_the_images_copy_and_nothing_local() -> None:
    context = build_context()
    copied = set().union(*(copied_sources(d.read_text(encoding="utf-8")) for d in DOCKERFILES))
    assert sorted(copied - context) == [], "copied by a Dockerfile but left out by .dockerignore"
    local = re.compile(r"(^|/)(\.git|\.venv[^/]*|var|node_modules|__pycache__|dist|models|\.rasa|\.env)(/|$)")
    assert sorted(path for path in context if local.search(path)) == []
    size = sum((PROJECT_ROOT / path).stat().st_size for path in context if (PROJECT_ROOT / path).is_file())
    assert size < 20_000_000, f"{size} bytes sent to the builder"


def test_compose_refuses_to_start_without_secrets(tmp_path: Path) -> None:
    result = compose_config(write_env(tmp_path / ".env", example_values()))
    assert result.returncode != 0, result.stdout
    assert "manquant" in result.stderr and "docker/.env.example" in result.stderr, result.stderr


def test_env_example_lists_every_variable_compose_reads() -> None:
    read = set(re.findall(r"\$\{([A-Z0-9_]+)", COMPOSE_FILE.read_text(encoding="utf-8")))
    listed = set(example_values())
    assert read == listed, {"not in .env.example": read - listed, "unused": listed - read}
    assert {name for name, value in example_values().items() if not value} == SECRETS
