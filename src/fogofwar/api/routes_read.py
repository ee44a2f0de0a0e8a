"""The read side of the API: GET /api/... over the store, each through `query` or the link views
(`link.views`; see app.py).

Every route validates its parameters (a bad one is a 422 naming it), so the API, the CLI and
the exports say the same thing about the same store.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse

from fogofwar.api.options import State
from fogofwar.link.views import figure_group_marks, forecast_ledger, links, sources
from fogofwar.query import (
    Filters,
    article_page,
    facets,
    figure_rows,
    get_record,
    place_features,
    reference_points,
    timeline,
)

router = APIRouter()

# Query parameters shared by the routes that select articles (FastAPI turns a bad one into 422).
Since = Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")]
Outlet = Annotated[str | None, Query(max_length=256, description="Outlet, case-insensitive.")]
Text = Annotated[str | None, Query(max_length=200, description="Words in the title or text.")]
EventType = Annotated[str | None, Query(max_length=64, description="Articles reporting this event type.")]
Category = Annotated[
    str | None, Query(max_length=128, description="Figure category, dotted; includes sub-categories.")
]
Language = Annotated[
    str | None,
    Query(pattern=r"^[A-Za-z]{2,3}$", description="Articles in this language (ISO 639-1: en, de)."),
]
Cursor = Annotated[str | None, Query(max_length=1024, description="next_cursor of the previous page.")]
Side = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO alpha-2")]


def filters(
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    q: Text = None,
    event_type: EventType = None,
    category: Category = None,
    language: Language = None,
) -> Filters:
    return Filters(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        outlet=outlet or None,
        q=q or None,
        event_type=event_type or None,
        category=category or None,
        language=language or None,
    )


Selected = Annotated[Filters, Depends(filters)]


@router.get("/api/articles", summary="Stored articles, newest first (keyset pagination)")
def api_articles(
    state: State,
    f: Selected,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Cursor = None,
) -> JSONResponse:
    page = article_page(state.store, f, limit=limit, cursor=cursor)
    return JSONResponse({"items": [asdict(row) for row in page.items], "next_cursor": page.next_cursor})


@router.get("/api/articles/{article_id:path}", summary="One article's fogofwar.record/1")
def api_record(state: State, article_id: str) -> JSONResponse:
    record = get_record(state.store, article_id)
    if record is None:
        raise HTTPException(404, f"{article_id}: no such article in the store")
    # Built from plain dicts, lists and strings: no jsonable_encoder pass over the whole text.
    return JSONResponse(record.to_dict())


@router.get("/api/places.geojson", summary="Places with coordinates of the selected articles")
def api_places(
    state: State, f: Selected, limit: Annotated[int, Query(ge=1, le=50_000)] = 10_000
) -> JSONResponse:
    from fogofwar.report.geojson import feature_collection

    return JSONResponse(
        feature_collection(place_features(state.store, f, limit=limit)), media_type="application/geo+json"
    )


@router.get("/api/timeline", summary="Articles and events per day")
def api_timeline(state: State, f: Selected) -> list[dict[str, Any]]:
    return timeline(state.store, f)


@router.get("/api/figures", summary="Figures with their claimant and figure group (keyset pagination)")
def api_figures(
    state: State,
    f: Selected,
    side: Side = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    cursor: Cursor = None,
) -> dict[str, Any]:
    page = figure_rows(state.store, f, side=side, limit=limit, cursor=cursor)
    marks = figure_group_marks(state.store, {i["article_id"] for i in page.items}) if page.items else {}
    for item in page.items:
        # `group` is the figure's group in /api/links (same quantity, other sources), or None.
        item["group"] = marks.get((item["article_id"], item["idx"]))
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/api/reference", summary="Loaded reference series, per category and day (keyset pagination)")
def api_reference(
    state: State,
    category: Category = None,
    side: Side = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=20_000)] = 5000,
    cursor: Cursor = None,
) -> dict[str, Any]:
    if since and until and since > until:
        raise HTTPException(422, "since: after until")
    page = reference_points(
        state.store,
        category=category or None,
        side=side,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        limit=limit,
        cursor=cursor,
    )
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/api/forecasts", summary="Predictive claims: open, due or settled, with the settling articles")
def api_forecasts(state: State, f: Selected) -> dict[str, Any]:
    return {"items": forecast_ledger(state.store, f)}


@router.get("/api/facets", summary="Values the filters can take")
def api_facets(state: State) -> dict[str, list[str]]:
    return facets(state.store)


@router.get("/api/links", summary="fogofwar.links/1 for the articles published within since..until")
def api_links(state: State, since: Since = None, until: Until = None) -> JSONResponse:
    # What ingest linked (`fogofwar ingest`, POST /api/ingest); articles stored with --no-link
    # are linked by `fogofwar links`, not by a read.
    found = links(
        state.store, since=since.isoformat() if since else None, until=until.isoformat() if until else None
    )
    return JSONResponse(found)


@router.get("/api/sources", summary="Each outlet's and speaker's track record")
def api_sources(state: State) -> JSONResponse:
    return JSONResponse(sources(state.store))
