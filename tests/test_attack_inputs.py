"""An attacker's inputs to the readers, the reference loader and the API (issue 26).

Each refused input gets one line naming it and the problem, never a traceback or a 500, and
nothing stored before it is lost: nesting deep enough to overflow the JSON decoder (case 3),
text the store cannot hold posted to the API (4), a reference series that would poison every
later read (5), query strings that would fill the response cache (8), and the names of what
is refused: a FIFO met in a folder, a file name that carries terminal escape codes (10).
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient
from typer.testing import CliRunner

from fogofwar.api import ServeOptions, create_app
from fogofwar.api.cache import MicroCache
from fogofwar.errors import InputError
from fogofwar.ingest import read_inputs
from fogofwar.query import summary
from fogofwar.store import Store, schema
from fogofwar.store.schema import metadata
from tests.conftest import invoke
from tests.serving import serve

TOKEN = "s3cret-token-for-tests"
DEPTH = 100_000


def _stored_ids(db: str) -> set[str]:
    engine = create_engine(db)
    with engine.connect() as conn:
        ids = set(conn.execute(select(metadata.tables["articles"].c.id)).scalars())
    engine.dispose()
    return ids


def _errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error:")]


# --- 3. JSON nested deep enough to overflow the decoder -------------------------------------


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_a_line_nested_100000_deep_costs_its_line_only(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    lines = [
        json.dumps({"id": "before", "text": "Sudzha was shelled overnight."}),
        '{"id": "deep", "text": "x", "cites": ' + _nested(DEPTH) + "}",
        json.dumps({"id": "after", "text": "Korenevo was quiet, officials said."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size < 10 * 1024 * 1024  # under the size cap: the depth is the attack
    db = f"sqlite:///{tmp_path / 's.db'}"
    code, _, err = invoke(cli, "ingest", str(path), "--db", db)
    assert code == 1
    assert "Traceback" not in err
    assert _errors(err) == [f"error: {path}:2: JSON nested deeper than 200 levels, not read"]
    assert _stored_ids(db) == {"before", "after"}


def test_depth_is_counted_outside_strings_only(tmp_path: Path) -> None:
    # Brackets inside a string are text: an article about arrays is still an article.
    text = "Shelling [" * 5000 + "]" * 5000
    path = tmp_path / "brackets.jsonl"
    path.write_text(json.dumps({"id": "b", "text": text, "cites": [[["x"]]]}) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article"]
    assert items[0].text == text


def test_a_reference_file_nested_100000_deep_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"claimant": "x", "tracked": {}, "series": ' + _nested(DEPTH) + "}", encoding="utf-8")
    code, out, err = _reference_load(path, f"sqlite:///{tmp_path / 's.db'}")
    assert code == 1
    assert _errors(err) == [f"error: {path}: JSON nested deeper than 200 levels, not read"]
    assert "Traceback" not in out + err


# --- 4. text the store cannot hold, posted to the API --------------------------------------


@pytest.fixture
def store(sample_store: Store) -> Store:
    return sample_store


@pytest.fixture
def ingesting(store: Store) -> Iterator[httpx.Client]:
    app = create_app(store, ServeOptions(allow_ingest=True, token=TOKEN))
    headers = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    with serve(app) as base, httpx.Client(base_url=base, timeout=60, headers=headers) as client:
        yield client


def _clean_json(response: httpx.Response) -> Any:
    # Strict UTF-8, and no lone surrogate escaped as \ud800 either: what any client's JSON
    # parser accepts (a strict one refuses the escape; UTF-8 cannot encode what it decodes to).
    data = json.loads(response.content.decode("utf-8"))
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    return data


@pytest.mark.parametrize("route", ["/api/extract", "/api/ingest"])
@pytest.mark.parametrize("field", ["text", "title", "outlet"])
def test_a_lone_surrogate_is_a_422_naming_the_field(ingesting: httpx.Client, route: str, field: str) -> None:
    body = {"text": "Sudzha was shelled.", field: "before \\ud800 after"}
    raw = json.dumps(body).replace("\\\\ud800", "\\ud800").encode()  # the escape, not its text
    response = ingesting.post(route, content=raw)
    assert response.status_code == 422, response.text[:300]
    detail = _clean_json(response)["detail"]
    assert detail == f"{field}: {field} holds a lone surrogate (U+D800 at character 7), not storable text"


@pytest.mark.parametrize("field", ["text", "title", "outlet", "id"])
def test_ingest_refuses_nul_as_the_cli_does_and_stores_nothing(
    ingesting: httpx.Client, store: Store, field: str
) -> None:
    before = summary(store)
    body = {"text": "Sudzha was shelled.", field: "a\u0000b"}
    response = ingesting.post("/api/ingest", json=body)
    assert response.status_code == 422, response.text[:300]
    assert _clean_json(response)["detail"] == (
        f"{field} holds a NUL character (U+0000 at character 1), not storable text"
    )
    assert summary(store) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(["published", "url", "id", "outlet", "title", "nonsense"]),
    value=st.one_of(
        st.text(alphabet=st.characters(codec=None), max_size=40),
        st.integers(),
        st.floats(allow_nan=False),
        st.lists(st.text(max_size=5), max_size=3),
    ),
)
def test_no_posted_value_gives_500(ingesting: httpx.Client, field: str, value: object) -> None:
    # The text is empty, so every body is refused before the pipeline: what is tested is the
    # refusal itself, whatever the other field holds (lone surrogates included).
    raw = json.dumps({"text": "", field: value}, ensure_ascii=True).encode()
    for route in ("/api/extract", "/api/ingest"):
        response = ingesting.post(route, content=raw)
        assert response.status_code == 422, response.text[:300]
        assert _clean_json(response)["detail"]


# --- 5. a reference series that would poison the API ----------------------------------------


GOOD_SERIES: dict[str, Any] = {
    "claimant": "UA General Staff",
    "side": "RU",
    "cumulative": True,
    "tracked": {"equipment.tank": ["2024-01-01", "2024-03-01"]},
    "series": [{"date": "2024-01-01", "equipment.tank": 100}, {"date": "2024-02-01", "equipment.tank": 120}],
}


def _reference_load(path: Path, db: str, *extra: str) -> tuple[int, str, str]:
    return invoke(CliRunner(), "reference", "load", str(path), "--db", db, *extra)


def _served_reference(db: str) -> httpx.Response:
    with Store(db) as store, TestClient(create_app(store), raise_server_exceptions=False) as client:
        response = client.get("/api/reference")
    return httpx.Response(response.status_code, content=response.content)


def _values(db: str) -> int:
    with Store(db) as store, store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.reference_values)).scalar_one())


def _with(change: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(GOOD_SERIES)) | change


POISON = [
    (
        "dates as numbers",
        _with({"tracked": {"equipment.tank": [20240101, 20240301]}}),
        "tracked equipment.tank: 20240101 is not a YYYY-MM-DD date",
    ),
    (
        "a week date",
        _with({"tracked": {"equipment.tank": ["2024-W01-1", "2024-03-01"]}}),
        "tracked equipment.tank: '2024-W01-1' is not a YYYY-MM-DD date",
    ),
    (
        "a row's date as a number",
        _with({"series": [{"date": 20240101, "equipment.tank": 1}]}),
        "series row 1: 20240101 is not a YYYY-MM-DD date",
    ),
    (
        "NaN",
        _with({"series": [{"date": "2024-01-01", "equipment.tank": math.nan}]}),
        "series row 1: equipment.tank is NaN, not a finite number",
    ),
    (
        "Infinity",
        _with({"series": [{"date": "2024-01-01", "equipment.tank": math.inf}]}),
        "series row 1: equipment.tank is Infinity, not a finite number",
    ),
    (
        "a claimant with a lone surrogate",
        _with({"claimant": "UA \ud800"}),
        "claimant holds a lone surrogate (U+D800 at character 3), not storable text",
    ),
    (
        "a category with NUL",
        _with({"tracked": {"tank\u0000": ["2024-01-01", "2024-03-01"]}}),
        "tracked category holds a NUL character (U+0000 at character 4), not storable text",
    ),
    ("cumulative as text", _with({"cumulative": "no"}), "'cumulative' must be true or false"),
]


def _dump(data: Any) -> str:
    # json.dumps writes NaN and Infinity as Python's json.loads reads them; a lone surrogate
    # is written as its \ud800 escape, as a hostile file would hold it.
    return json.dumps(data)


@pytest.mark.parametrize(("label", "data", "problem"), POISON, ids=[p[0] for p in POISON])
def test_a_poisoned_series_is_refused_whole_and_the_api_keeps_serving(
    tmp_path: Path, label: str, data: dict[str, Any], problem: str
) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    good = tmp_path / "gs.json"
    good.write_text(_dump(GOOD_SERIES), encoding="utf-8")
    assert _reference_load(good, db)[0] == 0
    bad = tmp_path / "bad.json"
    bad.write_text(_dump(data), encoding="utf-8")
    code, out, err = _reference_load(bad, db, "--name", "gs")
    assert code == 1
    assert "Traceback" not in out + err
    assert _errors(err) == [f"error: {bad}: {problem}"]
    assert _values(db) == 2  # the series of that name, as it was
    assert _served_reference(db).status_code == 200


@settings(max_examples=60, deadline=None)
@given(
    where=st.sampled_from(["claimant", "side", "cumulative", "source", "tracked", "date", "value", "span"]),
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(),
        st.text(alphabet=st.characters(codec=None), max_size=12),
        st.lists(st.one_of(st.integers(), st.text(max_size=12)), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    ),
)
def test_any_series_either_loads_and_serves_or_is_one_line(
    tmp_path_factory: pytest.TempPathFactory, where: str, value: Any
) -> None:
    folder = tmp_path_factory.mktemp("ref")
    data = _with({})
    if where in ("claimant", "side", "cumulative", "source", "tracked"):
        data[where] = value
    elif where == "date":
        data["series"][1]["date"] = value
    elif where == "value":
        data["series"][1]["equipment.tank"] = value
    else:
        data["tracked"]["equipment.tank"][1] = value
    path = folder / "s.json"
    path.write_text(_dump(data), encoding="utf-8")
    db = f"sqlite:///{folder / 's.db'}"
    code, out, err = _reference_load(path, db)
    assert "Traceback" not in out + err
    if code == 0:
        assert _served_reference(db).status_code == 200
    else:
        assert code == 1
        assert len(_errors(err)) == 1 and _errors(err)[0].startswith(f"error: {path}: ")
        assert _values(db) == 0


# --- 8. the response cache -------------------------------------------------------------------


def test_unknown_parameters_share_one_cache_entry(store: Store) -> None:
    app = create_app(store, ServeOptions(cache_seconds=60))
    cache = app.app
    assert isinstance(cache, MicroCache)
    with TestClient(app) as client:
        first = client.get("/api/places.geojson")
        for n in range(40):
            assert client.get(f"/api/places.geojson?pad={n}").content == first.content
        # A parameter the route reads is still a different answer.
        client.get("/api/places.geojson?since=2024-08-01")
        client.get("/api/places.geojson?since=2024-08-01&pad=x")
    assert len(cache.entries) == 2


def _sized(request: Request) -> Response:
    # An answer of `kb` KiB for any `n`: each `n` is a different key, as known parameters are.
    return Response(b"x" * int(request.query_params.get("kb", "1")) * 1024)


def _sized_app(max_bytes: int, ttl: float) -> MicroCache:
    app = Starlette(routes=[Route("/api/sized", _sized)])
    return MicroCache(app, ttl, max_bytes=max_bytes)


def test_the_cache_is_bounded_in_bytes() -> None:
    cache = _sized_app(max_bytes=1024 * 1024, ttl=60)
    with TestClient(cache) as client:
        for n in range(64):
            assert client.get(f"/api/sized?kb=100&n={n}").status_code == 200
            assert cache.held_bytes <= 1024 * 1024
        # An answer larger than the whole budget is served and not kept.
        assert len(client.get("/api/sized?kb=2048").content) == 2048 * 1024
    assert 0 < cache.held_bytes <= 1024 * 1024
    assert cache.held_bytes == sum(len(body) for _, _, body in cache.entries.values())


def test_expired_answers_are_dropped_without_a_further_request() -> None:
    cache = _sized_app(max_bytes=8 * 1024 * 1024, ttl=1.0)
    with serve(cache) as base:
        for n in range(5):
            assert httpx.get(f"{base}/api/sized?kb=512&n={n}").status_code == 200
        assert cache.held_bytes > 0
        deadline = time.monotonic() + 5
        while cache.held_bytes and time.monotonic() < deadline:
            time.sleep(0.05)
    assert cache.held_bytes == 0 and not cache.entries


def test_the_cache_key_ignores_parameter_order() -> None:
    cache = _sized_app(max_bytes=8 * 1024 * 1024, ttl=60)
    with TestClient(cache) as client:
        client.get("/api/sized?kb=1&n=1")
        client.get("/api/sized?n=1&kb=1")
    assert len(cache.entries) == 1


# --- 10. naming what is refused ----------------------------------------------------------------


def test_a_fifo_in_a_walked_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Sudzha was shelled overnight.\n")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    items = asyncio.run(asyncio.wait_for(asyncio.to_thread(lambda: list(read_inputs([str(folder)]))), 10))
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{folder / 'gone.txt'}: symbolic link to nothing, not followed",
        f"{folder / 'pipe.txt'}: is a named pipe (FIFO), not a regular file",
    ]
    assert [i.id for i in items if not isinstance(i, InputError)] == [str(folder / "a.txt")]


HOSTILE_NAME = "x\x1b]0;owned\x07\x1b[2J\x9b31m\u202eevil.txt"


def test_control_characters_in_a_name_are_printed_escaped(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / HOSTILE_NAME).write_bytes(b"")
    code, out, err = invoke(cli, "extract", str(folder))
    assert code == 1
    escaped = f"{folder}/x\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202eevil.txt"
    assert _errors(err) == [f"error: {escaped}: empty input"]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out + err)


def test_input_errors_name_their_source_printably() -> None:
    from fogofwar.errors import printable

    assert str(InputError("a\x1bb\udcff", "bad")) == "a\\x1bb\\udcff: bad"
    assert printable("Київ, tab\there") == "Київ, tab\\x09here"


def test_stored_markup_and_escape_sequences_print_as_literal_text(cli: CliRunner, tmp_path: Path) -> None:
    # A feed controls ids, titles and outlets: Rich markup in them crashed `articles` and `show`
    # (MarkupError on "[/x]"), and an ESC in them reached the terminal as a live sequence.
    row = {
        "id": "m\x1b[31m1",
        "title": "[/b] [link=file:///etc/passwd]x",
        "outlet": "[red]W\x1b]0;owned\x07",
        "published": "2024-05-01",
        "text": "Russian forces shelled Kharkiv on Monday\u202e, killing two people, officials said.",
    }
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert invoke(cli, "ingest", str(source), "--db", db)[0] == 0
    for command in (("articles", "--db", db), ("show", row["id"], "--db", db)):
        code, out, err = invoke(cli, *command)
        assert code == 0, err
        assert "[/b]" in out and "[red]W" in out  # shown as written, not interpreted
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out + err)
