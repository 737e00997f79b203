from sqlalchemy import inspect, select

from retrieval.store import connect, migrate, transaction
from retrieval.store.models import Base, Sector


def test_migrations_create_every_table(store_url: str) -> None:
    tables = set(inspect(connect(store_url)).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_migrate_twice_is_a_no_op(store_url: str) -> None:
    migrate(store_url)
    assert "alembic_version" in inspect(connect(store_url)).get_table_names()


def test_transaction_rolls_back_as_a_whole(store_url: str) -> None:
    try:
        with transaction(store_url) as session:
            session.add(Sector(code="plasturgie", name="Plasturgie"))
            session.flush()
            raise RuntimeError("interrupted import")
    except RuntimeError:
        pass
    with transaction(store_url) as session:
        assert session.scalars(select(Sector)).all() == []
