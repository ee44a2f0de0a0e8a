"""The SQL that linking writes and looks up: its index (signatures, LSH buckets, duplicate pairs)
and the reference series that figure groups are held against.

The link code reaches these tables only through here (index building and loading a series) and
through ``query`` (reading them for the views), so that each statement is written once.
Functions that take a Connection run inside the caller's transaction: linking one article is
one transaction, whatever it reads and writes on the way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from fogofwar.errors import StoreError
from fogofwar.store import Store, schema
from fogofwar.store.db import LINK_LOCK, db_problem


def pending_ids(store: Store) -> list[str]:
    """Stored articles with no signature yet, oldest first."""
    a, s = schema.articles, schema.link_signatures
    query = (
        select(a.c.id)
        .select_from(a.outerjoin(s, s.c.article_id == a.c.id))
        .where(s.c.article_id.is_(None))
        .order_by(a.c.published.asc().nulls_last(), a.c.id)
    )
    try:
        with store.engine.connect() as conn:
            return list(conn.execute(query).scalars())
    except SQLAlchemyError as exc:
        raise StoreError(
            f"{store.display_url}: cannot read what is to be linked ({db_problem(exc)})"
        ) from None


def articles_to_link(store: Store, ids: Sequence[str]) -> list[Any]:
    """(id, title, text, outlet, published) of these articles, in no particular order."""
    a = schema.articles
    query = select(a.c.id, a.c.title, a.c.text, a.c.outlet, a.c.published).where(a.c.id.in_(ids))
    try:
        with store.engine.connect() as conn:
            return list(conn.execute(query))
    except SQLAlchemyError as exc:
        raise StoreError(f"{ids[0] if ids else store.display_url}: not linked ({db_problem(exc)})") from None


def link_article(store: Store, article_id: str, link: Callable[[Connection], None]) -> bool:
    """Run `link`, which writes one article's links, unless the article is linked already; whether
    it ran. One transaction that holds the store's write lock from its first statement (see
    Store.write_transaction): the check and the writes cannot be split by another process linking
    the same article. A database failure is one StoreError line naming the article.
    """
    try:
        with store.write_transaction(LINK_LOCK) as conn:
            if is_linked(conn, article_id):
                return False  # another process linked it meanwhile
            link(conn)
            return True
    except IntegrityError:
        # Only a writer that takes no lock (an older fogofwar) gets here: if it linked this
        # article, its links stand and this process has nothing to add.
        if _linked_now(store, article_id):
            return False
        raise StoreError(f"{article_id}: not linked (a conflicting link is stored)") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"{article_id}: not linked ({db_problem(exc)})") from None


def _linked_now(store: Store, article_id: str) -> bool:
    try:
        with store.engine.connect() as conn:
            return is_linked(conn, article_id)
    except SQLAlchemyError:
        return False


def is_linked(conn: Connection, article_id: str) -> bool:
    s = schema.link_signatures
    return conn.execute(select(s.c.article_id).where(s.c.article_id == article_id)).first() is not None


def bucket_candidates(conn: Connection, keys: list[str], exclude: str, limit: int) -> list[str]:
    """Articles sharing a bucket with these keys, those sharing the most first, at most `limit`."""
    b = schema.link_buckets
    shared = func.count().label("shared")
    rows = conn.execute(
        select(b.c.article_id, shared)
        .where(b.c.key.in_(keys), b.c.article_id != exclude)
        .group_by(b.c.article_id)
        .order_by(shared.desc(), b.c.article_id)
        .limit(limit)
    )
    return [r.article_id for r in rows]


def story_bucket_keys(conn: Connection, article_id: str) -> list[str]:
    """The story buckets (keys starting with "s") an article is in."""
    b = schema.link_buckets
    return list(
        conn.execute(select(b.c.key).where(b.c.article_id == article_id, b.c.key.like("s%"))).scalars()
    )


def signatures(conn: Connection, ids: list[str]) -> dict[str, Any]:
    """Article id -> (article_id, minhash, embedding, story_id, outlet, published)."""
    s, a = schema.link_signatures, schema.articles
    if not ids:
        return {}
    rows = conn.execute(
        select(s.c.article_id, s.c.minhash, s.c.embedding, s.c.story_id, a.c.outlet, a.c.published)
        .join(a, a.c.id == s.c.article_id)
        .where(s.c.article_id.in_(ids))
    )
    return {r.article_id: r for r in rows}


def story_members(conn: Connection, story_id: str, limit: int) -> list[Any]:
    """(article_id, embedding, published) of a story's newest `limit` articles."""
    s, a = schema.link_signatures, schema.articles
    return list(
        conn.execute(
            select(s.c.article_id, s.c.embedding, a.c.published)
            .join(a, a.c.id == s.c.article_id)
            .where(s.c.story_id == story_id)
            .order_by(a.c.published.desc().nulls_last(), a.c.id.desc())
            .limit(limit)
        ).all()
    )


def add_duplicate(conn: Connection, a: str, b: str, kind: str, score: float) -> None:
    conn.execute(schema.duplicates.insert().values(a=a, b=b, kind=kind, score=score))


def add_signature(
    conn: Connection, article_id: str, minhash: bytes, embedding: bytes, story_id: str, keys: list[str]
) -> None:
    """An article's signatures, its story and the buckets it is found in."""
    conn.execute(
        schema.link_signatures.insert().values(
            article_id=article_id, minhash=minhash, embedding=embedding, story_id=story_id
        )
    )
    conn.execute(schema.link_buckets.insert(), [{"key": k, "article_id": article_id} for k in keys])


def replace_reference_series(
    store: Store, name: str, header: dict[str, Any], rows: list[dict[str, Any]]
) -> None:
    """Store a reference series under `name`, replacing one of that name, in one transaction."""
    rs, rv = schema.reference_series, schema.reference_values
    with store.engine.begin() as conn:
        conn.execute(delete(rs).where(rs.c.name == name))
        conn.execute(delete(rv).where(rv.c.series == name))
        conn.execute(rs.insert().values(name=name, loaded_at=datetime.now(UTC), **header))
        for i in range(0, len(rows), 5000):
            conn.execute(rv.insert(), [{"series": name, **r} for r in rows[i : i + 5000]])
