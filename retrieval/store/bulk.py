"""Portable bulk upserts (SQLite and PostgreSQL both speak ``INSERT … ON CONFLICT DO UPDATE``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session


def upsert(session: Session, model: type[DeclarativeBase], rows: Sequence[dict[str, Any]]) -> int:
    """Insert ``rows``, updating in place any row with the same primary key (children are kept).

    Every row must carry the same columns. Returns the number of rows written.
    """
    if not rows:
        return 0
    keys = [column.key for column in inspect(model).primary_key]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(model)
    updates = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    if updates:
        statement = statement.on_conflict_do_update(index_elements=keys, set_=updates)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    # One statement compiled once, executed for all rows (SQLAlchemy batches them into multi-row inserts).
    session.execute(statement, list(rows))
    return len(rows)
