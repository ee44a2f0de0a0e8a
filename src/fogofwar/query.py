"""Read-side queries over the store, shared by the CLI, the API and reports."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, and_, cast, distinct, exists, func, or_, select

from fogofwar.model import Article, Cite, Record
from fogofwar.parts import PART_TYPES
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
    language: str | None = None


@dataclass(frozen=True)
class Filters:
    """Which articles a view, a route or an export is about; every field narrows the selection.

    The same filters select articles everywhere (list, map, timeline, figures, exports), so the
    views of the web UI stay in step: the map shows the places of the articles the timeline counts.
    """

    since: str | None = None  # YYYY-MM-DD, published on or after
    until: str | None = None  # YYYY-MM-DD, published on or before
    outlet: str | None = None  # case-insensitive
    q: str | None = None  # words in the title or text
    event_type: str | None = None  # the article reports an event of this type
    category: str | None = None  # the article gives a figure of this category (or a sub-category)
    language: str | None = None  # ISO 639-1 ("de"), case-insensitive


def _like_escape(value: str) -> str:
    # LIKE wildcards typed by a user are literal characters, not patterns.
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def category_matches(column: Any, category: str) -> ColumnElement[bool]:
    """A dotted category and everything below it: `personnel` matches `personnel.killed`."""
    return or_(column == category, column.like(_like_escape(category) + ".%", escape="\\"))


def article_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """The filters as conditions on the articles table (bound parameters only, never SQL text)."""
    # Aliases: a query over figures or events (figure_rows, event_rows) must not correlate
    # these subqueries with its own FROM.
    a, e, fig = schema.articles, schema.events.alias("filter_events"), schema.figures.alias("filter_figures")
    where: list[ColumnElement[bool]] = []
    if f.since:
        where.append(a.c.published >= date.fromisoformat(f.since))
    if f.until:
        where.append(a.c.published <= date.fromisoformat(f.until))
    if f.outlet:
        where.append(func.lower(a.c.outlet) == f.outlet.lower())
    if f.language:
        # Stored codes are lower case (fogofwar.language), so the index serves the lookup.
        where.append(a.c.language == f.language.strip().lower())
    if f.q:
        pattern = "%" + _like_escape(f.q.lower()) + "%"
        where.append(
            or_(
                func.lower(a.c.title).like(pattern, escape="\\"),
                func.lower(a.c.text).like(pattern, escape="\\"),
            )
        )
    if f.event_type:
        where.append(exists().where(e.c.article_id == a.c.id, e.c.type == f.event_type))
    if f.category:
        where.append(exists().where(fig.c.article_id == a.c.id, category_matches(fig.c.category, f.category)))
    return where


class BadCursor(ValueError):
    """A pagination cursor that this server did not hand out."""


def encode_cursor(*key: Any) -> str:
    """The position after the last row of a page, opaque to clients."""
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, types: tuple[type, ...]) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadCursor("cursor: not a cursor this server handed out") from None
    if (
        not isinstance(key, list)
        or len(key) != len(types)
        or not all(v is None or isinstance(v, t) for v, t in zip(key, types, strict=True))
    ):
        raise BadCursor("cursor: not a cursor this server handed out")
    return key


@dataclass
class Page:
    items: list[Any]
    next_cursor: str | None  # None on the last page


def list_articles(
    store: Store,
    *,
    outlet: str | None = None,
    since: str | None = None,
    limit: int | None = None,
    filters: Filters | None = None,
    language: str | None = None,
) -> list[ArticleRow]:
    """Stored articles, newest first; `outlet` matches case-insensitively, `since` is YYYY-MM-DD,
    `language` is ISO 639-1."""
    f = filters or Filters(since=since, outlet=outlet, language=language)
    return article_page(store, f, limit=limit).items


def article_page(store: Store, f: Filters, *, limit: int | None = None, cursor: str | None = None) -> Page:
    """One page of articles, newest first, by keyset: (published desc, nulls last; id).

    Keyset, not OFFSET, so that page 500 costs what page 1 costs and rows stored meanwhile
    neither repeat nor vanish between pages.
    """
    a = schema.articles
    # The text's length is taken for the page's rows only (below): in the sorted query it
    # would be computed, reading every article's text, for every row of the store.
    query = select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.language).where(*article_conditions(f))
    if cursor is not None:
        published, after_id = decode_cursor(cursor, (str, str))
        try:
            day = date.fromisoformat(published) if published is not None else None
        except ValueError:
            raise BadCursor("cursor: not a cursor this server handed out") from None
        if day is None:
            query = query.where(a.c.published.is_(None), a.c.id > after_id)
        else:
            query = query.where(
                or_(
                    a.c.published < day,
                    and_(a.c.published == day, a.c.id > after_id),
                    a.c.published.is_(None),
                )
            )
    query = query.order_by(a.c.published.desc().nulls_last(), a.c.id)
    if limit is not None:
        query = query.limit(limit + 1)  # one more: is there a next page?
    with store.engine.connect() as conn:
        rows = list(conn.execute(query).all())
        cites: dict[str, list[str]] = {}
        lengths: dict[str, int] = {}
        c = schema.cites
        for chunk in chunks([r[0] for r in rows]):
            for article_id, length in conn.execute(
                select(a.c.id, func.length(a.c.text)).where(a.c.id.in_(chunk))
            ):
                lengths[article_id] = length
            for article_id, name in conn.execute(
                select(c.c.article_id, c.c.name).where(c.c.article_id.in_(chunk)).order_by(c.c.idx)
            ):
                if name not in cites.setdefault(article_id, []):
                    cites[article_id].append(name)
    items = [
        ArticleRow(
            r[0], r[1], r[2], r[3].isoformat() if r[3] else None, cites.get(r[0], []), lengths[r[0]], r[4]
        )
        for r in rows
    ]
    next_cursor = None
    if limit is not None and len(items) > limit:
        items = items[:limit]
        next_cursor = encode_cursor(items[-1].published, items[-1].id)
    return Page(items, next_cursor)


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
            parts_ran=row["parts_ran"],
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
            record.part(part).extend(unflatten(PART_TYPES[part], dict(r)) for r in rows.mappings())
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


def article_outlets(store: Store) -> dict[str, str | None]:
    """The outlet of every stored article id, copies (stored under their own id) included: a
    copy's own outlet, else its original's."""
    a, al = schema.articles, schema.article_aliases
    with store.engine.connect() as conn:
        outlets: dict[str, str | None] = dict(conn.execute(select(a.c.id, a.c.outlet)).all())
        for alias_id, article_id, outlet in conn.execute(select(al.c.id, al.c.article_id, al.c.outlet)):
            outlets[alias_id] = outlet or outlets.get(article_id)
    return outlets


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def linked_articles(store: Store) -> list[Any]:
    """(story_id, id, title, published) of every linked article, oldest first."""
    a, s = schema.articles, schema.link_signatures
    with store.engine.connect() as conn:
        return list(
            conn.execute(
                select(s.c.story_id, a.c.id, a.c.title, a.c.published)
                .join(a, a.c.id == s.c.article_id)
                .order_by(a.c.published.asc().nulls_last(), a.c.id)
            ).all()
        )


def article_copies(store: Store) -> dict[str, list[str]]:
    """Article id -> the ids its text was stored under again (exact copies), by article then id."""
    al = schema.article_aliases
    copies: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for article_id, alias_id in conn.execute(
            select(al.c.article_id, al.c.id).order_by(al.c.article_id, al.c.id)
        ):
            copies.setdefault(article_id, []).append(alias_id)
    return copies


def article_dates(store: Store) -> dict[str, date | None]:
    """Every stored article's publication date."""
    a = schema.articles
    with store.engine.connect() as conn:
        return dict(conn.execute(select(a.c.id, a.c.published)).all())


def near_duplicates(store: Store) -> list[Any]:
    """(a, b, kind, score) of the copies linking found (not exact copies), by a then b."""
    d = schema.duplicates
    with store.engine.connect() as conn:
        return list(conn.execute(select(d).order_by(d.c.a, d.c.b)).all())


def lead_embedding(store: Store, article_id: str) -> bytes | None:
    """The stored embedding of an article's headline and lead, None before it is linked."""
    s = schema.link_signatures
    with store.engine.connect() as conn:
        blob: bytes | None = conn.execute(select(s.c.embedding).where(s.c.article_id == article_id)).scalar()
    return blob


def reference_value(store: Store, category: str, side: str | None, day: date) -> tuple[str, float] | None:
    """(claimant, value) of the first loaded series that tracks `category` for `side` on `day`."""
    rs, rv = schema.reference_series, schema.reference_values
    with store.engine.connect() as conn:
        for series in conn.execute(select(rs).order_by(rs.c.name)):
            if side is not None and series.side is not None and series.side != side:
                continue
            span = series.tracked.get(category)
            if not span or not (span[0] <= day.isoformat() <= span[1]):
                continue
            value = conn.execute(
                select(rv.c.value)
                .where(rv.c.series == series.name, rv.c.category == category, rv.c.day <= day)
                .order_by(rv.c.day.desc())
                .limit(1)
            ).scalar()
            if value is not None:
                return series.claimant, float(value)
    return None


def place_features(store: Store, f: Filters, *, limit: int = 10_000) -> list[dict[str, Any]]:
    """The places with coordinates of the selected articles, each with its article and events.

    One row per mention (a place named in three articles is three markers, each leading to
    its article): the map answers "who reports what where", not "where things are".
    """
    a, p, e = schema.articles, schema.places, schema.events
    query = (
        select(
            p.c.article_id,
            p.c.idx,
            p.c.text,
            p.c.name,
            p.c.lat,
            p.c.lon,
            p.c.kind,
            p.c.country_code,
            p.c.admin1,
            p.c.geonameid,
            a.c.title,
            a.c.outlet,
            a.c.published,
        )
        .join(a, a.c.id == p.c.article_id)
        .where(p.c.lat.is_not(None), p.c.lon.is_not(None), *article_conditions(f))
        .order_by(a.c.published.desc().nulls_last(), p.c.article_id, p.c.idx)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        events: dict[tuple[str, int], list[dict[str, Any]]] = {}
        ids = sorted({r["article_id"] for r in rows})
        for chunk in chunks(ids):
            for ev in conn.execute(
                select(e.c.article_id, e.c.place, e.c.item_id, e.c.type, e.c.subtype, e.c.date_begin)
                .where(e.c.article_id.in_(chunk), e.c.place.is_not(None))
                .order_by(e.c.article_id, e.c.idx)
            ).mappings():
                events.setdefault((ev["article_id"], ev["place"]), []).append(
                    {
                        "id": ev["item_id"],
                        "type": ev["type"],
                        "subtype": ev["subtype"],
                        "date": ev["date_begin"],
                    }
                )
    return [
        {
            **{k: r[k] for k in ("article_id", "idx", "text", "name", "kind", "country_code", "admin1")},
            "geonameid": r["geonameid"],
            "lat": r["lat"],
            "lon": r["lon"],
            "title": r["title"],
            "outlet": r["outlet"],
            "published": _iso(r["published"]),
            "events": events.get((r["article_id"], r["idx"]), []),
        }
        for r in rows
    ]


def timeline(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Per day: how many selected articles were published, and how many of their events happened.

    An event without a date of its own counts on its article's day.
    """
    a, e = schema.articles, schema.events
    conditions = article_conditions(f)
    days: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for day, n in conn.execute(
            select(a.c.published, func.count())
            .where(a.c.published.is_not(None), *conditions)
            .group_by(a.c.published)
        ):
            days.setdefault(day.isoformat(), {"day": day.isoformat(), "articles": 0, "events": 0})[
                "articles"
            ] = n
        event_day = func.coalesce(e.c.date_begin, cast(a.c.published, String))
        for day, n in conn.execute(
            select(event_day, func.count())
            .select_from(e.join(a, a.c.id == e.c.article_id))
            .where(event_day.is_not(None), *conditions)
            .group_by(event_day)
        ):
            key = str(day)[:10]
            days.setdefault(key, {"day": key, "articles": 0, "events": 0})["events"] += n
    return [days[k] for k in sorted(days)]


def figure_rows(
    store: Store,
    f: Filters,
    *,
    side: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
) -> Page:
    """Figures of the selected articles with their claimant, by keyset (article id, position).

    The claimant is the speaker of the claim that carries the figure (its name, else its kind);
    a figure no claim carries is the outlet's own, and `claimant` is the outlet.
    """
    a, fig, c = schema.articles, schema.figures, schema.claims
    query = (
        select(
            fig,
            a.c.title,
            a.c.outlet,
            a.c.published,
            c.c.speaker_name,
            c.c.speaker_kind,
        )
        .join(a, a.c.id == fig.c.article_id)
        .outerjoin(c, and_(c.c.article_id == fig.c.article_id, c.c.item_id == fig.c.claim))
        .where(*article_conditions(f))
    )
    if f.category:
        query = query.where(category_matches(fig.c.category, f.category))
    if side:
        query = query.where(func.upper(fig.c.side) == side.upper())
    if cursor is not None:
        after_article, after_idx = decode_cursor(cursor, (str, int))
        query = query.where(
            or_(
                fig.c.article_id > after_article,
                and_(fig.c.article_id == after_article, fig.c.idx > after_idx),
            )
        )
    query = query.order_by(fig.c.article_id, fig.c.idx)
    if limit is not None:
        query = query.limit(limit + 1)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    items = []
    for r in rows:
        items.append(
            {
                "article_id": r["article_id"],
                "idx": r["idx"],
                "text": r["text"],
                "start": r["char_start"],
                "end": r["char_end"],
                **{k: r[k] for k in ("value", "low", "high", "qualifier", "category", "side", "claim")},
                "period": {"begin": r["period_begin"], "end": r["period_end"]},
                "published": _iso(r["published"]),
                "outlet": r["outlet"],
                "title": r["title"],
                "claimant": r["speaker_name"] or r["speaker_kind"] or r["outlet"],
                "claimant_kind": "speaker" if (r["speaker_name"] or r["speaker_kind"]) else "outlet",
            }
        )
    next_cursor = None
    if limit is not None and len(items) > limit:
        items = items[:limit]
        next_cursor = encode_cursor(items[-1]["article_id"], items[-1]["idx"])
    return Page(items, next_cursor)


def newest_published(store: Store) -> str | None:
    """The newest article's date: what "now" means for a forecast (as in fogofwar.links/1)."""
    with store.engine.connect() as conn:
        return _iso(conn.execute(select(func.max(schema.articles.c.published))).scalar())


def forecast_claims(store: Store, f: Filters) -> list[Any]:
    """The predictive claims of the selected articles with their article's outlet, date and
    title, soonest deadline first."""
    a, c = schema.articles, schema.claims
    query = (
        select(c, a.c.outlet, a.c.published, a.c.title)
        .join(a, a.c.id == c.c.article_id)
        .where(or_(c.c.forecast_begin.is_not(None), c.c.forecast_end.is_not(None)), *article_conditions(f))
        .order_by(func.coalesce(c.c.forecast_end, c.c.forecast_begin), c.c.article_id, c.c.idx)
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query).mappings().all())


def article_heads(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Id, title, outlet and date of each stored article in `ids` (copies under their own id)."""
    a, al = schema.articles, schema.article_aliases
    heads: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for chunk in chunks(ids):
            for row in conn.execute(
                select(a.c.id, a.c.title, a.c.outlet, a.c.published).where(a.c.id.in_(chunk))
            ):
                heads[row.id] = {
                    "id": row.id,
                    "title": row.title,
                    "outlet": row.outlet,
                    "published": _iso(row.published),
                }
            for row in conn.execute(
                select(al.c.id, al.c.outlet, a.c.title, a.c.published)
                .join(a, a.c.id == al.c.article_id)
                .where(al.c.id.in_(chunk))
            ):
                heads.setdefault(
                    row.id,
                    {
                        "id": row.id,
                        "title": row.title,
                        "outlet": row.outlet,
                        "published": _iso(row.published),
                    },
                )
    return heads


def reference_points(
    store: Store,
    *,
    category: str | None = None,
    side: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
) -> Page:
    """The loaded reference series' values, by keyset (series, category, day), within since..until.

    Values are stored where they changed; a point is such a change, plus the value carried to
    `since` and to `until` (``carried``: true), so that a step line drawn through the points
    spans the whole window. Only a category's tracked range has values: outside it, none. A
    series of another side than `side` is left out (one claimant's count of Russian losses is not
    drawn beside figures of Ukrainian losses); a series without a side is kept.
    """
    window = (date.fromisoformat(since) if since else None, date.fromisoformat(until) if until else None)
    after = _reference_cursor(cursor) if cursor is not None else None
    with store.engine.connect() as conn:
        # One more than a page: is there a next one? The points are read lazily, so the
        # series and categories past the page are never queried.
        found = _reference_points(conn, category, side, window, after)
        points = list(islice(found, None if limit is None else limit + 1))
    next_cursor = None
    if limit is not None and len(points) > limit:
        points = points[:limit]
        last_point = points[-1]
        next_cursor = encode_cursor(last_point["series"], last_point["category"], last_point["day"])
    return Page(points, next_cursor)


def _reference_cursor(cursor: str) -> tuple[str, str, str]:
    key = decode_cursor(cursor, (str, str, str))
    if None in key:  # every point has a series, a category and a day
        raise BadCursor("cursor: not a cursor this server handed out")
    return (key[0], key[1], key[2])


def _reference_points(
    conn: Connection,
    category: str | None,
    side: str | None,
    window: tuple[date | None, date | None],
    after: tuple[str, str, str] | None,
) -> Iterator[dict[str, Any]]:
    """The points of every wanted (series, category) in keyset order, from past `after`."""
    rs = schema.reference_series
    series_query = select(rs).order_by(rs.c.name)
    if side:
        series_query = series_query.where(or_(rs.c.side.is_(None), func.upper(rs.c.side) == side.upper()))
    for series in conn.execute(series_query).all():
        wanted = sorted(
            c for c in series.tracked if category is None or c == category or c.startswith(category + ".")
        )
        for name in wanted:
            first, last = (date.fromisoformat(d) for d in series.tracked[name])
            begin, end = max(first, window[0] or first), min(last, window[1] or last)
            if begin > end or (after and (series.name, name) < after[:2]):
                continue
            for day, value, was_carried in _step_line(conn, series.name, name, begin, end):
                if after and (series.name, name, day.isoformat()) <= after:
                    continue
                yield {
                    "series": series.name,
                    "claimant": series.claimant,
                    "side": series.side,
                    "cumulative": series.cumulative,
                    "category": name,
                    "day": day.isoformat(),
                    "value": float(value),
                    "carried": was_carried,
                }


def _step_line(
    conn: Connection, series: str, category: str, begin: date, end: date
) -> list[tuple[date, float, bool]]:
    """(day, value, carried) of one series' category within begin..end: the stored changes, with
    the value before `begin` carried to it and the last value carried to `end`."""
    rv = schema.reference_values
    base = rv.c.series == series, rv.c.category == category
    carried = conn.execute(
        select(rv.c.value).where(*base, rv.c.day < begin).order_by(rv.c.day.desc()).limit(1)
    ).scalar()
    values = [
        (day, value)
        for day, value in conn.execute(
            select(rv.c.day, rv.c.value).where(*base, rv.c.day >= begin, rv.c.day <= end).order_by(rv.c.day)
        )
    ]
    line: list[tuple[date, float, bool]] = []
    if carried is not None and (not values or values[0][0] > begin):
        line.append((begin, carried, True))
    line += [(day, value, False) for day, value in values]
    if line and line[-1][0] < end:
        line.append((end, line[-1][1], True))
    return line


def facets(store: Store) -> dict[str, list[str]]:
    """The values the filters can take: outlets, event types, figure categories and sides."""
    a, e, fig = schema.articles, schema.events, schema.figures
    with store.engine.connect() as conn:

        def values(column: Any) -> list[str]:
            return list(conn.execute(select(column).distinct().where(column.is_not(None))).scalars())

        return {
            "outlets": sorted(values(a.c.outlet), key=str.lower),
            "event_types": sorted(values(e.c.type)),
            "categories": sorted(values(fig.c.category)),
            "sides": sorted(values(fig.c.side)),
        }


def article_ids(store: Store, f: Filters) -> Iterator[str]:
    """The selected articles' ids, oldest first (the order exports write them in)."""
    a = schema.articles
    query = select(a.c.id).where(*article_conditions(f)).order_by(a.c.published.asc().nulls_first(), a.c.id)
    with store.engine.connect() as conn:
        yield from conn.execute(query).scalars().all()


def records(store: Store, f: Filters) -> Iterator[Record]:
    """The stored records of the selected articles, one at a time."""
    for article_id in article_ids(store, f):
        record = get_record(store, article_id)
        if record is not None:
            yield record


# The tables an export writes flat, one CSV each: the articles, what they cite, and each part.
FLAT_TABLES = {"articles": schema.articles, "cites": schema.cites, **schema.PART_TABLES}
_FLAT_RENAMES = {"char_start": "start", "char_end": "end", "item_id": "id"}


def flat_columns(table_name: str) -> list[str]:
    """The column names of a flat export: the store's columns, offsets named as in the record."""
    table = FLAT_TABLES[table_name]
    skip = {"content_hash", "schema", "ingested_at"} if table_name == "articles" else set()
    return [_FLAT_RENAMES.get(col.name, col.name) for col in table.columns if col.name not in skip]


def flat_rows(store: Store, table_name: str, f: Filters) -> Iterator[dict[str, Any]]:
    """The rows of one table for the selected articles, flat, in article then record order."""
    a = schema.articles
    table = FLAT_TABLES[table_name]
    wanted = set(flat_columns(table_name))
    if table is a:
        query = select(a).where(*article_conditions(f)).order_by(a.c.published.asc().nulls_first(), a.c.id)
    else:
        query = (
            select(table)
            .join(a, a.c.id == table.c.article_id)
            .where(*article_conditions(f))
            .order_by(a.c.published.asc().nulls_first(), table.c.article_id, table.c.idx)
        )
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            out = {}
            for key, value in row.items():
                name = _FLAT_RENAMES.get(key, key)
                if name in wanted:
                    out[name] = _iso(value) if isinstance(value, date) else value
            yield out


def event_rows(store: Store, f: Filters) -> Iterator[dict[str, Any]]:
    """Events of the selected articles with their place (resolved from its index) and article."""
    a, e, p = schema.articles, schema.events, schema.places
    query = (
        select(
            e,
            a.c.outlet,
            a.c.published,
            a.c.url,
            p.c.name.label("place_name"),
            p.c.text.label("place_text"),
            p.c.lat,
            p.c.lon,
            p.c.country_code,
            p.c.admin1,
            p.c.kind.label("place_kind"),
        )
        .join(a, a.c.id == e.c.article_id)
        .outerjoin(p, and_(p.c.article_id == e.c.article_id, p.c.idx == e.c.place))
        .where(*article_conditions(f))
        .order_by(a.c.published.asc().nulls_first(), e.c.article_id, e.c.idx)
    )
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            yield {key: (_iso(v) if isinstance(v, date) else v) for key, v in row.items()}


__all__ = [
    "ArticleRow",
    "BadCursor",
    "Filters",
    "Page",
    "article_copies",
    "article_dates",
    "article_heads",
    "article_ids",
    "article_outlets",
    "article_page",
    "event_rows",
    "facets",
    "figure_rows",
    "flat_columns",
    "flat_rows",
    "forecast_claims",
    "get_record",
    "lead_embedding",
    "linked_articles",
    "list_articles",
    "near_duplicates",
    "newest_published",
    "place_features",
    "records",
    "reference_points",
    "reference_value",
    "summary",
    "timeline",
]
