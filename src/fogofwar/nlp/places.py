"""The `fogofwar_places` component: every place an article names, resolved to a GeoNames entry.

Writes ``doc._.places``: a list of dicts with the fields of :class:`fogofwar.model.Place`.

Candidates come from two places, in one pass each:

* spaCy's GPE, LOC and FAC entities (a GPE or LOC the gazetteer does not know stays in the list,
  unresolved: it is still a place the article names);
* runs of capitalised tokens looked up in the gazetteer (``knowledge.gazetteer``), longest name
  first. spaCy's small model misses many villages ("Krasnohorivka") or calls them people, so a
  gazetteer match outside a place entity counts when the text marks it as a place: a locative
  word before it ("in", "near", "outside"...), a region or country after it ("Sudzha, Kursk
  region"), or a curated conflict-zone name.

Demonyms ("Ukrainian", spaCy's NORP) are not places. Names standing for a government or army
("Russia's defence ministry", "Moscow dismissed the talks") stay in the list with
``role: "actor"`` so that maps can leave them out while recall does not suffer.

Resolution weighs, for each candidate entry: its kind and population (the prior), the
countries the article's other places point to (its focus), the regions it names, a qualifier
right after the name ("X, Donetsk Oblast" puts X in Donetsk Oblast), nearness to the other
places it names, and the outlet's home country. Population alone is only the tie-breaker.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from fogofwar.knowledge import outlets
from fogofwar.knowledge.gazetteer import (
    ADMIN1,
    ADMIN2,
    ALT,
    BARE,
    COUNTRY,
    FEATURE,
    KINDS,
    PLACE,
    Entry,
    Gazetteer,
    fold,
    km,
    load,
)
from fogofwar.knowledge.places import curated_places

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities that are not places: a gazetteer name inside one needs stronger evidence.
# (PRODUCT, WORK_OF_ART and the like are left out: the small model calls "Kursk" a PRODUCT.)
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# Words after which a capitalised name is a place ("shelling of Vovchansk", "near Pokrovsk").
LOCATIVE = frozenset(
    [
        "in",
        "on",
        "near",
        "at",
        "from",
        "to",
        "outside",
        "throughout",
        "within",
        "through",
        "of",
        "towards",
        "toward",
        "into",
        "around",
        "across",
        "over",
        "between",
        "via",
        "inside",
        "outskirts",
        "off",
        "outside",
        "along",
        "beyond",
        "past",
        "reached",
        "entered",
        "captured",
        "liberated",
        "shelled",
        "struck",
        "hit",
        "village",
        "town",
        "city",
        "settlement",
    ]
)
# Words that make a bare region name ("Kursk") the city: "Kursk airport", "the city of Kursk".
CITY_CUES = frozenset(
    ["airport", "airfield", "city", "station", "mayor", "downtown", "centre", "center", "residents"]
)
# Nouns after "'s" that make a country or capital name an actor, not a place.
INSTITUTIONS = frozenset(
    [
        "ministry",
        "government",
        "military",
        "army",
        "forces",
        "president",
        "leader",
        "leaders",
        "officials",
        "foreign",
        "defence",
        "defense",
        "embassy",
        "envoy",
        "ambassador",
        "troops",
        "navy",
        "authorities",
        "parliament",
        "regime",
        "security",
        "intelligence",
        "prime",
        "premier",
        "spokesman",
        "spokeswoman",
        "administration",
        "foreign-ministry",
        "commander",
        "general",
        "staff",
        "chief",
        "delegation",
        "negotiators",
        "diplomats",
        "invasion",
        "offensive",
        "war",
        "kremlin",
    ]
)
# Verbs whose subject, when it is a country or a capital, is a government ("Moscow dismissed").
ACTOR_VERBS = frozenset(
    [
        "say",
        "deny",
        "dismiss",
        "claim",
        "accuse",
        "announce",
        "warn",
        "reject",
        "insist",
        "demand",
        "threaten",
        "agree",
        "refuse",
        "sanction",
        "launch",
        "invade",
        "respond",
        "condemn",
        "urge",
        "vow",
        "plan",
        "want",
        "seek",
        "recognise",
        "recognize",
        "blame",
        "order",
        "send",
        "supply",
        "promise",
        "offer",
        "propose",
        "sign",
        "retaliate",
        "insist",
        "negotiate",
        "annex",
        "mobilize",
        "mobilise",
        "decide",
        "expel",
        "summon",
        "protest",
        "call",
        "approve",
        "veto",
    ]
)
# A capitalised run ending in one of these is a facility named after its town.
FACILITIES = frozenset(
    [
        "airport",
        "airbase",
        "airfield",
        "base",
        "university",
        "hospital",
        "museum",
        "gallery",
        "stadium",
        "plant",
        "station",
        "bridge",
        "port",
        "square",
        "street",
        "avenue",
        "dam",
        "reservoir",
        "school",
        "tower",
        "centre",
        "center",
        "market",
        "theatre",
        "theater",
        "church",
        "cathedral",
        "monastery",
        "mall",
        "factory",
        "refinery",
        "depot",
        "barracks",
        "prison",
        "college",
        "academy",
        "harbour",
        "harbor",
        "railway",
        "terminal",
        "hotel",
        "library",
        "hall",
    ]
)
# A NORP entity that is really a demonym ("Ukrainian", "Kyivans", "Chechen"), not a mis-tagged town.
DEMONYM = re.compile(r"(?:an|ans|ese|ish|ic|ics|i|is|ch|er|ers|en|ens|ite|ites|iot|iots)$")
COMPASS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "occupied",
    ]
)
KIND_PRIOR = {COUNTRY: 3.0, ADMIN1: 2.2, ADMIN2: 1.5, PLACE: 0.0, FEATURE: 1.5}
MAX_NAME_TOKENS = 6
ARTICLES = frozenset({"the", "a", "an"})
STREETS = frozenset(
    [
        "road",
        "rd",
        "street",
        "st",
        "avenue",
        "ave",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "drive",
        "dr",
        "highway",
        "hwy",
        "way",
        "court",
        "ct",
    ]
)
# Nouns after a name that make it a place: "Alexandria woman charged", "Sumy residents".
PEOPLE_AFTER = frozenset(
    [
        "woman",
        "man",
        "men",
        "women",
        "resident",
        "residents",
        "native",
        "natives",
        "couple",
        "family",
        "families",
        "teen",
        "teenager",
        "boy",
        "girl",
        "police",
        "officials",
        "official",
        "mayor",
        "council",
        "authorities",
        "schools",
        "hospital",
        "area",
        "region",
    ]
)
REGION_WORDS = frozenset({"region", "oblast", "province", "krai", "area", "county", "parish", "district"})
JOINERS = frozenset({"of", "de", "la", "le", "del", "du", "on", "upon", "-", "al", "el", "am", "an"})


@dataclass
class Mention:
    start: int  # token offsets
    end: int
    text: str
    key: str
    ner: bool
    cands: list[tuple[Entry, int]]
    run_end: int = 0  # where the run of capitalised tokens it was found in ends
    mid_run: bool = False  # found after other capitalised words of the same run ("TV Centre")
    qualifier: int | None = None  # the mention right after it that names its region/country
    scores: list[float] = field(default_factory=list)
    chosen: Entry | None = None
    score: float = 0.0


def _capitalised(token: Token) -> bool:
    return (
        bool(token.text) and token.text[0].isupper() and not token.is_punct and token.lower_ not in ARTICLES
    )


def _opener(token: Token) -> bool:
    """A capitalised sentence opener that is not part of a name ("Shelled Lysychansk")."""
    return bool(token.is_sent_start) and (token.is_stop or token.lower_.endswith(("ed", "ing")))


class PlacesFinder:
    """Finds and resolves places in a Doc; the gazetteer index is loaded (or built) on first use."""

    def __init__(self, nlp: Language) -> None:
        table = curated_places()
        self.state_abbr: dict[str, str] = table.us_state_abbreviations
        self.common: frozenset[str] = table.common_words
        self.home: dict[str, str] = {}
        for outlet in outlets():
            if outlet.country_code:
                for form in (outlet.name, *outlet.aliases):
                    self.home[form.casefold()] = outlet.country_code

    @property
    def gazetteer(self) -> Gazetteer:
        return load()

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        mentions = self._mentions(doc, gaz)
        self._qualify(doc, mentions)
        self._resolve(doc, mentions, gaz)
        doc._.places = [self._plain(doc, m) for m in _supported(mentions)]
        return doc

    # ------------------------------------------------------------------ candidates

    def _mentions(self, doc: Doc, gaz: Gazetteer) -> list[Mention]:
        taken = [False] * len(doc)
        found: list[Mention] = []
        other = [False] * len(doc)
        for ent in doc.ents:
            if ent.label_ in OTHER_LABELS:
                for i in range(ent.start, ent.end):
                    other[i] = True
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            span = _trim(ent)
            if span is None or (ent.label_ == "FAC" and span[-1].lower_.rstrip(".") in STREETS):
                continue  # "6016 Dublin Road" is an address, not the city of Dublin
            if span.end < len(doc) and doc[span.end].lower_ in REGION_WORDS:
                longer = doc[span.start : span.end + 1]
                if gaz.has(fold(longer.text)):
                    span = longer  # "Kurskaya oblast": spaCy stops before the lower-case word
            ahead = self._scan(doc, gaz, span.start, min(len(doc), span.end + MAX_NAME_TOKENS))
            if ahead and ahead[0].start == span.start and ahead[0].end > span.end:
                span = doc[span.start : ahead[0].end]  # "Bila Tserkva": spaCy took only "Bila"
            key = fold(span.text)
            cands = gaz.lookup(key)
            state = gaz.region("US", self.state_abbr.get(span.text, ""))
            if state is not None:
                cands = [(state, 0)]  # "Fla." is Florida, not Flå in Norway
            if not cands:
                inner = [
                    m
                    for m in self._scan(doc, gaz, span.start, span.end)
                    if m.key not in self.common and m.key not in FACILITIES
                ]
                # Only when the names found cover the entity but for region and facility words
                # ("Chuhuiv Airbase"): "Red River" is not the town of Red.
                rest = {t.i for t in span if t.is_alpha} - {i for m in inner for i in range(m.start, m.end)}
                if inner and all(doc[i].lower_ in FACILITIES or doc[i].lower_ in REGION_WORDS for i in rest):
                    for m in inner:
                        m.ner = True
                        found.append(m)
                        for i in range(m.start, m.end):
                            taken[i] = True
                    continue
                if ent.label_ == "FAC" or not any(_capitalised(t) for t in span):
                    continue
                if DEMONYM.search(span[-1].text) and (span[-1].tag_ == "JJ" or len(span) == 1):
                    continue  # "Ukrainian" taken for a GPE: a demonym is not a place
            found.append(Mention(span.start, span.end, span.text, key, True, cands))
            for i in range(span.start, span.end):
                taken[i] = True
        rejected: list[Mention] = []
        for m in self._scan(doc, gaz, 0, len(doc)):
            if any(taken[i] for i in range(m.start, m.end)):
                continue
            if self._accept_scanned(doc, m, other):
                found.append(m)
            else:
                rejected.append(m)
        # One sense per article: a name taken as a place once is a place wherever it recurs
        # ("Orchard St., Alexandria" after the headline's "Alexandria woman charged").
        places_named = {m.key for m in found if m.cands}
        for m in rejected:
            if m.key in places_named and m.key not in self.common and not _demonym(doc, m):
                found.append(m)
        found.sort(key=lambda m: m.start)
        return self._state_abbreviations(doc, gaz, found)

    def _state_abbreviations(self, doc: Doc, gaz: Gazetteer, found: list[Mention]) -> list[Mention]:
        """ "Alexandria, La.": an AP state abbreviation after a place and a comma names the state."""
        out: list[Mention] = []
        for m in found:
            out.append(m)
            if m.end + 1 >= len(doc) or doc[m.end].text != ",":
                continue
            tok = doc[m.end + 1]
            state = self.state_abbr.get(tok.text) or self.state_abbr.get(tok.text + ".")
            entry = gaz.region("US", state) if state else None
            if entry is not None and not any(o.start == tok.i for o in found):
                out.append(Mention(tok.i, tok.i + 1, tok.text, fold(tok.text), True, [(entry, 0)]))
        return out

    def _scan(self, doc: Doc, gaz: Gazetteer, lo: int, hi: int) -> list[Mention]:
        """Gazetteer names in doc[lo:hi], longest first, over runs of capitalised tokens."""
        out: list[Mention] = []
        i = run_start = lo
        while i < hi:
            if not _capitalised(doc[i]):
                i += 1
                continue
            # The run: capitalised tokens, with joiners inside ("Rostov-on-Don", "Bay of Biscay").
            if i == lo or not _capitalised(doc[i - 1]) or _opener(doc[i - 1]):
                run_start = i
            j = i + 1
            while (
                j < hi
                and j - i < MAX_NAME_TOKENS
                and (
                    _capitalised(doc[j])
                    or (doc[j].lower_ in JOINERS and j + 1 < hi and _capitalised(doc[j + 1]))
                )
            ):
                j += 1
            # A region word after the run belongs to the name: "Kursk region", "Kurskaya oblast".
            if j < hi and doc[j].lower_ in REGION_WORDS:
                j += 1
            for n in range(j - i, 0, -1):
                span = doc[i : i + n]
                if not _capitalised(span[-1]) and span[-1].lower_ not in REGION_WORDS:
                    continue
                key = fold(span.text)
                if len(key) < 2 or not gaz.has(key):
                    continue
                mention = Mention(i, i + n, span.text, key, False, gaz.lookup(key))
                mention.run_end, mention.mid_run = j, i > run_start
                out.append(mention)
                i += n
                break
            else:
                i += 1
        return out

    def _accept_scanned(self, doc: Doc, m: Mention, other: list[bool]) -> bool:
        """A gazetteer name spaCy did not call a place: kept when the text marks it as one."""
        first = doc[m.start]
        if (first.ent_type_ == "NORP" and DEMONYM.search(first.text)) or (
            first.is_sent_start and first.is_stop
        ):
            return False
        if m.mid_run:
            return False  # "Kyiv TV Centre Tower" does not name a place called Centre
        if m.key in self.common or all(w in self.common for w in m.key.split()):
            return False  # "Road", "May", "Henry": a place somewhere, but not in English prose
        country = any(e.kind == COUNTRY for e, _ in m.cands)
        if not country and (m.text.isupper() or "." in m.text):
            return False  # "NCIS", "G.B.": acronyms and initials
        if DEMONYM.search(doc[m.end - 1].text) and doc[m.end - 1].ent_type_ == "NORP":
            return False  # "Sri Lankan"
        # The small model tags some names as common nouns or adjectives ("in central Kyiv" gives
        # Kyiv NN, "Mariupol police" JJ); a demonym-like adjective ("Russian") or a verb is out.
        words = [t for t in doc[m.start : m.end] if t.is_alpha and t.lower_ not in REGION_WORDS]
        if any(t.tag_.startswith(("VB", "RB")) or (t.tag_ == "JJ" and DEMONYM.search(t.text)) for t in words):
            return False
        biggest = max((e.population for e, flags in m.cands if not flags & ALT), default=0)
        if first.is_sent_start and first.tag_ not in ("NNP", "NNPS") and biggest < 20_000:
            return False  # "Oil depot in Belgorod": a common noun opening the sentence
        strong = [e for e, flags in m.cands if e.kind in (COUNTRY, ADMIN1, ADMIN2) and not flags & BARE]
        k = m.start - 1
        while k >= 0 and k >= m.start - 3 and (doc[k].tag_ in ("JJ", "DT") or doc[k].lower_ in COMPASS):
            k -= 1  # "in central Kyiv", "near the occupied"
        locative = k >= 0 and doc[k].lower_ in LOCATIVE
        after = doc[m.end : m.end + 2]
        qualified = len(after) == 2 and after[0].text == "," and _capitalised(after[1])
        nxt = doc[m.end : m.end + 2]
        facility = (m.run_end > m.end and doc[m.run_end - 1].lower_ in FACILITIES) or any(
            t.lower_ in FACILITIES for t in nxt if not _capitalised(t)
        )
        if nxt and nxt[0].lower_ in PEOPLE_AFTER and biggest >= 1000:
            return True
        if facility and biggest >= 1000:
            # "Chuhuiv Airbase", "Mykolaiv Oncology Hospital", "Okhtyrka railway station": the
            # town they are in.
            return True
        if other[m.start]:
            # "Rapides Parish Fire District": a region inside an organisation's name; a town
            # inside an "organisation" or "person" (the small model's guess for many villages:
            # "Chuhuiv Airbase", "in Sumy") needs a locative word or a qualifier.
            return bool(strong) or locative or qualified
        return bool(strong) or locative or qualified or biggest >= 100_000

    def _qualify(self, doc: Doc, mentions: list[Mention]) -> None:
        """ "Sudzha, Kursk region", "Alexandria, La.": the second names the first's region."""
        for n in range(len(mentions) - 1):
            a, b = mentions[n], mentions[n + 1]
            between = doc[a.end : b.start].text.strip()
            if between in (",", "(", "in") and any(e.kind in (COUNTRY, ADMIN1, ADMIN2) for e, _ in b.cands):
                a.qualifier = n + 1

    # ------------------------------------------------------------------ resolution

    def _resolve(self, doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
        home = self.home.get((doc._.outlet or "").casefold())
        for m in mentions:
            m.scores = [self._prior(doc, m, e, flags) for e, flags in m.cands]
        # Which regions could each distinct name be in? A region that several of the article's
        # names could all be in is where the article is: Alexandria, Brandon and Kensington are
        # each in many states, but all three only in Minnesota.
        votes = Counter[tuple[str, str]]()
        own: dict[str, set[tuple[str, str]]] = {}
        # The outlet's home counts as one more name: "columbuslocalnews.com" votes for every
        # region with a Columbus, which with the article's Dublin makes it Ohio.
        named = [(m.key, m.cands) for m in mentions] + [(k, gaz.lookup(k)) for k in _outlet_names(doc, gaz)]
        for key, cands in named:
            if key in own:
                continue
            own[key] = {(e.country_code, e.admin1) for e, flags in cands if e.admin1 and not flags & ALT}
            votes.update(own[key])
        # Two rounds: the first picks by prior, the second by the context those picks make.
        for _ in range(2):
            self._choose(mentions)
            focus: dict[str, float] = defaultdict(float)
            regions: set[tuple[str, str]] = set()
            points: list[tuple[int, float, float]] = []
            for n, m in enumerate(mentions):
                e = m.chosen
                if e is None:
                    continue
                weight = 2.0 if e.kind in (COUNTRY, ADMIN1) else 1.0
                focus[e.country_code] += weight * m.score
                if e.kind == ADMIN1 and e.admin1:
                    regions.add((e.country_code, e.admin1))
                if e.kind in (PLACE, ADMIN2, ADMIN1):
                    points.append((n, e.lat, e.lon))
            total = sum(focus.values()) or 1.0
            nearest = _Nearest(points)
            for n, m in enumerate(mentions):
                qual = mentions[m.qualifier].chosen if m.qualifier is not None else None
                scores = []
                for (e, _flags), prior in zip(
                    m.cands, [self._prior(doc, m, e, f) for e, f in m.cands], strict=True
                ):
                    s = prior + 2.5 * focus[e.country_code] / total
                    if home and e.country_code == home:
                        s += 0.5
                    if e.kind != ADMIN1 and e.admin1 and (e.country_code, e.admin1) in regions:
                        s += 1.5
                    if e.admin1 and e.kind != COUNTRY:
                        s += 0.8 * min(3, votes[(e.country_code, e.admin1)] - 1)
                    if qual is not None and _inside(e, qual):
                        s += 5.0
                    if e.kind in (PLACE, ADMIN2):
                        near = nearest.km(e.lat, e.lon, n)
                        if near is not None:
                            s += 2.0 * math.exp(-near / 150.0)
                    scores.append(s)
                m.scores = scores
        self._choose(mentions)

    def _prior(self, doc: Doc, m: Mention, e: Entry, flags: int) -> float:
        s = KIND_PRIOR[e.kind] + 0.45 * math.log10(e.population + 1)
        if flags & ALT:
            s -= 1.5  # "Jerusalem" is also an old name of Funkstown, Maryland
        if e.curated:
            s += 1.5
        if e.kind == FEATURE and not e.country_code:
            s += 2.0  # a continent or sea ("Asia") before any town that shares its name
        if e.capital:
            s += 1.0
        if flags & BARE:
            # A region's base name alone ("Kharkiv", "Kursk"). When a city of that name exists
            # it is the city ("shelling of Kharkiv" is the city), except for the names listed
            # in knowledge/places.json "bare_region": in war reporting bare "Kursk" is the
            # region of the 2024 incursion (the city was never fought over), unless a city cue
            # is next to it ("Kursk airport", "the city of Kursk").
            if m.key in self.gazetteer.bare_region and not _city_cue(doc, m):
                s += 6.0
            elif _has_city(m, e):
                s -= 6.0
        elif e.kind == ADMIN1 and _has_city(m, e, 0.3):
            # "Moscow", "New York": a region named exactly like a city in it is read as the city.
            s -= 3.0
        return s

    @staticmethod
    def _choose(mentions: list[Mention]) -> None:
        for m in mentions:
            if not m.cands:
                m.chosen, m.score = None, 0.0
                continue
            best = max(range(len(m.cands)), key=lambda i: m.scores[i])
            top = m.scores[best]
            total = sum(math.exp(s - top) for s in m.scores)
            m.chosen = m.cands[best][0]
            m.score = (1.0 / total) * (1.0 if m.ner else 0.85)

    # ------------------------------------------------------------------ output

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
            if (e.kind == COUNTRY or e.capital) and _actor(span):
                place["role"] = "actor"
        return place


def _trim(ent: Span) -> Span | None:
    """The name itself: no leading "the", no trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end] if start < end else None


def _supported(mentions: list[Mention]) -> list[Mention]:
    """Drop a town found only by the gazetteer whose country nothing else in the article names:
    "Bombing of Neptune Pool in Mariupol" is not Neptune City, New Jersey. With no other
    place to go by, the lone name stays."""
    countries = Counter(m.chosen.country_code for m in mentions if m.chosen is not None)
    kept = []
    for _n, m in enumerate(mentions):
        e = m.chosen
        lone = e is not None and countries[e.country_code] == 1 and len(countries) > 1
        if lone and not m.ner and e is not None and e.kind == PLACE and m.qualifier is None:
            continue
        kept.append(m)
    return kept


def _outlet_names(doc: Doc, gaz: Gazetteer) -> list[str]:
    """Place names an outlet's name starts with: "Kyiv Post" gives kyiv, "columbuslocalnews.com"
    columbus, "parispi.net" paris (the longest name at the start of each word, 4+ letters)."""
    outlet = (doc._.outlet or "").casefold()
    found = []
    for word in re.split(r"[^a-z]+", re.sub(r"^(?:www\.|the)", "", outlet)):
        for n in range(min(len(word), 20), 3, -1):
            # Only a town of 20,000 or more: "monitor" in "Monitor Map" is a hamlet somewhere.
            if any(e.population >= 20_000 and not f & ALT for e, f in gaz.lookup(word[:n])):
                found.append(word[:n])
                break
    return found


def _demonym(doc: Doc, m: Mention) -> bool:
    last = doc[m.end - 1]
    return bool(DEMONYM.search(last.text)) and (last.ent_type_ == "NORP" or last.tag_ == "JJ")


def _has_city(m: Mention, region: Entry, share: float = 0.0) -> bool:
    """Whether the name is also a city in the region's country (at least `share` of its people:
    Moscow is, the town of Virginia, Minnesota is not)."""
    return any(
        c.kind == PLACE
        and c.country_code == region.country_code
        and not f & ALT
        and c.population >= share * region.population
        for c, f in m.cands
    )


def _inside(e: Entry, region: Entry) -> bool:
    if e.country_code != region.country_code or e is region:
        return False
    if region.kind == COUNTRY:
        return True
    if region.kind == ADMIN1:
        return e.admin1 == region.admin1
    if region.kind == ADMIN2:
        return e.admin1 == region.admin1 and km(e.lat, e.lon, region.lat, region.lon) < 60
    return False


def _city_cue(doc: Doc, m: Mention) -> bool:
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    before = doc[max(0, m.start - 3) : m.start].text.lower()
    return after in CITY_CUES or "city of" in before or "in the city" in before


def _actor(span: Span) -> bool:
    """A country or capital standing for its government: "Russia's defence ministry" (a
    possessive before an institution) or "Moscow dismissed the talks" (the subject of a
    speech or decision verb)."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text in ("'s", "’s"):
        head = nxt.head
        words = {t.lower_ for t in doc[span.end + 1 : min(len(doc), span.end + 4)]}
        if head.lower_ in INSTITUTIONS or words & INSTITUTIONS:
            return True
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in ACTOR_VERBS


@Language.factory("fogofwar_places", default_config={})
def make_places(nlp: Language, name: str) -> PlacesFinder:
    return PlacesFinder(nlp)


class _Nearest:
    """The distance from a place to the nearest other mention's chosen place.

    Every candidate of every mention asks this, against every chosen point: a long article has
    hundreds of mentions, most of them repeats ("Kursk" twenty times), so the points are kept
    once per location and the distances computed for all of them at once (numpy), and each
    location's two nearest are cached: the nearest is only skipped when the asking mention is
    all that put it there."""

    def __init__(self, points: list[tuple[int, float, float]]) -> None:
        owners: dict[tuple[float, float], set[int]] = defaultdict(set)
        for n, lat, lon in points:
            owners[(lat, lon)].add(n)
        self._owners = list(owners.values())
        coords = np.radians(np.array(list(owners) or [(0.0, 0.0)], dtype=float))
        self._lat, self._lon = coords[:, 0], coords[:, 1]
        self._cache: dict[tuple[float, float], list[tuple[float, int]]] = {}

    def km(self, lat: float, lon: float, asking: int) -> float | None:
        if not self._owners:
            return None
        best = self._cache.get((lat, lon))
        if best is None:
            p, lam = math.radians(lat), math.radians(lon)
            h = (
                np.sin((self._lat - p) / 2) ** 2
                + math.cos(p) * np.cos(self._lat) * np.sin((self._lon - lam) / 2) ** 2
            )
            d = 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
            order = np.argsort(d)[:2]
            best = [(float(d[i]), int(i)) for i in order]
            self._cache[(lat, lon)] = best
        for dist, i in best:
            if self._owners[i] != {asking}:
                return dist
        return None
