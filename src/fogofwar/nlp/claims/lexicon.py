"""The claims lexicon as typed word sets, and the phrase matchers built from it (names, hedges).

Everything here comes from one lexicon source (``knowledge/claims.json`` by default, or a file of
the same shape named in ``pipeline.cfg``), so that the rule modules hold grammar and no words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from fogofwar.knowledge import claims_lexicon, outlets


class NameHit(NamedTuple):
    """A country, body or outlet name found in a Doc: its label, token span and text."""

    label: str  # COUNTRY|BODY|OUTLET
    start: int
    end: int
    text: str


# The word lists of the lexicon's "gender" section, each a ClaimWords field of the same name.
_GENDER_KEYS = (
    "female_names",
    "male_names",
    "female_titles",
    "male_titles",
    "female_pronouns",
    "male_pronouns",
)

# Token index -> the longest name covering that token.
NameHits = dict[int, NameHit]


def _lower_set(lex: dict[str, Any], section: str, key: str = "words") -> frozenset[str]:
    return frozenset(w.lower() for w in lex[section][key])


@dataclass(frozen=True)
class ClaimWords:
    """The word sets of one claims lexicon (each is documented in its section of the JSON)."""

    report: frozenset[str]
    say_like: frozenset[str]  # verbs of saying proper: only these interrupt a clause
    line_labels: frozenset[str]
    stance_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    object_verbs: frozenset[str]
    stance: frozenset[str]
    passive: frozenset[str]
    adverbs: frozenset[str]
    documents: frozenset[str]
    anonymous: frozenset[str]
    anonymity: tuple[str, ...]
    government: frozenset[str]
    military: frozenset[str]
    organisation: frozenset[str]
    roles: frozenset[str]
    resolving: frozenset[str]
    outlet_nouns: frozenset[str]
    state_heads: frozenset[str]
    military_modifiers: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_words: frozenset[str]
    hedge_phrases: tuple[str, ...]
    future_modals: frozenset[str]
    future_heads: frozenset[str]
    future_cues: frozenset[str]
    capitals: frozenset[str]
    country_of: dict[str, str]
    body_of: dict[str, tuple[str, str, str | None]]  # form -> (name, kind, affiliation)
    outlet_of: dict[str, str]  # form -> the outlet's canonical name
    deadline_words: tuple[str, ...]
    same_day: str  # a regular expression
    pronouns_person: frozenset[str]
    pronouns_group: frozenset[str]
    pronouns_somebody: frozenset[str]
    relative_pronouns: frozenset[str]
    pronouns_after_of: frozenset[str]
    definite: frozenset[str]
    possessive: frozenset[str]
    articles: tuple[str, ...]
    member_quantifiers: frozenset[str]
    member_heads: frozenset[str]
    member_openers: frozenset[str]
    anonymous_roles: frozenset[str]
    clause_openers: frozenset[str]
    clause_closers: frozenset[str]
    listener_verbs: frozenset[str]
    listener_prepositions: frozenset[str]
    infinitive_claim_verbs: frozenset[str]
    relay_words: frozenset[str]
    stance_prepositions: frozenset[str]
    owner_prepositions: frozenset[str]
    name_particles: tuple[str, ...]
    relay_verbs: frozenset[str]
    ministry_short_forms: frozenset[str]
    stative_verbs: frozenset[str]
    condition_marks: frozenset[str]
    wing_heads: frozenset[str]
    wing_modifiers: frozenset[str]
    female_names: frozenset[str]
    male_names: frozenset[str]
    female_titles: frozenset[str]
    male_titles: frozenset[str]
    female_pronouns: frozenset[str]
    male_pronouns: frozenset[str]

    @classmethod
    def load(cls, source: str) -> ClaimWords:
        """The word sets of the lexicon at `source` (a bundled name or a path)."""
        lex = claims_lexicon(source)
        country_of: dict[str, str] = {}
        for code, names in lex["countries"]["codes"].items():
            for name in names:
                country_of[name] = code
        body_of: dict[str, tuple[str, str, str | None]] = {}
        for item in lex["bodies"]["items"]:
            for form in item["names"]:
                body_of[form] = (item["names"][0], item["kind"], item["affiliation"])
        outlet_of: dict[str, str] = {}
        for outlet in outlets():
            for form in (outlet.name, *outlet.aliases):
                outlet_of[form] = outlet.name
                if form.startswith("The "):
                    outlet_of[form[4:]] = outlet.name
        return cls(
            report=_lower_set(lex, "report_verbs"),
            say_like=_lower_set(lex, "say_verbs"),
            line_labels=_lower_set(lex, "line_labels"),
            stance_verbs=_lower_set(lex, "stance_verbs"),
            claim_nouns=_lower_set(lex, "claim_nouns"),
            object_verbs=_lower_set(lex, "object_verbs"),
            stance=_lower_set(lex, "stance_nouns"),
            passive=_lower_set(lex, "passive_cues"),
            adverbs=_lower_set(lex, "adverb_cues"),
            documents=_lower_set(lex, "document_nouns"),
            anonymous=_lower_set(lex, "anonymous_nouns"),
            anonymity=tuple(_lower_set(lex, "anonymity_phrases")),
            government=_lower_set(lex, "government_nouns"),
            military=_lower_set(lex, "military_nouns"),
            organisation=_lower_set(lex, "organisation_nouns"),
            roles=_lower_set(lex, "role_nouns"),
            resolving=_lower_set(lex, "resolving_nouns"),
            outlet_nouns=_lower_set(lex, "outlet_nouns"),
            state_heads=_lower_set(lex, "state_heads"),
            military_modifiers=_lower_set(lex, "military_modifiers"),
            hedge_modals=_lower_set(lex, "hedges", "modals"),
            hedge_words=_lower_set(lex, "hedges"),
            hedge_phrases=tuple(lex["hedges"]["phrases"]),
            future_modals=_lower_set(lex, "forecast", "modals"),
            future_heads=_lower_set(lex, "forecast", "future_heads"),
            future_cues=_lower_set(lex, "forecast", "cues"),
            capitals=frozenset(lex["capitals"]["names"]),
            country_of=country_of,
            body_of=body_of,
            outlet_of=outlet_of,
            deadline_words=tuple(lex["forecast"]["deadline_words"]),
            same_day=lex["forecast"]["same_day"],
            pronouns_person=_lower_set(lex, "pronouns", "person"),
            pronouns_group=_lower_set(lex, "pronouns", "group"),
            pronouns_somebody=_lower_set(lex, "pronouns", "somebody"),
            relative_pronouns=_lower_set(lex, "pronouns", "relative"),
            pronouns_after_of=_lower_set(lex, "pronouns", "after_of"),
            definite=_lower_set(lex, "determiners", "definite"),
            possessive=_lower_set(lex, "determiners", "possessive"),
            articles=tuple(lex["determiners"]["articles"]),
            member_quantifiers=_lower_set(lex, "members", "quantifiers"),
            member_heads=_lower_set(lex, "members", "heads"),
            member_openers=_lower_set(lex, "members", "openers"),
            anonymous_roles=_lower_set(lex, "anonymous_roles"),
            clause_openers=_lower_set(lex, "clause_edges", "openers"),
            clause_closers=_lower_set(lex, "clause_edges", "closers"),
            listener_verbs=_lower_set(lex, "listeners", "verbs"),
            listener_prepositions=_lower_set(lex, "listeners", "prepositions"),
            infinitive_claim_verbs=_lower_set(lex, "infinitive_claim_verbs"),
            relay_words=_lower_set(lex, "relay_words"),
            stance_prepositions=_lower_set(lex, "stance_prepositions"),
            owner_prepositions=_lower_set(lex, "owner_prepositions"),
            name_particles=tuple(lex["name_particles"]["words"]),
            relay_verbs=_lower_set(lex, "relay_verbs"),
            ministry_short_forms=_lower_set(lex, "ministry_short_forms"),
            stative_verbs=_lower_set(lex, "forecast", "stative_verbs"),
            condition_marks=_lower_set(lex, "forecast", "condition_marks"),
            wing_heads=_lower_set(lex, "armed_wing", "heads"),
            wing_modifiers=_lower_set(lex, "armed_wing", "modifiers"),
            **{key: _lower_set(lex, "gender", key) for key in _GENDER_KEYS},
        )


class LexiconMatchers:
    """Country, body and outlet names (case as written) and hedge phrases, each matched once per Doc."""

    def __init__(self, nlp: Language, words: ClaimWords) -> None:
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.names.add("COUNTRY", [nlp.make_doc(n) for n in words.country_of])
        self.names.add("BODY", [nlp.make_doc(n) for n in words.body_of])
        self.names.add("OUTLET", [nlp.make_doc(n) for n in words.outlet_of])
        self.hedges = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.hedges.add("HEDGE", [nlp.make_doc(p) for p in words.hedge_phrases])

    def names_in(self, doc: Doc) -> NameHits:
        """Token index -> the longest country/body/outlet name on it."""
        found: NameHits = {}
        matches = sorted(self.names(doc), key=lambda m: -(m[2] - m[1]))
        for match_id, s, e in matches:
            if any(i in found for i in range(s, e)):
                continue
            hit = NameHit(doc.vocab.strings[match_id], s, e, doc[s:e].text)
            for i in range(s, e):
                found[i] = hit
        return found

    def hedge_phrases_in(self, doc: Doc) -> list[tuple[int, int]]:
        return [(s, e) for _id, s, e in self.hedges(doc)]
