"""From cue hits to draft events: per sentence, one event per family of happening present.

The families one happening shows together fold into one (a toll into its attack, the police into
the protest they broke up); a sentence that only counts the dead adds to the violent event before
it in the paragraph. Each draft remembers how high its cue sits in the parse, so that the main
clause's event comes first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.events.cues import Actor, CueHit

# Families whose events can be added to by a later sentence that only counts the dead.
_TOLL_TAKING = ("violence", "casualty")


@dataclass
class DraftEvent:
    """An event while it is being built (turned into the plain dict at the end)."""

    family: str
    kinds: set[str]
    sent: Span
    depth: int
    trigger: int  # character offset of the cue that heads it
    scope: list[Span] = field(default_factory=list)  # sentences whose figures count for it
    actor1: Actor | None = None
    actor2: Actor | None = None
    cues: list[int] = field(default_factory=list)  # character offsets of every cue it was drafted from
    beside: set[str] = field(default_factory=set)  # every family cued in its sentence (or clause)
    # Sentences with no cue after it in its paragraph: "No one was killed." (the lexicon hides the
    # cue in such a phrase) still tells its toll.
    quiet: list[Span] = field(default_factory=list)


def sentence_index(starts: list[int], offset: int) -> int:
    """The index of the sentence holding `offset` (starts sorted)."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def verb_at_or_above(token: Token, hops: int = 4) -> Token:
    """The first verb (or auxiliary) at or above `token`, at most `hops` heads up; else the token
    where the walk stopped (the root, or `hops` heads up)."""
    node = token
    for _ in range(hops):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return node


def char_range(token: Token) -> tuple[int, int]:
    """The characters of `token`'s subtree."""
    right = token.right_edge
    return token.left_edge.idx, right.idx + len(right)


def parse_depth(doc: Doc, hit: CueHit) -> int:
    """How far the cue sits below the root of its sentence's parse. A participle ("..., demanding
    higher pay") heads an adjunct, not the clause: it counts two levels lower."""
    token = token_at(doc, hit.start)
    depth = (
        2
        if token is not None and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "acl", "ROOT")
        else 0
    )
    while token is not None and token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


class FamilyMerger:
    """Folds the families that one happening shows together into one: the toll and the attack,
    protesters and the police breaking them up, an interception and the strike it met."""

    def __init__(self, topic_after: Sequence[str]) -> None:
        # "protested against the arrest of ...": an arrest named as the protest's cause is not an
        # intervention in it.
        self.arrest_topic = re.compile(r"\s+(?:" + "|".join(map(re.escape, topic_after)) + r")\b")

    def merge(self, families: dict[str, list[CueHit]], text: str) -> dict[str, list[CueHit]]:
        _fold(families, "violence", "casualty", "withdraw")
        _fold(families, "riot", "protest", "violence", "casualty", "intervene", "arrest")
        if "protest" in families:
            arrests = [h for h in families.get("arrest", []) if not self.arrest_topic.match(text, h.end)]
            if arrests:
                families["arrest"] = arrests
            else:
                families.pop("arrest", None)
            _fold(families, "protest", "intervene", "arrest", "violence", "casualty")
        if "disrupt" in families and "violence" in families:
            if {h.kind for h in families["violence"]} & {"casualty", "killing", "fire"}:
                _fold(families, "violence", "disrupt")
            else:
                _fold(
                    families, "disrupt", "violence"
                )  # "air defence shot down 20 drones": nothing got through
        # A toll or an intervention beside another happening is part of it, not one of its own.
        for minor in ("casualty", "intervene"):
            if minor in families and len(families) > 1:
                families.pop(minor)
        return families


def _fold(families: dict[str, list[CueHit]], into: str, *names: str) -> None:
    if into not in families:
        return
    for name in names:
        if name in families:
            families[into].extend(families.pop(name))


def same_paragraph(text: str, earlier_end: int, later_start: int) -> bool:
    """No paragraph break between the end of an earlier sentence and the start of a later one.
    A sentence's span may end after the blank line that follows it: its trailing space is not
    its text."""
    end = len(text[:earlier_end].rstrip())
    return "\n\n" not in text[end:later_start]


def _same_paragraph(text: str, earlier: Span, later: Span) -> bool:
    return same_paragraph(text, earlier.end_char, later.start_char)


def draft_events(
    doc: Doc,
    text: str,
    sents: list[Span],
    hits: list[CueHit],
    merger: FamilyMerger,
    split: Callable[[Span, list[CueHit]], list[Span]] | None = None,
    is_tally: Callable[[int], bool] | None = None,
    is_cue: Callable[[CueHit], bool] | None = None,
) -> list[DraftEvent]:
    """The draft events of the hits, sentence by sentence in text order. `split` cuts a sentence
    into the clauses that report a happening each; a sentence that only counts the dead of a
    period (`is_tally`) is not the toll of the event before it; `is_cue` keeps the hits that
    are used as cues (not "according to")."""
    by_sent: list[list[CueHit]] = [[] for _ in sents]
    starts = [s.start_char for s in sents]
    for hit in hits:
        if is_cue is None or is_cue(hit):
            by_sent[sentence_index(starts, hit.start)].append(hit)
    drafts: list[DraftEvent] = []
    last_violent: DraftEvent | None = None
    for sent, sent_hits in zip(sents, by_sent, strict=True):
        if not sent_hits:
            if last_violent is not None and _same_paragraph(text, last_violent.sent, sent):
                last_violent.quiet.append(sent)
            continue
        parts = split(sent, sent_hits) if split is not None else [sent]
        for part in parts:
            part_hits = [h for h in sent_hits if part.start_char <= h.start < part.end_char]
            last_violent = _draft_part(doc, text, part, part_hits, merger, drafts, last_violent, is_tally)
    return drafts


def _draft_part(
    doc: Doc,
    text: str,
    sent: Span,
    hits: list[CueHit],
    merger: FamilyMerger,
    drafts: list[DraftEvent],
    last_violent: DraftEvent | None,
    is_tally: Callable[[int], bool] | None,
) -> DraftEvent | None:
    """Drafts the events of one sentence (or clause) into `drafts`; returns the last violent one."""
    families: dict[str, list[CueHit]] = {}
    for hit in hits:
        families.setdefault(hit.family, []).append(hit)
    if not families:
        return last_violent
    beside = set(families)
    families = merger.merge(families, text)
    if (
        set(families) == {"casualty"}
        and last_violent is not None
        and _same_paragraph(text, last_violent.sent, sent)
    ):
        if is_tally is None or not any(is_tally(h.start) for h in families["casualty"]):
            last_violent.scope.append(sent)  # "Two soldiers were killed": the toll of the event before
        return last_violent
    for family, family_hits in families.items():
        depth, trigger = min((parse_depth(doc, h), h.start) for h in family_hits)
        draft = DraftEvent(
            family,
            {h.kind for h in family_hits},
            sent,
            depth,
            trigger,
            [sent],
            cues=[h.start for h in family_hits],
            beside=beside,
        )
        drafts.append(draft)
        if family in _TOLL_TAKING:
            last_violent = draft
    return last_violent
