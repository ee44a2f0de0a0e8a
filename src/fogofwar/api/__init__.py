"""`fogofwar serve`: the HTTP API and web UI (see app.py)."""

from fogofwar.api.app import create_app
from fogofwar.api.options import ServeOptions

__all__ = ["ServeOptions", "create_app"]
