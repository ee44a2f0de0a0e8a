"""Contradictions between claims of one story: one denies what another asserts (negation), or one
says a place was taken while another says it is still held (status).

Both tests need the two contents to be about the same thing: most of the shorter one's content
words appear in the other. Claims of the same speaker are not set against each other.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from fogofwar.link.words import content_words, has_any, overlap
from fogofwar.model import Claim, Record

SAME_TOPIC = 0.5  # share of content words for a negation pair
SAME_PLACE = 0.3  # a status pair shares less: "repelled the incursion" vs "controls 1,000 km2 of Kursk"


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


def contradictions(records: list[Record]) -> list[dict[str, Any]]:
    claims = [(r, i, c, content_words(c.text)) for r in records for i, c in enumerate(r.claims)]
    found: list[dict[str, Any]] = []
    for (ra, ia, ca, wa), (rb, ib, cb, wb) in combinations(claims, 2):
        if _speaker(ca) and _speaker(ca) == _speaker(cb):
            continue
        shared = overlap(wa, wb)
        kind = None
        if shared >= SAME_TOPIC and has_any(ca.text, "negation") != has_any(cb.text, "negation"):
            kind = "negation"
        elif shared >= SAME_PLACE and (
            (has_any(ca.text, "taken") and has_any(cb.text, "held") and not has_any(cb.text, "taken"))
            or (has_any(cb.text, "taken") and has_any(ca.text, "held") and not has_any(ca.text, "taken"))
        ):
            kind = "status"
        if kind:
            found.append(
                {
                    "a": _side(ra, ia, ca),
                    "b": _side(rb, ib, cb),
                    "kind": kind,
                    "note": f"{_speaker(ca) or ra.article.outlet} vs {_speaker(cb) or rb.article.outlet}",
                }
            )
    return found
