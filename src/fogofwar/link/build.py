"""The ``fogofwar.links/1`` object for the stored articles, and the story items it is made of.

Each story's figure groups, contradictions and forecasts are worked out from its articles'
records (`story_items`) when something they depend on changes, and kept in the store
(``store.linking``): an article joining the story, an article entering the evidence of one of
its forecasts (the story buckets a forecast looks in are stored with it), a reference series
loaded. Indexing marks those stories (a generation number); `refresh`, run at the end of every
linking pass, computes the marked ones. A read (`links`) is then a lookup, whatever the store's
size; only a forecast's `open`/`due`, which depend on the newest article, are derived when read.

Several processes may refresh at once: each computes outside any lock, then writes a story's
items only if, under the store's link lock, the story's generation, its articles and every
forecast's evidence neighbourhood are still those it computed from; otherwise it computes again.
`fresh_links` computes the whole object from the records, as every read did before: the stored
one must equal it (tests hold them byte-identical).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from fogofwar import query
from fogofwar.errors import FogofwarError
from fogofwar.link.contradictions import contradictions
from fogofwar.link.embed import kept_in
from fogofwar.link.figures import figure_groups
from fogofwar.link.forecasts import forecasts, sentence_vectors, status_until_settled
from fogofwar.link.index import neighbour_lookups, story_neighbours
from fogofwar.link.signatures import vector_from_bytes
from fogofwar.model import Record
from fogofwar.store import Store, linking
from fogofwar.store.db import LINK_LOCK

LINKS_SCHEMA = "fogofwar.links/1"


@dataclass
class Story:
    id: str
    label: str
    articles: list[str]  # stored article ids, oldest first
    copies: dict[str, list[str]] = field(default_factory=dict)  # article id -> ids of exact copies

    @property
    def members(self) -> list[str]:
        """Every article id of the story, each original followed by its exact copies."""
        return [i for article in self.articles for i in (article, *self.copies.get(article, []))]


def _in_window(published: date | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if published is None:
        return False
    day = published.isoformat()
    return (since is None or day >= since) and (until is None or day <= until)


def stories(store: Store, since: str | None = None, until: str | None = None) -> list[Story]:
    rows = query.linked_articles(store)
    aliases = query.article_copies(store)
    by_story: dict[str, Story] = {}
    for story_id, article_id, title, published in rows:
        if not _in_window(published, since, until):
            continue
        story = by_story.setdefault(story_id, Story(story_id, title or article_id, []))
        story.articles.append(article_id)
        if aliases.get(article_id):
            story.copies[article_id] = aliases[article_id]
    return list(by_story.values())


def duplicates(store: Store, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    published = query.article_dates(store)
    out: list[dict[str, Any]] = []
    for article_id, alias_ids in query.article_copies(store).items():
        if _in_window(published.get(article_id), since, until):
            out += [{"a": article_id, "b": alias_id, "kind": "exact", "score": 1.0} for alias_id in alias_ids]
    for row in query.near_duplicates(store):
        if _in_window(published.get(row.b), since, until):
            out.append({"a": row.a, "b": row.b, "kind": row.kind, "score": row.score})
    return out


ITEM_KINDS = linking.ITEM_KINDS
# Records held at once while stories are computed (a few MiB each hundred).
CACHED_RECORDS = 2000
# Rounds of `refresh`: a story that other processes keep changing is left marked for the next pass.
REFRESH_ROUNDS = 20

ProgressHandler = Callable[[int, int], None]
# forecasts.sentence_vectors(): an article's plain sentences with their embeddings.
SentenceVectors = Callable[[Record], list[tuple[str, np.ndarray]]]


class LinksNotBuilt(FogofwarError):
    """The store was linked by an older fogofwar and holds no story items yet."""


def _not_built(store: Store) -> None:
    why = linking.items_missing(store)
    if why:
        raise LinksNotBuilt(
            f"{store.display_url}: the links of this store are not built yet ({why}): run `fogofwar relink`"
        )


def _empty_links(store: Store, today: str | None, since: str | None, until: str | None) -> dict[str, Any]:
    """The ``fogofwar.links/1`` object with its duplicates and no other item yet."""
    return {
        "schema": LINKS_SCHEMA,
        "as_of": today,
        "duplicates": duplicates(store, since, until),
        "stories": [],
        "figure_groups": [],
        "contradictions": [],
        "forecasts": [],
    }


def _status_now(item: dict[str, Any], today: str | None) -> dict[str, Any]:
    """A stored forecast as of `today`: `open` until its deadline passes, then `due`
    (``forecasts.status_until_settled``, applied when read, since the newest article moves on);
    a settled one as kept."""
    if item.get("status") not in ("open", "due"):
        return item
    status = status_until_settled(item.get("deadline"), today)
    return item if status == item["status"] else {**item, "status": status}


def _articles_of(kind: str, item: dict[str, Any]) -> list[str]:
    """The articles an item is about: all must be in a --since/--until window for it to be listed."""
    if kind == "figure_groups":
        return [m["article"] for m in item.get("members", []) if m.get("article") is not None]
    if kind == "contradictions":
        return [item["a"]["article"], item["b"]["article"]]
    return [item["article"]]


def links(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    articles: Collection[str] | None = None,
) -> dict[str, Any]:
    """The ``fogofwar.links/1`` object for the stored articles (published in [since, until]), read
    from the stored story items; LinksNotBuilt when a store linked by an older fogofwar has none.

    With `articles`, only the stories holding one of them (or an exact copy of one) are listed.
    In a window, an item is listed when the articles it names are all in it; a forecast keeps
    the settlement the whole store gives it."""
    _not_built(store)
    found = every = stories(store, since, until)
    if articles is not None:
        wanted = linking.stories_of(store, articles)
        found = [story for story in every if story.id in wanted]
    today = query.newest_published(store)
    out = _empty_links(store, today, since, until)
    kept = linking.stored_items(store, [story.id for story in found] if articles is not None else None)
    windowed = since is not None or until is not None
    shown = {i for story in found for i in story.articles}
    for story in found:
        out["stories"].append(_story_row(story))
        items = kept.get(story.id, {})
        for kind in ITEM_KINDS:
            for item in items.get(kind, []):
                if windowed and not all(a in shown for a in _articles_of(kind, item)):
                    continue
                out[kind].append(_status_now(item, today) if kind == "forecasts" else item)
    return out


def _story_row(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "label": story.label,
        "articles": story.members,
    }


class _StoreKeep:
    """The store's ``text_vectors`` as the embedder's keep (see embed.kept_in)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, keys: list[str]) -> dict[str, bytes]:
        return linking.text_vectors(self.store, keys)

    def put(self, vectors: dict[str, bytes]) -> None:
        linking.add_text_vectors(self.store, vectors)


@dataclass
class _Cache:
    """What stays true while stories are computed: stored records and lead embeddings do not
    change once stored, so one pass reads each once, whichever stories need it (at most
    CACHED_RECORDS records are held), and each article's sentences are embedded (or fetched) once."""

    store: Store
    records: dict[str, Record | None] = field(default_factory=dict)
    leads: dict[str, np.ndarray | None] = field(default_factory=dict)
    vectors: SentenceVectors = field(default_factory=sentence_vectors)

    def record(self, article_id: str) -> Record | None:
        if article_id not in self.records:
            if len(self.records) >= CACHED_RECORDS:
                self.records.clear()
                self.vectors = sentence_vectors()
            self.records[article_id] = query.get_record(self.store, article_id)
        return self.records[article_id]

    def lead(self, article_id: str) -> np.ndarray | None:
        if article_id not in self.leads:
            blob = query.lead_embedding(self.store, article_id)
            self.leads[article_id] = vector_from_bytes(blob)  # None when missing or damaged
        return self.leads[article_id]


@dataclass
class _Reader:
    """One story's computation: its reads, and the forecast evidence lookups it made."""

    cache: _Cache
    # What the evidence lookups returned: (article, claim vector, the neighbours found).
    neighbours: list[tuple[str, np.ndarray, list[str]]] = field(default_factory=list)
    # Per forecasting article: the buckets its forecasts look in, each with the fewest a new
    # article must share to be found there (the store's link_forecast_keys).
    keys: dict[str, dict[str, int]] = field(default_factory=dict)
    in_window: set[str] | None = None

    def record(self, article_id: str) -> Record | None:
        return self.cache.record(article_id)

    def evidence(self, of: Record, about: np.ndarray) -> list[Record]:
        with self.cache.store.engine.connect() as conn:
            lookups = neighbour_lookups(conn, of.article.id, about)
        near = list(dict.fromkeys(i for lookup in lookups for i in lookup.found))
        self.neighbours.append((of.article.id, about, near))
        floors = self.keys.setdefault(of.article.id, {})
        for lookup in lookups:
            for key in lookup.keys:
                floors[key] = min(lookup.floor, floors.get(key, lookup.floor))
        window = self.in_window
        return [r for r in (self.record(i) for i in near if window is None or i in window) if r is not None]

    def leads(self, article_id: str) -> np.ndarray | None:
        return self.cache.lead(article_id)


def _items(
    store: Store, records: list[Record], copies: frozenset[str], today: str | None, reader: _Reader
) -> dict[str, list[dict[str, Any]]]:
    """One story's figure groups, contradictions and forecasts, from its records."""
    return {
        "figure_groups": figure_groups(store, records, copies),
        "contradictions": contradictions(records, copies),
        "forecasts": forecasts(records, today, reader.evidence, reader.cache.vectors, reader.leads),
    }


@dataclass
class _Computed:
    story_id: str
    gen: int
    members: list[str]
    items: dict[str, list[dict[str, Any]]]
    reader: _Reader


def story_items(store: Store, story_id: str, gen: int = 0, cache: _Cache | None = None) -> _Computed:
    """Work out one story's items from its stored records (embeddings kept in the store)."""
    with store.engine.connect() as conn:
        members = linking.story_article_ids(conn, story_id)
        copies = frozenset(linking.copies_among(conn, members))
    reader = _Reader(cache or _Cache(store))
    records = [r for r in (reader.record(i) for i in members) if r is not None]
    with kept_in(_StoreKeep(store)):
        items = _items(store, records, copies, query.newest_published(store), reader)
    return _Computed(story_id, gen, members, items, reader)


def _save(store: Store, done: _Computed) -> bool:
    """Keep a story's items if what they were computed from still holds (see the module's docstring)."""
    with store.write_transaction(LINK_LOCK) as conn:
        if linking.story_generation(conn, done.story_id) != done.gen:
            return False
        if linking.story_article_ids(conn, done.story_id) != done.members:
            return False
        for article_id, about, near in done.reader.neighbours:
            if story_neighbours(conn, article_id, about) != near:
                return False
        linking.save_story_items(conn, done.story_id, done.gen, done.items, done.reader.keys, done.members)
    return True


def refresh(store: Store, on_progress: ProgressHandler = lambda _d, _t: None) -> int:
    """Compute and keep the items of every story marked out of date; the number kept."""
    kept = 0
    cache = _Cache(store)
    for _ in range(REFRESH_ROUNDS):
        stale = linking.stale_stories(store)
        if not stale:
            break
        on_progress(0, len(stale))
        for n, (story_id, gen) in enumerate(stale, 1):
            with linking.store_errors(f"story {story_id}: links not kept"):
                kept += _save(store, story_items(store, story_id, gen, cache))
            on_progress(n, len(stale))
    return kept


def relink(store: Store, on_progress: ProgressHandler = lambda _d, _t: None) -> int:
    """Rebuild every story's items, embeddings included (after a model or rule change); the
    number of stories built. Links the articles not linked yet first."""
    from fogofwar.link.index import link_pending

    link_pending(store, refresh_items=False)
    with linking.store_errors(f"{store.display_url}: not relinked"):
        linking.reset_items(store, vectors=True)
    return refresh(store, on_progress)


def fresh_links(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    articles: Collection[str] | None = None,
) -> dict[str, Any]:
    """The ``fogofwar.links/1`` object computed from the records, nothing kept: what `links` reads
    must equal it (the check of the stored links, and of a relink)."""
    found = every = stories(store, since, until)
    if articles is not None:
        wanted = set(articles)
        found = [
            story
            for story in every
            if wanted.intersection(story.articles)
            or any(wanted.intersection(c) for c in story.copies.values())
        ]
    today = query.newest_published(store)
    out = _empty_links(store, today, since, until)
    reader = _Reader(_Cache(store), in_window={i for story in every for i in story.articles})
    # Syndicated re-runs repeat their original: one more outlet printing a claim or a figure is not
    # one more source of it (one contradiction, one group member, not one per copy).
    copies = frozenset(d["b"] for d in out["duplicates"])
    for story in found:
        records = [r for r in (reader.record(i) for i in story.articles) if r is not None]
        out["stories"].append(_story_row(story))
        for kind, items in _items(store, records, copies, today, reader).items():
            out[kind] += items
    return out
