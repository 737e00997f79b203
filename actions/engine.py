"""The engine, loaded once per action-server process on first use, and asked with time limits.

Loading reads the store and the indexes (seconds to a minute); questions are CPU work run in threads so
that the action server keeps answering other conversations meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from retrieval.engine import Engine

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: The first question waits this long for the engine to load; later ones find it loaded.
LOAD_SECONDS = 180.0
#: One question (a job search, bridges with offers and trainings) takes well under a second.
CALL_SECONDS = 20.0

_loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine-load")
_workers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="engine")
_lock = threading.Lock()
_engine: Future[Engine] | None = None


class EngineUnavailable(RuntimeError):
    """The engine could not answer in time or failed; the person gets an apology, operators the cause."""


def _load() -> Engine:
    engine = Engine.open()
    engine.warm()
    return engine


def start_loading() -> Future[Engine]:
    """The engine being loaded (or loaded); a failed load is tried again on the next question."""
    global _engine
    with _lock:
        if _engine is None or (_engine.done() and _engine.exception() is not None):
            _engine = _loader.submit(_load)
        return _engine


def use_engine(engine: Engine) -> None:
    """Answer with this engine from now on (tests and benchmarks that already opened one)."""
    global _engine
    engine.warm()
    with _lock:
        _engine = Future()
        _engine.set_result(engine)


async def ask_engine(question: Callable[[Engine], T]) -> T:
    """The answer to ``question(engine)``, or EngineUnavailable after the time limits."""
    try:
        engine = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(start_loading())), LOAD_SECONDS)
        loop = asyncio.get_running_loop()
        return await asyncio.wait_for(loop.run_in_executor(_workers, question, engine), CALL_SECONDS)
    except Exception as error:
        logger.exception("the engine did not answer: %s", error)
        raise EngineUnavailable(str(error) or type(error).__name__) from error
