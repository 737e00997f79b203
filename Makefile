# Passerelles — every target sets up what it needs, and does nothing again when nothing changed.
SHELL := /bin/bash
# pyenv's shims answer for versions that are not active, and then fail: prefer the real interpreters.
PYTHON311 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.11.*/bin/python3.11) $(shell command -v python3.11))
PYTHON310 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10.*/bin/python3.10) $(shell command -v python3.10))
VENV := .venv
RASA_VENV := .venv-rasa
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test test-tools lint bench clean

WIDGET := web/widget/dist/widget.js

## setup: both environments, the store with the shipped referential, the encoder, the indexes, the
## assistant's model (trained only when the bot's files changed) and the widget bundle
setup: $(VENV)/.installed $(RASA_VENV)/.installed $(WIDGET)
	$(BIN)/passerelles setup
	$(BIN)/passerelles api seed
	$(BIN)/passerelles assistant train

# torch first, from the CPU wheel, so that no resolver ever pulls a CUDA build.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON311) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

$(RASA_VENV)/.installed: bot/requirements.txt bot/constraints.txt
	test -x $(RASA_VENV)/bin/python || $(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install -q --upgrade pip
	$(RASA_VENV)/bin/pip install -q -r bot/requirements.txt -c bot/constraints.txt
	touch $@

web/node_modules/.installed: web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	touch $@

$(WIDGET): web/node_modules/.installed web/widget/tsconfig.json $(shell find web/widget/src -type f)
	npm run --prefix web check
	npm run --prefix web build

# The browser tests drive Debian's Chromium (never a browser download); the Docker files are checked
# by hadolint, shellcheck and docker-compose config, no engine needed.
/usr/bin/chromium:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test-tools: /usr/bin/chromium
	scripts/docker-tools.sh

## run: set up, then start the assistant (action server and Rasa) and the API: the demo branch website
## with the widget at http://127.0.0.1:8000/demo/, the counsellors' console at /console/
run: setup
	$(BIN)/passerelles run

## test: set up, then lint and run the whole test suite
test: setup test-tools lint
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy retrieval bench actions runtime api

## bench: print quality, latency and memory figures
bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf var
