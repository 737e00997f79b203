"""The model cache: the fingerprint follows the training files, a cached model is reused without training."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from retrieval.settings import PROJECT_ROOT
from runtime.model import (
    RASA_PIN,
    TRAINING_INPUTS,
    TrainingError,
    ensure_model,
    fingerprint,
    prune,
    rasa_executable,
)


def copy_training_files(source_root: Path, target_root: Path) -> Path:
    for name in (*TRAINING_INPUTS, RASA_PIN):
        source, target = source_root / name, target_root / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return target_root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's training files (and the Rasa pin), with one NLU file known to exist."""
    root = copy_training_files(PROJECT_ROOT, tmp_path / "project")
    extra = root / "nlu" / "data" / "extra.yml"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text('version: "3.1"\nnlu: []\n', encoding="utf-8")
    return root


def test_the_fingerprint_depends_on_contents_not_on_location(project: Path, tmp_path: Path) -> None:
    elsewhere = copy_training_files(project, tmp_path / "elsewhere")
    assert fingerprint(elsewhere) == fingerprint(project)
    assert len(fingerprint(project)) == 64


def test_fingerprint_follows_each_training_file(project: Path) -> None:
    before = fingerprint(project)
    extra = project / "nlu" / "data" / "extra.yml"
    extra.write_text(extra.read_text(encoding="utf-8") + "# one more line\n", encoding="utf-8")
    changed = fingerprint(project)
    assert changed != before
    (project / "bot" / "config.yml").write_text(
        (project / "bot" / "config.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert fingerprint(project) not in (before, changed)


def test_fingerprint_follows_file_names_and_the_rasa_version(project: Path) -> None:
    before = fingerprint(project)
    extra = project / "nlu" / "data" / "extra.yml"
    extra.rename(extra.with_name("renamed.yml"))
    renamed = fingerprint(project)
    assert renamed != before
    pin = project / RASA_PIN
    pin.write_text(pin.read_text(encoding="utf-8").replace("rasa==3.6.21", "rasa==3.6.20"), encoding="utf-8")
    assert fingerprint(project) not in (before, renamed)


def test_fingerprint_ignores_what_training_does_not_read(project: Path) -> None:
    before = fingerprint(project)
    cache = project / "bot" / "nlu_components" / "__pycache__"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "owned_entities.cpython-310.pyc").write_bytes(b"\x00bytecode")
    (project / "bot" / "tests").mkdir(exist_ok=True)
    (project / "bot" / "tests" / "stories.yml").write_text("stories: []\n", encoding="utf-8")
    (project / "README.md").write_text("notes\n", encoding="utf-8")
    os.utime(project / "bot" / "config.yml")  # a touched file keeps its content
    assert fingerprint(project) == before


def test_a_missing_rasa_pin_is_a_clear_error(project: Path) -> None:
    (project / RASA_PIN).write_text("numpy==1.23.5\n", encoding="utf-8")
    with pytest.raises(TrainingError, match="version de Rasa") as failure:
        fingerprint(project)
    assert "constraints.txt" in failure.value.detail


def test_a_cached_model_is_reused_without_training(project: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    cached = models / f"{fingerprint(project)}.tar.gz"
    cached.write_bytes(b"model")
    # No Rasa in this copy: reaching training would fail.
    build = ensure_model(models, root=project)
    assert build.path == cached and build.reused and build.seconds == 0
    assert cached.read_bytes() == b"model"


def test_training_without_rasa_is_a_clear_error(project: Path, tmp_path: Path) -> None:
    with pytest.raises(TrainingError, match="make setup") as failure:
        ensure_model(tmp_path / "models", root=project)
    assert ".venv-rasa/bin/rasa" in failure.value.detail
    assert not list((tmp_path / "models").glob("*.tar.gz"))


def test_pruning_keeps_the_two_most_recently_used_models(tmp_path: Path) -> None:
    models = [tmp_path / f"{name}.tar.gz" for name in ("old", "older", "recent", "latest")]
    for age, model in zip((30, 40, 20, 10), models, strict=True):
        model.write_bytes(b"model")
        os.utime(model, (0, 1_000_000 - age))
    (tmp_path / "last-training.log").write_text("log\n", encoding="utf-8")
    prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "last-training.log",
        "latest.tar.gz",
        "recent.tar.gz",
    ]


TINY_CONFIG = """\
recipe: default.v1
language: fr
assistant_id: broken
pipeline:
  - name: WhitespaceTokenizer
  - name: NoSuchComponent
policies:
  - name: RulePolicy
"""


@pytest.mark.skipif(
    not rasa_executable().exists(), reason="the Rasa environment (.venv-rasa) is not installed"
)
def test_a_failed_training_ends_with_rasas_own_explanation(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "bot" / "domain").mkdir(parents=True)
    (root / "bot" / "data").mkdir()
    (root / "nlu" / "data").mkdir(parents=True)
    (root / ".venv-rasa").symlink_to(PROJECT_ROOT / ".venv-rasa")
    shutil.copy2(PROJECT_ROOT / RASA_PIN, root / RASA_PIN)
    (root / "bot" / "config.yml").write_text(TINY_CONFIG, encoding="utf-8")
    (root / "bot" / "domain" / "domain.yml").write_text(
        'version: "3.1"\nintents: [greet]\n', encoding="utf-8"
    )
    (root / "nlu" / "data" / "nlu.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n      - bonjour\n      - salut\n',
        encoding="utf-8",
    )
    with pytest.raises(TrainingError, match="a échoué") as failure:
        ensure_model(tmp_path / "models", root=root)
    assert "NoSuchComponent" in failure.value.detail
    assert not list((tmp_path / "models").glob("**/*.tar.gz"))
