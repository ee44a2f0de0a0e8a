"""Who does what to whom around a figure, read from the dependency parse.

The other rule families look at words near a figure; these helpers ask the parse instead: the
token that heads the counted phrase, the verb whose clause the figure is in, and whether another
word (a side, a time) sits in that clause, in a clause that governs it, or in a clause of its own
(a relative clause on some other noun, a "since ..." clause with its own subject). Every walk
goes up the tree from one token and stops after a few steps, so each costs a handful of lookups
per figure, never a pass over the Doc.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

_MAX_UP = 12  # steps up the tree before giving up (a sentence deeper than this is no list)
_VERBS = ("VERB", "AUX")
# Dependencies that attach a noun to the verb whose participant it is.
PARTICIPANT = ("dobj", "obj", "nsubj", "nsubjpass", "attr", "oprd", "dative")
# Dependencies that make a clause its own: a relative clause or a clause on a noun.
NOUN_CLAUSES = ("relcl", "acl")
SUBJECTS = ("nsubj", "nsubjpass")


def head_of(doc: Doc, start: int, end: int) -> Token | None:
    """The token of characters [start, end) nearest the root: the counted noun of "93 captured
    soldiers", the number of a bare "2,000"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def clause_verb(tok: Token) -> Token | None:
    """The verb whose clause `tok` is in (itself if it is one), or None at the root of a
    verbless sentence."""
    for _ in range(_MAX_UP):
        if tok.pos_ in _VERBS:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def verb_of(tok: Token) -> tuple[Token | None, str]:
    """The verb `tok` is a participant of and how: up through prepositions, numbers and lists
    ("176 of its staff ... were killed": staff -> 176 -> killed, nsubjpass)."""
    dep = tok.dep_
    for _ in range(_MAX_UP):
        head = tok.head
        if head.i == tok.i:
            return None, dep
        if head.pos_ in _VERBS:
            return head, tok.dep_
        tok = head
        dep = tok.dep_
    return None, dep


def verb_phrase(verb: Token) -> str:
    """The verb with its particle, lower case: "called up", "shot down", "shot dead"."""
    for child in verb.children:
        if child.dep_ == "prt" or (child.dep_ in ("advmod", "acomp") and child.i == verb.i + 1):
            return f"{verb.lower_} {child.lower_}"
    return verb.lower_


def ancestors_and_self(tok: Token) -> list[Token]:
    out = [tok]
    for _ in range(_MAX_UP):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        out.append(tok)
    return out


def governs(verb: Token, other: Token) -> bool:
    """Whether `verb` is `other` or above it in the tree."""
    return any(t.i == verb.i for t in ancestors_and_self(other))


def own_subject(verb: Token) -> Token | None:
    """The verb's subject, if it has one of its own that is no pronoun standing for someone
    named elsewhere ("after the group fired 21 drones": "group"); a verb joined to another
    ("killed one man and wounded eight") shares that verb's subject."""
    for _ in range(_MAX_UP):
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                return child if child.pos_ != "PRON" else None
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def in_noun_clause(tok: Token, verb: Token, head: Token) -> bool:
    """Whether `tok` sits in a relative clause or a clause on a noun that the figure's clause
    (`verb`) does not run through: "under the law it activated in February". A clause on the
    figure's own noun (`head`: "three Israeli women held in Gaza on Sunday") or on the subject of
    its verb or of a verb above it ("a drone that struck Tel Aviv on 19 July killed one man and
    wounded eight") tells of the same event."""
    tv = clause_verb(tok)
    if tv is None or tv.i == verb.i or governs(tv, verb):
        return False
    for t in ancestors_and_self(tv):
        if t.i == verb.i or governs(t, verb):
            return False
        if t.dep_ in NOUN_CLAUSES:
            noun = t.head
            return not (noun.i == head.i or (noun.dep_ in SUBJECTS and governs(noun.head, verb)))
    return False


def in_other_clause(tok: Token, verb: Token) -> bool:
    """Whether `tok` is in a clause other than the figure's (`verb`) and the ones that govern
    it ("Ukraine said it shot down ..." is governed by "said"): a subordinate clause with its own
    subject ("since Russia opened its new front, 9,000 residents were evacuated"), a relative
    clause, a clause beside it."""
    tv = clause_verb(tok)
    return tv is not None and tv.i != verb.i and not governs(tv, verb)
