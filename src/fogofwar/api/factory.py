"""The app as uvicorn's worker processes build it (`fogofwar serve --workers N`).

uvicorn starts each worker from an import string, so the options travel in one environment
variable that `serve` sets (`ServeOptions.to_json`); the token stays in FOGOFWAR_TOKEN, where
the user put it.
"""

from __future__ import annotations

import os

from starlette.types import ASGIApp

from fogofwar.api.app import create_app
from fogofwar.api.options import ServeOptions
from fogofwar.store import Store

ENV = "FOGOFWAR_SERVE_OPTIONS"


def app_from_env() -> ASGIApp:
    db, options = ServeOptions.from_json(os.environ[ENV], token=os.environ.get("FOGOFWAR_TOKEN") or None)
    store = Store(db, migrate=False)  # `serve` migrated it before starting the workers
    return create_app(store, options)


__all__ = ["ENV", "app_from_env"]
