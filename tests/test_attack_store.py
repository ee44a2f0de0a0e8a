"""The store as an attacker (or an unlucky user) meets it: several processes at once, damaged
rows, other applications' databases, read-only mounts, read commands where there is no store.

Concurrency here is real: separate Python processes on one temporary store, started together.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

from fogofwar.model import Article, Record
from fogofwar.store import Store, schema
from tests.conftest import dump_store, invoke

ROOT = Path(__file__).resolve().parent.parent

PLACES = ["Kharkiv", "Sumy", "Odesa", "Kherson", "Zaporizhzhia", "Dnipro", "Mykolaiv", "Poltava"]
ACTS = ["shelled", "struck by drones", "hit by a missile", "attacked overnight", "bombed"]


def _article(i: int) -> Record:
    """A short, distinct article (no NLP needed to store it): what linking reads is the text."""
    place, act = PLACES[i % len(PLACES)], ACTS[i % len(ACTS)]
    body = (
        f"{place} was {act} on day {i} of the offensive, regional officials said on Telegram. "
        f"Report number {i} describes damage to {i % 7 + 2} buildings and a power line near {place}."
    )
    day = f"2024-03-{i % 28 + 1:02d}"
    return Record(Article(id=f"a{i:03d}", text=body, title=f"{place} {act}", outlet="Wire", published=day))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    env.pop("FOGOFWAR_DB", None)
    return env


def _together(script: str, args: list[str], n: int, tmp_path: Path, timeout: float = 240) -> list[str]:
    """Run `script` in n processes that start its work at the same moment; their outputs.

    Each process does its slow imports first, then waits for a go file: the work itself (what
    races) starts within milliseconds in all of them, every run.
    """
    go = tmp_path / "go"
    code = textwrap.dedent(
        """
        import os, sys, time
        from pathlib import Path
        go = Path(sys.argv[1])
        {setup}
        Path(sys.argv[2]).touch()
        while not go.exists():
            time.sleep(0.005)
        {work}
        """
    )
    setup, work = script.split("# --- go\n")
    body = code.format(setup=setup.strip(), work=work.strip())
    procs = []
    for i in range(n):
        ready = tmp_path / f"ready{i}"
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", body, str(go), str(ready), *args],
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    deadline = time.monotonic() + timeout
    while not all((tmp_path / f"ready{i}").exists() for i in range(n)):
        assert all(p.poll() is None for p in procs), [p.communicate()[0] for p in procs]
        assert time.monotonic() < deadline, "the processes did not get ready"
        time.sleep(0.05)
    go.touch()
    outputs = []
    for p in procs:
        out, _ = p.communicate(timeout=timeout)
        assert p.returncode == 0, out
        outputs.append(out)
    return outputs


# --- 1. concurrent linking ------------------------------------------------------------------

LINK_SCRIPT = """
from fogofwar.link.embed import embed
from fogofwar.link.index import link_pending
from fogofwar.store import Store
embed(["warm the model up"])
store = Store(sys.argv[3], migrate=False)
# --- go
print(link_pending(store))
"""


def _link_tables(url: str) -> dict[str, list[tuple[object, ...]]]:
    dump = dump_store(url)
    return {name: dump[name] for name in ("link_signatures", "link_buckets", "duplicates")}


def test_processes_linking_one_store_at_once_link_each_article_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(str(path)) as store:
        for i in range(40):
            store.save(_article(i))
            if i % 10 == 0:  # syndicated copies, so that duplicate pairs are written too
                copy = _article(i)
                store.save(Record(Article(id=f"copy{i}", text=copy.article.text + " (wire)", outlet="Other")))
    alone = tmp_path / "alone.db"
    shutil.copy(path, alone)
    outputs = _together(LINK_SCRIPT, [str(path)], 4, tmp_path)
    assert sum(int(out.strip().splitlines()[-1]) for out in outputs) >= 44, outputs
    assert not any("Error" in out for out in outputs), outputs
    # Linked once each, and exactly as one process alone links them.
    from fogofwar.link.index import link_pending

    with Store(str(alone)) as store:
        assert link_pending(store) == 44
    assert _link_tables(f"sqlite:///{path}") == _link_tables(f"sqlite:///{alone}")


def test_a_database_failure_while_linking_is_one_line_naming_the_article(
    cli: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "s.db"
    with Store(str(path)) as store:
        store.save(_article(1))
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    code, _, err = invoke(cli, "links", "--db", read_only)
    assert code == 1
    assert [line for line in err.splitlines() if line.strip()] == [
        "error: a001: not linked (the database is read-only)"
    ]


# --- 2. a new store opened by several processes at once -------------------------------------

OPEN_SCRIPT = """
from fogofwar.store import Store
# --- go
with Store(sys.argv[3]) as store:
    print("opened")
"""


def test_a_new_store_opened_by_several_processes_at_once(db_url: str, tmp_path: Path) -> None:
    outputs = _together(OPEN_SCRIPT, [db_url], 6, tmp_path)
    assert [out.strip() for out in outputs] == ["opened"] * 6
    with Store(db_url) as store:
        assert store.schema_state().ready
    if db_url.startswith("sqlite"):
        con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        con.close()


def test_opening_a_store_at_the_newest_revision_runs_no_migration(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(str(path)).close()
    probe = (
        "import sys; from fogofwar.store import Store; "
        "Store(sys.argv[1]).close(); print('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(path)], env=_env(), capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "False", done.stderr


def test_the_revisions_listed_are_those_of_the_migrations() -> None:
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from fogofwar.store.schema import HEAD_REVISION, REVISIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("fogofwar.store").joinpath("migrations")))
    scripts = ScriptDirectory.from_config(cfg)
    assert tuple(reversed([s.revision for s in scripts.walk_revisions()])) == REVISIONS
    assert scripts.get_current_head() == HEAD_REVISION


# --- 6. a damaged row costs that row --------------------------------------------------------


def test_an_unreadable_embedding_costs_its_row_not_the_run(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(str(path)) as store:
        for i in range(3):
            store.save(_article(i))
    code, _, err = invoke(cli, "links", "--db", str(path), "--format", "json")
    assert code == 0, err
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE link_signatures SET embedding = x'0000', minhash = x'00' WHERE article_id = 'a000'")
        )
    with Store(str(path)) as store:
        for i in range(3, 6):
            store.save(_article(i))
    code, out, err = invoke(cli, "links", "--db", str(path), "--format", "json")
    assert code == 0, err
    assert "Traceback" not in err and out.startswith("{")
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert warnings and all("a000" in line for line in warnings)
    assert len(set(warnings)) == 1, warnings  # one line for the damaged row, not one per use
    with engine.connect() as conn:
        linked = conn.execute(select(func.count()).select_from(schema.link_signatures)).scalar_one()
    assert linked == 6
    engine.dispose()


# --- 7. a foreign database is not changed at all --------------------------------------------


def _foreign(path: Path) -> bytes:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('mine')")
    con.commit()
    con.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", [["articles"], ["ingest", "--no-link"], ["doctor"], ["doctor", "--fix"]])
def test_a_foreign_sqlite_database_is_not_changed_by_any_command(
    cli: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "notes.db"
    before = _foreign(path)
    assert before[18:20] == b"\x01\x01"  # the rollback journal
    args = [*command, "--db", str(path)]
    if command[0] == "ingest":
        (tmp_path / "a.txt").write_text("Title\n\nKharkiv was shelled.\n")
        args.insert(2, str(tmp_path / "a.txt"))
    code, out, err = invoke(cli, *args)
    assert code == 1
    assert "not a fogofwar database" in out + err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes")) == ["notes.db"]


# --- 10. doctor and the messages about stores -----------------------------------------------


def _database_lines(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "database:" in line)
    return lines[start:]


def test_doctor_on_a_truncated_store_is_one_line_and_a_remedy(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(str(path)) as store:
        for i in range(40):
            store.save(_article(i))
    truncated = tmp_path / "t.db"
    truncated.write_bytes(path.read_bytes()[:8192])
    code, out, _ = invoke(cli, "doctor", "--db", str(truncated))
    assert code == 1
    lines = _database_lines(out)
    assert len(lines) == 2, lines
    assert "sqlalche.me" not in out and "damaged" in lines[0]


def test_doctor_calls_a_store_with_a_dropped_table_damaged(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("DROP TABLE claims")
    con.commit()
    con.close()
    code, out, _ = invoke(cli, "doctor", "--db", str(path))
    assert code == 1
    lines = _database_lines(out)
    assert lines[0].startswith("missing database:") and "claims" in lines[0], lines
    assert "--fix" not in out


def test_doctor_offers_no_fix_for_a_foreign_database(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    _foreign(path)
    code, out, _ = invoke(cli, "doctor", "--db", str(path))
    assert code == 1
    lines = _database_lines(out)
    assert "not a fogofwar database" in lines[0] and "--fix" not in out


@pytest.mark.parametrize("command", [["articles"], ["doctor"]])
def test_an_unsupported_database_names_the_supported_ones(cli: CliRunner, command: list[str]) -> None:
    code, out, err = invoke(cli, *command, "--db", "mysql://u@localhost/news")
    assert code == 1
    said = [line for line in (out + err).splitlines() if "mysql" in line]
    assert len(said) == 1 and "SQLite and PostgreSQL" in said[0], out + err


def test_a_wal_store_on_a_read_only_mount_can_be_read(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    with Store(str(folder / "s.db")) as store:
        store.save(_article(1))
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]  # closed cleanly: no -wal, -shm
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1) to make a read-only mount")
    mount = f"mount --bind -o ro {folder} {folder}"
    probe = subprocess.run([unshare, "-rm", "sh", "-c", mount], capture_output=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {probe.stderr.decode().strip()}")
    command = f'{mount} && exec "{sys.executable}" -m fogofwar articles --db {folder / "s.db"} --format jsonl'
    done = subprocess.run(
        [unshare, "-rm", "sh", "-c", command], env=_env(), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert '"id": "a001"' in done.stdout


# --- 11. reading creates nothing ------------------------------------------------------------

READ_COMMANDS = [
    ["articles"],
    ["show", "a1"],
    ["export", "--format", "jsonl"],
    ["links"],
    ["sources"],
    ["serve"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_where_there_is_no_store_creates_none(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FOGOFWAR_DB", raising=False)
    code, _, err = invoke(cli, *command)
    assert code == 1
    assert err.splitlines() == [
        "error: sqlite:///fogofwar.db: there is no fogofwar store here yet "
        "(make one with `fogofwar ingest PATH` or `fogofwar demo`)"
    ]
    assert list(tmp_path.iterdir()) == []


def test_doctor_reports_a_missing_store_and_creates_none(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(cli, "doctor", "--db", "s.db")
    assert code == 1
    assert "does not exist yet" in _database_lines(out)[0]
    assert list(tmp_path.iterdir()) == []
