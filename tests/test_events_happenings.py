"""One event per happening (issue 28): a strike told over several sentences is one event, a
sentence that tells two happenings makes two, statements and period tallies are no events, the
toll is this happening's, and the headline's happening comes first. Real pipeline, own text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import fogofwar

REPO = Path(__file__).resolve().parent.parent


def typed(text: str, published: str = "2024-10-16", title: str | None = None) -> list[dict[str, Any]]:
    """The events of the record that carry an ACLED type (the ones an analyst maps)."""
    record = fogofwar.extract(text, published=published, title=title).to_dict()
    return [e for e in record["events"] if e["type"]]


def record_of(text: str, published: str = "2024-10-16", title: str | None = None) -> dict[str, Any]:
    return fogofwar.extract(text, published=published, title=title).to_dict()


def place_name(record: dict[str, Any], event: dict[str, Any]) -> str:
    return str(record["places"][event["place"]]["text"]) if event["place"] is not None else ""


def test_a_strike_its_toll_and_aftermath_are_one_event() -> None:
    text = (
        "A Russian missile struck a hospital in Mykolaiv on Tuesday, killing four patients, the regional "
        "governor said. The missile hit the surgical wing. Firefighters worked through the night."
    )
    events = typed(text)
    assert len(events) == 1
    assert events[0]["fatalities"] == 4


def test_two_happenings_in_one_sentence_are_two_events_with_their_own_place_and_toll() -> None:
    text = (
        "Gunmen attacked a police post near Baidoa on Monday, and a roadside bomb killed three soldiers "
        "outside Jowhar the same day, officials said."
    )
    record = record_of(text)
    events = [e for e in record["events"] if e["type"]]
    assert len(events) == 2
    by_place = {place_name(record, e): e for e in events}
    assert set(by_place) == {"Baidoa", "Jowhar"}
    assert by_place["Jowhar"]["fatalities"] == 3
    assert by_place["Baidoa"]["fatalities"] is None


@pytest.mark.parametrize(
    "statement",
    [
        "The foreign ministry condemned the attack as a war crime.",
        "The army commander threatened to strike the airport in response.",
        "The group said in a statement that its fighters had killed dozens of soldiers.",
        "The Pentagon said no US warship was hit.",
        "The rebels did not attack the town, residents said.",
    ],
)
def test_a_statement_about_violence_is_not_another_event(statement: str) -> None:
    text = f"Russian artillery shelled Nikopol on Monday, killing two people, officials said. {statement}"
    events = typed(text)
    assert len(events) == 1
    assert events[0]["fatalities"] == 2


def test_a_statement_that_reports_a_happening_with_its_place_and_day_keeps_it() -> None:
    text = "The UN condemned Sunday's attack on a convoy near Goma that killed two aid workers."
    events = typed(text)
    assert len(events) == 1
    assert events[0]["fatalities"] == 2


def test_a_cumulative_tally_is_no_events_toll() -> None:
    text = (
        "Russian drones hit Kharkiv on Monday, killing three people. The regional governor said 1,900 "
        "civilians had been killed in the region since February 2022."
    )
    events = typed(text)
    assert len(events) == 1
    assert events[0]["fatalities"] == 3


def test_an_article_that_only_reports_a_ministrys_tally_has_no_event() -> None:
    text = (
        "The defence ministry said on Monday that the enemy had lost more than 8,000 soldiers and 90 tanks "
        "since the start of its offensive in the Kharkiv region. The figures could not be verified."
    )
    assert typed(text) == []


def test_no_one_killed_is_a_toll_of_zero() -> None:
    text = "Russian drones struck a power plant in Odesa overnight, the governor said. No one was killed."
    events = typed(text)
    assert len(events) == 1
    assert events[0]["fatalities"] == 0


def test_according_to_is_not_an_agreement() -> None:
    text = (
        "At least 20 people were killed in a drone strike on a market in Gao on Sunday, "
        "according to officials."
    )
    events = typed(text)
    assert [e["type"] for e in events] == ["Explosions/Remote violence"]
    assert events[0]["fatalities"] == 20


def test_a_toll_in_the_next_paragraph_is_not_this_events() -> None:
    text = (
        "An army drone struck a rebel convoy near Kidal on Sunday, killing four people.\n\n"
        "Twelve civilians were killed."
    )
    assert typed(text)[0]["fatalities"] == 4


def test_a_later_paragraph_without_a_day_takes_the_day_told_before() -> None:
    text = (
        "A suicide bomber killed nine people at a checkpoint in Beledweyne on Tuesday.\n\n"
        "Hours later, soldiers fought al-Shabaab fighters near Bulo Burde."
    )
    events = typed(text, published="2024-10-02")
    assert len(events) == 2
    assert events[1]["date"] == {"begin": "2024-10-01", "end": "2024-10-01"}


def test_police_dispersing_a_protest_act_in_that_protest() -> None:
    text = (
        "Hundreds of people marched through Mogadishu on Tuesday against clan killings. "
        "Police fired into the air to disperse the crowd."
    )
    assert [e["type"] for e in typed(text)] == ["Protests"]


def test_the_headlines_happening_is_the_main_event() -> None:
    text = (
        "Ukrainian drones struck an oil depot in Belgorod on Friday, the governor said.\n\n"
        "Earlier on Friday, Russian shelling killed two civilians in Kherson, officials said."
    )
    record = record_of(text, published="2024-10-18", title="Russian shelling kills two in Kherson")
    first = record["events"][0]
    assert place_name(record, first) == "Kherson"
    assert first["id"] == "e1"
    assert [e["id"] for e in record["events"]] == [f"e{n}" for n in range(1, len(record["events"]) + 1)]


def test_the_news_scorer_scores_its_own_gold_perfectly() -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "events_news.py"),
            "--data",
            str(REPO / "bench/gold/events/news_dev"),
            "--oracle",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    metrics = json.loads(out.stdout)
    for key in ("event_p", "event_r", "main_acc", "actor1_acc", "fatalities_acc", "admin1_acc"):
        assert metrics[key] == 1.0, key
    assert metrics["events_per_happening"] == 1.0


def test_an_order_to_attack_is_not_an_attack() -> None:
    text = "The president ordered the army to attack the rebels near Kidal, officials said on Monday."
    assert typed(text) == []


def test_a_coded_event_deep_in_the_article_does_not_become_the_main_event() -> None:
    text = (
        "The Kremlin warned Kyiv on Monday against any further escalation, a spokesman said.\n\n"
        "He said talks were not possible while the war went on.\n\n"
        "Later on Monday, Russian artillery shelled Kharkiv, killing two people."
    )
    record = record_of(text, published="2024-10-14", title="Kremlin warns Kyiv over Kharkiv")
    assert record["events"][0]["type"] is None
    assert [e["type"] for e in record["events"] if e["type"]] == ["Explosions/Remote violence"]
