"""Contradictions between claims of one story: one denies what another asserts (negation), or one
says a place was taken while another says it is still held (status).

A contradiction sets one party's claim against another's: the two speakers differ and are not
known to speak for the same country (a ministry and its general staff differ in wording, not in
what they assert). Predictions and hedged claims assert nothing yet and are left out. The two
contents must be about the same thing, which wording alone tells badly ("sunk the patrol ship" /
"no vessels damaged"): the sentence embeddings of the two claims decide (MiniLM cosine), with a
lower bar for a status pair, whose two sides name the place differently ("the region was
liberated" / "units still hold positions there"). One pair per two contents: copies of a claim
in syndicated articles give the same contradiction once, and copies of an article (``skip``)
are left out. A denial answers one assertion: each denying claim is paired with the assertion it
is closest to, and each claim that a place is still held with the closest claim that it was
taken; for that side, "held" means control ("holding", "under control"), not any "still".
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np

from fogofwar.link.embed import embed
from fogofwar.link.words import has_any
from fogofwar.model import Claim, Record

SAME_TOPIC = 0.45  # cosine for a negation pair
SAME_PLACE = 0.35  # cosine for a status pair


def _side(record: Record, index: int, claim: Claim) -> dict[str, Any]:
    return {
        "article": record.article.id,
        "claim": index,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
    }


def _speaker(claim: Claim) -> str:
    return (claim.speaker.name or claim.speaker.kind or "") if claim.speaker else ""


def _who(record: Record, claim: Claim) -> str:
    return _speaker(claim) or record.article.outlet or "unknown"


def _opposed(a: Claim, b: Claim) -> bool:
    if _speaker(a) and _speaker(a) == _speaker(b):
        return False  # a source revising itself is not a contradiction
    ca = a.speaker.country_code if a.speaker else None
    cb = b.speaker.country_code if b.speaker else None
    return not (ca and cb and ca == cb)


def _counts_people(record: Record, claim: Claim) -> bool:
    return any(
        f.claim == claim.id and (f.category or "").startswith(("personnel", "civilians"))
        for f in record.figures
    )


def _status(record: Record, claim: Claim) -> str | None:
    text = claim.text
    # "lost 76,000 soldiers" is a toll, not ground changing hands
    taken = has_any(text, "taken") and not _counts_people(record, claim)
    held = has_any(text, "held")
    if taken and not held:
        return "taken"
    return "held" if held and not taken and has_any(text, "control") else None


# A claim of a story with its record and its index in the record's claims.
StoryClaim = tuple[Record, int, Claim]
# (cosine, kind, the side that answers, the other side): indices into the story's claims.
Pair = tuple[float, str, int, int]


def contradictions(records: list[Record], skip: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    claims = [
        (r, i, c)
        for r in records
        if r.article.id not in skip
        for i, c in enumerate(r.claims)
        if c.forecast is None and not c.hedges and not has_any(c.text, "hedged")
    ]
    vectors = embed([c.text for _, _, c in claims]) if len(claims) > 1 else np.zeros((len(claims), 384))
    pairs = _pairs(claims, vectors)
    pairs.sort(key=lambda p: -p[0])  # best first
    found: list[dict[str, Any]] = []
    answered: set[str] = set()
    seen: set[frozenset[str]] = set()
    for _, kind, answer, other in pairs:
        (ra, ia, ca), (rb, ib, cb) = claims[answer], claims[other]
        key = frozenset((ca.text, cb.text))
        if ca.text in answered or key in seen or (kind == "status" and cb.text in answered):
            continue  # a capture is answered by one claim that the place is held, not by each
        answered.update((ca.text, cb.text) if kind == "status" else (ca.text,))
        seen.add(key)
        first, second = sorted(
            [(ra, ia, ca), (rb, ib, cb)], key=lambda x: (x[0].article.published or "", x[0].article.id, x[1])
        )
        found.append(
            {
                "a": _side(*first),
                "b": _side(*second),
                "kind": kind,
                "note": f"{_who(first[0], first[2])} vs {_who(second[0], second[2])}",
            }
        )
    return found


def _pairs(claims: list[StoryClaim], vectors: np.ndarray) -> list[Pair]:
    """Every two claims of opposed speakers about the same thing where one denies what the other
    asserts (negation), or one says a place was taken and the other that it is held (status)."""
    pairs: list[Pair] = []
    for (ia, (_, _, ca)), (ib, (_, _, cb)) in combinations(enumerate(claims), 2):
        if ca.text == cb.text or not _opposed(ca, cb):
            continue
        cosine = float(np.dot(vectors[ia], vectors[ib]))
        neg_a, neg_b = has_any(ca.text, "negation"), has_any(cb.text, "negation")
        if cosine >= SAME_TOPIC and neg_a != neg_b:
            pairs.append((cosine, "negation", ia if neg_a else ib, ib if neg_a else ia))
            continue
        status_a, status_b = _status(claims[ia][0], ca), _status(claims[ib][0], cb)
        if cosine >= SAME_PLACE and {status_a, status_b} == {"taken", "held"}:
            held_first = status_a == "held"
            pairs.append((cosine, "status", ia if held_first else ib, ib if held_first else ia))
    return pairs
