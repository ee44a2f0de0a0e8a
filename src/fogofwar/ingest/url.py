"""Fetching an http(s) URL with httpx: one deadline for the whole fetch, a size cap, clear errors."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

import httpx

from fogofwar import __version__
from fogofwar.errors import InputError
from fogofwar.ingest.files import over_cap

DEFAULT_TIMEOUT = 20.0


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str
    charset: str | None = None  # as the server declares it in Content-Type


class _Deadline:
    """Cuts the connection when the fetch as a whole has taken `seconds`.

    httpx's timeouts bound each network operation, so a server that sends one byte every few
    seconds keeps a fetch alive for ever. httpcore reports the socket it connected (its trace
    hook); when the deadline passes, a timer shuts that socket down, which ends whatever read
    is waiting on it at once, in the headers or the body alike.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith("connect_tcp.complete") or event.endswith("start_tls.complete"):
            sock = info["return_value"].get_extra_info("socket")
            with self._lock:
                if sock is not None:
                    self._sockets.append(sock)
                if self.expired:
                    self._cut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._cut()

    def _cut(self) -> None:
        for sock in self._sockets:
            with suppress(OSError):  # closed already
                sock.shutdown(socket.SHUT_RDWR)

    @contextmanager
    def running(self) -> Iterator[None]:
        self._timer.start()
        try:
            yield
        finally:
            self._timer.cancel()


def fetch(
    url: str,
    max_bytes: int,
    timeout: float = DEFAULT_TIMEOUT,
    guard: Callable[[httpx.Request], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """GET `url`; `guard` sees every request sent, redirects included, and may refuse it (InputError);
    `transport`, if given, is what connects (and proxies from the environment are not used: a
    proxy would resolve the name itself, past the transport's checks)."""
    hooks: dict[str, list[Callable[..., object]]] = {"request": [guard] if guard else []}
    headers = {"User-Agent": f"fogofwar/{__version__} (+https://pypi.org/project/fogofwar/)"}
    deadline = _Deadline(timeout)
    try:
        with (
            deadline.running(),
            httpx.Client(
                follow_redirects=True,
                timeout=timeout,
                headers=headers,
                event_hooks=hooks,
                transport=transport,
                trust_env=transport is None,
            ) as client,
            client.stream("GET", url, extensions={"trace": deadline.trace}) as response,
        ):
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(url, over_cap("response", max_bytes, int(declared)))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(url, over_cap("response", max_bytes))
                chunks.append(chunk)
            if deadline.expired:  # the cut may read as a clean end of a body of unknown length
                raise httpx.ReadTimeout("deadline")
            return Fetched(
                str(response.url),
                b"".join(chunks),
                response.headers.get("content-type", ""),
                response.charset_encoding,
            )
    except InputError:
        raise
    except httpx.InvalidURL as exc:
        raise InputError(url, f"not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:
        if deadline.expired or isinstance(exc, httpx.TimeoutException):
            raise InputError(url, f"no complete answer within {timeout:g} s (timeout)") from None
        raise InputError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from None
