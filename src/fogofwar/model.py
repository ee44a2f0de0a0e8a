"""The record: what fogofwar says about one article (``fogofwar.record/1``).

Field names are a contract shared with ``shared/eval`` and every consumer of
``fogofwar extract``: add fields freely, never rename one without bumping
:data:`SCHEMA`. Offsets are Python string offsets into :attr:`Article.text`.
"""

from __future__ import annotations

import hashlib
import typing
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, TypeVar

T = TypeVar("T")

SCHEMA = "fogofwar.record/1"


def content_hash(text: str) -> str:
    """The identity of an article's content: the same text ingested twice is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Cite:
    """An outlet or agency the article names as its source, with the words that say so."""

    name: str
    start: int
    end: int
    cue: str  # "Source:", "according to a report by", "citing" ... (kept for claim work)


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    language: str | None = None
    cites: list[str] = field(default_factory=list)
    # Where the article came from (path, path:line, URL): for error messages and `show`.
    source: str | None = None

    @cached_property
    def hash(self) -> str:
        # Taken several times per article on the ingest path (dedupe, save, aliases); the text
        # does not change after ingest, and dataclasses.replace() makes a new object anyway.
        return content_hash(self.text)


@dataclass
class Entity:
    text: str
    start: int
    end: int
    label: str  # spaCy label: PERSON, ORG, NORP


@dataclass
class Place:
    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    kind: str | None = None  # country|admin1|admin2|populated_place|feature
    score: float | None = None  # how sure the resolution is, 0..1
    # None: a place where something is or happens. "actor": the name stands for a government or
    # army ("Moscow dismissed the talks", "Russia's defence ministry"), which maps should leave out.
    role: str | None = None


@dataclass
class DateRange:
    begin: str | None = None
    end: str | None = None


@dataclass
class TimeRef:
    text: str
    start: int
    end: int
    kind: str = "unresolved"  # date|interval|duration|set|unresolved
    timex_type: str | None = None  # DATE|TIME|DURATION|SET
    value: str | None = None
    range: DateRange | None = None
    mod: str | None = None  # TIMEX3 mod: APPROX, START, MID, END, BEFORE, AFTER, LESS_THAN, MORE_THAN...


@dataclass
class Figure:
    text: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"  # exact|over|under|about|at_least|at_most|range
    category: str | None = None
    side: str | None = None
    period: DateRange | None = None
    claim: str | None = None
    unit: str | None = None  # what is counted when not people or items: km2, percent, km
    parent: int | None = None  # index of the figure this is a sub-count of ("including three HIMARS")


@dataclass
class Speaker:
    name: str | None = None
    kind: str | None = None  # person|organisation|government|military|outlet|anonymous
    affiliation: str | None = None
    country_code: str | None = None
    anonymous: bool = False
    text: str | None = None
    start: int | None = None
    end: int | None = None
    role: str | None = None  # "spokesperson", "defence minister": what the speaker is, when said


@dataclass
class Claim:
    id: str
    text: str
    start: int
    end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: Speaker | None = None
    via: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    forecast: DateRange | None = None


@dataclass
class Event:
    id: str
    text: str
    start: int
    end: int
    type: str | None = None
    subtype: str | None = None
    plover: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: int | None = None
    date: DateRange | None = None
    fatalities: int | None = None
    claim: str | None = None
    date_assumed: bool = False  # no date in the text: `date` is the publication date


@dataclass
class Record:
    article: Article
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Internal: the cite mentions behind article.cites (offsets kept for claim attribution).
    cite_mentions: list[Cite] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The interchange form (``fogofwar.record/1``)."""
        article = asdict(self.article)
        article.pop("source")
        out: dict[str, Any] = {"schema": SCHEMA, "article": article}
        for part in PART_TYPES:
            out[part] = [asdict(item) for item in getattr(self, part)]
        return out


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    """A record item from the plain dict a component wrote on the Doc (nested parts as dicts).

    Unknown keys are an error: a component and the model must agree on the field names."""
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        nested = _NESTED_TYPES.get(key)
        if nested is not None and isinstance(value, dict) and _is_nested(hints[key], nested):
            value = nested(**value)
        kwargs[key] = value
    return cls(**kwargs)


def _is_nested(hint: Any, nested: type) -> bool:
    return nested in (typing.get_args(hint) or (hint,))


# The parts of a record that carry spans into the article text, in record order, and their item types.
PART_TYPES: dict[str, type] = {
    "places": Place,
    "times": TimeRef,
    "figures": Figure,
    "claims": Claim,
    "events": Event,
    "entities": Entity,
}

# Fields that hold a nested dataclass, by name (the same name means the same type in every part).
_NESTED_TYPES: dict[str, type] = {
    "range": DateRange,
    "period": DateRange,
    "forecast": DateRange,
    "date": DateRange,
    "speaker": Speaker,
}
