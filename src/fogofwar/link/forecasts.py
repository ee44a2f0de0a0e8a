"""Forecasts: claims about the future (``claim.forecast``), with their status as of the newest
article in the store.

open: the deadline is not reached (or there is none); due: it passed and no later report speaks
to it; came_true / did_not: a later report states, as a fact, something about the same thing.

Which later sentence speaks to a forecast is decided by meaning, not shared words ("expel
Ukrainian troops" settles "Ukrainian units would be driven out"): the sentence embedding of the
forecast against those of the later articles' sentences. Only plain statements settle: a sentence
that is itself hedged ("would", "could", "expected") repeats or makes a prediction. Evidence from
after the deadline is preferred, since only it can show that something did not happen in time.

Which way it settles, from the two texts' wording (lexicons in knowledge/link_lexicon.json):
a forecast of continuation ("keep", "hold") is borne out by a report that something is still held
and refuted by one that it was taken; a forecast of change ("captured", "driven out") is refused
by a report that the place is still held. Otherwise a report that denies or says it failed
("no truce", "failed to", "instead of") means did_not, and any other means came_true.

Later reports come from the forecast's own story and from the articles the story index finds
like it (``evidence``): a forecast made in one story is often settled in the next one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np

from fogofwar.link import stance
from fogofwar.link.embed import embed
from fogofwar.link.words import has_any
from fogofwar.model import Claim, Record
from fogofwar.timecode import parse_day

# Cosine (MiniLM) from which a plain later sentence is taken to speak to the forecast. Sentences
# of one war's reporting sit around 0.2-0.4 with an unrelated forecast.
SETTLES = 0.42
RESOLVED_MARGIN = 0.06
# Later articles read per forecast (their sentences embedded), nearest by headline and lead.
MAX_EVIDENCE = 12
# How long after its deadline (or, with none, after it was made) a report may still settle it.
LATE_DAYS = 150
OPEN_ENDED_DAYS = 240
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")

SentenceVectors = Callable[[Record], list[tuple[str, np.ndarray]]]


def sentence_vectors() -> SentenceVectors:
    """Plain (unhedged) sentences of an article with their embeddings, each article embedded once."""
    cache: dict[str, list[tuple[str, np.ndarray]]] = {}

    def get(record: Record) -> list[tuple[str, np.ndarray]]:
        key = record.article.id
        if key not in cache:
            plain = [
                s
                for s in (m.group(0).strip() for m in _SENTENCE.finditer(record.article.text))
                if len(s) > 20 and not has_any(s, "hedged")
            ]
            cache[key] = list(zip(plain, embed(plain), strict=True))
        return cache[key]

    return get


def verdict(forecast: str, evidence: str) -> str:
    """came_true or did_not: what a plain sentence about the forecast's subject says of it."""
    f_hold, f_change = has_any(forecast, "held"), has_any(forecast, "taken")
    e_hold, e_change = has_any(evidence, "held"), has_any(evidence, "taken")
    if f_hold and not f_change:
        if e_hold and not e_change:
            return "came_true"
        if e_change and not e_hold:
            return "did_not"
    elif f_change and e_hold and not e_change:
        return "did_not"
    if (
        has_any(evidence, "failed")
        or has_any(evidence, "negation")
        or stance.has(stance.words(evidence), "failed")
    ):
        return "did_not"
    return "came_true"


def _settled_by(
    text: str,
    vector: np.ndarray,
    made: date | None,
    deadline: date | None,
    later: Iterable[Record],
    vectors: SentenceVectors,
    leads: Callable[[str], np.ndarray | None] | None = None,
    opens: date | None = None,
) -> tuple[str, list[str], dict[str, Any]] | None:
    if made is None:
        # An undated forecast is known to come before nothing but its own window: only a report
        # from inside or after the window can speak of its outcome; with no window, none can.
        if opens is None:
            return None
        made = opens - timedelta(days=1)
    limit = (
        deadline + timedelta(days=LATE_DAYS)
        if deadline
        else (made + timedelta(days=OPEN_ENDED_DAYS) if made else None)
    )
    found: list[tuple[bool, float, str, str]] = []  # (after the deadline, cosine, article, sentence)
    dated: list[tuple[Record, date | None]] = []
    texts: dict[str, str] = {}
    for record in later:
        day = parse_day(record.article.published)
        if day is None or day <= made:
            continue  # only a report published after the forecast can tell its outcome
        if limit and day > limit:
            continue
        dated.append((record, day))
        texts[record.article.id] = record.article.text
    if leads is not None and len(dated) > MAX_EVIDENCE:
        # Embedding every sentence of a long story is what costs: read the articles whose
        # headline and lead (embedded at indexing) are nearest the forecast.
        def near(item: tuple[Record, date | None]) -> float:
            lead = leads(item[0].article.id)
            return float(np.dot(vector, lead)) if lead is not None else -1.0

        dated = sorted(dated, key=near, reverse=True)[:MAX_EVIDENCE]
    for record, day in dated:
        best, best_sentence = 0.0, ""
        for sentence, v in vectors(record):
            cosine = float(np.dot(vector, v))
            if cosine > best:
                best, best_sentence = cosine, sentence
        if best >= SETTLES:
            after = bool(deadline and day and day > deadline)
            found.append((after, best, record.article.id, best_sentence))
    if not found:
        return None
    found.sort(reverse=True)
    top_after, top, top_article, top_sentence = found[0]
    status = verdict(text, top_sentence)
    start = texts[top_article].find(top_sentence)
    deciding = {
        "article": top_article,
        "start": start,
        "end": start + len(top_sentence),
        "text": top_sentence,
    }
    # Reports of the same period (before or after the deadline) that say the same about it nearly
    # as closely count too; a loose echo of the subject is not a report that settles it.
    resolved = [
        aid
        for after, cosine, aid, s in found
        if after == top_after and cosine >= top - RESOLVED_MARGIN and verdict(text, s) == status
    ]
    return status, sorted(set(resolved)), deciding


def status_until_settled(deadline: str | None, as_of: str | None) -> str:
    """open until the forecast's window ends (or while it has none), due after: the one rule the
    links object, the forecast ledger and the sources page share."""
    return "open" if deadline is None or as_of is None or deadline >= as_of else "due"


def window(claim: Claim, published: str | None) -> tuple[date | None, date | None]:
    """(first day, last day) of a forecast's window. A window that ends before the forecast was
    published is a misread date ("before the end of September" read as a day in May): no
    deadline rather than a wrong one."""
    assert claim.forecast is not None
    begin, end = parse_day(claim.forecast.begin), parse_day(claim.forecast.end)
    made = parse_day(published)
    if end and made and end < made:
        end = None
    return begin, end


def forecasts(
    records: list[Record],
    as_of: str | None,
    evidence: Callable[[Record, np.ndarray], list[Record]] | None = None,
    vectors: SentenceVectors | None = None,
    leads: Callable[[str], np.ndarray | None] | None = None,
) -> list[dict[str, Any]]:
    """The forecasts of one story's records; `evidence` adds later records from outside the story.

    Only claims about the future (``stance.is_prediction``) are forecasts. A settled one names
    the sentence that decides it (``settled_by``: article, offsets, text)."""
    vectors = vectors or sentence_vectors()
    out: list[dict[str, Any]] = []
    for record in records:
        items = [
            (i, c) for i, c in enumerate(record.claims) if c.forecast is not None and stance.is_prediction(c)
        ]
        if not items:
            continue
        claim_vectors = embed([c.text for _, c in items])
        for (i, claim), vector in zip(items, claim_vectors, strict=True):
            later: dict[str, Record] = {r.article.id: r for r in records if r is not record}
            for extra in evidence(record, vector) if evidence else []:
                later.setdefault(extra.article.id, extra)
            later.pop(record.article.id, None)
            begin, end = window(claim, record.article.published)
            deadline = end.isoformat() if end else None
            status = status_until_settled(deadline, as_of)
            resolved: list[str] = []
            deciding: dict[str, Any] | None = None
            settled = _settled_by(
                claim.text,
                vector,
                parse_day(record.article.published),
                end,
                later.values(),
                vectors,
                leads,
                opens=begin,
            )
            if settled:
                status, resolved, deciding = settled
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
                    "settled_by": deciding,
                }
            )
    return out
