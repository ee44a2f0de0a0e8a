"""Incremental linking: each stored article not linked yet is compared with its LSH candidates.

Articles are linked oldest first (publication date, then id), so that in a duplicate pair `a` is
the earlier article and a story is named after its first article. Each article is linked in its
own transaction: a run stopped part-way leaves whole links, and the next run goes on from there.

Several processes may link one store at once (two ingests, an ingest and `fogofwar links`): each
article's transaction holds the store's write lock from its first statement (linking.link_article),
so the check that it is not linked yet and the writes that link it cannot be split, and processes
link in the same order, so the links are those one process alone would make. A row of the index
that cannot be read (a damaged signature) costs that row, with one warning, not the run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Connection

from fogofwar.link import signatures as sig
from fogofwar.link.embed import embed, lead
from fogofwar.store import Store, linking
from fogofwar.store.db import chunks

if TYPE_CHECKING:
    from datasketch import MinHash  # loaded by signatures when a MinHash is made

# Estimated Jaccard of word 5-shingles from which two articles are copies. A syndicated re-run
# with a new first line and a trimmed paragraph keeps well over half its shingles; two reports
# of the same event in different words share almost none.
DUP_JACCARD = 0.45
# An article joins the story of the earlier article it is most like, when their headline+lead
# embeddings have a cosine of STORY_COSINE or more after a penalty of DRIFT_PER_MONTH per 30 days
# between them. All war reporting reads alike to a sentence model (unrelated stories of one war
# reach cosines of 0.7); what sets stories apart is that their articles come close together in
# time: the summer's incursion and the spring's retreat from the same region are two stories.
STORY_COSINE = 0.60
DRIFT_PER_MONTH = 0.04
# A story's score is the mean of its best member's score and its members' average (single link
# and average link, half each): one article close to the newcomer is not enough when the rest of
# the story is about something else, which is how two stories of one region and one week chain
# into one. Members looked at per story: its newest ones, so that the cost stays bounded.
STORY_SAMPLE = 20
# Candidates looked at per article, most similar signatures first: bounds the cost per article.
MAX_CANDIDATES = 100
BATCH = 64

ProgressHandler = Callable[[int, int], None]
WarningHandler = Callable[[str], None]


def _print_warning(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


@dataclass
class _Damaged:
    """Signatures that cannot be read: skipped wherever they turn up, each reported once."""

    on_warning: WarningHandler
    seen: set[str] = field(default_factory=set)

    def skip(self, article_id: str, what: str) -> None:
        if article_id not in self.seen:
            self.seen.add(article_id)
            self.on_warning(
                f"{article_id}: its stored {what} cannot be read (a damaged row): left out of linking"
            )

    def vector(self, article_id: str, data: bytes | None) -> np.ndarray | None:
        vector = sig.vector_from_bytes(data)
        if vector is None:
            self.skip(article_id, "embedding")
        return vector

    def minhash(self, article_id: str, data: bytes | None) -> MinHash | None:
        minhash = sig.minhash_from_bytes(data)
        if minhash is None:
            self.skip(article_id, "minhash")
        return minhash


@dataclass
class _Pending:
    id: str
    title: str | None
    text: str
    outlet: str | None
    published: date | None


def link_pending(
    store: Store,
    on_progress: ProgressHandler = lambda _d, _t: None,
    on_warning: WarningHandler = _print_warning,
    *,
    refresh_items: bool = True,
) -> int:
    """Link every article not linked yet; the number this process linked. Then, with
    `refresh_items`, compute the items of the stories this (or another) pass marked out of date
    (``build.refresh``): the stories the new articles joined and those whose forecasts they may
    settle.

    A database failure is a StoreError naming the article; a damaged row of the index is one
    call of `on_warning` (a line on standard error by default) and is left out.
    """
    ids = linking.pending_ids(store)
    damaged = _Damaged(on_warning)
    done = 0
    on_progress(0, len(ids))
    for batch in chunks(ids, BATCH):
        articles = _load(store, batch)
        vectors = embed([lead(p.title, p.text) for p in articles])
        for article, vector in zip(articles, vectors, strict=True):

            def link(conn: Connection, article: _Pending = article, vector: np.ndarray = vector) -> None:
                _link_one(conn, article, vector, damaged)

            done += linking.link_article(store, article.id, link)
            on_progress(done, len(ids))
    if refresh_items:
        from fogofwar.link.build import refresh  # build reads the index: imported when used

        refresh(store)
    return done


def _load(store: Store, ids: Sequence[str]) -> list[_Pending]:
    rows = {
        r.id: _Pending(r.id, r.title, r.text, r.outlet, r.published)
        for r in linking.articles_to_link(store, ids)
    }
    return [rows[i] for i in ids if i in rows]


def _candidates(conn: Connection, keys: list[str], exclude: str) -> list[str]:
    """Articles sharing a bucket with these keys, those sharing the most first, at most
    MAX_CANDIDATES: a crowded bucket (one war's reporting reads alike) cannot grow the work."""
    return linking.bucket_candidates(conn, keys, exclude, MAX_CANDIDATES)


@dataclass
class Lookup:
    """One index lookup: the keys looked in, the candidates found (most buckets shared first), and
    the fewest buckets a new article must share with the keys to be among them."""

    keys: list[str]
    found: list[str]
    floor: int


def _lookup(conn: Connection, keys: list[str], exclude: str) -> Lookup:
    counted = linking.counted_candidates(conn, keys, exclude, MAX_CANDIDATES)
    floor = counted[-1][1] if len(counted) >= MAX_CANDIDATES else 1
    return Lookup(keys, [article_id for article_id, _ in counted], floor)


def neighbour_lookups(conn: Connection, article_id: str, vector: np.ndarray | None = None) -> list[Lookup]:
    """The lookups of `story_neighbours`: the article's own story buckets, then `vector`'s probe keys."""
    lookups: list[Lookup] = []
    keys = linking.story_bucket_keys(conn, article_id)
    if keys:
        lookups.append(_lookup(conn, keys, article_id))
    if vector is not None:
        lookups.append(_lookup(conn, sig.story_probe_keys(vector), article_id))
    return lookups


def story_neighbours(conn: Connection, article_id: str, vector: np.ndarray | None = None) -> list[str]:
    """Stored articles that share a story bucket with this one or with `vector` (an index lookup,
    at most MAX_CANDIDATES each): where a later report settling a forecast may be, in any story."""
    found = [i for lookup in neighbour_lookups(conn, article_id, vector) for i in lookup.found]
    return list(dict.fromkeys(found))


def _months_apart(a: date | None, b: date | None) -> float:
    return abs((a - b).days) / 30 if a and b else 0.0


def _score(article: _Pending, vector: np.ndarray, other: np.ndarray, published: date | None) -> float:
    cosine = float(np.dot(vector, other))
    return cosine - DRIFT_PER_MONTH * _months_apart(article.published, published)


def _best_story(
    conn: Connection,
    article: _Pending,
    vector: np.ndarray,
    candidates: list[Any],
    damaged: _Damaged | None = None,
) -> str | None:
    """The story whose members, as a whole, are closest; a candidate whose signature cannot be
    read is left out (`damaged` says so once)."""
    damaged = damaged or _Damaged(_print_warning)
    top: dict[str, float] = {}
    for row in candidates:
        other = damaged.vector(row.article_id, row.embedding)
        if other is None:
            continue
        score = _score(article, vector, other, row.published)
        top[row.story_id] = max(score, top.get(row.story_id, score))
    best, story = STORY_COSINE, None
    for story_id, single in top.items():
        if single < STORY_COSINE:
            continue  # the blend is never above the best member's score
        members = linking.story_members(conn, story_id, STORY_SAMPLE)
        vectors = [(damaged.vector(m.article_id, m.embedding), m.published) for m in members]
        scores = [_score(article, vector, v, published) for v, published in vectors if v is not None]
        scores = scores or [single]
        blended = (max(single, *scores) + sum(scores) / len(scores)) / 2
        if blended >= best:
            best, story = blended, story_id
    return story


def _link_one(conn: Connection, article: _Pending, vector: np.ndarray, damaged: _Damaged) -> None:
    """Link one article (linking.link_article runs this once it has checked it is not linked)."""
    m = sig.minhash(article.text)
    dkeys, skeys = sig.dup_keys(m), sig.story_keys(vector)
    dup_ids = _candidates(conn, dkeys, article.id)
    story_ids = _candidates(conn, sig.story_probe_keys(vector), article.id)
    known = linking.signatures(conn, list(dict.fromkeys(dup_ids + story_ids)))

    story: str | None = None
    best_copy = 0.0
    for other in dup_ids:
        row = known.get(other)
        theirs = None if row is None else damaged.minhash(other, row.minhash)
        if row is None or theirs is None:
            continue
        score = m.jaccard(theirs)
        if score < DUP_JACCARD:
            continue
        same_outlet = article.outlet is not None and (row.outlet or "").lower() == article.outlet.lower()
        kind = "near" if same_outlet else "syndicated"
        linking.add_duplicate(conn, other, article.id, kind, round(score, 3))
        if score > best_copy:
            best_copy, story = score, row.story_id
    if story is None:
        candidates = [known[i] for i in story_ids if i in known]
        story = _best_story(conn, article, vector, candidates, damaged)
    linking.add_signature(
        conn,
        article.id,
        sig.minhash_bytes(m),
        sig.vector_bytes(vector),
        story or article.id,
        list(dict.fromkeys(dkeys + skeys)),
    )
    # In the same transaction: the story it joined, and those with a forecast whose evidence
    # buckets it lands in (it may settle them), are out of date until `build.refresh`.
    linking.mark_stories(conn, {story or article.id} | linking.stories_with_forecasts_near(conn, skeys))
