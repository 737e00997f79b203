"""The counsellor console in Chromium, with the real assistant behind the API: a guided session from start
to fiche, and the observatory."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx
import pypdfium2 as pdfium
import pytest

from retrieval.profiles import erase_person, load_profile
from retrieval.settings import get_settings
from runtime.dialogue import ANSWER_SECONDS, LINE_OPERATOR, RestPerson, texts
from tests.browser.console_fixtures import api_url, demo_counsellor

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["api_url", "demo_counsellor"]  # fixtures, imported for pytest

pytestmark = [pytest.mark.browser, pytest.mark.assistant, pytest.mark.encoder]

#: The line operator's answers, with the questions as the assistant words them for a counsellor.
COUNSELLED: dict[str, str] = {
    **{question: answer for question, answer in LINE_OPERATOR.items() if isinstance(answer, str)},
    "Lequel de ces métiers": "1",
    "Quel parcours pour cette session": "1",
    "Quel est le métier actuel": "elle est conductrice de ligne dans une usine de biscuits",
    "Depuis combien d'années": "8 ans",
    "Que sait faire la personne": "elle règle les machines, elle fait les changements de format",
    "Dans quelle commune habite la personne": "Beauvais",
}
RESULTS = "Que voulez-vous voir maintenant ?"
#: Only a counsellor is asked this (a person is asked "Que voulez-vous faire ?").
COUNSELLOR_QUESTION = "Quel parcours pour cette session ?"


class Session:
    """The guided session page as a counsellor uses it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.said = page.locator(".chat .bubble.bot")
        self.bridges = page.locator("#bridges li.bridge")

    def say(self, text: str) -> str:
        """Types a message and returns the assistant's answer once the profile beside it is refreshed."""
        count = self.said.count()
        field = self.page.get_by_label("Votre message à l'assistant")
        field.fill(text)
        field.press("Enter")
        send = self.page.get_by_role("button", name="Envoyer")
        deadline = time.monotonic() + ANSWER_SECONDS
        while self.said.count() == count or send.is_disabled():
            assert time.monotonic() < deadline, f"no answer to {text!r}"
            self.page.wait_for_timeout(200)
        return "\n".join(self.said.nth(i).inner_text() for i in range(count, self.said.count()))

    def codes(self) -> list[str]:
        return [str(code) for code in self.bridges.evaluate_all("items => items.map(i => i.dataset.code)")]

    def offers_nearby(self) -> list[str]:
        return self.bridges.locator("p.muted").filter(has_text="à proximité").all_inner_texts()


def sign_in(page: Page, console: str, account: tuple[str, str]) -> None:
    page.goto(console)
    assert page.get_by_role("navigation", name="Navigation principale").is_hidden()
    page.get_by_label("Adresse e-mail").fill(account[0])
    page.get_by_label("Mot de passe").fill(account[1])
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Personnes suivies").wait_for()


def test_a_guided_session_from_the_first_words_to_the_fiche(
    page: Page, api_url: str, demo_counsellor: tuple[str, str], axe: Callable[[Page], None]
) -> None:
    page.context.set_default_timeout(60_000)
    page.goto(f"{api_url}/console/")
    axe(page)
    sign_in(page, f"{api_url}/console/", demo_counsellor)
    page.get_by_role("option", name="Plasturgie").wait_for(state="attached")
    axe(page)

    # Without the person's consent, no session starts.
    consent = page.get_by_label("La personne accepte que ses réponses soient gardées")
    page.get_by_role("button", name="Nouvelle séance guidée").click()
    assert consent.evaluate("box => box.validity.valueMissing")
    consent.check()
    page.get_by_label("Branche", exact=True).select_option("plasturgie")
    page.get_by_role("button", name="Nouvelle séance guidée").click()
    page.wait_for_url(re.compile(r"#/personne/c-[0-9a-f]{32}$"))
    page.get_by_role("heading", name="Séance guidée", exact=True).wait_for()
    ref = page.url.rsplit("/", 1)[-1]

    session = Session(page)
    job = page.locator("#profile-title + p")
    assert job.inner_text() == "Métier : non renseigné"
    answer = session.say("bonjour")
    for _ in range(20):
        if RESULTS in answer:
            break
        question = next((start for start in COUNSELLED if start in answer), None)
        assert question, f"unexpected question:\n{answer}"
        answer = session.say(COUNSELLED[question])
    assert RESULTS in answer
    # The profile beside the chat filled in (the assistant keeps each accepted answer).
    assert job.inner_text() == "Métier : Conduite d'équipement de production alimentaire"
    assert page.get_by_role("list", name="Compétences").get_by_role("listitem").count() >= 2
    assert page.get_by_label("Commune").input_value() == "Beauvais (60)"
    assert session.bridges.count() == 5
    axe(page)

    stored = load_profile(get_settings().store_url, ref)
    assert stored is not None and stored.occupation_code == "H2102" and stored.branch == "plasturgie"

    # What if she learned what the second bridge lacks? That bridge needs nothing more: it moves up.
    before = session.codes()
    second = session.bridges.nth(1)
    lacking = second.locator("p", has_text="À apprendre").inner_text().removeprefix("À apprendre : ")
    page.get_by_label("Ajouter une compétence").select_option(label=lacking.split(" ; ")[0])
    page.get_by_role("button", name="Recalculer").click()
    page.get_by_text("Essai en cours : avec").wait_for()
    page.wait_for_function(f"() => document.querySelector('#bridges li').dataset.code !== {before[0]!r}")
    assert session.codes()[0] == before[1]
    # And further away (the radius moved with the keyboard): other offers within reach.
    offers = session.offers_nearby()
    page.locator("#radius").focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    page.get_by_text("à 60 km au plus").wait_for()
    assert session.offers_nearby() != offers
    # Nothing stored by a what-if.
    assert load_profile(get_settings().store_url, ref) == stored

    with page.expect_download() as started:
        page.get_by_role("button", name="Télécharger la fiche passerelle (PDF)").click()
    fiche = started.value
    assert fiche.suggested_filename.startswith("fiche-passerelle") and fiche.suggested_filename.endswith(
        ".pdf"
    )
    document = pdfium.PdfDocument(fiche.path().read_bytes())
    first = document[0]
    text = " ".join(first.get_textpage().get_text_range().split())
    assert "Fiche passerelle" in text
    bridge_titles = [" ".join(title.split()) for title in session.bridges.locator("h3").all_inner_texts()]
    assert any(title in text for title in bridge_titles)
    image = first.render(scale=1).to_pil().convert("L")
    assert image.getextrema()[0] < 100  # ink on the page
    assert sum(image.histogram()[:200]) > 0.01 * image.width * image.height

    page.get_by_role("link", name="Observatoire").click()
    page.get_by_role("heading", name="Observatoire").wait_for()
    page.get_by_text("Chiffres anonymes").wait_for()
    axe(page)

    assert erase_person(get_settings().store_url, ref)


def test_a_turn_sent_through_the_api_reaches_the_assistant_as_the_counsellor(
    api_url: str, demo_counsellor: tuple[str, str]
) -> None:
    with httpx.Client(base_url=f"{api_url}/api/v1", timeout=ANSWER_SECONDS) as api:
        signed_in = api.post(
            "/auth/token", data={"username": demo_counsellor[0], "password": demo_counsellor[1]}
        )
        api.headers["Authorization"] = f"Bearer {signed_in.json()['access_token']}"
        ref = api.post("/people", json={"branch": "plasturgie", "consent": True}).json()["ref"]

        def say(text: str) -> str:
            answer = api.post(f"/people/{ref}/messages", json={"text": text})
            assert answer.status_code == 200, answer.text
            return texts(answer.json()["messages"])

        # The person's consent was given in the console: the session starts with the parcours.
        assert COUNSELLOR_QUESTION in say("bonjour")
        assert api.delete(f"/people/{ref}").status_code == 204

    # Said straight to Rasa, "role: counsellor" without the API's signature is a person.
    rasa = f"http://127.0.0.1:{get_settings().rasa_port}/webhooks/rest/webhook"
    impostor = RestPerson(rasa)
    impostor.metadata = {"role": "counsellor"}
    impostor.say("bonjour")
    asked = texts(impostor.say("oui"))
    assert COUNSELLOR_QUESTION not in asked and "Que voulez-vous faire ?" in asked
    impostor.say("effacer mes données")
