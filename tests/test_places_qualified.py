"""A region written next to a settlement ("Vodiane (Zaporizhzhia)", "Novoselivka, Kharkiv oblast",
"El Wak, Gedo") names the settlement's first-level region: it chooses among namesakes, and it
qualifies the settlement rather than being a place of its own. A list of places ("Kyiv, Odesa and
Lviv") is not a settlement and its region."""

from __future__ import annotations

import pytest

from fogofwar.annotate import extract
from fogofwar.model import Place


def places(text: str) -> list[Place]:
    found = extract(text).places
    for p in found:
        assert text[p.start : p.end] == p.text
    return found


def find(found: list[Place], text: str) -> Place:
    hits = [p for p in found if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in found]}"
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "town", "country", "admin1"),
    [
        # Ukraine: the bracketed oblast's bare name; a bigger namesake elsewhere.
        ("Russian troops attacked Ivanivka (Kherson) overnight.", "Ivanivka", "UA", "Kherson Oblast"),
        ("Fighters attacked Vodiane (Zaporizhzhia) at night.", "Vodiane", "UA", "Zaporizhzhia Oblast"),
        ("Fighters attacked Kamianka (Donetsk) at night.", "Kamianka", "UA", "Donetsk Oblast"),
        # Russia's border oblasts.
        (
            "A drone set fire to a barn in Zhuravlyovka (Belgorod) on Sunday.",
            "Zhuravlyovka",
            "RU",
            "Belgorod Oblast",
        ),
        # Somalia: El Wak is also a bigger town across the border in Kenya.
        ("Al-Shabaab fighters overran a police post in El Wak, Gedo, on Tuesday.", "El Wak", "SO", "Gedo"),
        ("Militants ambushed a convoy near Mahas (Hiraan) at dawn.", "Mahas", "SO", "Hiraan"),
        # Sudan: Bara of North Kordofan, not the Nigerian town of the same name.
        ("The RSF stormed Bara (North Kordofan) after two days of fighting.", "Bara", "SD", "North Kordofan"),
        # Nigeria.
        ("Insurgents raided Bama (Borno) and burned the market.", "Bama", "NG", "Borno"),
    ],
)
def test_the_region_next_to_a_settlement_chooses_its_namesake(
    sentence: str, town: str, country: str, admin1: str
) -> None:
    found = find(places(sentence), town)
    assert (found.country_code, found.admin1) == (country, admin1)
    assert found.role is None


@pytest.mark.parametrize(
    ("sentence", "town", "wrong"),
    [
        # The gazetteer has no Novoselivka in Kharkiv Oblast nor a Sosnovka in Belgorod Oblast:
        # a namesake in another region is not where it happened.
        ("Russian forces shelled Novoselivka, Kharkiv oblast, on Tuesday.", "Novoselivka", "Donetsk Oblast"),
        ("A drone hit a house in Sosnovka, Belgorod oblast, on Sunday.", "Sosnovka", "Saint Petersburg"),
    ],
)
def test_a_namesake_outside_the_stated_region_is_not_chosen(sentence: str, town: str, wrong: str) -> None:
    found = places(sentence)
    assert find(found, town).admin1 != wrong


def test_the_bracketed_region_is_the_region_not_its_capital() -> None:
    found = places("Russian forces shelled Stepove (Donetsk) on Monday, the governor said.")
    region = find(found, "Donetsk")
    assert region.kind == "admin1" and region.admin1 == "Donetsk Oblast"
    events = extract("Russian forces shelled Stepove (Donetsk) on Monday, killing two civilians.").events
    record = extract("Russian forces shelled Stepove (Donetsk) on Monday, killing two civilians.")
    assert events and all(e.place is not None and record.places[e.place].text == "Stepove" for e in events)


def test_a_list_of_cities_is_not_a_city_and_its_region() -> None:
    found = places("Air raid sirens sounded in Kyiv, Odesa and Lviv on Monday.")
    assert find(found, "Kyiv").admin1 == "Kyiv City"
    found = places("Shelling was reported in Kupiansk, Kharkiv, Izium and Balakliia on Friday.")
    assert find(found, "Kharkiv").kind == "populated_place"


def test_a_us_state_after_a_comma_still_qualifies() -> None:
    paris = find(places("A tornado tore through Paris, Texas, on Friday night."), "Paris")
    assert (paris.country_code, paris.admin1) == ("US", "Texas")
