"""Commands that only read the store never import the NLP stack (spaCy, thinc, torch).

Each check runs in a fresh interpreter: in this test process spaCy is loaded already.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import fogofwar
from fogofwar.ingest.files import DEFAULT_MAX_BYTES
from fogofwar.link.index import link_pending
from fogofwar.model import Article, Record
from fogofwar.store import Store

SRC = Path(fogofwar.__file__).resolve().parent.parent
NLP = ("spacy", "thinc", "torch")


def loaded_after(code: str, cwd: Path) -> list[str]:
    """Which of the NLP modules a fresh Python has imported after running `code`."""
    # On a line of its own: the command prints what it prints before.
    probe = f"{code}\nimport sys\nprint('\\nloaded:', *(m for m in {NLP!r} if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.rsplit("loaded:", 1)[1].split()


def test_importing_the_package_and_the_cli_loads_no_nlp(tmp_path: Path) -> None:
    assert loaded_after("import fogofwar, fogofwar.cli, fogofwar.query, fogofwar.link.views", tmp_path) == []


def test_extract_is_still_there_lazily(tmp_path: Path) -> None:
    assert "spacy" in loaded_after("import fogofwar\nfogofwar.extract", tmp_path)


@pytest.mark.parametrize(
    "command",
    [
        ["--version"],
        ["articles", "--limit", "1"],
        ["show", "a1"],
        ["export", "--format", "jsonl"],
        ["links", "--format", "json"],
        ["sources", "--format", "json"],
        ["doctor"],
    ],
)
def test_read_commands_load_no_nlp(tmp_path: Path, command: list[str]) -> None:
    # A store with one linked article, so that each command does its whole job (a read command
    # on a missing store stops at "no store", before anything it would import).
    db = tmp_path / "store.db"
    with Store(str(db)) as store:
        store.save(Record(article=Article(id="a1", text="Shelling was reported near Kharkiv.")))
        link_pending(store)  # linked at ingest, as `fogofwar ingest` does: reading embeds nothing
    code = (
        "from fogofwar.cli import app\n"
        f"try:\n    app({[*command, *(['--db', str(db)] if command != ['--version'] else [])]!r})\n"
        "except SystemExit as done:\n    assert not done.code, done.code"
    )
    assert loaded_after(code, tmp_path) == []


def test_a_read_only_server_loads_no_nlp(tmp_path: Path) -> None:
    code = (
        "from fogofwar.api import create_app\n"
        "from fogofwar.store import Store\n"
        f"create_app(Store({str(tmp_path / 'store.db')!r}))"
    )
    assert loaded_after(code, tmp_path) == []


def test_the_cli_default_size_cap_is_the_readers() -> None:
    from fogofwar import cli

    assert cli.DEFAULT_MAX_BYTES == DEFAULT_MAX_BYTES
