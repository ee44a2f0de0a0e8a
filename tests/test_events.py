"""The `events` component: each reported happening coded as ACLED and PLOVER code it, with its
actors, place, date, toll and claim read from the parts the other components wrote."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

import fogofwar
from fogofwar.knowledge import event_taxonomy
from fogofwar.nlp import build_pipeline

RU = "Military Forces of Russia (2000-)"
# A strategic development carries an ACLED type only in a report of conflict (the relevance
# gate): these cases are told inside one.
IN_WAR = " The town had been shelled by Russian artillery the day before."
UA = "Military Forces of Ukraine (2019-)"


def events_of(text: str, **parts: Any) -> list[dict[str, Any]]:
    """The events of `text`, after setting the parts other components would have written."""
    nlp = build_pipeline()
    doc: Doc = nlp(text)
    for name, value in parts.items():
        setattr(doc._, name, value)
    nlp.get_pipe("fogofwar_events")(doc)
    events: list[dict[str, Any]] = doc._.events
    for event in events:
        assert text[event["start"] : event["end"]] == event["text"]
    return events


def main(text: str, **parts: Any) -> dict[str, Any]:
    events = events_of(text, **parts)
    assert events, f"no event in {text!r}"
    return events[0]


def place(text: str, name: str, kind: str, cc: str = "UA", role: str | None = None) -> dict[str, Any]:
    start = text.index(name)
    return {"text": name, "start": start, "end": start + len(name), "name": name, "kind": kind,
            "country_code": cc, "role": role}  # fmt: skip


def time(text: str, span: str, day: str) -> dict[str, Any]:
    start = text.index(span)
    return {"text": span, "start": start, "end": start + len(span), "kind": "date", "timex_type": "DATE",
            "value": day, "range": {"begin": day, "end": day}}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "type_", "subtype", "plover"),
    [
        # Strikes: how the harm was done decides the sub-event type.
        ("Russian artillery shelled the outskirts of Nikopol overnight.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack", "FIGHT"),
        ("A ballistic missile hit the port of Odesa on Thursday.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack", "FIGHT"),
        ("Russian aircraft dropped glide bombs on Kostiantynivka.", "Explosions/Remote violence",
         "Air/drone strike", "FIGHT"),
        ("Ukrainian drones attacked an oil depot in the Bryansk region.", "Explosions/Remote violence",
         "Air/drone strike", "FIGHT"),
        ("A roadside bomb tore through a minibus near Afgoye.", "Explosions/Remote violence",
         "Remote explosive/landmine/IED", "ASSAULT"),
        ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "Explosions/Remote violence",
         "Suicide bomb", "ASSAULT"),
        ("Gunmen hurled a hand grenade at a police post in Baidoa.", "Explosions/Remote violence",
         "Grenade", "ASSAULT"),
        # Battles: close fighting, and ground that changes hands by force.
        ("Russian troops launched massed, dismounted assaults against Ukrainian positions near Pokrovsk.",
         "Battles", "Armed clash", "FIGHT"),
        ("Separatist fighters fired mortars, heavy machine guns and small arms at the army's positions.",
         "Battles", "Armed clash", "FIGHT"),
        ("Ukrainian troops crossed the border into the Kursk region and fought their way into Sudzha.",
         "Battles", "Armed clash", "FIGHT"),
        ("Russian forces captured the village of Urozhaine after weeks of fighting.", "Battles",
         "Non-state actor overtakes territory", "FIGHT"),
        ("Ukrainian forces recaptured the village of Robotyne in the south.", "Battles",
         "Government regains territory", "FIGHT"),
        # Violence against civilians.
        ("Militants shot dead two teachers on the road to Jowhar.", "Violence against civilians", "Attack",
         "ASSAULT"),
        ("Armed men abducted a village elder from his home near Balcad.", "Violence against civilians",
         "Abduction/forced disappearance", "ASSAULT"),
        # Protests and riots.
        ("Hundreds of residents rallied outside the city council to demand the release of prisoners of war.",
         "Protests", "Peaceful protest", "PROTEST"),
        ("Police dispersed the protesters with tear gas and detained twelve of them.", "Protests",
         "Protest with intervention", "PROTEST"),
        ("Rioters torched cars and threw stones at the police in the town centre.", "Riots",
         "Violent demonstration", "PROTEST"),
        # Strategic developments.
        ("Russia and Ukraine exchanged 95 prisoners of war each in a deal brokered by the UAE." + IN_WAR,
         "Strategic developments", "Agreement", "AGREE"),
        ("Russian forces withdrew from the west bank of the Dnipro without a fight.",
         "Strategic developments", "Non-violent transfer of territory", "RETREAT"),
        ("Authorities ordered the evacuation of families with children from Pokrovsk." + IN_WAR,
         "Strategic developments", "Other", "RETREAT"),
        ("North Korean troops have been deployed to the Kursk region.", "Strategic developments", "Other",
         "MOBILIZE"),
        ("Delegations from both sides held talks in Istanbul on a ceasefire." + IN_WAR,
         "Strategic developments", "Other", "CONSULT"),
        ("Ukrainian air defence shot down 20 of the 25 drones overnight.", "Strategic developments",
         "Disrupted weapons use", "FIGHT"),
        ("Police arrested a local official suspected of passing coordinates to the enemy." + IN_WAR,
         "Strategic developments", "Arrests", "COERCE"),
        ("Soldiers looted shops and burned down houses as they left the village." + IN_WAR,
         "Strategic developments", "Looting/property destruction", "COERCE"),
    ],
)  # fmt: skip
def test_each_kind_of_happening_is_coded(text: str, type_: str, subtype: str, plover: str) -> None:
    event = main(text)
    assert (event["type"], event["subtype"], event["plover"]) == (type_, subtype, plover)


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The foreign minister condemned the decision as a provocation.", "DISAPPROVE"),
        ("The government rejected the proposal outright.", "REJECT"),
        ("The envoy urged both parties to return to the negotiating table.", "DEMAND"),
        ("The president threatened to cut off gas supplies.", "THREATEN"),
        ("The European Union imposed sanctions on three banks.", "SANCTION"),
        ("Germany voiced its support for the new government.", "SUPPORT"),
        ("The United Nations will send food and medicine to the flooded region.", "AID"),
        ("Prosecutors opened an investigation into the killing.", "INVESTIGATE"),
    ],
)
def test_words_that_acled_does_not_code_still_get_a_plover_category(text: str, plover: str) -> None:
    event = main(text)
    assert event["plover"] == plover
    assert event["type"] is None


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        ("Russian forces shelled Kherson.", RU, None),
        ("The Russian army stormed Ukrainian positions near Vuhledar.", RU, UA),
        ("Moscow's troops attacked Ukrainian positions near Chasiv Yar.", RU, UA),
        ("Russia launched 40 drones at Ukraine overnight.", RU, None),
        ("North Korean troops clashed with Ukrainian units in the Kursk region.",
         "Military Forces of North Korea (2011-)", UA),
        ("Ukrainian positions came under fire from the DPR forces near Horlivka.",
         "NAF: United Armed Forces of Novorossiya", UA),
        ("Al Shabab militants ambushed Somali troops near Afgoye.", "Al Shabaab",
         "Military Forces of Somalia (2017-)"),
        ("Gunmen shot dead two teachers.", "Unidentified Armed Group", "Civilians"),
    ],
)  # fmt: skip
def test_actors_are_named_as_acled_names_them(text: str, actor1: str | None, actor2: str | None) -> None:
    event = main(text)
    assert (event["actor1"], event["actor2"]) == (actor1, actor2)


def test_civilians_are_a_kind_named_with_the_country_of_the_place() -> None:
    text = "Russian shelling killed two civilians in Kupiansk."
    event = main(text, places=[place(text, "Kupiansk", "populated_place")])
    assert event["actor2"] == "Civilians (Ukraine)"
    assert event["subtype"] == "Shelling/artillery/missile attack"  # remote fire stays remote fire


def test_place_is_the_most_specific_one_and_never_an_actors_name() -> None:
    text = "Luhansk People's Militia fired 120mm mortars at Ukrainian positions near Zolote, Luhansk Oblast."
    places = [
        place(text, "Luhansk", "admin1"),  # inside the militia's name
        place(text, "Zolote", "populated_place"),
        place(text, "Luhansk Oblast", "admin1"),
    ]
    event = main(text, places=places)
    assert event["place"] == 1
    assert event["actor1"] == "NAF: United Armed Forces of Novorossiya"


def test_the_attackers_country_is_not_where_it_happened() -> None:
    text = "Russia fired cruise missiles at Ukraine."
    places = [place(text, "Russia", "country", "RU"), place(text, "Ukraine", "country")]
    assert main(text, places=places)["place"] == 1
    places[0]["role"] = "actor"
    assert main(text, places=places)["place"] == 1


def test_without_places_the_place_stays_empty() -> None:
    assert main("Russian forces shelled Kherson on Monday.", places=[])["place"] is None


def test_date_comes_from_the_times_else_the_publication_date_flagged_as_assumed() -> None:
    text = "On 12 May 2024, Russian forces shelled Vovchansk."
    event = main(text, times=[time(text, "12 May 2024", "2024-05-12")], published="2024-05-13")
    assert event["date"] == {"begin": "2024-05-12", "end": "2024-05-12"}
    assert event["date_assumed"] is False
    event = main("Russian forces shelled Vovchansk.", times=[], published="2024-05-13")
    assert event["date"] == {"begin": "2024-05-13", "end": "2024-05-13"}
    assert event["date_assumed"] is True
    assert main("Russian forces shelled Vovchansk.", times=[], published=None)["date"] is None


def figure(
    text: str, span: str, value: int, category: str = "personnel.killed", **more: Any
) -> dict[str, Any]:
    start = text.index(span)
    return {"text": span, "start": start, "end": start + len(span), "value": value, "category": category,
            **more}  # fmt: skip


def test_fatalities_are_the_killed_counts_of_the_event_and_its_toll_sentences() -> None:
    text = (
        "Al Shabaab fighters attacked an army base in Qoryoley. Five soldiers and three attackers were"
        " killed and 11 were wounded. Separately, police arrested two suspects in Merca."
    )
    figures = [
        figure(text, "Five", 5),
        figure(text, "three", 3),
        figure(text, "11", 11, "personnel.wounded"),
        figure(text, "two", 2, "people.arrested"),
    ]
    events = events_of(text, figures=figures)
    assert [e["subtype"] for e in events] == ["Armed clash", "Arrests"]
    assert events[0]["fatalities"] == 8
    assert events[1]["fatalities"] is None


def test_a_sub_count_is_not_counted_twice() -> None:
    text = "Russian missiles struck Dnipro, killing 14 people, including three children."
    figures = [
        figure(text, "14", 14, "civilians.killed"),
        figure(text, "three", 3, "civilians.killed", parent=0),
    ]
    assert main(text, figures=figures)["fatalities"] == 14


def test_a_toll_shared_out_over_events_gives_the_events_share() -> None:
    text = (
        "The army fired small arms at rebel positions. One soldier was killed "
        "[1 fatality split among 12 events]."
    )
    assert main(text, figures=[figure(text, "One", 1)])["fatalities"] == 0


def test_an_event_that_is_itself_a_claim_carries_the_claims_id() -> None:
    text = "Russia's defence ministry said its forces had repelled five Ukrainian attacks near Kupiansk."
    content = "its forces had repelled five Ukrainian attacks near Kupiansk"
    start = text.index(content)
    claims = [{"id": "c1", "text": content, "start": start, "end": start + len(content)}]
    event = main(text, claims=claims)
    assert event["claim"] == "c1"
    assert event["subtype"] == "Armed clash"
    assert main(text, claims=[])["claim"] is None


def test_one_sentence_may_hold_several_happenings_and_the_main_clause_comes_first() -> None:
    text = "Kyiv condemned the shelling of Kharkiv, which killed three people."
    events = events_of(text)
    assert [e["plover"] for e in events] == ["DISAPPROVE", "FIGHT"]
    assert events[1]["subtype"] == "Shelling/artillery/missile attack"


def test_the_first_sentence_with_a_happening_gives_the_main_event() -> None:
    text = (
        "The mayor spoke to reporters. Russian drones hit an apartment block in Sumy. "
        "Residents protested against the slow repairs."
    )
    events = events_of(text)
    assert [e["subtype"] for e in events] == ["Air/drone strike", "Peaceful protest"]
    assert [e["id"] for e in events] == ["e1", "e2"]


def test_cease_fire_violations_and_plain_text_make_no_agreement() -> None:
    assert (
        main("Separatists fired grenade launchers at Ukrainian positions, a ceasefire violation.")["type"]
        == "Battles"
    )
    assert events_of("The weather was mild and the shops were open.") == []


def test_events_reach_the_record_with_every_field_of_the_model() -> None:
    text = "On 3 June 2024, Russian forces shelled Nikopol."
    record = fogofwar.extract(text, published="2024-06-04")
    assert len(record.events) == 1
    event = record.to_dict()["events"][0]
    assert event["id"] == "e1"
    assert event["type"] == "Explosions/Remote violence"
    assert text[event["start"] : event["end"]] == event["text"]


def test_the_taxonomy_names_every_coded_subtype_as_acled_does() -> None:
    data = event_taxonomy()
    for family in data["families"].values():
        if family["type"] is not None:
            assert family["subtype"] in data["acled"][family["type"]]["subtypes"]
    plover = set(data["plover"])
    for type_ in data["acled"].values():
        for spec in type_["subtypes"].values():
            assert spec["plover"] is None or spec["plover"] in plover


def test_show_lists_the_events_under_the_article() -> None:
    from rich.console import Console

    from fogofwar.render import render_record

    record = fogofwar.extract("Russian forces shelled Nikopol.", published="2024-06-04")
    console = Console(width=200, record=True)
    console.print(render_record(record))
    shown = console.export_text()
    assert "Shelling/artillery/missile attack" in shown
    assert "Military Forces of Russia (2000-)" in shown
    assert "2024-06-04 (assumed)" in shown
