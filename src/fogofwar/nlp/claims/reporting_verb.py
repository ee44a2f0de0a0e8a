"""A claim cued by a reporting verb: "said that ...", "is said to ...", "..., said the spokesman.",
'"You winning?" she said', "announced: ...".

One reading of the verb's parse (:class:`VerbParse`) decides three things in turn: who speaks
(the agent, the subject, or nobody the text names), who listens or is cited (the via chain), and
where the content is (the first case of ``_CONTENT_CASES`` that applies)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.claims.candidate import Candidate, TokenSpan
from fogofwar.nlp.claims.lexicon import ClaimWords
from fogofwar.nlp.claims.spans import (
    clause,
    clause_without,
    phrase,
    proposition,
    quotation_in,
    quote_at,
    quote_before,
    sentence_end,
    subject_of,
)


@dataclass
class VerbParse:
    """The parts of a reporting verb's parse the reading needs."""

    words: ClaimWords
    doc: Doc
    sent: Span
    verb: Token
    lemma: str
    children: list[Token]
    subj: Token | None
    passive_subj: Token | None
    agent: Token | None
    comp: Token | None  # the clausal complement: what is said
    xcomp: Token | None
    trailing: bool  # the subject is a phrase closing the content ("..., the Sudan Tribune reported")


def cue_span(verb: Token) -> TokenSpan:
    """The verb with the auxiliaries and particles that belong to it ("is said", "pointed out")."""
    start, end = verb.i, verb.i + 1
    for child in verb.children:
        if child.dep_ in ("auxpass", "prt") and abs(child.i - verb.i) <= 2:
            start, end = min(start, child.i), max(end, child.i + 1)
        if child.dep_ == "expl" and child.i == verb.i - 2:
            start = child.i
    return start, end


def _complement(words: ClaimWords, verb: Token, children: list[Token]) -> Token | None:
    comp = next((c for c in children if c.dep_ == "ccomp" and c.i > verb.i), None)
    comp = comp or next((c for c in children if c.dep_ == "ccomp"), None)
    if comp is None:
        # "Reuters reported, citing three people ..., that a deal was near": the parse may hang
        # the that-clause on "citing".
        for child in children:
            if child.lower_ in words.relay_words:
                comp = next((c for c in child.children if c.dep_ == "ccomp"), None) or comp
    if comp is None and verb.lemma_.lower() in words.relay_verbs:
        # "CNN cited two sources as saying that ...": the clause hangs on "as saying".
        for child in children:
            if child.dep_ == "prep" and child.lower_ == "as":
                for saying in child.children:
                    if saying.dep_ == "pcomp" and saying.lemma_.lower() in words.say_like:
                        comp = next((c for c in saying.children if c.dep_ == "ccomp"), None) or comp
    return comp


def trailing_subject(verb: Token) -> Token | None:
    """ "If talks fail, Russia could attack before winter, Ukraine's intelligence chief, Kyrylo
    Budanov, said." / "Fighters reached Kadugli, the Sudan Tribune reported.": for a verb after
    its content whose parse gives it no subject, the noun phrase between the content's last comma
    and the verb (hung on the content as an apposition) is who speaks."""
    doc = verb.doc
    j = verb.i - 1
    if j > 0 and doc[j].text == ",":
        j -= 1  # the comma closing an apposition
    if j <= 0 or doc[j].pos_ not in ("PROPN", "NOUN"):
        return None
    tok = doc[j]
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
        tok = tok.head
    while tok.dep_ == "appos" and tok.head.dep_ == "appos" and tok.head.i < tok.i:
        tok = tok.head  # "the chief, Kyrylo Budanov": the outer apposition
    start = tok.left_edge.i
    if tok.dep_ != "appos" or start < 1 or doc[start - 1].text != "," or tok.head.i >= start:
        return None
    return tok


def _subject(verb: Token, children: list[Token], comp: Token | None) -> Token | None:
    subj = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp") and subj is None:
        # "..., saying that ...", "he said, adding that ...": the subject is the head's.
        subj = subject_of(verb.head)
    if subj is None and verb.dep_ in ("ROOT", "conj"):
        subj = trailing_subject(verb)
    if subj is None and verb.dep_ == "conj":
        subj = subject_of(verb.head)
    if subj is None and comp is not None and comp.i < verb.i:
        # Inverted after the content: "..., suggested one of the sources." (parsed as an object)
        subj = next((c for c in children if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod")), None)
    return subj


def _speaker_closes_content(verb: Token, subj: Token | None, comp: Token | None) -> bool:
    """ "Fighters reached Kadugli, the Sudan Tribune reported": the subject stands after the
    content, hung on it as an apposition, or as the subject of a verb conjoined to the content's
    verb after a comma."""
    if subj is None:
        return False
    if subj.dep_ == "appos":
        return subj.i < verb.i
    start = subj.left_edge.i
    return (
        verb.dep_ == "conj"
        and comp is None
        and subj.dep_ == "nsubj"
        and verb.head.i < start
        and start > 0
        and verb.doc[start - 1].text == ","
    )


def parse_verb(words: ClaimWords, doc: Doc, sent: Span, verb: Token) -> VerbParse:
    children = list(verb.children)
    comp = _complement(words, verb, children)
    subj = _subject(verb, children, comp)
    return VerbParse(
        words=words,
        doc=doc,
        sent=sent,
        verb=verb,
        lemma=verb.lemma_.lower(),
        children=children,
        subj=subj,
        passive_subj=next((c for c in children if c.dep_ == "nsubjpass"), None),
        agent=next((c for c in children if c.dep_ == "agent"), None),
        comp=comp,
        xcomp=next((c for c in children if c.dep_ in ("xcomp", "oprd")), None),
        trailing=_speaker_closes_content(verb, subj, comp),
    )


def _set_speaker(p: VerbParse, cand: Candidate) -> bool:
    """The agent or the subject speaks; a passive or "it is ..." with no agent speaks for nobody
    the text names, and only with a passive cue. False when the verb cues no claim."""
    subj = p.subj
    if p.agent is not None:
        pobj = next((c for c in p.agent.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            cand.speaker = phrase(pobj)
    elif subj is not None and subj.dep_ != "expl" and (subj.lower_ != "it" or p.passive_subj is None):
        cand.speaker = phrase(subj)
    elif p.passive_subj is not None or (subj is not None and subj.lower_ == "it"):
        if p.lemma not in p.words.passive:
            return False
        cand.unstated = True
        cand.kind = "passive"
    return True


def _add_listeners(p: VerbParse, cand: Candidate) -> None:
    """ "told Reuters", "said to X", "citing X": who stands between the speaker and the article."""
    for child in p.children:
        listener = child.dep_ in ("dative", "dobj") and child.i > p.verb.i
        if listener and p.lemma in p.words.listener_verbs:
            # "told Reuters", "told reporters": the listener, an outlet goes into via.
            cand.via_tokens.append(phrase(child))
        if child.dep_ == "prep" and child.lower_ in p.words.listener_prepositions and p.lemma != "accord":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                cand.via_tokens.append(phrase(pobj))
        if child.lower_ in p.words.relay_words:
            # "..., citing X" / "..., quoting X": the speaker relays X.
            obj = next((c for c in child.children if c.dep_ in ("dobj", "pobj")), None)
            if obj is not None:
                cand.cited = phrase(obj)
        if (
            child.dep_ == "dobj"
            and p.lemma in p.words.relay_verbs
            and any(c.dep_ == "prep" and c.lower_ == "as" for c in p.children)
        ):
            cand.cited = phrase(child)  # "CNN cited two sources as saying ...": the sources speak


# ---------------------------------------------------------------------- where the content is
# Each case: (applies, content). The first case that applies decides; a content of None means
# the verb cues no claim.


def _has_clause(p: VerbParse, cand: Candidate) -> bool:
    return p.comp is not None


def _clause_content(p: VerbParse, cand: Candidate) -> TokenSpan | None:
    assert p.comp is not None
    return clause(p.words, p.comp)


def _has_infinitive(p: VerbParse, cand: Candidate) -> bool:
    # "is said to have captured", "were reported killed", "claims to have downed".
    return p.xcomp is not None and (p.passive_subj is not None or p.lemma in p.words.infinitive_claim_verbs)


def _infinitive_content(p: VerbParse, cand: Candidate) -> TokenSpan | None:
    assert p.xcomp is not None
    if p.passive_subj is not None:
        start = min(p.passive_subj.left_edge.i, p.verb.i)
        return start, p.xcomp.right_edge.i + 1
    return clause(p.words, p.xcomp)


def _interrupts(p: VerbParse, cand: Candidate) -> bool:
    # "The move was likely, the sources said." / "But, he said, officials should ..."
    verb = p.verb
    return (
        (verb.dep_ in ("ccomp", "parataxis") or (verb.dep_ == "advcl" and verb.head.i > verb.i))
        and verb.head.pos_ in ("VERB", "AUX")
        and (cand.speaker is not None and verb.head.i != verb.i and p.lemma in p.words.say_like)
    )


def _interrupted_content(p: VerbParse, cand: Candidate) -> TokenSpan | None:
    return clause_without(p.words, p.verb.head, p.verb)


def _is_inverted(p: VerbParse, cand: Candidate) -> bool:
    # Inverted: "..., said the spokesman." parsed with the content as a ccomp elsewhere.
    return p.verb.dep_ == "ROOT" and cand.speaker is not None and p.subj is not None and p.subj.i > p.verb.i


def _inverted_content(p: VerbParse, cand: Candidate) -> TokenSpan | None:
    content = [c for c in p.children if c.dep_ in ("ccomp", "parataxis") and c.i < p.verb.i]
    return clause(p.words, content[0]) if content else None


def _is_trailing(p: VerbParse, cand: Candidate) -> bool:
    return p.trailing


def _content_before_speaker(p: VerbParse, cand: Candidate) -> TokenSpan | None:
    """ "Fighters reached Kadugli, the Sudan Tribune reported": what precedes the speaker."""
    assert p.subj is not None
    return proposition(p.words, p.doc, p.sent.start, p.subj.left_edge.i)


def _always(p: VerbParse, cand: Candidate) -> bool:
    return True


def _quoted_content(p: VerbParse, cand: Candidate) -> TokenSpan | None:
    doc = p.doc
    content = quote_or_colon(p.words, doc, p.sent, p.verb)
    if content == (0, 0) and cand.speaker is not None:
        # '"You winning?" she said': the quotation closes just before the speaker.
        j = min(cand.speaker[0], p.verb.i) - 1
        while j >= 0 and doc[j].text in (",", "—", "–"):
            j -= 1
        if j >= 0 and doc[j].text in ("”", '"', "''", "’"):
            content = quote_before(p.words, doc, j + 1)
    return content


_ContentCase = tuple[
    Callable[[VerbParse, Candidate], bool], Callable[[VerbParse, Candidate], TokenSpan | None]
]
_CONTENT_CASES: tuple[_ContentCase, ...] = (
    (_has_clause, _clause_content),
    (_has_infinitive, _infinitive_content),
    (_interrupts, _interrupted_content),
    (_is_inverted, _inverted_content),
    (_is_trailing, _content_before_speaker),
    (_always, _quoted_content),
)


def quote_or_colon(words: ClaimWords, doc: Doc, sent: Span, verb: Token) -> TokenSpan:
    """Content with no clause in the parse: a quotation right after the verb (possibly over
    several sentences), after a colon, the quotation in the sentence, or a quotation just
    before a sentence that opens with the speaker and the verb ('"You winning?" she said.')."""
    after = verb.i + 1
    while after < sent.end and doc[after].dep_ in ("advmod", "npadvmod", "prep", "pobj", "det"):
        after += 1
    if after < len(doc) and doc[after].text in (":", ","):
        following = quote_at(words, doc, after + 1)
        if following is not None:
            return following
    if after < len(doc) and doc[after].text == ":":
        end = sent.end if sent.end > after + 2 else sentence_end(doc, after + 1)
        return proposition(words, doc, after + 1, end)
    quote = quotation_in(words, sent)
    if quote is not None and not (quote[0] <= verb.i < quote[1]):
        return quote
    if verb.i - sent.start <= 3 and sent.start > 0 and doc[sent.start - 1].text in ("”", '"', "’"):
        return quote_before(words, doc, sent.start)
    return 0, 0


def read_reporting_verb(words: ClaimWords, doc: Doc, sent: Span, verb: Token) -> Candidate | None:
    """The claim a reporting verb cues, or None when its parse gives no speaker or no content."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return None  # "a report published on Monday": a participle naming a document, no saying
    p = parse_verb(words, doc, sent, verb)
    cand = Candidate(content=(0, 0), cue=cue_span(verb))
    if not _set_speaker(p, cand):
        return None
    _add_listeners(p, cand)
    applies, read = next(case for case in _CONTENT_CASES if case[0](p, cand))
    content = read(p, cand)
    if content is None:
        return None
    if p.trailing and cand.speaker is not None and content[0] < cand.speaker[0] < content[1]:
        # The parse hangs the speaker on the content's last noun: the content stops before it.
        content = proposition(words, doc, content[0], cand.speaker[0])
    cand.content = content
    interrupting = applies is _interrupts
    if cand.content[1] - cand.content[0] < 2:
        return None
    if cand.speaker is None and not cand.unstated:
        return None
    if cand.speaker is not None and cand.content[0] <= cand.speaker[0] < cand.content[1] and not interrupting:
        return None
    return cand
