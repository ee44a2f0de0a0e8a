"""Choosing the GeoNames entry each mention means, from its candidates and the article around it.

Resolution weighs, for each candidate entry: its kind and population (the prior), the countries
the article's other places point to (its focus), the regions it names, a qualifier right after
the name ("X, Donetsk Oblast" puts X in Donetsk Oblast), nearness to the other places it names,
and the outlet's home country. Population alone is only the tie-breaker.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from fogofwar.knowledge.gazetteer import (
    ADMIN1,
    ADMIN2,
    ALT,
    BARE,
    COUNTRY,
    FEATURE,
    PLACE,
    Entry,
    Gazetteer,
    km,
)
from fogofwar.knowledge.places import PlaceWords
from fogofwar.nlp.places.mentions import Mention

KIND_PRIOR = {COUNTRY: 3.0, ADMIN1: 2.2, ADMIN2: 1.5, PLACE: 0.0, FEATURE: 1.5}

_Region = tuple[str, str]  # (country code, admin1 name)


@dataclass
class _Context:
    """What the article's chosen places say about where it is, for the next round of scores."""

    focus: dict[str, float]  # country code -> weight of the places chosen in it
    total: float
    regions: set[_Region]  # the regions (admin1) it names
    nearest: _Nearest


class Resolver:
    """Scores every candidate of every mention and chooses the best, in two rounds: the first
    by prior, the second by the context those picks make."""

    def __init__(self, words: PlaceWords, home: dict[str, str]) -> None:
        self.words = words
        self.home = home  # outlet name or alias (case-folded) -> its country code

    def resolve(self, doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
        home = self.home.get((doc._.outlet or "").casefold())
        # A candidate's prior and the country a name is depend on the name alone: read once.
        priors = [[self._prior(doc, m, e, flags, gaz) for e, flags in m.cands] for m in mentions]
        countries = [_named_country(m) for m in mentions]
        for m, prior, country in zip(mentions, priors, countries, strict=True):
            m.scores = [
                p - _shares_country_name(e, country, (), frozenset())
                for (e, _flags), p in zip(m.cands, prior, strict=True)
            ]
        votes = _region_votes(doc, mentions, gaz)
        for _ in range(2):
            _choose(mentions)
            context = _context(mentions)
            for n, m in enumerate(mentions):
                qualifier = _qualifier_regions(mentions, m)
                m.scores = [
                    _score(p, e, n, context, votes, home, qualifier)
                    - _shares_country_name(e, countries[n], qualifier, context.regions)
                    for (e, _flags), p in zip(m.cands, priors[n], strict=True)
                ]
        _choose(mentions)
        _settle_qualified(mentions)

    def _prior(self, doc: Doc, m: Mention, e: Entry, flags: int, gaz: Gazetteer) -> float:
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
            if m.key in gaz.bare_region and not self._city_cue(doc, m):
                s += 6.0
            elif _has_city(m, e):
                s -= 6.0
        elif e.kind == ADMIN1 and _has_city(m, e, 0.3):
            # "Moscow", "New York": a region named exactly like a city in it is read as the city.
            s -= 3.0
        return s

    def _city_cue(self, doc: Doc, m: Mention) -> bool:
        after = doc[m.end].lower_ if m.end < len(doc) else ""
        before = doc[max(0, m.start - 3) : m.start].text.lower()
        return after in self.words.city_cues or "city of" in before or "in the city" in before


def _named_country(m: Mention) -> Entry | None:
    """The country the name is the own name or a short form of ("Congo", "Jordan"), if any."""
    return next((e for e, flags in m.cands if e.kind == COUNTRY and not flags & ALT), None)


def _qualifier_regions(mentions: list[Mention], m: Mention) -> tuple[Entry, ...]:
    """The regions the name written right after `m` may be: its chosen entry and every region
    it is the name of ("Vodiane (Donetsk)": the city of Donetsk and Donetsk Oblast)."""
    if m.qualifier is None:
        return ()
    q = mentions[m.qualifier]
    if m.listed:
        return (q.chosen,) if q.chosen is not None else ()
    regions = [e for e, flags in q.cands if e.kind in (COUNTRY, ADMIN1, ADMIN2) and not flags & ALT]
    return (*([q.chosen] if q.chosen is not None else []), *regions)


def _settle_qualified(mentions: list[Mention]) -> None:
    """A settlement and the region written next to it, settled together. The region is the
    region, not the city its bare name also is ("Stepove (Donetsk)" is Donetsk Oblast), and a
    settlement with a stated region is none of its namesakes elsewhere: when the gazetteer has
    no such place in that region ("Novoselivka, Kharkiv oblast", "Taji, Iraq"), it is drawn at
    that region (its kind says how precise that is) rather than in the wrong oblast or country."""
    for m in mentions:
        if m.qualifier is None or m.chosen is None or m.listed:
            continue
        q = mentions[m.qualifier]
        regions = _qualifier_regions(mentions, m)
        holding = next((r for r in regions if _inside(m.chosen, r)), None)
        if holding is not None:
            if q.chosen is not None and q.chosen.kind == PLACE and holding.kind == ADMIN1:
                q.chosen = holding
        elif m.stated and m.chosen.kind in (PLACE, ADMIN2):
            stated = q.chosen if q.chosen is not None and q.chosen.kind in (COUNTRY, ADMIN1) else None
            stated = stated or next((r for r in regions if r.kind in (COUNTRY, ADMIN1)), None)
            if stated is not None:
                m.chosen = stated  # drawn at the region it is said to be in, kind says so


def _shares_country_name(
    e: Entry, country: Entry | None, qualifier: tuple[Entry, ...], regions: set[_Region] | frozenset[_Region]
) -> float:
    """How far a town that shares a country's name falls behind it: a country's name is that
    country ("fighting around Goma in eastern Congo" is not Congo, Brazil), unless the text puts
    the town elsewhere: a qualifier it lies in ("Lebanon, Pa.") or a region of its own the
    article names. A first-level region keeps its chance ("Georgia" in a US article is the
    state, which the article's other places decide)."""
    if country is None or e.kind in (COUNTRY, ADMIN1):
        return 0.0
    if any(_inside(e, r) for r in qualifier):
        return 0.0
    if e.admin1 and (e.country_code, e.admin1) in regions:
        return 0.0
    return 6.0


def _region_votes(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> Counter[_Region]:
    """Which regions could each distinct name be in? A region that several of the article's
    names could all be in is where the article is: Alexandria, Brandon and Kensington are each
    in many states, but all three only in Minnesota."""
    votes = Counter[_Region]()
    own: dict[str, set[_Region]] = {}
    # The outlet's home counts as one more name: "columbuslocalnews.com" votes for every
    # region with a Columbus, which with the article's Dublin makes it Ohio.
    named = [(m.key, m.cands) for m in mentions] + [(k, gaz.lookup(k)) for k in _outlet_names(doc, gaz)]
    for key, cands in named:
        if key in own:
            continue
        own[key] = {(e.country_code, e.admin1) for e, flags in cands if e.admin1 and not flags & ALT}
        votes.update(own[key])
    return votes


def _context(mentions: list[Mention]) -> _Context:
    focus: dict[str, float] = defaultdict(float)
    regions: set[_Region] = set()
    points: list[tuple[int, float, float]] = []
    voted: set[tuple[str, int]] = set()
    for n, m in enumerate(mentions):
        e = m.chosen
        if e is None:
            continue
        weight = 2.0 if e.kind in (COUNTRY, ADMIN1) else 1.0
        if (m.key, e.id) not in voted:
            # One name, one vote: "Dublin" fifteen times must not outvote "Ohio" once.
            voted.add((m.key, e.id))
            focus[e.country_code] += weight * m.score
        if e.kind == ADMIN1 and e.admin1:
            regions.add((e.country_code, e.admin1))
        if e.kind in (PLACE, ADMIN2, ADMIN1):
            points.append((n, e.lat, e.lon))
    return _Context(focus, sum(focus.values()) or 1.0, regions, _Nearest(points))


def _score(
    prior: float,
    e: Entry,
    n: int,
    context: _Context,
    votes: Counter[_Region],
    home: str | None,
    qualifier: tuple[Entry, ...],
) -> float:
    """Candidate `e`'s prior and what the article around mention `n` adds to it (added one at a
    time, in this order: the sums are floats)."""
    s = prior + 2.5 * context.focus[e.country_code] / context.total
    if home and e.country_code == home:
        s += 0.5
    if e.kind != ADMIN1 and e.admin1 and (e.country_code, e.admin1) in context.regions:
        s += 1.5
    if e.admin1 and e.kind != COUNTRY:
        s += 0.8 * min(3, votes[(e.country_code, e.admin1)] - 1)
    if any(_inside(e, r) for r in qualifier):
        s += 5.0
    if e.kind in (PLACE, ADMIN2):
        near = context.nearest.km(e.lat, e.lon, n)
        if near is not None:
            s += 2.0 * math.exp(-near / 150.0)
    return s


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


def supported(mentions: list[Mention]) -> list[Mention]:
    """Drop a town found only by the gazetteer whose country nothing else in the article names:
    "Bombing of Neptune Pool in Mariupol" is not Neptune City, New Jersey. With no other
    place to go by, the lone name stays."""
    countries = Counter(m.chosen.country_code for m in mentions if m.chosen is not None)
    kept = []
    for m in mentions:
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
    names = []
    for word in re.split(r"[^a-z]+", re.sub(r"^(?:www\.|the)", "", outlet)):
        for n in range(min(len(word), 20), 3, -1):
            # Only a town of 20,000 or more: "monitor" in "Monitor Map" is a hamlet somewhere.
            if any(e.population >= 20_000 and not f & ALT for e, f in gaz.lookup(word[:n])):
                names.append(word[:n])
                break
    return names


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
