"""One ingest run: read inputs, skip what is stored, annotate the rest, store each atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from fogofwar.annotate import extract_articles
from fogofwar.errors import FogofwarError
from fogofwar.ingest import IngestOptions, articles_only, read_inputs
from fogofwar.model import Article
from fogofwar.store import Store

ErrorHandler = Callable[[FogofwarError], None]
ProgressHandler = Callable[[int, int], None]  # (done, total)


@dataclass
class IngestReport:
    read: int = 0  # articles read from the inputs
    stored: int = 0
    already: int = 0  # skipped: the same text is stored (or repeated in this batch)
    errors: list[FogofwarError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def ingest(
    store: Store,
    specs: Iterable[str],
    options: IngestOptions | None = None,
    *,
    workers: int = 1,
    pipeline: str | None = None,
    on_error: ErrorHandler = lambda _e: None,
    on_progress: ProgressHandler = lambda _d, _t: None,
) -> IngestReport:
    report = IngestReport()

    def failed(error: FogofwarError) -> None:
        report.errors.append(error)
        on_error(error)

    articles = list(articles_only(read_inputs(specs, options or IngestOptions()), failed))
    report.read = len(articles)
    # Resume: what is stored (by content) is not annotated again.
    stored = store.stored_hashes(a.hash for a in articles)
    todo: list[Article] = []
    copies: list[Article] = []
    seen: set[str] = set(stored)
    for article in articles:
        if article.hash in seen:
            report.already += 1
            copies.append(article)
        else:
            seen.add(article.hash)
            todo.append(article)
    on_progress(0, len(todo))
    for n, record in enumerate(extract_articles(todo, workers=workers, pipeline=pipeline), 1):
        try:
            if store.save(record):
                report.stored += 1
            else:
                report.already += 1
        except FogofwarError as exc:
            failed(exc)
        except SQLAlchemyError as exc:
            failed(
                FogofwarError(
                    f"{record.article.source or record.article.id}: not stored ({exc.__class__.__name__}: "
                    f"{str(getattr(exc, 'orig', exc)).splitlines()[0]})"
                )
            )
        on_progress(n, len(todo))
    # After the originals are in: a copy's id is kept as an alias of the stored article.
    for copy in copies:
        try:
            if not store.remember_copy(copy) and not store.stored_hashes([copy.hash]):
                # Its text came earlier in this batch under an id that failed to store: said,
                # not counted as stored.
                report.already -= 1
                failed(
                    FogofwarError(
                        f"{copy.source or copy.id}: not stored: the same text came earlier in this "
                        "batch under another id, which failed"
                    )
                )
        except FogofwarError as exc:  # a read-only store, say: one line, the batch goes on
            failed(exc)
    return report
