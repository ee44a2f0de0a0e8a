"""Which URLs a server may fetch for a client: public addresses only.

A server that fetches any URL it is given can be pointed at what only it can reach (its own
loopback services, the private network, a cloud's metadata address at 169.254.169.254). The
check runs on every request httpx sends, so a public URL that redirects inward is refused
at the redirect, before anything is sent there.

Checking a name and then letting the HTTP client resolve it again to connect leaves a window:
a name whose DNS answers change (DNS rebinding) can pass the check with a public address and
then connect to 127.0.0.1. `PublicOnly.transport` closes it: each connection resolves the name
once, checks every address, and connects to the checked one. The URL keeps its name, so the
Host header, TLS SNI and certificate checks are those of the name, not of the address.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection, Iterable
from typing import Any

import httpcore
import httpx

from fogofwar.errors import InputError


def _refusal(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global or ip.is_multicast:
        return "not a public address"
    return None


def public_address(host: str, port: int, refuse: Callable[[str], str | None] = _refusal) -> str:
    """The address to connect to for `host`: the first it resolves to, once every one of them
    has been found public (else InputError)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(host, f"cannot resolve the host ({exc})") from None
    for info in infos:
        address = str(info[4][0])
        why = refuse(address)
        if why is not None:
            raise InputError(host, f"refused: resolves to {address}, {why}")
    if not infos:
        raise InputError(host, "cannot resolve the host (no address)")
    return str(infos[0][4][0])


def check_public_host(host: str, port: int) -> None:
    """Raise InputError unless every address `host` resolves to is public."""
    public_address(host, port)


class _CheckedBackend(httpcore.NetworkBackend):
    """httpcore's own sockets, opened to the address the check found public, not to the name."""

    def __init__(self, allow: Collection[str], refuse: Callable[[str], str | None]) -> None:
        self._sockets = httpcore.SyncBackend()
        self._allow = allow
        self._refuse = refuse

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = host if f"{host}:{port}" in self._allow else public_address(host, port, self._refuse)
        return self._sockets.connect_tcp(
            address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise InputError(path, "refused: only http and https URLs are fetched")

    def sleep(self, seconds: float) -> None:
        self._sockets.sleep(seconds)


class PublicOnly:
    """Refuses non-public targets; `allow` lists host:port pairs let through.

    Called with a request, it is an httpx request hook (a refusal before anything is sent, for
    each redirect too); `transport()` gives the transport that connects only to checked
    addresses. `allow` exists for a known inside server an operator chooses to trust (and for
    tests that have no public server to redirect from); it is empty unless configured.
    `refuse` says why an address may not be fetched, or None: the tests' stand-in for the
    public internet is a loopback address.
    """

    def __init__(self, allow: Collection[str] = (), refuse: Callable[[str], str | None] = _refusal) -> None:
        self.allow = frozenset(allow)
        self.refuse = refuse

    def __call__(self, request: httpx.Request) -> None:
        url = request.url
        if url.scheme not in ("http", "https"):
            raise InputError(str(url), "refused: only http and https URLs are fetched")
        port = url.port or (443 if url.scheme == "https" else 80)
        if f"{url.host}:{port}" in self.allow:
            return
        public_address(url.host, port, self.refuse)

    def transport(self) -> httpx.BaseTransport:
        transport = httpx.HTTPTransport()
        # httpx has no parameter for httpcore's network backend: the pool it built is replaced
        # by the same pool over the checking backend (tests/test_api_security.py fails if a
        # new httpx stops using it).
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_CheckedBackend(self.allow, self.refuse),
        )
        return transport


def public_only(allow: Collection[str] = ()) -> PublicOnly:
    """The guard of the API's URL fetches (see PublicOnly)."""
    return PublicOnly(allow)


__all__ = ["PublicOnly", "check_public_host", "public_address", "public_only"]
