"""Read-side queries over the store, shared by the CLI, the API and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import distinct, func, select

from fogofwar.model import PART_TYPES, Article, Cite, Record
from fogofwar.store import Store, schema
from fogofwar.store.db import chunks
from fogofwar.store.rows import unflatten


@dataclass
class ArticleRow:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    cites: list[str]
    chars: int


def list_articles(
    store: Store, *, outlet: str | None = None, since: str | None = None, limit: int | None = None
) -> list[ArticleRow]:
    """Stored articles, newest first; `outlet` matches case-insensitively, `since` is YYYY-MM-DD."""
    a = schema.articles
    query = select(a.c.id, a.c.title, a.c.outlet, a.c.published, func.length(a.c.text))
    if outlet:
        query = query.where(func.lower(a.c.outlet) == outlet.lower())
    if since:
        query = query.where(a.c.published >= date.fromisoformat(since))
    query = query.order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        cites: dict[str, list[str]] = {}
        c = schema.cites
        for chunk in chunks([r[0] for r in rows]):
            for article_id, name in conn.execute(
                select(c.c.article_id, c.c.name).where(c.c.article_id.in_(chunk)).order_by(c.c.idx)
            ):
                if name not in cites.setdefault(article_id, []):
                    cites[article_id].append(name)
    return [
        ArticleRow(r[0], r[1], r[2], r[3].isoformat() if r[3] else None, cites.get(r[0], []), r[4])
        for r in rows
    ]


def get_record(store: Store, article_id: str) -> Record | None:
    """The stored record of one article, as `fogofwar extract` would print it.

    An id that was stored as a copy of another article's text gives that article's record.
    """
    a, aliases = schema.articles, schema.article_aliases
    with store.engine.connect() as conn:
        row = conn.execute(select(a).where(a.c.id == article_id)).mappings().first()
        if row is None:  # an id whose text arrived first under another id
            original = conn.execute(select(aliases.c.article_id).where(aliases.c.id == article_id)).scalar()
            row = conn.execute(select(a).where(a.c.id == original)).mappings().first() if original else None
        if row is None:
            return None
        article_id = row["id"]
        cite_rows = (
            conn.execute(
                select(schema.cites)
                .where(schema.cites.c.article_id == article_id)
                .order_by(schema.cites.c.idx)
            )
            .mappings()
            .all()
        )
        article = Article(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            outlet=row["outlet"],
            published=row["published"].isoformat() if row["published"] else None,
            url=row["url"],
            language=row["language"],
            cites=list(dict.fromkeys(c["name"] for c in cite_rows)),
            source=row["source"],
        )
        record = Record(
            article=article,
            cite_mentions=[
                Cite(c["name"], c["char_start"], c["char_end"], c["cue"] or "")
                for c in cite_rows
                if c["char_start"] is not None
            ],
        )
        for part, table in schema.PART_TABLES.items():
            rows = conn.execute(select(table).where(table.c.article_id == article_id).order_by(table.c.idx))
            setattr(record, part, [unflatten(PART_TYPES[part], dict(r)) for r in rows.mappings()])
    return record


def summary(store: Store) -> dict[str, int]:
    """Counts of what the store holds: articles, outlets, cited sources, and each record part."""
    a, c = schema.articles, schema.cites
    with store.engine.connect() as conn:
        counts = {
            "articles": conn.execute(select(func.count()).select_from(a)).scalar_one(),
            "outlets": conn.execute(select(func.count(distinct(a.c.outlet)))).scalar_one(),
            "cited sources": conn.execute(select(func.count(distinct(c.c.name)))).scalar_one(),
            "copies (same text, other id)": conn.execute(
                select(func.count()).select_from(schema.article_aliases)
            ).scalar_one(),
        }
        for part, table in schema.PART_TABLES.items():
            counts[part] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        e = schema.entities
        for label, n in conn.execute(select(e.c.label, func.count()).group_by(e.c.label).order_by(e.c.label)):
            counts[f"entities:{label}"] = n
    return counts


__all__ = ["ArticleRow", "get_record", "links", "list_articles", "sources", "summary"]


def links(store: Store, *, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """The ``fogofwar.links/1`` object for the stored articles (published within since..until)."""
    from fogofwar.link.build import links as build_links  # the link package reads records through this module

    return build_links(store, since, until)


def sources(store: Store) -> list[dict[str, Any]]:
    """Each outlet's and speaker's track record: forecasts and how their figures compare."""
    from fogofwar.link.sources import track_record

    a = schema.articles
    with store.engine.connect() as conn:
        outlets = dict(conn.execute(select(a.c.id, a.c.outlet)).all())
        for alias_id, article_id, outlet in conn.execute(
            select(
                schema.article_aliases.c.id,
                schema.article_aliases.c.article_id,
                schema.article_aliases.c.outlet,
            )
        ):
            outlets[alias_id] = outlet or outlets.get(article_id)
    return track_record(links(store), outlets)
