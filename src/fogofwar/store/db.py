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
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from fogofwar.errors import FogofwarError
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
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def migrate(self) -> None:
        """Bring the schema to the newest migration (a no-op when it is there already)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("fogofwar.store").joinpath("migrations")))
        try:
            with self.engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
        except OperationalError as exc:
            raise FogofwarError(f"{self.display_url}: cannot open the database ({exc.orig})") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        found: set[str] = set()
        column = schema.articles.c.content_hash
        with self.engine.connect() as conn:
            for chunk in chunks(list(set(hashes))):
                found.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
        return found

    def save(self, record: Record) -> bool:
        """Store one record atomically; False when its text is stored already (see remember_copy)."""
        article = record.article
        with self.engine.begin() as conn:
            a = schema.articles
            original = conn.execute(select(a.c.id).where(a.c.content_hash == article.hash)).scalar()
            if original is not None:
                self._remember_copy(conn, article, original)
                return False
            if conn.execute(select(a.c.id).where(a.c.id == article.id)).first():
                raise DuplicateIdError(
                    f"{article.source or article.id}: id {article.id!r} is stored already "
                    "with different text (a revised article needs its own id)"
                )
            conn.execute(
                a.insert().values(
                    **_article_row(article),
                    content_hash=article.hash,
                    language=article.language,
                    text=article.text,
                    schema=SCHEMA,
                )
            )
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
                self._insert(conn, table, article.id, [flatten(item) for item in getattr(record, part)])
        return True

    def remember_copy(self, article: Article) -> bool:
        """Note that `article`, whose text is stored under another id, arrived under its own id.

        True when a new alias was recorded; False when the id is the stored one, is known
        already, or when no article with this text is stored.
        """
        with self.engine.begin() as conn:
            original = conn.execute(
                select(schema.articles.c.id).where(schema.articles.c.content_hash == article.hash)
            ).scalar()
            return original is not None and self._remember_copy(conn, article, original)

    @staticmethod
    def _remember_copy(conn: Any, article: Article, original: str) -> bool:
        a, aliases = schema.articles, schema.article_aliases
        if original == article.id:
            return False
        taken = (
            conn.execute(select(aliases.c.id).where(aliases.c.id == article.id)).first()
            or conn.execute(select(a.c.id).where(a.c.id == article.id)).first()
        )
        if taken:
            return False
        conn.execute(aliases.insert().values(**_article_row(article), article_id=original))
        return True

    @staticmethod
    def _insert(conn: Any, table: Any, article_id: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(
                table.insert(), [{"article_id": article_id, "idx": i, **row} for i, row in enumerate(rows)]
            )


__all__ = ["DEFAULT_DB", "DuplicateIdError", "Store", "resolve_url"]
