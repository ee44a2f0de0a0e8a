"""Ingest streams: memory stays flat with the corpus size, a killed run resumes, copies across
chunks become aliases, and progress counts articles as they are handled."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from sqlalchemy import create_engine, func, select

from fogofwar.batch import ingest, ingest_articles
from fogofwar.model import Article
from fogofwar.store import Store
from fogofwar.store.schema import article_aliases, articles
from tests.conftest import dump_store

FOGOFWAR = [sys.executable, "-m", "fogofwar"]
# Long words (each a pair of real ones, ~28 characters): what a non-streaming ingest would hold
# is bytes of text, what the NLP stage costs is tokens; few tokens to the kilobyte keep the
# test fast.
_ROOTS = [
    "counteroffensive",
    "reconnaissance",
    "bombardment",
    "infrastructure",
    "humanitarian",
    "administration",
    "electrification",
    "reinforcements",
    "fortifications",
    "investigation",
    "transportation",
    "interceptions",
    "surveillance",
    "responsibilities",
    "representatives",
    "demilitarisation",
    "telecommunications",
    "disinformation",
]
WORDS = [a + b for a in _ROOTS for b in _ROOTS]


def corpus(folder: Path, n: int, words: int = 280, seed: int = 0) -> Path:
    """A folder of N distinct text articles of ~8 KB, drawn from a fixed vocabulary.

    Distinct, so that every one is annotated and stored (no copy is skipped); a fixed
    vocabulary, so that spaCy's string store, which grows with every new word it sees, does
    not grow with N and the measure is of our batching, not of the corpus's vocabulary.
    """
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(n):
        body = " ".join(rng.choices(WORDS, k=words))
        (folder / f"a{i:05d}.txt").write_text(f"Report {i}\n\n{body}.\n\nSource: Reuters\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tokenizer_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pipeline config whose base is a blank English pipeline (tokenizer only), plus our cites.

    Why not the real model: these tests are about the batch code (chunks, lookups, one
    transaction per article), which is the same whatever the pipeline; en_core_web_sm would
    take about 5 minutes on these 5,500 articles of 8 KB on this 2-core box, the tokenizer seconds.
    """
    folder = tmp_path_factory.mktemp("pipeline")
    spacy.blank("en").to_disk(folder / "blank")
    config = folder / "tokenizer-only.cfg"
    config.write_text(f'[fogofwar]\nbase = "{folder / "blank"}"\ncomponents = ["fogofwar_cites"]\n')
    return config


@pytest.fixture
def fast_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory (tmpfs) when there is one: SQLite syncs every commit to disk, ~10 ms
    each on this shared box, which would make the 5,500 one-article transactions below most of
    the test's time (scripts/test runs PostgreSQL with fsync=off for the same reason)."""
    if not Path("/dev/shm").is_dir():
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir="/dev/shm", prefix="fogofwar-test-") as folder:
        yield Path(folder)


def peak_rss_kib(*args: str) -> int:
    """Run fogofwar in a child process; its peak resident set in KiB (ru_maxrss of os.wait4)."""
    proc = subprocess.Popen([*FOGOFWAR, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, err
    return usage.ru_maxrss


def test_memory_stays_flat_with_corpus_size(fast_dir: Path, tokenizer_only: Path) -> None:
    """5,000 articles (40 MB of text) peak within 15% of 500: the corpus is never held whole.

    Holding it whole, as ingest did before it streamed, adds that 40 MB and more to a ~140 MB
    process: 140 MiB for 500 articles, 177 MiB for 5,000 (+26%); streaming, 140 and 143 (+2.5%).
    """
    peaks = {}
    for n in (500, 5000):
        source = corpus(fast_dir / f"c{n}", n)
        db = fast_dir / f"s{n}.db"
        peaks[n] = peak_rss_kib(
            "ingest", str(source), "--db", str(db), "--pipeline", str(tokenizer_only), "--no-link"
        )
        with Store(str(db)) as store, store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == n
    assert peaks[5000] <= 1.15 * peaks[500], peaks


def test_a_killed_run_leaves_whole_articles_and_resumes(fast_dir: Path, tokenizer_only: Path) -> None:
    """SIGKILL part-way through, then the same command again: the store ends as a clean run's."""
    source = corpus(fast_dir / "c", 800, words=50, seed=1)
    killed, clean = fast_dir / "killed.db", fast_dir / "clean.db"
    args = [str(source), "--pipeline", str(tokenizer_only), "--no-link"]  # linking is not what is tested
    proc = subprocess.Popen(
        [*FOGOFWAR, "ingest", *args, "--db", str(killed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = create_engine(f"sqlite:///{killed}")
    stored = 0
    try:
        # Past the first chunk, and not finished: kill it there. Polling, not timing: how long
        # this takes does not matter, only that the kill lands mid-run.
        while proc.poll() is None and stored <= 300:
            time.sleep(0.05)
            try:
                with engine.connect() as conn:
                    stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            except Exception:  # the schema is not there yet
                continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        engine.dispose()
    assert 300 < stored < 800, "the kill did not land mid-run"
    rerun = subprocess.run(
        [*FOGOFWAR, "ingest", *args, "--db", str(killed)], capture_output=True, text=True, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "800 articles read" in rerun.stderr
    subprocess.run([*FOGOFWAR, "ingest", *args, "--db", str(clean)], capture_output=True, check=True)
    assert dump_store(f"sqlite:///{killed}") == dump_store(f"sqlite:///{clean}")


TEXTS = [
    "Kyiv said on Monday that air defence downed 20 drones overnight, Reuters reported.",
    "Moscow said its forces repelled three attacks near Kupiansk, TASS reported.",
    "Officials in Kharkiv reported power cuts after strikes on substations.",
]


def test_copies_across_chunks_become_aliases(db_url: str) -> None:
    """With chunks of 2, a copy arrives while its original is in flight, or already stored."""
    stream = [
        Article(id="a", text=TEXTS[0]),
        Article(id="b", text=TEXTS[1]),
        Article(id="a-again", text=TEXTS[0]),  # next chunk, original not saved yet or just saved
        Article(id="c", text=TEXTS[2]),
        Article(id="b-again", text=TEXTS[1]),
        Article(id="a-third", text=TEXTS[0]),
    ]
    progress: list[tuple[int, int]] = []
    with Store(db_url) as store:
        report = ingest_articles(
            store, stream, chunk_size=2, on_progress=lambda d, r: progress.append((d, r))
        )
        assert (report.read, report.stored, report.already, report.failed) == (6, 3, 3, 0)
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 3
            aliases = dict(conn.execute(select(article_aliases.c.id, article_aliases.c.article_id)).all())
        assert aliases == {"a-again": "a", "b-again": "b", "a-third": "a"}
        # Handled never runs ahead of read, neither goes back, and the last call is the whole run.
        assert all(d <= r for d, r in progress)
        assert progress == sorted(progress) and progress[-1] == (6, 6)
        # A re-run: everything is stored already, nothing is annotated or stored again.
        again = ingest_articles(store, stream, chunk_size=2)
        assert (again.stored, again.already) == (0, 6)


def test_bad_inputs_do_not_stop_the_stream(tmp_path: Path, db_url: str) -> None:
    """An unreadable line mid-file is one error; the articles before and after it are stored."""
    lines = [json.dumps({"id": f"x{i}", "text": text}) for i, text in enumerate(TEXTS)]
    lines.insert(1, "{not json")
    source = tmp_path / "feed.jsonl"
    source.write_text("\n".join(lines) + "\n")
    errors: list[str] = []
    with Store(db_url) as store:
        report = ingest(store, [str(source)], chunk_size=1, on_error=lambda e: errors.append(str(e)))
    assert (report.read, report.stored, report.failed) == (3, 3, 1)
    assert len(errors) == 1 and errors[0].startswith(f"{source}:2:")
