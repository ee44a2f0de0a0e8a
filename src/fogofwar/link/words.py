"""Word-level helpers shared by contradiction and forecast matching (lexicons in knowledge/)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    text = resources.files("fogofwar.knowledge").joinpath("link_lexicon.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def content_words(text: str) -> set[str]:
    stop = set(lexicon()["stopwords"])
    return {w for w in tokens(text) if w not in stop and len(w) > 2}


def has_any(text: str, group: str) -> bool:
    words = set(tokens(text))
    phrases: list[str] = lexicon()[group]
    low = " ".join(tokens(text))
    return any((p in words) if " " not in p else (f" {p} " in f" {low} ") for p in phrases)


def overlap(a: set[str], b: set[str]) -> float:
    """Shared content words over the smaller side's."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
