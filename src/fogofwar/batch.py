"""One ingest run: read inputs, skip what is stored, annotate the rest, store each atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from fogofwar.annotate import extract_articles
from fogofwar.errors import FogofwarError, InputError
from fogofwar.ingest import IngestOptions, read_inputs
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


def split_inputs(
    specs: Iterable[str], options: IngestOptions, on_error: ErrorHandler, report: IngestReport
) -> list[Article]:
    articles: list[Article] = []
    for item in read_inputs(specs, options):
        if isinstance(item, InputError):
            report.errors.append(item)
            on_error(item)
        else:
            articles.append(item)
    report.read = len(articles)
    return articles


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
    articles = split_inputs(specs, options or IngestOptions(), on_error, report)
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
            report.errors.append(exc)
            on_error(exc)
        except SQLAlchemyError as exc:
            error = FogofwarError(
                f"{record.article.source or record.article.id}: not stored ({exc.__class__.__name__}: "
                f"{str(getattr(exc, 'orig', exc)).splitlines()[0]})"
            )
            report.errors.append(error)
            on_error(error)
        on_progress(n, len(todo))
    # After the originals are in: a copy's id is kept as an alias of the stored article.
    for copy in copies:
        store.remember_copy(copy)
    return report
