"""Finding claims in a sentence: the cue (a reporting verb, "according to", "citing",
"reportedly", a stance verb) and the content it attributes.

``sentence_claims`` looks at each token once; the first rule of ``_RULES`` whose test holds reads
the claim (a rule may find none). Claims with no cue word in the parse (signed quotations, "NAME:"
lines, "(Source: X)") are in :mod:`fogofwar.nlp.claims.signed`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.claims.candidate import Candidate
from fogofwar.nlp.claims.lexicon import ClaimWords
from fogofwar.nlp.claims.reporting_verb import cue_span, read_reporting_verb
from fogofwar.nlp.claims.spans import (
    clause,
    phrase,
    proposition,
    root_in,
    sentence_without,
    subject_of,
)


@dataclass
class SentenceScan:
    """One sentence being read for claims."""

    words: ClaimWords
    doc: Doc
    sent: Span

    @cached_property
    def has_cue_verb(self) -> bool:
        """A reporting verb somewhere in the sentence: "citing" then only relays its source."""
        return any(_is_cue_verb(self.words, t) for t in self.sent)


def _is_cue_verb(words: ClaimWords, tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in words.report


# ---------------------------------------------------------------------- the rules, in order


def _is_according(s: SentenceScan, tok: Token) -> bool:
    return tok.lower_ == "according" and tok.i + 1 < s.sent.end and s.doc[tok.i + 1].lower_ == "to"


def _according(s: SentenceScan, tok: Token) -> Candidate | None:
    doc = s.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase_end = max(pobj.right_edge.i, to.i) + 1
    content = sentence_without(s.words, doc, s.sent, (tok.i, phrase_end))
    if content[1] - content[0] < 2:
        return None
    return Candidate(content=content, cue=(tok.i, to.i + 1), speaker=phrase(pobj), kind="according")


def _is_lone_citing(s: SentenceScan, tok: Token) -> bool:
    return tok.lower_ == "citing" and not s.has_cue_verb


def _citing(s: SentenceScan, tok: Token) -> Candidate | None:
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
    if obj is None:
        return None
    content = sentence_without(s.words, s.doc, s.sent, (tok.left_edge.i, tok.right_edge.i + 1))
    if content[1] - content[0] < 2:
        return None
    return Candidate(content=content, cue=(tok.i, tok.i + 1), speaker=phrase(obj), kind="citing")


def _is_attributing_adverb(s: SentenceScan, tok: Token) -> bool:
    return tok.lower_ in s.words.adverbs


def _adverb(s: SentenceScan, tok: Token) -> Candidate | None:
    head = tok.head
    while head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head
    content = clause(s.words, head) if head.i != tok.i else (s.sent.start, s.sent.end)
    return Candidate(content=content, cue=(tok.i, tok.i + 1), unstated=True, kind="adverb")


def _is_reporting_verb(s: SentenceScan, tok: Token) -> bool:
    return _is_cue_verb(s.words, tok)


def _reporting_verb(s: SentenceScan, tok: Token) -> Candidate | None:
    cand = read_reporting_verb(s.words, s.doc, s.sent, tok)
    if cand is None and tok.lemma_.lower() in s.words.stance_verbs:
        cand = object_claim(s.words, s.doc, tok)
    return cand


def _is_relaying_citing(s: SentenceScan, tok: Token) -> bool:
    # A source for another cue in the sentence ("citing X", "quoting X"), attached by
    # _attach_citing or read by the reporting verb itself.
    return tok.lower_ in s.words.relay_words and s.has_cue_verb


def _no_claim(s: SentenceScan, tok: Token) -> Candidate | None:
    return None


def _is_stance_verb(s: SentenceScan, tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() in s.words.stance_verbs


def _object_claim(s: SentenceScan, tok: Token) -> Candidate | None:
    return object_claim(s.words, s.doc, tok)


def _is_object_verb(s: SentenceScan, tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() in s.words.object_verbs


def _stance_noun_claim(s: SentenceScan, tok: Token) -> Candidate | None:
    """ "expressed hope that ...": the stance noun object carries the clause."""
    verb = tok
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in s.words.stance:
        return None
    clause_head = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
    if clause_head is None:
        return None
    subj = subject_of(verb)
    if subj is None:
        return None
    return Candidate(content=clause(s.words, clause_head), cue=(verb.i, obj.i + 1), speaker=phrase(subj))


_Rule = tuple[Callable[[SentenceScan, Token], bool], Callable[[SentenceScan, Token], Candidate | None]]
_RULES: tuple[_Rule, ...] = (
    (_is_according, _according),
    (_is_lone_citing, _citing),
    (_is_attributing_adverb, _adverb),
    (_is_relaying_citing, _no_claim),
    (_is_reporting_verb, _reporting_verb),
    (_is_stance_verb, _object_claim),
    (_is_object_verb, _stance_noun_claim),
)


def sentence_claims(words: ClaimWords, doc: Doc, sent: Span) -> list[Candidate]:
    """The claims cued inside one sentence."""
    scan = SentenceScan(words, doc, sent)
    found: list[Candidate] = []
    for tok in sent:
        read = next((read for applies, read in _RULES if applies(scan, tok)), None)
        cand = read(scan, tok) if read is not None else None
        if cand is not None:
            found.extend(split_conjoined(words, doc, cand))
    _attach_citing(sent, found)
    return found


def _attach_citing(sent: Span, found: list[Candidate]) -> None:
    """ "Reuters reported, citing three sources, that ...": the parse may hang "citing" on the
    content clause; it belongs to the reporting verb whose content it is not part of."""
    for tok in sent:
        if tok.lower_ != "citing":
            continue
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
        for cand in found:
            outside = not (cand.content[0] <= tok.i < cand.content[1])
            if cand.kind == "verb" and cand.cited is None and obj is not None and outside:
                cand.cited = phrase(obj)
                break


# ---------------------------------------------------------------------- a stand on an object


def _stance_object(words: ClaimWords, verb: Token) -> Token | None:
    """What a stance is taken on: the object or complement, or a preposition with its object."""
    for child in verb.children:
        if child.dep_ in ("dobj", "xcomp", "ccomp", "oprd") and child.i > verb.i:
            return child
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in words.stance_prepositions:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return child
    return None


def object_claim(words: ClaimWords, doc: Doc, verb: Token) -> Candidate | None:
    """A stand taken on what the object names: "called for a ceasefire", "rejected a request
    from Democrats", "wants a deal". The speaker must be stated and be somebody."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return None  # "a report published on Monday": a participle naming a document
    subj = subject_of(verb)
    if subj is None or subj.dep_ == "expl" or not _somebody(words, subj):
        return None
    content = _stance_object(words, verb)
    if content is None or content.lemma_.lower() in words.claim_nouns or content.lower_ in words.claim_nouns:
        return None
    start = content.left_edge.i
    # "called them 'losers'", "described Trump as a con artist": the complement belongs to it.
    tails = [
        c.right_edge.i for c in verb.children if c.i > content.i and (c.dep_ == "oprd" or c.lower_ == "as")
    ]
    end = max([content.right_edge.i, *tails]) + 1
    span = proposition(words, doc, start, end)
    if span[1] - span[0] < 1 or (span[1] - span[0] == 1 and doc[span[0]].pos_ == "PRON"):
        return None
    return Candidate(content=span, cue=cue_span(verb), speaker=phrase(subj), kind="stance")


def _somebody(words: ClaimWords, tok: Token) -> bool:
    """Whether a subject can hold a view: a person, body, group or document, not a thing."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if tok.pos_ == "PRON":
        return lower in words.pronouns_person or lower in words.pronouns_somebody
    return (
        lemma in words.anonymous
        or lemma in words.government
        or lemma in words.military
        or (lemma in words.organisation or lemma in words.roles or lemma in words.documents)
        or tok.pos_ == "PROPN"
    )


def split_conjoined(words: ClaimWords, doc: Doc, cand: Candidate) -> list[Candidate]:
    """ "said X and that Y": two claims sharing the cue, when the second clause has its own "that"."""
    start, end = cand.content
    head = root_in(doc, start, end)
    if head is None or cand.kind != "verb":
        return [cand]
    parts = []
    for conj in head.children:
        if conj.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children):
            parts.append(conj)
    if not parts:
        return [cand]
    out = []
    first_end = parts[0].left_edge.i
    out.append(cand.with_content(proposition(words, doc, start, first_end)))
    for n, conj in enumerate(parts):
        stop = parts[n + 1].left_edge.i if n + 1 < len(parts) else end
        out.append(cand.with_content(proposition(words, doc, conj.left_edge.i, stop)))
    return [c for c in out if c.content[1] - c.content[0] >= 2]
