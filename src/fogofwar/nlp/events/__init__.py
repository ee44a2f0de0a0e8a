"""The `fogofwar_events` component: what happened, where, when, by whom, to whom, with what toll.

Writes ``doc._.events``: a list of dicts keyed by the fields of :class:`fogofwar.model.Event`,
coded with ACLED's event and sub-event types and a PLOVER category (``knowledge/events.json``
documents the taxonomy and holds the cue lexicons). It reads what earlier components wrote and
finds none of it again: ``doc._.places`` for the place, ``doc._.times`` for the date,
``doc._.figures`` for killed counts, ``doc._.claims`` for the claim that carries an event.

How an event is found:

* One pass of one compiled pattern finds every cue phrase ("shelled", "drone strike",
  "grenade launchers", "agreed") and labels it with a *kind*; kinds fall into *families*
  (violence, protest, agreement, arrest, talks ...). Another pass finds the actors.
* Per sentence, each family present makes one event; the violent kinds of a sentence make a
  single event whose ACLED sub-event type follows the codebook's logic: how the harm was done
  (heavy weapons from afar, air, planted devices, a thrown grenade, close fighting) and whom it
  hit (armed groups able to answer, or civilians). A sentence that only counts the dead
  ("Two soldiers were killed") adds to the event before it instead of making a new one.
* Events of a sentence are ordered by how high their cue sits in the parse (the main clause
  first), sentences in text order; so the first event, the one the record calls the main
  event, is the main clause of the first sentence that reports a happening.

The modules follow those steps: ``cues`` (matching the lexicon), ``drafts`` (one event per family
per sentence), ``actors`` (actor1 and actor2, and their ACLED names), ``coding`` (ACLED type,
sub-event type, PLOVER) and ``attach`` (place, date, toll and claim from the earlier components).
This module holds the component that runs them and the factory; the factory's ``lexicon`` names
the lexicon (``pipeline.cfg``), bundled or a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from fogofwar.knowledge import event_taxonomy
from fogofwar.nlp.doctext import doc_text
from fogofwar.nlp.events.actors import (
    ActorNamer,
    RoleFinder,
    coded_roles,
    first_of_kinds,
    in_sentence,
    mark_answered,
)
from fogofwar.nlp.events.attach import (
    TollReader,
    claim_of,
    main_country,
    pick_date,
    pick_place,
    without_outer_space,
)
from fogofwar.nlp.events.coding import EventCoder
from fogofwar.nlp.events.cues import Actor, ActorCues, CueHit, EventCues
from fogofwar.nlp.events.drafts import DraftEvent, FamilyMerger, draft_events
from fogofwar.nlp.events.happenings import Happenings
from fogofwar.nlp.events.relevance import RelevanceGate, lead_end

__all__ = ["Actor", "CueHit", "DraftEvent", "EventsFinder", "make_events"]

# Families whose events carry a toll.
_WITH_FATALITIES = ("violence", "protest", "riot")


class EventsFinder:
    """Finds events in a Doc; built by the registered factory from a lexicon (a bundled name or
    the path of a file shaped like ``knowledge/events.json``)."""

    def __init__(self, nlp: Language, lexicon: str = "events") -> None:
        data = event_taxonomy(lexicon)
        self.family_order = {name: i for i, name in enumerate(data["family_order"])}
        self.event_cues = EventCues(data)
        self.actor_cues = ActorCues(data)
        self.merger = FamilyMerger(data["role_words"]["topic_after"])
        self.role_finder = RoleFinder(data["role_words"])
        self.coder = EventCoder(data)
        self.namer = ActorNamer(data)
        self.happenings = Happenings(data["happenings"], data["relevance"]["locative_prepositions"])
        self.tolls = TollReader(data["tolls"], self.happenings)
        self.gate = RelevanceGate(data["relevance"])
        # Statements about violence and tallies of a period are not that violence.
        self.violent = frozenset(data["relevance"]["violent_families"]) | {data["relevance"]["toll_kind"]}

    def hits(self, text: str) -> list[CueHit]:
        """Every cue phrase of a kind of happening in `text`."""
        return self.event_cues.hits(text)

    def find_actors(self, text: str) -> list[Actor]:
        """Every actor mention in `text`."""
        return self.actor_cues.mentions(text)

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.events(doc)
        return doc

    def events(self, doc: Doc) -> list[dict[str, Any]]:
        text = doc_text(doc)
        hits = self.hits(text)
        if not hits:
            return []
        actors = [a for a in self.find_actors(text) if a.kind != "observer"]
        places = [p for p in doc._.places or [] if isinstance(p, dict)]
        times = [t for t in doc._.times or [] if isinstance(t, dict)]
        sents = list(doc.sents)
        happenings = self.happenings
        drafts = sorted(
            draft_events(
                doc,
                text,
                sents,
                hits,
                self.merger,
                split=lambda sent, sent_hits: happenings.clause_spans(doc, sent, sent_hits, places),
                is_tally=lambda start: happenings.period_tally(doc, start),
                is_cue=lambda hit: not happenings.preposition(doc, hit.start),
            ),
            key=lambda e: (e.sent.start, e.depth, self.family_order.get(e.family, 99), e.trigger),
        )
        drafts = self._happenings_only(doc, drafts, hits, places, times)
        for event in drafts:
            event.actor1, event.actor2 = self.role_finder.roles(
                doc, text, event.trigger, in_sentence(actors, event.sent)
            )
        # Relevance before coding: only what the parse shows to be a happening is coded.
        verdict = self.gate.judge(doc, drafts, actors, places, hits)
        kept = [
            (
                d,
                t
                and (
                    d.family not in happenings.words.claims or happenings.anchored_part(doc, d.sent, places)
                ),
            )
            for d, k, t in zip(drafts, verdict.keep, verdict.typed, strict=True)
            if k
        ]
        context = _Context(
            doc, text, sents, actors, places, main_country(places), self.tolls.split_share(text)
        )
        kept = self._one_per_happening(context, kept, times)
        drafts = [d for d, _ in kept]
        mark_answered(text, drafts)
        records = [self._record(context, e, n, typed) for n, (e, typed) in enumerate(kept, 1)]
        title = doc._.title if isinstance(doc._.title, str) else ""
        if title:
            ordered = self.happenings.main_first(
                records, drafts, self.hits(title), title, places, lead_end(text, self.gate.lead_paragraphs)
            )
            for n, record in enumerate(ordered, 1):
                record["id"] = f"e{n}"
            records = ordered
        return records

    def _happenings_only(
        self,
        doc: Doc,
        drafts: list[DraftEvent],
        hits: list[CueHit],
        places: list[dict[str, Any]],
        times: list[dict[str, Any]],
    ) -> list[DraftEvent]:
        """The drafts that report a happening: not a cue that is what someone condemns, denies,
        demands or threatens, not a violent cue that is only said (claimed with no place or day)
        or says nothing happened ("no ship was hit"), and nothing of a sentence that counts a
        period ("killed since February 2022")."""
        happenings = self.happenings
        tallies = [
            h.start for h in hits if h.family in self.violent and happenings.period_tally(doc, h.start)
        ]
        kept = []
        for d in drafts:
            if any(d.sent.start_char <= start < d.sent.end_char for start in tallies):
                continue
            violent = d.family in self.violent
            if violent and happenings.negated(doc, d.trigger):
                continue
            if happenings.statement_only(doc, d.trigger, places, times, stance_only=not violent):
                continue
            kept.append(d)
        return kept

    def _one_per_happening(
        self, context: _Context, kept: list[tuple[DraftEvent, bool]], times: list[dict[str, Any]]
    ) -> list[tuple[DraftEvent, bool]]:
        """Later cues that tell more of a coded happening (no place or day of their own, same
        paragraph or "the attack") add their sentences to it instead of making events of their own.
        The happening keeps its own actors: a later sentence's subject is often someone else (the
        army answering, the police counting the dead)."""
        out: list[tuple[DraftEvent, bool]] = []
        last: DraftEvent | None = None
        where: tuple[dict[str, Any] | None, dict[str, str | None] | None] = (None, None)
        for draft, typed in kept:
            if not typed:
                out.append((draft, typed))
                continue
            if last is not None and self.happenings.continues(
                context.doc, context.text, last, draft, where, context.places, times
            ):
                last.scope.extend(s for s in draft.scope if s not in last.scope)
                last.quiet.extend(draft.quiet)
                continue
            out.append((draft, typed))
            if draft.family in self.happenings.words.mergeable:
                last = draft
                index, (date, _assumed) = context.place_and_date(draft)
                where = (context.places[index] if index is not None else None, date)
        return out

    def _record(self, context: _Context, event: DraftEvent, ordinal: int, typed: bool) -> dict[str, Any]:
        """The event as the plain dict of :class:`fogofwar.model.Event`."""
        doc, text = context.doc, context.text
        in_sent = in_sentence(context.actors, event.sent)
        actor1, actor2 = event.actor1, event.actor2
        place, (date, assumed) = context.place_and_date(event)
        where = (context.places[place].get("country_code") if place is not None else None) or context.country
        if event.family == "protest":
            actor2 = first_of_kinds(in_sent, {"police", "military"})  # the force that met the crowd
        type_, subtype, plover = self.coder.code(event.family, event.kinds, actor1, actor2, in_sent, where)
        if not typed:  # outside a report of conflict ACLED codes nothing; PLOVER still does
            type_, subtype = None, None
        actor1, actor2 = coded_roles(event.family, type_, actor1, actor2, where)
        start, end = without_outer_space(text, event.sent.start_char, event.sent.end_char)
        return {
            "id": f"e{ordinal}",
            "text": text[start:end],
            "start": start,
            "end": end,
            "type": type_,
            "subtype": subtype,
            "plover": plover,
            "actor1": self.namer.name(actor1, where),
            "actor2": self.namer.name(actor2, where),
            "place": place,
            "date": date,
            "fatalities": self.tolls.fatalities(doc, event, context.share)
            if event.family in _WITH_FATALITIES
            else None,
            "claim": claim_of(doc, event.trigger),
            "date_assumed": assumed,
        }


@dataclass(frozen=True)
class _Context:
    """What every event of one Doc is coded against."""

    doc: Doc
    text: str
    sents: list[Span]
    actors: list[Actor]  # every actor mention of the Doc
    places: list[dict[str, Any]]
    country: str | None  # where most of the article's places are
    share: int | None  # each event's toll when an ACLED-style note shares one out
    # Each draft's place and date (by id: a draft is read while merging and again for its record).
    picked: dict[int, tuple[int | None, tuple[dict[str, str | None] | None, bool]]] = field(
        default_factory=dict
    )

    def place_and_date(
        self, event: DraftEvent
    ) -> tuple[int | None, tuple[dict[str, str | None] | None, bool]]:
        """The event's place (an index into `places`) and its date with whether it is assumed."""
        key = id(event)
        if key not in self.picked:
            place = pick_place(self.doc, event, self.places, self.actors, event.actor1, self.sents)
            self.picked[key] = (place, pick_date(self.doc, event))
        return self.picked[key]


@Language.factory("fogofwar_events", default_config={"lexicon": "events"})
def make_events(nlp: Language, name: str, lexicon: str) -> EventsFinder:
    return EventsFinder(nlp, lexicon)
