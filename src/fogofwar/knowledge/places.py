"""The places component's lexicons: its word lists (place_words.json) and the curated table
the gazetteer lays over GeoNames (places.json), each read by one typed loader.

Like every loader in ``fogofwar.knowledge``, each takes a *source*: a bundled name or the path of
a file of the same shape, and reads it once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fogofwar.knowledge import read_json


@dataclass(frozen=True)
class PlaceWords:
    """The words around a name that tell the places component what it is (place_words.json;
    each section's `_about` says what it is for)."""

    locative: frozenset[str]
    city_cues: frozenset[str]
    institutions: frozenset[str]
    actor_verbs: frozenset[str]
    facilities: frozenset[str]
    demonym: re.Pattern[str]  # built from `demonym_endings`, anchored at the word's end
    compass: frozenset[str]
    articles: frozenset[str]
    streets: frozenset[str]
    people_after: frozenset[str]
    region_words: frozenset[str]
    joiners: frozenset[str]
    spatial_heads: frozenset[str]  # "outskirts of X": words that make "of" locative
    titles: frozenset[str]  # "Huntsville Fire Chief Tom Grisham": a title after a place name
    organisations: frozenset[str]  # folded names of armed groups and organisations, never places


def _words(raw: dict[str, Any], section: str) -> list[str]:
    return [str(word) for word in raw[section]["words"]]


@lru_cache(maxsize=4)
def place_words(source: str = "place_words") -> PlaceWords:
    """The places component's word lists (knowledge/place_words.json, or a file of that shape)."""
    raw = read_json(source)
    endings = "|".join(re.escape(ending) for ending in _words(raw, "demonym_endings"))
    return PlaceWords(
        locative=frozenset(_words(raw, "locative")),
        city_cues=frozenset(_words(raw, "city_cues")),
        institutions=frozenset(_words(raw, "institutions")),
        actor_verbs=frozenset(_words(raw, "actor_verbs")),
        facilities=frozenset(_words(raw, "facilities")),
        demonym=re.compile(f"(?:{endings})$"),
        compass=frozenset(_words(raw, "compass")),
        articles=frozenset(_words(raw, "articles")),
        streets=frozenset(_words(raw, "streets")),
        people_after=frozenset(_words(raw, "people_after")),
        region_words=frozenset(_words(raw, "region_words")),
        joiners=frozenset(_words(raw, "joiners")),
        spatial_heads=frozenset(_words(raw, "spatial_heads")),
        titles=frozenset(_words(raw, "titles")),
        organisations=frozenset(_words(raw, "organisations")),
    )


@dataclass(frozen=True)
class CuratedRegion:
    """A first-level region: its English `name` as records show it, the GeoNames admin1 name it
    joins to (`geonames`), and other ways reporting writes it."""

    country_code: str
    name: str
    geonames: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class CuratedPlace:
    """A town, village or feature whose usual English spelling GeoNames lacks or gives to a
    larger namesake; lat/lon place it when the index has no such entry."""

    name: str
    country_code: str
    admin1: str | None
    lat: float
    lon: float
    aliases: tuple[str, ...]
    feature: bool  # a river, sea or other feature rather than a populated place


@dataclass(frozen=True)
class CuratedPlaces:
    """The curated table laid over the GeoNames index (places.json; its `about` says what each
    table is)."""

    regions: tuple[CuratedRegion, ...]
    places: tuple[CuratedPlace, ...]
    bare_region: tuple[str, ...]  # region base names that alone mean the region, not the city
    country_points: dict[str, tuple[float, float]]  # ISO code -> representative (lat, lon)
    country_aliases: dict[str, tuple[str, ...]]
    us_state_abbreviations: dict[str, str]  # AP style: "La." -> "Louisiana"
    common_words: frozenset[str]  # lower-case names the gazetteer alone never makes a place


@lru_cache(maxsize=4)
def curated_places(source: str = "places") -> CuratedPlaces:
    """The gazetteer's curated table (knowledge/places.json, or a file of that shape)."""
    raw = read_json(source)
    return CuratedPlaces(
        regions=tuple(
            CuratedRegion(r["country_code"], r["name"], r["geonames"], tuple(r["aliases"]))
            for r in raw["admin1"]
        ),
        places=tuple(
            CuratedPlace(
                name=p["name"],
                country_code=p["country_code"],
                admin1=p["admin1"],
                lat=p["lat"],
                lon=p["lon"],
                aliases=tuple(p["aliases"]),
                feature=p.get("kind") == "feature",
            )
            for p in raw["places"]
        ),
        bare_region=tuple(raw["bare_region"]["names"]),
        country_points={iso: (point[0], point[1]) for iso, point in raw["countries"].items()},
        country_aliases={iso: tuple(names) for iso, names in raw["country_aliases"].items()},
        us_state_abbreviations=dict(raw["us_state_abbreviations"]),
        common_words=frozenset(raw["common_words"]),
    )
