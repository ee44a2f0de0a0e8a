"""Relevance before coding: which drafted events a text really reports, and which may carry an ACLED type.

A cue word alone ("shoots for the moon", "tariff battle", "the defence held") says nothing: the
evidence is on the parse. A cue reports a happening of conflict when an *armed* actor (a military,
an armed group, the police, gunmen) or its *victims* (civilians, protesters) sit inside the clause
the cue heads or belongs to, as its subject, object or the object of one of its prepositions; a
protest also counts when the clause names a place or a people. An article reports conflict when at
least one of its sentences does. Then:

* an article that reports conflict keeps the violent events of the sentences that show evidence
  of their own, and the weapons that only a war uses ("mortars", "air strike") where the article
  has shown it is about one; its other events (agreements, arrests, deployments, talks) keep
  their ACLED type where the clause has a political actor (a state, a government, an armed
  group, a people);
* an article that reports no conflict gets no violent event and no ACLED type: only a political
  actor's doings (a state that agreed, condemned, met) keep their PLOVER category;
* a text about none of it (sport, products, business, science) gets no events at all.

The word lists are data (``knowledge/events.json``, section ``relevance``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.doctext import doc_text
from fogofwar.nlp.events.cues import Actor, CueHit
from fogofwar.nlp.events.drafts import DraftEvent, char_range, token_at, verb_at_or_above


@dataclass(frozen=True)
class Verdict:
    """What the relevance gate decided for the drafts of one Doc, in draft order."""

    conflict: bool  # the article reports armed conflict, political violence or a protest
    keep: list[bool]  # the draft is coded at all
    typed: list[bool]  # the draft may carry an ACLED type (else its PLOVER category only)


def _paragraph(text: str, sent: Span) -> tuple[int, int]:
    """The characters of the paragraph (blank-line separated) that holds `sent`."""
    start = text.rfind("\n\n", 0, sent.start_char)
    end = text.find("\n\n", sent.end_char)
    return (0 if start < 0 else start, len(text) if end < 0 else end)


def lead_end(text: str, paragraphs: int) -> int:
    """Where the first `paragraphs` paragraphs of `text` end (the title counts as one)."""
    end = 0
    for _ in range(paragraphs):
        found = text.find("\n\n", end + 1)
        if found < 0:
            return len(text)
        end = found
    return end


def _verb_above(token: Token, hops: int) -> Token:
    """`token` if it is a verb, else the first verb above it (at most `hops` heads up), else itself."""
    node = verb_at_or_above(token, hops)
    return node if node.pos_ in ("VERB", "AUX") else token


class RelevanceGate:
    """Decides per article and per sentence, from the parse, which drafts report a happening."""

    def __init__(self, relevance: dict[str, Any]) -> None:
        self.armed: frozenset[str] = frozenset(relevance["armed_kinds"])
        self.victims: frozenset[str] = frozenset(relevance["victim_kinds"])
        self.forces: frozenset[str] = frozenset(relevance["force_kinds"])
        self.force_harm: frozenset[str] = frozenset(relevance["force_harm_kinds"])
        self.political: frozenset[str] = frozenset(relevance["political_kinds"])
        self.entities: frozenset[str] = frozenset(relevance["political_entities"])
        self.offices: frozenset[str] = frozenset(relevance["office_nouns"])
        self.fighters: frozenset[str] = frozenset(relevance["fighter_nouns"])
        self.parties: frozenset[str] = frozenset(relevance["party_entities"])
        self.violent_families: frozenset[str] = frozenset(relevance["violent_families"])
        self.evidence_families: frozenset[str] = frozenset(relevance["evidence_families"])
        self.harm_kinds: frozenset[str] = frozenset(relevance["harm_kinds"])
        self.toll_kind: str = relevance["toll_kind"]
        self.loose_kinds: frozenset[str] = frozenset(relevance["loose_kinds"])
        self.self_anchoring: frozenset[str] = frozenset(relevance["self_anchoring_kinds"])
        self.crowds: frozenset[str] = frozenset(relevance["crowd_kinds"])
        self.gathering_families: frozenset[str] = frozenset(relevance["gathering_families"])
        self.war_weapons: frozenset[str] = frozenset(relevance["war_weapon_kinds"])
        self.deeds: frozenset[str] = frozenset(relevance["deed_kinds"])
        self.weapon_lemmas: frozenset[str] = frozenset(relevance["weapon_lemmas"])
        self.weapon_heads: frozenset[str] = frozenset(relevance["weapon_heads"])
        self.anchors: frozenset[str] = frozenset(relevance["anchor_entities"])
        self.locative: frozenset[str] = frozenset(relevance["locative_prepositions"])
        self.hops: int = int(relevance["clause_hops"])
        self.lead_paragraphs: int = int(relevance["lead_paragraphs"])
        self.clause_links: frozenset[str] = frozenset(relevance["clause_links"])

    def clause(self, doc: Doc, trigger: int) -> tuple[int, int] | None:
        """The characters of the clause the cue at `trigger` belongs to: the subtree of the first
        verb at or above it (at most `hops` heads up), else of the cue's own phrase."""
        token = token_at(doc, trigger)
        if token is None:
            return None
        node = token
        for _ in range(self.hops):
            if node.pos_ == "VERB" or node.head.i == node.i:
                break
            node = node.head  # an auxiliary ("must") belongs to the verb it helps
        if node.pos_ not in ("VERB", "AUX"):
            return char_range(token)
        # A relative, chained or adverbial clause shares its doer with the clause it hangs on:
        # "militants held a court which executed a man", "fired mortars and attacked".
        for _ in range(self.hops):
            if node.dep_ not in self.clause_links or node.head.i == node.i:
                break
            node = _verb_above(node.head, self.hops)
        return char_range(node)

    def _actors_in(self, actors: Sequence[Actor], span: tuple[int, int], kinds: Iterable[str]) -> bool:
        wanted = set(kinds)
        return any(span[0] <= a.start < span[1] and a.kind in wanted for a in actors)

    def _entities_in(self, sent: Span, span: tuple[int, int], labels: frozenset[str]) -> bool:
        return any(e.label_ in labels and span[0] <= e.start_char < span[1] for e in sent.ents)

    def _places_in(self, places: Sequence[dict[str, Any]], span: tuple[int, int]) -> bool:
        return any(
            isinstance(p.get("start"), int) and span[0] <= p["start"] < span[1] and p.get("role") != "actor"
            for p in places
        )

    def weapon_named(self, doc: Doc, draft: DraftEvent, hits: Sequence[CueHit]) -> bool:
        """The draft's sentence names a weapon of war being used: a cue of a weapon kind that is
        whole words and heads its phrase (not "shell companies", not the start of "Tankspritze"),
        or a noun of ``weapon_lemmas``, beside another violent cue ("fired mortars", "explosions
        involving unknown weapons"); or a deed that is harm whatever the words around it (rape,
        abduction). One weapon word alone ("a chocolate shell", "Lancet.") is not enough."""
        sent = draft.sent
        violent = [
            h
            for h in hits
            if h.family in self.violent_families and sent.start_char <= h.start < sent.end_char
        ]
        weapons = [h for h in violent if self._is_weapon(doc, h)]
        if any(h.kind in self.deeds and doc.char_span(h.start, h.end) is not None for h in violent):
            return True
        lemmas = [
            t.idx
            for t in sent
            if t.pos_ == "NOUN"
            and t.lemma_.lower() in self.weapon_lemmas
            and not any(h.start <= t.idx < h.end for h in violent)
        ]
        if weapons:
            # A weapon named in two words or more ("small arms", "air strike") is one alone.
            multiword = any(len(doc.text[h.start : h.end].split()) > 1 for h in weapons)
            return multiword or len(violent) > 1 or bool(lemmas)
        return bool(lemmas) and bool(violent)

    def _is_weapon(self, doc: Doc, hit: CueHit) -> bool:
        """The cue is whole words naming a weapon and heads its phrase: of a weapon kind, or of
        another violent kind with a weapon as its head ("small arms" among the fighting words)."""
        words = doc.char_span(hit.start, hit.end)
        if words is None or not len(words):
            return False  # the cue ends inside a word
        last = words[-1]
        if last.dep_ == "compound" and last.head.i > last.i and last.head.pos_ == "NOUN":
            return False
        if hit.kind not in self.war_weapons and last.lemma_.lower() not in self.weapon_heads:
            return False
        return last.pos_ in ("NOUN", "PROPN")

    def place_named(self, doc: Doc, places: Sequence[dict[str, Any]], sent: Span) -> bool:
        """The paragraph of `sent` anchors it in the world: a place the places component found,
        a place or a people (an entity of ``anchor_entities``), or a proper noun in the phrase of
        a locative preposition ("near Zolote", "in the vicinity of Miiracad village")."""
        lo, hi = _paragraph(doc_text(doc), sent)
        if self._places_in(places, (lo, hi)):
            return True
        para = doc.char_span(lo, hi, alignment_mode="expand")
        if para is None:
            return False
        if any(t.ent_type_ in self.anchors for t in para):
            return True
        return any(
            t.lower_ in self.locative and any(w.pos_ == "PROPN" for w in t.subtree)
            for t in para
            if t.pos_ == "ADP"
        )

    def shows_conflict(
        self,
        doc: Doc,
        draft: DraftEvent,
        actors: Sequence[Actor],
        places: Sequence[dict[str, Any]],
        weapon: bool,
    ) -> bool:
        """The draft's own sentence shows a happening of conflict: an armed actor or its victims
        in the clause of a violent or military cue, or a gathering in a named place or of a people;
        and, as ACLED's events do, it happens somewhere (a place in its paragraph), unless armed
        actors and their weapons say it together ("fighters fired mortars at the army")."""
        if draft.family not in self.evidence_families:
            return False
        span = self.clause(doc, draft.trigger)
        if span is None:
            return False
        armed = self._actors_in(actors, span, self.armed)
        if not self.place_named(doc, places, draft.sent):
            return self._speaks_for_itself(draft, actors, span, armed, weapon)
        if armed:
            return True
        lead = (_paragraph(doc_text(doc), draft.sent)[0], draft.sent.start_char)
        if draft.kinds - self.loose_kinds and self._actors_in(actors, lead, self.armed):
            return True  # "Militiamen exchanged shots near X. A man was killed in the clash."
        if draft.kinds & self.force_harm and self._actors_in(actors, span, self.forces):
            return True
        if draft.family in self.violent_families and weapon:
            return True
        # Harm done to people: a harmful deed, or a death in a fight ("killed during the clash").
        harm = bool(draft.kinds & self.harm_kinds) or (self.toll_kind in draft.kinds and len(draft.kinds) > 1)
        if harm and self._actors_in(actors, span, self.victims):
            return True
        # A gathering is its own happening: anyone may hold one, so a place or a people named
        # in its sentence is enough.
        sent = (draft.sent.start_char, draft.sent.end_char)
        return (
            draft.family in self.gathering_families
            and self._names_gathering(doc, draft.trigger)
            and (self._places_in(places, sent) or self._entities_in(draft.sent, sent, self.entities))
        )

    def _speaks_for_itself(
        self, draft: DraftEvent, actors: Sequence[Actor], span: tuple[int, int], armed: bool, weapon: bool
    ) -> bool:
        """With no place named, the actors alone can still make it real: an armed actor that is
        someone's or of a kind no story invents lightly (gunmen, rebels), armed actors with
        their weapons, or a crowd named in a gathering ("protesters", "residents rallied");
        "enemy soldiers" of no one's, as in a game, cannot."""
        inside = [a for a in actors if span[0] <= a.start < span[1]]
        if any(
            a.kind in self.armed and (a.name or a.country or a.kind in self.self_anchoring) for a in inside
        ):
            return True
        if armed and weapon and draft.family in self.violent_families:
            return True
        return draft.family in self.gathering_families and any(a.kind in self.crowds for a in inside)

    @staticmethod
    def _names_gathering(doc: Doc, trigger: int) -> bool:
        """The cue names a gathering that happened: a verb ("workers protested"), or a noun that
        is a verb's subject or object ("held a protest", "a rally took place") or the object of a
        preposition on a verb ("blocked a road in protest"); not a kind of something else ("a
        protest vote") nor a word in passing."""
        token = token_at(doc, trigger)
        if token is None:
            return False
        if token.pos_ == "VERB":
            return token.dep_ not in ("amod", "compound")  # a parse may hang "X protested" anywhere
        if token.dep_ == "pobj":  # "blocked a road in protest", "clashed at a rally"
            return token.head.head.pos_ == "VERB"
        return token.dep_ in ("nsubj", "nsubjpass", "dobj") and token.head.pos_ == "VERB"

    def has_political_actor(
        self, doc: Doc, draft: DraftEvent, actors: Sequence[Actor], conflict: bool, named: bool = False
    ) -> bool:
        """The clause of the draft's cue has a political actor: one the lexicon knows (a state,
        a government's forces, an armed group), a named country, city or people, a holder of
        political office or an institution ("the president", "officials", "parliament"), or a
        named organisation (UNITA, the UN, the EU).
        With `named`, only a named one or an office: a country, a people, an actor the lexicon
        names or gives a country, a leader; not a fighter of no one's ("enemy soldiers" in a game)."""
        span = self.clause(doc, draft.trigger)
        if span is None:
            return False
        labels = self.entities if named else self.entities | self.parties
        if self._entities_in(draft.sent, span, labels):
            return True
        known = [a for a in actors if not named or a.name or a.country]
        if self._actors_in(known, span, self.political):
            return True
        nouns = self.offices if named else self.offices | self.fighters
        return any(
            span[0] <= t.idx < span[1] and t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in nouns
            for t in draft.sent
        )

    def judge(
        self,
        doc: Doc,
        drafts: Sequence[DraftEvent],
        actors: Sequence[Actor],
        places: Sequence[dict[str, Any]],
        hits: Sequence[CueHit],
    ) -> Verdict:
        weapons = [self.weapon_named(doc, d, hits) for d in drafts]
        shown = [self.shows_conflict(doc, d, actors, places, w) for d, w in zip(drafts, weapons, strict=True)]
        conflict = any(shown)
        text = doc_text(doc)
        # Where conflict is reported: the paragraphs that show it, or the whole article when its
        # lead does (a war report); a stray mention deep in a long piece opens only its paragraph.
        shown_paras = {_paragraph(text, d.sent) for d, own in zip(drafts, shown, strict=True) if own}
        lead_stop = lead_end(text, self.lead_paragraphs)
        whole = any(lo < lead_stop for lo, _ in shown_paras)
        keep: list[bool] = []
        typed: list[bool] = []
        for draft, own, weapon in zip(drafts, shown, weapons, strict=True):
            in_conflict = whole or _paragraph(text, draft.sent) in shown_paras
            if draft.family in self.violent_families:
                # Violence by a named party: in a report of conflict a strike by a state ("Russia
                # struck Odesa") is an event; elsewhere ("Norway would defend Saudi Arabia if it
                # is attacked") it keeps its PLOVER category, no ACLED type. No organisation
                # counts here: "Marsh fired a shot" is a footballer's.
                named = own or self.has_political_actor(doc, draft, actors, False, named=True)
                ok = own or weapon or named if in_conflict else named
                keep.append(ok)
                typed.append(in_conflict and ok)
            else:
                political = own or self.has_political_actor(doc, draft, actors, conflict)
                keep.append(political)
                typed.append(in_conflict and political)
        return Verdict(conflict, keep, typed)
