"""`fogofwar serve`: the HTTP API and web UI (see app.py)."""

from fogofwar.api.app import create_app

__all__ = ["create_app"]
