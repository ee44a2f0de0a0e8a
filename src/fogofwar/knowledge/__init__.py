"""Bundled reference data (outlets, later gazetteer, actors, equipment) and their loaders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    kind: str  # agency|newspaper|broadcaster|online|aggregator|think_tank
    country_code: str | None


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """News outlets and agencies that articles cite as sources (knowledge/outlets.json)."""
    raw = json.loads(resources.files(__package__).joinpath("outlets.json").read_text(encoding="utf-8"))
    return tuple(
        Outlet(o["name"], tuple(o.get("aliases", [])), o["kind"], o.get("country_code"))
        for o in raw["outlets"]
    )


@lru_cache(maxsize=1)
def time_words() -> dict[str, dict[str, object]]:
    """The vocabulary of the times grammar (knowledge/times.json), each list without its `_about` note."""
    raw = json.loads(resources.files(__package__).joinpath("times.json").read_text(encoding="utf-8"))
    return {
        key: {k: v for k, v in value.items() if k != "_about"}
        for key, value in raw.items()
        if isinstance(value, dict)
    }


@lru_cache(maxsize=1)
def claims_lexicon() -> dict[str, Any]:
    """The words the claims component reads (knowledge/claims.json; each section documents itself)."""
    text = resources.files(__package__).joinpath("claims.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def event_taxonomy() -> dict[str, Any]:
    """ACLED's event types, the PLOVER mapping, cue lexicons and actor names (knowledge/events.json).

    Plain data, read once; ``fogofwar.nlp.events`` compiles it into its matchers."""
    data: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("events.json").read_text(encoding="utf-8")
    )
    return data


@dataclass(frozen=True)
class FigureLexicon:
    """What the figures component knows about conflict figures (knowledge/figures.json).

    things: lower-case surface form -> class (a category such as "equipment.tank", or a stem,
    "personnel", "civilians", "prisoners", completed by an outcome word); outcomes: lower-case
    word -> {stem: last category part}; sides: surface form (case as written) -> ISO code."""

    categories: tuple[str, ...]
    things: dict[str, str]
    outcomes: dict[str, dict[str, str]]
    sides: dict[str, str]
    opponents: dict[str, str]
    hostile: frozenset[str]
    own: frozenset[str]
    wars: dict[str, tuple[str, tuple[str, ...]]]  # side -> (began YYYY-MM-DD, what the war is called)


def _plural(word: str) -> str:
    """English plural of the last word of a term ("infantry fighting vehicle" -> "...vehicles")."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@lru_cache(maxsize=1)
def figure_lexicon() -> FigureLexicon:
    raw = json.loads(resources.files(__package__).joinpath("figures.json").read_text(encoding="utf-8"))
    things: dict[str, str] = {}
    for cls, terms in raw["things"].items():
        for term in terms:
            # "singular|plural" where the plural is irregular (or the same); else made here.
            singular, _, plural = term.partition("|")
            things.setdefault(singular, cls)
            things.setdefault(plural or _plural(singular), cls)
    outcomes: dict[str, dict[str, str]] = {}
    for stem, subs in raw["outcomes"].items():
        for sub, words in subs.items():
            for word in words:
                outcomes.setdefault(word, {}).setdefault(stem, sub)
    sides = {form: code for code, forms in raw["sides"].items() for form in forms}
    return FigureLexicon(
        categories=tuple(raw["categories"]),
        things=things,
        outcomes=outcomes,
        sides=sides,
        opponents=dict(raw["opponents"]),
        hostile=frozenset(raw["hostile"]),
        own=frozenset(raw["own"]),
        wars={
            code: (war["began"], tuple(war["words"])) for code, war in raw["wars"].items() if code != "_about"
        },
    )
