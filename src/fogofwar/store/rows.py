"""Record items <-> table rows, by one rule for every part (see schema.py's docstring).

Written once, generically, so that a field added to a record part needs only a column and a
migration, not new mapping code.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any

from fogofwar.model import DateRange, Speaker

_RENAMES = {"start": "char_start", "end": "char_end", "id": "item_id"}
_NESTED = (DateRange, Speaker)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _nested_type(hint: Any) -> type | None:
    for arg in typing.get_args(hint) or (hint,):
        if arg in _NESTED:
            return typing.cast(type, arg)
    return None


def flatten(item: Any) -> dict[str, Any]:
    """A record item (dataclass) -> column values."""
    row: dict[str, Any] = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        nested = _nested_type(_hints(item.__class__)[f.name])
        if nested is not None:
            for sub in dataclasses.fields(nested):
                row[f"{f.name}_{sub.name}"] = getattr(value, sub.name) if value is not None else None
        else:
            row[_RENAMES.get(f.name, f.name)] = value
    return row


def unflatten(cls: type, row: dict[str, Any]) -> Any:
    """Column values -> a record item of type ``cls``; a nested part with no values is None."""
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        nested = _nested_type(_hints(cls)[f.name])
        if nested is not None:
            values = {sub.name: row.get(f"{f.name}_{sub.name}") for sub in dataclasses.fields(nested)}
            present = any(v not in (None, False) for v in values.values())
            kwargs[f.name] = nested(**{k: v for k, v in values.items() if v is not None}) if present else None
        else:
            value = row.get(_RENAMES.get(f.name, f.name))
            has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
            if value is None and has_default:
                continue  # the field's own default ([] for lists, "exact" for a qualifier...)
            kwargs[f.name] = value
    return cls(**kwargs)
