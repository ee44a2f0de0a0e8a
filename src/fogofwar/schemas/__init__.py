"""JSON Schemas of the interchange formats fogofwar prints (``fogofwar.record/1``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def record_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("record-1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
