"""The chat widget as a visitor meets it: bundle size, and time to the assistant's first message in Chromium.

Also the helpers the browser tests share: Chromium started from the system (never downloaded), and the
API served by uvicorn in a thread on a free port.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from bench.common import percentiles, section
from retrieval.settings import PROJECT_ROOT, Settings, get_settings
from retrieval.store import migrate
from runtime.dialogue import RestPerson, texts
from runtime.services import running_assistant

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    *("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"),
    *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
]
BUNDLE = PROJECT_ROOT / "web" / "widget" / "dist" / "widget.js"
#: Fresh visitors timed, each in a new browser context (empty storage, new conversation).
VISITORS = 5
#: The API loads its engine in about a minute, more on a busy machine.
API_READY_SECONDS = 600
#: The first answer waits for Rasa and the action server; the first one of all loads the engine.
FIRST_MESSAGE_MS = 240_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextmanager
def serving_api(settings: Settings, port: int) -> Iterator[str]:
    """``api.main.create_app(settings)`` served by uvicorn in a thread; yields its base URL once ready.

    The store is migrated and the demo branches seeded first, as ``passerelles api serve`` does.
    """
    import uvicorn

    from api.branches import seed_branches
    from api.main import create_app

    migrate(settings.store_url)
    seed_branches(settings.store_url)
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="api", daemon=True)
    thread.start()
    deadline = time.monotonic() + API_READY_SECONDS
    # Ready means the engine is loaded too: until then, guidance and people routes answer 503.
    while not (server.started and httpx.get(f"http://127.0.0.1:{port}/api/v1/ready").is_success):
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the API on port {port} was not ready within {API_READY_SECONDS} s")
        time.sleep(0.5)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def warm_up(webhook: str) -> None:
    """Asks the assistant about a job until it answers: the first question waits for the action server to
    load the engine, and on a busy machine may outlast its response timeout and go unanswered."""
    person = RestPerson(webhook)
    for text in ("/greet", "non", "1"):
        person.say(text)
    for _ in range(3):
        if texts(person.say("cariste")).strip():
            return
    raise RuntimeError(f"the assistant at {webhook} never answered a job question")


def widget_settings(api_port: int) -> Settings:
    """These settings, with Rasa accepting the widget's requests from the API's page (REST fallback)."""
    return get_settings().model_copy(update={"rasa_cors_origins": [f"http://127.0.0.1:{api_port}"]})


def open_and_accept(page: Page) -> None:
    """What a visitor does first: open the widget, accept the consent banner."""
    page.get_by_role("button", name="Parler à l'assistant").click()
    page.get_by_role("button", name="Accepter").click()


def first_message_ms(browser: Browser, demo_url: str) -> tuple[float, float]:
    """Milliseconds from the page's start to the launcher, and from "Accepter" to the first bot message."""
    context = browser.new_context()
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(demo_url)
        page.get_by_role("button", name="Parler à l'assistant").wait_for()
        launcher = (time.perf_counter() - start) * 1000
        page.get_by_role("button", name="Parler à l'assistant").click()
        accept = page.get_by_role("button", name="Accepter")
        start = time.perf_counter()
        accept.click()
        page.locator(".bubble.bot").first.wait_for(timeout=FIRST_MESSAGE_MS)
        return launcher, (time.perf_counter() - start) * 1000
    finally:
        context.close()


def run() -> None:
    section("Widget (bundle, Chromium)")
    if not BUNDLE.is_file():
        print(f"ignoré : {BUNDLE} absent (construisez-le avec « npm run build » dans web/)")
        return
    raw = BUNDLE.read_bytes()
    print(f"widget.js : {len(raw) / 1024:.1f} Ko, {len(gzip.compress(raw, 9)) / 1024:.1f} Ko gzip")
    if not CHROMIUM.is_file():
        print(f"temps jusqu'au premier message : ignoré, {CHROMIUM} absent")
        return
    from playwright.sync_api import sync_playwright

    port = free_port()
    settings = widget_settings(port)
    with running_assistant(settings) as assistant, serving_api(settings, port) as api:
        warm_up(assistant.webhook)
        playwright = sync_playwright().start()
        browser = launch_chromium(playwright)
        timings = [first_message_ms(browser, f"{api}/demo/") for _ in range(VISITORS)]
        browser.close()
        playwright.stop()
    print(f"page jusqu'au bouton du widget : {percentiles([t[0] for t in timings])}")
    print(f"« Accepter » jusqu'au premier message de l'assistant : {percentiles([t[1] for t in timings])}")
