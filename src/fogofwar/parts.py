"""The record parts, one row each: the table that every generic part-handling step reads.

annotate reads a part off the Doc (``doc_extension``) and, for a long article cut into pieces,
shifts its offsets and renumbers its ids and the fields that point into other parts; the store
keeps it in ``table``; ``fogofwar show`` highlights it; ``Record.to_dict`` prints it. None of
them lists the parts itself, so adding a part means: its dataclass and a row here, the spaCy
component that writes it on the Doc, and its table in ``store/schema.py`` with a migration
(``tests/test_parts.py`` then asks for its entry in the JSON Schema, the published contract).

This module sits at the bottom of the flow, beside ``model``: no spaCy, no database.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field

from fogofwar.model import Claim, Entity, Event, Figure, Place, TimeRef, nested_fields


@dataclass(frozen=True)
class RecordPart:
    """One part of the record: what it is called where, and how its items refer to each other."""

    name: str  # the key in the record's JSON and the Record attribute: "figures"
    item: type  # the dataclass of one item: Figure
    table: str  # the store's table (its columns: store/schema.py and a migration)
    # The Doc extension (``doc._.NAME``) its component writes, as a list of plain dicts; None
    # for a part annotate reads from spaCy itself (entities, from doc.ents).
    doc_extension: str | None
    # Fields holding a character offset into the text; "speaker.start" is a nested field's.
    offsets: tuple[str, ...] = ("start", "end")
    # Ids are PREFIX + position from 1 ("c1", "c2"): merging pieces numbers them again.
    id_prefix: str | None = None
    # Field -> the part whose list it holds a position in (a figure's parent, an event's place).
    index_fields: Mapping[str, str] = field(default_factory=dict)
    # Field -> the part whose item id it holds (a figure's or an event's claim).
    id_fields: Mapping[str, str] = field(default_factory=dict)
    # How ``fogofwar show`` highlights its spans (a Rich style); None: styled another way
    # (entities, by their label).
    style: str | None = "underline"
    # Spans a whole statement long (claims, events) are drawn first, under the words inside
    # them, so that a place or a figure within a claim keeps its own colour.
    underlay: bool = False

    def __post_init__(self) -> None:
        # A misspelt field would otherwise be skipped without a word when pieces merge.
        if not dataclasses.is_dataclass(self.item):
            raise TypeError(f"part {self.name}: {self.item!r} is not a dataclass")
        named = {f.name for f in dataclasses.fields(self.item)}
        for path in (*self.offsets, *self.index_fields, *self.id_fields, *(["id"] if self.id_prefix else [])):
            head, _, sub = path.partition(".")
            nested = nested_fields(self.item).get(head)
            if head not in named or (sub and (nested is None or sub not in typing.get_type_hints(nested))):
                raise TypeError(f"part {self.name}: {self.item.__name__} has no field {path!r}")

    @property
    def nested(self) -> dict[str, type]:
        """Its fields that hold a nested dataclass (a claim's speaker, a time's range), by name."""
        return nested_fields(self.item)


# In record order: the order of the record's JSON and of the store's tables.
PARTS: tuple[RecordPart, ...] = (
    RecordPart("places", Place, table="places", doc_extension="places", style="bold blue underline"),
    RecordPart("times", TimeRef, table="times", doc_extension="times", style="bold green underline"),
    RecordPart(
        "figures",
        Figure,
        table="figures",
        doc_extension="figures",
        index_fields={"parent": "figures"},
        id_fields={"claim": "claims"},
        style="bold red",
    ),
    RecordPart(
        "claims",
        Claim,
        table="claims",
        doc_extension="claims",
        offsets=("start", "end", "cue_start", "cue_end", "speaker.start", "speaker.end"),
        id_prefix="c",
        style="italic",
        underlay=True,
    ),
    RecordPart(
        "events",
        Event,
        table="events",
        doc_extension="events",
        id_prefix="e",
        index_fields={"place": "places"},
        id_fields={"claim": "claims"},
        style="reverse",
        underlay=True,
    ),
    RecordPart("entities", Entity, table="entities", doc_extension=None, style=None),
)

# Part name -> the dataclass of its items (the store reads rows back into these).
PART_TYPES: dict[str, type] = {part.name: part.item for part in PARTS}


def _check_references(parts: tuple[RecordPart, ...]) -> None:
    by_name = {part.name: part for part in parts}
    for part in parts:
        for name, target in (*part.index_fields.items(), *part.id_fields.items()):
            if target not in by_name:
                raise TypeError(f"part {part.name}: {name} points into {target!r}, which is not a part")
        for name, target in part.id_fields.items():
            if by_name[target].id_prefix is None:
                raise TypeError(f"part {part.name}: {name} holds ids of {target}, whose items have none")


_check_references(PARTS)
