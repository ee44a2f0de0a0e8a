"""The Store: opens (and migrates) a database, saves one record per transaction.

Ingest guarantees live here: an article is identified by its content hash, so the same text
is stored once however often it is ingested; each article is written in one transaction, so
a failure part-way through leaves nothing of it behind; callers ask `stored_hashes` first and
skip the NLP work for what is already stored, which makes re-running a batch a resume.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Table, create_engine, event, inspect, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from fogofwar.errors import FogofwarError, StoreError
from fogofwar.model import SCHEMA, Article, Record
from fogofwar.store import schema
from fogofwar.store.rows import flatten

DEFAULT_DB = "sqlite:///fogofwar.db"
T = TypeVar("T")


class DuplicateIdError(FogofwarError):
    """Another article with this id, but different text, is already stored."""


def resolve_url(db: str | None) -> str:
    """--db / FOGOFWAR_DB / the default; a bare path means an SQLite file."""
    url = db or os.environ.get("FOGOFWAR_DB") or DEFAULT_DB
    if "://" not in url:
        return f"sqlite:///{url}"
    # psycopg (3) is the driver we ship; SQLAlchemy's bare postgresql:// means psycopg2.
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def chunks(values: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """Pieces of a long IN (...) list: SQLite caps the number of bound parameters per statement."""
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _article_row(article: Article) -> dict[str, Any]:
    """What an article and an alias of it both record about the article as it arrived."""
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": date.fromisoformat(article.published) if article.published else None,
        "url": article.url,
        "source": article.source,
        "ingested_at": datetime.now(UTC),
    }


def db_problem(exc: SQLAlchemyError) -> str:
    """The database's own one-line words for a failure, with plain words for the common ones."""
    orig = getattr(exc, "orig", None)
    lines = str(orig if orig is not None else exc).strip().splitlines()
    message = lines[0] if lines else ""
    lowered = message.lower()
    if "readonly database" in lowered or "read-only" in lowered:
        return "the database is read-only"
    if "file is not a database" in lowered:
        return "not an SQLite database"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# INSERT ... ON CONFLICT DO NOTHING RETURNING, which both databases have (SQLite since 3.35):
# the database decides which of two racing writers stores an article, and the loser reads
# what is there. RETURNING says whether the row went in (psycopg reports no rowcount here).
_DIALECTS = ("sqlite", "postgresql")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers (show, the API) keep working while an ingest writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store:
    def __init__(self, db: str | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_url(db)
        try:
            url = make_url(self.url)
            self.engine: Engine = create_engine(url)
        except (ArgumentError, NoSuchModuleError, ValueError) as exc:
            raise FogofwarError(f"{self.url}: not a usable database URL ({exc})") from None
        if self.engine.dialect.name not in _DIALECTS:
            raise FogofwarError(f"{self.display_url}: only SQLite and PostgreSQL databases are supported")
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def revisions(self) -> tuple[str | None, str]:
        """(the database's Alembic revision, None when it has none; the newest one shipped)."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("fogofwar.store").joinpath("migrations")))
        head = ScriptDirectory.from_config(cfg).get_current_head() or ""
        try:
            with self.engine.connect() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
        except SQLAlchemyError as exc:
            raise FogofwarError(f"{self.display_url}: cannot open the database ({exc})") from None
        return current, head

    def migrate(self) -> None:
        """Bring the schema to the newest migration (a no-op when it is there already).

        A database that is not fogofwar's (other tables, no Alembic revision) or that a newer
        fogofwar migrated (a revision this one does not know) is refused before Alembic
        writes anything: Alembic's first step would be to create its version table in it.
        """
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("fogofwar.store").joinpath("migrations")))
        known = {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}
        try:
            with self.engine.begin() as connection:
                self._refuse_foreign(connection, known)
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot open the database ({db_problem(exc)})") from None

    def _refuse_foreign(self, connection: Any, known: set[str]) -> None:
        tables = set(inspect(connection).get_table_names())
        if not tables:
            return  # a new, empty database: ours to set up
        if "alembic_version" not in tables:
            shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(
                f"{self.display_url}: not a fogofwar database (it holds other tables: {shown}); "
                "nothing was changed"
            )
        revisions = set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
        unknown = sorted(revisions - known)
        if unknown:
            raise StoreError(
                f"{self.display_url}: schema revision {', '.join(unknown)} is not one this fogofwar "
                f"knows (written by a newer fogofwar, or by another application); nothing was changed"
            )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        found: set[str] = set()
        column = schema.articles.c.content_hash
        try:
            with self.engine.connect() as conn:
                for chunk in chunks(list(set(hashes))):
                    found.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot read the store ({db_problem(exc)})") from None
        return found

    def _insert_new(self, table: Table) -> sqlite.Insert | postgresql.Insert:
        if self.engine.dialect.name == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        return sqlite.insert(table).on_conflict_do_nothing()

    def save(self, record: Record) -> bool:
        """Store one record atomically; False when its text is stored already (see remember_copy).

        The article row goes in first, as INSERT ... ON CONFLICT DO NOTHING: the database, not
        a check made earlier, decides whether it is new, so two runs storing the same text at
        once cannot both pass a check and then collide. Being a write, it also takes SQLite's
        write lock at the start of the transaction, so what is read after it is current.
        """
        article = record.article
        try:
            with self.engine.begin() as conn:
                a = schema.articles
                row = {
                    **_article_row(article),
                    "content_hash": article.hash,
                    "language": article.language,
                    "text": article.text,
                    "schema": SCHEMA,
                }
                if conn.execute(self._insert_new(a).values(**row).returning(a.c.id)).first() is None:
                    original = conn.execute(select(a.c.id).where(a.c.content_hash == article.hash)).scalar()
                    if original is None:  # the conflict is on the id: another text holds it
                        raise DuplicateIdError(
                            f"{article.source or article.id}: id {article.id!r} is stored already "
                            "with different text (a revised article needs its own id)"
                        )
                    self._remember_copy(conn, article, original)
                    return False
                self._save_parts(conn, record)
        except SQLAlchemyError as exc:
            raise StoreError(f"{article.source or article.id}: not stored ({db_problem(exc)})") from None
        return True

    def _save_parts(self, conn: Any, record: Record) -> None:
        article = record.article
        mentioned = {c.name for c in record.cite_mentions}
        cite_rows = [
            {"name": c.name, "cue": c.cue, "char_start": c.start, "char_end": c.end}
            for c in record.cite_mentions
        ]
        cite_rows += [
            {"name": n, "cue": None, "char_start": None, "char_end": None}
            for n in article.cites
            if n not in mentioned
        ]
        self._insert(conn, schema.cites, article.id, cite_rows)
        for part, table in schema.PART_TABLES.items():
            self._insert(conn, table, article.id, [flatten(item) for item in record.part(part)])

    def remember_copy(self, article: Article) -> bool:
        """Note that `article`, whose text is stored under another id, arrived under its own id.

        True when a new alias was recorded; False when the id is the stored one, is known
        already, or when no article with this text is stored.
        """
        a = schema.articles
        try:
            with self.engine.connect() as conn:
                original = conn.execute(select(a.c.id).where(a.c.content_hash == article.hash)).scalar()
            if original is None or original == article.id:
                return False
            with self.engine.begin() as conn:
                return self._remember_copy(conn, article, original)
        except SQLAlchemyError as exc:
            where = article.source or article.id
            raise StoreError(f"{where}: copy of a stored article not noted ({db_problem(exc)})") from None

    def _remember_copy(self, conn: Any, article: Article, original: str) -> bool:
        """Insert the alias first (a write: see save), then undo it if the id is an article's own."""
        a, aliases = schema.articles, schema.article_aliases
        if original == article.id:
            return False
        insert = self._insert_new(aliases).values(**_article_row(article), article_id=original)
        if conn.execute(insert.returning(aliases.c.id)).first() is None:
            return False  # known already
        if conn.execute(select(a.c.id).where(a.c.id == article.id)).first():
            conn.execute(aliases.delete().where(aliases.c.id == article.id))
            return False  # another article's own id: not an alias
        return True

    @staticmethod
    def _insert(conn: Any, table: Any, article_id: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(
                table.insert(), [{"article_id": article_id, "idx": i, **row} for i, row in enumerate(rows)]
            )


__all__ = ["DEFAULT_DB", "DuplicateIdError", "Store", "StoreError", "resolve_url"]
