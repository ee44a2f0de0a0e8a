"""Ingest on a Dask cluster: ``fogofwar ingest PATH... --dask tcp://HOST:PORT | local:N``.

Dask does the scheduling; this module only cuts the work into tasks. The client reads the
inputs as a stream (as a single-process run does) and cuts the articles into partitions of
``partition_size``; each partition is one Dask task, which runs `batch.ingest_articles` on a
worker: the same resume-by-hash, the same one-transaction-per-article save. Workers need
neither the input files nor a shared disk, only fogofwar installed and the database in reach.

- Each worker loads the pipeline once: a worker plugin builds it when the worker starts (and
  again when a killed worker is restarted), and `nlp.build_pipeline` caches it per process.
- Memory stays flat on the client too: at most ``2 × workers`` partitions are in flight; the
  next one is read only when one finishes.
- A worker killed mid-task loses nothing stored (its open transaction rolls back) and Dask
  runs the partition again elsewhere, where the articles stored already are skipped by hash.
  A partition whose workers keep dying is reported as failed; the same command re-run
  finishes it.
- SQLite takes one writer at a time, so it is refused for more than one worker.
- Linking (``link``) is one pass on the client once every partition is in, as a single-process
  run links after its last article: `batch.link_stored`, the same code.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import count
from typing import TYPE_CHECKING
from uuid import uuid4

from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from fogofwar.batch import (
    ErrorHandler,
    IngestReport,
    ProgressHandler,
    chunked,
    ingest_articles,
    link_stored,
)
from fogofwar.errors import FogofwarError, is_warning
from fogofwar.ingest import IngestOptions, articles_only, read_inputs
from fogofwar.model import Article
from fogofwar.nlp import build_pipeline, load_config
from fogofwar.store import Store

if TYPE_CHECKING:
    from distributed import Worker

# Articles per task: a few seconds of work for one worker, so the progress bar moves and a
# killed worker costs little to redo, while a million articles stay ~15,000 tasks.
PARTITION_SIZE = 64
_TARGET = re.compile(r"local:(\d+)|(tcp|tls|ucx|inproc)://\S+")


@dataclass(frozen=True)
class DaskTarget:
    """Where to run: an existing scheduler's address, or a LocalCluster of N worker processes."""

    address: str | None = None
    local_workers: int | None = None

    @classmethod
    def parse(cls, spec: str) -> DaskTarget:
        match = _TARGET.fullmatch(spec.strip())
        if not match:
            raise FogofwarError(
                f"--dask {spec}: expected tcp://HOST:PORT (a scheduler) or local:N (N workers)"
            )
        if match.group(1) is None:
            return cls(address=spec.strip())
        workers = int(match.group(1))
        if workers < 1:
            raise FogofwarError(f"--dask {spec}: a LocalCluster needs at least 1 worker")
        return cls(local_workers=workers)


# --- on the workers ---------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _worker_store(url: str) -> Store:
    """One Store (one connection pool) per worker process and database, kept between tasks.
    The client migrated the schema before any task ran: workers never run Alembic, so they
    cannot race each other at it."""
    return Store(url, migrate=False)


# A worker may run several threads (`dask worker --nthreads`); spaCy's Language is not meant to
# be driven from two threads at once. Workers with one thread each (LocalCluster here, and
# what the README advises) never wait on it.
_PIPELINE_LOCK = threading.Lock()


class PipelineLoader(WorkerPlugin):
    """Worker plugin: build the pipeline and open the store when a worker starts (or restarts),
    so that each worker process loads the model once, before its first task."""

    name = "fogofwar-pipeline"

    def __init__(self, db_url: str, pipeline: str | None) -> None:
        self.db_url = db_url
        self.pipeline = pipeline

    def setup(self, worker: Worker) -> None:
        build_pipeline(self.pipeline)
        _worker_store(self.db_url)

    def teardown(self, worker: Worker) -> None:
        with contextlib.suppress(Exception):  # the worker is going away either way
            _worker_store(self.db_url).close()


@dataclass
class PartitionResult:
    """What a task sends back: counts, and errors as text (exceptions with their own
    constructor arguments do not survive pickling back to the client)."""

    stored: int = 0
    already: int = 0
    unstored: int = 0
    errors: list[str] = field(default_factory=list)


def ingest_partition(db_url: str, articles: list[Article], pipeline: str | None) -> PartitionResult:
    """One task: the batch code on one partition, each article in its own transaction."""
    with _PIPELINE_LOCK:
        report = ingest_articles(_worker_store(db_url), articles, pipeline=pipeline)
    return PartitionResult(report.stored, report.already, report.unstored, [str(e) for e in report.errors])


# --- on the client ----------------------------------------------------------------------------


def ingest_dask(
    store: Store,
    specs: Iterable[str],
    options: IngestOptions | None = None,
    *,
    dask: str,
    pipeline: str | None = None,
    partition_size: int = PARTITION_SIZE,
    link: bool = False,
    on_error: ErrorHandler = lambda _e: None,
    on_progress: ProgressHandler = lambda _d, _t: None,
    on_link_progress: ProgressHandler = lambda _d, _t: None,
) -> IngestReport:
    """Ingest `specs` into `store` (already migrated) on the Dask cluster that `dask` names, then
    link them on the client when asked."""
    target = check_target(store, dask)
    # A broken --pipeline file fails here, in one line, before a cluster starts (each worker
    # reads the same path: on a real cluster it must exist on every worker).
    load_config(pipeline)
    report = IngestReport()

    def failed(error: FogofwarError) -> None:
        if not is_warning(error):
            report.errors.append(error)
        on_error(error)

    with _client(target, dask) as client:
        workers = len(client.scheduler_info(n_workers=-1)["workers"])
        if store.engine.dialect.name == "sqlite" and workers > 1:
            _refuse_sqlite(store, dask, workers)
        client.register_plugin(PipelineLoader(store.url, pipeline))
        articles = articles_only(read_inputs(specs, options or IngestOptions()), failed)
        partitions = chunked(articles, partition_size)
        _run(client, store.url, partitions, max(workers, 1), pipeline, report, failed, on_progress)
        on_progress(report.done, report.read)
    if link:
        link_stored(store, report, on_error, on_link_progress)
    return report


def _run(
    client: Client,
    db_url: str,
    partitions: Iterator[list[Article]],
    workers: int,
    pipeline: str | None,
    report: IngestReport,
    failed: ErrorHandler,
    on_progress: ProgressHandler,
) -> None:
    run = uuid4().hex[:8]
    numbers = count(1)
    sizes: dict[str, tuple[int, str]] = {}
    futures = as_completed()

    def submit_next() -> None:
        partition = next(partitions, None)
        if partition is None:
            return
        report.read += len(partition)
        key = f"fogofwar-ingest-{run}-{next(numbers)}"
        first = partition[0].source or partition[0].id
        sizes[key] = (len(partition), first)
        # pure=False with our own key: the same articles sent again are new work, not a cache hit.
        futures.add(client.submit(ingest_partition, db_url, partition, pipeline, key=key, pure=False))

    # Two partitions per worker in flight: each worker has its next one at hand, and the client
    # holds no more than that.
    for _ in range(2 * workers):
        submit_next()
    for future in futures:
        size, first = sizes.pop(future.key)
        try:
            result: PartitionResult = future.result()
        except Exception as exc:  # KilledWorker, a lost connection, a bug: the partition failed
            report.unstored += size
            failed(
                FogofwarError(
                    f"{first} and the next {size - 1} articles: not all stored "
                    f"({exc.__class__.__name__}: {' '.join(str(exc).split())[:200]}); "
                    "re-run the same command to finish them"
                )
            )
        else:
            report.stored += result.stored
            report.already += result.already
            report.unstored += result.unstored
            for message in result.errors:
                failed(FogofwarError(message))
        future.release()
        on_progress(report.done, report.read)
        submit_next()


def check_target(store: Store, dask: str) -> DaskTarget:
    """The parsed --dask value; FogofwarError when it is malformed or when it would have more
    than one worker write to SQLite (a cluster's size is checked again once connected)."""
    target = DaskTarget.parse(dask)
    if store.engine.dialect.name == "sqlite" and (target.local_workers or 1) > 1:
        _refuse_sqlite(store, dask, target.local_workers)
    return target


def _refuse_sqlite(store: Store, dask: str, workers: int | None) -> None:
    writers = f"{workers} workers" if workers else "every worker"
    raise FogofwarError(
        f"{store.display_url}: SQLite takes one writer at a time, and --dask {dask} writes from "
        f"{writers}: use PostgreSQL (--db postgresql://USER@HOST/DB)"
    )


@contextlib.contextmanager
def _client(target: DaskTarget, spec: str) -> Iterator[Client]:
    if target.local_workers is not None:
        # Processes with one thread each: spaCy holds the GIL, so threads would not run in
        # parallel. The dashboard on any free port: distributed starts one even when given
        # None, and on its default 8787 it would fight other runs for the port and warn.
        with (
            LocalCluster(
                n_workers=target.local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(target.address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise FogofwarError(f"--dask {spec}: cannot reach the Dask scheduler ({exc})") from None
    with client:
        yield client
