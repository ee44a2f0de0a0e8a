"""Which URLs a server may fetch for a client: public addresses only.

A server that fetches any URL it is given can be pointed at what only it can reach (its own
loopback services, the private network, a cloud's metadata address at 169.254.169.254). The
check runs on every request httpx sends, so a public URL that redirects inward is refused
at the redirect, before anything is sent there.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection

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


def check_public_host(host: str, port: int) -> None:
    """Raise InputError unless every address `host` resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(host, f"cannot resolve the host ({exc})") from None
    for info in infos:
        address = str(info[4][0])
        why = _refusal(address)
        if why is not None:
            raise InputError(host, f"refused: resolves to {address}, {why}")


def public_only(allow: Collection[str] = ()) -> Callable[[httpx.Request], None]:
    """An httpx request hook refusing non-public targets; `allow` lists host:port pairs let through.

    `allow` exists for a known inside server an operator chooses to trust (and for tests that
    have no public server to redirect from); it is empty unless configured.
    """

    def hook(request: httpx.Request) -> None:
        url = request.url
        if url.scheme not in ("http", "https"):
            raise InputError(str(url), "refused: only http and https URLs are fetched")
        port = url.port or (443 if url.scheme == "https" else 80)
        if f"{url.host}:{port}" in allow:
            return
        check_public_host(url.host, port)

    return hook


__all__ = ["check_public_host", "public_only"]
