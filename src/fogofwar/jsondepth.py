"""JSON decoded with a bound on its nesting: a hostile line cannot overflow the decoder's stack.

Python's decoder recurses once per level: `[[[...]]]` 100,000 deep (200 KB, well under any size
cap) raises RecursionError, which no caller expects from a parse and which escapes the
per-line handling of JSON Lines. Articles and reference series are a few levels deep; past
MAX_DEPTH a document is refused before it is decoded, with a ValueError like any bad JSON.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

MAX_DEPTH = 200

# A JSON string, escapes included ("unrolled" so that a long string costs one pass).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class TooDeep(ValueError):
    """A JSON document nested deeper than MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__(f"JSON nested deeper than {MAX_DEPTH} levels, not read")


def nesting_depth(text: str) -> int:
    """How deep the arrays and objects of JSON `text` nest (brackets inside strings do not count)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)


def loads(text: str) -> Any:
    """`json.loads(text)`, or TooDeep (a ValueError) for a document nested past MAX_DEPTH."""
    # Fewer opening brackets than the bound cannot nest past it: no scan (every article line).
    if text.count("[") + text.count("{") > MAX_DEPTH and nesting_depth(text) > MAX_DEPTH:
        raise TooDeep
    try:
        return json.loads(text)
    except RecursionError:
        # Only if the caller's own stack is already deep: still this document's doing.
        raise TooDeep from None
