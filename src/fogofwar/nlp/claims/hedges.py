"""How sure: the weakening words of a claim's cue and content ("may", "reportedly", "it is
unclear whether")."""

from __future__ import annotations

from spacy.tokens import Doc

from fogofwar.nlp.claims.candidate import Candidate, TokenSpan
from fogofwar.nlp.claims.lexicon import ClaimWords


def hedges_of(words: ClaimWords, doc: Doc, cand: Candidate, phrases: list[TokenSpan]) -> list[str]:
    """The hedges of a claim in text order, each once; `phrases` are the Doc's hedge phrases."""
    found: list[tuple[int, str]] = []
    for s, e in (cand.cue, cand.content):
        for tok in doc[s:e]:
            lower = tok.lower_
            if (lower in words.hedge_modals and tok.tag_ == "MD") or lower in words.hedge_words:
                found.append((tok.i, tok.text))
    cue_head = doc[cand.cue[0]]
    for child in cue_head.children:
        if child.lower_ in words.hedge_words and not (cand.content[0] <= child.i < cand.content[1]):
            found.append((child.i, child.text))
    lo = min(cand.cue[0], cand.content[0])
    hi = max(cand.cue[1], cand.content[1])
    for s, e in phrases:
        if lo <= s and e <= hi:
            found.append((s, doc[s:e].text))
    seen: dict[int, str] = {}
    for i, text in sorted(found):
        seen.setdefault(i, text)
    return list(dict.fromkeys(seen.values()))
