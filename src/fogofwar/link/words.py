"""Word-level helpers shared by contradiction and forecast matching (lexicons in knowledge/)."""

from __future__ import annotations

import re

from fogofwar.knowledge import link_lexicon as lexicon

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")


def tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def has_any(text: str, group: str) -> bool:
    words = set(tokens(text))
    phrases: list[str] = lexicon()[group]
    low = " ".join(tokens(text))
    return any((p in words) if " " not in p else (f" {p} " in f" {low} ") for p in phrases)


def overlap(a: set[str], b: set[str]) -> float:
    """Shared content words over the smaller side's."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
