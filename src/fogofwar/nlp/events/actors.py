"""Who acted and whom it was done to (ACLED's actor1 and actor2), and the names ACLED gives them.

The parse decides first (the subject of the cue's clause, the agent of a passive); where it says
nothing, the order of the mentions does, with the words before a mention telling a target ("at the
positions of X") from the one acting ("shelled by X").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.events.cues import Actor
from fogofwar.nlp.events.drafts import DraftEvent, char_range, token_at, verb_at_or_above

# How far before a mention the words that make it a target or the agent are looked for.
_LOOK_BEHIND = 30
# Dependency labels of the clause's subject: the one acting, or (passive) the one it was done to.
_ACTING = ("nsubj", "agent")
_UNDERGOING = "nsubjpass"
# Clauses joined to a verb's that tell the same happening: a complement, a coordinated or
# adverbial clause, one after a semicolon.
_LINKED_CLAUSES = ("ccomp", "conj", "advcl", "parataxis")
# ACLED's types of political violence: each has a perpetrator, named "unidentified" if need be.
# Where a lexicon actor's name takes the name of the country the event happened in.
_COUNTRY_SLOT = "{country}"
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _words(words: Sequence[str]) -> str:
    return "|".join(map(re.escape, words))


def in_sentence(actors: list[Actor], sent: Span) -> list[Actor]:
    return [a for a in actors if sent.start_char <= a.start < sent.end_char]


def first_of_kinds(actors: list[Actor], kinds: set[str]) -> Actor | None:
    return next((a for a in actors if a.kind in kinds), None)


def _clause_verb(doc: Doc, trigger: int) -> Token | None:
    """The verb whose clause the cue belongs to: the cue itself, or a head up to four hops above."""
    verb = token_at(doc, trigger)
    if verb is not None:
        verb = verb_at_or_above(verb, 4)
    if (
        verb is not None
        and verb.dep_ == "conj"
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
    ):
        verb = verb.head  # "... fired mortars and attacked": the first verb's subject
    return verb


def _parsed_roles(doc: Doc, trigger: int, actors: list[Actor]) -> tuple[Actor | None, Actor | None]:
    """The first mention inside the clause's subject (actor1) or passive subject (actor2); when
    the clause names no one acting, the clause it links to does: in "residents were shelled by
    Russian forces; one woman was killed" the toll's clause heads the one that says who fired."""
    verb = _clause_verb(doc, trigger)
    if verb is None:
        return None, None
    actor1, actor2 = _clause_roles(verb, actors)
    if actor1 is None:
        for linked in verb.children:
            if linked.dep_ in _LINKED_CLAUSES and linked.pos_ in ("VERB", "AUX"):
                linked1, linked2 = _clause_roles(linked, actors)
                if linked1 is not None:
                    return linked1, linked2 or actor2
    return actor1, actor2


def _clause_roles(verb: Token, actors: list[Actor]) -> tuple[Actor | None, Actor | None]:
    """The first mention inside `verb`'s subject or agent (actor1) and passive subject (actor2)."""
    actor1: Actor | None = None
    actor2: Actor | None = None
    for child in verb.children:
        if child.dep_ not in (*_ACTING, _UNDERGOING):
            continue
        lo, hi = char_range(child)
        inside = [a for a in actors if lo <= a.start < hi]
        if not inside:
            continue
        if child.dep_ == _UNDERGOING:
            actor2 = inside[0]
        else:
            actor1 = inside[0]
    return actor1, actor2


def _first_target(trigger: int, actors: list[Actor], actor1: Actor | None) -> Actor | None:
    """The first mention after the actor (after the cue, if there is one there)."""
    rest = [a for a in actors if a is not actor1 and (actor1 is None or a.start >= actor1.end)]
    after = [a for a in rest if a.start >= trigger]
    return next(iter(after or rest), None)


class RoleFinder:
    """Decides actor1 and actor2 of a cue among the actor mentions of its sentence."""

    def __init__(self, role_words: dict[str, Any]) -> None:
        self.target_before = re.compile(
            r"(?:\b(?:" + _words(role_words["target_before"]) + r")\s+(?:the\s+)?)$"
        )
        self.agent_before = re.compile(r"\b(?:" + _words(role_words["agent_before"]) + r")\s+(?:the\s+)?$")
        self.undergoes = re.compile(
            "|".join(
                phrase[3:] if phrase.startswith("re:") else r"\s+".join(map(re.escape, phrase.split()))
                for phrase in role_words["undergoes"]
            ),
            re.I,
        )
        self.reporting = frozenset(role_words["reporting_verbs"])

    def roles(
        self, doc: Doc, text: str, trigger: int, actors: list[Actor]
    ) -> tuple[Actor | None, Actor | None]:
        """Who acted and whom it was done to: the subject of the cue's clause (the agent of a
        passive), else the first mention before the cue that is not a target ("at the positions of X")."""
        if not actors:
            return None, None
        actor1, actor2 = _parsed_roles(doc, trigger, actors)
        if actor1 is None:
            # "The JFO reported that ...": who tells of it is not who did it, unless no one else is named.
            doers = [a for a in actors if not self._speaker(doc, text, a)] or actors
            actor1 = self._first_acting(text, trigger, doers, actor2)
        if actor2 is None:
            actor2 = _first_target(trigger, actors, actor1)
        if self.undergoes.search(text, max(0, trigger - 20), trigger + 30):
            # "positions came under fire from the DPR": the subject is the target, the agent acted.
            subject = actor1 if actor1 is not None and actor1.start < trigger else None
            actor1, actor2 = self._agent_after(text, trigger, actors), subject or actor2
        if actor2 is not None and actor2.kind == "state":
            actor2 = None  # "drones at Ukraine": the name says where, not whom
        if actor1 is not None and actor2 is not None and actor1.start == actor2.start:
            actor2 = None
        return actor1, actor2

    def _speaker(self, doc: Doc, text: str, actor: Actor) -> bool:
        """The subject of a verb of saying ("the JFO reported"), or the source after "according to"."""
        if (
            text[max(0, actor.start - 17) : actor.start]
            .lower()
            .rstrip()
            .removesuffix(" the")
            .endswith("according to")
        ):
            return True
        token = token_at(doc, actor.start)
        while (
            token is not None
            and token.dep_ in ("compound", "amod", "det", "poss")
            and token.head.i != token.i
        ):
            token = token.head
        return (
            token is not None
            and token.dep_ in ("nsubj", "nsubjpass")
            and token.head.lemma_.lower() in self.reporting
        )

    def _before(self, text: str, actor: Actor) -> str:
        return text[max(0, actor.start - _LOOK_BEHIND) : actor.start]

    def _first_acting(
        self, text: str, trigger: int, actors: list[Actor], actor2: Actor | None
    ) -> Actor | None:
        """The first mention before the cue, or after it as the agent ("by X"), that is not a target."""
        for actor in actors:
            before = self._before(text, actor)
            if actor is actor2 or self.target_before.search(before):
                continue
            if actor.start < trigger or self.agent_before.search(before):
                return actor
        return None

    def _agent_after(self, text: str, trigger: int, actors: list[Actor]) -> Actor | None:
        return next(
            (a for a in actors if a.start > trigger and self.agent_before.search(self._before(text, a))),
            None,
        )


def _same_side(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    return (a.name, a.country if a.name is None else None) == (b.name, b.country if b.name is None else None)


def mark_answered(text: str, events: list[DraftEvent]) -> None:
    """Fire from afar that the target answered is a battle, not remote violence (the codebook:
    remote violence leaves the target no way to respond). When a later sentence of the same
    paragraph has the target firing back at the attacker, both events count as close combat."""
    violent = [e for e in events if e.family == "violence"]
    for n, event in enumerate(violent):
        para_end = text.find("\n\n", event.sent.end_char)
        para_end = len(text) if para_end < 0 else para_end
        for later in violent[n + 1 :]:
            if later.sent.start_char >= para_end:
                break
            if _same_side(later.actor1, event.actor2) and (
                later.actor2 is None or _same_side(later.actor2, event.actor1)
            ):
                event.kinds.add("answered")
                later.kinds.add("answered")


def coded_roles(
    family: str, type_: str | None, actor1: Actor | None, actor2: Actor | None, where: str | None
) -> tuple[Actor | None, Actor | None]:
    """The actors as the codebook has them once the event is typed: a protest's or a riot's own
    crowd acts, violence against civilians has civilians as its target, and violence always has
    a perpetrator (unidentified when the report names none)."""
    if family == "protest":
        actor1 = Actor(0, 0, "protesters", None, where)
    elif family == "riot":
        actor1 = Actor(0, 0, "rioters", None, where)
        actor2 = actor2 if actor2 is not None and actor2.kind != "rioters" else None
    elif type_ == "Violence against civilians" and (actor2 is None or actor2.kind != "civilians"):
        actor2 = Actor(0, 0, "civilians", None, where)
    if actor1 is None and type_ in VIOLENT_TYPES:
        actor1 = Actor(0, 0, "unidentified", None, where)
    return actor1, actor2


class ActorNamer:
    """ACLED's name for an actor: its own, or the one its kind and country make."""

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.countries: dict[str, dict[str, Any]] = {c["code"]: c for c in lexicon["countries"]}
        names = lexicon["actor_names"]
        self.state_forces: dict[str, tuple[str, str]] = {
            kind: (entry[0], entry[1]) for kind, entry in names["state_forces"].items()
        }
        self.generic: dict[str, str] = dict(names["generic"])

    def name(self, actor: Actor | None, where: str | None) -> str | None:
        if actor is None:
            return None
        code = actor.country or where
        country = self.countries.get(code or "")
        label = country["name"] if country else None
        if actor.name:
            if _COUNTRY_SLOT in actor.name:  # a clan militia: ACLED names it with its country
                return (
                    actor.name.replace(_COUNTRY_SLOT, label)
                    if label
                    else actor.name.replace(f" ({_COUNTRY_SLOT})", "")
                )
            return actor.name
        if actor.kind in self.state_forces:
            field, forces = self.state_forces[actor.kind]
            if country and country.get(field):
                return str(country[field])
            return f"{forces} of {label}" if label else forces
        generic = self.generic.get(actor.kind, actor.kind.title())
        return f"{generic} ({label})" if label else generic
