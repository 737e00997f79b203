"""The store: typed tables, sessions and migrations."""

from retrieval.store.session import connect, migrate, transaction

__all__ = ["connect", "migrate", "transaction"]
