"""The record: what fogofwar says about one article (``fogofwar.record/1``).

Field names are a contract shared with ``shared/eval`` and every consumer of
``fogofwar extract``: add fields freely, never rename one without bumping
:data:`SCHEMA`. Offsets are Python string offsets into :attr:`Article.text`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import asdict, dataclass, field, fields
from functools import cache, cached_property
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
    language: str | None = None  # ISO 639-1 ("en", "de"), named by fogofwar.language
    cites: list[str] = field(default_factory=list)
    # The record parts read from the text (``parts.PARTS`` names, then "cites"), in that order:
    # empty for an article not in the pipeline's language, whose text no component read (its
    # cites from markup are kept all the same). None: not said (records stored before it was).
    parts_ran: list[str] | None = None
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
    """An article and what was found in it, one list per record part.

    What each part is (its table, its offsets, the indexes that point into other parts) is
    said once, in ``parts.PARTS``; this class gives the parts known when it was written a
    typed field, and keeps any other registered part in :attr:`other_parts`, so that adding
    a part needs no change here. Read and extend a part by name with :meth:`part`.
    """

    article: Article
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Internal: the cite mentions behind article.cites (offsets kept for claim attribution).
    cite_mentions: list[Cite] = field(default_factory=list)
    # Registered parts without a typed field above, by name, in the order they were first added.
    other_parts: dict[str, list[Any]] = field(default_factory=dict)

    def part(self, name: str) -> list[Any]:
        """The items of the part `name`: the record's own list, so extending it adds to the record."""
        if name in _TYPED_PARTS:
            return typing.cast(list[Any], getattr(self, name))
        return self.other_parts.setdefault(name, [])

    def to_dict(self) -> dict[str, Any]:
        """The interchange form (``fogofwar.record/1``)."""
        article = asdict(self.article)
        article.pop("source")
        out: dict[str, Any] = {"schema": SCHEMA, "article": article}
        for name in (*_TYPED_PARTS, *self.other_parts):
            out[name] = [asdict(item) for item in self.part(name)]
        return out


# Record's fields that are parts: every list of items but the cite mentions, which stay internal.
_TYPED_PARTS = tuple(
    f.name for f in fields(Record) if f.name not in ("article", "cite_mentions", "other_parts")
)


@cache
def nested_fields(cls: type) -> dict[str, type]:
    """The fields of a record item that hold one other dataclass (a claim's Speaker, a time's
    DateRange), by name, read from the type hints so that a nested field is declared only there.

    A list of dataclasses is not nested: it has no single set of sub-fields to flatten."""
    nested: dict[str, type] = {}
    for name, hint in typing.get_type_hints(cls).items():
        union = typing.get_origin(hint) in (typing.Union, types.UnionType)
        for arg in typing.get_args(hint) if union else (hint,):
            if isinstance(arg, type) and dataclasses.is_dataclass(arg):
                nested[name] = arg
    return nested


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    """A record item from the plain dict a component wrote on the Doc (nested parts as dicts).

    Unknown keys are an error: a component and the model must agree on the field names."""
    nested = nested_fields(typing.cast(type, cls))
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        sub = nested.get(key)
        kwargs[key] = sub(**value) if sub is not None and isinstance(value, dict) else value
    return cls(**kwargs)
