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

The rule families live in their own modules: :mod:`.detection` (cues in a sentence, with
:mod:`.reporting_verb` and :mod:`.signed`), :mod:`.overlaps` (one claim per proposition),
:mod:`.speaker` and :mod:`.back_reference` (who says it, through whom), :mod:`.hedges` and
:mod:`.forecast` (how sure, and what is predicted by when). Their words come from the lexicon the
component is configured with (``lexicon`` in ``pipeline.cfg``, default ``knowledge/claims.json``).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from fogofwar.nlp.claims.candidate import Candidate
from fogofwar.nlp.claims.detection import sentence_claims
from fogofwar.nlp.claims.forecast import forecast_of
from fogofwar.nlp.claims.hedges import hedges_of
from fogofwar.nlp.claims.known_speakers import History
from fogofwar.nlp.claims.lexicon import ClaimWords, LexiconMatchers, NameHits
from fogofwar.nlp.claims.overlaps import resolve_overlaps
from fogofwar.nlp.claims.signed import dash_signed_quotations, name_colon_lines, source_parens
from fogofwar.nlp.claims.speaker import SpeakerContext, source_line_outlets, speaker_of


class ClaimsFinder:
    """Finds attributed claims in a Doc; built by the registered factory from its config."""

    def __init__(self, nlp: Language, lexicon: str = "claims") -> None:
        self.words = ClaimWords.load(lexicon)
        self.matchers = LexiconMatchers(nlp, self.words)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            doc._.claims = []
            return doc
        names = self.matchers.names_in(doc)
        candidates: list[Candidate] = []
        for sent in doc.sents:
            candidates.extend(sentence_claims(self.words, doc, sent))
        candidates.extend(source_parens(self.words, doc))
        candidates.extend(dash_signed_quotations(self.words, doc))
        candidates.extend(name_colon_lines(self.words, doc))
        candidates = resolve_overlaps(doc, candidates, names)
        doc._.claims = self._claims(doc, candidates, names)
        figures = doc._.figures
        if figures:
            for figure in figures:
                for claim in doc._.claims:
                    if claim["start"] <= figure["start"] and figure["end"] <= claim["end"]:
                        figure["claim"] = claim["id"]
                        break
        return doc

    def _claims(self, doc: Doc, candidates: list[Candidate], names: NameHits) -> list[dict[str, Any]]:
        """The claims as plain data, in text order, each speaker resolved against the earlier ones."""
        source_line = source_line_outlets(doc)
        phrases = self.matchers.hedge_phrases_in(doc) if candidates else []
        history: History = []
        ctx = SpeakerContext(self.words, doc, names, history)
        claims: list[dict[str, Any]] = []
        for cand in sorted(candidates, key=lambda c: (c.content[0], c.cue[0])):
            speaker, via = speaker_of(ctx, cand)
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
                    "hedges": hedges_of(self.words, doc, cand, phrases),
                    "forecast": forecast_of(self.words, doc, cand),
                }
            )
        return claims


@Language.factory("fogofwar_claims", default_config={"lexicon": "claims"})
def make_claims(nlp: Language, name: str, lexicon: str) -> ClaimsFinder:
    return ClaimsFinder(nlp, lexicon)
