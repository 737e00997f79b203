"""The API under a bounded load on loopback: p50 / p95, throughput, errors of the bridges and offers routes.

``passerelles api serve`` runs as its own process on the store ``make setup`` prepared; a partner key is
made for the bench (revoked at the end) and 50 keep-alive clients, then one, send a seeded mix of requests
over the shipped referential's described jobs and the demonstration towns.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.security import SHOWN_PREFIX_LENGTH, api_key_hash, new_api_key
from bench.common import percentiles, section
from bench.widget import free_port
from retrieval.demo import demo_territories
from retrieval.referential.files import read_referential
from retrieval.settings import PROJECT_ROOT, Settings, get_settings
from retrieval.store import migrate, transaction
from retrieval.store.models import ApiKey

CONCURRENT_CLIENTS = 50
REQUESTS = 1_000
WARMUP_REQUESTS = 100
SINGLE_CLIENT_REQUESTS = 200
#: Above the whole bench's requests (2 600), so the key's moving window never throttles it.
KEY_PER_MINUTE = 10_000
#: The engine loads in 40 to 90 s; more when the machine is busy.
READY_TIMEOUT_S = 600
REQUEST_TIMEOUT_S = 120
#: A batch stops at this many errors: a failing route is reported, not waited for request after request.
MAX_ERRORS = 50
SEED = 2026
OFFER_RADII_KM = (10, 30, 50)


@dataclass
class Load:
    """What one batch of requests gave."""

    samples_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> str:
        sent = len(self.samples_ms) + sum(self.errors.values())
        errors = ", ".join(f"{kind} × {n}" for kind, n in sorted(self.errors.items())) or "aucune"
        stopped = f" (série arrêtée après {MAX_ERRORS} erreurs)" if self.failed else ""
        return (
            f"{percentiles(self.samples_ms) if self.samples_ms else 'aucune réponse 200'}, "
            f"{sent / self.seconds:.1f} requêtes/s, erreurs : {errors}{stopped}"
        )

    @property
    def failed(self) -> bool:
        return sum(self.errors.values()) >= MAX_ERRORS


def request_mix(count: int, seed: int) -> tuple[list[str], list[str]]:
    """``count`` bridges and ``count`` offers paths, drawn with ``seed`` from the shipped referential."""
    rng = random.Random(seed)
    codes = sorted(o.code for o in read_referential().occupations)
    towns = sorted({town.name for t in demo_territories() if t.kind == "bassin" for town in t.towns})
    bridges = [
        f"/api/v1/bridges?from={rng.choice(codes)}&place={rng.choice(towns)}&radius_km=30"
        for _ in range(count)
    ]
    offers = [
        f"/api/v1/offers?place={rng.choice(towns)}&radius_km={rng.choice(OFFER_RADII_KM)}"
        for _ in range(count)
    ]
    return bridges, offers


@contextmanager
def partner_key(store_url: str) -> Iterator[str]:
    """A partner key for the bench, stored as the API stores them (sha256 only), revoked afterwards."""
    key = new_api_key()
    with transaction(store_url) as session:
        row = ApiKey(
            partner="banc d'essai (make bench)",
            key_hash=api_key_hash(key),
            prefix=key[:SHOWN_PREFIX_LENGTH],
            per_minute=KEY_PER_MINUTE,
        )
        session.add(row)
        session.flush()
        key_id = row.id
    try:
        yield key
    finally:
        with transaction(store_url) as session:
            revoked = session.get(ApiKey, key_id)
            if revoked is not None:
                revoked.revoked_at = dt.datetime.now(dt.UTC)


@contextmanager
def serving_api_process(settings: Settings, log: Path) -> Iterator[str]:
    """``passerelles api serve`` in its own process (the load generator keeps its own GIL), once ready."""
    port = free_port()
    environment = {
        **os.environ,
        "PASSERELLES_DATA_DIR": str(settings.data_dir),
        "PASSERELLES_DATABASE_URL": settings.store_url,
        # One process: the key's counter in memory, never a Redis shared with another running API.
        "PASSERELLES_RATE_LIMIT_STORAGE_URL": "memory://",
        "HF_HUB_OFFLINE": "1",
    }
    base = f"http://127.0.0.1:{port}"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [str(PROJECT_ROOT / ".venv" / "bin" / "passerelles"), "api", "serve", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_ready(base, server, log)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the API stopped (exit code {server.returncode}), see {log}")
        try:
            if httpx.get(f"{base}/api/v1/ready", timeout=5).status_code == httpx.codes.OK:
                return
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(1)
    raise RuntimeError(f"the API at {base} was not ready after {READY_TIMEOUT_S} s, see {log}")


async def load(client: httpx.AsyncClient, paths: list[str], clients: int) -> Load:
    """``paths`` sent by ``clients`` workers, each waiting for its answer before its next request."""
    result = Load()
    pending = iter(paths)

    async def worker() -> None:
        for path in pending:  # one shared iterator: each path is sent once
            if result.failed:
                return
            start = time.perf_counter()
            try:
                answer = await client.get(path)
            except httpx.HTTPError as error:
                result.errors[type(error).__name__] += 1
                continue
            if answer.status_code == httpx.codes.OK:
                result.samples_ms.append((time.perf_counter() - start) * 1000)
            else:
                result.errors[f"HTTP {answer.status_code}"] += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    result.seconds = time.perf_counter() - start
    return result


async def measure(base: str, key: str, bridges: list[str], offers: list[str]) -> None:
    connections = httpx.Limits(
        max_connections=CONCURRENT_CLIENTS, max_keepalive_connections=CONCURRENT_CLIENTS
    )
    async with httpx.AsyncClient(
        base_url=base, headers={"X-API-Key": key}, limits=connections, timeout=REQUEST_TIMEOUT_S
    ) as client:
        for name, paths in (("bridges", bridges), ("offers", offers)):
            # Each batch its own requests: none answered from a cache the previous one filled. The warm-up
            # is sequential: the first requests of a fresh process are the slow ones.
            warmup, timed = paths[:WARMUP_REQUESTS], paths[WARMUP_REQUESTS : WARMUP_REQUESTS + REQUESTS]
            single = paths[WARMUP_REQUESTS + REQUESTS :]
            await load(client, warmup, 1)
            for clients, batch in ((CONCURRENT_CLIENTS, timed), (1, single)):
                result = await load(client, batch, clients)
                load_1m, load_5m, _ = os.getloadavg()
                print(
                    f"{name:<8}{clients:>3} client(s) : {result.summary()} ; "
                    f"charge {load_1m:.1f} (1 min) {load_5m:.1f} (5 min)"
                )


def run() -> None:
    cores = os.cpu_count() or 1
    section(
        f"API sur la boucle locale ({CONCURRENT_CLIENTS} clients simultanés puis 1 ; le générateur de charge "
        f"partage les {cores} cœurs avec le serveur)"
    )
    settings = get_settings()
    migrate(settings.store_url)
    bridges, offers = request_mix(WARMUP_REQUESTS + REQUESTS + SINGLE_CLIENT_REQUESTS, SEED)
    start = time.perf_counter()
    with (
        partner_key(settings.store_url) as key,
        serving_api_process(settings, settings.data_dir / "logs" / "bench-api.log") as base,
    ):
        print(f"API prête (moteur chargé) en {time.perf_counter() - start:.0f} s")
        asyncio.run(measure(base, key, bridges, offers))
