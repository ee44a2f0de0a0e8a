"""Token spans read off spaCy's dependency parse: clauses, phrases, quotations, the bare proposition.

Shared by the detection rules (what a claim says) and the speaker rules (who says it)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.claims.candidate import TokenSpan
from fogofwar.nlp.claims.lexicon import ClaimWords
from fogofwar.nlp.doctext import doc_text

QUOTES = "\"“”'‘’"


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it hangs from ("..., saying that ...")."""
    seen = 0
    while seen < 4:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return verb.head  # "a posting saying that ...": the posting says it
        if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "for saying that ...", "after saying ...": the doer of the head
            seen += 1
            continue
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def phrase(tok: Token) -> TokenSpan:
    """The subtree of `tok` as a span."""
    return tok.left_edge.i, tok.right_edge.i + 1


def mention(words: ClaimWords, doc: Doc, span: TokenSpan) -> TokenSpan:
    """The speaker's mention: the phrase up to its first comma, relative clause or long modifier."""
    start, end = span
    for i in range(start + 1, end):
        tok = doc[i]
        if (
            tok.text in (",", "(", "—", "–")
            or tok.dep_ in ("relcl",)
            or tok.lower_ in words.relative_pronouns
        ):
            end = i
            break
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def clause(words: ClaimWords, head: Token) -> TokenSpan:
    """The subtree of a clause's head, from its "that" on when the parse hangs framing words
    ("citing three sources, that ...") in front of it."""
    start = head.left_edge.i
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is not None and mark.i > start:
        start = mark.i + 1
    return proposition(words, head.doc, start, head.right_edge.i + 1)


def proposition(words: ClaimWords, doc: Doc, start: int, end: int) -> TokenSpan:
    """The span without what is not the proposition at either end: "that", commas, the final
    full stop, a closing quotation mark whose opening one is outside."""
    while start < end and (doc[start].lower_ in words.clause_openers or doc[start].is_space):
        if doc[start].lower_ == "to" and start + 1 < end and doc[start + 1].tag_ != "VB":
            break
        start += 1
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in QUOTES)
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in words.clause_closers
    ):
        end -= 1
    unbalanced = sum(1 for t in doc[start:end] if t.text in QUOTES) % 2
    if end > start and doc[end - 1].text in QUOTES and doc[start].text not in QUOTES and unbalanced:
        end -= 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
    return start, end


def clause_without(words: ClaimWords, head: Token, cut: Token) -> TokenSpan:
    """The clause of `head` without the subtree of `cut` (a cue clause before or after it)."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    cs, ce = cut.left_edge.i, cut.right_edge.i + 1
    if ce >= end:
        return proposition(words, doc, start, cs)
    if cs <= start:
        return proposition(words, doc, ce, end)
    return proposition(words, doc, start, end)


def sentence_without(words: ClaimWords, doc: Doc, sent: Span, cut: TokenSpan) -> TokenSpan:
    """The sentence without the cue phrase `cut`: the part before or after it, the longer one
    when the cue stands in the middle."""
    cs, ce = cut
    if cs - sent.start <= 1:
        return proposition(words, doc, ce, sent.end)
    if sent.end - ce <= 2:
        return proposition(words, doc, sent.start, cs)
    before, after = proposition(words, doc, sent.start, cs), proposition(words, doc, ce, sent.end)
    return after if after[1] - after[0] > before[1] - before[0] else before


def sentence_end(doc: Doc, i: int) -> int:
    if i >= len(doc):
        return len(doc)
    return doc[i].sent.end


def quotation_in(words: ClaimWords, sent: Span) -> TokenSpan | None:
    """What stands between the first and the last double quotation mark of the sentence."""
    marks = [t.i for t in sent if t.text in ('"', "“", "”")]
    if len(marks) >= 2:
        return proposition(words, sent.doc, marks[0] + 1, marks[-1])
    return None


def quote_at(words: ClaimWords, doc: Doc, i: int) -> TokenSpan | None:
    """The quotation that opens at token `i` (“ or "), up to its closing mark, across sentences."""
    if i >= len(doc) or doc[i].text not in ("“", '"', "``"):
        return None
    close = doc_text(doc).find("”" if doc[i].text == "“" else '"', doc[i].idx + 1)
    if close < 0 or close - doc[i].idx > 3000:
        return None
    span = doc.char_span(doc[i].idx + 1, close, alignment_mode="contract")
    if span is None or len(span) < 2:
        return None
    return proposition(words, doc, span.start, span.end)


def quote_before(words: ClaimWords, doc: Doc, i: int) -> TokenSpan:
    """The quotation that closes just before token `i`; (0, 0) when there is none."""
    end_char = doc[i - 1].idx
    mark = doc[i - 1].text
    opener = {"”": "“", "’": "‘", "''": "``"}.get(mark, mark)
    if opener == "``" and doc_text(doc).rfind(opener, 0, end_char) < 0:
        opener = "''"
    start_char = doc_text(doc).rfind(opener, 0, end_char)
    if start_char < 0 or end_char - start_char > 3000:
        return 0, 0
    span = doc.char_span(start_char + 1, end_char, alignment_mode="contract")
    if span is None:
        return 0, 0
    return proposition(words, doc, span.start, span.end)


def quoted_tokens(doc: Doc) -> set[int]:
    """Indexes of the tokens between paired quotation marks (curly pairs, or straight ones in turn)."""
    inside: set[int] = set()
    opened: int | None = None
    for tok in doc:
        mark = tok.text
        if mark in ("“", "``") or (mark == '"' and opened is None):
            opened = tok.i
        elif mark in ("”", "''") or (mark == '"' and opened is not None):
            if opened is not None:
                inside.update(range(opened + 1, tok.i))
            opened = None
        elif tok.is_sent_start and tok.i > 0 and doc[tok.i - 1].text == "\n\n":
            opened = None  # a quotation does not run over a paragraph break unclosed
    return inside


def root_in(doc: Doc, start: int, end: int) -> Token | None:
    """The first token of the span whose head lies outside it: the span's syntactic head."""
    if end <= start:
        return None
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return doc[start]


def overlap(a: TokenSpan, b: TokenSpan) -> float:
    """The share of the shorter span that the two have in common."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))
