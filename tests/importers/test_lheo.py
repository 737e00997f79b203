import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from retrieval.importers import ImportFailure
from retrieval.store import transaction
from retrieval.store.models import Commune, TrainingSession
from tests.importers.helpers import FIXTURES, contents, fixture_copy, run

LHEO = FIXTURES / "lheo"


def sessions(url: str) -> dict[str, TrainingSession]:
    with transaction(url) as session:
        return {row.id: row for row in session.scalars(select(TrainingSession))}


def test_every_session_of_every_action_of_both_lheo_versions(store_url: str) -> None:
    with transaction(store_url) as session:
        session.add(Commune(insee="29019", name="Brest", departement="29", latitude=48.39, longitude=-4.49))
    report = run("lheo", LHEO, store_url)
    assert report.counts == {"sessions de formation": 4, "sessions placées par leur commune": 1}
    assert report.skipped == [
        "grammaire.xml : pas une offre LHEO (élément racine « definitions »)",
        "1 sessions sans coordonnées ni commune connue (restent sans position)",
    ]
    found = sessions(store_url)
    assert sorted(found) == [
        "lheo:F-001:A-1:S-1",
        "lheo:F-001:A-1:S-2",
        "lheo:F-001:A-2:1",
        "lheo:F-002:A-1:S-1",
    ]
    first = found["lheo:F-001:A-1:S-1"]
    assert (first.title, first.certification, first.organisation) == (
        "Titre d'essai de conducteur de ligne",
        "RNCP90001",
        "Organisme d'essai",
    )
    assert (first.commune, first.place_label, first.latitude, first.longitude) == (
        "29233",
        "QUIMPERLÉ (29300)",
        47.87,
        -3.55,
    )
    assert (first.start, first.end, first.hours, first.places) == (
        dt.date(2025, 9, 1),
        dt.date(2026, 6, 30),
        600,
        None,
    )
    assert (first.demo, first.source, first.blocs, first.funding) == (False, "lheo", [], [])
    month_only = found["lheo:F-001:A-1:S-2"]
    assert (month_only.start, month_only.end) == (dt.date(2025, 9, 1), None)
    brest = found["lheo:F-001:A-2:1"]
    assert (brest.organisation, brest.latitude, brest.longitude, brest.start) == (
        "Atelier d'essai",
        48.39,
        -4.49,
        None,
    )
    prefixed = found["lheo:F-002:A-1:S-1"]
    assert (prefixed.certification, prefixed.hours, prefixed.places, prefixed.commune) == (
        "RS90003",
        35,
        12,
        None,
    )


def test_reimporting_changes_nothing(store_url: str) -> None:
    run("lheo", LHEO, store_url)
    before = contents(store_url, runs=False)
    run("lheo", LHEO / "offre-22.xml", store_url)
    run("lheo", LHEO, store_url)
    assert contents(store_url, runs=False) == before


def test_a_file_that_is_not_lheo_is_refused(store_url: str) -> None:
    with pytest.raises(ImportFailure, match="« lheo » attendu"):
        run("lheo", LHEO / "grammaire.xml", store_url)


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("<debut>20250900</debut>", "<debut>2025-09-01</debut>", 27, "debut"),
        ("<latitude>47.87</latitude>", "<latitude>nord</latitude>", 22, "latitude"),
        ("</lheo>", "", 51, None),
    ],
)
def test_a_damaged_file_stops_the_import_and_leaves_the_store_as_it_was(
    store_url: str, tmp_path: Path, old: str, new: str, line: int, field: str | None
) -> None:
    run("lheo", LHEO, store_url)
    before = contents(store_url)
    folder = fixture_copy("lheo", tmp_path)
    path = folder / "offre-22.xml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        run("lheo", folder, store_url)
    assert (failure.value.file.name, failure.value.line, failure.value.field) == ("offre-22.xml", line, field)
    assert contents(store_url) == before
