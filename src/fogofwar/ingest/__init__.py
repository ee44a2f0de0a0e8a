"""Sources in, Articles out: files (text, HTML, JSONL, RSS/Atom), directories and URLs.

Every input yields Articles, or InputErrors in their place, so one bad file never stops a
batch: callers decide what to do with the errors (the CLI prints them, one line each).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from fogofwar.errors import InputError, InputWarning
from fogofwar.ingest.encoding import decode_input
from fogofwar.ingest.feed import looks_like_feed, parse_feed
from fogofwar.ingest.files import DEFAULT_MAX_BYTES, not_regular, read_bytes
from fogofwar.ingest.html import parse_html
from fogofwar.ingest.jsonl import parse_jsonl, stream_jsonl
from fogofwar.ingest.text import parse_text
from fogofwar.ingest.url import DEFAULT_TIMEOUT, fetch
from fogofwar.model import Article
from fogofwar.textcheck import text_problem

# .md is not walked into: folders of articles keep their README.md beside them. A .md given
# by name is read (its kind sniffed) like any other file.
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

__all__ = ["IngestOptions", "InputError", "articles_only", "read_inputs", "read_source"]


@dataclass
class IngestOptions:
    published: str | None = None  # YYYY-MM-DD for inputs that carry no date
    max_bytes: int = field(
        default_factory=lambda: int(os.environ.get("FOGOFWAR_MAX_BYTES", DEFAULT_MAX_BYTES))
    )
    timeout: float = DEFAULT_TIMEOUT
    # Sees every URL request (redirects too) and may refuse it: the API's public-only guard.
    url_guard: Callable[[httpx.Request], None] | None = None
    # Makes the transport URL fetches connect through: the API's connects only to the address
    # its guard checked (no second DNS answer between check and connection).
    url_transport: Callable[[], httpx.BaseTransport] | None = None


# Anything with a scheme ("file://", "ftp://", "s3://") is a URL, even if only http(s) is fetched.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _sniff(text: str) -> str:
    head = text.lstrip()[:1024].lower()
    if looks_like_feed(head):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def _kind(suffix: str, text: str) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return _sniff(text)


def _parse(raw: str, kind: str, source: str, url: str | None = None) -> Iterator[Article | InputError]:
    try:
        if kind == "jsonl":
            yield from parse_jsonl(raw, source)
        elif kind == "feed":
            yield from parse_feed(raw, source)
        elif kind == "html":
            yield parse_html(raw, article_id=url or source, source=source, url=url)
        else:
            yield parse_text(raw, article_id=url or source, source=source)
    except InputError as exc:
        yield exc


def _walk(root: Path, spec: str) -> Iterator[Path | InputError]:
    """The article files under `root`, in path order; links that lead outside it are refused.

    os.walk does not descend into linked directories, and a linked file is read only when it
    resolves inside the folder: a link to /etc/passwd dropped into a walked folder is not an
    article. Hidden files and folders are skipped. What is not a regular file (a FIFO, a
    device, a socket, a link to nothing) is named, not opened: opening a device can act on it.
    """
    inside = root.resolve()
    found: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(folder, n)
            for n in names
            if not n.startswith(".") and Path(n).suffix.lower() in KNOWN_SUFFIXES
        )
    if not found:
        yield InputError(spec, "directory holds no .txt, .html, .jsonl or feed files")
    for path in sorted(found):
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            yield InputError(str(path), f"symbolic link to a file outside {spec}, not followed")
        else:
            problem = _not_a_file(path)
            yield InputError(str(path), problem) if problem else path


def _not_a_file(path: Path) -> str | None:
    """Why `path` (inside a walked folder) is no article file, or None for a regular file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "symbolic link to nothing, not followed"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    return None if stat.S_ISREG(mode) else (not_regular(mode) or "not a regular file")


def _fetch(spec: str, options: IngestOptions) -> Iterator[Article | InputError]:
    warned: list[InputWarning] = []
    try:
        transport = options.url_transport() if options.url_transport else None
        got = fetch(spec, options.max_bytes, options.timeout, options.url_guard, transport)
        raw = decode_input(got.content, spec, got.charset, warnings=warned)
    except InputError as exc:
        yield exc
        return
    yield from warned
    ctype = got.content_type.lower()
    kind = (
        "feed"
        if ("rss" in ctype or "atom" in ctype or "xml" in ctype) and looks_like_feed(raw)
        else ("html" if "html" in ctype else _sniff(raw))
    )
    yield from _parse(raw, kind, spec, url=spec)


def _wide_bom(path: Path) -> bool:
    """Whether a file starts with a UTF-16 or UTF-32 byte-order mark: such JSON Lines are not
    UTF-8 line by line, and are read whole (under the cap) and decoded as the mark says."""
    try:
        if not path.is_file():  # never open a FIFO here: it would wait for a writer
            return False
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError:
        return False  # reading it will name the problem
    return head.startswith(
        (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    )


def read_source(spec: str, options: IngestOptions) -> Iterator[Article | InputError]:
    """One path (file or directory, recursed) or http(s) URL."""
    if spec.startswith(("http://", "https://")):
        yield from _fetch(spec, options)
        return
    if _URL.match(spec):
        scheme = spec.split(":", 1)[0]
        yield InputError(spec, f"{scheme}:// URLs are not supported (only http:// and https://; give a path)")
        return
    path = Path(spec)
    if path.is_dir():
        for item in _walk(path, spec):
            if isinstance(item, InputError):
                yield item
            else:
                yield from read_source(str(item), options)
        return
    line_records = path.suffix.lower() in JSONL_SUFFIXES
    if line_records and not _wide_bom(path):
        try:
            yield from stream_jsonl(path, spec, options.max_bytes)
        except InputError as exc:
            yield exc
        return
    warned: list[InputWarning] = []
    try:
        data = read_bytes(path, spec, options.max_bytes)
        raw = decode_input(data, spec, line_records=line_records, warnings=warned)
    except InputError as exc:
        yield exc
        return
    yield from warned  # bytes replaced: said, and the article is read
    yield from _parse(raw, _kind(path.suffix.lower(), raw), spec)


def articles_only(
    items: Iterable[Article | InputError], on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    """The articles of a read, lazily; each error goes to `on_error` where it occurs in the stream."""
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def read_inputs(specs: Iterable[str], options: IngestOptions | None = None) -> Iterator[Article | InputError]:
    """All inputs in order; `options.published` fills in articles that carry no date."""
    options = options or IngestOptions()
    for spec in specs:
        for item in read_source(spec, options):
            if isinstance(item, Article):
                # The one check every kind passes: text a database stores and a terminal prints.
                problem = text_problem(item)
                if problem:
                    yield InputError(item.source or item.id, problem)
                    continue
                if item.published is None and options.published:
                    item.published = options.published
            yield item
