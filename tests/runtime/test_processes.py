"""What operators see of a failed child: the last lines of its log, without progress bars."""

from __future__ import annotations

from pathlib import Path

from runtime.processes import log_tail


def test_the_tail_of_a_log_leaves_progress_bars_out(tmp_path: Path) -> None:
    log = tmp_path / "rasa-train.log"
    bars = [
        f"Epochs:  {n}%|█         | {n}/100 [00:0{n % 10}<00:10, 9.4s/it, t_loss=2.8]\n" for n in range(40)
    ]
    log.write_text(
        "Starting to train.\n" + "".join(bars) + "InvalidRule: contradicting rules\n", encoding="utf-8"
    )
    assert log_tail(log, lines=2) == "Starting to train.\nInvalidRule: contradicting rules"


def test_a_missing_log_says_so(tmp_path: Path) -> None:
    assert log_tail(tmp_path / "none.log") == f"(no log at {tmp_path / 'none.log'})"
