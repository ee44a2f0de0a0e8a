"""Matching the lexicon in a text: the cue phrases of each kind of happening, and actor mentions.

Both lexicons compile into one :class:`~fogofwar.nlp.cuescan.CueScanner` each, so a text is read
once per lexicon whatever its size (see ``cuescan`` for why not one ``re`` alternation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fogofwar.nlp.cuescan import CueScanner


def cue_regex(cue: str) -> str:
    """A lexicon cue as a pattern: words join on spaces or hyphens, `*` ends a word freely,
    a cue in capitals (NAF, IED) keeps its case, ``re:`` starts a raw pattern."""
    if cue.startswith("re:"):
        return cue[3:]
    words = []
    for word in cue.split(" "):
        star = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace(r"\-", r"[-\s]?")
        words.append(body + (r"\w*" if star else ""))
    pattern = r"[\s-]+".join(words)
    end = r"\b" if re.match(r"\w", cue[-1]) or cue.endswith("*") else ""
    pattern = r"\b" + pattern + end
    if re.search(r"[A-Z]", cue) and not re.search(r"[a-z]", cue):
        return "(?-i:" + pattern + ")"
    return pattern


def cue_scanner(entries: Iterable[tuple[str, str]]) -> CueScanner:
    """Named cues (group name, cue) matched in one pass, longest cue first, so that at any
    position "heavy machine guns" wins over "machine gun" and "grenade launcher" over "grenade"."""
    ordered = sorted(entries, key=lambda e: -len(e[1]))
    return CueScanner([(name, cue_regex(cue)) for name, cue in ordered])


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in words)


def _phrases(words: Iterable[str]) -> str:
    """Like :func:`_alternatives`, but a space stays a plain space: the scanner ranks cues by the
    length of their pattern text, and an escaped space would change which cue wins a position."""
    return "|".join(re.escape(word).replace("\\ ", " ") for word in words)


@dataclass
class CueHit:
    """A cue phrase found in the text, with the kind of happening it names and that kind's family."""

    kind: str
    family: str
    start: int
    end: int


@dataclass
class Actor:
    """An actor: a mention in the text, or (start = end = 0) one the coding supplies."""

    start: int
    end: int
    kind: str  # military|state|rebel|police|unidentified|civilians|protesters|rioters|observer
    name: str | None  # the ACLED-style name, None for the generic ones (named with the country)
    country: str | None


# The kind of an actor's name in the cue scanner: like an "ignore" phrase, it makes no event.
_ACTOR_NAME = "actor name"


class EventCues:
    """The cue phrases of every kind of happening (the lexicon's ``kinds``), in one scanner."""

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.kind_family: dict[str, str | None] = {}
        self.group_kind: dict[str, str] = {}
        entries: list[tuple[str, str]] = []
        for kind, spec in lexicon["kinds"].items():
            self.kind_family[kind] = spec["family"]
            for cue in spec["cues"]:
                group = f"c{len(self.group_kind)}"
                self.group_kind[group] = kind
                entries.append((group, cue))
        # An actor's name hides the cues inside it ("Rapid Support Forces" is no support,
        # "Joint Forces Operation" no cooperation), as an "ignore" phrase does.
        self.kind_family[_ACTOR_NAME] = None
        for actor in lexicon["actors"]:
            for form in actor["forms"]:
                group = f"c{len(self.group_kind)}"
                self.group_kind[group] = _ACTOR_NAME
                entries.append((group, form))
        self.scanner = cue_scanner(entries)
        self.person_objects = re.compile(
            r"^\W*(?:\w+\W+){0,3}?(?:" + _alternatives(lexicon["person_objects"]) + r")\b", re.I
        )

    def hits(self, text: str) -> list[CueHit]:
        hits = []
        for m in self.scanner.finditer(text):
            kind = self.group_kind[m.lastgroup or ""]
            family = self.kind_family[kind]
            if family is None:  # an "ignore" phrase: it only hides the cues inside it
                continue
            if kind == "take" and self.person_objects.match(text, m.end()):
                kind = "small"  # "captured two soldiers": people taken in a fight, not ground
            hits.append(CueHit(kind, family, m.start(), m.end()))
        return hits


# A clan militia's cue stands for no fixed actor: its name is made from the clan's in the match.
_CLAN = "clan"
# "its troops": a pronoun's force, whose actor is that of a mention before it.
_OWN = "own"
# The kinds of mention whose own fighters a pronoun can name.
_OWNERS = frozenset({"state", "military", "police", "rebel"})


class ActorCues:
    """Every way the lexicon says an actor is named, in one scanner: the recurring actors, a
    country's military, state, police and civilians, the generic actors, clan militias."""

    def __init__(self, lexicon: dict[str, Any]) -> None:
        self.group_actor: dict[str, tuple[str, str | None, str | None]] = {}
        self._entries: list[tuple[str, str]] = []
        for actor in lexicon["actors"]:
            for form in actor["forms"]:
                self._add(form, actor["kind"], actor["name"], actor["country"])
        for country in lexicon["countries"]:
            for cue, kind, name in _country_cues(country, lexicon):
                self._add(cue, kind, name, country["code"])
        for kind, forms in lexicon["generic_actors"].items():
            for form in forms:
                self._add(form, kind, None, None)
        clans = lexicon["clan_militias"]
        self._add(clans["cue"], _CLAN, None, None)
        self.clan_name: str = clans["name"]
        own = lexicon["own_forces"]
        self._add(own["cue"], _OWN, None, None)
        self.own_reach: int = own["reach"]
        self.scanner = cue_scanner(self._entries)

    def _add(self, cue: str, kind: str, name: str | None, country: str | None) -> None:
        group = f"a{len(self.group_actor)}"
        self.group_actor[group] = (kind, name, country)
        self._entries.append((group, cue))

    def mentions(self, text: str) -> list[Actor]:
        mentions: list[Actor] = []
        for m in self.scanner.finditer(text):
            kind, name, country = self.group_actor[m.lastgroup or ""]
            if kind == _CLAN:
                # "Habar Gidir and Majeerteen clan militias": the first clan's (the one acting).
                clan = " ".join(m.group().split()[:-2]).split(" and ")[0].title()
                # {country} stays for the namer, which knows where the event happened.
                kind, name = "rebel", self.clan_name.replace("{clan}", clan)
            if kind == _OWN:
                mentions.append(self._owner(mentions, m.start(), m.end()))
                continue
            mentions.append(Actor(m.start(), m.end(), kind, name, country))
        return mentions

    def _owner(self, before: list[Actor], start: int, end: int) -> Actor:
        """ "Moscow said its troops ...": the actor of the nearest state or armed mention before."""
        for actor in reversed(before):
            if actor.end < start - self.own_reach:
                break
            if actor.kind in _OWNERS:
                kind = "military" if actor.kind == "state" else actor.kind
                return Actor(start, end, kind, actor.name, actor.country)
        return Actor(start, end, "military", None, None)


def _country_cues(country: dict[str, Any], lexicon: dict[str, Any]) -> Iterator[tuple[str, str, str | None]]:
    """(cue, actor kind, ACLED name) of each way a text names a country's actors."""
    words = lexicon["country_actors"]
    adjectives = _alternatives(country["adjectives"])
    nouns = "|".join(sorted((re.escape(n) for n in lexicon["force_nouns"]), key=len, reverse=True))
    modifiers = _phrases(words["force_modifiers"])
    # "Russian forces", "the Russian army", "Moscow's troops", "Ukraine's armed forces".
    # "Russian Shahed drones", "Ukrainian HIMARS rockets": a weapon's name between.
    weapon_names = r"(?:(?-i:[A-Z][\w-]*|[A-Z0-9]+-\d+)\s+){0,2}"
    forces = rf"re:(?:\bthe\s+)?(?-i:{adjectives})\s+{weapon_names}(?:(?:{modifiers})\s+)?(?:{nouns})\b"
    yield forces, "military", country["military"]
    for state in country["names"]:
        yield state, "state", None
    yield rf"re:(?-i:{adjectives})\s+(?:{_phrases(words['police_nouns'])})\b", "police", None
    civilians = _alternatives(n for n in lexicon["generic_actors"]["civilians"] if n.islower())
    yield rf"re:(?-i:{adjectives})\s+(?:{civilians})\b", "civilians", None
