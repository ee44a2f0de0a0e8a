"""Record items <-> table rows, by one rule for every part (see schema.py's docstring).

Written once, generically, so that a field added to a record part needs only a column and a
migration, not new mapping code. Which fields nest a dataclass is read from the item's type
hints (``model.nested_fields``), the one place that says so.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fogofwar.model import nested_fields

_RENAMES = {"start": "char_start", "end": "char_end", "id": "item_id"}


def column_names(cls: type) -> list[str]:
    """The columns that hold a record item of type ``cls``, in field order (what its table and
    migration must have besides the keys ``article_id`` and ``idx``)."""
    nested = nested_fields(cls)
    names: list[str] = []
    for f in dataclasses.fields(cls):
        sub = nested.get(f.name)
        if sub is not None:
            names += [f"{f.name}_{s.name}" for s in dataclasses.fields(sub)]
        else:
            names.append(_RENAMES.get(f.name, f.name))
    return names


def flatten(item: Any) -> dict[str, Any]:
    """A record item (dataclass) -> column values."""
    nested = nested_fields(item.__class__)
    row: dict[str, Any] = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        sub = nested.get(f.name)
        if sub is not None:
            for s in dataclasses.fields(sub):
                row[f"{f.name}_{s.name}"] = getattr(value, s.name) if value is not None else None
        else:
            row[_RENAMES.get(f.name, f.name)] = value
    return row


def unflatten(cls: type, row: dict[str, Any]) -> Any:
    """Column values -> a record item of type ``cls``; a nested part with no values is None."""
    nested = nested_fields(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        sub = nested.get(f.name)
        if sub is not None:
            values = {s.name: row.get(f"{f.name}_{s.name}") for s in dataclasses.fields(sub)}
            present = any(v not in (None, False) for v in values.values())
            kwargs[f.name] = sub(**{k: v for k, v in values.items() if v is not None}) if present else None
        else:
            value = row.get(_RENAMES.get(f.name, f.name))
            has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
            if value is None and has_default:
                continue  # the field's own default ([] for lists, "exact" for a qualifier...)
            kwargs[f.name] = value
    return cls(**kwargs)
