"""What every importer shares: the job it works in (store session, hashed inputs, progress), its report."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rich.progress import Progress
from sqlalchemy.orm import Session

from retrieval.importers.csvfile import CsvRow, read_csv

Item = TypeVar("Item")


@dataclass(frozen=True)
class ImportReport:
    kind: str
    counts: dict[str, int]
    skipped: list[str]
    seconds: float

    def summary(self) -> str:
        """In French: how long it took, what was imported, then one line per thing skipped."""
        counted = ", ".join(f"{name} : {number(count)}" for name, count in self.counts.items())
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        lines = [f"Import « {self.kind} » terminé en {seconds} s ({counted or 'rien'})."]
        lines += [f"Ignoré : {note}" for note in self.skipped]
        return "\n".join(lines)


def number(count: int) -> str:
    """1584 → "1 584" (French thousands separator)."""
    return f"{count:,}".replace(",", "\u202f")


@dataclass
class Job:
    """One import at work: the store session, what was counted and skipped, a hash of every input read."""

    session: Session
    progress: Progress | None = None
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    _inputs: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """The sha256 of every input read, by name and content."""
        return hashlib.sha256("\n".join(self._inputs).encode()).hexdigest()

    def read(self, path: Path) -> bytes:
        data = path.read_bytes()
        self._inputs.append(f"{path.name} {hashlib.sha256(data).hexdigest()}")
        return data

    def rows(self, path: Path, *, required: Sequence[str], delimiter: str = ",") -> Iterator[CsvRow]:
        data = self.read(path)
        rows = read_csv(path, data, required=required, delimiter=delimiter)
        return self.track(rows, f"Lecture de {path.name}", total=data.count(b"\n"))

    def track(self, items: Iterable[Item], description: str, *, total: int) -> Iterator[Item]:
        if self.progress is None:
            yield from items
            return
        task = self.progress.add_task(description, total=total)
        for item in items:
            yield item
            self.progress.advance(task)
        self.progress.update(task, completed=total)

    @contextmanager
    def step(self, description: str) -> Iterator[None]:
        """A step whose length is unknown (writing to the store): shown while it runs."""
        if self.progress is None:
            yield
            return
        task = self.progress.add_task(description, total=None)
        yield
        self.progress.update(task, total=1, completed=1)

    def skip_rows(self, count: int, what: str) -> None:
        """Note skipped rows, only when there are some (``what`` follows the number)."""
        if count:
            self.skipped.append(f"{number(count)} {what}")
