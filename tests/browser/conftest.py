"""The widget in a real browser: Chromium from the system, the assistant, the API serving the demo page.

Run with PASSERELLES_RASA_PORT and PASSERELLES_ACTION_PORT set when another assistant already uses the
default ports. Started once per session: Rasa takes about 90 s to load.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from bench.widget import BUNDLE, CHROMIUM, launch_chromium, serving_api, warm_up, widget_settings
from retrieval.settings import PROJECT_ROOT
from runtime.services import AssistantUrls

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
#: Violations that fail the check; minor and moderate ones are printed only.
BLOCKING_IMPACTS = ("serious", "critical")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    with playwright_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A new visitor: a fresh context, so nothing kept by an earlier test."""
    context = browser.new_context(locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def demo_url(api_port: int, assistant: AssistantUrls) -> Iterator[str]:
    """The demo page served by the API, the assistant (tests/conftest.py) running behind it."""
    if not BUNDLE.is_file():
        pytest.skip(f"{BUNDLE} not built (npm run build in web/)")
    with serving_api(widget_settings(api_port), api_port) as api:
        warm_up(assistant.webhook)
        yield f"{api}/demo/"


@pytest.fixture
def axe() -> Callable[[Page], None]:
    """Checks the page with axe-core (WCAG 2.1 A and AA); fails on serious or critical violations."""
    if not AXE.is_file():
        pytest.skip(f"{AXE} not found (npm install in web/)")

    def check(page: Page) -> None:
        page.add_script_tag(path=str(AXE))
        results: dict[str, Any] = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
        )
        violations = results["violations"]
        for violation in violations:
            targets = [node["target"] for node in violation["nodes"]]
            print(
                f"axe {violation['impact']}: {violation['id']} ({violation['help']}) on {json.dumps(targets)}"
            )
        blocking = [v["id"] for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"serious or critical accessibility violations: {blocking}"

    return check
