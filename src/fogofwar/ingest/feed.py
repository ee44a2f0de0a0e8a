"""RSS and Atom feeds (feedparser): one article per entry, HTML summaries reduced to text."""

from __future__ import annotations

import html as html_lib
import re
import time
from collections.abc import Iterator

import feedparser

from fogofwar.errors import InputError
from fogofwar.ingest.encoding import without_declared_encoding
from fogofwar.model import Article

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6])\b[^>]*>", re.I)


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    # Full content when the feed carries it, else the summary. feedparser has already
    # sanitised the markup; what is left is reduced to paragraphs of plain text.
    content = entry.get("content")
    raw = content[0].get("value", "") if content else entry.get("summary", "")
    raw = _BLOCK.sub("\n\n", raw)
    text = html_lib.unescape(_TAG.sub("", raw))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _published(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def looks_like_feed(head: str) -> bool:
    head = head.lstrip()[:2048].lower()
    if head.startswith("<?xml"):
        return "<rss" in head or "<feed" in head or "<rdf" in head
    return head.startswith(("<rss", "<feed"))


def parse_feed(raw: str, source: str) -> Iterator[Article | InputError]:
    parsed = feedparser.parse(without_declared_encoding(raw))
    if not parsed.entries:
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            yield InputError(source, f"not a readable feed ({parsed.bozo_exception})")
        else:
            yield InputError(source, "feed has no entries")
        return
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{n}"
        text = _entry_text(entry)
        if not text:
            yield InputError(where, "feed entry has no text")
            continue
        link = entry.get("link") or None
        yield Article(
            id=entry.get("id") or link or where,
            text=text,
            title=entry.get("title") or None,
            outlet=outlet,
            published=_published(entry),
            url=link,
            language=parsed.feed.get("language") or None,
            source=where,
        )
