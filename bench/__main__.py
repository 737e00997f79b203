"""``make bench``: every figure of the engine, printed. Parts needing ../shared/data are skipped without it.

python -m bench [jobs] [latency] [quality] [rome4] [offers] [index] [assistant] [widget] [api]

``python -m bench assistant-turns`` (not in the default run): the assistant's turns without the cold training.
"""

from __future__ import annotations

import sys

from bench import api, assistant, bridges_quality, index, jobs, latency, offers, widget
from bench.common import section
from retrieval.engine import Engine
from retrieval.importers import run_import
from retrieval.settings import get_settings
from retrieval.store import migrate

PARTS = ("jobs", "latency", "quality", "rome4", "offers", "index", "assistant", "widget", "api")


def bench_store(name: str) -> str:
    url = f"sqlite:///{get_settings().data_dir / 'bench' / f'{name}.db'}"
    migrate(url)
    return url


def main(parts: list[str]) -> None:
    shared = get_settings().shared_data_dir
    if "jobs" in parts or "latency" in parts:
        engine = Engine.open()
        if "jobs" in parts:
            jobs.run(engine)
        if "latency" in parts:
            latency.run(engine, "référentiel livré")
    if "quality" in parts:
        if (shared / "rome-v3.47").is_dir():
            bridges_quality.run(bench_store("rome3"), shared / "rome-v3.47")
        else:
            section(f"Qualité des passerelles : ignorée, {shared / 'rome-v3.47'} absent")
    if "rome4" in parts:
        if (shared / "rome-v4.60").is_dir():
            url = bench_store("rome4")
            print(run_import("rome4", shared / "rome-v4.60", url, progress=False).summary())
            latency.run(Engine.open(url), "ROME 4.0 importé")
        else:
            section(f"ROME 4.0 : ignoré, {shared / 'rome-v4.60'} absent")
    if "offers" in parts:
        offers.run()
    if "index" in parts:
        index.run()
    if "assistant" in parts:
        assistant.run()
    if "assistant-turns" in parts:
        assistant.run_turns()
    if "widget" in parts:
        widget.run()
    if "api" in parts:
        api.run()


if __name__ == "__main__":
    main(sys.argv[1:] or list(PARTS))
