"""The Rasa project checked by Rasa itself: data validation, the held-out NLU test, the test stories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from retrieval.settings import PROJECT_ROOT, get_settings
from runtime.model import ensure_model, rasa_executable
from runtime.services import BOT_DIR, logs_dir, models_dir

#: Intent macro-F1 on the held-out set, the bar the issue sets.
MIN_INTENT_F1 = 0.90

pytestmark = pytest.mark.assistant


def rasa(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(rasa_executable()), *arguments], cwd=BOT_DIR, capture_output=True, text=True, timeout=1800
    )


@pytest.fixture(scope="session")
def model() -> Path:
    settings = get_settings()
    return ensure_model(models_dir(settings), log_path=logs_dir(settings) / "rasa-train.log").path


def test_data_validate() -> None:
    run = rasa(
        "data", "validate", "--data", "data", "../nlu/data", "--domain", "domain", "--config", "config.yml"
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_held_out_nlu(model: Path, tmp_path: Path) -> None:
    held_out = PROJECT_ROOT / "nlu" / "test" / "nlu_test.yml"
    run = rasa("test", "nlu", "--nlu", str(held_out), "--model", str(model), "--out", str(tmp_path))
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads((tmp_path / "intent_report.json").read_text(encoding="utf-8"))
    worst = sorted((v["f1-score"], k) for k, v in report.items() if isinstance(v, dict) and "support" in v)[
        :5
    ]
    assert report["macro avg"]["f1-score"] >= MIN_INTENT_F1, f"worst intents: {worst}"


def test_stories(model: Path, tmp_path: Path) -> None:
    run = rasa(
        *("test", "core", "--stories", "tests", "--model", str(model)),
        *("--out", str(tmp_path), "--fail-on-prediction-errors"),
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.is_file() else run.stdout[-3000:]
    assert run.returncode == 0, details + run.stderr[-2000:]
