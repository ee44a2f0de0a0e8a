"""The `fogofwar_cites` component: the outlets and agencies an article names as its source.

Writes ``doc._.cites``: a list of ``(canonical name, start, end, cue)`` tuples, the fields of
:class:`fogofwar.model.Cite` (plain data, see ``fogofwar.nlp``).
Three kinds of evidence:

* a source line or parenthesis: ``Source: Bloomberg``, ``(Source: Reuters, AFP)``;
* a wire dateline's credit: ``KHARTOUM, Sept 26 (Reuters) -`` opening the text (cue ``dateline``);
* a report phrase, whatever the outlet: ``according to a report by the Washington Post``;
* a known outlet (``knowledge/outlets.json``) next to a reporting cue: ``according to TASS``,
  ``citing Reuters``, ``Bloomberg reported``.

spaCy's NER tags outlets as ORG like any ministry or army, so it cannot tell a cited outlet
from a cited official; the outlet list plus the cue is what makes a mention a cite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from fogofwar import knowledge
from fogofwar.model import Cite

# A proper name as written in running text: capitalised words, with short joiners inside.
_WORD = r"[A-Z](?:[\w&'’/-]|\.(?=\w))*"  # a full stop continues a name only inside it (U.S.)
_NAME = r"(?:[Tt]he\s+)?" + _WORD + r"(?:[ \t]+(?:" + _WORD + r"|of|for|and|the|de|des|du)){0,5}"
_SOURCE_LINE = re.compile(r"(?m)^[ \t]*Sources?[ \t]*:[ \t]*(?P<names>[^\n]+?)[ \t.]*$")
_SOURCE_PAREN = re.compile(r"\(\s*Sources?\s*:\s*(?P<names>[^)\n]+?)\s*\)")
# "KHARTOUM, Sept 26 (Reuters) - ", "BAMAKO, Mali (AP) — ": a place in capitals, an optional
# date or country, the agency in brackets and a dash, at the very start of the text.
_DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z.'’ -]{1,40}(?:,[^()\n,]{1,30}){0,2}\s*\((?P<names>[A-Z][\w .&/-]{0,40})\)\s*[-–—]"
)
_REPORT_PHRASE = re.compile(
    r"\b(?P<cue>(?:according to|citing|cited (?:in|by)|reported (?:by|in)|as reported by|based on)\s+"
    r"(?:an?\s+|the\s+|one\s+)?(?:(?:new|recent|latest|exclusive|separate|earlier|investigative|"
    r"weekend|Sunday|daily)\s+)?(?:report|story|article|investigation|analysis|dispatch|interview|piece|"
    r"survey|assessment|reporting|broadcast)s?\s+(?:by|from|in|of|on)\s+)(?P<name>" + _NAME + r")"
)
_CUE_BEFORE = re.compile(
    r"(?:according to|citing|cited by|reported by|as reported by|quoted by|told|in an interview with|"
    r"speaking to|via|per|Source:|Sources:)\s+(?:the\s+)?$",
    re.I,
)
# After the outlet: "TASS reported", "Bloomberg's reporting", "The New York Times, citing ...".
_CUE_AFTER = re.compile(
    r"^(?:,\s*(?P<citing>citing)|(?:['’]s?)?\s*(?P<cue>reported|reports|has reported|said|says|cited|"
    r"quoted|wrote|published|has learned|learned|reporting|report|correspondent|journalists?|reporters?))\b"
)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|/(?!RL)|\band\b|&)\s*")
_TRAILING_JOINERS = re.compile(r"(?:\s+(?:of|for|and|the|de|des|du))+$")


class CitesFinder:
    """Finds cites in a Doc; built by the registered factory from its config: `outlets` names the
    outlet list (a bundled name or the path of a file shaped like ``knowledge/outlets.json``),
    `extra_outlets` adds names to it."""

    def __init__(self, nlp: Language, extra_outlets: Iterable[str] = (), outlets: str = "outlets") -> None:
        known = knowledge.outlets(outlets)
        self.canonical: dict[str, str] = {}
        for outlet in known:
            for form in (outlet.name, *outlet.aliases):
                self.canonical[self._key(form)] = outlet.name
        for name in extra_outlets:
            self.canonical.setdefault(self._key(name), name)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = {form for outlet in known for form in (outlet.name, *outlet.aliases)} | set(extra_outlets)
        # Both "The Washington Post" and "Washington Post": the article may drop the article.
        forms |= {f[4:] for f in forms if f.startswith("The ")}
        self.matcher.add("OUTLET", [nlp.make_doc(form) for form in sorted(forms)])

    @staticmethod
    def _key(name: str) -> str:
        name = " ".join(name.split()).strip(" .,;:")
        return re.sub(r"^the\s+", "", name, flags=re.I).lower()

    def canonical_name(self, name: str) -> str:
        cleaned = _TRAILING_JOINERS.sub("", " ".join(name.split()).strip(" .,;:"))
        return self.canonical.get(self._key(cleaned), re.sub(r"^the\s+", "", cleaned, flags=re.I))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found: list[Cite] = []
        for pattern in (_SOURCE_LINE, _SOURCE_PAREN):
            for m in pattern.finditer(text):
                found.extend(self._split_names(text, m.start("names"), m.end("names"), cue="Source:"))
        dateline = _DATELINE.match(text)
        if dateline is not None:
            found.extend(
                self._split_names(text, dateline.start("names"), dateline.end("names"), cue="dateline")
            )
        for m in _REPORT_PHRASE.finditer(text):
            start, end = m.span("name")
            name = _TRAILING_JOINERS.sub("", text[start:end])
            found.append(
                Cite(self.canonical_name(name), start, start + len(name), " ".join(m["cue"].split()))
            )
        for _, s, e in self.matcher(doc):
            span = doc[s:e]
            before = text[max(0, span.start_char - 40) : span.start_char]
            after = text[span.end_char : span.end_char + 30]
            before_cue = _CUE_BEFORE.search(before)
            after_cue = _CUE_AFTER.match(after)
            if before_cue:
                cue = before_cue.group(0).strip()
            elif after_cue:
                cue = after_cue["citing"] or after_cue["cue"]
            else:
                continue
            found.append(Cite(self.canonical_name(span.text), span.start_char, span.end_char, cue))
        doc._.cites = [(c.name, c.start, c.end, c.cue) for c in _dedupe(found)]
        return doc

    def _split_names(self, text: str, start: int, end: int, cue: str) -> list[Cite]:
        cites = []
        pos = start
        for piece in _SPLIT_NAMES.split(text[start:end]):
            at = text.find(piece, pos, end) if piece else -1
            if at < 0 or not piece.strip():
                continue
            pos = at + len(piece)
            cites.append(Cite(self.canonical_name(piece), at, at + len(piece), cue))
        return cites


def _dedupe(cites: list[Cite]) -> list[Cite]:
    """One cite per stretch of text: the longest mention wins where two overlap."""
    kept: list[Cite] = []
    for cite in sorted(cites, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and cite.start < kept[-1].end:
            continue
        kept.append(cite)
    return kept


if not Doc.has_extension("cites"):
    Doc.set_extension("cites", default=None)


@Language.factory("fogofwar_cites", default_config={"extra_outlets": [], "outlets": "outlets"})
def make_cites(nlp: Language, name: str, extra_outlets: list[str], outlets: str) -> CitesFinder:
    return CitesFinder(nlp, extra_outlets, outlets)
