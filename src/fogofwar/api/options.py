"""What a server is started with (`ServeOptions`) and what its routes share (`AppState`).

`fogofwar serve` builds one `ServeOptions`; `create_app` takes it, and uvicorn's worker
processes get it back from the environment (`factory.py`). The token never travels that way:
each worker reads it from FOGOFWAR_TOKEN, where the user put it.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field, fields, replace
from typing import Annotated, Any

from fastapi import Depends, Request

from fogofwar.api.limits import DEFAULT_MAX_BODY
from fogofwar.api.tiles import Basemap
from fogofwar.errors import FogofwarError
from fogofwar.store import Store

DEFAULT_CACHE_SECONDS = 5.0


@dataclass(frozen=True)
class ServeOptions:
    """`token` is required when `allow_ingest` is set; `cache_seconds` 0 turns the cache off;
    `fetch_allow` names hosts (host or host:port) that URL ingest may fetch although inside."""

    allow_ingest: bool = False
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    tile_url: str | None = None
    fetch_allow: frozenset[str] = frozenset()
    cache_seconds: float = DEFAULT_CACHE_SECONDS

    def check(self) -> None:
        if self.allow_ingest and not self.token:
            raise FogofwarError("--allow-ingest needs a token: set FOGOFWAR_TOKEN")

    def to_json(self, db_url: str) -> str:
        """The options and the database, for the environment of uvicorn's workers (no token)."""
        values: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "token"}
        values["fetch_allow"] = sorted(self.fetch_allow)
        return json.dumps({"db": db_url, "options": values})

    @classmethod
    def from_json(cls, text: str, token: str | None) -> tuple[str, ServeOptions]:
        """(the database URL, the options) that `to_json` wrote, with `token` added."""
        values = json.loads(text)
        options = cls(**values["options"])
        return values["db"], replace(options, token=token, fetch_allow=frozenset(options.fetch_allow))


@dataclass
class AppState:
    """One app's store, options and what its routes share, reached through `app_state`."""

    store: Store
    options: ServeOptions
    basemap: Basemap | None
    tiles: str  # the tile URL template the web UI is given ("" when there is no basemap)
    # One spaCy pipeline per process, one document at a time; ingest also links under it, so
    # that two posts to one server never link the same article at once.
    nlp_lock: threading.Lock = field(default_factory=threading.Lock)


async def app_state(request: Request) -> AppState:
    """The app's `AppState` (async: a plain function would cost every request a thread hop)."""
    state: AppState = request.app.state.fogofwar
    return state


State = Annotated[AppState, Depends(app_state)]
