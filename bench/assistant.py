"""The assistant as people use it: Rasa and the action server over REST on this machine.

Training time and model size, time until Rasa answers, memory of each process, and turn latency p50/p95
for turns that only need the NLU and for turns that compute bridges, at 1 and 10 conversations at once.
"""

from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import percentiles, section
from runtime.dialogue import LINE_OPERATOR, RestPerson, interview
from runtime.model import ensure_model
from runtime.services import running_assistant

#: Turns each conversation takes of each kind, once its interview is done.
TURNS = 10
NLU_ONLY = "merci"
BRIDGES = "/ask_bridges"


def rss_mb(marker: str) -> float:
    """Resident memory of the process whose command line contains ``marker`` (Linux /proc)."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            command = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if marker in command:
                rss = next(line for line in status.read_text().splitlines() if line.startswith("VmRSS"))
                return int(rss.split()[1]) / 1024
        except (OSError, StopIteration):
            continue
    return float("nan")


def conversation(webhook: str) -> tuple[list[float], list[float]]:
    """One person: the interview, then alternately a thank-you and a request for bridges, timed."""
    person = RestPerson(webhook)
    person.say("bonjour")
    interview(person, LINE_OPERATOR, "non")
    nlu: list[float] = []
    bridges: list[float] = []
    for _ in range(TURNS):
        for text, samples in ((NLU_ONLY, nlu), (BRIDGES, bridges)):
            start = time.perf_counter()
            person.say(text)
            samples.append((time.perf_counter() - start) * 1000)
    return nlu, bridges


def run() -> None:
    section("Assistant (Rasa 3.6 + actions, REST, 2 cœurs)")
    with tempfile.TemporaryDirectory() as models, tempfile.TemporaryDirectory() as cache:
        # A cold training: Rasa's own cache (bot/.rasa) would reuse every component that did not change.
        os.environ["RASA_CACHE_DIRECTORY"] = cache
        try:
            build = ensure_model(Path(models))
        finally:
            del os.environ["RASA_CACHE_DIRECTORY"]
        size_mb = build.path.stat().st_size / 1e6
        print(f"entraînement complet : {build.seconds:.0f} s ; modèle : {size_mb:.1f} Mo")
        start = time.perf_counter()
        with running_assistant(model=build.path) as urls:
            print(f"démarrage jusqu'à la première réponse possible : {time.perf_counter() - start:.0f} s")
            for people in (1, 10):
                with ThreadPoolExecutor(max_workers=people) as pool:
                    results = list(pool.map(conversation, [urls.webhook] * people))
                nlu = [ms for result in results for ms in result[0]]
                bridges = [ms for result in results for ms in result[1]]
                print(f"{people:>2} conversation(s) : tour NLU seul   {percentiles(nlu)}")
                print(f"{people:>2} conversation(s) : tour passerelles {percentiles(bridges)}")
            print(
                f"mémoire : Rasa {rss_mb('rasa run'):.0f} Mo, serveur d'actions {rss_mb('rasa_sdk'):.0f} Mo"
            )
