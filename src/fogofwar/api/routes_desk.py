"""The analyst's desk: GET routes the web UI's story, contradiction, event-map and timeline views
read, and the export of the page's current selection.

Stories and contradictions come from the link views (`link.build`, the `fogofwar.links/1`
object) as the CLI shows them; events and the timeline's overview from `desk_queries`, with the
same filters as every other route (`routes_read.filters`).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse, Response

from fogofwar.api.options import State
from fogofwar.api.routes_read import Selected, Since, Until
from fogofwar.desk_queries import (
    EventWindow,
    contradiction_view,
    event_detail,
    event_features,
    overview,
    story_rows,
)
from fogofwar.query import FLAT_TABLES, Filters, article_heads, flat_columns, flat_rows
from fogofwar.store import Store

router = APIRouter()

EventSince = Annotated[date | None, Query(description="Events that happened on or after (YYYY-MM-DD).")]
EventUntil = Annotated[date | None, Query(description="Events that happened on or before (YYYY-MM-DD).")]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@router.get("/api/events.geojson", summary="Events at a place with coordinates, of the selected articles")
def api_events(
    state: State,
    f: Selected,
    event_since: EventSince = None,
    event_until: EventUntil = None,
    limit: Annotated[int, Query(ge=1, le=50_000)] = 20_000,
) -> JSONResponse:
    window = EventWindow(_iso(event_since), _iso(event_until))
    features = event_features(state.store, f, window, limit=limit)
    return JSONResponse(
        {"type": "FeatureCollection", "features": features}, media_type="application/geo+json"
    )


@router.get("/api/event", summary="One event's sentence, article title, actors and fatalities (a map popup)")
def api_event(
    state: State,
    article_id: Annotated[str, Query(max_length=512)],
    idx: Annotated[int, Query(ge=0)],
) -> dict[str, Any]:
    found = event_detail(state.store, article_id, idx)
    if found is None:
        raise HTTPException(404, f"{article_id}: no event {idx} in the store")
    return found


@router.get("/api/overview", summary="Articles per day of publication and events per day of their own date")
def api_overview(state: State, f: Selected) -> dict[str, Any]:
    return overview(state.store, f)


@router.get("/api/stories", summary="Stories, newest first: size, outlets and date span")
def api_stories(state: State, since: Since = None, until: Until = None) -> dict[str, Any]:
    return {"items": story_rows(state.store, _iso(since), _iso(until))}


def _story_links(store: Store, found: dict[str, Any], members: list[str]) -> dict[str, Any]:
    """What `found` (`links(store, articles=...)` for one story) holds about the story's `members`,
    its contradictions as the desk shows them."""
    inside = set(members)
    return {
        "figure_groups": [
            g for g in found["figure_groups"] if any(m["article"] in inside for m in g["members"])
        ],
        "contradictions": contradiction_view(
            store, [c for c in found["contradictions"] if c["a"]["article"] in inside]
        ),
        "forecasts": [fc for fc in found["forecasts"] if fc["article"] in inside],
        "duplicates": [d for d in found["duplicates"] if d["a"] in inside or d["b"] in inside],
    }


@router.get(
    "/api/stories/{story_id:path}", summary="One story: its articles (copies under their original) and links"
)
def api_story(state: State, story_id: str) -> JSONResponse:
    from fogofwar.link.build import links, stories

    story = next((s for s in stories(state.store) if s.id == story_id), None)
    if story is None:
        raise HTTPException(404, f"{story_id}: no such story in the store")
    members = story.members
    heads = article_heads(state.store, members)
    linked = _story_links(state.store, links(state.store, articles=members), members)
    # A copy is folded under its original: exact re-runs (stored as aliases) and the near
    # duplicates linking found (syndicated pieces stored as articles of their own).
    copies = {a: list(story.copies.get(a, [])) for a in story.articles}
    for d in linked["duplicates"]:
        if d["a"] in copies and d["b"] in copies and d["b"] != d["a"]:
            copies[d["a"]] += [d["b"], *copies.pop(d["b"])]
    unknown = {"title": None, "outlet": None, "published": None}
    articles = [
        {
            **(heads.get(a) or {"id": a, **unknown}),
            "copies": [heads.get(c) or {"id": c, **unknown} for c in found_copies],
        }
        for a, found_copies in copies.items()
    ]
    return JSONResponse({"id": story.id, "label": story.label, "articles": articles, **linked})


@router.get("/api/contradictions", summary="Contradicting claims, side by side, with their context")
def api_contradictions(state: State, since: Since = None, until: Until = None) -> JSONResponse:
    from fogofwar.link.build import links

    found = links(state.store, since=_iso(since), until=_iso(until))["contradictions"]
    return JSONResponse({"items": contradiction_view(state.store, found)})


@router.get("/api/article-links/{article_id:path}", summary="An article's story, copies and contradictions")
def api_article_links(state: State, article_id: str) -> JSONResponse:
    from fogofwar.link.build import links
    from fogofwar.store.linking import stories_of

    # The article's story by its index (an unlinked article answers without the stored links),
    # then that story's links, its row included: the stories are read once (by `links`), not
    # once more to find the article's.
    found = links(state.store, articles=[article_id]) if stories_of(state.store, [article_id]) else None
    if not found or not found["stories"]:
        return JSONResponse({"story": None, "copies": [], "contradictions": []})
    story = found["stories"][0]
    members = story["articles"]  # as Story.members gives them
    linked = _story_links(state.store, found, members)
    copies = sorted(
        d["b"] if d["a"] == article_id else d["a"]
        for d in linked["duplicates"]
        if article_id in (d["a"], d["b"])
    )
    mine = [c for c in linked["contradictions"] if article_id in (c["a"]["article"], c["b"]["article"])]
    heads = article_heads(state.store, copies)
    return JSONResponse(
        {
            "story": {"id": story["id"], "label": story["label"], "size": len(members)},
            "copies": [heads.get(c) or {"id": c, "title": None} for c in copies],
            "contradictions": mine,
        }
    )


ExportFormat = Literal["csv", "geojson", "acled"]


def _csv_zip(store: Store, f: Filters) -> bytes:
    # `fogofwar export --format csv` writes one file per table: the page gets the same files zipped.
    from fogofwar.report.spreadsheet import CsvTable

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in FLAT_TABLES:
            text = io.StringIO(newline="")
            CsvTable(text, flat_columns(name)).rows(flat_rows(store, name, f))
            archive.writestr(f"{name}.csv", text.getvalue())
    return buffer.getvalue()


@router.get(
    "/api/export", summary="The selected articles as CSV (zipped, a file per part), GeoJSON or ACLED CSV"
)
def api_export(state: State, f: Selected, format: ExportFormat = "geojson") -> Response:
    from fogofwar.report.exports import write_acled, write_geojson

    if format == "csv":
        return Response(
            _csv_zip(state.store, f),
            media_type="application/zip",
            headers={"Content-Disposition": 'attachment; filename="fogofwar-csv.zip"'},
        )
    out = io.StringIO(newline="")
    writer, name, media = (
        (write_geojson, "fogofwar.geojson", "application/geo+json")
        if format == "geojson"
        else (write_acled, "fogofwar-acled.csv", "text/csv")
    )
    writer(state.store, f, out)
    return Response(
        out.getvalue(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
