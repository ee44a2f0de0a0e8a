"""The cue scanner the events component matches its lexicons with: it must find exactly what one
``\\b(?:cue1|cue2|...)`` alternation finds (same spans, same cue), only faster."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.nlp.cuescan import CueScanner, first_chars
from fogofwar.nlp.events import EventsFinder

CUES = [
    ("heavy_mg", r"\bheavy[\s-]+machine[\s-]+guns?\b"),
    ("mg", r"\bmachine[\s-]+guns?\b"),
    ("gl", r"\bgrenade[\s-]+launchers?\b"),
    ("grenade", r"\bgrenade\w*"),
    ("naf", r"(?-i:\bNAF\b)"),
    ("calibre", r"\d+ ?mm\b"),
    ("the_forces", r"(?:\bthe\s+)?(?-i:Russian|Ukrainian)\s+forces\b"),
    ("shell", r"\bshell(?:ed|ing|s)\b"),
]


def reference(text: str) -> list[tuple[str | None, int, int]]:
    alternation = re.compile(r"\b(?:" + "|".join(f"(?P<{n}>{p})" for n, p in CUES) + ")", re.I)
    return [(m.lastgroup, m.start(), m.end()) for m in alternation.finditer(text)]


def scanned(text: str) -> list[tuple[str | None, int, int]]:
    return [(m.lastgroup, m.start(), m.end()) for m in CueScanner(CUES).finditer(text)]


def test_first_entry_wins_where_two_cues_start_together() -> None:
    text = "They fired heavy machine guns, a machine-gun and grenade launchers; grenades fell."
    spans = [(cue, text[a:b]) for cue, a, b in scanned(text)]
    assert spans == [
        ("heavy_mg", "heavy machine guns"),
        ("mg", "machine-gun"),
        ("gl", "grenade launchers"),
        ("grenade", "grenades"),
    ]


def test_case_rules_of_each_cue_hold() -> None:
    # NAF is a cue only in capitals; the adjective of "the Russian forces" only capitalised.
    assert [c for c, *_ in scanned("naf fighters, then NAF fighters")] == ["naf"]
    assert [c for c, *_ in scanned("The Russian forces and the russian forces")] == ["the_forces"]


def test_a_cue_whose_first_character_is_unknowable_is_tried_everywhere() -> None:
    assert first_chars(r"\d+ ?mm\b") is None
    assert first_chars(r"(?:\bthe\s+)?(?-i:Russian|Ukrainian)\s+forces\b", re.I) == frozenset("tru")
    assert scanned("with 152mm and 155 mm shells") == [
        ("calibre", 5, 10),
        ("calibre", 15, 21),
        ("shell", 22, 28),
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["heavy", "machine", "gun", "guns", "grenade", "launcher", "NAF", "naf",
                                 "152mm", "the", "Russian", "forces", "shelled", "-", " ", "  ", ",",
                                 "x", "ſhell", "İ"]), max_size=30))  # fmt: skip
def test_matches_are_those_of_the_single_alternation(words: list[str]) -> None:
    text = " ".join(words)
    assert scanned(text) == reference(text)


def test_events_lexicon_scans_as_its_alternation_would() -> None:
    finder = EventsFinder(None)  # type: ignore[arg-type]
    text = (
        "Russian forces shelled Kharkiv overnight with 152-mm artillery and Grad rockets; "
        "the Ukrainian army returned fire with heavy machine guns. Protesters rallied in Kyiv. "
        "A car bomb exploded near the checkpoint, and two soldiers were killed."
    )
    kinds = [h.kind for h in finder.hits(text)]
    assert {"heavy", "small"} <= set(kinds)
    assert any(h.family == "protest" for h in finder.hits(text))
    actors = [(a.kind, text[a.start : a.end]) for a in finder.find_actors(text)]
    assert ("military", "Russian forces") in actors
    assert ("military", "the Ukrainian army") in actors
