"""The `cites` component: which outlets an article names as its source, with exact offsets."""

from __future__ import annotations

import pytest

import fogofwar


def cites_of(text: str) -> list[tuple[str, str]]:
    record = fogofwar.extract(text)
    for cite in record.cite_mentions:
        assert cite.start < cite.end
    return [(c.name, text[c.start : c.end]) for c in record.cite_mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv may withdraw by spring.\n\nSource: Bloomberg\n", [("Bloomberg", "Bloomberg")]),
        ("Ukraine may need to retreat by spring 2025 (Source: Bloomberg).", [("Bloomberg", "Bloomberg")]),
        (
            "Fighting went on near Sudzha.\n(Source: Reuters, AFP)",
            [("Reuters", "Reuters"), ("Agence France-Presse", "AFP")],
        ),
        (
            "Russia lost ground, according to a report by the Washington Post. TASS reported the opposite.",
            [("The Washington Post", "the Washington Post"), ("TASS", "TASS")],
        ),
        (
            "Casualties rose, according to a new analysis from the Institute for the Study of War.",
            [("Institute for the Study of War", "the Institute for the Study of War")],
        ),
        # An outlet the list does not know is still a cite when the phrase says it is a report.
        (
            "The line held, according to a report by Frontline Weekly.",
            [("Frontline Weekly", "Frontline Weekly")],
        ),
        ("Moscow claimed gains, citing the Defence Ministry, Interfax reported.", [("Interfax", "Interfax")]),
        (
            "The New York Times, citing unnamed officials, said the force was ready.",
            [("The New York Times", "The New York Times")],
        ),
    ],
)
def test_cites_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert cites_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Reuters and AP could not verify the figures.",  # named, but not as a source
        "According to the Defence Ministry, 69 tanks were destroyed.",  # a speaker, not an outlet
        "The sources say nothing.",
    ],
)
def test_not_cites(text: str) -> None:
    assert cites_of(text) == []


def test_cues_are_the_reporting_words() -> None:
    text = (
        "The New York Times, citing officials, said so. Bloomberg's reporting agreed. According to TASS, no."
    )
    cues = {c.name: c.cue for c in fogofwar.extract(text).cite_mentions}
    assert cues == {"The New York Times": "citing", "Bloomberg": "reporting", "TASS": "According to"}


def test_article_cites_are_unique_names_in_order() -> None:
    text = (
        "According to Reuters, the town fell. Bloomberg reported the same, citing Reuters.\nSource: Reuters"
    )
    assert fogofwar.extract(text).article.cites == ["Reuters", "Bloomberg"]
