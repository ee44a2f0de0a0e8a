"""A micro-cache for the read routes: the same GET within a few seconds gets the same bytes.

The map's GeoJSON and the first page of the list are what every visitor asks for, and building
them (a query, then serialising thousands of features) costs far more than sending them. For
a store that changes when an ingest runs, answers up to `ttl` seconds old are fine; a write
through this server (POST /api/ingest) empties the cache at once.

ASGI-level, so a hit skips routing, validation and serialisation altogether. What it holds is
bounded in bytes, not only in entries, and an answer leaves it when it expires, requests or
not: a client that varies a parameter the route ignores (`?pad=1`, `?pad=2`, ...) gets the
one answer the route gives, under the one key, instead of filling memory with copies of it.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 512
MAX_BODY = 8 * 1024 * 1024  # a larger answer is not kept
MAX_BYTES = 64 * 1024 * 1024  # all kept answers together

# The query parameters each path reads: {path or path template: names}.
QueryNames = Mapping[str, frozenset[str]]


def openapi_query_names(openapi: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """The query parameters each GET path of an OpenAPI document reads (FastAPI's `app.openapi()`)."""
    return {
        path: frozenset(p["name"] for p in ops["get"].get("parameters", []) if p.get("in") == "query")
        for path, ops in openapi.get("paths", {}).items()
        if "get" in ops
    }


def _template(path: str) -> re.Pattern[str]:
    """/api/articles/{article_id} as a pattern: each {name} stands for one character or more."""
    return re.compile(".+".join(re.escape(part) for part in re.split(r"\{[^}]*\}", path)))


class _Keys:
    """Cache keys: the path and, of its query, only what the route reads, in a fixed order.

    A path the table does not name keeps its whole query (sorted): it is never wrong to tell
    two answers apart, only to take one for another."""

    def __init__(self, names: Callable[[], QueryNames] | None) -> None:
        self.names = names
        self.exact: dict[str, frozenset[str]] | None = None
        self.templates: list[tuple[re.Pattern[str], frozenset[str]]] = []

    def _load(self) -> dict[str, frozenset[str]]:
        table = dict(self.names()) if self.names else {}
        self.templates = [(_template(p), n) for p, n in table.items() if "{" in p]
        return {p: n for p, n in table.items() if "{" not in p}

    def _read(self, path: str) -> frozenset[str] | None:
        if self.exact is None:
            self.exact = self._load()
        if path in self.exact:
            return self.exact[path]
        return next((n for pattern, n in self.templates if pattern.fullmatch(path)), None)

    def __call__(self, scope: Scope) -> bytes:
        path: str = scope["path"]
        # As Starlette parses a query: the route sees these pairs, nothing else of the string.
        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        read = self._read(path)
        kept = sorted((p for p in pairs if read is None or p[0] in read), key=lambda p: p[0])
        return f"{path}?{urlencode(kept)}".encode("utf-8", "backslashreplace")


class MicroCache:
    def __init__(
        self,
        app: ASGIApp,
        ttl: float,
        prefix: str = "/api/",
        *,
        max_bytes: int = MAX_BYTES,
        query_names: Callable[[], QueryNames] | None = None,
    ) -> None:
        """`query_names` gives, when first needed, the query parameters each path reads (see
        `openapi_query_names`); without it every parameter is part of the key."""
        self.app = app
        self.ttl = ttl
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.key = _Keys(query_names)
        self.entries: OrderedDict[bytes, tuple[float, Message, bytes]] = OrderedDict()
        self.held_bytes = 0  # the bodies in `entries`
        self.lock = threading.Lock()
        # One build per key at a time: when fifty clients ask for the map at once, one builds
        # it and the others wait for its bytes, instead of fifty builds racing to a timeout.
        self.building: dict[bytes, asyncio.Event] = {}
        self._expiry: asyncio.TimerHandle | None = None
        self._expiry_loop: asyncio.AbstractEventLoop | None = None

    def _fresh(self, key: bytes) -> tuple[float, Message, bytes] | None:
        with self.lock:
            hit = self.entries.get(key)
            if hit is None or time.monotonic() - hit[0] >= self.ttl:
                return None
            self.entries.move_to_end(key)
            return hit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.ttl <= 0 or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self._write(scope, receive, send)
            return
        key = self.key(scope)
        hit = self._fresh(key)
        while hit is None and key in self.building:
            await self.building[key].wait()
            hit = self._fresh(key)
        if hit is not None:
            await send(hit[1])
            await send({"type": "http.response.body", "body": hit[2]})
            return
        done = self.building[key] = asyncio.Event()
        try:
            await self._build(key, scope, receive, send)
        finally:
            del self.building[key]
            done.set()

    async def _build(self, key: bytes, scope: Scope, receive: Receive, send: Send) -> None:
        now = time.monotonic()
        start: list[Message] = []
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.append(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        if start and start[0]["status"] == 200 and len(body) <= min(MAX_BODY, self.max_bytes):
            self._keep(key, (now, start[0], body))
            self._schedule_expiry()

    def _keep(self, key: bytes, entry: tuple[float, Message, bytes]) -> None:
        with self.lock:
            self._forget(key)
            self.entries[key] = entry
            self.held_bytes += len(entry[2])
            self._drop_expired(time.monotonic())
            while len(self.entries) > MAX_ENTRIES or self.held_bytes > self.max_bytes:
                self._forget(next(iter(self.entries)))  # the least recently used

    def _forget(self, key: bytes) -> None:
        gone = self.entries.pop(key, None)
        if gone is not None:
            self.held_bytes -= len(gone[2])

    def _drop_expired(self, now: float) -> float | None:
        """Forget every expired answer (the lock held); when the next one expires, if any."""
        for key in [k for k, (at, _, _) in self.entries.items() if now - at >= self.ttl]:
            self._forget(key)
        return min((at + self.ttl for at, _, _ in self.entries.values()), default=None)

    def _schedule_expiry(self) -> None:
        """A timer on the running loop that drops answers as they expire, whether or not another
        request comes: an idle server does not hold its last burst of answers."""
        loop = asyncio.get_running_loop()
        if self._expiry is not None and self._expiry_loop is loop:
            return
        with self.lock:
            due = self._drop_expired(time.monotonic())
        if due is not None:
            self._expiry_loop = loop
            self._expiry = loop.call_at(loop.time() + max(0.0, due - time.monotonic()), self._expire)

    def _expire(self) -> None:
        self._expiry = None
        self._schedule_expiry()

    async def _write(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A POST passes through; one that succeeded may have changed the store: forget everything."""
        status: list[int] = []

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status and 200 <= status[0] < 300:
            with self.lock:
                self.entries.clear()
                self.held_bytes = 0


__all__ = ["MicroCache", "openapi_query_names"]
