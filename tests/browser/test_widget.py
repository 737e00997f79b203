"""The widget on the demo page, in Chromium, talking to the real assistant through the API's settings."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from retrieval.profiles import load_profile
from retrieval.settings import get_settings
from runtime.dialogue import ANSWER_SECONDS, LINE_OPERATOR, QUIET_SECONDS

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.assistant, pytest.mark.encoder]

VISITOR_KEY = "passerelles:plasturgie:visitor"
LAUNCHER = "Parler à l'assistant"
#: Questions answered with a quick reply (the part of its title to click); the others are typed.
CLICKED = {
    "Puis-je garder vos réponses": "Oui, vous pouvez les garder",
    "Que voulez-vous faire ?": "1. Découvrir des métiers",
    "Lequel de ces métiers": "alimentaire",
    "Jusqu'à quelle distance": "30 km",
    "Seriez-vous prêt(e)": "Oui, une formation courte",
}
RESULTS = "Que voulez-vous voir maintenant ?"


class Chat:
    """The widget as a person uses it; each action returns the text of the assistant's answer."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.log = page.locator("#passerelles-widget .log > *")
        self.answers = page.locator("#passerelles-widget .log > :not(.person)")

    def answer_after(self, count: int, answered: int = 0) -> str:
        """The log's text after its first ``count`` elements, once the assistant said more than
        ``answered`` things and then nothing for a while."""
        deadline = time.monotonic() + ANSWER_SECONDS
        while self.answers.count() <= answered:
            assert time.monotonic() < deadline, "no answer from the assistant"
            self.page.wait_for_timeout(200)
        while True:
            seen = self.log.count()
            self.page.wait_for_timeout(QUIET_SECONDS * 1000)
            if self.log.count() == seen:
                return "\n".join(self.log.nth(i).inner_text() for i in range(count, seen))

    def _answer_to(self, act: Callable[[], None]) -> str:
        count, answered = self.log.count(), self.answers.count()
        act()
        return self.answer_after(count, answered)

    def type(self, text: str) -> str:
        field = self.page.get_by_label("Votre message à l'assistant")
        field.fill(text)
        return self._answer_to(lambda: field.press("Enter"))

    def click(self, title_part: str) -> str:
        return self._answer_to(self.page.locator(".replies button", has_text=title_part).first.click)


def focused(page: Page) -> str:
    """The text of the element that has the keyboard focus, inside the widget's shadow root or not."""
    return str(
        page.evaluate(
            "() => { const a = document.activeElement;"
            " return ((a && a.shadowRoot ? a.shadowRoot.activeElement : a) || {}).textContent || ''; }"
        )
    )


def open_with_keyboard(page: Page) -> None:
    """Tabs through the page to the launcher, as a keyboard user does, and presses Enter."""
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page) == LAUNCHER:
            break
    assert focused(page) == LAUNCHER, "the launcher cannot be reached with Tab"
    page.keyboard.press("Enter")
    assert page.get_by_role("dialog").is_visible()


def interview(chat: Chat, latest: str) -> list[str]:
    """Parcours 1 with the line operator's answers: quick replies clicked, the rest typed."""
    asked: list[str] = []
    for _ in range(30):
        if RESULTS in latest:
            return asked
        question = next((start for start in LINE_OPERATOR if start in latest), None)
        assert question, f"unexpected question after {asked}:\n{latest}"
        asked.append(question)
        answer = LINE_OPERATOR[question]
        if question in CLICKED:
            latest = chat.click(CLICKED[question])
        else:
            assert isinstance(answer, str)
            latest = chat.type(answer)
    raise AssertionError(f"no results after {asked}")


def test_a_line_operator_finds_bridges_and_the_conversation_resumes_after_a_reload(
    page: Page, demo_url: str, axe: Callable[[Page], None]
) -> None:
    page.goto(demo_url)
    chat = Chat(page)
    open_with_keyboard(page)
    assert focused(page) == "Accepter"
    page.keyboard.press("Enter")
    asked = interview(chat, chat.answer_after(0))
    assert "Quel est votre métier" in asked and "Où habitez-vous ?" in asked

    bridges = page.locator(".cards.bridges article")
    assert bridges.count() == 5
    assert all("Code ROME" in text for text in bridges.all_inner_texts())
    assert page.locator(".cards.bridges .shared li").count() >= 3
    assert page.get_by_role("progressbar").count() >= 4
    axe(page)

    visitor = str(page.evaluate(f"localStorage.getItem('{VISITOR_KEY}')"))
    assert re.fullmatch(r"v-[0-9a-f]{32}", visitor)
    stored = load_profile(get_settings().store_url, visitor)
    assert stored is not None and stored.occupation_code == "H2102" and stored.branch == "plasturgie"

    page.reload()
    assert page.locator(".cards.bridges article").count() == 5  # drawn again before the panel opens
    page.get_by_role("button", name=LAUNCHER).click()
    assert page.evaluate(f"localStorage.getItem('{VISITOR_KEY}')") == visitor
    # The assistant remembers the person: offers near the place said before the reload.
    chat.type("je voudrais voir les offres près de chez moi")
    offers = page.locator(".cards.offers article").all_inner_texts()
    assert offers and all(re.search(r"\d+(,\d)? km", text) for text in offers)
    assert page.locator("#passerelles-widget").get_attribute("data-transport") == "socket.io"

    assert "effacées" in chat.type("effacer mes données")
    assert load_profile(get_settings().store_url, visitor) is None


def test_without_websockets_the_widget_talks_over_rest_and_refused_consent_keeps_nothing(
    page: Page, demo_url: str
) -> None:
    page.route_web_socket(re.compile(r"/socket\.io/"), lambda socket: socket.close())
    page.route(re.compile(r"/socket\.io/"), lambda route: route.abort())
    page.goto(demo_url)
    chat = Chat(page)
    page.get_by_role("button", name=LAUNCHER).click()
    page.get_by_role("button", name="Refuser").click()
    assert "Puis-je garder vos réponses" in chat.answer_after(0)
    assert page.locator("#passerelles-widget").get_attribute("data-transport") == "rest"
    assert "Que voulez-vous faire ?" in chat.click("Non, ne gardez rien")
    kept = page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('passerelles:'))")
    assert kept == []


def test_on_a_phone_the_panel_fills_the_screen_passes_axe_and_closes_with_escape(
    page: Page, demo_url: str, axe: Callable[[Page], None]
) -> None:
    page.set_viewport_size({"width": 375, "height": 700})
    page.emulate_media(reduced_motion="reduce")  # the panel then appears without sliding in
    page.goto(demo_url)
    open_with_keyboard(page)
    dialog = page.get_by_role("dialog")
    assert dialog.get_attribute("lang") == "fr"
    box = dialog.bounding_box()
    assert box is not None and [round(box[side]) for side in ("x", "y", "width", "height")] == [
        0,
        0,
        375,
        700,
    ]
    assert page.get_by_role("log").get_attribute("aria-live") == "polite"
    axe(page)
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert focused(page) == LAUNCHER
