"""The French text of result messages, written from the same JSON the ``custom`` payloads carry.

Text-only channels (SMS, WhatsApp) read only this text, so it stands on its own; widgets draw cards
from the payload instead.
"""

from __future__ import annotations

from typing import Any

from retrieval.wishes import CONTRACT_WORDS

#: Competences named in a card, at most, for each list.
NAMED = 3


def _names(items: list[dict[str, Any]]) -> str:
    labels = [item["label"] for item in items[:NAMED]]
    more = len(items) - len(labels)
    return " ; ".join(labels) + (f" (et {more} autre{'s' if more > 1 else ''})" if more > 0 else "")


def band_words(band: str, hours: int) -> str:
    """ "passerelle courte, environ 120 h de formation" (the band as the engine names it)."""
    if hours == 0:
        return "passerelle directe, sans formation"
    return f"{band}, environ {hours} h de formation"


def bridge_card(number: int, proposal: dict[str, Any], *, detailed: bool) -> str:
    """One bridge: the job, why (shared competences), what is missing, courte/longue, offers nearby."""
    title = f"{number}. {proposal['title']}"
    if detailed:
        title += f" ({proposal['code_rome']}, score {proposal['score']:.2f})"
    hours = proposal["training_total_hours"] or proposal["training_hours"]
    lines = [f"{title} : {band_words(proposal['band'], hours)}"]
    if proposal["shared"]:
        lines.append(f"   Déjà acquis : {_names(proposal['shared'])}")
    missing = [m for m in proposal["missing"] if m["core"]]
    if missing:
        lines.append(f"   À apprendre : {_names(missing)}")
    if proposal["offers_nearby"]:
        count = proposal["offers_nearby"]
        lines.append(f"   {count} offre{'s' if count > 1 else ''} près de chez vous")
    return "\n".join(lines)


def offer_line(number: int, offer: dict[str, Any]) -> str:
    """One offer; demonstration offers say so in their company name already."""
    contract = CONTRACT_WORDS.get(offer["contract"], offer["contract"])
    distance = f"{offer['distance_km']:g}".replace(".", ",")
    return f"{number}. {offer['title']} : {contract}, {offer['company']}, {offer['place']} ({distance} km)"


def training_lines(steps: list[dict[str, Any]], funding: dict[str, str]) -> list[str]:
    lines = []
    for number, step in enumerate(steps, start=1):
        line = (
            f"{number}. {step['bloc_title']} : {step['hours']} h, "
            f"bloc du {step['kind']} « {step['certification_title']} »"
        )
        if step["sessions"]:
            session = step["sessions"][0]
            when = f" le {_french_date(session['start'])}" if session["start"] else ""
            line += f"\n   Prochaine session : {session['organisation']}, {session['place']}{when}"
        lines.append(line)
    names = sorted({funding.get(code, code) for step in steps for code in step["funding"]})
    if names:
        lines.append("Financements possibles : " + ", ".join(names) + ".")
    return lines


def _french_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
