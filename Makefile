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

.PHONY: setup run test lint bench clean

## setup: both environments, the store with the shipped referential, the encoder, the indexes and the
## assistant's model (trained only when the bot's files changed)
setup: $(VENV)/.installed $(RASA_VENV)/.installed
	$(BIN)/passerelles setup
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

## run: set up, then start the assistant (action server and Rasa) and chat with it in the terminal
run: setup
	$(BIN)/passerelles assistant run

## test: set up, then lint and run the whole test suite
test: setup lint
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy retrieval bench actions runtime

## bench: print quality, latency and memory figures
bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf var
