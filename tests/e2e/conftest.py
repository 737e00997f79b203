"""The real assistant, started once for the end-to-end tests: Rasa with the cached model and the actions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runtime.services import AssistantUrls, running_assistant


@pytest.fixture(scope="session")
def assistant() -> Iterator[AssistantUrls]:
    with running_assistant() as urls:
        yield urls
