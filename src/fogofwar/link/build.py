"""The ``fogofwar.links/1`` object for the stored articles: read what indexing stored, and work out
figure groups, contradictions and forecasts story by story from the articles' records."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from fogofwar import query
from fogofwar.link.contradictions import contradictions
from fogofwar.link.figures import figure_groups
from fogofwar.link.forecasts import forecasts, sentence_vectors
from fogofwar.link.index import story_neighbours
from fogofwar.link.signatures import vector_from_bytes
from fogofwar.model import Record
from fogofwar.store import Store

LINKS_SCHEMA = "fogofwar.links/1"


@dataclass
class Story:
    id: str
    label: str
    articles: list[str]  # stored article ids, oldest first
    copies: dict[str, list[str]] = field(default_factory=dict)  # article id -> ids of exact copies


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


def links(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    articles: Collection[str] | None = None,
) -> dict[str, Any]:
    """The ``fogofwar.links/1`` object for the stored articles (published in [since, until]).

    With `articles`, only the stories holding one of them get their figure groups,
    contradictions and forecasts: those read every record of a story and embed sentences, so a
    page of the API pays for its own stories, not for the whole store."""
    found = every = stories(store, since, until)
    if articles is not None:
        wanted = set(articles)
        found = [
            story
            for story in every
            if wanted.intersection(story.articles)
            or any(wanted.intersection(c) for c in story.copies.values())
        ]
    today = query.newest_published(store)  # forecasts are judged against it
    out: dict[str, Any] = {
        "schema": LINKS_SCHEMA,
        "as_of": today,
        "duplicates": duplicates(store, since, until),
        "stories": [],
        "figure_groups": [],
        "contradictions": [],
        "forecasts": [],
    }
    in_window = {i for story in every for i in story.articles}  # what may settle a forecast
    loaded: dict[str, Record | None] = {}

    def record(article_id: str) -> Record | None:
        if article_id not in loaded:
            loaded[article_id] = query.get_record(store, article_id)
        return loaded[article_id]

    def evidence(of: Record, about: np.ndarray) -> list[Record]:
        with store.engine.connect() as conn:
            near = story_neighbours(conn, of.article.id, about)
        return [r for r in (record(i) for i in near if i in in_window) if r is not None]

    vectors = sentence_vectors()
    leads_cache: dict[str, np.ndarray | None] = {}

    def leads(article_id: str) -> np.ndarray | None:
        if article_id not in leads_cache:
            blob = query.lead_embedding(store, article_id)
            leads_cache[article_id] = vector_from_bytes(blob)  # None when missing or damaged
        return leads_cache[article_id]

    # Syndicated re-runs repeat their original: one more outlet printing a claim or a figure is not
    # one more source of it (one contradiction, one group member, not one per copy).
    copies = frozenset(d["b"] for d in out["duplicates"])
    for story in found:
        records: list[Record] = [r for r in (record(i) for i in story.articles) if r is not None]
        out["stories"].append(
            {
                "id": story.id,
                "label": story.label,
                "articles": [
                    i for article in story.articles for i in (article, *story.copies.get(article, []))
                ],
            }
        )
        out["figure_groups"] += figure_groups(store, records, copies)
        out["contradictions"] += contradictions(records, copies)
        out["forecasts"] += forecasts(records, today, evidence, vectors, leads)
    return out
