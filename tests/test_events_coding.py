"""Events coded as ACLED codes them: the type from the codebook's definitions (the weapon, who
fired it, a change of control), the place where it happened (the sentence's locative, not a
capital speaking for a government, nor a namesake abroad), and the actors by ACLED's names (the
agent of a passive included). Every text here is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

import fogofwar
from fogofwar.nlp import build_pipeline

RU = "Military Forces of Russia (2000-)"
UA = "Military Forces of Ukraine (2019-)"
BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"


def events_of(text: str, **parts: Any) -> list[dict[str, Any]]:
    """The events of `text`, after setting the parts other components would have written."""
    nlp = build_pipeline()
    doc: Doc = nlp(text)
    for name, value in parts.items():
        setattr(doc._, name, value)
    nlp.get_pipe("fogofwar_events")(doc)
    events: list[dict[str, Any]] = doc._.events
    return events


def main(text: str, **parts: Any) -> dict[str, Any]:
    events = events_of(text, **parts)
    assert events, f"no event in {text!r}"
    return events[0]


def place(
    text: str, name: str, kind: str, cc: str, lat: float, lon: float, role: str | None = None
) -> dict[str, Any]:
    start = text.index(name)
    return {"text": name, "start": start, "end": start + len(name), "name": name, "kind": kind,
            "country_code": cc, "lat": lat, "lon": lon, "role": role}  # fmt: skip


# --- type: the weapon and who fired it, changes of control -------------------------------------


@pytest.mark.parametrize(
    ("text", "type_", "subtype"),
    [
        # The month is no march: a note dated in March is coded by what happened.
        ("On 3 March 2024, Russian forces fired artillery at Kurakhove, damaging a school.", REMOTE,
         "Shelling/artillery/missile attack"),
        ("On 8 March 2024, a roadside bomb hit a minibus outside Afgooye, killing four passengers.", REMOTE,
         "Remote explosive/landmine/IED"),
        # Seizing a base or full control is taking ground, not a seizure of goods.
        ("On 2 May 2024, RSF fighters seized the army's garrison headquarters in El Daein after a siege.",
         BATTLES, "Non-state actor overtakes territory"),
        ("On 9 August 2024, MNDAA forces seized full control of Lashio after weeks of fighting.", BATTLES,
         "Non-state actor overtakes territory"),
        ("On 20 May 2024, Somali troops took full control of the town of Mahaday from al-Shabaab.", BATTLES,
         "Government regains territory"),
        # "occupied Melitopol" says who holds the town, it is no capture.
        ("On 4 April 2024, a Russian soldier shot dead a shopkeeper in occupied Melitopol.", CIVILIANS,
         "Attack"),
    ],
)  # fmt: skip
def test_the_type_follows_the_codebook(text: str, type_: str, subtype: str) -> None:
    event = main(text)
    assert (event["type"], event["subtype"]) == (type_, subtype)


def test_a_lower_case_march_is_still_a_protest() -> None:
    assert (
        main("Thousands of students march through Niamey against the fuel price rise.")["plover"] == "PROTEST"
    )


def test_an_actors_name_hides_the_cue_words_inside_it() -> None:
    text = "On 2 May 2024, the Rapid Support Forces shelled the market in El Fasher, killing eight people."
    events = events_of(text)
    assert [e["plover"] for e in events] == ["FIGHT"]  # "Support" in the name is no support
    assert events[0]["actor1"] == "Rapid Support Forces"


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("Students demonstrated in Kinshasa over fees; police fired tear gas to disperse them.",
         "Protest with intervention"),
        ("Students demonstrated in Kinshasa over fees; police opened fire and killed two of them.",
         "Excessive force against protesters"),
    ],
)  # fmt: skip
def test_tear_gas_is_an_intervention_and_lethal_force_is_excessive(text: str, subtype: str) -> None:
    event = main(text)
    assert (event["type"], event["subtype"]) == ("Protests", subtype)


# --- actors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # The passive's agent acts, even when the toll's clause heads the sentence.
        ("On 9 June 2024, villagers in Bilozerka were shelled by Russian forces; a man was killed.", RU),
        # A pronoun's troops are those of the state named before them.
        ("On 25 September 2024, Moscow said its troops had taken control of Ukrainsk.", RU),
        # A weapon's name between the nationality and the weapon.
        ("On 2 March 2024, a Russian Shahed drone hit an apartment block in Odesa, killing 12.", RU),
        ("On 1 June 2024, JNIM militants ambushed a convoy near Tinzaouaten.",
         "JNIM: Group for Support of Islam and Muslims"),
        ("On 30 April 2024, M23 rebels took control of Rubaya after the army fled.",
         "M23: March 23 Movement"),
        ("On 31 January 2024, the Arakan Army captured a military camp in Kyauktaw.", "AA: Arakan Army"),
        ("On 12 May 2024, People's Defence Force fighters clashed with soldiers near Monywa.",
         "PDF: People's Defense Force"),
        ("On 8 February 2024, Congolese soldiers clashed with rebels around Sake.",
         "Military Forces of the Democratic Republic of Congo (2019-)"),
        # Two clans joined by "and": the first acts, named with the country as ACLED names it.
        ("On 30 June 2024, Habar Gidir and Majeerteen clan militias fought near Galkayo, Somalia.",
         "Habar Gidir Clan Militia (Somalia)"),
    ],
)  # fmt: skip
def test_actor1_is_who_did_it_by_acleds_name(text: str, actor1: str) -> None:
    assert main(text)["actor1"] == actor1


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # Words between "under" and "fire": the subject is the target, the one after "from" fired.
        ("On 5 May 2020, Ukrainian positions near Zolote came under 120mm mortar fire from the LPR.",
         "NAF: United Armed Forces of Novorossiya"),
        # Who reports it is not who did it.
        ("On 5 May, the JFO reported that separatists violated the ceasefire near Marinka using mortars.",
         "NAF: United Armed Forces of Novorossiya"),
    ],
)  # fmt: skip
def test_the_target_and_the_one_who_reports_are_not_actor1(text: str, actor1: str) -> None:
    assert main(text)["actor1"] == actor1


def test_according_to_a_source_is_no_agreement() -> None:
    text = (
        "On 5 May 2020, Ukrainian forces fired on separatist positions near Sakhanka, according to the DPR."
    )
    events = events_of(text)
    assert [e["type"] for e in events] == [BATTLES]


def test_junta_troops_are_the_military_of_the_country_where_it_happened() -> None:
    text = "On 23 April 2024, junta troops regained control of Myawaddy after resistance forces withdrew."
    places = [place(text, "Myawaddy", "populated_place", "MM", 16.69, 98.51)]
    event = main(text, places=places)
    assert event["actor1"] == "Military Forces of Myanmar (2021-)"
    assert event["subtype"] == "Government regains territory"


# --- place -------------------------------------------------------------------------------------


def test_the_sentences_locative_beats_a_capital_that_speaks_for_the_government() -> None:
    text = "On 13 July 2024, Kyiv said Russian forces had fired two missiles at Kramatorsk, wounding six."
    places = [
        place(text, "Kyiv", "populated_place", "UA", 50.45, 30.52),
        place(text, "Kramatorsk", "populated_place", "UA", 48.73, 37.57),
    ]
    assert main(text, places=places)["place"] == 1


def test_a_namesake_abroad_loses_to_the_country_of_the_other_places() -> None:
    text = "On 2 August 2024, a suicide bomber blew himself up at Lido in Mogadishu (Banadir), killing 32."
    places = [
        place(text, "Lido", "populated_place", "IT", 45.41, 12.37),
        place(text, "Mogadishu", "populated_place", "SO", 2.04, 45.34),
        place(text, "Banadir", "admin1", "SO", 2.05, 45.33),
    ]
    assert main(text, places=places)["place"] == 1


def test_a_place_the_gazetteer_placed_beats_one_it_could_not() -> None:
    text = "On 24 August 2024, militants killed 133 residents around Barsalogho, Burkina Faso."
    places = [
        place(text, "Barsalogho", "populated_place", "BF", 13.42, -1.06),
        place(text, "Burkina Faso", "country", "BF", 12.37, -1.53),
    ]
    places[0]["lat"] = places[0]["lon"] = None  # not in the gazetteer
    assert main(text, places=places)["place"] == 1


def test_a_name_taken_for_an_actor_is_the_place_when_it_is_the_locative() -> None:
    text = "On 23 April 2024, government troops regained control of Myawaddy from the rebels."
    places = [place(text, "Myawaddy", "populated_place", "MM", 16.69, 98.51, role="actor")]
    assert main(text, places=places)["place"] == 0
    # The day sits inside what is said: a statement with no day or place of its own is no event.
    text = "Naypyitaw said government troops had regained control of the border town on 23 April 2024."
    places = [place(text, "Naypyitaw", "populated_place", "MM", 19.75, 96.13, role="actor")]
    assert main(text, places=places)["place"] is None


@pytest.mark.parametrize(
    ("text", "name", "admin1", "lat", "lon"),
    [
        # Front-line villages and Somali towns GeoNames' cities500 lacks; ACLED's admin1 names.
        ("On 22 February 2024, Russian forces took control of the village of Lastochkyne (Donetsk).",
         "Lastochkyne", "Donetsk Oblast", 48.16, 37.65),
        ("On 4 May 2024, al-Shabaab fighters attacked an army base in Ceel Buur with mortars and rifles.",
         "El Bur", "Galgaduud", 4.68, 46.62),
        ("On 15 January 2024, a roadside bomb hit a minibus on the road to Afgooye, Lower Shabelle.",
         "Afgooye", "Lower Shabelle", 2.14, 45.12),
        # A front-line village whose name GeoNames gives to a bigger namesake in another oblast.
        ("On 5 May 2020, separatists fired 120mm mortars at Ukrainian positions near Pisky (Donetsk).",
         "Pisky", "Donetsk Oblast", 48.08, 37.66),
        ("On 10 September 2024, Sudanese army warplanes bombed a market in Kabkabiya, killing 21 people.",
         "Kabkabiya", "North Darfur", 13.65, 24.09),
    ],
)  # fmt: skip
def test_the_event_is_placed_at_front_line_settlements_with_their_admin1(
    text: str, name: str, admin1: str, lat: float, lon: float
) -> None:
    record = fogofwar.extract(text).to_dict()
    event = record["events"][0]
    where = record["places"][event["place"]]
    assert (where["name"], where["admin1"]) == (name, admin1)
    assert abs(where["lat"] - lat) < 0.1 and abs(where["lon"] - lon) < 0.1
