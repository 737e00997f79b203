"""The counsellor console served by the API of the browser tests, and the demo counsellor's account."""

from __future__ import annotations

import pytest

from api.cli import DEMO_EMAIL, DEMO_PASSWORD, ensure_demo_account
from retrieval.settings import get_settings


@pytest.fixture(scope="session")
def demo_counsellor() -> tuple[str, str]:
    """The demo counsellor's email and password (created as ``passerelles api serve`` does in development)."""
    ensure_demo_account(get_settings().store_url)
    return DEMO_EMAIL, DEMO_PASSWORD


@pytest.fixture(scope="session")
def api_url(demo_url: str) -> str:
    """The API started with the assistant for the widget's tests (one assistant per test session)."""
    return demo_url.removesuffix("/demo/")
