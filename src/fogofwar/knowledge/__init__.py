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
