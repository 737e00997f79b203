"""Portable bulk writes for large imports: one compiled statement executed for many rows (executemany).

Rows already there are updated by primary key and new ones inserted, never deleted and re-inserted, so that
what hangs on them (links written by other sources) stays.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.orm import DeclarativeBase, Session

Row = dict[str, Any]
#: Keys per ``IN (…)`` list: well under SQLite's limit on bound parameters.
CHUNK = 5000


def table_of(model: type[DeclarativeBase]) -> Table:
    return model.metadata.tables[model.__tablename__]


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(session: Session, model: type[DeclarativeBase], rows: Sequence[Row]) -> None:
    if rows:
        session.execute(table_of(model).insert(), list(rows))


def save_rows(session: Session, model: type[DeclarativeBase], rows: Sequence[Row]) -> None:
    """Update the rows already there (by primary key), insert the others. Rows share one set of columns."""
    keys = [column.name for column in table_of(model).primary_key]
    present = {tuple(row) for row in session.execute(select(*(table_of(model).c[key] for key in keys)))}
    old = [row for row in rows if tuple(row[key] for key in keys) in present]
    if old:
        session.execute(update(model), old)
    insert_rows(session, model, [row for row in rows if tuple(row[key] for key in keys) not in present])
