"""The assistant as people use it: Rasa and the action server over REST on this machine.

Training time and model size, time until Rasa answers, memory of each process, and turn latency p50/p95
for turns that only need the NLU and for turns that compute bridges, at 1 and 10 conversations at once:
in a closed loop (each person sends the next message as soon as the answer comes) and, labelled apart,
with people who pause 2 to 5 s between messages to read and type. CPU time per turn comes from /proc.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import percentiles, section
from retrieval.settings import get_settings
from runtime.dialogue import LINE_OPERATOR, RestPerson, interview
from runtime.model import ensure_model
from runtime.services import AssistantUrls, models_dir, rasa_processes, running_assistant

#: Turns each conversation takes of each kind, once its interview is done.
TURNS = 10
NLU_ONLY = "merci"
BRIDGES = "/ask_bridges"
#: A person's pause before each message, in seconds: reading the answer, typing the next one.
PAUSE_SECONDS = (2.0, 5.0)
SEED = 2026
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def group_stats(marker: str) -> list[list[str]]:
    """/proc stat fields of every process in the group of the one whose command line has ``marker``.

    The whole group: Sanic servers run their workers in processes of their own. Fields start after the
    command name (it may hold spaces): state, ppid, pgrp, … utime (14), stime (15), … rss (24).
    """
    stats: list[list[str]] = []
    group = None
    for process in Path("/proc").glob("[0-9]*"):
        try:
            fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
            command = (process / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        stats.append(fields)
        if group is None and marker in command:
            group = fields[2]
    return [fields for fields in stats if fields[2] == group]


def group_cpu_seconds(marker: str) -> float:
    """CPU time (user + system) of the process group of ``marker``."""
    return sum(int(f[11]) + int(f[12]) for f in group_stats(marker)) / CLOCK_TICKS


def group_rss_mb(marker: str) -> float:
    """Resident memory of the process group of ``marker`` (pages shared after a fork counted in each)."""
    return sum(int(f[21]) for f in group_stats(marker)) * PAGE_BYTES / 1e6


@dataclass
class CpuMeter:
    """CPU seconds Rasa and the action server spent, from the markers of their command lines."""

    markers: dict[str, str]
    spent: dict[str, float] = field(default_factory=dict)

    def read(self) -> dict[str, float]:
        return {name: group_cpu_seconds(marker) for name, marker in self.markers.items()}

    @contextmanager
    def measuring(self) -> Iterator[None]:
        before = self.read()
        yield
        for name, seconds in self.read().items():
            self.spent[name] = self.spent.get(name, 0.0) + seconds - before[name]


def cpu_meter(urls: AssistantUrls) -> CpuMeter:
    rasa_port, action_port = (url.rsplit(":", 1)[1] for url in (urls.rasa, urls.actions))
    return CpuMeter({"Rasa": f"--port {rasa_port}", "actions": f"--port {action_port}"})


@dataclass
class Samples:
    nlu: list[float] = field(default_factory=list)
    bridges: list[float] = field(default_factory=list)
    #: Every turn, the interview's included: the denominator of the average CPU time per turn.
    turns: int = 0
    #: CPU spent by each kind of timed turn, measured turn by turn (one conversation alone only).
    cpu: dict[str, CpuMeter] = field(default_factory=dict)


class TimedPerson(RestPerson):
    """A person who pauses before each message (or not); the answer's wait is timed and may be metered."""

    def __init__(self, webhook: str, pauses: random.Random | None) -> None:
        super().__init__(webhook)
        self.pauses = pauses
        self.meter: CpuMeter | None = None
        self.turns = 0
        self.last_ms = 0.0

    def say(self, text: str) -> list[dict[str, Any]]:
        if self.pauses is not None:
            time.sleep(self.pauses.uniform(*PAUSE_SECONDS))
        self.turns += 1
        with self.meter.measuring() if self.meter is not None else nullcontext():
            start = time.perf_counter()
            messages = super().say(text)
            self.last_ms = (time.perf_counter() - start) * 1000
        return messages


def conversation(webhook: str, pauses: random.Random | None, markers: dict[str, str] | None) -> Samples:
    """One person: the interview, then alternately a thank-you and a request for bridges, timed.

    With ``markers`` (one conversation alone), the CPU each kind of turn costs is measured turn by turn.
    """
    person = TimedPerson(webhook, pauses)
    person.say("bonjour")
    interview(person, LINE_OPERATOR, "non")
    samples = Samples()
    if markers is not None:
        samples.cpu = {"NLU": CpuMeter(markers), "bridges": CpuMeter(markers)}
    for _ in range(TURNS):
        for kind, text, latencies in (("NLU", NLU_ONLY, samples.nlu), ("bridges", BRIDGES, samples.bridges)):
            person.meter = samples.cpu.get(kind)
            person.say(text)
            latencies.append(person.last_ms)
    samples.turns = person.turns
    return samples


def load() -> str:
    return "charge " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(urls: AssistantUrls, people: int, pausing: bool) -> None:
    """``people`` conversations at once; prints p50/p95 of each kind of turn and the CPU per turn."""
    meter = cpu_meter(urls)
    markers = meter.markers if people == 1 else None
    pauses = [random.Random(SEED + person) if pausing else None for person in range(people)]
    with ThreadPoolExecutor(max_workers=people) as pool, meter.measuring():
        results = list(pool.map(conversation, [urls.webhook] * people, pauses, [markers] * people))
    label = f"{people:>2} conversation(s), {'pauses de 2 à 5 s' if pausing else 'sans pause'}"
    for kind in ("NLU", "bridges"):
        latencies = [ms for result in results for ms in (result.nlu if kind == "NLU" else result.bridges)]
        name = "tour NLU seul    " if kind == "NLU" else "tour passerelles "
        metered = [result.cpu[kind].spent for result in results if result.cpu]
        cpu = "".join(
            " ; CPU par tour "
            + ", ".join(f"{n} {s / len(latencies) * 1000:.0f} ms" for n, s in spent.items())
            for spent in metered
        )
        print(f"{label} : {name}{percentiles(latencies)}{cpu}")
    turns = sum(result.turns for result in results)
    average = ", ".join(f"{n} {seconds / turns * 1000:.0f} ms" for n, seconds in meter.spent.items())
    print(f"{label} : CPU moyen par tour (entretien compris, {turns} tours) : {average} ; {load()}")


def measure_all(urls: AssistantUrls) -> None:
    for pausing in (False, True):
        for people in (1, 10):
            measure(urls, people, pausing)
    memory = {name: group_rss_mb(marker) for name, marker in cpu_meter(urls).markers.items()}
    print("mémoire : " + ", ".join(f"{name} {mb:.0f} Mo" for name, mb in memory.items()))


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
        serve_and_measure(build.path)


def run_turns() -> None:
    """The turns only, with the model ``passerelles assistant train`` keeps (trained if missing)."""
    section("Assistant, tours seulement (modèle déjà entraîné)")
    serve_and_measure(ensure_model(models_dir(get_settings())).path)


def serve_and_measure(model: Path) -> None:
    settings = get_settings()
    workers = rasa_processes(settings)
    print(f"Rasa : {workers} processus" + (" (verrou Redis)" if workers > 1 else ""))
    start = time.perf_counter()
    with running_assistant(settings, model=model) as urls:
        print(f"démarrage jusqu'à la première réponse possible : {time.perf_counter() - start:.0f} s")
        measure_all(urls)
