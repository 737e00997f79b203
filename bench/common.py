"""Small measuring tools shared by the benchmarks."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms (n={len(ordered)})"


def timed(call: Callable[[T], object], inputs: Iterable[T], warmup: int = 3) -> list[float]:
    """Milliseconds per call, after a few warm-up calls."""
    inputs = list(inputs)
    for item in inputs[:warmup]:
        call(item)
    samples = []
    for item in inputs:
        start = time.perf_counter()
        call(item)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def section(title: str) -> None:
    print(f"\n== {title}")
