"""One ingest run: read inputs, skip what is stored, annotate the rest, store each atomically.

Streaming: inputs are read lazily and handled in chunks of ``chunk_size`` articles, so memory
stays flat whatever the corpus size. Per chunk, one query finds the texts stored already
(resume by content hash); only the rest goes to the NLP stage, which is one lazy stream for
the whole run (one pipeline, one set of ``--workers`` processes). Each record is saved in its
own transaction as it comes out, so a run killed at any point leaves only whole articles.

With ``link``, the run then links what is stored and not linked yet (`link_stored`), one pass
after the articles are in, so that an article is compared with every article of its batch.

This is the one ingest path: the CLI's `ingest` and `demo`, the API's ``POST /api/ingest`` and
every Dask worker (``distributed.py``, one partition of articles at a time, linking once on the
client after the partitions) all run `ingest_articles`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypedDict, Unpack

from fogofwar.annotate import ArticleError, extract_articles
from fogofwar.errors import FogofwarError, is_warning
from fogofwar.ingest import IngestOptions, articles_only, read_inputs
from fogofwar.model import Article, Record
from fogofwar.store import Store

ErrorHandler = Callable[[FogofwarError], None]
# (articles handled, articles read): both grow as the inputs stream in; the total is not known
# before the last input is read.
ProgressHandler = Callable[[int, int], None]
StoredHandler = Callable[[Article], None]

# Articles read and looked up in the store at a time. Large enough that the lookup query is
# cheap per article, small enough that a chunk of long articles stays a few MiB.
CHUNK_SIZE = 256


@dataclass
class IngestReport:
    read: int = 0  # articles read from the inputs
    stored: int = 0
    already: int = 0  # skipped: the same text is stored (or repeated in this batch)
    unstored: int = (
        0  # read, but not stored: a component failed on it or the store refused it (each has an error)
    )
    # Each error said: an unreadable input, an article a component failed on or the store refused,
    # a failed linking pass.
    errors: list[FogofwarError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    @property
    def done(self) -> int:
        """Articles handled so far: stored, found stored, or failed (a component or the store)."""
        return self.stored + self.already + self.unstored

    def add(self, other: IngestReport) -> None:
        self.read += other.read
        self.stored += other.stored
        self.already += other.already
        self.unstored += other.unstored
        self.errors += other.errors


def chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class RunOptions(TypedDict, total=False):
    """How a run goes, the same for `ingest` and `ingest_articles` (the defaults are the latter's)."""

    workers: int
    pipeline: str | None
    chunk_size: int
    link: bool
    on_error: ErrorHandler
    on_progress: ProgressHandler
    on_link_progress: ProgressHandler
    on_stored: StoredHandler


def _ignore_error(_error: FogofwarError) -> None:
    pass


def _ignore_progress(_done: int, _total: int) -> None:
    pass


def _ignore_stored(_article: Article) -> None:
    pass


def ingest(
    store: Store, specs: Iterable[str], options: IngestOptions | None = None, **run: Unpack[RunOptions]
) -> IngestReport:
    """Read `specs` (paths, URLs) and store the record of every article in them."""
    report = IngestReport()
    on_error = run.get("on_error", _ignore_error)

    def failed(error: FogofwarError) -> None:
        if not is_warning(error):  # a warned input's articles are read: the run has not failed
            report.errors.append(error)
        on_error(error)

    articles = articles_only(read_inputs(specs, options or IngestOptions()), failed)
    return ingest_articles(store, articles, report=report, **run)


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    report: IngestReport | None = None,
    workers: int = 1,
    pipeline: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    link: bool = False,
    on_error: ErrorHandler = _ignore_error,
    on_progress: ProgressHandler = _ignore_progress,
    on_link_progress: ProgressHandler = _ignore_progress,
    on_stored: StoredHandler = _ignore_stored,
) -> IngestReport:
    """Store the record of every article of a stream, chunk by chunk, then link them when asked
    (see the module's docstring); `on_stored` hears of each article stored anew."""
    report = report if report is not None else IngestReport()
    # Hash -> copies of it: the articles handed to the NLP stage and not stored yet. A copy of
    # one of them waits here (it becomes an alias once the original is in). Only the articles
    # in flight are held, so this stays as small as the NLP stage's buffer.
    in_flight: dict[str, list[Article]] = {}

    def failed(error: FogofwarError) -> None:
        report.unstored += 1
        report.errors.append(error)
        on_error(error)

    def copy_of_stored(article: Article, *, known_stored: bool) -> None:
        """Keep a copy's id as an alias of the stored article with the same text."""
        try:
            if (
                not store.remember_copy(article)
                and not known_stored
                and not store.stored_hashes([article.hash])
            ):
                # Its text came earlier in this batch under an id that failed to store: said,
                # not counted as stored.
                failed(
                    FogofwarError(
                        f"{article.source or article.id}: not stored: the same text came earlier in this "
                        "batch under another id, which failed"
                    )
                )
                return
        except FogofwarError as exc:  # a read-only store, say: one line, the batch goes on
            failed(exc)
            return
        report.already += 1

    def to_annotate() -> Iterator[Article]:
        for chunk in chunked(articles, chunk_size):
            report.read += len(chunk)
            stored = store.stored_hashes(a.hash for a in chunk)
            for article in chunk:
                if article.hash in stored:
                    copy_of_stored(article, known_stored=True)
                elif article.hash in in_flight:
                    in_flight[article.hash].append(article)
                else:
                    in_flight[article.hash] = []
                    yield article
            on_progress(report.done, report.read)

    def annotation_failed(error: ArticleError) -> None:
        failed(error)  # a component raised on it; its copies waiting here are not stored either
        for copy in in_flight.pop(error.article_hash, []):
            copy_of_stored(copy, known_stored=False)

    records = extract_articles(to_annotate(), workers=workers, pipeline=pipeline, on_error=annotation_failed)
    for record in records:
        if _save(store, record, report, failed):
            on_stored(record.article)
        # After the original is in: a copy's id is kept as an alias of the stored article.
        for copy in in_flight.pop(record.article.hash, []):
            copy_of_stored(copy, known_stored=False)
        on_progress(report.done, report.read)
    if link:
        link_stored(store, report, on_error, on_link_progress)
    return report


def _save(store: Store, record: Record, report: IngestReport, failed: ErrorHandler) -> bool:
    """Store one record; True when it is stored anew. The store turns every database error into
    a StoreError, and decides with the insert itself whether the text is new: a second writer
    storing the same text meanwhile makes this one an alias, not a conflict."""
    try:
        stored = store.save(record)
    except FogofwarError as exc:
        failed(exc)
        return False
    if stored:
        report.stored += 1
    else:
        report.already += 1
    return stored


def link_stored(
    store: Store,
    report: IngestReport,
    on_error: ErrorHandler = _ignore_error,
    on_progress: ProgressHandler = _ignore_progress,
) -> int:
    """Link every stored article not linked yet (see fogofwar.link); the number linked. A failure
    is one more error of the run: what the run stored stays stored, and `fogofwar links` links it."""
    from fogofwar.link.index import link_pending  # loads the embedding model: only when linking

    try:
        return link_pending(store, on_progress)
    except FogofwarError as exc:
        report.errors.append(exc)
        on_error(exc)
        return 0
