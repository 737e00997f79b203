"""Importers of real open data (ROME, ESCO, job offers, LHEO, RNCP, postal codes, INSEE communes).

Each import runs in one transaction and is recorded in ``ImportRun``; a bad input stops it with an
``ImportFailure`` and leaves the store exactly as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from retrieval.importers.common import ImportReport, Job
from retrieval.importers.errors import ImportFailure
from retrieval.importers.esco import import_esco
from retrieval.importers.insee import import_insee
from retrieval.importers.laposte import import_laposte
from retrieval.importers.lheo import import_lheo
from retrieval.importers.offers import import_offers
from retrieval.importers.rncp import import_rncp
from retrieval.importers.rome3 import import_rome3
from retrieval.importers.rome4 import import_rome4
from retrieval.store import transaction
from retrieval.store.models import ImportRun

__all__ = ["KINDS", "ImportFailure", "ImportReport", "run_import"]

IMPORTERS: dict[str, Callable[[Job, Path], None]] = {
    "rome4": import_rome4,
    "rome3": import_rome3,
    "esco": import_esco,
    "offers": import_offers,
    "lheo": import_lheo,
    "rncp": import_rncp,
    "laposte": import_laposte,
    "insee": import_insee,
}
KINDS: tuple[str, ...] = tuple(IMPORTERS)


def run_import(kind: str, path: Path, url: str, *, progress: bool = True) -> ImportReport:
    """Import ``path`` (a file or a folder, depending on ``kind``) into the store at ``url``."""
    if kind not in IMPORTERS:
        raise ValueError(f"unknown import kind {kind!r} (expected one of {', '.join(KINDS)})")
    if not path.exists():
        raise ImportFailure(path, "fichier ou dossier introuvable")
    started = time.perf_counter()
    # Progress goes to stderr, which leaves stdout to the report.
    bars = Progress(console=Console(stderr=True), transient=True) if progress else nullcontext()
    with bars as bar, transaction(url) as session:
        job = Job(session, bar)
        IMPORTERS[kind](job, path)
        session.add(
            ImportRun(
                kind=kind,
                path=str(path.resolve()),
                content_hash=job.content_hash,
                counts=job.counts,
                skipped=job.skipped,
            )
        )
    return ImportReport(kind, job.counts, job.skipped, time.perf_counter() - started)
