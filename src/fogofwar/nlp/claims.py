"""The `fogofwar_claims` component: who says what, through whom, how sure, and what they predict.

Writes ``doc._.claims``: a list of dicts with the fields of :class:`fogofwar.model.Claim` (the
speaker as a dict with the fields of :class:`fogofwar.model.Speaker`), and sets ``claim`` on every
figure of ``doc._.figures`` whose span lies inside a claim's content.

How a claim is found, on spaCy's dependency parse (one pass over the tokens of each sentence):

* a reporting verb (``knowledge/claims.json``: report_verbs) with a clausal complement ("said
  that ...", "believe Ukraine may ...", "claims to have ..."), or placed after its content ("...,
  suggested one of the sources."), or before a colon or a quotation;
* "expressed hope that ...": an object verb whose stance noun carries a that-clause;
* "according to X" and "citing X" (the rest of the clause is the content);
* passives with no agent ("were reported killed", "is said to", "it is estimated that") and
  attributing adverbs ("reportedly"): claims whose speaker the text does not state;
* "(Source: X)" after a sentence, from the cites component.

The speaker is the reporting verb's subject (or the agent, or X), typed from the lexicon: a named
person (with role and affiliation from the words around the name), a government (ministries, "the
Pentagon", "Moscow"), the military, an organisation, an outlet, or an anonymous source with what the
text says of it ("two US officials": affiliation US). "He", "the official", "the ministry", "one of
the sources" and "the publication" resolve to the earlier speaker they point back to. ``via`` is
the chain of outlets between the article and the speaker, nearest first: a "Source: X" line, then
the outlets the sentence cites outside the content ("according to a report by X", "citing X", "told
X"), then what the resolved speaker came through. Hedges are the weakening words of the cue and the
content; a forecast is content with a modal of the future (or going to / expected to ...), its
window ending where a deadline from ``doc._.times`` inside the content says ("by spring 2025").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from fogofwar.knowledge import claims_lexicon, outlets
from fogofwar.nlp.doctext import doc_text
from fogofwar.timecode import add, parse_day, season_start

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_GROUP = frozenset({"they", "them", "it", "we", "i"})
# Words that open a definite back-reference ("the official", "this agency").
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
CONTENT_EDGE = frozenset({"that", "whether", "if", ",", ";", ":", "-", "—", "–", "and", "but", "to"})
QUOTES = "\"“”'‘’"
_NAME = r"[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|de|van|von|al|bin))*"
# A quotation signed with a dash: “...” ― Name.
_DASH_SIGNED = re.compile(r"[”\"][ \t]*[―—–][ \t]*(?P<name>" + _NAME + r")")
# A line "NAME: what they said" (transcripts, headlines such as "Pence: Flowers won't attend").
_NAME_COLON = re.compile(
    r"(?m)^[ \t]*[\"“]?(?P<name>" + _NAME + r")[ \t]*:[ \t]+(?P<content>[^\n]{12,}?)[ \t]*$"
)


def _words(section: str, key: str = "words") -> frozenset[str]:
    return frozenset(w.lower() for w in claims_lexicon()[section][key])


@dataclass
class _Candidate:
    """A claim before resolution: token spans in the Doc (end exclusive)."""

    content: tuple[int, int]
    cue: tuple[int, int]
    speaker: tuple[int, int] | None = None  # the subject phrase, when the text states one
    unstated: bool = False  # passive with no agent, "reportedly": no speaker in the text
    via_tokens: list[tuple[int, int]] = field(default_factory=list)  # "told Reuters", "citing X"
    cited: tuple[int, int] | None = None  # "citing three sources": who the speaker relays
    kind: str = "verb"  # verb|according|citing|adverb|passive|source


class ClaimsFinder:
    """Finds attributed claims in a Doc; built by the registered factory."""

    def __init__(self, nlp: Language) -> None:
        lex = claims_lexicon()
        self.report = _words("report_verbs")
        # Verbs of saying proper: only these take a clause they interrupt ("But, he said, ...").
        self.say_like = _words("say_verbs")
        self.line_labels = _words("line_labels")
        self.stance_verbs = _words("stance_verbs")
        self.claim_nouns = _words("claim_nouns")
        self.object_verbs = _words("object_verbs")
        self.stance = _words("stance_nouns")
        self.passive = _words("passive_cues")
        self.adverbs = _words("adverb_cues")
        self.documents = _words("document_nouns")
        self.anonymous = _words("anonymous_nouns")
        self.anonymity = tuple(_words("anonymity_phrases"))
        self.government = _words("government_nouns")
        self.military = _words("military_nouns")
        self.organisation = _words("organisation_nouns")
        self.roles = _words("role_nouns")
        self.resolving = _words("resolving_nouns")
        self.outlet_nouns = _words("outlet_nouns")
        self.state_heads = _words("state_heads")
        self.military_modifiers = _words("military_modifiers")
        self.hedge_modals = _words("hedges", "modals")
        self.hedge_words = _words("hedges")
        self.future_modals = _words("forecast", "modals")
        self.future_heads = _words("forecast", "future_heads")
        self.future_cues = _words("forecast", "cues")
        self.capitals = frozenset(lex["capitals"]["names"])
        self.country_of: dict[str, str] = {}
        for code, names in lex["countries"]["codes"].items():
            for name in names:
                self.country_of[name] = code
        self.body_of: dict[str, tuple[str, str, str | None]] = {}  # form -> (name, kind, affiliation)
        for item in lex["bodies"]["items"]:
            for form in item["names"]:
                self.body_of[form] = (item["names"][0], item["kind"], item["affiliation"])
        self.outlet_of: dict[str, str] = {}
        for outlet in outlets():
            for form in (outlet.name, *outlet.aliases):
                self.outlet_of[form] = outlet.name
                if form.startswith("The "):
                    self.outlet_of[form[4:]] = outlet.name
        # One matcher for every name we look up inside speaker phrases, run once per Doc.
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.names.add("COUNTRY", [nlp.make_doc(n) for n in self.country_of])
        self.names.add("BODY", [nlp.make_doc(n) for n in self.body_of])
        self.names.add("OUTLET", [nlp.make_doc(n) for n in self.outlet_of])
        self.hedge_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.hedge_phrases.add("HEDGE", [nlp.make_doc(p) for p in lex["hedges"]["phrases"]])

    # ------------------------------------------------------------------ the pass over a Doc

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            doc._.claims = []
            return doc
        names = self._names(doc)
        candidates: list[_Candidate] = []
        for sent in doc.sents:
            candidates.extend(self._sentence(doc, sent))
        candidates.extend(self._source_parens(doc))
        candidates.extend(self._signed(doc))
        candidates = _resolve_overlaps(doc, candidates, names)
        doc._.claims = self._claims(doc, candidates, names)
        figures = doc._.figures
        if figures:
            for figure in figures:
                for claim in doc._.claims:
                    if claim["start"] <= figure["start"] and figure["end"] <= claim["end"]:
                        figure["claim"] = claim["id"]
                        break
        return doc

    def _names(self, doc: Doc) -> dict[int, tuple[str, int, int, str]]:
        """Token index -> (label, start, end, text) of the longest country/body/outlet name on it."""
        found: dict[int, tuple[str, int, int, str]] = {}
        matches = sorted(self.names(doc), key=lambda m: -(m[2] - m[1]))
        for match_id, s, e in matches:
            if any(i in found for i in range(s, e)):
                continue
            label = doc.vocab.strings[match_id]
            for i in range(s, e):
                found[i] = (label, s, e, doc[s:e].text)
        return found

    # ------------------------------------------------------------------ cues in a sentence

    def _sentence(self, doc: Doc, sent: Span) -> list[_Candidate]:
        found: list[_Candidate] = []
        for tok in sent:
            lower, lemma = tok.lower_, tok.lemma_.lower()
            if lower == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                cand = self._according(doc, sent, tok)
            elif lower == "citing" and not any(self._is_cue_verb(t) for t in sent):
                cand = self._citing(doc, sent, tok)
            elif lower in self.adverbs:
                cand = self._adverb(doc, sent, tok)
            elif tok.pos_ in ("VERB", "AUX") and lemma in self.report:
                cand = self._verb(doc, sent, tok)
                if cand is None and lemma in self.stance_verbs:
                    cand = self._object_claim(doc, tok)
            elif lower == "citing":
                cand = None  # a source for another cue in the sentence, attached below
            elif tok.pos_ == "VERB" and lemma in self.stance_verbs:
                cand = self._object_claim(doc, tok)
            elif tok.pos_ == "VERB" and lemma in self.object_verbs:
                cand = self._stance(doc, tok)
            else:
                cand = None
            if cand is not None:
                found.extend(self._split_conjoined(doc, cand))
        # "Reuters reported, citing three sources, that ...": the parse may hang "citing" on the
        # content clause; it belongs to the reporting verb whose content it is not part of.
        for tok in sent:
            if tok.lower_ != "citing":
                continue
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
            for cand in found:
                outside = not (cand.content[0] <= tok.i < cand.content[1])
                if cand.kind == "verb" and cand.cited is None and obj is not None and outside:
                    cand.cited = _phrase(obj)
                    break
        return found

    def _is_cue_verb(self, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.report

    def _verb(self, doc: Doc, sent: Span, verb: Token) -> _Candidate | None:
        children = list(verb.children)
        subj = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
        passive_subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        comp = next((c for c in children if c.dep_ == "ccomp" and c.i > verb.i), None)
        comp = comp or next((c for c in children if c.dep_ == "ccomp"), None)
        if comp is None:
            # "Reuters reported, citing three people ..., that a deal was near": the parse may hang
            # the that-clause on "citing".
            for child in children:
                if child.lower_ in ("citing", "quoting"):
                    comp = next((c for c in child.children if c.dep_ == "ccomp"), None) or comp
        xcomp = next((c for c in children if c.dep_ in ("xcomp", "oprd")), None)
        if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp") and subj is None:
            # "..., saying that ...", "he said, adding that ...": the subject is the head's.
            subj = _subject_of(verb.head)
        if subj is None and verb.dep_ == "conj":
            subj = _subject_of(verb.head)
        if subj is None and comp is not None and comp.i < verb.i:
            # Inverted after the content: "..., suggested one of the sources." (parsed as an object)
            subj = next(
                (c for c in children if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod")), None
            )
        cue = self._cue_span(verb)
        cand = _Candidate(content=(0, 0), cue=cue)
        interrupting = False
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                cand.speaker = _phrase(pobj)
        elif subj is not None and subj.dep_ != "expl" and (subj.lower_ != "it" or passive_subj is None):
            cand.speaker = _phrase(subj)
        elif passive_subj is not None or (subj is not None and subj.lower_ == "it"):
            if verb.lemma_.lower() not in self.passive:
                return None
            cand.unstated = True
            cand.kind = "passive"
        for child in children:
            listener = child.dep_ in ("dative", "dobj") and child.i > verb.i
            if listener and verb.lemma_.lower() in ("tell", "inform", "brief"):
                # "told Reuters", "told reporters": the listener, an outlet goes into via.
                cand.via_tokens.append(_phrase(child))
            if child.dep_ == "prep" and child.lower_ in ("to", "with") and verb.lemma_.lower() != "accord":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    cand.via_tokens.append(_phrase(pobj))
            if child.lower_ == "citing":
                obj = next((c for c in child.children if c.dep_ in ("dobj", "pobj")), None)
                if obj is not None:
                    cand.cited = _phrase(obj)
        if comp is not None:
            cand.content = _clause(comp)
        elif xcomp is not None and (
            passive_subj is not None or verb.lemma_.lower() in ("claim", "allege", "deny", "admit")
        ):
            # "is said to have captured", "were reported killed", "claims to have downed".
            if passive_subj is not None:
                start = min(passive_subj.left_edge.i, verb.i)
                cand.content = (start, xcomp.right_edge.i + 1)
            else:
                cand.content = _clause(xcomp)
        elif (
            (verb.dep_ in ("ccomp", "parataxis") or (verb.dep_ == "advcl" and verb.head.i > verb.i))
            and verb.head.pos_ in ("VERB", "AUX")
            and (cand.speaker is not None and verb.head.i != verb.i and verb.lemma_.lower() in self.say_like)
        ):
            # "The move was likely, the sources said." / "But, he said, officials should ..."
            cand.content = _minus(verb.head, verb)
            interrupting = True
        elif verb.dep_ == "ROOT" and cand.speaker is not None and subj is not None and subj.i > verb.i:
            # Inverted: "..., said the spokesman." parsed with the content as a ccomp elsewhere.
            content = [c for c in children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
            if not content:
                return None
            cand.content = _clause(content[0])
        else:
            cand.content = self._quote_or_colon(doc, sent, verb)
            if cand.content == (0, 0) and cand.speaker is not None:
                # '"You winning?" she said': the quotation closes just before the speaker.
                j = min(cand.speaker[0], verb.i) - 1
                while j >= 0 and doc[j].text in (",", "—", "–"):
                    j -= 1
                if j >= 0 and doc[j].text in ("”", '"', "''", "’"):
                    cand.content = _quote_before(doc, j + 1)
        if cand.content[1] - cand.content[0] < 2:
            return None
        if cand.speaker is None and not cand.unstated:
            return None
        if (
            cand.speaker is not None
            and cand.content[0] <= cand.speaker[0] < cand.content[1]
            and not interrupting
        ):
            return None
        return cand

    def _cue_span(self, verb: Token) -> tuple[int, int]:
        """The verb with the auxiliaries and particles that belong to it ("is said", "pointed out")."""
        start, end = verb.i, verb.i + 1
        for child in verb.children:
            if child.dep_ in ("auxpass", "prt") and abs(child.i - verb.i) <= 2:
                start, end = min(start, child.i), max(end, child.i + 1)
            if child.dep_ == "expl" and child.i == verb.i - 2:
                start = child.i
        return start, end

    def _quote_or_colon(self, doc: Doc, sent: Span, verb: Token) -> tuple[int, int]:
        """Content with no clause in the parse: a quotation right after the verb (possibly over
        several sentences), after a colon, the quotation in the sentence, or a quotation just
        before a sentence that opens with the speaker and the verb ('"You winning?" she said.')."""
        after = verb.i + 1
        while after < sent.end and doc[after].dep_ in ("advmod", "npadvmod", "prep", "pobj", "det"):
            after += 1
        if after < len(doc) and doc[after].text in (":", ","):
            following = _quote_at(doc, after + 1)
            if following is not None:
                return following
        if after < len(doc) and doc[after].text == ":":
            end = sent.end if sent.end > after + 2 else _sentence_end(doc, after + 1)
            return _trim(doc, after + 1, end)
        quote = _quotation(sent)
        if quote is not None and not (quote[0] <= verb.i < quote[1]):
            return quote
        if verb.i - sent.start <= 3 and sent.start > 0 and doc[sent.start - 1].text in ("”", '"', "’"):
            return _quote_before(doc, sent.start)
        return 0, 0

    def _object_claim(self, doc: Doc, verb: Token) -> _Candidate | None:
        """A stand taken on what the object names: "called for a ceasefire", "rejected a request
        from Democrats", "wants a deal". The speaker must be stated and be somebody."""
        subj = _subject_of(verb)
        if subj is None or subj.dep_ == "expl" or not self._somebody(subj):
            return None
        content: Token | None = None
        for child in verb.children:
            if child.dep_ in ("dobj", "xcomp", "ccomp", "oprd") and child.i > verb.i:
                content = child
                break
            if (
                child.dep_ == "prep"
                and child.i > verb.i
                and child.lower_ in ("for", "on", "about", "against", "with", "to")
            ):
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    content = child
                    break
        if (
            content is None
            or content.lemma_.lower() in self.claim_nouns
            or content.lower_ in self.claim_nouns
        ):
            return None
        start = content.left_edge.i
        # "called them 'losers'", "described Trump as a con artist": the complement belongs to it.
        tails = [
            c.right_edge.i
            for c in verb.children
            if c.i > content.i and (c.dep_ == "oprd" or c.lower_ == "as")
        ]
        end = max([content.right_edge.i, *tails]) + 1
        span = _trim(doc, start, end)
        if span[1] - span[0] < 1 or (span[1] - span[0] == 1 and doc[span[0]].pos_ == "PRON"):
            return None
        return _Candidate(content=span, cue=self._cue_span(verb), speaker=_phrase(subj), kind="stance")

    def _somebody(self, tok: Token) -> bool:
        """Whether a subject can hold a view: a person, body, group or document, not a thing."""
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ == "PRON":
            return lower in PRONOUNS_PERSON or lower in ("they", "we", "i", "you", "who")
        return (
            lemma in self.anonymous
            or lemma in self.government
            or lemma in self.military
            or (lemma in self.organisation or lemma in self.roles or lemma in self.documents)
            or tok.pos_ == "PROPN"
        )

    def _stance(self, doc: Doc, verb: Token) -> _Candidate | None:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in self.stance:
            return None
        clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
        if clause is None:
            return None
        subj = _subject_of(verb)
        if subj is None:
            return None
        return _Candidate(content=_clause(clause), cue=(verb.i, obj.i + 1), speaker=_phrase(subj))

    def _according(self, doc: Doc, sent: Span, tok: Token) -> _Candidate | None:
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        phrase_end = max(pobj.right_edge.i, to.i) + 1
        content = _sentence_minus(doc, sent, (tok.i, phrase_end))
        if content[1] - content[0] < 2:
            return None
        return _Candidate(content=content, cue=(tok.i, to.i + 1), speaker=_phrase(pobj), kind="according")

    def _citing(self, doc: Doc, sent: Span, tok: Token) -> _Candidate | None:
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
        if obj is None:
            return None
        content = _sentence_minus(doc, sent, (tok.left_edge.i, tok.right_edge.i + 1))
        if content[1] - content[0] < 2:
            return None
        return _Candidate(content=content, cue=(tok.i, tok.i + 1), speaker=_phrase(obj), kind="citing")

    def _adverb(self, doc: Doc, sent: Span, tok: Token) -> _Candidate | None:
        head = tok.head
        while head.dep_ in ("aux", "auxpass") and head.head is not head:
            head = head.head
        content = _clause(head) if head.i != tok.i else (sent.start, sent.end)
        return _Candidate(content=content, cue=(tok.i, tok.i + 1), unstated=True, kind="adverb")

    def _signed(self, doc: Doc) -> list[_Candidate]:
        """Quotations signed with a dash and "NAME: ..." lines: the text says who, with no verb."""
        found = []
        for m in _DASH_SIGNED.finditer(doc_text(doc)):
            name = doc.char_span(*m.span("name"), alignment_mode="expand")
            closing = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
            if name is None or closing is None:
                continue
            content = _quote_before(doc, closing.start + 1)
            dash = doc.char_span(m.start() + 1, m.start("name"), alignment_mode="expand")
            if content[1] - content[0] >= 2 and dash is not None:
                found.append(
                    _Candidate(
                        content=content,
                        cue=(dash.start, dash.end),
                        speaker=(name.start, name.end),
                        kind="signed",
                    )
                )
        for m in _NAME_COLON.finditer(doc_text(doc)):
            label = m["name"]
            if label.split()[0].lower() in self.line_labels:
                continue
            name = doc.char_span(*m.span("name"), alignment_mode="expand")
            body = doc.char_span(*m.span("content"), alignment_mode="expand")
            if name is None or body is None:
                continue
            if not (
                label.isupper() or any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in name)
            ) and (name.root.lemma_.lower() not in self.documents):
                continue
            colon = doc.char_span(m.end("name"), m.start("content"), alignment_mode="expand")
            if colon is None:
                continue
            content = _trim(doc, body.start, body.end)
            if content[1] - content[0] >= 2:
                found.append(
                    _Candidate(
                        content=content,
                        cue=(colon.start, colon.end),
                        speaker=(name.start, name.end),
                        kind="signed",
                    )
                )
        return found

    def _source_parens(self, doc: Doc) -> list[_Candidate]:
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
            content = _trim(doc, first, paren.start)
            if content[1] - content[0] >= 2:
                found.append(
                    _Candidate(content=content, cue=(paren.start, span.start), speaker=(span.start, span.end))
                )
        return found

    def _split_conjoined(self, doc: Doc, cand: _Candidate) -> list[_Candidate]:
        """ "said X and that Y": two claims sharing the cue, when the second clause has its own "that"."""
        start, end = cand.content
        head = _root_in(doc, start, end)
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
        out.append(_replace_content(cand, _trim(doc, start, first_end)))
        for n, conj in enumerate(parts):
            stop = parts[n + 1].left_edge.i if n + 1 < len(parts) else end
            out.append(_replace_content(cand, _trim(doc, conj.left_edge.i, stop)))
        return [c for c in out if c.content[1] - c.content[0] >= 2]

    # ------------------------------------------------------------------ speakers, via, hedges

    def _claims(
        self, doc: Doc, candidates: list[_Candidate], names: dict[int, tuple[str, int, int, str]]
    ) -> list[dict[str, Any]]:
        source_line = self._source_line(doc)
        phrases = [(s, e) for _id, s, e in self.hedge_phrases(doc)] if candidates else []
        history: list[tuple[dict[str, Any], list[str]]] = []
        claims: list[dict[str, Any]] = []
        for cand in sorted(candidates, key=lambda c: (c.content[0], c.cue[0])):
            speaker, via = self._speaker(doc, cand, names, history)
            via = [v for v in dict.fromkeys([*source_line, *via]) if not speaker or v != speaker.get("name")]
            if speaker is not None and (
                speaker.get("kind") != "anonymous" or speaker.get("start") is not None
            ):
                history.append((speaker, via))
            cs, ce = cand.content
            content = doc[cs:ce]
            cue = doc[cand.cue[0] : cand.cue[1]]
            claims.append(
                {
                    "id": f"c{len(claims) + 1}",
                    "text": content.text,
                    "start": content.start_char,
                    "end": content.end_char,
                    "cue": cue.text,
                    "cue_start": cue.start_char,
                    "cue_end": cue.end_char,
                    "speaker": speaker,
                    "via": via,
                    "hedges": self._hedges(doc, cand, phrases),
                    "forecast": self._forecast(doc, cand),
                }
            )
        return claims

    def _source_line(self, doc: Doc) -> list[str]:
        """Outlets of a "Source: X" line of its own: they stand between the article and every claim."""
        out = []
        for name, start, _end, cue in doc._.cites or []:
            line_start = doc_text(doc).rfind("\n", 0, start) + 1
            if cue == "Source:" and re.match(r"\s*Sources?\s*:", doc_text(doc)[line_start:start]):
                out.append(name)
        return out

    def _speaker(
        self,
        doc: Doc,
        cand: _Candidate,
        names: dict[int, tuple[str, int, int, str]],
        history: list[tuple[dict[str, Any], list[str]]],
    ) -> tuple[dict[str, Any] | None, list[str]]:
        via: list[str] = []
        for span in cand.via_tokens:
            outlet = self._outlet_in(doc, span, names)
            if outlet:
                via.append(outlet)
        if cand.unstated or cand.speaker is None:
            return _anonymous(None), via
        speaker_span = self._document_owner(doc, cand.speaker)
        described, inherited = self._describe(doc, speaker_span, names, history)
        if described.get("kind") == "outlet":
            # An outlet that relays someone ("Reuters reported, citing three sources"): the relayed
            # source is the speaker and the outlet joins the chain.
            if cand.cited is not None:
                cited_span = self._document_owner(doc, cand.cited)
                cited, cited_via = self._describe(doc, cited_span, names, history)
                if cited.get("kind") == "outlet":
                    # "Interfax, citing a report by the Washington Post, said ...": the Post speaks.
                    return cited, [*via, described["name"]]
                return cited, [*via, described["name"], *cited_via]
            if cand.kind in ("according", "citing", "source") and described.get("name"):
                return described, via
        elif cand.cited is not None:
            outlet = self._outlet_in(doc, cand.cited, names)
            if outlet:
                via.append(outlet)
        return described, [*inherited, *via]

    def _document_owner(self, doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
        """ "X's latest update", "a report by X", "figures from X": X; else the phrase itself."""
        head = _root_in(doc, *span)
        if head is None or head.lemma_.lower() not in self.documents:
            return span
        for child in head.children:
            if child.dep_ == "poss":
                start, end = _phrase(child)
                while end - 1 > start and doc[end - 1].dep_ == "case":  # the "'s" is not the owner
                    end -= 1
                return start, end
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_):
                    return _phrase(pobj)
        for child in head.children:
            if child.dep_ == "compound" and (child.pos_ == "PROPN" or child.ent_type_):
                return child.left_edge.i, child.i + 1
        return span

    def _outlet_in(
        self, doc: Doc, span: tuple[int, int], names: dict[int, tuple[str, int, int, str]]
    ) -> str | None:
        for i in range(*span):
            hit = names.get(i)
            if hit and hit[0] == "OUTLET":
                return self.outlet_of[hit[3]]
        for name, start, end, _cue in doc._.cites or []:
            if doc[span[0]].idx <= start and end <= doc[span[1] - 1].idx + len(doc[span[1] - 1]):
                return str(name)
        return None

    def _describe(
        self,
        doc: Doc,
        span: tuple[int, int],
        names: dict[int, tuple[str, int, int, str]],
        history: list[tuple[dict[str, Any], list[str]]],
    ) -> tuple[dict[str, Any], list[str]]:
        """The speaker a phrase names, and the via it inherits when it points back to an earlier one."""
        start, end = span
        phrase = doc[start:end]
        head = _root_in(doc, start, end) or phrase[0]
        mention = _mention(doc, span)
        m = doc[mention[0] : mention[1]]
        base = {"text": m.text, "start": m.start_char, "end": m.end_char}
        lower = phrase.text.lower()
        head_lemma = head.lemma_.lower()
        head_lower = head.lower_
        people = [e for e in phrase.ents if e.label_ == "PERSON"]
        bodies = [names[i] for i in range(start, end) if i in names]
        country = next((self.country_of[h[3]] for h in bodies if h[0] == "COUNTRY"), None)
        body = next((self.body_of[h[3]] for h in bodies if h[0] == "BODY"), None)
        outlet = next((self.outlet_of[h[3]] for h in bodies if h[0] == "OUTLET"), None)
        # Back-references first: "he", "the official", "the ministry", "one of the sources".
        back = self._back_reference(doc, phrase, head, history)
        if back is not None:
            earlier, via = back
            return {**earlier, **base}, via
        anonymous = any(p in lower for p in self.anonymity)
        if people and not anonymous:
            person = min(people, key=lambda e: abs(e.root.i - head.i))
            role = self._role(phrase, person)
            affiliation = country or (body[2] if body else None)
            if affiliation is None:
                affiliation = self._known_affiliation(person.text, history)
            if affiliation is None and (role or any(t.lower_ in ("its", "their") for t in phrase)):
                # "Its spokesman X", "Presidential aide X": an office holder of the side in focus.
                affiliation = _context_affiliation(history)
            return {
                "name": person.text,
                "kind": "person",
                "affiliation": affiliation,
                "country_code": _code(affiliation),
                "anonymous": False,
                "text": person.text,
                "start": person.start_char,
                "end": person.end_char,
                "role": role,
            }, []
        if outlet and not anonymous and head_lemma not in self.anonymous:
            return {**_named(outlet, "outlet", outlet), **base}, []
        if head_lemma in self.anonymous or head_lower in self.anonymous or anonymous:
            if head_lemma in self.roles and not anonymous and head_lemma != "official":
                kind = body[1] if body else "government"
                aff = body[2] if body else country or _context_affiliation(history)
                return {**_named(None, kind, aff), **base, "role": head.text}, []
            affiliation = country or (body[2] if body else None)
            return {**_anonymous(affiliation), **base}, []
        military_word = any(t.lower_ in self.military_modifiers for t in phrase)
        if body is not None and head_lemma not in self.state_heads:
            name, kind, aff = body
            if kind == "government" and (head_lemma in self.military or military_word):
                kind = "military"
            return {**_named(name, kind, aff or country), **base}, []
        if phrase.text.strip() in self.capitals or (
            len(phrase) <= 2 and head.ent_type_ == "GPE" and country is not None
        ):
            return {**_named(phrase.text.strip(), "government", country), **base}, []
        name = _strip_det(doc[mention[0] : mention[1]].text)
        if (
            head_lemma in self.military
            or head_lower in self.military
            or (military_word and head_lemma not in self.state_heads)
        ):
            return {**_named(name, "military", country or (body[2] if body else None)), **base}, []
        if head_lemma in self.government or head_lower in self.government:
            role = head.text if head_lemma in self.roles else None
            if country is None and role is not None:
                country = _context_affiliation(history)
            return {**_named(name, "government", country), **base, "role": role}, []
        if head_lemma in self.organisation or head.ent_type_ == "ORG":
            org = next((e.text for e in phrase.ents if e.label_ == "ORG"), name)
            return {**_named(_strip_det(org), "organisation", _strip_det(org)), **base}, []
        if head.ent_type_ in ("GPE", "NORP") and country is not None:
            return {**_named(phrase.text.strip(), "government", country), **base}, []
        if head.pos_ == "PROPN":
            return {**_named(name, "person", country), **base}, []
        return {**_named(name, None, country), **base}, []

    def _back_reference(
        self, doc: Doc, phrase: Span, head: Token, history: list[tuple[dict[str, Any], list[str]]]
    ) -> tuple[dict[str, Any], list[str]] | None:
        if not history:
            return None
        first = phrase[0].lower_
        head_lower, head_lemma = head.lower_, head.lemma_.lower()
        if len(phrase) == 1 and head_lower in PRONOUNS_PERSON:
            for earlier, via in reversed(history):
                if earlier.get("kind") == "person":
                    return earlier, via
            return None
        if len(phrase) == 1 and head_lower in PRONOUNS_GROUP:
            for earlier, via in reversed(history):
                if earlier.get("kind") != "person":
                    return earlier, via
            return None
        # "one of the sources", "another official": the group named before.
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and first in ("one", "two", "some", "another", "each", "neither", "either", "both"):
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ in ("them", "those"):
                return _last(history, lambda e: e.get("kind") == "anonymous")
            if pobj is not None:
                head, head_lemma, head_lower = pobj, pobj.lemma_.lower(), pobj.lower_
                first = "the"
        if head_lower in ("other", "another", "one") and len(phrase) <= 2:
            # "the other", "another": a member of the group named before.
            return _last(history, lambda e: e.get("kind") == "anonymous")
        if first in ("one", "another") and head_lemma in self.anonymous:
            # "One official said ...", after "officials estimate ...": a member of that group.
            found = _last(history, lambda e: head_lemma in str(e.get("text") or "").lower())
            if found is not None and not any(t.ent_type_ in ("GPE", "NORP", "ORG") for t in phrase):
                return found
            return None
        if first not in DEFINITE or (head_lower not in self.resolving and head_lemma not in self.resolving):
            return None
        if any(t.pos_ == "PROPN" for t in phrase) or len(phrase) > (5 if of is not None else 3):
            return None
        if head_lemma in self.outlet_nouns or head_lower in self.outlet_nouns:
            cited = [c for c in doc._.cites or [] if c[1] < phrase.start_char]
            if cited:
                name = str(cited[-1][0])
                return _named(name, "outlet", name), []
        for earlier, via in reversed(history):
            text = str(earlier.get("text") or "").lower()
            if head_lemma in text or head_lower in text:
                return earlier, via
        wanted = (
            "anonymous"
            if head_lemma in self.anonymous
            else "government"
            if head_lemma in self.government
            else "military"
            if head_lemma in self.military
            else "organisation"
            if head_lemma in self.organisation
            else None
        )
        for earlier, via in reversed(history):
            if wanted and earlier.get("kind") == wanted:
                return earlier, via
        return None

    def _role(self, phrase: Span, person: Span) -> str | None:
        """The speaker's office: "spokesperson" in "X, spokesperson for the ...", "President" in
        "Ukrainian President X"."""
        words = [t for t in phrase if not (person.start <= t.i < person.end)]
        for t in words:
            if t.lemma_.lower() in self.roles or t.lower_ in self.roles:
                start, end = t.i, t.i + 1
                while start - 1 >= phrase.start and phrase.doc[start - 1].dep_ == "compound":
                    if phrase.doc[start - 1].ent_type_ in ("GPE", "NORP", "ORG"):
                        break
                    start -= 1
                return phrase.doc[start:end].text
        return None

    def _known_affiliation(self, name: str, history: list[tuple[dict[str, Any], list[str]]]) -> str | None:
        last = name.split()[-1]
        for earlier, _via in reversed(history):
            if earlier.get("kind") == "person" and str(earlier.get("name") or "").split()[-1:] == [last]:
                aff = earlier.get("affiliation")
                return str(aff) if aff else None
        return None

    def _hedges(self, doc: Doc, cand: _Candidate, phrases: list[tuple[int, int]]) -> list[str]:
        spans = [cand.cue, cand.content]
        found: list[tuple[int, str]] = []
        for s, e in spans:
            for tok in doc[s:e]:
                lower = tok.lower_
                if (lower in self.hedge_modals and tok.tag_ == "MD") or lower in self.hedge_words:
                    found.append((tok.i, tok.text))
        cue_head = doc[cand.cue[0]]
        for child in cue_head.children:
            if child.lower_ in self.hedge_words and not (cand.content[0] <= child.i < cand.content[1]):
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

    def _forecast(self, doc: Doc, cand: _Candidate) -> dict[str, Any] | None:
        start, end = cand.content
        content = doc[start:end]
        cue_lemma = doc[cand.cue[0]].lemma_.lower()
        if cue_lemma not in self.future_cues and not self._is_future(content):
            return None
        published = doc._.published
        begin = published if isinstance(published, str) else None
        window_end = None
        for time in doc._.times or []:
            if not (content.start_char <= time["start"] and time["end"] <= content.end_char):
                continue
            window_end = _deadline(doc_text(doc), time, begin)
            if window_end:
                break
        if window_end is None and begin and _SAME_DAY.search(content.text):
            window_end = begin
        return {"begin": begin, "end": window_end}

    def _is_future(self, content: Span) -> bool:
        for tok in content:
            lower = tok.lower_
            if tok.tag_ == "MD" and lower in self.future_modals:
                nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
                while nxt is not None and nxt.dep_ in ("neg", "advmod") and nxt.i + 1 < len(tok.doc):
                    nxt = nxt.nbor(1)
                if nxt is not None and nxt.lower_ == "have":
                    continue  # "may have been killed": a guess about the past
                return True
            if lower in self.future_heads and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
                after = tok.nbor(2) if tok.i + 2 < len(tok.doc) else None
                if after is not None and after.tag_ == "VB" and after.lower_ != "have":
                    return True
        return False


# ---------------------------------------------------------------------- helpers on the parse


def _subject_of(verb: Token) -> Token | None:
    seen = 0
    while seen < 4:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return verb.head  # "a posting saying that ...": the posting says it
        if verb.dep_ == "pcomp" and verb.head.head is not verb.head:
            verb = verb.head.head  # "for saying that ...", "after saying ...": the doer of the head
            seen += 1
            continue
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _phrase(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _mention(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """The speaker's mention: the phrase up to its first comma, relative clause or long modifier."""
    start, end = span
    for i in range(start + 1, end):
        tok = doc[i]
        if tok.text in (",", "(", "—", "–") or tok.dep_ in ("relcl",) or tok.lower_ in ("who", "which"):
            end = i
            break
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _clause(head: Token) -> tuple[int, int]:
    """The subtree of a clause's head, from its "that" on when the parse hangs framing words
    ("citing three sources, that ...") in front of it."""
    start = head.left_edge.i
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is not None and mark.i > start:
        start = mark.i + 1
    return _trim(head.doc, start, head.right_edge.i + 1)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop what is not the proposition from both ends: "that", commas, the final full stop."""
    while start < end and (doc[start].lower_ in CONTENT_EDGE or doc[start].is_space):
        if doc[start].lower_ == "to" and start + 1 < end and doc[start + 1].tag_ != "VB":
            break
        start += 1
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in QUOTES)
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in ("and", "but", "or", "while", "whereas")
    ):
        end -= 1
    unbalanced = sum(1 for t in doc[start:end] if t.text in QUOTES) % 2
    if end > start and doc[end - 1].text in QUOTES and doc[start].text not in QUOTES and unbalanced:
        end -= 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
    return start, end


def _minus(head: Token, cut: Token) -> tuple[int, int]:
    """The clause of `head` without the subtree of `cut` (a cue clause before or after it)."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    cs, ce = cut.left_edge.i, cut.right_edge.i + 1
    if ce >= end:
        return _trim(doc, start, cs)
    if cs <= start:
        return _trim(doc, ce, end)
    return _trim(doc, start, end)


def _sentence_minus(doc: Doc, sent: Span, cut: tuple[int, int]) -> tuple[int, int]:
    cs, ce = cut
    if cs - sent.start <= 1:
        return _trim(doc, ce, sent.end)
    if sent.end - ce <= 2:
        return _trim(doc, sent.start, cs)
    before, after = _trim(doc, sent.start, cs), _trim(doc, ce, sent.end)
    return after if after[1] - after[0] > before[1] - before[0] else before


def _sentence_end(doc: Doc, i: int) -> int:
    if i >= len(doc):
        return len(doc)
    return doc[i].sent.end


def _quotation(sent: Span) -> tuple[int, int] | None:
    marks = [t.i for t in sent if t.text in ('"', "“", "”")]
    if len(marks) >= 2:
        return _trim(sent.doc, marks[0] + 1, marks[-1])
    return None


def _quote_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """The quotation that opens at token `i` (“ or "), up to its closing mark, across sentences."""
    if i >= len(doc) or doc[i].text not in ("“", '"', "``"):
        return None
    close = doc_text(doc).find("”" if doc[i].text == "“" else '"', doc[i].idx + 1)
    if close < 0 or close - doc[i].idx > 3000:
        return None
    span = doc.char_span(doc[i].idx + 1, close, alignment_mode="contract")
    if span is None or len(span) < 2:
        return None
    return _trim(doc, span.start, span.end)


def _quote_before(doc: Doc, i: int) -> tuple[int, int]:
    """The quotation that closes just before token `i`."""
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
    return _trim(doc, span.start, span.end)


def _root_in(doc: Doc, start: int, end: int) -> Token | None:
    if end <= start:
        return None
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head is tok:
            return tok
    return doc[start]


def _replace_content(cand: _Candidate, content: tuple[int, int]) -> _Candidate:
    return _Candidate(
        content=content,
        cue=cand.cue,
        speaker=cand.speaker,
        unstated=cand.unstated,
        via_tokens=list(cand.via_tokens),
        cited=cand.cited,
        kind=cand.kind,
    )


def _last(
    history: list[tuple[dict[str, Any], list[str]]], wanted: Any
) -> tuple[dict[str, Any], list[str]] | None:
    for earlier, via in reversed(history):
        if wanted(earlier):
            return earlier, via
    return None


def _context_affiliation(history: list[tuple[dict[str, Any], list[str]]]) -> str | None:
    """The state of the latest speaker that has one: the side an office holder most likely serves."""
    for earlier, _via in reversed(history):
        code = earlier.get("country_code")
        if code:
            return str(code)
    return None


def _strip_det(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return text.strip(" ,.;:")


def _code(affiliation: str | None) -> str | None:
    return affiliation if affiliation and len(affiliation) == 2 and affiliation.isupper() else None


def _named(name: str | None, kind: str | None, affiliation: str | None) -> dict[str, Any]:
    return {
        "name": name,
        "kind": kind,
        "affiliation": affiliation,
        "country_code": _code(affiliation),
        "anonymous": False,
        "text": None,
        "start": None,
        "end": None,
        "role": None,
    }


def _anonymous(affiliation: str | None) -> dict[str, Any]:
    return {
        **_named(None, "anonymous", affiliation),
        "anonymous": True,
    }


def _resolve_overlaps(
    doc: Doc,
    candidates: Sequence[_Candidate],
    names: dict[int, tuple[str, int, int, str]],
) -> list[_Candidate]:
    """One claim per proposition.

    * the same content found twice (a verb cue and "according to") keeps the verb's reading;
    * an outlet's frame around another cue ("According to a report by the Washington Post,
      officials believe ...") folds into the inner claim as via;
    * "reportedly" inside another claim's content is a hedge of that claim, not a claim.
    """
    kept: list[_Candidate] = []
    # "I think", "as we noted" inside a quotation are part of what is quoted, not claims of their
    # own: a cue within quotation marks, inside another claim's content, is dropped.
    quoted = _quoted_tokens(doc)
    candidates = [
        c
        for c in candidates
        if not (
            c.cue[0] in quoted
            and c.kind not in ("signed",)
            and any(o is not c and o.content[0] <= c.cue[0] < o.content[1] for o in candidates)
        )
    ]
    order = {
        "verb": 0,
        "signed": 0,
        "passive": 1,
        "according": 2,
        "citing": 3,
        "source": 4,
        "stance": 5,
        "adverb": 6,
    }
    for cand in sorted(candidates, key=lambda c: order.get(c.kind, 9)):
        drop = False
        for other in kept:
            inside = other.content[0] <= cand.cue[0] < other.content[1]
            contains = cand.content[0] <= other.cue[0] < cand.content[1]
            same = _overlap(cand.content, other.content) > 0.6
            if cand.kind == "adverb" and (inside or same):
                drop = True
            elif cand.kind in ("according", "citing", "source") and (contains or same):
                # the outer frame: its speaker stands between the article and the inner speaker
                if cand.speaker is not None:
                    other.via_tokens.insert(0, cand.speaker)
                    if other.cited is None and not _is_outlet(cand.speaker, names):
                        other.cited = cand.speaker if other.speaker is None else other.cited
                drop = True
            elif cand.kind in ("verb", "passive", "stance") and cand.cue == other.cue and same:
                drop = True  # the same reading twice
            elif cand.kind == "stance" and (cand.cue == other.cue or same):
                drop = True  # an object reading where a clause reading exists
            if drop:
                break
        if not drop:
            kept.append(cand)
    return kept


def _quoted_tokens(doc: Doc) -> set[int]:
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


def _is_outlet(span: tuple[int, int], names: dict[int, tuple[str, int, int, str]]) -> bool:
    return any(names.get(i, ("",))[0] == "OUTLET" for i in range(*span))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))


_DURATION = re.compile(r"^P(\d+)([YMWD])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
# A window that closes on the day of publication: "later in the day", "later today", "tonight".
_SAME_DAY = re.compile(
    r"\b(?:later (?:in the day|today|on \w+day)|later this (?:morning|afternoon|evening)|tonight)\b", re.I
)


def _deadline(text: str, time: dict[str, Any], published: str | None) -> str | None:
    """The last day of a forecast's window from a time expression in its content, or None."""
    before = text[max(0, time["start"] - 24) : time["start"]].lower()
    word = re.search(
        r"(by the end of|no later than|by|before|until|till|within|in|during|through)\s*$", before
    )
    rng = time.get("range") or {}
    if word and word.group(1) == "within":
        m = _DURATION.match(str(time.get("value") or ""))
        if m and published:
            return _add(published, int(m.group(1)), m.group(2))
        return None
    if word and word.group(1) == "before" and rng.get("begin"):
        # "before winter": the day before the season starts (the times component may clip a
        # season's range at the publication date, so the season is read from its value).
        season = _SEASON.match(str(time.get("value") or ""))
        first = season_start(int(season.group(1)), season.group(2)) if season else parse_day(rng["begin"])
        return None if first is None else (first - dt.timedelta(days=1)).isoformat()
    end = rng.get("end")
    if not end or time.get("kind") in ("duration", "set"):
        return None
    if published and str(end) < published:
        return None
    return str(end)[:10]


def _add(published: str, n: int, unit: str) -> str | None:
    day = parse_day(published)
    return None if day is None else add(day, n, unit).isoformat()


@Language.factory("fogofwar_claims", default_config={})
def make_claims(nlp: Language, name: str) -> ClaimsFinder:
    return ClaimsFinder(nlp)
