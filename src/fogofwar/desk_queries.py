"""Read-model queries of the web UI's desk views (events on the map, the timeline's overview,
stories, contradictions), over the store tables and `query`'s public functions.

They live here, not in `query.py`, because they serve one consumer (the web UI through
`api.routes_desk`); they read the same tables with the same filters (`article_conditions`),
so the desk and the CLI/exports agree about a selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select

from fogofwar.query import Filters, article_conditions, article_heads, get_record
from fogofwar.store import Store, schema

# How precisely an event's point is known, from its place's gazetteer kind: a country's or a
# region's centre is not where anything happened, and the map must say so (ringed, not pinned).
PRECISION = {
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin1",
    "populated_place": "settlement",
    "feature": "settlement",
}


@dataclass(frozen=True)
class EventWindow:
    """The event-date range a brushed timeline sets (events whose own date falls inside)."""

    since: str | None = None
    until: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        """The window as SQL conditions on the event's own date: in the query, so that `limit`
        counts the events the window holds, not those it would drop after."""
        begin = schema.events.c.date_begin
        where: list[ColumnElement[bool]] = []
        if self.since:
            where.append(begin >= self.since)
        if self.until:
            where.append(begin <= self.until)
        return where


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else (str(value) if value is not None else None)


def event_features(
    store: Store, f: Filters, window: EventWindow | None = None, *, limit: int = 20_000
) -> list[dict[str, Any]]:
    """The events of the selected articles that happen at a place with coordinates, as GeoJSON
    features: type, date, the sentence's span, the place and how precise its point is.

    Only what the map draws and links: 2,000 articles hold some 13,000 events, and with their
    sentences the collection weighed 10 MB; the popup asks `event_detail` for the rest."""
    a, p, e = schema.articles, schema.places, schema.events
    query = (
        select(
            e.c.article_id,
            e.c.idx,
            e.c.type,
            e.c.subtype,
            e.c.char_start,
            e.c.char_end,
            e.c.date_begin,
            e.c.date_assumed,
            func.coalesce(p.c.name, p.c.text).label("place"),
            p.c.kind,
            p.c.lat,
            p.c.lon,
            a.c.outlet,
            a.c.published,
        )
        .join(p, (p.c.article_id == e.c.article_id) & (p.c.idx == e.c.place))
        .join(a, a.c.id == e.c.article_id)
        .where(
            p.c.lat.is_not(None),
            p.c.lon.is_not(None),
            *article_conditions(f),
            *(window.conditions() if window else ()),
        )
        .order_by(a.c.published.desc().nulls_last(), e.c.article_id, e.c.idx)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": {
                "article_id": r.article_id,
                "idx": r.idx,
                "event_type": r.type,
                "subtype": r.subtype,
                "start": r.char_start,
                "end": r.char_end,
                "date": r.date_begin,
                "date_assumed": bool(r.date_assumed),
                "place": r.place,
                "precision": PRECISION.get(r.kind or "", "unknown"),
                "outlet": r.outlet,
                "published": _iso(r.published),
            },
        }
        for r in rows
    ]


def event_detail(store: Store, article_id: str, idx: int) -> dict[str, Any] | None:
    """What a map popup shows of one event beyond its feature: the sentence, the article's
    title, the actors and the fatalities."""
    a, e = schema.articles, schema.events
    with store.engine.connect() as conn:
        row = conn.execute(
            select(e.c.text, e.c.actor1, e.c.actor2, e.c.fatalities, e.c.date_end, a.c.title)
            .join(a, a.c.id == e.c.article_id)
            .where(e.c.article_id == article_id, e.c.idx == idx)
        ).first()
    if row is None:
        return None
    return {
        "text": row.text,
        "title": row.title,
        "actors": [x for x in (row.actor1, row.actor2) if x],
        "fatalities": row.fatalities,
        "date_end": row.date_end,
    }


def overview(store: Store, f: Filters) -> dict[str, Any]:
    """The timeline's data: per day the articles published and (apart) the events that happened
    that day by their own date; the articles without a date and the events without one counted
    apart, so nothing undated is drawn on a day it did not happen."""
    a, e = schema.articles, schema.events
    conditions = article_conditions(f)
    days: dict[str, dict[str, Any]] = {}

    def day(key: str) -> dict[str, Any]:
        return days.setdefault(key, {"day": key, "articles": 0, "events": 0})

    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(a).where(*conditions)).scalar() or 0
        undated = 0
        for published, n in conn.execute(
            select(a.c.published, func.count()).where(*conditions).group_by(a.c.published)
        ):
            if published is None:
                undated = n
            else:
                day(published.isoformat())["articles"] = n
        undated_events = 0
        for begin, n in conn.execute(
            select(e.c.date_begin, func.count())
            .select_from(e.join(a, a.c.id == e.c.article_id))
            .where(*conditions)
            .group_by(e.c.date_begin)
        ):
            if begin is None:
                undated_events += n
            else:
                day(str(begin)[:10])["events"] += n
    return {
        "days": [days[k] for k in sorted(days)],
        "articles": total,
        "undated_articles": undated,
        "undated_events": undated_events,
    }


def story_rows(store: Store, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Each story with its size, outlets and date span, newest first."""
    from fogofwar.link.build import stories  # the link code builds on the read model, not under it

    found = [(s, s.members) for s in stories(store, since, until)]
    heads = article_heads(store, sorted({i for _, members in found for i in members}))
    out = []
    for s, members in found:
        dates = sorted(d for d in (heads.get(i, {}).get("published") for i in members) if d)
        outlets = sorted({o for o in (heads.get(i, {}).get("outlet") for i in members) if o})
        out.append(
            {
                "id": s.id,
                "label": s.label,
                "size": len(members),
                "copies": len(members) - len(s.articles),
                "outlets": outlets,
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
            }
        )
    out.sort(key=lambda r: (r["last"] or "", r["id"]), reverse=True)
    return out


def contradiction_view(store: Store, found: list[dict[str, Any]], context: int = 160) -> list[dict[str, Any]]:
    """The contradictions of `fogofwar.links/1` with what the desk shows beside each claim: the
    article's title, outlet and date, the speaker and chain, and the words around the sentence."""
    ids = sorted({c[k]["article"] for c in found for k in ("a", "b")})
    heads = article_heads(store, ids)
    records = {i: get_record(store, i) for i in ids}
    out = []
    for c in found:
        sides = {}
        for k in ("a", "b"):
            side = dict(c[k])
            head = heads.get(side["article"], {})
            side.update(title=head.get("title"), outlet=head.get("outlet"), published=head.get("published"))
            record = records.get(side["article"])
            claim = (
                record.claims[side["claim"]] if record and 0 <= side["claim"] < len(record.claims) else None
            )
            if record is not None and claim is not None and side["start"] is not None:
                text = record.article.text
                side["before"] = text[max(0, side["start"] - context) : side["start"]]
                side["after"] = text[side["end"] : side["end"] + context]
                sp = claim.speaker
                side["speaker"] = (sp.name or sp.kind) if sp else None
                side["chain"] = [record.article.outlet or "(no outlet)", *claim.via]
            sides[k] = side
        out.append({"kind": c["kind"], "note": c.get("note"), **sides})
    return out


__all__ = [
    "PRECISION",
    "EventWindow",
    "contradiction_view",
    "event_detail",
    "event_features",
    "overview",
    "story_rows",
]
