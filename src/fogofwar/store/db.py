"""The Store: opens (and migrates) a database, saves one record per transaction.

Ingest guarantees live here: an article is identified by its content hash, so the same text
is stored once however often it is ingested; each article is written in one transaction, so
a failure part-way through leaves nothing of it behind; callers ask `stored_hashes` first and
skip the NLP work for what is already stored, which makes re-running a batch a resume.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from fogofwar.errors import FogofwarError, StoreError
from fogofwar.model import SCHEMA, Article, Record
from fogofwar.store import schema
from fogofwar.store.rows import flatten
from fogofwar.store.schema import HEAD_REVISION

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
    if "malformed" in lowered:
        return f"the file is damaged ({message})"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# INSERT ... ON CONFLICT DO NOTHING RETURNING, which both databases have (SQLite since 3.35):
# the database decides which of two racing writers stores an article, and the loser reads
# what is there. RETURNING says whether the row went in (psycopg reports no rowcount here).
_DIALECTS = ("sqlite", "postgresql")
NO_STORE = "there is no fogofwar store here yet (make one with `fogofwar ingest PATH` or `fogofwar demo`)"
# PostgreSQL advisory locks (pg_advisory_xact_lock) that serialise, across processes, what SQLite
# serialises with BEGIN IMMEDIATE: migrating a store, and linking (see write_transaction).
MIGRATION_LOCK = 0x666F6701
LINK_LOCK = 0x666F6702


class NoStoreError(StoreError):
    """A read found no store where it looked; nothing was created there."""


@dataclass(frozen=True)
class SchemaState:
    """What a database holds, as read before anything is written to it."""

    tables: frozenset[str]
    revisions: frozenset[str]

    @property
    def empty(self) -> bool:
        return not self.tables

    @property
    def at_head(self) -> bool:
        return self.revisions == {HEAD_REVISION}

    @property
    def missing_tables(self) -> list[str]:
        """The store's tables that are not there (a store at the newest revision has them all)."""
        return sorted(set(schema.metadata.tables) - self.tables) if self.at_head else []

    @property
    def ready(self) -> bool:
        return self.at_head and not self.missing_tables

    def refusal(self) -> str | None:
        """Why this database is not ours to open or migrate; None when it is (or is empty)."""
        if self.empty:
            return None
        if "alembic_version" not in self.tables:
            shown = ", ".join(sorted(self.tables)[:5]) + (", ..." if len(self.tables) > 5 else "")
            return f"not a fogofwar database (it holds other tables: {shown}); nothing was changed"
        unknown = sorted(self.revisions - set(schema.REVISIONS))
        if unknown:
            return (
                f"schema revision {', '.join(unknown)} is not one this fogofwar knows (written by a "
                "newer fogofwar, or by another application); nothing was changed"
            )
        return None


def _schema_state(connection: Connection) -> SchemaState:
    tables = frozenset(inspect(connection).get_table_names())
    revisions: frozenset[str] = frozenset()
    if "alembic_version" in tables:
        revisions = frozenset(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
    return SchemaState(tables, revisions)


def _on_read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Per connection, and nothing that writes: the journal mode (WAL) is the file's own, set by
    # _use_wal once the database is known to be ours, never on another application's file.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def upsertable_insert(dialect: str, table: Table) -> sqlite.Insert | postgresql.Insert:
    """An INSERT of `dialect` (an engine's or a connection's dialect name) that takes ON CONFLICT."""
    return postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)


class Store:
    """A fogofwar store. `create=False` (read commands) opens only a store that exists: where
    there is none it raises NoStoreError and creates nothing, no file, no table."""

    def __init__(self, db: str | None = None, *, migrate: bool = True, create: bool = True) -> None:
        self.url = resolve_url(db)
        self.read_only = False  # an SQLite file on a read-only file system
        self._sqlite_file: Path | None = None  # an SQLite store's file, when the URL names one
        url = self._engine_url(create)
        try:
            self.engine: Engine = create_engine(url)
        except (ArgumentError, NoSuchModuleError, ValueError) as exc:
            raise StoreError(f"{self.url}: not a usable database URL ({exc})") from None
        except ImportError as exc:  # a dialect we support, with a driver that is not installed
            raise StoreError(
                f"{self.display_url}: the database driver is not installed ({exc.name})"
            ) from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate(create=create)

    def _engine_url(self, create: bool) -> URL:
        """The URL to open, checked before any connection is made (a connection creates files)."""
        try:
            url = make_url(self.url)
        except (ArgumentError, ValueError) as exc:
            raise StoreError(f"{self.url}: not a usable database URL ({exc})") from None
        backend = url.get_backend_name()
        if backend not in _DIALECTS:
            raise StoreError(
                f"{self.display_url}: not a usable database URL ({backend} is not supported: "
                "fogofwar stores its records in SQLite and PostgreSQL databases)"
            )
        if backend != "sqlite" or url.database in (None, "", ":memory:") or url.database.startswith("file:"):
            return url  # a server, memory, or an SQLite URI its writer spelled out: opened as given
        path = self._sqlite_file = Path(url.database)
        if not path.exists():
            if not create:
                raise NoStoreError(f"{self.display_url}: {NO_STORE}")
            return url
        if _on_read_only_mount(path):
            # A WAL database needs its -shm file to be read, which a read-only file system cannot
            # hold: opened immutable (no locks, no -shm), which is safe where nothing can write.
            self.read_only = True
            uri = f"file:{quote(str(path.resolve()))}"
            return URL.create("sqlite", database=uri, query={"mode": "ro", "immutable": "1", "uri": "true"})
        return url

    @property
    def display_url(self) -> str:
        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except (ArgumentError, ValueError):
            return self.url

    def schema_state(self) -> SchemaState:
        """What the database holds now (tables, revision), read without writing anything."""
        try:
            with self.engine.connect() as connection:
                return _schema_state(connection)
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot read the database ({db_problem(exc)})") from None

    def migrate(self, *, create: bool = True) -> None:
        """Bring the schema to the newest migration; cheap when it is there already.

        What the database holds is read first, writing nothing: a database that is not
        fogofwar's (other tables, no Alembic revision) or that a newer fogofwar migrated (a
        revision this one does not know) is refused untouched, and one at the newest revision
        needs no Alembic at all. Setting a store up runs under a lock (see _setup_lock and
        write_transaction), so that processes opening a new store at once set it up once.
        """
        try:
            with self.engine.connect() as connection:
                state = _schema_state(connection)
            if state.empty and not create:
                raise NoStoreError(f"{self.display_url}: {NO_STORE}")
            self._refuse(state)
            if state.at_head and (self.read_only or self._in_wal()):
                return  # the common case: no lock, no Alembic
            if self.read_only:
                raise StoreError(
                    f"{self.display_url}: made by an older fogofwar and on a read-only file system: "
                    "open it once where it can be written, to migrate it"
                )
            with self._setup_lock():
                self._upgrade()
                self._use_wal()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot open the database ({db_problem(exc)})") from None

    def _refuse(self, state: SchemaState) -> None:
        problem = state.refusal()
        if problem:
            raise StoreError(f"{self.display_url}: {problem}")

    def _upgrade(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("fogofwar.store").joinpath("migrations")))
        with self.write_transaction(MIGRATION_LOCK) as connection:
            state = _schema_state(connection)  # again, under the lock: another process may have
            self._refuse(state)
            if not state.at_head:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")

    def _in_wal(self) -> bool:
        if self.engine.dialect.name != "sqlite":
            return True  # nothing to switch
        with self.engine.connect() as connection:
            return connection.exec_driver_sql("PRAGMA journal_mode").scalar() in ("wal", "memory")

    def _use_wal(self) -> None:
        """WAL, so that readers (show, the API) keep working while an ingest writes."""
        if not self._in_wal():
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")

    @contextmanager
    def _setup_lock(self) -> Iterator[None]:
        """Held while a store is set up: one process at a time migrates it and switches it to WAL.

        An SQLite file is locked with flock(2), which SQLite's own (fcntl) locks do not see:
        the switch to WAL cannot run inside a transaction, so BEGIN IMMEDIATE cannot cover it,
        and two processes switching at once could fail with "database is locked". PostgreSQL
        needs nothing here: the migration's advisory lock covers it (see write_transaction).
        """
        if self._sqlite_file is None:
            yield
            return
        fd = os.open(self._sqlite_file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock

    @contextmanager
    def write_transaction(self, lock: int) -> Iterator[Connection]:
        """A transaction that holds the write lock from its first statement, committed at the end.

        What it reads is then current until it commits, so a check and the write that depends on
        it cannot be split by another process. SQLite: BEGIN IMMEDIATE takes the database's one
        write lock (others wait, busy_timeout); PostgreSQL: the advisory lock `lock`, held until
        the transaction ends, serialises the transactions that take it.
        """
        with self.engine.connect() as connection:
            if self.engine.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock})
            yield connection
            connection.commit()

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
        return upsertable_insert(self.engine.dialect.name, table).on_conflict_do_nothing()

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
                    "parts_ran": article.parts_ran,
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


__all__ = [
    "DEFAULT_DB",
    "DuplicateIdError",
    "NoStoreError",
    "SchemaState",
    "Store",
    "StoreError",
    "resolve_url",
]
