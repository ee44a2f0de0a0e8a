"""The SQL that linking writes and looks up: its index (signatures, LSH buckets, duplicate pairs)
and the reference series that figure groups are held against.

The link code reaches these tables only through here (index building and loading a series) and
through ``query`` (reading them for the views), so that each statement is written once.
Functions that take a Connection run inside the caller's transaction: linking one article is
one transaction, whatever it reads and writes on the way.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from fogofwar.errors import StoreError
from fogofwar.store import Store, schema
from fogofwar.store.db import LINK_LOCK, chunks, db_problem, upsertable_insert


@contextmanager
def store_errors(what: str) -> Iterator[None]:
    """A database failure inside is one StoreError line naming `what` (the link code imports no
    SQLAlchemy errors of its own)."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{what} ({db_problem(exc)})") from None


def pending_ids(store: Store) -> list[str]:
    """Stored articles with no signature yet, oldest first."""
    a, s = schema.articles, schema.link_signatures
    query = (
        select(a.c.id)
        .select_from(a.outerjoin(s, s.c.article_id == a.c.id))
        .where(s.c.article_id.is_(None))
        .order_by(a.c.published.asc().nulls_last(), a.c.id)
    )
    with (
        store_errors(f"{store.display_url}: cannot read what is to be linked"),
        store.engine.connect() as conn,
    ):
        return list(conn.execute(query).scalars())


def articles_to_link(store: Store, ids: Sequence[str]) -> list[Any]:
    """(id, title, text, outlet, published) of these articles, in no particular order."""
    a = schema.articles
    query = select(a.c.id, a.c.title, a.c.text, a.c.outlet, a.c.published).where(a.c.id.in_(ids))
    with store_errors(f"{ids[0] if ids else store.display_url}: not linked"), store.engine.connect() as conn:
        return list(conn.execute(query))


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
    return [article_id for article_id, _ in counted_candidates(conn, keys, exclude, limit)]


def counted_candidates(conn: Connection, keys: list[str], exclude: str, limit: int) -> list[tuple[str, int]]:
    """(article, buckets shared) of `bucket_candidates`, in its order."""
    b = schema.link_buckets
    shared = func.count().label("shared")
    rows = conn.execute(
        select(b.c.article_id, shared)
        .where(b.c.key.in_(keys), b.c.article_id != exclude)
        .group_by(b.c.article_id)
        .order_by(shared.desc(), b.c.article_id)
        .limit(limit)
    )
    return [(r.article_id, int(r.shared)) for r in rows]


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
        # Figure groups of running totals carry a reference member: every story is recomputed by
        # the next linking pass (`fogofwar links`, an ingest, `fogofwar relink`).
        mark_all_stories(conn)


# Links kept in the store (link/build.py): each story's items, recomputed when its generation
# moves past the one they were built at.

ITEM_KINDS = ("figure_groups", "contradictions", "forecasts")


ITEMS_MISSING = "items_missing"


def _upsert_generation(conn: Connection, story_ids: list[str]) -> None:
    t = schema.link_stories
    insert = upsertable_insert(conn.dialect.name, t).values(
        [{"story_id": s, "gen": 1, "built": None} for s in story_ids]
    )
    conn.execute(insert.on_conflict_do_update(index_elements=[t.c.story_id], set_={"gen": t.c.gen + 1}))


def mark_stories(conn: Connection, story_ids: Collection[str]) -> None:
    """Their items are out of date: the next linking pass computes them again."""
    ordered = sorted(set(story_ids))
    for chunk in chunks(ordered):
        _upsert_generation(conn, list(chunk))


def mark_all_stories(conn: Connection) -> None:
    """Every linked story's items are out of date (a reference series changed, or a relink)."""
    s = schema.link_signatures
    mark_stories(conn, list(conn.execute(select(s.c.story_id).distinct()).scalars()))


def stories_with_forecasts_near(conn: Connection, keys: list[str]) -> set[str]:
    """Stories holding a forecast whose evidence lookups an article in the buckets `keys` may
    enter: it shares at least the lookup's floor of them (counted over all of the forecast
    article's lookups at once, which can only count more: a story too many, never one too few)."""
    f, s = schema.link_forecast_keys, schema.link_signatures
    shared = func.count()
    rows = conn.execute(
        select(s.c.story_id)
        .join(f, f.c.article_id == s.c.article_id)
        .where(f.c.key.in_(keys))
        .group_by(f.c.article_id, s.c.story_id)
        .having(shared >= func.min(f.c.floor))
    )
    return set(rows.scalars())


def stale_stories(store: Store) -> list[tuple[str, int]]:
    """(story, generation) of the stories whose stored items are older than their generation."""
    t = schema.link_stories
    query = select(t.c.story_id, t.c.gen).where(or_(t.c.built.is_(None), t.c.built < t.c.gen))
    with (
        store_errors(f"{store.display_url}: cannot read which stories to link"),
        store.engine.connect() as conn,
    ):
        rows = conn.execute(query.order_by(t.c.story_id)).all()
    return [(r.story_id, r.gen) for r in rows]


def story_article_ids(conn: Connection, story_id: str) -> list[str]:
    """A story's stored articles, oldest first (as ``query.linked_articles`` orders them)."""
    a, s = schema.articles, schema.link_signatures
    return list(
        conn.execute(
            select(a.c.id)
            .join(s, s.c.article_id == a.c.id)
            .where(s.c.story_id == story_id)
            .order_by(a.c.published.asc().nulls_last(), a.c.id)
        ).scalars()
    )


def copies_among(conn: Connection, ids: Sequence[str]) -> set[str]:
    """Those of `ids` that are a near or syndicated copy of an earlier article."""
    d = schema.duplicates
    found: set[str] = set()
    for chunk in chunks(ids):
        found.update(conn.execute(select(d.c.b).where(d.c.b.in_(chunk)).distinct()).scalars())
    return found


def save_story_items(
    conn: Connection,
    story_id: str,
    gen: int,
    items: dict[str, list[Any]],
    forecast_keys: dict[str, dict[str, int]],
    members: list[str],
) -> None:
    """Replace a story's items and its forecasts' evidence keys; its items are now of `gen`."""
    i, f, t = schema.link_items, schema.link_forecast_keys, schema.link_stories
    conn.execute(delete(i).where(i.c.story_id == story_id))
    rows = [
        {"story_id": story_id, "kind": kind, "idx": n, "data": item}
        for kind in ITEM_KINDS
        for n, item in enumerate(items.get(kind, []))
    ]
    for chunk in chunks(rows):
        conn.execute(i.insert(), list(chunk))
    for ids in chunks(members):
        conn.execute(delete(f).where(f.c.article_id.in_(ids)))
    keys = [
        {"key": k, "article_id": a, "floor": floor}
        for a, found in sorted(forecast_keys.items())
        for k, floor in sorted(found.items())
    ]
    for chunk in chunks(keys):
        conn.execute(f.insert(), list(chunk))
    conn.execute(t.update().where(t.c.story_id == story_id).values(built=gen))


def story_generation(conn: Connection, story_id: str) -> int | None:
    t = schema.link_stories
    gen: int | None = conn.execute(select(t.c.gen).where(t.c.story_id == story_id)).scalar()
    return gen


def stored_items(store: Store, story_ids: Collection[str] | None = None) -> dict[str, dict[str, list[Any]]]:
    """Story -> kind -> its stored items in order; of every story, or of `story_ids`."""
    i = schema.link_items
    out: dict[str, dict[str, list[Any]]] = {}
    query = select(i.c.story_id, i.c.kind, i.c.data).order_by(i.c.story_id, i.c.kind, i.c.idx)
    with store_errors(f"{store.display_url}: cannot read the stored links"), store.engine.connect() as conn:
        if story_ids is None:
            rows = list(conn.execute(query))
        else:
            rows = []
            for chunk in chunks(sorted(set(story_ids))):
                rows += conn.execute(query.where(i.c.story_id.in_(chunk))).all()
    for row in rows:
        out.setdefault(row.story_id, {}).setdefault(row.kind, []).append(row.data)
    return out


def stories_of(store: Store, article_ids: Collection[str]) -> set[str]:
    """The stories of these articles (an exact copy's id: its original's story)."""
    s, al = schema.link_signatures, schema.article_aliases
    found: set[str] = set()
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(set(article_ids))):
            found.update(conn.execute(select(s.c.story_id).where(s.c.article_id.in_(chunk))).scalars())
            found.update(
                conn.execute(
                    select(s.c.story_id).join(al, al.c.article_id == s.c.article_id).where(al.c.id.in_(chunk))
                ).scalars()
            )
    return found


def items_missing(store: Store) -> str | None:
    """Why the stored items are not there yet (a store linked by an older fogofwar), else None."""
    t = schema.link_state
    with store_errors(f"{store.display_url}: cannot read the stored links"), store.engine.connect() as conn:
        value: str | None = conn.execute(select(t.c.value).where(t.c.name == ITEMS_MISSING)).scalar()
    return value


def reset_items(store: Store, *, vectors: bool) -> None:
    """Before a relink: no stored item is current any more (and, with `vectors`, no embedding)."""
    with store.write_transaction(LINK_LOCK) as conn:
        conn.execute(delete(schema.link_state).where(schema.link_state.c.name == ITEMS_MISSING))
        if vectors:
            conn.execute(delete(schema.text_vectors))
        mark_all_stories(conn)


def text_vectors(store: Store, hashes: Sequence[str]) -> dict[str, bytes]:
    """Stored embeddings of texts, by the hash of the text."""
    t = schema.text_vectors
    found: dict[str, bytes] = {}
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(set(hashes))):
            for key, vector in conn.execute(select(t.c.hash, t.c.vector).where(t.c.hash.in_(chunk))):
                found[key] = bytes(vector)
    return found


def add_text_vectors(store: Store, vectors: dict[str, bytes]) -> None:
    """Keep these embeddings; one already kept (by another process, say) stays as it is."""
    t = schema.text_vectors
    rows = [{"hash": h, "vector": v} for h, v in sorted(vectors.items())]
    with store.engine.begin() as conn:
        for chunk in chunks(rows):
            insert = upsertable_insert(conn.dialect.name, t)
            conn.execute(insert.values(list(chunk)).on_conflict_do_nothing())
