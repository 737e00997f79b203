"""Training offers in LHEO XML (2.2 ``http://www.lheo.org/2.2``, 2.3 ``http://lheo.gouv.fr/2.3``, any prefix).

Each formation → action → session becomes one ``TrainingSession``. Elements are matched by local name,
so the namespace (or its absence) does not matter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from sqlalchemy import select

from retrieval.importers.common import Job
from retrieval.importers.errors import ImportFailure
from retrieval.importers.places import locate
from retrieval.store.bulk import upsert
from retrieval.store.models import TrainingSession

SOURCE = "lheo"
ID_LENGTH = 120
#: LHEO dates are AAAAMMJJ; 00000000 / 99999999 mean unknown, a 00 day or month means "some time in".
LHEO_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class Document:
    """A parsed LHEO file whose elements remember the line they start on."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.lines: dict[int, int] = {}
        parser = expat.ParserCreate(namespace_separator=" ")
        builder = TreeBuilder()

        def start(tag: str, attributes: dict[str, str]) -> None:
            element = builder.start(_local(tag), {_local(k): v for k, v in attributes.items()})
            self.lines[id(element)] = parser.CurrentLineNumber

        parser.StartElementHandler = start
        parser.EndElementHandler = lambda tag: builder.end(_local(tag))
        parser.CharacterDataHandler = builder.data
        try:
            parser.Parse(data, True)
        except expat.ExpatError as error:
            raise ImportFailure(
                path, "XML illisible ou tronqué", line=error.lineno, cause=expat.errors.messages[error.code]
            ) from None
        self.root: Element = builder.close()

    def fail(self, element: Element, field: str, reason: str) -> ImportFailure:
        return ImportFailure(self.path, reason, line=self.lines.get(id(element)), field=field)


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def import_lheo(job: Job, path: Path) -> None:
    files = sorted(path.glob("*.xml")) if path.is_dir() else [path]
    if not files:
        raise ImportFailure(path, "aucun fichier .xml dans ce dossier")
    sessions: dict[str, dict[str, Any]] = {}
    for file in files:
        document = Document(file, job.read(file))
        if document.root.tag != "lheo":
            if path.is_dir():
                job.skipped.append(
                    f"{file.name} : pas une offre LHEO (élément racine « {document.root.tag} »)"
                )
                continue
            raise ImportFailure(
                file, f"élément racine « lheo » attendu, trouvé « {document.root.tag} »", line=1
            )
        formations = document.root.findall("offres/formation")
        for f, formation in enumerate(
            job.track(formations, f"Lecture de {file.name}", total=len(formations)), 1
        ):
            sessions.update((row["id"], row) for row in _sessions(document, formation, f))
    owners = {
        id_: owner for id_, owner in job.session.execute(select(TrainingSession.id, TrainingSession.source))
    }
    ours = [row for row in sessions.values() if owners.get(row["id"], SOURCE) == SOURCE]
    job.skip_rows(len(sessions) - len(ours), "sessions dont l'identifiant appartient à une autre source")
    filled, unplaced = locate(job.session, ours)
    upsert(job.session, TrainingSession, ours)
    job.counts["sessions de formation"] = len(ours)
    job.counts["sessions placées par leur commune"] = filled
    job.skip_rows(unplaced, "sessions sans coordonnées ni commune connue (restent sans position)")


def _sessions(document: Document, formation: Element, f: int) -> Iterator[dict[str, Any]]:
    """One row per session of each action; ids from the elements' ``numero`` (else their position)."""
    title = _text(formation, "intitule-formation")
    if not title:
        raise document.fail(formation, "intitule-formation", "intitulé de la formation manquant")
    certification = _certification(formation)
    organisation = _text(formation, "organisme-formation-responsable/nom-organisme") or _text(
        formation, "organisme-formation-responsable/raison-sociale"
    )
    for a, action in enumerate(formation.findall("action"), 1):
        address = action.find("lieu-de-formation/coordonnees/adresse")
        place = _place(document, address) if address is not None else {}
        for s, session in enumerate(action.findall("session"), 1):
            key = ":".join(
                element.get("numero") or str(position)
                for element, position in ((formation, f), (action, a), (session, s))
            )
            yield {
                "id": _identifier(f"lheo:{key}"),
                "title": title,
                "certification": certification,
                "blocs": [],
                "organisation": _text(action, "organisme-formateur/raison-sociale-formateur") or organisation,
                "commune": place.get("commune"),
                "place_label": place.get("label", ""),
                "latitude": place.get("latitude"),
                "longitude": place.get("longitude"),
                "start": _date(document, session, "periode/debut"),
                "end": _date(document, session, "periode/fin"),
                "hours": _hours(document, action),
                "places": _integer(document, action, "nb-places"),
                "funding": [],
                "demo": False,
                "source": SOURCE,
            }


def _identifier(key: str) -> str:
    return key if len(key) <= ID_LENGTH else "lheo:" + hashlib.sha256(key.encode()).hexdigest()


def _text(element: Element, path: str) -> str:
    return (element.findtext(path) or "").strip()


def _certification(formation: Element) -> str | None:
    """The first RNCP (else RS) code the formation prepares, as ``RNCP<n>`` / ``RS<n>``."""
    for prefix in ("RNCP", "RS"):
        for certification in formation.findall("certification"):
            code = _text(certification, f"code-{prefix}").upper().removeprefix(prefix)
            if code:
                return prefix + code
    return None


def _place(document: Document, address: Element) -> dict[str, Any]:
    town, postcode = _text(address, "ville"), _text(address, "codepostal")
    return {
        "commune": _text(address, "code-INSEE-commune") or None,
        "label": f"{town} ({postcode})" if town and postcode else town,
        "latitude": _number(document, address, "geolocalisation/latitude"),
        "longitude": _number(document, address, "geolocalisation/longitude"),
    }


def _number(document: Document, parent: Element, path: str) -> float | None:
    element = parent.find(path)
    value = (element.text or "").strip() if element is not None else ""
    if element is None or not value:
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise document.fail(element, path.rsplit("/", 1)[-1], f"nombre attendu, trouvé « {value} »") from None


def _integer(document: Document, parent: Element, path: str) -> int | None:
    number = _number(document, parent, path)
    return None if number is None else int(number)


def _hours(document: Document, action: Element) -> int | None:
    total = _integer(document, action, "nombre-heures-total")
    if total is not None:
        return total
    parts = [_integer(document, action, f"nombre-heures-{where}") for where in ("centre", "entreprise")]
    known = [hours for hours in parts if hours is not None]
    return sum(known) if known else None


def _date(document: Document, parent: Element, path: str) -> dt.date | None:
    element = parent.find(path)
    value = (element.text or "").strip() if element is not None else ""
    if element is None or not value or value in ("00000000", "99999999"):
        return None
    found = LHEO_DATE.match(value)
    try:
        if found is None:
            raise ValueError(value)
        year, month, day = (int(part) for part in found.groups())
        return dt.date(year, month or 1, day or 1)
    except ValueError:
        raise document.fail(
            element, path.rsplit("/", 1)[-1], f"date AAAAMMJJ attendue, trouvé « {value} »"
        ) from None
