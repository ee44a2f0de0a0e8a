"""Articles in, Records out: the one code path behind the CLI, ``fogofwar.extract`` and ingest."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from fogofwar.model import Article, Cite, Entity, Record
from fogofwar.nlp import build_pipeline

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def build_record(article: Article, doc: Doc) -> Record:
    """Read what the components wrote on the Doc into a Record."""
    cites = [Cite(*fields) for fields in doc._.cites or []]
    article = replace(
        article,
        cites=list(dict.fromkeys([*article.cites, *(c.name for c in cites)])),
        language=article.language or doc.lang_,
    )
    entities = [
        Entity(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS
    ]
    return Record(article=article, entities=entities, cite_mentions=list(cites))


def extract_articles(
    articles: Iterable[Article], *, workers: int = 1, batch_size: int = 32, pipeline: str | None = None
) -> Iterator[Record]:
    """Annotate a stream of articles lazily, in order (``workers`` > 1 uses spaCy's n_process)."""
    nlp = build_pipeline(pipeline)
    stream = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=workers):
        yield build_record(article, doc)


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    id: str = "text",
) -> Record:
    """The record of one article given as a string: ``fogofwar.extract(text, published="2024-08-25")``."""
    article = Article(id=id, text=text, title=title, outlet=outlet, published=published, url=url, source=id)
    return next(extract_articles([article]))
