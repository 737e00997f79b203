"""The trained Rasa model, cached by a fingerprint of everything training reads.

Training takes minutes: a model is trained once per content of the bot's files and the pinned Rasa
version, kept as ``<models_dir>/<fingerprint>.tar.gz`` and reused until one of them changes.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from retrieval.settings import PROJECT_ROOT
from runtime.errors import AssistantError
from runtime.processes import child_environment, log_tail

#: What ``rasa train`` reads, relative to the project root.
TRAINING_INPUTS = ("bot/config.yml", "bot/domain", "bot/data", "bot/nlu_components", "nlu/data")
RASA_PIN = "bot/constraints.txt"
#: Models kept in the cache: the current one and the one before (to go back quickly).
KEPT_MODELS = 2
MODEL_SUFFIX = ".tar.gz"


class TrainingError(AssistantError):
    """Training could not produce a model; ``detail`` holds Rasa's last lines."""


@dataclass(frozen=True)
class ModelBuild:
    path: Path
    #: True when the cached model matched the files and no training ran.
    reused: bool
    #: Wall time of the training, 0 when reused.
    seconds: float = 0.0


def rasa_executable(root: Path = PROJECT_ROOT) -> Path:
    return root / ".venv-rasa" / "bin" / "rasa"


def training_files(root: Path) -> Iterator[Path]:
    """Every file training reads, in a stable order; bytecode caches are not inputs."""
    found: list[Path] = []
    for name in TRAINING_INPUTS:
        path = root / name
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(
                p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.relative_to(root).parts
            )
    yield from sorted(found, key=lambda p: p.relative_to(root).as_posix())


def pinned_rasa_version(root: Path) -> str:
    pin = root / RASA_PIN
    match = re.search(r"^rasa==(\S+)\s*$", pin.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise TrainingError(
            "La version de Rasa n'est pas fixée : impossible de préparer l'assistant.",
            f"{pin}: no line 'rasa==<version>'",
        )
    return match.group(1)


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    """sha256 over the pinned Rasa version and each training file's relative path and bytes."""
    digest = hashlib.sha256(f"rasa=={pinned_rasa_version(root)}\0".encode())
    for path in training_files(root):
        content = path.read_bytes()
        # Lengths frame each entry, so that moving bytes from one file to the next changes the digest.
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def model_path(models_dir: Path, root: Path = PROJECT_ROOT) -> Path:
    """Where the model for the current training files is (or will be) cached."""
    return models_dir / f"{fingerprint(root)}{MODEL_SUFFIX}"


def ensure_model(models_dir: Path, *, log_path: Path | None = None, root: Path = PROJECT_ROOT) -> ModelBuild:
    """The model for the current files: the cached one, or a new one trained (minutes).

    Rasa's output goes to ``log_path`` (default: ``last-training.log`` next to the models).
    """
    models_dir.mkdir(parents=True, exist_ok=True)
    target = model_path(models_dir, root)
    # One training at a time: a second caller waits, then reuses the model the first one trained.
    with (models_dir / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.is_file():
            target.touch()  # most recently used: pruning keeps it
            prune(models_dir)
            return ModelBuild(target, reused=True)
        started = time.monotonic()
        train(target, log_path or models_dir / "last-training.log", root)
        prune(models_dir)
        return ModelBuild(target, reused=False, seconds=time.monotonic() - started)


def train(target: Path, log_path: Path, root: Path) -> None:
    """Train into a temporary folder next to ``target``, then move the model in place atomically."""
    fixed_name = target.name.removesuffix(MODEL_SUFFIX)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".training-", dir=target.parent) as out:
        command = [
            *(str(rasa_executable(root)), "train", "--config", "config.yml", "--domain", "domain"),
            *("--data", "data", "../nlu/data", "--out", out, "--fixed-model-name", fixed_name),
        ]
        with log_path.open("w", encoding="utf-8") as log:
            try:
                code = subprocess.run(
                    command, cwd=root / "bot", stdout=log, stderr=subprocess.STDOUT, env=child_environment()
                ).returncode
            except OSError as error:
                raise TrainingError(
                    "Rasa est introuvable : lancez d'abord « make setup ».", f"{command[0]}: {error}"
                ) from error
        produced = Path(out) / target.name
        if code != 0 or not produced.is_file():
            raise TrainingError(
                "L'entraînement de l'assistant a échoué.",
                f"rasa train exited with {code} (full output: {log_path}):\n{log_tail(log_path)}",
            )
        os.replace(produced, target)


def prune(models_dir: Path) -> None:
    """Remove all models but the most recently used ones."""
    models = sorted(models_dir.glob(f"*{MODEL_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in models[KEPT_MODELS:]:
        old.unlink(missing_ok=True)
