"""The HTTP API and the web UI: one FastAPI app over the read-side functions of `query.py`.

Read-only unless built with `allow_ingest` and a token. The routes live by what they serve:
`routes_read` (GET /api over the store, only through `query` and the link views, so the API,
the CLI and the exports say the same thing about the same store), `routes_ingest` (the
pipeline: extract, and ingest with the token) and `routes_ui` (the web UI's page, map
configuration and tiles).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from xstatic.pkg import leaflet, leaflet_markercluster

from fogofwar import __version__
from fogofwar.api import routes_desk, routes_ingest, routes_read, routes_ui
from fogofwar.api.cache import MicroCache, openapi_query_names
from fogofwar.api.limits import BodyCap
from fogofwar.api.options import AppState, ServeOptions
from fogofwar.api.tiles import Basemap, basemap_path
from fogofwar.link.build import LinksNotBuilt
from fogofwar.query import BadCursor
from fogofwar.store import Store
from fogofwar.textcheck import value_problem


def _csp(tile_url: str) -> str:
    # The page may load nothing from anywhere but this server (and the tile server the user
    # configured): the browser itself enforces what the web tests check.
    origin = urlsplit(tile_url)
    tiles = f" {origin.scheme}://{origin.netloc}" if origin.scheme in ("http", "https") else ""
    return (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:{tiles}; connect-src 'self'; frame-ancestors 'none'"
    )


def _field(error: Any) -> str:
    return ".".join(str(p) for p in error.get("loc", ())[1:]) or "body"


def _message(error: Any) -> str:
    # Pydantic refuses a lone surrogate ("unable to parse raw data as a unicode string"): said
    # in the words of the one storability rule, as the CLI says it.
    value = error.get("input")
    if error.get("type") == "string_unicode" and isinstance(value, str):
        problem = value_problem(str(error["loc"][-1]), value, storing=False)
        if problem:
            return problem
    return str(error.get("msg", "invalid"))


def _encodable(value: Any) -> Any:
    """`value` with every string UTF-8 can write: a lone surrogate echoed back as its escape."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if isinstance(value, dict):
        return {_encodable(k): _encodable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encodable(v) for v in value]
    return value


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    # One readable line first ("since: Input should be a valid date..."), the details after.
    # The details echo the input, which may hold what UTF-8 cannot encode: this answer must
    # not fail on the very input it refuses.
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    detail = _encodable("; ".join(f"{_field(e)}: {_message(e)}" for e in errors))
    try:
        return JSONResponse(
            {"detail": detail, "errors": jsonable_encoder(_encodable(errors))}, status_code=422
        )
    except (TypeError, ValueError):  # an input jsonable_encoder cannot write: the line alone
        return JSONResponse({"detail": detail}, status_code=422)


async def _bad_cursor(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=422)


async def _links_not_built(_request: Request, exc: Exception) -> JSONResponse:
    # A store linked by an older fogofwar: the link routes say what to run, not a server error.
    return JSONResponse({"detail": str(exc)}, status_code=503)


def create_app(store: Store, options: ServeOptions | None = None) -> BodyCap:
    """The ASGI app over `store` (wrapped in the body cap and the micro-cache); FogofwarError
    when the options do not go together (see ServeOptions)."""
    options = options or ServeOptions()
    options.check()
    basemap_file = basemap_path()
    basemap = Basemap(basemap_file) if basemap_file else None
    tiles = options.tile_url or ("/tiles/{z}/{x}/{y}.png" if basemap else "")

    app = FastAPIOffline(
        title="fogofwar",
        version=__version__,
        description="Source-attributed records of reporting on armed conflict (fogofwar.record/1).",
        static_url="/docs-static",
    )
    app.state.fogofwar = AppState(store, options, basemap, tiles)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(BadCursor, _bad_cursor)
    app.add_exception_handler(LinksNotBuilt, _links_not_built)
    # In this order, the order of /openapi.json's paths.
    app.include_router(routes_read.router)
    app.include_router(routes_desk.router)
    app.include_router(routes_ingest.router)
    app.include_router(routes_ui.router)
    # StaticFiles resolves every path inside its folder and refuses any that climbs out.
    app.mount("/static", StaticFiles(directory=routes_ui.STATIC), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount("/vendor/markercluster", StaticFiles(directory=leaflet_markercluster.BASE_DIR), name="cluster")
    security_headers = [
        (b"content-security-policy", _csp(tiles).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    ]
    # The cache keys a GET by the parameters its route reads, as the OpenAPI document lists them.
    cache = MicroCache(app, options.cache_seconds, query_names=lambda: openapi_query_names(app.openapi()))
    return BodyCap(cache, options.max_body, security_headers)


__all__ = ["ServeOptions", "create_app"]
