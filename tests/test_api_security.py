"""What keeps `fogofwar serve` safe to run: each guarantee of the README, tested on a real server."""

from __future__ import annotations

import ast
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect

from fogofwar.api import ServeOptions, create_app
from fogofwar.api.guard import PublicOnly, check_public_host
from fogofwar.errors import FogofwarError, InputError
from fogofwar.ingest.url import fetch
from fogofwar.query import summary
from fogofwar.store import Store
from tests.conftest import ROOT
from tests.serving import serve

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def store(sample_store: Store) -> Store:
    return sample_store


@pytest.fixture
def read_only(store: Store) -> Iterator[httpx.Client]:
    with serve(create_app(store)) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _listening(port: int) -> list[str]:
    """Local addresses of the TCP sockets listening on `port`, from the kernel's own table."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                raw = bytes.fromhex(address)
                if width == 8:
                    found.append(socket.inet_ntop(socket.AF_INET, raw[::-1]))
                else:
                    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                    found.append(socket.inet_ntop(socket.AF_INET6, words))
    return found


def test_serve_listens_on_loopback_by_default(tmp_path: Path) -> None:
    Store(str(tmp_path / "s.db")).close()  # a read-only server opens a store, never makes one
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "FOGOFWAR_TOKEN"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "fogofwar", "serve", "--db", str(tmp_path / "s.db"), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _listening(port):
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        assert _listening(port) == ["127.0.0.1"]
        assert httpx.get(f"http://127.0.0.1:{port}/api/articles").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_allow_ingest_without_a_token_refuses_to_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FOGOFWAR_TOKEN"}
    done = subprocess.run(
        [sys.executable, "-m", "fogofwar", "serve", "--db", str(tmp_path / "s.db"), "--allow-ingest"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["error: --allow-ingest needs a token: set FOGOFWAR_TOKEN"]


def test_read_only_by_default(read_only: httpx.Client, store: Store) -> None:
    response = read_only.post("/api/ingest", json={"text": "Shelling hit Kharkiv overnight."})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert summary(store)["articles"] == 3


def test_ingest_needs_the_token(store: Store) -> None:
    with (
        serve(create_app(store, ServeOptions(allow_ingest=True, token=TOKEN))) as base,
        httpx.Client(base_url=base) as client,
    ):
        body = {"text": "Shelling hit Kharkiv overnight, the regional governor said.", "id": "posted/kharkiv"}
        assert client.post("/api/ingest", json=body).status_code == 401
        assert (
            client.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"}).status_code == 403
        )
        assert summary(store)["articles"] == 3
        ok = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
        assert ok.status_code == 200, ok.text
        assert ok.json()["stored"] == ["posted/kharkiv"]
        assert summary(store)["articles"] == 4
        assert client.get("/api/articles/posted/kharkiv").json()["article"]["text"] == body["text"]


def test_bodies_over_the_cap_get_413(store: Store) -> None:
    with (
        serve(create_app(store, ServeOptions(max_body=10_000))) as base,
        httpx.Client(base_url=base) as client,
    ):
        big = {"text": "x" * 20_000}
        declared = client.post("/api/extract", json=big)
        assert declared.status_code == 413
        assert "cap" in declared.json()["detail"]

        def chunked() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"text": "'
            for _ in range(30):
                yield b"y" * 1000
            yield b'"}'

        streamed = client.post(
            "/api/extract", content=chunked(), headers={"Content-Type": "application/json"}
        )
        assert streamed.status_code == 413


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/article",
        "http://localhost/article",
        "http://[::1]/article",
        "http://[::ffff:127.0.0.1]/article",
        "http://10.1.2.3/article",
        "http://192.168.0.10/article",
        "http://172.16.5.4/article",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/article",
        "http://0.0.0.0/article",
    ],
)
def test_private_loopback_and_link_local_urls_are_refused(store: Store, url: str) -> None:
    app = create_app(store, ServeOptions(allow_ingest=True, token=TOKEN))
    with (
        serve(app) as base,
        httpx.Client(base_url=base, headers={"Authorization": f"Bearer {TOKEN}"}) as client,
    ):
        response = client.post("/api/ingest", json={"url": url})
    assert response.status_code == 422
    assert "refused" in response.json()["detail"]
    assert summary(store)["articles"] == 3


class _Redirect(http.server.BaseHTTPRequestHandler):
    """Answers GET /to?url=U with a 302 to U: a site that sends its visitors elsewhere."""

    def do_GET(self) -> None:
        target = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["url"][0]
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


def test_redirects_to_inside_addresses_are_refused(
    store: Store, http_server: tuple[str, dict[str, tuple[int, str, bytes]]]
) -> None:
    article_base, routes = http_server
    routes["/odesa"] = (
        200,
        "text/html",
        b"<html><head><title>Strike on Odesa port</title></head><body><p>A missile hit the port "
        b"of Odesa overnight, officials said.</p></body></html>",
    )
    redirector = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirect)
    threading.Thread(target=redirector.serve_forever, daemon=True).start()
    hop = f"http://127.0.0.1:{redirector.server_address[1]}"
    # No public server is reachable from a test: the redirector and the article server stand in
    # for public sites, allowed by host:port as an operator could; every other target is checked.
    allowed = frozenset({hop.removeprefix("http://"), article_base.removeprefix("http://")})
    app = create_app(store, ServeOptions(allow_ingest=True, token=TOKEN, fetch_allow=allowed))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        with serve(app) as base, httpx.Client(base_url=base, headers=auth, timeout=120) as client:
            for target, why in (
                ("http://169.254.169.254/latest/meta-data/", "link-local"),
                (f"http://127.0.0.1:{_free_port()}/admin", "loopback"),
                ("http://10.0.0.7/internal", "private"),
            ):
                response = client.post("/api/ingest", json={"url": f"{hop}/to?url={target}"})
                assert response.status_code == 422, response.text
                assert "refused" in response.json()["detail"] and why in response.json()["detail"]
            assert summary(store)["articles"] == 3
            # The same redirect to an allowed site goes through: the refusals above are the guard's.
            ok = client.post("/api/ingest", json={"url": f"{hop}/to?url={article_base}/odesa"})
            assert ok.status_code == 200, ok.text
            assert summary(store)["articles"] == 4
    finally:
        redirector.shutdown()
        redirector.server_close()


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every GET with a short article and notes the Host header it was sent."""

    def do_GET(self) -> None:
        self.server.hosts.append(self.headers.get("Host", ""))  # type: ignore[attr-defined]
        body = b"<html><body><p>Shelling hit the outskirts of Kharkiv overnight.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


def test_a_name_that_rebinds_after_the_check_is_not_fetched_from_its_new_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two real servers on one port: 127.0.0.1 stands for a public site, 127.0.0.2 for what only
    # the server can reach. The DNS is the test's: "rebind.test" answers the public address
    # once, then the inside one, as a rebinding attacker's name server would.
    public = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    port = public.server_address[1]
    inside = http.server.ThreadingHTTPServer(("127.0.0.2", port), _Recorder)
    servers = (public, inside)
    for server in servers:
        server.hosts = []  # type: ignore[attr-defined]
        threading.Thread(target=server.serve_forever, daemon=True).start()
    answers: dict[str, list[str]] = {}
    real_getaddrinfo = socket.getaddrinfo

    def dns(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host in ("rebind.test", "stable.test"):
            seen = answers.setdefault(host, [])
            seen.append("127.0.0.2" if host == "rebind.test" and seen else "127.0.0.1")
            return real_getaddrinfo(seen[-1], *args, **kwargs)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", dns)
    guard = PublicOnly(refuse=lambda a: "the inside address" if a == "127.0.0.2" else None)
    try:
        # Through the guard's transport: the connection's own lookup is checked, so the new
        # answer is refused and nothing reaches the inside server.
        with pytest.raises(InputError, match=re.escape("refused: resolves to 127.0.0.2, the inside address")):
            fetch(f"http://rebind.test:{port}/a", 10_000, 10, guard, guard.transport())
        assert inside.hosts == [] and public.hosts == []  # type: ignore[attr-defined]
        # A name that keeps its address is fetched, by name: the Host header is the URL's.
        got = fetch(f"http://stable.test:{port}/a", 10_000, 10, guard, guard.transport())
        assert b"Kharkiv" in got.content
        assert public.hosts == [f"stable.test:{port}"]  # type: ignore[attr-defined]
        assert answers["stable.test"] == ["127.0.0.1", "127.0.0.1"]  # the hook's check, the connection's
        # The window this closes: with the check alone, the client's own lookup connects inside.
        answers.clear()
        fetch(f"http://rebind.test:{port}/a", 10_000, 10, guard)
        assert inside.hosts == [f"rebind.test:{port}"]  # type: ignore[attr-defined]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def test_the_guard_accepts_a_public_address() -> None:
    check_public_host("93.184.215.14", 80)  # a literal public address: no DNS needed
    with pytest.raises(InputError, match="private"):
        check_public_host("10.0.0.1", 80)


BAD_PARAMS = [
    ("/api/articles", {"since": "2024-02-30"}),
    ("/api/articles", {"until": "yesterday"}),
    ("/api/articles", {"limit": "0"}),
    ("/api/articles", {"limit": "99999999999999999999999"}),
    ("/api/articles", {"limit": "ten"}),
    ("/api/articles", {"cursor": "bm90IGEgY3Vyc29y"}),
    ("/api/articles", {"cursor": "W251bGwsIDFd"}),  # [null, 1]: well-formed JSON, wrong types
    ("/api/articles", {"cursor": "WyIyMDI0LTEzLTk5IiwgIngiXQ"}),  # a date that is not one
    ("/api/figures", {"side": "Ukraine"}),
    ("/api/figures", {"cursor": "%%%"}),
    ("/api/reference", {"side": "RUS"}),
    ("/api/reference", {"since": "2024-09-01", "until": "2024-08-01"}),
    ("/api/reference", {"limit": "0"}),
    ("/api/reference", {"cursor": "W251bGwsIG51bGwsIG51bGxd"}),  # [null, null, null]
    ("/api/places.geojson", {"limit": "-1"}),
    ("/api/timeline", {"outlet": "x" * 300}),
]


@pytest.mark.parametrize(("route", "params"), BAD_PARAMS)
def test_malformed_parameters_get_422_with_a_message(
    read_only: httpx.Client, route: str, params: dict[str, str]
) -> None:
    response = read_only.get(route, params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    assert next(iter(params)) in detail


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    route=st.sampled_from(
        ["/api/articles", "/api/figures", "/api/places.geojson", "/api/timeline", "/api/reference"]
    ),
    name=st.sampled_from(
        ["since", "until", "outlet", "q", "limit", "cursor", "side", "category", "event_type"]
    ),
    value=st.text(max_size=40),
)
def test_no_parameter_value_gives_500(read_only: httpx.Client, route: str, name: str, value: str) -> None:
    response = read_only.get(route, params={name: value})
    assert response.status_code in (200, 422), (route, name, value, response.text)


@pytest.mark.parametrize(
    "raw_path",
    [
        "/static/../api/app.py",
        "/static/%2e%2e/api/app.py",
        "/static/..%2fapi%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2f__init__.py",
        "/static/....//....//etc/passwd",
        "/vendor/leaflet/../__init__.py",
        "/vendor/leaflet/%2e%2e/__init__.py",
        "/static/%252e%252e/api/app.py",
        "/static//etc/passwd",
    ],
)
def test_static_paths_cannot_climb_out(read_only: httpx.Client, raw_path: str) -> None:
    # A raw request line: an HTTP client would normalise the dots away before sending.
    host, port = str(read_only.base_url).removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(f"GET {raw_path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    assert status in (400, 404), reply[:300]
    assert b"import" not in reply and b"root:" not in reply


def test_hostile_text_in_parameters_is_data_not_sql(read_only: httpx.Client, store: Store) -> None:
    for value in ("'; DROP TABLE articles; --", "x' OR '1'='1", '" OR 1=1 --', "%' OR 1=1 --"):
        for name in ("outlet", "q", "category", "event_type"):
            response = read_only.get("/api/articles", params={name: value})
            assert response.status_code == 200
            assert response.json()["items"] == []
    assert "articles" in inspect(store.engine).get_table_names()
    assert summary(store)["articles"] == 3


def _formatted(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)))
        or (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
        )
    )


def test_no_sql_is_built_by_string_formatting() -> None:
    """The read side builds SQL with SQLAlchemy expressions; SQL text, where there is any, is a literal."""
    src = ROOT / "src" / "fogofwar"
    files = [
        src / "query.py",
        src / "store" / "linking.py",
        *sorted((src / "api").glob("*.py")),
        *sorted((src / "report").glob("*.py")),
    ]
    problems = []
    for file in files:
        tree = ast.parse(file.read_text(), str(file))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                first = node.args[0] if node.args else None
                if name in ("execute", "exec_driver_sql", "executescript", "text") and (
                    (first is not None and _formatted(first))
                    or (name == "text" and not isinstance(first, ast.Constant))
                ):
                    problems.append(f"{file.name}:{node.lineno}")
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "sqlalchemy"
                and any(alias.name == "text" for alias in node.names)
            ):
                problems.append(f"{file.name}:{node.lineno}: imports sqlalchemy.text")
    assert problems == []


def test_create_app_refuses_ingest_without_token(store: Store) -> None:
    with pytest.raises(FogofwarError, match="FOGOFWAR_TOKEN"):
        create_app(store, ServeOptions(allow_ingest=True, token=None))


def test_workers_get_the_options_but_not_the_token() -> None:
    """`serve --workers N` hands its options to uvicorn's workers in the environment: all of them,
    the token excepted (each worker reads FOGOFWAR_TOKEN itself)."""
    options = ServeOptions(
        allow_ingest=True,
        token=TOKEN,
        max_body=4096,
        tile_url="https://tiles.example/{z}/{x}/{y}.png",
        fetch_allow=frozenset({"news.example:8080"}),
        cache_seconds=0.5,
    )
    sent = options.to_json("sqlite:///s.db")
    assert TOKEN not in sent
    assert ServeOptions.from_json(sent, token=TOKEN) == ("sqlite:///s.db", options)
    assert ServeOptions.from_json(sent, token=None)[1].token is None
