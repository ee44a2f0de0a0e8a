"""Where records are kept: SQLite by default, PostgreSQL through the same code."""

from fogofwar.store.db import DEFAULT_DB, Store, resolve_url

__all__ = ["DEFAULT_DB", "Store", "resolve_url"]
