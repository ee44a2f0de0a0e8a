"""Forecasts: claims about the future (``claim.forecast``), with their status as of the newest
article in the store.

open: the deadline is not reached (or there is none); due: it passed and no later article of the
story speaks to it; came_true / did_not: a later article of the same story has a sentence about
the same thing (most of the forecast's content words) that says it happened, or that it did
not ("failed", "still", "did not"...); unclear is left for a reader's judgement we cannot make.
"""

from __future__ import annotations

import re
from typing import Any

from fogofwar.link.words import content_words, has_any, overlap
from fogofwar.model import Record

SETTLES = 0.5
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def _settled_by(
    forecast_words: set[str], published: str | None, later: list[Record]
) -> tuple[str, list[str]] | None:
    verdicts: dict[str, list[str]] = {"came_true": [], "did_not": []}
    for record in later:
        if published and record.article.published and record.article.published <= published:
            continue
        for m in _SENTENCE.finditer(record.article.text):
            sentence = m.group(0)
            if overlap(forecast_words, content_words(sentence)) >= SETTLES:
                key = "did_not" if has_any(sentence, "failed") else "came_true"
                if record.article.id not in verdicts[key]:
                    verdicts[key].append(record.article.id)
                break
    for key in ("did_not", "came_true"):
        if verdicts[key]:
            return key, verdicts[key]
    return None


def forecasts(records: list[Record], as_of: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for record in records:
        for i, claim in enumerate(record.claims):
            if claim.forecast is None:
                continue
            deadline = claim.forecast.end
            status = "open" if deadline is None or as_of is None or deadline >= as_of else "due"
            resolved: list[str] = []
            settled = _settled_by(content_words(claim.text), record.article.published, records)
            if settled:
                status, resolved = settled
            speaker = claim.speaker
            out.append(
                {
                    "article": record.article.id,
                    "claim": i,
                    "start": claim.start,
                    "end": claim.end,
                    "text": claim.text,
                    "speaker": (speaker.name or speaker.kind) if speaker else record.article.outlet,
                    "deadline": deadline,
                    "status": status,
                    "resolved_by": resolved,
                }
            )
    return out
