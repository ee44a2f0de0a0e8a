"""Speakers as plain data, and the history of those a Doc has named so far.

A speaker is a dict with the fields of :class:`fogofwar.model.Speaker`. The history pairs each
speaker found so far with its via chain, in reading order: later phrases ("he", "the ministry")
point back into it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Speaker = dict[str, Any]
History = list[tuple[Speaker, list[str]]]


def country_code(affiliation: str | None) -> str | None:
    """The affiliation when it is an ISO country code (a state's), else None."""
    return affiliation if affiliation and len(affiliation) == 2 and affiliation.isupper() else None


def named_speaker(name: str | None, kind: str | None, affiliation: str | None) -> Speaker:
    """A speaker with no place in the text yet (text, start, end None)."""
    return {
        "name": name,
        "kind": kind,
        "affiliation": affiliation,
        "country_code": country_code(affiliation),
        "anonymous": False,
        "text": None,
        "start": None,
        "end": None,
        "role": None,
    }


def anonymous_speaker(affiliation: str | None) -> Speaker:
    return {**named_speaker(None, "anonymous", affiliation), "anonymous": True}


def latest(history: History, wanted: Callable[[Speaker], bool]) -> tuple[Speaker, list[str]] | None:
    """The latest speaker (with its via) that `wanted` accepts."""
    for earlier, via in reversed(history):
        if wanted(earlier):
            return earlier, via
    return None


def context_affiliation(history: History) -> str | None:
    """The state of the latest speaker that has one: the side an office holder most likely serves."""
    for earlier, _via in reversed(history):
        code = earlier.get("country_code")
        if code:
            return str(code)
    return None
