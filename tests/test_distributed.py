"""Ingest on Dask: a real LocalCluster of 2 worker processes writing to a real PostgreSQL.

The store a cluster builds must be the one a single process builds; a worker killed mid-run
must lose nothing stored and store nothing twice; SQLite with several writers is refused.
"""

from __future__ import annotations

import logging
import os
import signal
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from fogofwar.batch import ingest
from fogofwar.distributed import DaskTarget, ingest_dask
from fogofwar.errors import FogofwarError
from fogofwar.store import Store
from fogofwar.store.schema import articles
from tests.conftest import EXAMPLES, PG_ADMIN_URL, dump_store, invoke


@pytest.fixture(scope="module")
def new_pg_db() -> Iterator[Callable[[], str]]:
    """Fresh databases on the test PostgreSQL server, as many as a test asks for (dropped after).

    conftest's `db_url` gives one database per test; comparing a cluster's store with a single
    process's needs two.
    """
    if not PG_ADMIN_URL:
        if os.environ.get("CI"):
            pytest.fail("FOGOFWAR_TEST_PG is not set in CI: the Dask tests must run")
        pytest.skip("no PostgreSQL server (set FOGOFWAR_TEST_PG, or run scripts/test)")
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    names: list[str] = []

    def create() -> str:
        name = f"fogofwar_dask_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        names.append(name)
        return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)

    try:
        yield create
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes for the tests that reach a running scheduler: a cluster's start (each
    worker loading the model) is most of such a test's time, so they share one."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        # Any free port: None still starts the dashboard on 8787 (distributed 2026.8), where the
        # `--dask local:2` cluster that a test starts alongside this one would warn of a clash.
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def single_process(new_pg_db: Callable[[], str]) -> dict[str, list[tuple[object, ...]]]:
    """The example corpus ingested by one process into PostgreSQL: the store to match."""
    url = new_pg_db()
    with Store(url) as store:
        report = ingest(store, [str(EXAMPLES)])
    assert report.failed == 0 and report.stored > 20
    return dump_store(url)


@pytest.mark.postgres
def test_local_cluster_stores_what_one_process_stores(
    cli: CliRunner,
    new_pg_db: Callable[[], str],
    single_process: dict[str, list[tuple[object, ...]]],
    cluster: LocalCluster,
) -> None:
    """`--dask local:2` on the examples: the same articles and record parts as one process."""
    url = new_pg_db()
    code, _, err = invoke(cli, "ingest", str(EXAMPLES), "--db", url, "--dask", "local:2", "--no-link")
    assert code == 0, err
    assert f"{len(single_process['articles'])} stored, 0 already stored, 0 failed" in err
    assert dump_store(url) == single_process
    # A re-run on a cluster (a running scheduler's address, this time) annotates nothing and
    # stores nothing again.
    address = cluster.scheduler_address
    code, _, err = invoke(cli, "ingest", str(EXAMPLES), "--db", url, "--dask", address, "--no-link")
    assert code == 0 and f"0 stored, {len(single_process['articles'])} already stored" in err
    assert dump_store(url) == single_process


@pytest.mark.postgres
def test_a_killed_worker_loses_nothing_and_stores_nothing_twice(
    new_pg_db: Callable[[], str], single_process: dict[str, list[tuple[object, ...]]], cluster: LocalCluster
) -> None:
    """SIGKILL one of two workers once the first partition is in: the run (or a re-run) ends
    with the same store as one process, and what was stored before the kill is still there."""
    url = new_pg_db()
    engine = create_engine(url)
    before_kill: set[str] = set()
    with Client(cluster) as client, Store(url) as store:
        pids: dict[str, int] = client.run(os.getpid)
        killed: list[int] = []

        def kill_a_busy_worker(done: int, read: int) -> None:
            if killed or done == 0:
                return
            with engine.connect() as conn:
                before_kill.update(conn.execute(select(articles.c.id)).scalars())
            busy = [address for address, keys in client.processing().items() if keys]
            pid = pids[busy[0] if busy else next(iter(pids))]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

        report = ingest_dask(
            store,
            [str(EXAMPLES)],
            dask=cluster.scheduler_address,
            partition_size=2,  # 13 partitions: the kill lands with most of the work still to do
            on_progress=kill_a_busy_worker,
        )
        assert killed and len(before_kill) < len(single_process["articles"])
        if report.failed:  # Dask gave up on a partition: the same command finishes it
            report = ingest_dask(store, [str(EXAMPLES)], dask=cluster.scheduler_address)
            assert report.failed == 0
    with engine.connect() as conn:
        stored = set(conn.execute(select(articles.c.id)).scalars())
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == len(stored)
    engine.dispose()
    assert before_kill <= stored
    assert dump_store(url) == single_process


def test_sqlite_with_several_writers_is_refused(cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    code, _, err = invoke(cli, "ingest", str(EXAMPLES), "--db", str(db), "--dask", "local:2", "--no-link")
    assert code == 2 and len(err.splitlines()) == 1
    assert "SQLite takes one writer at a time" in err and "PostgreSQL" in err
    with Store(str(db)) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 0


@pytest.mark.parametrize("spec", ["local:0", "local", "host:8786", "tcp://"])
def test_a_malformed_dask_target_is_one_line(spec: str) -> None:
    with pytest.raises(FogofwarError, match=r"^--dask "):
        DaskTarget.parse(spec)
