"""Bundled reference data (outlets, lexicons, the gazetteer's curated table) and their loaders.

Every lexicon is a documented JSON file in this folder, read by one typed loader here. A loader
takes a *source*: the name of a bundled file ("claims" -> ``knowledge/claims.json``) or the path
of a file of the same shape, so that a user swaps a lexicon through ``pipeline.cfg`` (each
component names its lexicon in its config, the way spaCy components name their patterns) without
touching code. Loaders cache by source: a lexicon is read once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from fogofwar.errors import FogofwarError


def read_json(source: str) -> dict[str, Any]:
    """The JSON object of a lexicon: a bundled name ("claims") or a file path ("my/claims.json").

    A name is a bare word of the bundled files; anything with a slash or a ``.json`` suffix is a
    path. A missing or malformed file is one clear error naming it, not a traceback."""
    is_path = "/" in source or "\\" in source or source.endswith(".json")
    try:
        if is_path:
            text = Path(source).read_text(encoding="utf-8")
        else:
            text = resources.files(__package__).joinpath(f"{source}.json").read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        where = source if is_path else f"knowledge/{source}.json"
        raise FogofwarError(
            f"{where}: cannot read the lexicon ({getattr(exc, 'strerror', None) or exc})"
        ) from None
    except ValueError as exc:
        raise FogofwarError(f"{source}: not a valid JSON lexicon ({exc})") from None
    if not isinstance(data, dict):
        raise FogofwarError(f"{source}: a lexicon must be a JSON object, not {type(data).__name__}")
    return data


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    kind: str  # agency|newspaper|broadcaster|online|aggregator|think_tank
    country_code: str | None


@lru_cache(maxsize=4)
def outlets(source: str = "outlets") -> tuple[Outlet, ...]:
    """News outlets and agencies that articles cite as sources (knowledge/outlets.json)."""
    raw = read_json(source)
    return tuple(
        Outlet(o["name"], tuple(o.get("aliases", [])), o["kind"], o.get("country_code"))
        for o in raw["outlets"]
    )


@lru_cache(maxsize=4)
def time_words(source: str = "times") -> dict[str, dict[str, object]]:
    """The vocabulary of the times grammar (knowledge/times.json), each list without its `_about` note."""
    raw = read_json(source)
    return {
        key: {k: v for k, v in value.items() if k != "_about"}
        for key, value in raw.items()
        if isinstance(value, dict)
    }


@lru_cache(maxsize=4)
def claims_lexicon(source: str = "claims") -> dict[str, Any]:
    """The words the claims component reads (knowledge/claims.json; each section documents itself)."""
    return read_json(source)


@lru_cache(maxsize=4)
def link_lexicon(source: str = "link_lexicon") -> dict[str, Any]:
    """The words linking across articles reads (knowledge/link_lexicon.json)."""
    return read_json(source)


@lru_cache(maxsize=4)
def event_taxonomy(source: str = "events") -> dict[str, Any]:
    """ACLED's event types, the PLOVER mapping, cue lexicons and actor names (knowledge/events.json).

    Plain data, read once; ``fogofwar.nlp.events`` compiles it into its matchers."""
    return read_json(source)


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


@lru_cache(maxsize=4)
def figure_lexicon(source: str = "figures") -> FigureLexicon:
    raw = read_json(source)
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
