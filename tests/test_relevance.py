"""Relevance before coding: a text that reports no armed conflict, political violence or protest
gets no event, whatever its words ("shoots for the moon", "price war", "the defence held"); a
report of a happening still gets its event. Every article here was written for this test."""

from __future__ import annotations

import pytest

import fogofwar

GAME_REVIEW = """Starfall Tactics review: a strategy game that shoots for the moon

Starfall Tactics shoots for the moon and very nearly lands there. The campaign drops you on a \
frozen colony where every mission is a small war of attrition.

Your squad can attack from cover, call in an orbital strike or blast a path through the walls \
with a rocket launcher. Enemy soldiers flank you if you stay still, and the boss fight on the \
fourth map killed me a dozen times before I learned to retreat and regroup.

The controls are tight, the missiles look gorgeous and the soundtrack is a blast. At 40 euros \
it is the best shooter of the year, and the developers have already announced a free expansion."""

TRADE_WAR = """Tariff battle between Washington and Beijing turns into a price war

The tariff battle between the United States and China escalated on Monday when Beijing struck \
back with new duties on American soybeans and cars. Exporters said the fight had turned into a \
price war that neither side could win.

Shares of carmakers were hit hard in Shanghai and New York, and analysts warned that the \
conflict could kill the recovery. Farmers in Iowa said they had been caught in the crossfire of \
a trade war they never asked for.

Both governments said talks would resume in Geneva next month, but traders braced for another \
round of attacks on each other's exports."""

SPORTS_REPORT = """Rovers edge a derby full of chances

Rovers beat City 2-1 at Ewood Park on Saturday after a derby in which both sides threw \
everything into attack. City's defence held for an hour until Marsh fired a low shot past the \
goalkeeper from the edge of the box.

City struck back within minutes, their captain heading in from a corner, but Rovers' \
substitute killed off the game with a second shot in stoppage time. "We attacked them from \
the first whistle and the lads fought for every ball," the manager said after the match in \
Blackburn."""

CONFLICT_REPORT = (
    "On 3 May 2020, Russian forces shelled the village of Krasnohorivka in Donetsk oblast. "
    "Two civilians were wounded."
)


@pytest.mark.parametrize(
    "text",
    [GAME_REVIEW, TRADE_WAR, SPORTS_REPORT],
    ids=["game-review", "trade-war", "sports-report"],
)
def test_pages_about_anything_else_get_no_conflict_events(text: str) -> None:
    record = fogofwar.extract(text, published="2024-05-06")
    typed = [(e.type, e.subtype, e.text) for e in record.events if e.type]
    assert typed == []


@pytest.mark.parametrize(
    "text",
    [GAME_REVIEW, SPORTS_REPORT],
    ids=["game-review", "sports-report"],
)
def test_pages_with_no_political_actor_get_no_events_at_all(text: str) -> None:
    record = fogofwar.extract(text, published="2024-05-06")
    assert [(e.plover, e.text) for e in record.events] == []


def test_a_short_conflict_report_keeps_its_event() -> None:
    record = fogofwar.extract(CONFLICT_REPORT, published="2020-05-04")
    assert record.events, "the shelling report lost its event"
    main = record.events[0]
    assert (main.type, main.subtype) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_a_conflict_sentence_inside_a_general_article_is_still_coded() -> None:
    text = SPORTS_REPORT + (
        "\n\nThe match was held a day after gunmen attacked a police checkpoint in Mogadishu, "
        "killing two officers."
    )
    record = fogofwar.extract(text, published="2024-05-06")
    assert [e.type for e in record.events if e.type] == ["Battles"]
    assert "gunmen attacked" in next(e.text for e in record.events if e.type)


def test_a_strategic_development_outside_a_report_of_conflict_keeps_only_its_plover_category() -> None:
    alone = "The two governments signed a trade agreement in Geneva on Monday."
    record = fogofwar.extract(alone, published="2024-05-06")
    assert [(e.type, e.plover) for e in record.events][:1] == [(None, "AGREE")]
    in_war = alone + " Hours later Russian artillery shelled the outskirts of Kharkiv, killing two civilians."
    record = fogofwar.extract(in_war, published="2024-05-06")
    assert [(e.type, e.plover) for e in record.events][:1] == [("Strategic developments", "AGREE")]
