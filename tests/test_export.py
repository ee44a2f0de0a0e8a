"""`fogofwar export`: each format loaded back as a researcher would, checked against the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geojson
import jsonschema
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from fogofwar.query import get_record
from fogofwar.report.acled import COLUMNS
from fogofwar.schemas import record_schema
from fogofwar.store import Store, schema
from tests.conftest import invoke
from tests.serving import plain_records, sample_records, save_all


@pytest.fixture
def db(db_url: str) -> str:
    with Store(db_url) as store:
        save_all(store, sample_records() + plain_records(5))
    return db_url


def _count(db: str, table: str) -> int:
    with Store(db) as store, store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.metadata.tables[table])).scalar_one())


def test_geojson_loads_as_valid_geojson_with_a_point_per_place(
    db: str, cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "places.geojson"
    code, _, err = invoke(cli, "export", "--format", "geojson", "--db", db, "-o", str(out))
    assert code == 0, err
    collection = geojson.loads(out.read_text())
    assert collection.is_valid, collection.errors()
    with Store(db) as store, store.engine.connect() as conn:
        p = schema.places
        stored = {
            (r.article_id, r.idx): (r.lon, r.lat)
            for r in conn.execute(select(p).where(p.c.lat.is_not(None), p.c.lon.is_not(None)))
        }
    got = {
        (f["properties"]["article_id"], f["properties"]["idx"]): tuple(f["geometry"]["coordinates"])
        for f in collection["features"]
    }
    assert got == stored
    assert len(got) == 4


def test_csv_writes_one_flat_file_per_part(db: str, cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    code, _, err = invoke(cli, "export", "--format", "csv", "--db", db, "-o", str(folder))
    assert code == 0, err
    names = {p.name for p in folder.iterdir()}
    assert names == {
        f"{t}.csv"
        for t in ("articles", "cites", "places", "times", "figures", "claims", "events", "entities")
    }
    for name in names:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == _count(db, name.removesuffix(".csv")), name
    with (folder / "claims.csv").open(encoding="utf-8", newline="") as handle:
        claims = {(r["article_id"], r["id"]): r for r in csv.DictReader(handle)}
    kyiv = claims[("test/kyiv-post-syrskyi", "c1")]
    assert kyiv["speaker_name"] == "Oleksandr Syrskyi"
    assert kyiv["via"] == "Reuters" and kyiv["hedges"] == "reportedly"
    with Store(db) as store:
        record = get_record(store, "test/kyiv-post-syrskyi")
    assert record is not None
    assert int(kyiv["start"]) == record.claims[0].start and int(kyiv["end"]) == record.claims[0].end
    with (folder / "places.csv").open(encoding="utf-8", newline="") as handle:
        sudzha = next(r for r in csv.DictReader(handle) if r["name"] == "Sudzha")
    assert float(sudzha["lat"]) == 51.19 and sudzha["country_code"] == "RU"


def test_acled_csv_has_acleds_columns_and_one_row_per_event(db: str, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "export", "--format", "acled", "--db", db)
    assert code == 0, err
    reader = csv.DictReader(out.splitlines())
    assert reader.fieldnames == COLUMNS
    rows = list(reader)
    assert len(rows) == _count(db, "events") == 2
    battle = next(r for r in rows if r["event_type"] == "Battles")
    assert (
        battle["event_date"] == "2024-08-09" and battle["year"] == "2024" and battle["time_precision"] == "1"
    )
    assert battle["sub_event_type"] == "Armed clash"
    assert battle["location"] == "Sudzha" and float(battle["latitude"]) == 51.19 and battle["iso"] == "RU"
    assert battle["source"] == "Kyiv Post; Reuters"
    assert battle["actor1"] == "Military Forces of Ukraine"
    assert battle["notes"] == "fighting on August 9"


def test_jsonl_round_trips_every_record(db: str, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "export", "--format", "jsonl", "--db", db)
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == _count(db, "articles") == 8
    with Store(db) as store:
        for line in lines:
            jsonschema.validate(line, record_schema())
            stored = get_record(store, line["article"]["id"])
            assert stored is not None and stored.to_dict() == line


def test_filters_select_what_is_exported(db: str, cli: CliRunner) -> None:
    _, out, _ = invoke(
        cli, "export", "--format", "jsonl", "--db", db, "--since", "2024-08-15", "--until", "2024-08-31"
    )
    published = [json.loads(line)["article"]["published"] for line in out.splitlines()]
    assert published and all("2024-08-15" <= p <= "2024-08-31" for p in published)
    _, out, _ = invoke(cli, "export", "--format", "acled", "--db", db, "--outlet", "reuters")
    rows = list(csv.DictReader(out.splitlines()))
    assert [r["event_type"] for r in rows] == ["Explosions/Remote violence"]


def test_csv_without_a_folder_and_bad_dates_are_one_line_errors(db: str, cli: CliRunner) -> None:
    code, _, err = invoke(cli, "export", "--format", "csv", "--db", db)
    assert code == 1
    assert err.strip().startswith("error: csv: one file per part") and len(err.strip().splitlines()) == 1
    code, _, err = invoke(cli, "export", "--format", "jsonl", "--db", db, "--since", "2024-99-01")
    assert code == 2
    assert "YYYY-MM-DD" in err
