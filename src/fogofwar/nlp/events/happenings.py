"""One event per happening: what a sentence's cues are about, read on the parse.

A news article tells a happening over several sentences (the strike, its toll, its aftermath),
puts two happenings in one sentence ("stormed a base near Afgooye, and a roadside bomb killed four
soldiers outside Marka"), and reports statements about violence ("condemned the attack", "said it
had killed hundreds since the offensive began") that are not that violence. This module decides,
from the dependency parse and the places and times the earlier components found:

* :meth:`Happenings.statement_only`: the cue is what someone condemns, denies, threatens (a verb of
  ``stance_lemmas`` above it), or what a speaker says it did with no place and no day of its own
  (a verb of ``speech_lemmas`` before it, the cue in its complement);
* :meth:`Happenings.period_tally`: the cue's clause counts a period ("since February 2022");
* :meth:`Happenings.clause_spans`: conjoined clauses that each name a place of their own are
  separate happenings;
* :meth:`Happenings.continues`: a later cue that names no place and no day of its own (in the same
  paragraph, or a definite "the attack" anywhere after) tells more of the happening before it;
* :meth:`Happenings.main_first`: the happening of the headline and the lead is the main event.

The word lists are data (``knowledge/events.json``, section ``happenings``). No per-token pass
over the whole Doc: each check walks up from one cue token or reads one sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.events.cues import CueHit
from fogofwar.nlp.events.drafts import DraftEvent, char_range, same_paragraph, token_at, verb_at_or_above

_VERBS = ("VERB", "AUX")
# Two mentions this close (km) name the same place ("Gaza" and "Gaza City").
_SAME_PLACE_KM = 25.0
# How far up the parse a cue is followed: a clause is rarely deeper than this.
_MAX_HOPS = 12


@dataclass(frozen=True)
class HappeningWords:
    """The ``happenings`` section of the events lexicon."""

    speech: frozenset[str]
    stance: frozenset[str]
    path_deps: frozenset[str]
    period: frozenset[str]
    zero_heads: frozenset[str]
    none_words: frozenset[str]
    distance: frozenset[str]
    anaphoric: frozenset[str]
    mergeable: frozenset[str]
    claims: frozenset[str]
    conditions: frozenset[str]
    directives: frozenset[str]

    @classmethod
    def from_lexicon(cls, spec: dict[str, Any]) -> HappeningWords:
        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in spec[key])

        return cls(
            speech=words("speech_lemmas"),
            stance=words("stance_lemmas"),
            path_deps=words("statement_path_deps"),
            period=words("period_words"),
            zero_heads=words("zero_toll_heads"),
            none_words=words("none_words"),
            distance=words("distance_words"),
            anaphoric=words("anaphoric_determiners"),
            mergeable=words("mergeable_families"),
            claims=words("claim_families"),
            conditions=words("condition_markers"),
            directives=words("directive_lemmas"),
        )


def usable_time(t: Any) -> bool:
    """A time that dates something: a date or a time of day with a range (not a duration or a set)."""
    if not isinstance(t, dict) or t.get("timex_type") in ("DURATION", "SET"):
        return False
    rng = t.get("range")
    return isinstance(rng, dict) and bool(rng.get("begin") or rng.get("end"))


def time_range(t: dict[str, Any]) -> dict[str, str | None]:
    """A usable time's range with both ends: a missing begin or end is the other one."""
    rng = t["range"]
    return {"begin": rng.get("begin") or rng.get("end"), "end": rng.get("end") or rng.get("begin")}


def _dated(span: tuple[int, int], times: Sequence[dict[str, Any]]) -> bool:
    """A time that dates something starts inside the characters `span`."""
    return any(span[0] <= t.get("start", -1) < span[1] and usable_time(t) for t in times)


def _km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    try:
        lat1, lon1, lat2, lon2 = (math.radians(float(x)) for x in (a["lat"], a["lon"], b["lat"], b["lon"]))
    except (KeyError, TypeError, ValueError):
        return None
    d = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, d)))


def same_place(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Two place mentions name one place: the same name, or coordinates a few km apart."""
    if a is None or b is None:
        return False
    name_a, name_b = str(a.get("name") or a.get("text") or ""), str(b.get("name") or b.get("text") or "")
    if name_a and name_a.lower() == name_b.lower():
        return True
    km = _km(a, b)
    return km is not None and km <= _SAME_PLACE_KM


class Happenings:
    """The parse rules that make one event per happening (see the module's doc)."""

    def __init__(self, spec: dict[str, Any], locative: Sequence[str]) -> None:
        self.words = HappeningWords.from_lexicon(spec)
        self.locative = frozenset(w.lower() for w in locative)

    # -- statements and tallies -------------------------------------------------------------

    def period_tally(self, doc: Doc, trigger: int) -> bool:
        """The cue's clause counts a period: "have been killed since October", "had lost 5,000
        servicemen since the start of its incursion"."""
        token = token_at(doc, trigger)
        if token is None:
            return False
        verb = verb_at_or_above(token)
        near = [*token.children, *verb.children]
        # "since the offensive began": the marker sits on the clause that hangs on the verb.
        near += [g for c in verb.children if c.dep_ in ("advcl", "prep", "npadvmod") for g in c.children]
        return any(c.lower_ in self.words.period and c.dep_ in ("prep", "mark") for c in near)

    def negated(self, doc: Doc, trigger: int) -> bool:
        """The cue says nothing happened: "no US ship was hit", "did not attack"."""
        token = token_at(doc, trigger)
        if token is None:
            return False
        for node in {token, verb_at_or_above(token)}:
            for c in node.children:
                if c.dep_ == "neg":
                    return True
                if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (
                    c.lower_ in self.words.none_words
                    or any(d.dep_ == "det" and d.lower_ in self.words.none_words for d in c.children)
                ):
                    return True
        return False

    @staticmethod
    def preposition(doc: Doc, start: int) -> bool:
        """The cue word is used as a preposition ("according to", "following"): it heads no
        clause and tells no happening."""
        token = token_at(doc, start)
        return token is not None and token.dep_ == "prep" and token.pos_ in _VERBS

    def statement_only(
        self,
        doc: Doc,
        trigger: int,
        places: Sequence[dict[str, Any]],
        times: Sequence[dict[str, Any]],
        stance_only: bool = False,
    ) -> bool:
        """The cue is the object of a stance ("condemned the attack", "threatened to strike") or
        what a speaker says happened with no place and no day of its own ("JNIM said its fighters
        had targeted militia members"); not the wire's "X killed Y, officials said". With
        `stance_only`, only the first ("demanding a ceasefire deal" is no agreement)."""
        token = token_at(doc, trigger)
        if token is None:
            return False
        node = token
        for _ in range(_MAX_HOPS):
            head = node.head
            if head.i == node.i or not self._on_statement_path(node):
                return False
            if head.pos_ == "VERB":
                lemma = head.lemma_.lower()
                if lemma in self.words.stance or (lemma in self.words.directives and not stance_only):
                    # "condemned Sunday's attack near Goma", "the shelling of Kharkiv, which killed
                    # three": a happening with its place and its day or toll is reported even
                    # inside a stance; "condemned the attack" is only a stance.
                    return stance_only or not self._dated_place(doc, char_range(node), places, times)
                if stance_only:
                    node = head
                    continue
                if lemma in self.words.speech and node.dep_ in ("ccomp", "dobj") and head.i < token.i:
                    return not self._anchored(doc, char_range(node), places, times)
            node = head
        return False

    def anchored_part(self, doc: Doc, part: Span, places: Sequence[dict[str, Any]]) -> bool:
        """The sentence (or clause) names a place where something is."""
        return bool(self.places_in(doc, (part.start_char, part.end_char), places))

    def _on_statement_path(self, node: Token) -> bool:
        """`node` hangs on its head as part of what is said or wanted: an object or complement, or
        an infinitive of purpose ("demanding a deal to free the hostages") or a condition ("if the
        group continued attacks"); not a clause of time
        or cause ("after rebels attacked the town, the government vowed ...")."""
        if node.dep_ in self.words.path_deps:
            return True
        if node.dep_ != "advcl":
            return False
        return any(
            (c.dep_ == "aux" and c.tag_ == "TO") or (c.dep_ == "mark" and c.lower_ in self.words.conditions)
            for c in node.children
        )

    def _anchored(
        self,
        doc: Doc,
        span: tuple[int, int],
        places: Sequence[dict[str, Any]],
        times: Sequence[dict[str, Any]],
    ) -> bool:
        """The characters name where or when: a place (not a distance's reference point) or a day."""
        if _dated(span, times):
            return True
        return bool(self.places_in(doc, span, places)) or self._locative_name(doc, span, None)

    def _dated_place(
        self,
        doc: Doc,
        span: tuple[int, int],
        places: Sequence[dict[str, Any]],
        times: Sequence[dict[str, Any]],
    ) -> bool:
        """The characters name where, and when or what it did ("the shelling of Kharkiv, which
        killed three people")."""
        if not self.places_in(doc, span, places):
            return False
        if _dated(span, times):
            return True
        words = doc.char_span(span[0], span[1], alignment_mode="expand")
        return words is not None and any(
            t.pos_ == "VERB" and t.lemma_.lower() in self.words.zero_heads for t in words
        )

    def _is_reference_point(self, doc: Doc, start: int) -> bool:
        """ "30 kilometres north-west of Mogadishu": the place a distance is measured from."""
        token = token_at(doc, start)
        for _ in range(4):
            if token is None or token.head.i == token.i:
                return False
            token = token.head
            if token.lemma_.lower() in self.words.distance or token.lower_ in self.words.distance:
                return True
        return False

    def places_in(
        self, doc: Doc, span: tuple[int, int], places: Sequence[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The places named in `span` as where something is (no actor's name, no reference point)."""
        lo, hi = span
        return [
            p
            for p in places
            if isinstance(p.get("start"), int)
            and lo <= p["start"] < hi
            and p.get("role") != "actor"
            and not self._is_reference_point(doc, p["start"])
            and not self._names_actor(doc, p)
        ]

    @staticmethod
    def _names_actor(doc: Doc, place: dict[str, Any]) -> bool:
        """ "Poland scrambled jets", "Russia's troops": a place name as a clause's subject or a
        possessor stands for its state, not for where something happened."""
        start, end = place["start"], place.get("end")
        words = doc.char_span(start, end if isinstance(end, int) else start + 1, alignment_mode="expand")
        if words is None or not len(words):
            return False
        return words.root.dep_ in ("nsubj", "nsubjpass", "poss")

    def _locative_name(self, doc: Doc, span: tuple[int, int], other_than: dict[str, Any] | None) -> bool:
        """A proper noun after a locative preposition ("near Bulo Burde") that the places
        component did not resolve, and that is not `other_than`'s name."""
        words = doc.char_span(span[0], span[1], alignment_mode="expand")
        if words is None:
            return False
        skip = str(other_than.get("text") or "") if other_than else ""
        for t in words:
            if t.pos_ != "ADP" or t.lower_ not in self.locative:
                continue
            names = [w for w in t.subtree if w.pos_ == "PROPN"]
            if (
                names
                and not (skip and all(w.text in skip for w in names))
                and not self._is_reference_point(doc, names[0].idx)
            ):
                return True
        return False

    # -- two happenings in one sentence -------------------------------------------------------

    def clause_spans(
        self, doc: Doc, sent: Span, hits: Sequence[CueHit], places: Sequence[dict[str, Any]]
    ) -> list[Span]:
        """The parts of `sent` that report a happening each: conjoined clauses that each hold
        cues and name a place of their own, different from the others'; else the sentence."""
        heads: dict[int, Token] = {}
        for hit in hits:
            token = token_at(doc, hit.start)
            head = self._conjunct_clause(token) if token is not None else None
            if head is not None:
                heads[head.i] = head
        if not heads:
            return [sent]
        starts = [sent.start, *sorted(h.left_edge.i for h in heads.values())]
        spans = []
        for begin, after in zip(starts, [*starts[1:], sent.end], strict=True):
            end = after
            while end > begin + 1 and doc[end - 1].dep_ in ("cc", "punct"):
                end -= 1  # the "and" and comma that join the clauses belong to neither
            spans.append(doc[begin:end])
        named = [self.places_in(doc, (s.start_char, s.end_char), list(places)) for s in spans]
        with_hits = [any(s.start_char <= h.start < s.end_char for h in hits) for s in spans]
        if not all(named) or not all(with_hits):
            return [sent]
        for i, first in enumerate(named):
            if any(same_place(first[0], other[0]) for other in named[i + 1 :]):
                return [sent]
        return spans

    @staticmethod
    def _conjunct_clause(token: Token) -> Token | None:
        """The head of the conjoined clause (a verb that is a `conj` of a verb) holding `token`."""
        node = token
        for _ in range(_MAX_HOPS):
            if node.dep_ == "conj" and node.pos_ in _VERBS and node.head.pos_ in _VERBS:
                return node
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    # -- one happening over several sentences -------------------------------------------------

    def anaphoric(self, doc: Doc, starts: Sequence[int]) -> bool:
        """A cue noun with a definite determiner: "The attack on the base", "the blast"."""
        for start in starts:
            token = token_at(doc, start)
            if (
                token is not None
                and token.pos_ == "NOUN"
                and any(c.dep_ == "det" and c.lower_ in self.words.anaphoric for c in token.children)
            ):
                return True
        return False

    def continues(
        self,
        doc: Doc,
        text: str,
        earlier: DraftEvent,
        later: DraftEvent,
        context: tuple[dict[str, Any] | None, dict[str, str | None] | None],
        places: Sequence[dict[str, Any]],
        times: Sequence[dict[str, Any]],
    ) -> bool:
        """`later` tells more of the happening of `earlier` (whose place and date are `context`):
        the same kind of happening, in the same paragraph as the last sentence told of it or named
        by a definite noun, and no place or day of its own."""
        if _group(later.family) is None:
            return False
        # The police breaking up a crowd ("Police fired tear gas to disperse them") act in its protest.
        policing = (
            _group(earlier.family) == "crowd" and later.family == "violence" and "intervene" in later.beside
        )
        if _group(earlier.family) != _group(later.family) and not policing:
            return False
        if earlier.family not in self.words.mergeable or later.family not in self.words.mergeable:
            return False
        last = max((s.end_char for s in earlier.scope), default=earlier.sent.end_char)
        if last > later.sent.start_char:
            return False
        if not same_paragraph(text, last, later.sent.start_char) and not self.anaphoric(doc, later.cues):
            return False
        place, date = context
        span = (later.sent.start_char, later.sent.end_char)
        if any(not same_place(p, place) for p in self.places_in(doc, span, places)):
            return False
        if self._locative_name(doc, span, place):
            return False
        return not any(
            span[0] <= t.get("start", -1) < span[1] and usable_time(t) and not _same_day(t, date)
            for t in times
        )

    # -- the main event -----------------------------------------------------------------------

    def says_none_died(self, sent: Span) -> bool:
        """The sentence says nobody died or was hurt: "No one was killed", "no casualties were
        reported", "no soldiers were killed" (a toll of zero, not an unknown one)."""
        for t in sent:
            if t.lemma_.lower() not in self.words.zero_heads:
                continue
            for c in t.children:
                if c.dep_ == "det" and c.lower_ in self.words.none_words:
                    return True
                if c.dep_ in ("nsubj", "nsubjpass") and (
                    c.lower_ in self.words.none_words
                    or any(d.dep_ == "det" and d.lower_ in self.words.none_words for d in c.children)
                ):
                    return True
        return False

    @staticmethod
    def main_first(
        records: list[dict[str, Any]],
        drafts: Sequence[DraftEvent],
        title_hits: Sequence[CueHit],
        title: str,
        places: Sequence[dict[str, Any]],
        lead_end: int,
    ) -> list[dict[str, Any]]:
        """The events with the happening of the headline and the lead first: of the lead's coded
        events, the one whose place the headline names, then the one of the headline's kind of
        happening, then the first; the others keep their order (and all do when the lead has no
        coded event). `drafts` are the records' drafts, in their order."""
        typed = [i for i, r in enumerate(records) if r.get("type")]
        if not typed or not title:
            return records
        families = {h.family for h in title_hits}
        kinds = {h.kind for h in title_hits}
        lowered = title.lower()

        def weight(i: int) -> tuple[bool, bool, bool, bool, bool, int]:
            record, draft = records[i], drafts[i]
            place = places[record["place"]] if record.get("place") is not None else None
            names = {str(place.get(k) or "").lower() for k in ("text", "name")} - {""} if place else set()
            named = any(re.search(r"\b" + re.escape(n) + r"\b", lowered) for n in names)
            lead = record["start"] < lead_end
            # The lead tells the headline's happening: its place named in the headline first, then
            # the kind of happening the headline names, then the lead's first; the words of the
            # headline ("strikes", "kill") only break ties, as every violent event shares some.
            return (
                lead and named,
                named,
                lead and draft.family in families,
                lead,
                bool(draft.kinds & kinds),
                -i,
            )

        # Only the lead's happenings may move first: a coded event deep in the article whose
        # place the headline happens to name is not what the headline reports.
        in_lead = [i for i in typed if records[i]["start"] < lead_end]
        if not in_lead:
            return records
        main = max(in_lead, key=weight)
        return [records[main]] + [r for i, r in enumerate(records) if i != main]


def _group(family: str) -> str | None:
    if family in ("violence", "casualty"):
        return "violence"
    if family in ("protest", "riot"):
        return "crowd"
    return None


def _same_day(t: dict[str, Any], date: dict[str, str | None] | None) -> bool:
    """`t` (a usable time) covers the same days as `date`."""
    if not date:
        return False
    rng = time_range(t)
    return (
        str(date.get("begin") or "")[:10] == str(rng["begin"])[:10]
        and str(date.get("end") or "")[:10] == str(rng["end"])[:10]
    )
