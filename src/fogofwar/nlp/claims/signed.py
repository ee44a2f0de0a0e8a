"""Claims the text signs rather than cues with a word in the parse: a quotation signed with a
dash (“...” ― Name), a line "NAME: what they said", and "(Source: X)" after a sentence."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from fogofwar.nlp.claims.candidate import Candidate
from fogofwar.nlp.claims.lexicon import ClaimWords
from fogofwar.nlp.claims.spans import proposition, quote_before
from fogofwar.nlp.doctext import doc_text


@lru_cache(maxsize=8)
def _signature_patterns(particles: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A quotation signed with a dash (“...” ― Name), and a line "NAME: what they said"
    (transcripts, headlines such as "Pence: Flowers won't attend")."""
    name = r"[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|" + "|".join(re.escape(p) for p in particles) + r"))*"
    dash_signed = re.compile(r"[”\"][ \t]*[―—–][ \t]*(?P<name>" + name + r")")
    name_colon = re.compile(
        r"(?m)^[ \t]*[\"“]?(?P<name>" + name + r")[ \t]*:[ \t]+(?P<content>[^\n]{12,}?)[ \t]*$"
    )
    return dash_signed, name_colon


def dash_signed_quotations(words: ClaimWords, doc: Doc) -> list[Candidate]:
    """“...” ― Name: the quotation is Name's."""
    found = []
    for m in _signature_patterns(words.name_particles)[0].finditer(doc_text(doc)):
        name = doc.char_span(*m.span("name"), alignment_mode="expand")
        closing = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if name is None or closing is None:
            continue
        content = quote_before(words, doc, closing.start + 1)
        dash = doc.char_span(m.start() + 1, m.start("name"), alignment_mode="expand")
        if content[1] - content[0] >= 2 and dash is not None:
            found.append(
                Candidate(
                    content=content, cue=(dash.start, dash.end), speaker=(name.start, name.end), kind="signed"
                )
            )
    return found


def name_colon_lines(words: ClaimWords, doc: Doc) -> list[Candidate]:
    """ "NAME: text" lines whose NAME is a person, body or document (not a label such as "Photo")."""
    found = []
    for m in _signature_patterns(words.name_particles)[1].finditer(doc_text(doc)):
        label = m["name"]
        if label.split()[0].lower() in words.line_labels:
            continue
        name = doc.char_span(*m.span("name"), alignment_mode="expand")
        body = doc.char_span(*m.span("content"), alignment_mode="expand")
        if name is None or body is None:
            continue
        if not (label.isupper() or any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in name)) and (
            name.root.lemma_.lower() not in words.documents
        ):
            continue
        colon = doc.char_span(m.end("name"), m.start("content"), alignment_mode="expand")
        if colon is None:
            continue
        content = proposition(words, doc, body.start, body.end)
        if content[1] - content[0] >= 2:
            found.append(
                Candidate(
                    content=content,
                    cue=(colon.start, colon.end),
                    speaker=(name.start, name.end),
                    kind="signed",
                )
            )
    return found


def source_parens(words: ClaimWords, doc: Doc) -> list[Candidate]:
    """ "(Source: X)" after a sentence: the sentence is X's claim."""
    found = []
    for _name, start, end, cue in doc._.cites or []:
        if cue != "Source:":
            continue
        open_at = doc_text(doc).rfind("(", 0, start)
        if open_at < 0 or doc_text(doc)[open_at:start].count("\n") or start - open_at > 12:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        paren = doc.char_span(open_at, open_at + 1, alignment_mode="expand")
        if span is None or paren is None:
            continue
        sent = doc[paren.start].sent
        first = sent.start
        if paren.start - first < 3 and first > 0:
            sent = doc[first - 1].sent
            first = sent.start
        content = proposition(words, doc, first, paren.start)
        if content[1] - content[0] >= 2:
            found.append(
                Candidate(content=content, cue=(paren.start, span.start), speaker=(span.start, span.end))
            )
    return found
