import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from retrieval.importers import KINDS, ImportFailure, ImportReport, run_import
from retrieval.store import transaction
from retrieval.store.models import ImportRun
from tests.importers.helpers import FIXTURES


def test_every_kind_the_cli_offers() -> None:
    assert KINDS == ("rome4", "rome3", "esco", "offers", "lheo", "rncp", "laposte", "insee")


def test_an_import_is_recorded_with_the_hash_of_its_inputs(store_url: str) -> None:
    path = FIXTURES / "offers" / "offres_b.json"
    report = run_import("offers", path, store_url, progress=True)
    with transaction(store_url) as session:
        (recorded,) = session.scalars(select(ImportRun)).all()
        assert (recorded.kind, recorded.path, recorded.counts, recorded.skipped) == (
            "offers",
            str(path.resolve()),
            report.counts,
            report.skipped,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert recorded.content_hash == hashlib.sha256(f"offres_b.json {digest}".encode()).hexdigest()


def test_the_summary_says_in_french_what_was_imported_and_skipped() -> None:
    report = ImportReport("rome4", {"fiches": 1584, "appellations": 13120}, ["fichier absent : x.csv"], 12.34)
    assert report.summary() == (
        "Import « rome4 » terminé en 12,3 s (fiches : 1\u202f584, appellations : 13\u202f120).\n"
        "Ignoré : fichier absent : x.csv"
    )


def test_a_missing_path_is_refused_before_touching_the_store(store_url: str, tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="introuvable"):
        run_import("rome4", tmp_path / "absent", store_url, progress=False)
    with transaction(store_url) as session:
        assert session.scalars(select(ImportRun)).all() == []


def test_an_unknown_kind_is_a_programming_error(store_url: str) -> None:
    with pytest.raises(ValueError, match="unknown import kind"):
        run_import("rome5", FIXTURES, store_url, progress=False)
