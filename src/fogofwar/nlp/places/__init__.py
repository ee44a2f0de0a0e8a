"""The `fogofwar_places` component: every place an article names, resolved to a GeoNames entry.

Writes ``doc._.places``: a list of dicts with the fields of :class:`fogofwar.model.Place`.

Candidates come from two places, in one pass each (``mentions``):

* spaCy's GPE, LOC and FAC entities (a GPE or LOC the gazetteer does not know stays in the list,
  unresolved: it is still a place the article names);
* runs of capitalised tokens looked up in the gazetteer (``knowledge.gazetteer``), longest name
  first. spaCy's small model misses many villages ("Krasnohorivka") or calls them people, so a
  gazetteer match outside a place entity counts when the text marks it as a place: a locative
  word before it ("in", "near", "outside"...), a region or country after it ("Sudzha, Kursk
  region"), or a curated conflict-zone name.

Demonyms ("Ukrainian", spaCy's NORP) are not places, nor are people's names and armed groups
("Vladimir Putin", "Morales said", "Taliban": spaCy's PERSON and ORG entities, and the
`organisations` of the lexicon where spaCy misses them). Names standing for a government, an
army or an organisation ("Russia's defence ministry", "Moscow dismissed the talks", "the Ohio
Supreme Court") stay in the list with ``role: "actor"`` so that maps can leave them out while
recall does not suffer.

A country's name is that country, not a town that shares it ("Congo"), and a country is drawn
at its capital; ``kind`` (country, admin1, admin2, populated_place, feature) says how precise
each point is, and is set on every place that has coordinates.

``resolve`` then chooses each candidate's GeoNames entry from the article around it. The words
the component reads are a lexicon (``knowledge/place_words.json`` unless ``pipeline.cfg`` names
another in ``[components.fogofwar_places] lexicon``).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from fogofwar.knowledge import outlets
from fogofwar.knowledge.gazetteer import COUNTRY, KINDS, Gazetteer, load
from fogofwar.knowledge.places import PlaceWords, curated_places, place_words
from fogofwar.nlp.places.mentions import Mention, MentionFinder
from fogofwar.nlp.places.resolve import Resolver, supported

__all__ = ["Mention", "PlacesFinder", "make_places"]


class PlacesFinder:
    """Finds and resolves places in a Doc; the gazetteer index is loaded (or built) on first use."""

    def __init__(self, nlp: Language, lexicon: str = "place_words") -> None:
        self.words = place_words(lexicon)
        self.mentions = MentionFinder(self.words, curated_places())
        home: dict[str, str] = {}
        for outlet in outlets():
            if outlet.country_code:
                for form in (outlet.name, *outlet.aliases):
                    home[form.casefold()] = outlet.country_code
        self.resolver = Resolver(self.words, home)

    @property
    def gazetteer(self) -> Gazetteer:
        return load()

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        mentions = self.mentions.find(doc, gaz)
        self.mentions.qualify(doc, mentions)
        self.resolver.resolve(doc, mentions, gaz)
        doc._.places = [self._plain(doc, m) for m in supported(mentions)]
        return doc

    def _plain(self, doc: Doc, m: Mention) -> dict[str, Any]:
        span = doc[m.start : m.end]
        e = m.chosen
        place: dict[str, Any] = {
            "text": span.text,
            "start": span.start_char,
            "end": span.end_char,
            "name": None,
            "geonameid": None,
            "lat": None,
            "lon": None,
            "country_code": None,
            "admin1": None,
            "kind": None,
            "score": round(m.score, 3) if e is not None else 0.2,
            "role": None,
        }
        if e is not None:
            place.update(
                name=e.name,
                geonameid=e.geonameid,
                lat=e.lat,
                lon=e.lon,
                country_code=e.country_code or None,
                admin1=e.admin1,
                kind=KINDS[e.kind],
            )
            if m.in_name or ((e.kind == COUNTRY or e.capital) and _actor(span, self.words)):
                place["role"] = "actor"
        return place


def _actor(span: Span, words: PlaceWords) -> bool:
    """A country or capital standing for its government: "Russia's defence ministry" (a
    possessive before an institution) or "Moscow dismissed the talks" (the subject of a
    speech or decision verb)."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text in ("'s", "’s"):
        head = nxt.head
        after = {t.lower_ for t in doc[span.end + 1 : min(len(doc), span.end + 4)]}
        if head.lower_ in words.institutions or after & words.institutions:
            return True
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in words.actor_verbs


@Language.factory("fogofwar_places", default_config={"lexicon": "place_words"})
def make_places(nlp: Language, name: str, lexicon: str) -> PlacesFinder:
    """The places component; `lexicon` names its word lists (a bundled lexicon or a file path)."""
    return PlacesFinder(nlp, lexicon)
