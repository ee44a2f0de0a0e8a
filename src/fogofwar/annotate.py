"""Articles in, Records out: the one code path behind the CLI, ``fogofwar.extract`` and ingest.

An article goes through the pipeline as one Doc, or, when it is long, as several Docs (pieces
cut at paragraph or sentence boundaries) whose records are merged back with every offset
shifted into the whole text. spaCy refuses a Doc over ``nlp.max_length`` (1,000,000 characters)
and its parser's memory grows much faster than the text ("He said. " x 50,000 peaked at 2.6 GB
as one Doc), so bounded pieces are what keep a 10 MiB article inside a fixed memory budget.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from fogofwar.errors import InputError
from fogofwar.model import Article, Cite, Claim, Entity, Event, Figure, Place, Record, TimeRef, from_plain
from fogofwar.nlp import build_pipeline
from fogofwar.textcheck import text_problem

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP"})

# Characters per Doc. News articles are a few thousand characters, so nearly all go through
# whole; the cap only bounds pathological inputs. Components see context up to this size.
PIECE_CHARS = 20_000
# Characters per batch of Docs. The parser and NER allocate per token of the whole batch (about
# 4 KiB a token for en_core_web_sm), so memory follows the characters in a batch, not the number
# of Docs: 23 pieces of 20,000 characters in one batch peaked at 2.4 GiB, one at a time at 0.27.
BATCH_CHARS = 100_000
# Where to cut a piece, best first: a paragraph break, a line break, a sentence end, a space.
_CUTS = ("\n\n", "\n", ". ", "? ", "! ", "; ", " ")


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces that cover `text`, each at most `limit` characters.

    A piece ends at the last paragraph break in its second half, else the last line break, else
    the last sentence end, else the last space, else (a run with no space at all) at `limit`.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        for sep in _CUTS:
            at = text.rfind(sep, start + limit // 2, end)
            if at >= 0:
                end = at + len(sep)
                break
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def build_record(article: Article, doc: Doc) -> Record:
    """Read what the components wrote on the Doc into a Record (offsets relative to the Doc)."""
    cites = [Cite(*fields) for fields in doc._.cites or []]
    article = replace(
        article,
        cites=list(dict.fromkeys([*article.cites, *(c.name for c in cites)])),
        language=article.language or doc.lang_,
    )
    entities = [
        Entity(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS
    ]
    return Record(
        article=article,
        places=[from_plain(Place, d) for d in doc._.places or []],
        times=[from_plain(TimeRef, d) for d in doc._.times or []],
        figures=[from_plain(Figure, d) for d in doc._.figures or []],
        claims=[from_plain(Claim, d) for d in doc._.claims or []],
        events=[from_plain(Event, d) for d in doc._.events or []],
        entities=entities,
        cite_mentions=cites,
    )


# What travels with each Doc through the pipeline: its article, where it starts in the article's
# text, and whether it is the article's last piece.
_Context = tuple[Article, int, bool]

_OFFSET_FIELDS = ("start", "end", "cue_start", "cue_end")


def _shift(item: Any, offset: int) -> Any:
    """A copy of a record item with every offset in it (nested ones too) moved by `offset`."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if f.name in _OFFSET_FIELDS and isinstance(value, int):
            changes[f.name] = value + offset
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes[f.name] = _shift(value, offset)
    return replace(item, **changes)


def merge_records(article: Article, parts: list[tuple[int, Record]]) -> Record:
    """One record from the records of an article's pieces, each given with its start in the text.

    Offsets move into the whole text; indexes into a part's list (a figure's parent, an event's
    place) and claim ids are renumbered so that they still point at the same items."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    merged = Record(article=replace(article, language=parts[0][1].article.language))
    cites: list[str] = list(article.cites)
    for offset, record in parts:
        cites.extend(record.article.cites)
        claim_ids = {c.id: f"c{len(merged.claims) + i + 1}" for i, c in enumerate(record.claims)}
        event_base = len(merged.events)
        places_base, figures_base = len(merged.places), len(merged.figures)
        merged.places += [_shift(p, offset) for p in record.places]
        merged.times += [_shift(t, offset) for t in record.times]
        for figure in record.figures:
            figure = _shift(figure, offset)
            figure.parent = None if figure.parent is None else figure.parent + figures_base
            figure.claim = claim_ids.get(figure.claim, figure.claim) if figure.claim else None
            merged.figures.append(figure)
        for claim in record.claims:
            merged.claims.append(replace(_shift(claim, offset), id=claim_ids[claim.id]))
        for n, event in enumerate(record.events, event_base + 1):
            event = replace(_shift(event, offset), id=f"e{n}")
            event.place = None if event.place is None else event.place + places_base
            event.claim = claim_ids.get(event.claim, event.claim) if event.claim else None
            merged.events.append(event)
        merged.entities += [_shift(e, offset) for e in record.entities]
        merged.cite_mentions += [_shift(c, offset) for c in record.cite_mentions]
    merged.article = replace(merged.article, cites=list(dict.fromkeys(cites)))
    return merged


def extract_articles(
    articles: Iterable[Article], *, workers: int = 1, batch_size: int = 32, pipeline: str | None = None
) -> Iterator[Record]:
    """Annotate a stream of articles lazily, in order (``workers`` > 1 uses spaCy's n_process)."""
    nlp = build_pipeline(pipeline)

    def docs() -> Iterator[tuple[Doc, _Context]]:
        for article in articles:
            spans = pieces(article.text)
            for n, (start, end) in enumerate(spans, 1):
                piece = article.text[start:end]
                doc = nlp.make_doc(piece)
                doc._.text = piece  # read once (nlp.doctext): Doc.text rebuilds it at every access
                doc._.published = article.published
                doc._.outlet = article.outlet
                doc._.title = article.title
                yield doc, (article, start, n == len(spans))

    if workers > 1:
        # spaCy's worker processes batch by count only: bound the count so that a batch of
        # full-size pieces stays within the character budget.
        size = min(batch_size, max(1, BATCH_CHARS // PIECE_CHARS))
        annotated = nlp.pipe(docs(), as_tuples=True, batch_size=size, n_process=workers)
    else:
        annotated = (
            pair
            for batch in _batches(docs(), batch_size)
            for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
        )
    parts: list[tuple[int, Record]] = []
    for doc, (article, start, last) in annotated:
        parts.append((start, build_record(article, doc)))
        if last:
            yield merge_records(article, parts)
            parts = []


def _batches(docs: Iterable[tuple[Doc, _Context]], max_docs: int) -> Iterator[list[tuple[Doc, _Context]]]:
    """Docs grouped up to `max_docs` and up to BATCH_CHARS characters (a long Doc goes alone)."""
    batch: list[tuple[Doc, _Context]] = []
    chars = 0
    for pair in docs:
        size = len(pair[0].text)
        if batch and (len(batch) >= max_docs or chars + size > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(pair)
        chars += size
    if batch:
        yield batch


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
    # The same refusal as ingest's: spaCy's tokenizer would raise UnicodeEncodeError on a lone
    # surrogate deep inside the pipeline.
    problem = text_problem(article, storing=False)
    if problem is not None:
        raise InputError(id, problem)
    return next(extract_articles([article]))
