"""The store keeps records whole, once, and resumably, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
from alembic import command as alembic_command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from typer.testing import CliRunner

import fogofwar
from fogofwar.batch import ingest
from fogofwar.errors import FogofwarError, StoreError
from fogofwar.model import Claim, DateRange, Entity, Figure, Place, Record, Speaker, TimeRef
from fogofwar.query import get_record, list_articles, summary
from fogofwar.store import Store, resolve_url
from fogofwar.store.db import DuplicateIdError
from fogofwar.store.schema import PART_TABLES, articles, metadata
from tests.conftest import invoke

TEXT = (
    "Russia's Defence Ministry said over 5,000 Ukrainian soldiers were killed near Sudzha since "
    "August 6, according to a report by the Washington Post.\n\nSource: Bloomberg"
)


def counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in metadata.sorted_tables
        }


def full_record(article_id: str = "full", body: str = TEXT) -> Record:
    """A record with every part filled, as later components will fill them."""
    record = fogofwar.extract(body, published="2024-08-25", outlet="Kyiv Post", id=article_id)
    s = body.index("Sudzha")
    record.places = [
        Place("Sudzha", s, s + 6, "Sudzha", 485660, 51.19, 35.27, "RU", "Kursk", "populated_place")
    ]
    a = body.index("August 6")
    record.times = [
        TimeRef("August 6", a, a + 8, "date", "DATE", "2024-08-06", DateRange("2024-08-06", "2024-08-06"))
    ]
    f = body.index("over 5,000")
    record.figures = [
        Figure(
            "over 5,000 Ukrainian soldiers",
            f,
            f + 29,
            5000.0,
            5000.0,
            None,
            "over",
            "personnel.killed",
            "UA",
            DateRange("2024-08-06", "2024-08-25"),
            "c1",
        )
    ]
    record.claims = [
        Claim(
            "c1",
            body[f : a + 8],
            f,
            a + 8,
            "said",
            31,
            35,
            Speaker(
                "Ministry of Defence", "military", "Russia", "RU", False, "Russia's Defence Ministry", 0, 25
            ),
            ["The Washington Post"],
            ["reportedly"],
            None,
        )
    ]
    return record


def test_round_trip_keeps_every_part(db_url: str) -> None:
    record = full_record()
    with Store(db_url) as store:
        assert store.save(record) is True
        stored = get_record(store, "full")
    assert stored is not None
    assert stored.to_dict() == record.to_dict()
    assert [(c.name, c.start, c.end) for c in stored.cite_mentions] == [
        (c.name, c.start, c.end) for c in record.cite_mentions
    ]


def test_same_text_is_stored_once(db_url: str) -> None:
    with Store(db_url) as store:
        assert store.save(full_record("a")) is True
        before = counts(store)
        assert store.save(full_record("a")) is False
        assert store.save(full_record("b-same-text")) is False  # content, not id, is the identity
        assert counts(store) == {**before, "article_aliases": 1}  # stored once; the other id remembered


def test_a_copy_under_another_id_is_remembered_not_stored_again(db_url: str, tmp_path: Path) -> None:
    wire = "MOSCOW, August 20, 2024 (TASS) -- The Defence Ministry said Sudzha was under attack.\n"
    (tmp_path / "a.txt").write_text("Original\n\n" + wire)
    (tmp_path / "b.txt").write_text("Re-run\n\n" + wire)
    with Store(db_url) as store:
        report = ingest(store, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
        assert (report.stored, report.already) == (1, 1)
        ingest(store, [str(tmp_path)])  # again, as a resumed run: nothing doubles
        assert counts(store)["articles"] == 1 and counts(store)["article_aliases"] == 1
        copy = get_record(store, str(tmp_path / "b.txt"))
        assert copy is not None and copy.article.id == str(tmp_path / "a.txt")
        assert summary(store)["copies (same text, other id)"] == 1


def test_an_id_reused_for_other_text_is_refused_and_nothing_changes(db_url: str) -> None:
    with Store(db_url) as store:
        store.save(full_record("a"))
        before = counts(store)
        with pytest.raises(DuplicateIdError, match="stored already with different text"):
            store.save(full_record("a", body=TEXT + " Updated."))
        assert counts(store) == before
        stored = get_record(store, "a")
        assert stored is not None and stored.article.text == TEXT


def test_failure_mid_article_leaves_the_store_unchanged(db_url: str) -> None:
    with Store(db_url) as store:
        store.save(full_record("first"))
        before = counts(store)
        broken = full_record("second", body=TEXT + " Again.")
        # The article row and its places go in before the entities; a NULL label then violates
        # NOT NULL in the database itself, half-way through the article's writes.
        broken.entities.append(Entity("Sudzha", 0, 6, None))  # type: ignore[arg-type]
        with pytest.raises(Exception, match=r"(?i)null"):
            store.save(broken)
        assert counts(store) == before
        assert get_record(store, "second") is None


def test_batch_is_resumable_and_bad_input_does_not_touch_the_store(db_url: str, tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(f"Report {n}\n\nSudzha was shelled {n + 1} times today.\n")
    (tmp_path / "broken.jsonl").write_text('{"id": "x", "text": "fine"}\n{oops\n')
    progress: list[tuple[int, int]] = []
    with Store(db_url) as store:
        first = ingest(store, [str(tmp_path)], on_progress=lambda d, t: progress.append((d, t)))
        assert (first.read, first.stored, first.already, first.failed) == (4, 4, 0, 1)
        after_first = counts(store)
        (tmp_path / "a3.txt").write_text("Report 3\n\nA new report arrived.\n")
        progress.clear()
        second = ingest(store, [str(tmp_path)], on_progress=lambda d, t: progress.append((d, t)))
        assert (second.read, second.stored, second.already, second.failed) == (5, 1, 4, 1)
        # Progress counts the articles handled (stored or found stored) of those read: all 5.
        assert progress[-1] == (5, 5)
        assert counts(store)["articles"] == after_first["articles"] + 1


def test_migrations_build_exactly_the_schema(db_url: str) -> None:
    with Store(db_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert version == _head_revision()
    with Store(db_url) as again:  # opening a migrated store migrates nothing and loses nothing
        assert counts(again)["articles"] == 0


def _alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(resources.files("fogofwar.store").joinpath("migrations")))
    return cfg


def _head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def test_a_store_made_by_the_first_release_is_upgraded_with_its_articles_kept(db_url: str) -> None:
    engine = create_engine(db_url)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        alembic_command.upgrade(cfg, "0001")
        conn.execute(
            text(
                "INSERT INTO articles (id, content_hash, text, schema, ingested_at) "
                "VALUES ('old', 'h', 'Kept text.', 'fogofwar.record/1', CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text("INSERT INTO places (article_id, idx, text, kind) VALUES ('old', 0, 'Kursk', 'admin1')")
        )
    engine.dispose()
    with Store(db_url) as store, store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert conn.execute(text("SELECT text FROM articles WHERE id = 'old'")).scalar_one() == "Kept text."
        place = conn.execute(text("SELECT text, kind, score, role FROM places")).one()
        assert tuple(place) == ("Kursk", "admin1", None, None)


def test_every_record_field_has_a_column() -> None:
    from fogofwar.store.rows import flatten

    record = full_record()
    for part, table in PART_TABLES.items():
        for item in getattr(record, part):
            assert set(flatten(item)) <= set(table.c.keys()), part


def test_query_layer_filters(db_url: str) -> None:
    with Store(db_url) as store:
        for n, (outlet, day) in enumerate(
            [("TASS", "2024-08-10"), ("Reuters", "2024-09-01"), ("TASS", "2024-10-02")]
        ):
            record = fogofwar.extract(f"Item {n}: Sudzha.", published=day, outlet=outlet, id=f"id{n}")
            store.save(record)
        assert [r.id for r in list_articles(store)] == ["id2", "id1", "id0"]
        assert [r.id for r in list_articles(store, outlet="tass")] == ["id2", "id0"]
        assert [r.id for r in list_articles(store, since="2024-09-01")] == ["id2", "id1"]
        assert summary(store)["articles"] == 3 and summary(store)["outlets"] == 2


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    with Store(str(tmp_path / "w.db")) as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"


def test_database_urls() -> None:
    assert resolve_url("x/y.db") == "sqlite:///x/y.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(FogofwarError, match="not a usable database URL"):
        Store("nosuchdialect://x")


def test_unopenable_database_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FogofwarError, match="cannot open the database"):
        Store(f"sqlite:///{tmp_path}/missing/dir/x.db")


def test_article_published_is_a_date_column(db_url: str) -> None:
    with Store(db_url) as store:
        store.save(full_record())
        with store.engine.connect() as conn:
            value = conn.execute(select(articles.c.published)).scalar_one()
    assert value.isoformat() == "2024-08-25"


# --- issue 12: races, foreign and newer databases, failures of the database itself ----------


def _when(engine: Engine, statement_start: str, action: Callable[[], object]) -> None:
    """Run `action` once, just before `engine` next sends a statement that starts so.

    This puts a second writer exactly into the gap between a check and a write, which a race
    between two processes hits only sometimes: the same interleaving, every time.
    """
    fired: list[bool] = []

    def before(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not fired and " ".join(statement.split()).upper().startswith(statement_start):
            fired.append(True)
            action()

    event.listen(engine, "before_cursor_execute", before)


def test_two_writers_of_one_text_the_database_decides(db_url: str) -> None:
    with Store(db_url) as store, Store(db_url) as rival:
        _when(store.engine, "INSERT INTO ARTICLES ", lambda: rival.save(full_record("theirs")))
        assert store.save(full_record("mine")) is False  # theirs went in first: mine is a copy
        assert counts(store)["articles"] == 1 and counts(store)["article_aliases"] == 1
        copy = get_record(store, "mine")
        assert copy is not None and copy.article.id == "theirs"


def test_two_writers_of_one_alias_the_database_decides(db_url: str) -> None:
    with Store(db_url) as store, Store(db_url) as rival:
        store.save(full_record("original"))
        copy = full_record("copy").article
        _when(store.engine, "INSERT INTO ARTICLE_ALIASES ", lambda: rival.remember_copy(copy))
        assert store.remember_copy(copy) is False  # the rival noted it first
        assert counts(store)["article_aliases"] == 1


def test_another_applications_database_is_left_untouched(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE articles (slug VARCHAR(20) PRIMARY KEY, body TEXT)"))
        conn.execute(text("CREATE TABLE comments (id INTEGER PRIMARY KEY)"))
    with pytest.raises(
        StoreError, match=r"not a fogofwar database \(it holds other tables: articles, comments\)"
    ):
        Store(db_url)
    assert sorted(inspect(engine).get_table_names()) == ["articles", "comments"]  # no alembic_version
    engine.dispose()


def test_a_database_of_a_newer_fogofwar_is_refused_untouched(db_url: str) -> None:
    with Store(db_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="schema revision 9999 is not one this fogofwar knows"):
        Store(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "9999"
    engine.dispose()


def test_a_file_that_is_not_a_database_is_one_line(cli: CliRunner, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database\n" * 100)
    article = tmp_path / "a.txt"
    article.write_text("A\n\nSudzha was shelled.\n")
    code, _, err = invoke(cli, "ingest", str(article), "--db", str(notes))
    assert code == 1
    assert err == f"error: sqlite:///{notes}: cannot open the database (not an SQLite database)\n"
    assert notes.read_text() == "my notes, not a database\n" * 100


def test_a_read_only_store_is_one_line_per_write(cli: CliRunner, tmp_path: Path) -> None:
    wire = "MOSCOW, August 20, 2024 (TASS) -- The Defence Ministry said Sudzha was under attack.\n"
    (tmp_path / "a.txt").write_text("Original\n\n" + wire)
    (tmp_path / "b.txt").write_text("Copy\n\n" + wire)
    path = tmp_path / "s.db"
    code, _, err = invoke(cli, "ingest", str(tmp_path / "a.txt"), "--db", str(path))
    assert code == 0, err
    before = path.read_bytes()
    # Read-only as SQLite itself enforces it (file modes do not bind root, who runs CI).
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    code, _, err = invoke(cli, "ingest", str(tmp_path / "b.txt"), "--db", read_only)
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {tmp_path / 'b.txt'}: copy of a stored article not noted (the database is read-only)"
    ]
    assert path.read_bytes() == before
