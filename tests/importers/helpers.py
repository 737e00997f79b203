"""Shared by the importer tests: the synthetic fixtures, and a store's whole content to compare."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, select

from retrieval.importers import ImportReport, run_import
from retrieval.store import connect


def _materialise(source: Path) -> Path:
    """The fixtures as the importers expect them. Files named like the official open data are stored as
    ``name-with-dashes.csv.in`` (so that nothing in the repository looks like ../shared/data: their rows
    are made up) and written here under their real names."""
    target = Path(tempfile.mkdtemp(prefix="passerelles-fixtures-"))
    atexit.register(shutil.rmtree, target, True)
    for path in source.rglob("*"):
        if path.is_file():
            name = path.name.removesuffix(".in").replace("-", "_") if path.suffix == ".in" else path.name
            copy = target / path.relative_to(source).with_name(name)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    return target


FIXTURES = _materialise(Path(__file__).resolve().parent.parent / "fixtures")


def fixture_copy(name: str, tmp_path: Path) -> Path:
    """A copy of a fixture folder that a test may break or trim."""
    return Path(shutil.copytree(FIXTURES / name, tmp_path / name))


def run(kind: str, path: Path, url: str) -> ImportReport:
    return run_import(kind, path, url, progress=False)


def contents(url: str, *, runs: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted: job titles without their generated id, the log of imports if ``runs``."""
    engine = connect(url)
    metadata = MetaData()
    metadata.reflect(engine)
    tables = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name == "import_run" and not runs:
                continue
            columns = [c for c in table.columns if not (table.name == "job_title" and c.name == "id")]
            rows = connection.execute(select(*columns))
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return tables
