"""Articles in, Records out: the one code path behind the CLI, ``fogofwar.extract`` and ingest.

An article goes through the pipeline as one Doc, or, when it is long, as several Docs (pieces
cut at paragraph or sentence boundaries) whose records are merged back with every offset
shifted into the whole text. spaCy refuses a Doc over ``nlp.max_length`` (1,000,000 characters)
and its parser's memory grows much faster than the text ("He said. " x 50,000 peaked at 2.6 GB
as one Doc), so bounded pieces are what keep a 10 MiB article inside a fixed memory budget.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from fogofwar import language, parts
from fogofwar.errors import InputError
from fogofwar.model import Article, Cite, Entity, Record, from_plain
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


def with_language(article: Article, pipeline_language: str) -> Article:
    """The article with its language named (``fogofwar.language``): the language step."""
    named = language.article_language(article.title, article.text, article.language, pipeline_language)
    return replace(article, language=named)


def _was_read(doc: Doc, part: parts.RecordPart) -> bool:
    # A component that ran wrote its list on the Doc, empty or not (the default is None);
    # entities are spaCy's own, read when its NER ran.
    if part.doc_extension is None:
        return doc.has_annotation("ENT_IOB")
    return getattr(doc._, part.doc_extension) is not None


def parts_ran(doc: Doc) -> list[str]:
    """The record parts the pipeline read from this Doc, in ``parts.PARTS`` order, then "cites"."""
    ran = [part.name for part in parts.PARTS if _was_read(doc, part)]
    return [*ran, "cites"] if doc._.cites is not None else ran


def build_record(article: Article, doc: Doc) -> Record:
    """Read what the components wrote on the Doc into a Record (offsets relative to the Doc).

    An article not in the pipeline's language (``doc.lang_``) went through as an empty Doc: its
    record is the article, with its text, metadata and cites from markup, and no part read."""
    if article.language is not None and article.language != doc.lang_:
        return Record(article=replace(article, parts_ran=[]))
    cites = [Cite(*fields) for fields in doc._.cites or []]
    article = replace(
        article,
        cites=list(dict.fromkeys([*article.cites, *(c.name for c in cites)])),
        language=article.language or doc.lang_,
        parts_ran=parts_ran(doc),
    )
    # Entities are spaCy's own (doc.ents), not a component's; cites belong to the article.
    entities = [
        Entity(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS
    ]
    record = Record(article=article, entities=entities, cite_mentions=cites)
    for part in parts.PARTS:
        if part.doc_extension is not None:
            written = getattr(doc._, part.doc_extension) or []
            record.part(part.name).extend(from_plain(part.item, plain) for plain in written)
    return record


_CITE_OFFSETS = ("start", "end")


def _shifted(item: Any, offset: int, offsets: Iterable[str]) -> Any:
    """A copy of a record item with the given offset fields moved by `offset` ("speaker.start":
    the field of a nested item); an offset that is None stays None."""
    changes: dict[str, Any] = {}
    nested: dict[str, list[str]] = {}
    for path in offsets:
        name, _, sub = path.partition(".")
        if sub:
            nested.setdefault(name, []).append(sub)
        elif isinstance(getattr(item, name), int):
            changes[name] = getattr(item, name) + offset
    for name, subs in nested.items():
        if getattr(item, name) is not None:
            changes[name] = _shifted(getattr(item, name), offset, subs)
    return replace(item, **changes)


# Per part: how many items the merged record holds before a piece's (what the piece's indexes
# into that part move by), and the piece's ids -> their ids in the merged record.
_Bases = dict[str, int]
_NewIds = dict[str, dict[str, str]]


def _moved(
    part: parts.RecordPart, items: list[Any], offset: int, bases: _Bases, new_ids: _NewIds
) -> list[Any]:
    """A piece's items of one part as items of the whole record: offsets shifted into the whole
    text, ids numbered on, references moved with the items they point at."""
    moved: list[Any] = []
    for item in items:
        changes: dict[str, Any] = {}
        if part.id_prefix is not None:
            changes["id"] = new_ids[part.name][item.id]
        for name, target in part.index_fields.items():
            index = getattr(item, name)
            changes[name] = None if index is None else index + bases[target]
        for name, target in part.id_fields.items():
            old = getattr(item, name)
            changes[name] = new_ids[target].get(old, old) if old else None
        moved.append(replace(_shifted(item, offset, part.offsets), **changes))
    return moved


def merge_records(article: Article, piece_records: list[tuple[int, Record]]) -> Record:
    """One record from the records of an article's pieces, each given with its start in the text.

    Every part in ``parts.PARTS`` is carried over: offsets move into the whole text, ids are
    numbered on (c1, c2 ... across pieces), and references into other parts (a figure's parent,
    an event's place, a claim id) move so that they still point at the same items."""
    if len(piece_records) == 1 and piece_records[0][0] == 0:
        return piece_records[0][1]
    first = piece_records[0][1].article
    merged = Record(article=replace(article, language=first.language))
    cites: list[str] = list(article.cites)
    # A part counts as read when it was read in every piece.
    ran = list(first.parts_ran) if first.parts_ran is not None else None
    for offset, record in piece_records:
        cites.extend(record.article.cites)
        if ran is not None:
            ran = [name for name in ran if name in (record.article.parts_ran or [])]
        bases = {part.name: len(merged.part(part.name)) for part in parts.PARTS}
        new_ids = {
            part.name: {
                item.id: f"{part.id_prefix}{n}"
                for n, item in enumerate(record.part(part.name), bases[part.name] + 1)
            }
            for part in parts.PARTS
            if part.id_prefix is not None
        }
        for part in parts.PARTS:
            merged.part(part.name).extend(_moved(part, record.part(part.name), offset, bases, new_ids))
        merged.cite_mentions += [_shifted(c, offset, _CITE_OFFSETS) for c in record.cite_mentions]
    merged.article = replace(merged.article, cites=list(dict.fromkeys(cites)), parts_ran=ran)
    return merged


class ArticleError(InputError):
    """A component raised on one article: that article has no record, the run goes on."""

    def __init__(self, article: Article, component: str, error: BaseException) -> None:
        detail = " ".join(f"{type(error).__name__}: {error}".split())
        super().__init__(article.source or article.id, f"{component} failed ({detail}); no record")
        self.component = component
        self.article_hash = article.hash  # what ingest holds copies of the article by

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as the message it says (a Dask task's errors cross processes).
        return (InputError, (self.source, self.problem))


ArticleErrorHandler = Callable[[ArticleError], None]


@dataclass
class _Piece:
    """One Doc's worth of an article: what travels with it is only its number in the run (its
    ``seq``); the piece itself waits here, so that a Doc lost on the way can be made again."""

    article: Article
    start: int
    text: str
    last: bool


def _raise_unless_worker_batch(name: str | None, _proc: Any, _docs: Any, error: Exception) -> None:
    """spaCy's error handler for the pipeline (``Language.default_error_handler``).

    A component's error goes up as with spaCy's default. With ``n_process`` > 1 a worker sends
    back only the traceback of a failed batch (the handler then hears name None), and raising
    would end the whole run: it is passed over, the batch's Docs come back missing, and
    `extract_articles` re-runs each of them alone in this process to find the one that fails."""
    if name is not None:
        raise error


def _make_doc(nlp: Language, piece: _Piece) -> Doc:
    doc = nlp.make_doc(piece.text)
    doc._.text = piece.text  # read once (nlp.doctext): Doc.text rebuilds it at every access
    doc._.published = piece.article.published
    doc._.outlet = piece.article.outlet
    doc._.title = piece.article.title
    return doc


def _annotate_alone(nlp: Language, piece: _Piece) -> Doc | ArticleError:
    """One piece through the pipeline by itself, a component at a time, so that a failure
    names its component (``nlp(doc)`` would turn a component's KeyError into spaCy's E109)."""
    try:
        doc = _make_doc(nlp, piece)
    except Exception as exc:
        return ArticleError(piece.article, "tokenizer", exc)
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except Exception as exc:
            return ArticleError(piece.article, name, exc)
    return doc


def _piece_record(nlp: Language, piece: _Piece, doc: Doc | None) -> Record | ArticleError:
    """The record of a piece from its annotated Doc, or, for a Doc lost on the way (its batch
    failed), from the piece annotated again alone; the error of the component that fails."""
    annotated = _annotate_alone(nlp, piece) if doc is None else doc
    if isinstance(annotated, ArticleError):
        return annotated
    try:
        return build_record(piece.article, annotated)
    except Exception as exc:
        return ArticleError(piece.article, "record", exc)


class _Assembly:
    """Articles put back together from the results of their pieces, in order."""

    def __init__(self, on_error: ArticleErrorHandler | None) -> None:
        self.on_error = on_error
        self.done: list[tuple[int, Record]] = []
        self.failure: ArticleError | None = None

    def add(self, piece: _Piece, result: Record | ArticleError) -> Record | None:
        """Take a piece's result; the article's record once its last piece is in and none failed
        (a failure goes to `on_error`, or is raised without one)."""
        if isinstance(result, ArticleError):
            self.failure = self.failure or result  # the first failing piece speaks for the article
        else:
            self.done.append((piece.start, result))
        if not piece.last:
            return None
        done, failure = self.done, self.failure
        self.done, self.failure = [], None
        if failure is None:
            try:
                return merge_records(piece.article, done)
            except Exception as exc:
                failure = ArticleError(piece.article, "record", exc)
        if self.on_error is None:
            raise failure
        self.on_error(failure)
        return None


def extract_articles(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    batch_size: int = 32,
    pipeline: str | None = None,
    on_error: ArticleErrorHandler | None = None,
) -> Iterator[Record]:
    """Annotate a stream of articles lazily, in order (``workers`` > 1 uses spaCy's n_process).

    An article on which a component raises gets no record and costs only itself: it goes to
    `on_error` as an ArticleError naming the article and the component, and the stream goes on.
    Without `on_error` the ArticleError is raised (``fogofwar.extract``: one article, one answer).
    Docs run in batches, so a failure loses its batch (with ``workers`` > 1, the worker's batch);
    each Doc of a lost batch runs again alone, and only the one that fails again is lost."""
    nlp = build_pipeline(pipeline)
    reads = str(nlp.lang)  # the one language the components read
    # Only the pipeline's default handler (what our components and a worker's failed batch
    # hear): `Language.set_error_handler` would also set it on each trained component, which
    # spaCy 3.8's DependencyParser refuses (AttributeError: no attribute 'error_handler'); those
    # keep spaCy's default, which raises, and a batch that raises is re-run Doc by Doc.
    nlp.default_error_handler = _raise_unless_worker_batch
    # The pieces sent and not back yet, in order: a Doc that comes back with a later number
    # means that those before it were lost on the way.
    pending: deque[tuple[int, _Piece]] = deque()

    def docs() -> Iterator[tuple[Doc, int]]:
        seq = -1
        for article in articles:
            article = with_language(article, reads)
            # An article no component can read goes through as one empty Doc (build_record
            # makes its record): it keeps its place in the stream, and costs nothing.
            text = article.text if article.language == reads else ""
            spans = pieces(text, PIECE_CHARS)
            for n, (start, end) in enumerate(spans, 1):
                seq += 1
                piece = _Piece(article, start, text[start:end], n == len(spans))
                pending.append((seq, piece))
                try:
                    doc = _make_doc(nlp, piece)
                except Exception:
                    continue  # lost on the way: made again alone, where its error is said
                yield doc, seq

    annotated: Iterable[tuple[Doc, int]]
    if workers > 1:
        # spaCy's worker processes batch by count only: bound the count so that a batch of
        # full-size pieces stays within the character budget.
        size = min(batch_size, max(1, BATCH_CHARS // PIECE_CHARS))
        annotated = nlp.pipe(docs(), as_tuples=True, batch_size=size, n_process=workers)
    else:
        annotated = (pair for batch in _batches(docs(), batch_size) for pair in _batch_or_none(nlp, batch))
    assembly = _Assembly(on_error)
    for doc, seq in _then_end(annotated):
        # Up to this Doc's piece (all that remain at the end): the pieces before it were lost.
        while pending and (seq is None or pending[0][0] <= seq):
            number, piece = pending.popleft()
            record = assembly.add(piece, _piece_record(nlp, piece, doc if number == seq else None))
            if record is not None:
                yield record


def _then_end(annotated: Iterable[tuple[Doc, int]]) -> Iterator[tuple[Doc | None, int | None]]:
    """The annotated Docs, then (None, None) for the end of the stream."""
    yield from annotated
    yield None, None


def _batch_or_none(nlp: Language, batch: list[tuple[Doc, int]]) -> list[tuple[Doc, int]]:
    """A batch through the pipeline, or nothing when a component raises on one of its Docs
    (they are then made again and run alone; see `extract_articles`)."""
    try:
        return list(nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
    except Exception:
        return []


def _batches(docs: Iterable[tuple[Doc, int]], max_docs: int) -> Iterator[list[tuple[Doc, int]]]:
    """Docs grouped up to `max_docs` and up to BATCH_CHARS characters (a long Doc goes alone)."""
    batch: list[tuple[Doc, int]] = []
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
