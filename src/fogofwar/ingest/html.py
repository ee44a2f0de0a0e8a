"""HTML pages: trafilatura finds the article text and metadata, htmldate the publication date."""

from __future__ import annotations

import trafilatura
from htmldate import find_date

from fogofwar.errors import InputError
from fogofwar.ingest.dates import normalise_published
from fogofwar.model import Article

# trafilatura's fallback extractors (readability, jusText) return whatever text a page has,
# menus included, when the main extractor finds no article; below this many words we call
# that "no article" rather than store a menu as one.
MIN_FALLBACK_WORDS = 25


def _extract(html: str, url: str | None, fast: bool) -> tuple[object | None, str]:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        fast=fast,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    return doc, (text or "").strip()


def parse_html(html: str, article_id: str, source: str, url: str | None = None) -> Article:
    doc, text = _extract(html, url, fast=True)
    if not text:
        doc, text = _extract(html, url, fast=False)
        if len(text.split()) < MIN_FALLBACK_WORDS:
            raise InputError(source, "no article text found in the HTML")
    published = normalise_published(getattr(doc, "date", None))
    if published is None:
        # htmldate looks at more places than trafilatura's metadata pass (URL, visible text).
        published = normalise_published(find_date(html, url=url, extensive_search=False))
    return Article(
        id=article_id,
        text=text,
        title=getattr(doc, "title", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        published=published,
        url=url or getattr(doc, "url", None) or None,
        language=getattr(doc, "language", None) or None,
        source=source,
    )
