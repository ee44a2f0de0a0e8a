"""The app as uvicorn's worker processes build it (`fogofwar serve --workers N`).

uvicorn starts each worker from an import string, so the options travel in one environment
variable that `serve` sets; the token stays in FOGOFWAR_TOKEN, where the user put it.
"""

from __future__ import annotations

import json
import os

from starlette.types import ASGIApp

from fogofwar.api.app import create_app
from fogofwar.store import Store

ENV = "FOGOFWAR_SERVE_OPTIONS"


def app_from_env() -> ASGIApp:
    options = json.loads(os.environ[ENV])
    store = Store(options["db"], migrate=False)  # `serve` migrated it before starting the workers
    return create_app(
        store,
        allow_ingest=options["allow_ingest"],
        token=os.environ.get("FOGOFWAR_TOKEN") or None,
        max_body=options["max_body"],
        tile_url=options["tile_url"],
        cache_seconds=options["cache_seconds"],
    )


__all__ = ["ENV", "app_from_env"]
