"""One claim per proposition, when several cues read the same content.

* a cue within quotation marks, inside another claim's content, is part of what is quoted;
* the same content found twice (a verb cue and "according to") keeps the verb's reading;
* an outlet's frame around another cue ("According to a report by the Washington Post,
  officials believe ...") folds into the inner claim as via;
* a source's frame inside what an outlet reports ("X, according to two people familiar with the
  talks, CNN reported") makes the outlet relay that source, and leaves the content;
* "reportedly" inside another claim's content is a hedge of that claim, not a claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from fogofwar.nlp.claims.candidate import Candidate, TokenSpan
from fogofwar.nlp.claims.lexicon import NameHits
from fogofwar.nlp.claims.spans import overlap, quoted_tokens

# Which reading of a proposition wins: the lower first.
_PRECEDENCE = {
    "verb": 0,
    "signed": 0,
    "passive": 1,
    "according": 2,
    "citing": 3,
    "source": 4,
    "stance": 5,
    "adverb": 6,
}
_FRAMES = ("according", "citing", "source")


def _drop_quoted_cues(doc: Doc, candidates: Sequence[Candidate]) -> list[Candidate]:
    """ "I think", "as we noted" inside a quotation are part of what is quoted, not claims of
    their own: a cue within quotation marks, inside another claim's content, is dropped."""
    quoted = quoted_tokens(doc)
    return [
        c
        for c in candidates
        if not (
            c.cue[0] in quoted
            and c.kind not in ("signed",)
            and any(o is not c and o.content[0] <= c.cue[0] < o.content[1] for o in candidates)
        )
    ]


def _is_outlet(span: TokenSpan, names: NameHits) -> bool:
    return any(hit.label == "OUTLET" for i in range(*span) if (hit := names.get(i)) is not None)


def _fold_frame(doc: Doc, frame: Candidate, inner: Candidate, names: NameHits) -> None:
    """The outer frame's speaker stands between the article and the inner speaker; a frame
    inside the inner content names whom the inner speaker relays."""
    start, end = inner.content
    relayed = frame.speaker is not None and not _is_outlet(frame.speaker, names)
    # Inside the content, or between the content and a cue after it ("X, according to Y, CNN
    # reported"): the frame's source is whom the inner speaker relays.
    within = start < frame.cue[0] < end or end <= frame.cue[0] < inner.cue[0]
    if relayed and within and inner.cited is None and inner.speaker is not None:
        inner.cited = frame.speaker
        cut = frame.cue[0]
        while cut > start and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
            cut -= 1
        if cut - start >= 2:
            inner.content = (start, cut)
        return
    if frame.speaker is not None:
        inner.via_tokens.insert(0, frame.speaker)
        if inner.cited is None and not _is_outlet(frame.speaker, names):
            inner.cited = frame.speaker if inner.speaker is None else inner.cited


def _absorbed(doc: Doc, cand: Candidate, other: Candidate, names: NameHits) -> bool:
    """Whether `cand` is dropped for `other`, kept already (folding a frame into it)."""
    inside = other.content[0] <= cand.cue[0] < other.content[1]
    contains = cand.content[0] <= other.cue[0] < cand.content[1]
    same = overlap(cand.content, other.content) > 0.6
    if cand.kind == "adverb":
        return inside or same
    if cand.kind in _FRAMES:
        if contains or same:
            _fold_frame(doc, cand, other, names)
            return True
        return False
    if cand.kind in ("verb", "passive", "stance") and cand.cue == other.cue and same:
        return True  # the same reading twice
    # an object reading where a clause reading exists
    return cand.kind == "stance" and (cand.cue == other.cue or same)


def resolve_overlaps(doc: Doc, candidates: Sequence[Candidate], names: NameHits) -> list[Candidate]:
    """One claim per proposition (see the module's docstring)."""
    kept: list[Candidate] = []
    for cand in sorted(_drop_quoted_cues(doc, candidates), key=lambda c: _PRECEDENCE.get(c.kind, 9)):
        if not any(_absorbed(doc, cand, other, names) for other in kept):
            kept.append(cand)
    return kept
