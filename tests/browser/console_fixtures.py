"""The counsellor console served by the API of the browser tests, and the demo counsellor's account."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.accounts import create_account
from api.cli import DEMO_EMAIL, DEMO_PASSWORD
from api.schemas.accounts import AccountCreate
from retrieval.settings import get_settings
from retrieval.store import transaction
from retrieval.store.models import Account


@pytest.fixture(scope="session")
def demo_counsellor() -> tuple[str, str]:
    """The demo counsellor's email and password (created as ``passerelles api serve`` does in development)."""
    with transaction(get_settings().store_url) as session:
        if session.scalars(select(Account.id).where(Account.email == DEMO_EMAIL)).first() is None:
            demo = AccountCreate(
                email=DEMO_EMAIL,
                full_name="Conseillère de démonstration",
                password=DEMO_PASSWORD,
                role="counsellor",
            )
            create_account(session, demo)
    return DEMO_EMAIL, DEMO_PASSWORD


@pytest.fixture(scope="session")
def api_url(demo_url: str) -> str:
    """The API started with the assistant for the widget's tests (one assistant per test session)."""
    return demo_url.removesuffix("/demo/")
