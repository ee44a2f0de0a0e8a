"""Places on text nobody chose for the places component: people's and organisations' names are
not put on the map, a country's name is the country, and a country is drawn at its capital with
its precision said (issue 25, "Places that are places"). Every sentence here is written for the
test."""

from __future__ import annotations

import pytest

from fogofwar.annotate import extract
from fogofwar.knowledge.gazetteer import km
from fogofwar.model import Place

KINDS = {"country", "admin1", "admin2", "populated_place", "feature"}


def places(text: str) -> list[Place]:
    record = extract(text)
    for p in record.places:
        assert text[p.start : p.end] == p.text
    return record.places


def drawn(found: list[Place]) -> list[Place]:
    """What a map shows: places with coordinates that do not stand for a government or an
    organisation."""
    return [p for p in found if p.lat is not None and p.role != "actor"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vladimir Putin met Xi Jinping in Beijing on Tuesday.", "Vladimir"),
        (
            "Evo Morales, the former president, said he would run again. Morales was barred by the court.",
            "Morales",
        ),
        ("Supporters of Morales blocked roads across Bolivia on Monday.", "Morales"),
        ("Thousands of supporters of Morales marched on Monday.", "Morales"),
        ("The game arrives on Switch, PlayStation 5 and Xbox in March.", "Switch"),
        ("Taliban fighters seized the district centre in Kunduz province, officials said.", "Taliban"),
        ("The Taliban said its fighters had taken control of Kabul.", "Taliban"),
        ("Fighting between Taliban and government forces killed 12 people.", "Taliban"),
        ("Clashes between Taliban and Pakistani forces erupted at the border.", "Taliban"),
        ("M23 rebels advanced towards the town of Sake in North Kivu on Friday.", "M23"),
    ],
)
def test_names_of_people_and_groups_are_not_places(text: str, name: str) -> None:
    found = places(text)
    assert not [p for p in found if name in p.text and p.lat is not None], [
        (p.text, p.name, p.country_code) for p in found
    ]


def test_a_town_spacy_calls_a_person_is_still_a_place_after_a_spatial_word() -> None:
    # The small model tags "Goma" PERSON; "near" puts it on the map.
    found = places("The UN says fighting near Goma has displaced 400,000 people in Congo this year.")
    goma = next(p for p in found if p.text == "Goma")
    assert goma.country_code == "CD" and goma.kind == "populated_place"


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("M23 rebels fought the army around Goma, in eastern Congo, on Tuesday.", "Congo", "CD"),
        ("Jordan intercepted Iranian drones over its territory on Saturday night.", "Jordan", "JO"),
        (
            "Russian troops crossed into Georgia in August 2008 after fighting in South Ossetia.",
            "Georgia",
            "GE",
        ),
        ("Israeli jets struck targets in Lebanon overnight, the army said.", "Lebanon", "LB"),
    ],
)
def test_a_country_name_is_the_country(text: str, name: str, code: str) -> None:
    place = next(p for p in places(text) if p.text == name)
    assert (place.country_code, place.kind) == (code, "country")


def test_a_qualifier_still_puts_a_town_that_shares_a_country_name_elsewhere() -> None:
    place = next(
        p for p in places("A fire destroyed a barn near Lebanon, Pa., on Sunday.") if p.text == "Lebanon"
    )
    assert place.country_code == "US" and place.kind == "populated_place"


@pytest.mark.parametrize(
    ("text", "name", "capital"),
    [
        ("Drones attacked targets across Russia overnight.", "Russia", (55.75, 37.62)),
        ("Aid convoys reached Ukraine on Monday.", "Ukraine", (50.45, 30.52)),
        ("Protests spread across Congo after the vote.", "Congo", (-4.33, 15.31)),
    ],
)
def test_a_country_is_drawn_at_its_capital_as_a_country_point(
    text: str, name: str, capital: tuple[float, float]
) -> None:
    place = next(p for p in places(text) if p.text == name)
    assert place.kind == "country"
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, *capital) < 30


def test_every_place_with_coordinates_says_how_precise_it_is() -> None:
    text = (
        "Shelling hit Kharkiv and villages in Kharkiv Oblast, Ukraine, while drones struck Belgorod "
        "in Russia and the Black Sea fleet moved near Crimea."
    )
    found = places(text)
    assert found
    for p in found:
        if p.lat is not None:
            assert p.kind in KINDS, (p.text, p.kind)
    assert {p.kind for p in drawn(found)} >= {"country", "populated_place"}


def test_a_surname_after_initials_is_not_a_place() -> None:
    found = places("The analysis was led by M.L. Anderson and colleagues at the institute.")
    assert not [p for p in found if p.text == "Anderson" and p.lat is not None]
