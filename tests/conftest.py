"""Shared fixtures: real databases (SQLite files, a PostgreSQL server), a real HTTP server."""

from __future__ import annotations

import http.server
import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from fogofwar.cli import app
from fogofwar.store import Store
from fogofwar.store.schema import metadata

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# An admin URL of a PostgreSQL server the tests may create databases on (scripts/test starts
# a throwaway one). Without it the PostgreSQL half of the store tests is skipped locally, and
# fails in CI, where a skipped database would pass for a tested one.
PG_ADMIN_URL = os.environ.get("FOGOFWAR_TEST_PG")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: an SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not PG_ADMIN_URL:
        if os.environ.get("CI"):
            pytest.fail("FOGOFWAR_TEST_PG is not set in CI: the PostgreSQL store tests must run")
        pytest.skip("no PostgreSQL server (set FOGOFWAR_TEST_PG, or run scripts/test)")
    name = f"fogofwar_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def dump_store(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted, without the ingest time: what two stores must share."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted(
                    (
                        tuple(row)
                        for row in conn.execute(
                            select(*[c for c in table.columns if c.name != "ingested_at"])
                        )
                    ),
                    key=repr,
                )
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


@pytest.fixture
def sample_store(tmp_path: Path) -> Iterator[Store]:
    """An SQLite store holding the sample records that the API and security tests read."""
    from tests.serving import sample_records, save_all

    with Store(str(tmp_path / "store.db")) as s:
        save_all(s, sample_records())
        yield s


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process (the spaCy pipeline stays loaded); (exit code, stdout, stderr)."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


class _Handler(http.server.SimpleHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path.startswith("/slow"):  # answers after a second: for timeouts
            time.sleep(1.0)
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is expected, not an error


@pytest.fixture(scope="session")
def http_server() -> Iterator[tuple[str, dict[str, tuple[int, str, bytes]]]]:
    """A real HTTP server on loopback; tests register routes: path -> (status, content type, body)."""
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()
