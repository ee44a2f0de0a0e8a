"""HTML pages: trafilatura finds the article text and metadata, htmldate the publication date.

trafilatura runs with its balanced defaults (tables kept, comments left out), which scored
best against reference article bodies: `favor_precision` with tables off kept nothing of some
long articles, and of others only a copyright line (bench/wild_text.py measures both). Its fast
pass (its own extractor alone) comes first; when that finds less than SHORT_CHARS, the full
cascade (which compares it with readability and jusText) runs too, since a short fast result is
as often a teaser or the footer as the article.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date

from fogofwar.errors import InputError
from fogofwar.ingest.dates import normalise_published
from fogofwar.ingest.text import outlet_names, title_without_outlet
from fogofwar.model import Article

# Sizes are in characters other than spaces, not words: Japanese or Chinese text has no spaces
# between words, and a page of it would count as a handful of "words".
#
# Outside precision mode trafilatura rescues a page where it finds no article with whatever text
# the page has (its baseline, readability, jusText), menus included: below this size (about 25
# words of English), only what its precise pass also finds is taken as the article (a short
# notice in an <article>), never a menu ("Home").
MIN_ARTICLE_CHARS = 150
# Below this size (about 200 words of English) the fast pass is "short" and the full cascade
# runs. On the 200 pages of shared/data/wild, the full cascade turns fast results of that size
# into the article (an interview cut to its teaser, a story set in bare <div>s); above it what it
# adds is mostly the site's menus (bench/wild_text.py lists the pages).
SHORT_CHARS = 1200


def _size(text: str) -> int:
    return sum(len(word) for word in text.split())


def _extract(html: str, url: str | None, fast: bool, precise: bool = False) -> tuple[object | None, str]:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=precise,
        fast=fast,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    return doc, (text or "").strip()


def _article_text(html: str, url: str | None, source: str) -> tuple[object | None, str]:
    doc, text = _extract(html, url, fast=True)
    size = _size(text)
    if size < SHORT_CHARS:
        full_doc, full_text = _extract(html, url, fast=False)
        if _size(full_text) > size:
            doc, text, size = full_doc, full_text, _size(full_text)
    if size < MIN_ARTICLE_CHARS:
        doc, text = _extract(html, url, fast=True, precise=True)
    if not text:
        raise InputError(source, "no article text found in the HTML")
    return doc, text


def _title(doc: object | None, url: str | None) -> str | None:
    """The page's title without the outlet's name at its end, and only that.

    trafilatura already cuts a <title> at its last separator; what it leaves (an og:title, a
    headline) may still end in the site's name. Undoing its cut where what it cut is not the
    outlet was tried: on shared/data/wild it gave 28 titles their site name back (no
    og:site_name to compare with) for a handful of headlines made whole, so it is not done."""
    title: str | None = getattr(doc, "title", None) or None
    if title is None:
        return None
    host = (urlsplit(url).hostname if url else getattr(doc, "hostname", None)) or ""
    site = host.removeprefix("www.").split(".")[0] if host else None
    return title_without_outlet(title, outlet_names(getattr(doc, "sitename", None), site))


def parse_html(html: str, article_id: str, source: str, url: str | None = None) -> Article:
    doc, text = _article_text(html, url, source)
    published = normalise_published(getattr(doc, "date", None))
    if published is None:
        # htmldate looks at more places than trafilatura's metadata pass (URL, visible text).
        published = normalise_published(find_date(html, url=url, extensive_search=False))
    return Article(
        id=article_id,
        text=text,
        title=_title(doc, url),
        outlet=getattr(doc, "sitename", None) or None,
        published=published,
        url=url or getattr(doc, "url", None) or None,
        language=getattr(doc, "language", None) or None,
        source=source,
    )
