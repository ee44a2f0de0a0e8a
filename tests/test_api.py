"""The HTTP API over a real store (SQLite and PostgreSQL) through a real uvicorn server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geojson
import httpx
import jsonschema
import pytest

from fogofwar.api import ServeOptions, create_app
from fogofwar.link.reference import load as load_reference
from fogofwar.link.views import links, sources
from fogofwar.query import get_record, summary
from fogofwar.schemas import record_schema
from fogofwar.store import Store
from tests.serving import plain_records, reference_series_file, sample_records, save_all, serve

N_PLAIN = 23


@pytest.fixture
def api(db_url: str) -> Iterator[tuple[httpx.Client, Store]]:
    store = Store(db_url)
    save_all(store, sample_records() + plain_records(N_PLAIN))
    with serve(create_app(store)) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client, store
    store.close()


def _all_pages(client: httpx.Client, **params: object) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    cursor = None
    for _ in range(100):
        page = client.get("/api/articles", params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def test_keyset_pages_cover_every_article_once_newest_first(api: tuple[httpx.Client, Store]) -> None:
    client, store = api
    items = _all_pages(client, limit=4)
    ids = [str(i["id"]) for i in items]
    assert len(ids) == len(set(ids)) == 3 + N_PLAIN == summary(store)["articles"]
    dated = [str(i["published"]) for i in items if i["published"]]
    assert dated == sorted(dated, reverse=True)
    # Undated articles come last, as in `fogofwar articles`.
    assert all(i["published"] is None for i in items[len(dated) :])
    assert items[0]["id"] == "test/reuters-pokrovsk"


def test_filters_narrow_the_list(api: tuple[httpx.Client, Store]) -> None:
    client, _ = api
    ids = lambda **p: {i["id"] for i in _all_pages(client, limit=50, **p)}  # noqa: E731
    assert ids(outlet="tass") == {"test/tass-mod-300"}
    assert ids(since="2024-09-01") == {"test/reuters-pokrovsk"}
    assert ids(until="2024-08-10", outlet="Kyiv Post") == {"test/kyiv-post-syrskyi"}
    assert ids(event_type="Battles") == {"test/kyiv-post-syrskyi"}
    assert ids(category="personnel") == {"test/tass-mod-300"}  # personnel.casualties is below it
    assert ids(q="POKROVSK") == {"test/reuters-pokrovsk"}
    assert ids(q="100%") == set()  # a literal percent sign, not a wildcard


def test_record_route_returns_the_stored_record(api: tuple[httpx.Client, Store]) -> None:
    client, store = api
    response = client.get("/api/articles/test/kyiv-post-syrskyi")  # ids may hold slashes
    assert response.status_code == 200
    body = response.json()
    jsonschema.validate(body, record_schema())
    stored = get_record(store, "test/kyiv-post-syrskyi")
    assert stored is not None
    assert body == stored.to_dict()
    assert body["claims"][0]["via"] == ["Reuters"]
    missing = client.get("/api/articles/no/such/article")
    assert missing.status_code == 404
    assert "no such article" in missing.json()["detail"]


def test_geojson_has_one_point_per_place_with_coordinates(api: tuple[httpx.Client, Store]) -> None:
    client, _ = api
    response = client.get("/api/places.geojson")
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = geojson.loads(response.text)
    assert collection.is_valid
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    assert set(by_name) == {"Kursk Oblast", "Sudzha", "Belgorod", "Pokrovsk"}  # not the unnamed village
    assert by_name["Sudzha"]["geometry"]["coordinates"] == [35.27, 51.19]
    assert by_name["Sudzha"]["properties"]["event_types"] == "Battles"
    narrowed = client.get("/api/places.geojson", params={"since": "2024-08-15", "until": "2024-08-31"}).json()
    assert [f["properties"]["name"] for f in narrowed["features"]] == ["Belgorod"]


def test_figures_carry_their_claimant(api: tuple[httpx.Client, Store]) -> None:
    client, _ = api
    items = client.get("/api/figures").json()["items"]
    assert {(f["claimant"], f["value"]) for f in items} == {
        ("Oleksandr Syrskyi", 1000.0),
        ("Russian Defence Ministry", 300.0),
    }
    only = client.get("/api/figures", params={"category": "personnel", "side": "ua"}).json()["items"]
    assert [f["article_id"] for f in only] == ["test/tass-mod-300"]
    page = client.get("/api/figures", params={"limit": 1}).json()
    second = client.get("/api/figures", params={"limit": 1, "cursor": page["next_cursor"]}).json()
    assert page["items"][0]["article_id"] != second["items"][0]["article_id"]
    assert second["next_cursor"] is None


def test_forecast_ledger_and_timeline(api: tuple[httpx.Client, Store]) -> None:
    client, _ = api
    ledger = client.get("/api/forecasts").json()["items"]
    # The newest article is of 2024-09-05: September's window is open, and so is the longer one.
    assert [(f["article_id"], f["status"]) for f in ledger] == [
        ("test/tass-mod-300", "open"),
        ("test/reuters-pokrovsk", "open"),
    ]
    days = {d["day"]: d for d in client.get("/api/timeline", params={"since": "2024-08-09"}).json()}
    assert days["2024-08-09"]["events"] == 1  # the battle, on its own date
    assert days["2024-08-10"]["articles"] >= 1
    assert days["2024-09-04"]["events"] == 1


def test_reference_series_pages_cover_every_value_and_carry_it_across_the_window(
    api: tuple[httpx.Client, Store], tmp_path: Path
) -> None:
    client, store = api
    assert client.get("/api/reference").json() == {"items": [], "next_cursor": None}
    load_reference(store, reference_series_file(tmp_path / "series.json"))
    window = {"category": "equipment.tank", "since": "2024-08-02", "until": "2024-08-29"}
    whole = client.get("/api/reference", params=window).json()
    assert whole["next_cursor"] is None
    points = whole["items"]
    # The series changes every third day from 2024-07-01: none on 2024-08-02 or 2024-08-29, so the
    # window opens and closes on values carried from the last change.
    assert (points[0]["day"], points[0]["carried"]) == ("2024-08-02", True)
    assert (points[-1]["day"], points[-1]["carried"]) == ("2024-08-29", True)
    assert points[-1]["value"] == points[-2]["value"]
    assert all(not p["carried"] for p in points[1:-1])
    assert {p["category"] for p in points} == {"equipment.tank"}
    values = [p["value"] for p in points]
    assert values == sorted(values)  # a running total
    paged: list[dict[str, object]] = []
    cursor = None
    for _ in range(100):
        more = {"cursor": cursor} if cursor else {}
        page = client.get("/api/reference", params={**window, "limit": 4, **more}).json()
        paged += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == points
    # The series counts Russian losses: asked for Ukrainian ones, it has none.
    assert client.get("/api/reference", params={**window, "side": "ua"}).json()["items"] == []
    assert client.get("/api/reference", params={**window, "side": "ru"}).json()["items"] == points
    # `equipment` takes in its sub-categories; outside the tracked range there is nothing.
    assert client.get("/api/reference", params={**window, "category": "equipment"}).json()["items"] == points
    late = client.get("/api/reference", params={"since": "2026-01-01"}).json()
    assert late["items"] == []


def test_extract_returns_a_record_and_stores_nothing(api: tuple[httpx.Client, Store]) -> None:
    client, store = api
    before = summary(store)["articles"]
    text = "KYIV, Aug 12 (Reuters) - Ukraine's top commander said the army controls 1,000 square km."
    response = client.post(
        "/api/extract", json={"text": text, "published": "2024-08-12", "outlet": "Reuters"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    jsonschema.validate(body, record_schema())
    assert body["article"]["text"] == text
    assert body["article"]["published"] == "2024-08-12"
    assert summary(store)["articles"] == before
    assert client.post("/api/extract", json={"text": ""}).status_code == 422


def test_links_and_sources_are_served(api: tuple[httpx.Client, Store]) -> None:
    client, store = api
    found = client.get("/api/links", params={"since": "2024-08-01"})
    assert found.status_code == 200, found.text
    assert found.json()["schema"] == "fogofwar.links/1"
    assert found.json() == links(store, since="2024-08-01")
    track = client.get("/api/sources")
    assert track.status_code == 200
    assert track.json() == sources(store)
    assert client.get("/api/links", params={"until": "soon"}).status_code == 422


def test_docs_are_served_without_a_cdn(api: tuple[httpx.Client, Store]) -> None:
    client, _ = api
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/docs-static/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/places.geojson", "/api/figures", "/api/extract"} <= set(paths)


def test_answers_are_reused_briefly_and_a_write_forgets_them(tmp_path: Path) -> None:
    token = "t0ken"
    with Store(str(tmp_path / "s.db")) as store:
        save_all(store, sample_records())
        app = create_app(store, ServeOptions(allow_ingest=True, token=token, cache_seconds=600))
        with serve(app) as base, httpx.Client(base_url=base, timeout=120) as client:
            count = lambda: len(client.get("/api/articles", params={"limit": 100}).json()["items"])  # noqa: E731
            assert count() == 3
            save_all(store, plain_records(2))  # written behind the server's back (another process)
            assert count() == 3  # the same question within the cache's time: the same answer
            assert len(client.get("/api/articles", params={"limit": 99}).json()["items"]) == 5
            posted = client.post(
                "/api/ingest",
                json={"text": "Shelling hit Kharkiv overnight.", "id": "posted/1"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert posted.status_code == 200
            assert count() == 6  # a write through the server empties the cache
        with (
            serve(create_app(store, ServeOptions(cache_seconds=0))) as base,
            httpx.Client(base_url=base) as client,
        ):
            first = len(client.get("/api/articles").json()["items"])
            save_all(store, plain_records(3, start_day=5)[2:])
            assert len(client.get("/api/articles").json()["items"]) == first + 1


def test_an_ingested_article_is_linked(tmp_path: Path) -> None:
    """POST /api/ingest runs the ingest path of `fogofwar ingest`: stored, then linked; the same
    text again under another id is a copy of it."""
    token = "t0ken"
    auth = {"Authorization": f"Bearer {token}"}
    text = "Shelling hit Kharkiv overnight, the regional governor said on Telegram."
    with Store(str(tmp_path / "s.db")) as store:
        save_all(store, sample_records())
        app = create_app(store, ServeOptions(allow_ingest=True, token=token))
        with serve(app) as base, httpx.Client(base_url=base, timeout=300, headers=auth) as client:
            posted = client.post("/api/ingest", json={"text": text, "id": "posted/kharkiv"})
            assert posted.status_code == 200, posted.text
            assert posted.json() == {"stored": ["posted/kharkiv"], "read": 1}
            found = client.get("/api/links").json()
            assert any("posted/kharkiv" in story["articles"] for story in found["stories"])
            again = client.post("/api/ingest", json={"text": text, "id": "posted/kharkiv-again"})
            assert again.status_code == 200, again.text
            assert again.json() == {"stored": [], "read": 1}
            found = client.get("/api/links").json()
            assert {"a": "posted/kharkiv", "b": "posted/kharkiv-again", "kind": "exact", "score": 1.0} in (
                found["duplicates"]
            )
