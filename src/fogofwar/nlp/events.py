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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from fogofwar.knowledge import event_taxonomy
from fogofwar.nlp.cuescan import CueScanner
from fogofwar.nlp.doctext import doc_text

# Place kinds from the most specific to the least: the event's place is the most specific one.
_PLACE_RANK = {"feature": 0, "populated_place": 1, "admin2": 2, "admin1": 3, "country": 4}
_KILLED = re.compile(r"killed|dead|death|fatalit", re.I)
# ACLED's codebook conventions for tolls given in words.
_VAGUE_TOLL = {"dozens": 12, "dozens of": 12, "hundreds": 100, "hundreds of": 100}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUM = r"(\d+|" + "|".join(_NUMBER_WORDS) + r")"
# ACLED's own notes say when one toll is shared out over several events.
_SPLIT = re.compile(_NUM + r"\s+fatalit(?:y|ies)\s+(?:were\s+)?split\s+(?:up\s+)?(?:among|between|across)\s+"
                    + _NUM + r"\s+events?", re.I)  # fmt: skip
# Words before an actor mention that make it the target, not the one acting ("at the positions of").
_TARGET_BEFORE = re.compile(
    r"(?:\b(?:at|on|against|of|targeting|targeted|toward|towards|into|with)\s+(?:the\s+)?)$"
)
_TOPIC_NOUN = re.compile(r"\s+of\b")
_PASSIVE_BY = re.compile(r"\b(?:by|from)\s+(?:the\s+)?$")
# Cues that make their subject the target: "positions came under fire from the DPR".
_UNDERGOES = re.compile(r"under\s+(?:fire|attack|shelling|bombardment)|was\s+(?:hit|struck|targeted)", re.I)
_REMOTE = frozenset({"air", "heavy", "ied", "suicide", "grenade", "chemical", "blast"})
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_ARMED = frozenset({"military", "rebel", "police", "unidentified", "state"})


def _cue_regex(cue: str) -> str:
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


def _alternation(entries: Iterable[tuple[str, str]]) -> CueScanner:
    """Named cues (group name, cue) matched in one pass, longest cue first, so that at any
    position "heavy machine guns" wins over "machine gun" and "grenade launcher" over "grenade"."""
    ordered = sorted(entries, key=lambda e: -len(e[1]))
    return CueScanner([(name, _cue_regex(cue)) for name, cue in ordered])


@dataclass
class Hit:
    kind: str
    family: str
    start: int
    end: int


@dataclass
class Actor:
    start: int
    end: int
    kind: str  # military|state|rebel|police|unidentified|civilians|protesters|rioters|observer
    name: str | None  # the ACLED-style name, None for the generic ones (named with the country)
    country: str | None


@dataclass
class Found:
    """An event while it is being built (turned into the plain dict at the end)."""

    family: str
    kinds: set[str]
    sent: Span
    depth: int
    trigger: int  # character offset of the cue that heads it
    scope: list[Span] = field(default_factory=list)  # sentences whose figures count for it
    actor1: Actor | None = None
    actor2: Actor | None = None


class EventsFinder:
    """Finds events in a Doc; built by the registered factory."""

    def __init__(self, nlp: Language) -> None:
        data = event_taxonomy()
        self.families: dict[str, dict[str, Any]] = data["families"]
        self.family_order = {name: i for i, name in enumerate(data["family_order"])}
        self.acled: dict[str, Any] = data["acled"]
        self.kind_family: dict[str, str | None] = {}
        cue_entries: list[tuple[str, str]] = []
        self.cue_groups: dict[str, str] = {}
        for kind, spec in data["kinds"].items():
            self.kind_family[kind] = spec["family"]
            for cue in spec["cues"]:
                name = f"c{len(self.cue_groups)}"
                self.cue_groups[name] = kind
                cue_entries.append((name, cue))
        self.cues = _alternation(cue_entries)
        self.countries = {c["code"]: c for c in data["countries"]}
        self.person_objects = re.compile(
            r"^\W*(?:\w+\W+){0,3}?(?:" + "|".join(map(re.escape, data["person_objects"])) + r")\b", re.I
        )
        self.actor_groups: dict[str, tuple[str, str | None, str | None]] = {}
        actor_entries: list[tuple[str, str]] = []

        def add(cue: str, kind: str, name: str | None, country: str | None) -> None:
            group = f"a{len(self.actor_groups)}"
            self.actor_groups[group] = (kind, name, country)
            actor_entries.append((group, cue))

        for actor in data["actors"]:
            for form in actor["forms"]:
                add(form, actor["kind"], actor["name"], actor["country"])
        nouns = "|".join(sorted((re.escape(n) for n in data["force_nouns"]), key=len, reverse=True))
        civ = "|".join(re.escape(n) for n in data["generic_actors"]["civilians"] if n.islower())
        for country in data["countries"]:
            adjectives = "|".join(re.escape(a) for a in country["adjectives"])
            # "Russian forces", "the Russian army", "Moscow's troops", "Ukraine's armed forces".
            forces = (
                rf"re:(?:\bthe\s+)?(?-i:{adjectives})\s+(?:(?:armed|regular|government|occupying|invading|"
                rf"elite|special|military|main)\s+)?(?:{nouns})\b"
            )
            add(forces, "military", country["military"], country["code"])
            for state in country["names"]:
                add(state, "state", None, country["code"])
            add(
                rf"re:(?-i:{adjectives})\s+(?:police|policemen|police officers)\b",
                "police",
                None,
                country["code"],
            )
            add(rf"re:(?-i:{adjectives})\s+(?:{civ})\b", "civilians", None, country["code"])
        for kind, forms in data["generic_actors"].items():
            for form in forms:
                add(form, kind, None, None)
        add(r"re:(?-i:\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+clan\s+militias?\b", "clan", None, None)
        self.actors = _alternation(actor_entries)

    # --- finding -------------------------------------------------------------------------------

    def hits(self, text: str) -> list[Hit]:
        found = []
        for m in self.cues.finditer(text):
            kind = self.cue_groups[m.lastgroup or ""]
            family = self.kind_family[kind]
            if family is None:  # an "ignore" phrase: it only hides the cues inside it
                continue
            if kind == "take" and self.person_objects.match(text, m.end()):
                kind = "small"  # "captured two soldiers": people taken in a fight, not ground
            found.append(Hit(kind, family, m.start(), m.end()))
        return found

    def find_actors(self, text: str) -> list[Actor]:
        found = []
        for m in self.actors.finditer(text):
            kind, name, country = self.actor_groups[m.lastgroup or ""]
            if kind == "clan":
                kind, name = "rebel", " ".join(m.group().split()[:-2]).title() + " Clan Militia"
            found.append(Actor(m.start(), m.end(), kind, name, country))
        return found

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
        country = _main_country(places)
        sents = list(doc.sents)
        by_sent: list[list[Hit]] = [[] for _ in sents]
        starts = [s.start_char for s in sents]
        for hit in hits:
            by_sent[_index_at(starts, hit.start)].append(hit)
        found: list[Found] = []
        last_violent: Found | None = None
        for n, sent in enumerate(sents):
            families: dict[str, list[Hit]] = {}
            for hit in by_sent[n]:
                families.setdefault(hit.family, []).append(hit)
            if not families:
                continue
            families = self._merge_families(families, text)
            same_paragraph = (
                last_violent is not None and "\n\n" not in text[last_violent.sent.end_char : sent.start_char]
            )
            if set(families) == {"casualty"} and last_violent is not None and same_paragraph:
                last_violent.scope.append(sent)  # "Two soldiers were killed": the toll of the event before
                continue
            for family, fam_hits in families.items():
                depth, trigger = min((_depth(doc, h), h.start) for h in fam_hits)
                event = Found(family, {h.kind for h in fam_hits}, sent, depth, trigger, [sent])
                found.append(event)
                if family in ("violence", "casualty"):
                    last_violent = event
        ordered = sorted(
            found,
            key=lambda e: (e.sent.start, e.depth, self.family_order.get(e.family, 99), e.trigger),
        )
        for event in ordered:
            sent = event.sent
            in_sent = [a for a in actors if sent.start_char <= a.start < sent.end_char]
            event.actor1, event.actor2 = _roles(doc, event.trigger, in_sent)
        _mark_answered(text, ordered)
        share = _split_share(text)
        return [
            self._plain(doc, e, i, actors, places, country, sents, share) for i, e in enumerate(ordered, 1)
        ]

    def _merge_families(self, families: dict[str, list[Hit]], text: str) -> dict[str, list[Hit]]:
        """Families that one happening shows together become one event: the toll and the attack,
        protesters and the police breaking them up, an interception and the strike it met."""

        def fold(into: str, *names: str) -> None:
            for name in names:
                if name in families and into in families:
                    families[into].extend(families.pop(name))

        if "violence" in families:
            fold("violence", "casualty", "withdraw")
        if "riot" in families:
            fold("riot", "protest", "violence", "casualty", "intervene", "arrest")
        if "protest" in families:
            # "protested against the arrest of ...": an arrest named as the protest's cause is
            # not an intervention in it.
            families["arrest"] = [h for h in families.get("arrest", []) if not _TOPIC_NOUN.match(text, h.end)]
            if not families["arrest"]:
                families.pop("arrest")
            fold("protest", "intervene", "arrest", "violence", "casualty")
        if "disrupt" in families and "violence" in families:
            kinds = {h.kind for h in families["violence"]}
            if kinds & {"casualty", "killing", "fire"}:
                fold("violence", "disrupt")
            else:
                fold("disrupt", "violence")  # "air defence shot down 20 drones": nothing got through
        if "casualty" in families and len(families) > 1:
            families.pop("casualty")
        if "intervene" in families and len(families) > 1:
            families.pop("intervene")
        return families

    # --- coding --------------------------------------------------------------------------------

    def _plain(
        self,
        doc: Doc,
        event: Found,
        number: int,
        actors: list[Actor],
        places: list[dict[str, Any]],
        country: str | None,
        sents: list[Span],
        share: int | None,
    ) -> dict[str, Any]:
        sent = event.sent
        in_sent = [a for a in actors if sent.start_char <= a.start < sent.end_char]
        actor1, actor2 = event.actor1, event.actor2
        place = _pick_place(doc, event, places, actors, actor1, sents)
        where = places[place].get("country_code") if place is not None else None
        where = where or country
        if event.family == "protest":
            actor2 = _first(in_sent, {"police", "military"})
        type_, subtype, plover = self._code(event, actor1, actor2, in_sent, where)
        if event.family == "protest":
            actor1 = Actor(0, 0, "protesters", None, where)
        elif event.family == "riot":
            actor1 = Actor(0, 0, "rioters", None, where)
            actor2 = actor2 if actor2 is not None and actor2.kind != "rioters" else None
        elif type_ == "Violence against civilians" and (actor2 is None or actor2.kind != "civilians"):
            actor2 = Actor(0, 0, "civilians", None, where)
        if actor1 is None and type_ in _VIOLENT_TYPES:
            # The codebook's name for a perpetrator the report does not identify.
            actor1 = Actor(0, 0, "unidentified", None, where)
        date, assumed = _pick_date(doc, event)
        start, end = _trim(doc_text(doc), sent.start_char, sent.end_char)
        return {
            "id": f"e{number}",
            "text": doc_text(doc)[start:end],
            "start": start,
            "end": end,
            "type": type_,
            "subtype": subtype,
            "plover": plover,
            "actor1": self._name(actor1, where),
            "actor2": self._name(actor2, where),
            "place": place,
            "date": date,
            "fatalities": _fatalities(doc, event, share)
            if event.family in ("violence", "protest", "riot")
            else None,
            "claim": _claim(doc, event.trigger),
            "date_assumed": assumed,
        }

    def _code(
        self,
        event: Found,
        actor1: Actor | None,
        actor2: Actor | None,
        in_sent: list[Actor],
        where: str | None,
    ) -> tuple[str | None, str | None, str | None]:
        kinds = event.kinds
        if event.family == "violence" or event.family == "casualty":
            type_, subtype = self._violence(kinds, actor1, actor2, in_sent, where)
        elif event.family == "protest":
            type_ = "Protests"
            force = actor2 is not None and actor2.kind in ("police", "military", "state")
            if force and kinds & {"killing", "casualty", "fire", "small"}:
                # Deaths named in a protest sentence are often its cause ("protest over the
                # killing of ..."): lethal force needs someone who used it.
                subtype = "Excessive force against protesters"
            elif kinds & {"intervene", "arrest", "small", "fire"}:
                subtype = "Protest with intervention"
            else:
                subtype = "Peaceful protest"
        elif event.family == "riot":
            type_ = "Riots"
            subtype = "Mob violence" if "mob" in kinds and "protest" not in kinds else "Violent demonstration"
        elif event.family == "arrest" and actor1 is not None and actor1.kind in ("rebel", "unidentified"):
            type_, subtype = "Violence against civilians", "Abduction/forced disappearance"
        else:
            spec = self.families.get(event.family, {})
            return spec.get("type"), spec.get("subtype"), spec.get("plover")
        return type_, subtype, self.acled[type_]["subtypes"][subtype]["plover"]

    def _violence(
        self,
        kinds: set[str],
        actor1: Actor | None,
        actor2: Actor | None,
        in_sent: list[Actor],
        where: str | None,
    ) -> tuple[str, str]:
        """ACLED's sub-event type of a violent happening, from the codebook's distinctions."""
        target_civilian = (actor2 is not None and actor2.kind == "civilians") or (
            actor2 is None and any(a.kind == "civilians" for a in in_sent)
        )
        if "sexual" in kinds:
            return "Violence against civilians", "Sexual violence"
        if "abduct" in kinds:
            return "Violence against civilians", "Abduction/forced disappearance"
        if "suicide" in kinds:
            return "Explosions/Remote violence", "Suicide bomb"
        if "chemical" in kinds:
            return "Explosions/Remote violence", "Chemical weapon"
        if "gain" in kinds:
            return "Battles", "Government regains territory"
        if "take" in kinds:
            own = actor1 is not None and actor1.kind == "military" and actor1.country is not None
            if own and actor1 is not None and actor1.country == where:
                return "Battles", "Government regains territory"
            return "Battles", "Non-state actor overtakes territory"
        if "air" in kinds:
            return "Explosions/Remote violence", "Air/drone strike"
        if "heavy" in kinds and not kinds & {"small", "answered"}:
            # Only fire from afar: the target cannot answer. Small arms, machine guns or grenade
            # launchers beside the mortars mean the two sides were in contact: a battle.
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if "ied" in kinds and not kinds & {"small", "answered"}:
            return "Explosions/Remote violence", "Remote explosive/landmine/IED"
        if "grenade" in kinds:
            return "Explosions/Remote violence", "Grenade"
        armed_target = actor2 is not None and actor2.kind in _ARMED
        if target_civilian and not armed_target:
            return "Violence against civilians", "Attack"
        if "blast" in kinds and "small" not in kinds:
            if actor1 is not None and actor1.kind in ("rebel", "unidentified"):
                return "Explosions/Remote violence", "Remote explosive/landmine/IED"
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if "killing" in kinds and not armed_target:
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"

    def _name(self, actor: Actor | None, where: str | None) -> str | None:
        if actor is None:
            return None
        if actor.name:
            return actor.name
        code = actor.country or where
        country = self.countries.get(code or "")
        label = country["name"] if country else None
        if actor.kind in ("military", "state"):
            if country and country.get("military"):
                return str(country["military"])
            return f"Military Forces of {label}" if label else "Military Forces"
        if actor.kind == "police":
            if country and country.get("police"):
                return str(country["police"])
            return f"Police Forces of {label}" if label else "Police Forces"
        generic = {
            "civilians": "Civilians",
            "protesters": "Protesters",
            "rioters": "Rioters",
            "unidentified": "Unidentified Armed Group",
            "rebel": "Unidentified Armed Group",
        }.get(actor.kind, actor.kind.title())
        return f"{generic} ({label})" if label else generic


# --- helpers -----------------------------------------------------------------------------------


def _index_at(starts: list[int], offset: int) -> int:
    """The index of the sentence holding `offset` (starts sorted)."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _depth(doc: Doc, hit: Hit) -> int:
    """How far the cue sits below the root of its sentence's parse. A participle ("..., demanding
    higher pay") heads an adjunct, not the clause: it counts two levels lower."""
    token = _token_at(doc, hit.start)
    depth = (
        2
        if token is not None and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "acl", "ROOT")
        else 0
    )
    while token is not None and token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _same_side(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    return (a.name, a.country if a.name is None else None) == (b.name, b.country if b.name is None else None)


def _mark_answered(text: str, events: list[Found]) -> None:
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


def _first(actors: list[Actor], kinds: set[str]) -> Actor | None:
    return next((a for a in actors if a.kind in kinds), None)


def _roles(doc: Doc, trigger: int, actors: list[Actor]) -> tuple[Actor | None, Actor | None]:
    """Who acted and whom it was done to: the subject of the cue's clause (the agent of a passive),
    else the first mention before the cue that is not a target ("at the positions of X")."""
    if not actors:
        return None, None
    text = doc_text(doc)
    token = _token_at(doc, trigger)
    verb = token
    hops = 0
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and hops < 4:
        verb = verb.head
        hops += 1
    actor1: Actor | None = None
    actor2: Actor | None = None
    if verb is not None:
        if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
            verb = verb.head  # "... fired mortars and attacked": the first verb's subject
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
                inside = [a for a in actors if lo <= a.start < hi]
                if not inside:
                    continue
                if child.dep_ == "nsubjpass":
                    actor2 = inside[0]
                else:
                    actor1 = inside[0]
    if actor1 is None:
        for actor in actors:
            before = text[max(0, actor.start - 30) : actor.start]
            if actor is actor2 or _TARGET_BEFORE.search(before):
                continue
            if actor.start < trigger or _PASSIVE_BY.search(before):
                actor1 = actor
                break
    if actor2 is None:
        rest = [a for a in actors if a is not actor1 and (actor1 is None or a.start >= actor1.end)]
        after = [a for a in rest if a.start >= trigger]
        actor2 = next(iter(after or rest), None)
    if _UNDERGOES.search(text, max(0, trigger - 8), trigger + 30):
        agent = next(
            (
                a
                for a in actors
                if a.start > trigger and _PASSIVE_BY.search(text[max(0, a.start - 30) : a.start])
            ),
            None,
        )
        subject = actor1 if actor1 is not None and actor1.start < trigger else None
        actor1, actor2 = agent, subject or actor2
    if actor2 is not None and actor2.kind == "state":
        actor2 = None  # "drones at Ukraine": the name says where, not whom
    if actor1 is not None and actor2 is not None and actor1.start == actor2.start:
        actor2 = None
    return actor1, actor2


def _main_country(places: list[dict[str, Any]]) -> str | None:
    """The country most of the article's places are in (not counting names standing for actors)."""
    codes = Counter(
        p.get("country_code") for p in places if p.get("country_code") and p.get("role") != "actor"
    )
    return str(codes.most_common(1)[0][0]) if codes else None


def _pick_place(
    doc: Doc,
    event: Found,
    places: list[dict[str, Any]],
    actors: list[Actor],
    actor1: Actor | None,
    sents: list[Span],
) -> int | None:
    """The most specific place named in the event's sentence (else the sentences before it in the
    paragraph): never a name that stands for an actor, nor part of an actor's name."""
    if not places:
        return None

    def usable(i: int, lo: int, hi: int) -> bool:
        p = places[i]
        start = p.get("start")
        if not isinstance(start, int) or not lo <= start < hi or p.get("role") == "actor":
            return False
        # Part of an actor's name ("Luhansk People's Militia"); a state's name may be a place too.
        return not any(a.start <= start < a.end for a in actors if a.kind != "state")

    text = doc_text(doc)
    sent = event.sent
    windows = [(sent.start_char, sent.end_char)]
    para = text.rfind("\n\n", 0, sent.start_char)
    for prev in reversed(sents):
        if prev.end_char <= sent.start_char and prev.start_char > para:
            windows.append((prev.start_char, prev.end_char))
    for lo, hi in windows:
        candidates = [i for i in range(len(places)) if usable(i, lo, hi)]
        if actor1 is not None and actor1.country:
            # "Russia launched missiles at Ukraine": the attacker's country is not where it happened.
            other = [
                i
                for i in candidates
                if not (
                    places[i].get("kind") == "country" and places[i].get("country_code") == actor1.country
                )
            ]
            candidates = other or candidates
        if candidates:
            return min(candidates, key=lambda i: (_PLACE_RANK.get(places[i].get("kind") or "", 5), i))
    return None


def _usable_time(t: Any) -> bool:
    if not isinstance(t, dict) or t.get("timex_type") in ("DURATION", "SET"):
        return False
    rng = t.get("range")
    return isinstance(rng, dict) and bool(rng.get("begin") or rng.get("end"))


def _pick_date(doc: Doc, event: Found) -> tuple[dict[str, str | None] | None, bool]:
    """The date of the event's sentence (else of the sentences before it in the paragraph), else
    the publication date, flagged as assumed."""
    times = [t for t in doc._.times or [] if _usable_time(t)]
    sent = event.sent
    para = doc_text(doc).rfind("\n\n", 0, sent.start_char)
    in_sent = [t for t in times if sent.start_char <= t.get("start", -1) < sent.end_char]
    before = [t for t in times if para < t.get("start", -1) < sent.start_char]
    for group in (in_sent, list(reversed(before))):
        if group:
            # A single day beats a span ("on 12 May" over "this week").
            best = min(group, key=lambda t: (t["range"].get("begin") != t["range"].get("end"),))
            rng = best["range"]
            begin, end = rng.get("begin") or rng.get("end"), rng.get("end") or rng.get("begin")
            return {"begin": begin, "end": end}, False
    published = doc._.published
    if isinstance(published, str) and published:
        return {"begin": published[:10], "end": published[:10]}, True
    return None, False


def _split_share(text: str) -> int | None:
    """The toll each event gets when an ACLED-style note shares one toll out over several."""
    split = _SPLIT.search(text)
    if split is None:
        return None
    total, among = (_to_int(g) for g in split.groups())
    return total // among if among else None


def _fatalities(doc: Doc, event: Found, share: int | None) -> int | None:
    """Killed counts that belong to the event: the figures in its sentences (a sub-count is not
    counted twice), or the share that an ACLED-style note says the event gets."""
    if share is not None:
        return share
    total = 0
    seen = False
    for figure in doc._.figures or []:
        if not isinstance(figure, dict) or figure.get("parent") is not None:
            continue
        category = figure.get("category") or ""
        start = figure.get("start")
        if not _KILLED.search(category) or not isinstance(start, int):
            continue
        if any(s.start_char <= start < s.end_char for s in event.scope):
            # ACLED codes the lowest figure reported, and fixed numbers for vague words.
            value = _VAGUE_TOLL.get(str(figure.get("text", "")).lower().strip())
            for key in ("low", "value"):
                if value is None:
                    value = figure.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                total += int(value)
                seen = True
    return total if seen else None


def _to_int(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _claim(doc: Doc, trigger: int) -> str | None:
    """The claim whose content holds the event's cue: "Russia claims to have repelled ..."."""
    for claim in doc._.claims or []:
        if isinstance(claim, dict) and claim.get("start", 1) <= trigger < claim.get("end", 0):
            cid = claim.get("id")
            return str(cid) if cid is not None else None
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


@Language.factory("fogofwar_events", default_config={})
def make_events(nlp: Language, name: str) -> EventsFinder:
    return EventsFinder(nlp)
