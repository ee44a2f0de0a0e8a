"""Where a clause stands from the publication date: what a bare "Friday" or "March" points at.

News speaks of the past by default; a future verb, a plan or a deadline moves a date ahead.
With a parsed Doc the verb the expression hangs from decides; in a blank pipeline, cue words in
the same clause do (the lexicon's ``future_cues``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

_STRONG_WILL = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_WILL = frozenset(
    {"will", "'ll", "’ll", "shall", "wo", "would", "'d", "must", "should", "might", "may", "can"}
)
_PAST_AUX = frozenset({"did", "was", "were", "had", "has", "have", "'ve"})
# Verbs that speak of what is still to come, whatever their own tense ("planned a rally on Saturday").
_PLAN_VERBS = frozenset(
    {
        "plan",
        "schedule",
        "expect",
        "intend",
        "aim",
        "hope",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "due",
        "slate",
        "threaten",
        "postpone",
        "adjourn",
    }
)
_DEADLINE_WORDS = re.compile(
    r"(?<!\w)(?:until|till|by|as\s+soon\s+as|no\s+later\s+than|before)\s+(?:the\s+)?$", re.I
)
# Where a verb heads a clause of its own, not a participle phrase on a noun ("troops deployed").
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl"})
_NOW_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_CLAUSE_END = re.compile(r"[.!?;\n]")


def _governing_verb(token: Any) -> Any:
    """The verb (or auxiliary) `token` hangs from, at most six steps up, else the last head."""
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


def verb_tense(token: Any) -> int:
    """The tense of the verb that `token` (a spaCy Token) hangs from: 2 a plain future (will,
    shall), 1 leaning ahead (modals, plans, "to meet"), -1 past, 0 unknown."""
    verb = _governing_verb(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return 0
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in _STRONG_WILL for a in aux):
        return 2
    if any(a in _WILL for a in aux) or verb.lemma_ in _PLAN_VERBS:
        return 1
    if "to" in aux or (verb.tag_ == "VB" and verb.dep_ == "xcomp"):
        # "plans to meet on Friday" is ahead; "planned to leave on Friday" is told as past.
        return 0 if verb.head.i != verb.i and verb.head.tag_ == "VBD" else 1
    if verb.tag_ == "VBG" and any(a in _NOW_AUX for a in aux):
        return 1  # "is meeting on Friday"
    if verb.tag_ == "VBD" or any(a in _PAST_AUX for a in aux):
        return -1
    if verb.tag_ == "VBN" and not aux and verb.dep_ in _CLAUSE_DEPS:
        return -1  # a clause's own verb tagged as participle ("intensified after 12 May"): past
    return 0


def clause_tense(text: str, doc: Doc | None, future: re.Pattern[str], start: int, end: int) -> int:
    """Where the clause around [start, end) of `text` stands from the publication date: 1 to
    come ("will meet on Friday", "is to meet", "plans to"), -1 gone ("met on Friday"), 0 unknown.

    With a parsed `doc`, the verb the expression hangs from decides (its tag and auxiliaries);
    otherwise (a blank pipeline) a `future` cue in the same clause does."""
    deadline = _DEADLINE_WORDS.search(text, max(0, start - 20), start) is not None
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tense = verb_tense(span.root)
            # "until Tuesday", "by Jan. 14": a deadline lies ahead, unless told as past.
            return 1 if deadline and tense == 0 else tense
    if deadline:
        return 1
    lo = max(0, start - 60)
    cuts = [m.end() for m in _CLAUSE_END.finditer(text, lo, start)]
    if cuts:
        lo = cuts[-1]
    stop = _CLAUSE_END.search(text, end, end + 40)
    hi = stop.start() if stop else min(len(text), end + 40)
    return 1 if future.search(text, lo, hi) else 0


def pick_by_tense(candidates: list[date], dct: date, tense: int, slack: timedelta) -> date:
    """The candidate nearest the publication date when it is within four months (news speaks of
    its own season), else the one the tense points at: the latest not after the publication
    date (past), the first not before it (future); `slack` lets "future" reach a little back."""
    nearest = min(candidates, key=lambda d: (abs((d - dct).days), d))
    if tense < 2 and abs((nearest - dct).days) <= 120:
        return nearest  # "would", "expected to" and plans lean ahead too weakly to move a month
    if tense == 1:
        tense = 0 if abs((nearest - dct).days) <= 200 else 1
    if tense < 0:
        gone = [d for d in candidates if d <= dct + slack]
        if gone:
            return max(gone)
    if tense > 0:
        ahead = [d for d in candidates if d >= dct - slack]
        if ahead:
            return min(ahead)
    return nearest
