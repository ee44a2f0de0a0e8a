"""A micro-cache for the read routes: the same GET within a few seconds gets the same bytes.

The map's GeoJSON and the first page of the list are what every visitor asks for, and building
them (a query, then serialising thousands of features) costs far more than sending them. For
a store that changes when an ingest runs, answers up to `ttl` seconds old are fine; a write
through this server (POST /api/ingest) empties the cache at once.

ASGI-level, so a hit skips routing, validation and serialisation altogether.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 512
MAX_BODY = 8 * 1024 * 1024  # a larger answer is not kept


class MicroCache:
    def __init__(self, app: ASGIApp, ttl: float, prefix: str = "/api/") -> None:
        self.app = app
        self.ttl = ttl
        self.prefix = prefix
        self.entries: OrderedDict[bytes, tuple[float, Message, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        # One build per key at a time: when fifty clients ask for the map at once, one builds
        # it and the others wait for its bytes, instead of fifty builds racing to a timeout.
        self.building: dict[bytes, asyncio.Event] = {}

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
        key = scope["path"].encode() + b"?" + scope.get("query_string", b"")
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
        if start and start[0]["status"] == 200 and len(body) <= MAX_BODY:
            with self.lock:
                self.entries[key] = (now, start[0], body)
                self.entries.move_to_end(key)
                while len(self.entries) > MAX_ENTRIES:
                    self.entries.popitem(last=False)

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


__all__ = ["MicroCache"]
