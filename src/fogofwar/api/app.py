"""The HTTP API and the web UI: one FastAPI app over the read-side functions of `query.py`.

Read-only unless built with `allow_ingest` and a token. Every route validates its parameters
(a bad one is a 422 naming it) and reads the store only through `query`, so the API, the CLI
and the exports say the same thing about the same store.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field, model_validator
from xstatic.pkg import leaflet, leaflet_markercluster

from fogofwar import __version__
from fogofwar.api.cache import MicroCache
from fogofwar.api.guard import public_only
from fogofwar.api.limits import DEFAULT_MAX_BODY, BodyCap
from fogofwar.api.tiles import ATTRIBUTION, MAX_ZOOM, Basemap, basemap_path
from fogofwar.errors import FogofwarError
from fogofwar.ingest import IngestOptions, read_inputs
from fogofwar.model import Article, Record
from fogofwar.query import (
    BadCursor,
    Filters,
    article_page,
    facets,
    figure_group_marks,
    figure_rows,
    forecasts,
    get_record,
    links,
    place_features,
    reference_points,
    sources,
    timeline,
)
from fogofwar.store import Store

STATIC = Path(__file__).parent / "static"
DEFAULT_CACHE_SECONDS = 5.0

# Query parameters shared by the routes that select articles (FastAPI turns a bad one into 422).
Since = Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")]
Outlet = Annotated[str | None, Query(max_length=256, description="Outlet, case-insensitive.")]
Text = Annotated[str | None, Query(max_length=200, description="Words in the title or text.")]
EventType = Annotated[str | None, Query(max_length=64, description="Articles reporting this event type.")]
Category = Annotated[
    str | None, Query(max_length=128, description="Figure category, dotted; includes sub-categories.")
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
) -> Filters:
    return Filters(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        outlet=outlet or None,
        q=q or None,
        event_type=event_type or None,
        category=category or None,
    )


Selected = Annotated[Filters, Depends(filters)]


class ExtractIn(BaseModel):
    text: str = Field(min_length=1, description="The article's text.")
    published: date | None = None
    outlet: str | None = Field(default=None, max_length=256)
    title: str | None = Field(default=None, max_length=2000)


class IngestIn(BaseModel):
    """Either `text` (with optional metadata and an id) or a public `url` to fetch."""

    text: str | None = Field(default=None, min_length=1)
    url: str | None = Field(default=None, max_length=2048, pattern=r"^https?://")
    id: str | None = Field(default=None, max_length=512)
    published: date | None = None
    outlet: str | None = Field(default=None, max_length=256)
    title: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def one_source(self) -> IngestIn:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text and url")
        return self


def _csp(tile_url: str) -> str:
    # The page may load nothing from anywhere but this server (and the tile server the user
    # configured): the browser itself enforces what the web tests check.
    origin = urlsplit(tile_url)
    tiles = f" {origin.scheme}://{origin.netloc}" if origin.scheme in ("http", "https") else ""
    return (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:{tiles}; connect-src 'self'; frame-ancestors 'none'"
    )


def create_app(
    store: Store,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    tile_url: str | None = None,
    fetch_allow: frozenset[str] = frozenset(),
    cache_seconds: float = DEFAULT_CACHE_SECONDS,
) -> BodyCap:
    """The ASGI app (wrapped in the body cap and the micro-cache); `token` is required when
    `allow_ingest` is set; `cache_seconds` 0 turns the cache off."""
    if allow_ingest and not token:
        raise FogofwarError("--allow-ingest needs a token: set FOGOFWAR_TOKEN")
    basemap_file = basemap_path()
    basemap = Basemap(basemap_file) if basemap_file else None
    tiles = tile_url or ("/tiles/{z}/{x}/{y}.png" if basemap else "")
    nlp_lock = threading.Lock()  # one spaCy pipeline, one document at a time

    app = FastAPIOffline(
        title="fogofwar",
        version=__version__,
        description="Source-attributed records of reporting on armed conflict (fogofwar.record/1).",
        static_url="/docs-static",
    )

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # One readable line first ("since: Input should be a valid date..."), the details after.
        errors = exc.errors()
        lines = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg', 'invalid')}"
            for e in errors
        ]
        return JSONResponse({"detail": "; ".join(lines), "errors": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(BadCursor)
    async def bad_cursor(_request: Request, exc: BadCursor) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.get("/api/articles", summary="Stored articles, newest first (keyset pagination)")
    def api_articles(
        f: Selected,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        cursor: Cursor = None,
    ) -> JSONResponse:
        page = article_page(store, f, limit=limit, cursor=cursor)
        return JSONResponse({"items": [asdict(row) for row in page.items], "next_cursor": page.next_cursor})

    @app.get("/api/articles/{article_id:path}", summary="One article's fogofwar.record/1")
    def api_record(article_id: str) -> JSONResponse:
        record = get_record(store, article_id)
        if record is None:
            raise HTTPException(404, f"{article_id}: no such article in the store")
        # Built from plain dicts, lists and strings: no jsonable_encoder pass over the whole text.
        return JSONResponse(record.to_dict())

    @app.get("/api/places.geojson", summary="Places with coordinates of the selected articles")
    def api_places(f: Selected, limit: Annotated[int, Query(ge=1, le=50_000)] = 10_000) -> JSONResponse:
        from fogofwar.report.geojson import feature_collection

        return JSONResponse(
            feature_collection(place_features(store, f, limit=limit)), media_type="application/geo+json"
        )

    @app.get("/api/timeline", summary="Articles and events per day")
    def api_timeline(f: Selected) -> list[dict[str, Any]]:
        return timeline(store, f)

    @app.get("/api/figures", summary="Figures with their claimant and figure group (keyset pagination)")
    def api_figures(
        f: Selected,
        side: Side = None,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        page = figure_rows(store, f, side=side, limit=limit, cursor=cursor)
        marks = figure_group_marks(store, {i["article_id"] for i in page.items}) if page.items else {}
        for item in page.items:
            # `group` is the figure's group in /api/links (same quantity, other sources), or None.
            item["group"] = marks.get((item["article_id"], item["idx"]))
        return {"items": page.items, "next_cursor": page.next_cursor}

    @app.get("/api/reference", summary="Loaded reference series, per category and day (keyset pagination)")
    def api_reference(
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
            store,
            category=category or None,
            side=side,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            limit=limit,
            cursor=cursor,
        )
        return {"items": page.items, "next_cursor": page.next_cursor}

    @app.get("/api/forecasts", summary="Predictive claims: open, due or settled, with the settling articles")
    def api_forecasts(f: Selected) -> dict[str, Any]:
        return {"items": forecasts(store, f)}

    @app.get("/api/facets", summary="Values the filters can take")
    def api_facets() -> dict[str, list[str]]:
        return facets(store)

    @app.get("/api/links", summary="fogofwar.links/1 for the articles published within since..until")
    def api_links(since: Since = None, until: Until = None) -> JSONResponse:
        # What `fogofwar ingest` linked; articles stored with --no-link are linked by
        # `fogofwar links`, not by this read-only server.
        found = links(
            store, since=since.isoformat() if since else None, until=until.isoformat() if until else None
        )
        return JSONResponse(found)

    @app.get("/api/sources", summary="Each outlet's and speaker's track record")
    def api_sources() -> JSONResponse:
        return JSONResponse(sources(store))

    @app.get("/api/config", include_in_schema=False)
    def api_config() -> dict[str, Any]:
        return {"tiles": tiles, "attribution": ATTRIBUTION, "max_zoom": MAX_ZOOM if not tile_url else 18}

    @app.post("/api/extract", summary="The record of posted text; nothing is stored")
    async def api_extract(body: ExtractIn) -> dict[str, Any]:
        article = Article(
            id="posted",
            text=body.text,
            title=body.title,
            outlet=body.outlet,
            published=body.published.isoformat() if body.published else None,
        )
        return (await run_in_threadpool(_annotate, article)).to_dict()

    def _annotate(article: Article) -> Record:
        # Imported on first use: spaCy takes seconds to import, and a read-only server
        # (each of its workers) should not wait for it to start.
        from fogofwar.annotate import extract_articles

        with nlp_lock:
            return next(extract_articles([article]))

    def _authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        if not allow_ingest or token is None:
            raise HTTPException(403, "this server is read-only (start it with --allow-ingest)")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not given:
            raise HTTPException(401, "a token is needed: Authorization: Bearer $FOGOFWAR_TOKEN")
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(403, "wrong token")

    @app.post(
        "/api/ingest",
        summary="Store the record of posted text or a public URL (token)",
        dependencies=[Depends(_authorised)],
    )
    async def api_ingest(body: IngestIn) -> dict[str, Any]:
        return await run_in_threadpool(_ingest, body)

    def _ingest(body: IngestIn) -> dict[str, Any]:
        published = body.published.isoformat() if body.published else None
        if body.url is not None:
            guard = public_only(fetch_allow)
            options = IngestOptions(
                published=published, max_bytes=max_body, url_guard=guard, url_transport=guard.transport
            )
            items = list(read_inputs([body.url], options))
            errors = [str(i) for i in items if isinstance(i, FogofwarError)]
            if errors:
                raise HTTPException(422, errors[0])
            articles = [i for i in items if isinstance(i, Article)]
        else:
            assert body.text is not None
            article_id = body.id or f"posted:{Article(id='', text=body.text).hash[:16]}"
            articles = [Article(article_id, body.text, body.title, body.outlet, published, source=article_id)]
        stored: list[str] = []
        for article in articles:
            record = _annotate(article)
            try:
                if store.save(record):
                    stored.append(article.id)
                else:
                    store.remember_copy(article)
            except FogofwarError as exc:
                raise HTTPException(409, str(exc)) from None
        return {"stored": stored, "read": len(articles)}

    @app.get("/tiles/{z}/{x}/{y}.png", include_in_schema=False)
    def tile(z: int, x: int, y: int) -> Response:
        data = basemap.tile(z, x, y) if basemap else None
        if data is None:
            raise HTTPException(404, "no such tile in the offline basemap")
        return Response(data, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    # StaticFiles resolves every path inside its folder and refuses any that climbs out.
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount("/vendor/markercluster", StaticFiles(directory=leaflet_markercluster.BASE_DIR), name="cluster")
    security_headers = [
        (b"content-security-policy", _csp(tiles).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    ]
    return BodyCap(MicroCache(app, cache_seconds), max_body, security_headers)


__all__ = ["create_app"]
