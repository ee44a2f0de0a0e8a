"""What the web UI loads besides the API: its page, its map's configuration and basemap tiles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response

from fogofwar.api.options import State
from fogofwar.api.tiles import ATTRIBUTION, MAX_ZOOM

STATIC = Path(__file__).parent / "static"

router = APIRouter()


@router.get("/api/config", include_in_schema=False)
def api_config(state: State) -> dict[str, Any]:
    max_zoom = MAX_ZOOM if not state.options.tile_url else 18
    return {"tiles": state.tiles, "attribution": ATTRIBUTION, "max_zoom": max_zoom}


@router.get("/tiles/{z}/{x}/{y}.png", include_in_schema=False)
def tile(state: State, z: int, x: int, y: int) -> Response:
    data = state.basemap.tile(z, x, y) if state.basemap else None
    if data is None:
        raise HTTPException(404, "no such tile in the offline basemap")
    return Response(data, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html")
