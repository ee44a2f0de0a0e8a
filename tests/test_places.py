"""The places component: conflict-zone spellings, regions, context, actors, and the index itself."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from fogofwar.annotate import extract
from fogofwar.knowledge import gazetteer
from fogofwar.model import Place


def places(text: str, **kwargs: Any) -> list[Place]:
    record = extract(text, **kwargs)
    for p in record.places:
        assert text[p.start : p.end] == p.text
    return record.places


def find(found: list[Place], text: str) -> Place:
    hits = [p for p in found if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in found]}"
    return hits[0]


@pytest.mark.parametrize(
    ("one", "other"),
    [("Kyiv", "Kiev"), ("Kharkiv", "Kharkov"), ("Zaporizhzhia", "Zaporozhye"), ("Mykolaiv", "Nikolaev")],
)
def test_spelling_variants_are_the_same_city(one: str, other: str) -> None:
    a = find(places(f"Air raid sirens sounded in {one} overnight."), one)
    b = find(places(f"Air raid sirens sounded in {other} overnight."), other)
    assert a.geonameid == b.geonameid
    assert a.name == b.name == one
    assert a.country_code == "UA"
    assert a.kind == "populated_place"


@pytest.mark.parametrize(
    ("town", "admin1"),
    [
        ("Pokrovsk", "Donetsk Oblast"),
        ("Avdiivka", "Donetsk Oblast"),
        ("Robotyne", "Zaporizhzhia Oblast"),
        ("Vovchansk", "Kharkiv Oblast"),
        ("Bakhmut", "Donetsk Oblast"),
        ("Artemivsk", "Donetsk Oblast"),
    ],
)
def test_front_line_towns(town: str, admin1: str) -> None:
    place = find(places(f"Soldiers said the shelling near {town} went on for hours."), town)
    assert (place.country_code, place.admin1, place.kind) == ("UA", admin1, "populated_place")
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    "written", ["Kursk Oblast", "Kursk Region", "Kursk region", "Kurskaya oblast", "Kursk area"]
)
def test_ways_of_writing_the_kursk_region(written: str) -> None:
    text = f"Evacuations continued across the {written} as the fighting went on."
    place = find(places(text), written)
    assert (place.kind, place.admin1, place.country_code) == ("admin1", "Kursk Oblast", "RU")


def test_bare_kursk_is_the_region_but_kursk_airport_is_the_city() -> None:
    region = find(places("Ukrainian troops pushed deeper into Kursk this week."), "Kursk")
    assert region.kind == "admin1"
    city = find(places("Officials said a drone hit Kursk airport before dawn."), "Kursk")
    assert city.kind == "populated_place"
    assert city.admin1 == "Kursk Oblast"


def test_a_city_named_like_its_region_is_the_city() -> None:
    kharkiv = find(places("A missile struck a school in Kharkiv on Friday."), "Kharkiv")
    assert kharkiv.kind == "populated_place"


def test_qualified_mentions_resolve_inside_the_named_region() -> None:
    found = places("Russian units attacked south of Krasnohorivka, Donetsk Oblast, on Monday.")
    town = find(found, "Krasnohorivka")
    assert town.admin1 == "Donetsk Oblast"  # not the village of that name in Poltava Oblast
    region = find(found, "Donetsk Oblast")
    assert region.kind == "admin1"
    found = places("Ukrainian forces held the town of Sudzha, Kursk region, for months.")
    assert find(found, "Sudzha").admin1 == "Kursk Oblast"
    assert find(found, "Kursk region").kind == "admin1"


def test_context_picks_the_namesake() -> None:
    us = find(
        places(
            "Floodwater closed roads in Alexandria, and Rapides Parish officials urged "
            "Louisiana drivers to wait."
        ),
        "Alexandria",
    )
    assert (us.country_code, us.admin1) == ("US", "Louisiana")
    eg = find(places("Protesters marched in Cairo and Alexandria, the second city of Egypt."), "Alexandria")
    assert eg.country_code == "EG"


def test_demonyms_are_not_places() -> None:
    assert places("Ukrainian and Russian officials met without a deal.") == []


def test_actors_are_marked() -> None:
    found = places("Russia's defence ministry said the attack was repelled. Moscow dismissed the talks.")
    assert find(found, "Russia").role == "actor"
    assert find(found, "Moscow").role == "actor"
    where = places("Two villages in Russia were shelled overnight.")
    assert find(where, "Russia").role is None


def test_no_places_gives_an_empty_list() -> None:
    assert places("The committee will meet again after the holidays to discuss the budget.") == []


def test_places_are_plain_data_for_worker_processes() -> None:
    record = extract("Shelling hit Kharkiv and Sumy overnight.")
    assert record.places
    for place in record.places:
        assert 0.0 <= (place.score or 0.0) <= 1.0
        assert place.kind in {"country", "admin1", "admin2", "populated_place", "feature"}


def test_a_corrupt_index_is_rebuilt_without_the_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Builds the index once more from the installed packages: slow, but it is the real path."""

    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the gazetteer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setenv("FOGOFWAR_CACHE_DIR", str(tmp_path))
    path = gazetteer.index_path()
    assert path.parent == tmp_path
    path.write_bytes(b"\x80\x05 not a pickle at all")
    assert gazetteer.read_index(path) is None
    gazetteer.load.cache_clear()
    try:
        rebuilt = gazetteer.load()
        assert gazetteer.read_index(path) is not None
        assert any(e.name == "Sudzha" for e, _ in rebuilt.lookup("sudzha"))
        assert gazetteer.status()["built"]
    finally:
        gazetteer.load.cache_clear()
