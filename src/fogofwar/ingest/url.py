"""Fetching an http(s) URL with httpx: a timeout, a size cap while streaming, clear errors."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from fogofwar import __version__
from fogofwar.errors import InputError
from fogofwar.ingest.files import human_size

DEFAULT_TIMEOUT = 20.0


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def fetch(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    headers = {"User-Agent": f"fogofwar/{__version__} (+https://pypi.org/project/fogofwar/)"}
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(
                    url,
                    f"response is {human_size(int(declared))}, over the "
                    f"{human_size(max_bytes)} cap (--max-bytes)",
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(url, f"response is over the {human_size(max_bytes)} cap (--max-bytes)")
                chunks.append(chunk)
            return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""))
    except InputError:
        raise
    except httpx.TimeoutException:
        raise InputError(url, f"no answer within {timeout:g} s (timeout)") from None
    except httpx.InvalidURL as exc:
        raise InputError(url, f"not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from None
