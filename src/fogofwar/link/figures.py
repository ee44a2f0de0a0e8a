"""Figure groups: the same quantity (category, side, period) given by different sources.

Within one story, figures of the same category and side whose periods end within
``PERIOD_GAP_DAYS`` of each other are taken to count the same thing: reports of one battle or one
deployment give their totals days apart. What the figure extractor cannot tell is matched
loosely: civilian tolls whatever side they are put on, figures of category ``other`` by their
head noun or unit (``_key``); loose groups, and to a lesser degree exact ones, are split where
values jump by an order of magnitude, and sub-counts and vague amounts ("30 of them", "several
hundred") stay out. A number left without a group that equals a member of a group, for the same
side and days, repeats that figure in other words and joins it ("a figure of 53,000"). Copies of
an article are not one more source and stay out. A group needs two members that are not the same
claim; its spread is max/min of the values, and it disagrees when the spread is above 1.05 (more
than rounding: "about 1,000" and "1,040" agree). A group states its scope and holds figures of
one scope only (``_scoped``): the place its figures count ("in the Kursk region", or the whole
country or front: "across Ukraine", "along the whole front line") and the first day of the period
they count ("since August", "in December"); a run with members of two scopes splits, so a
Kursk-only toll is never set against a whole-war total. Each member names its claimant as one
entity across articles (``link.claimants``: "Zelenskyy" and "Zelensky" are one, "He" none, and
the outlet gives a figure nobody is quoted for). A reference series loaded with
`fogofwar reference load` joins a group of running totals (a period from the start of the
full-scale invasion) as one more member, marked ``reference``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from functools import cache
from typing import Any

from fogofwar.knowledge import link_lexicon as lexicon
from fogofwar.knowledge import read_json
from fogofwar.link.claimants import Claimant, display_names, merge_surnames, of_speaker, outlet
from fogofwar.link.words import tokens
from fogofwar.model import Figure, Place, Record
from fogofwar.query import reference_value
from fogofwar.store import Store

PERIOD_GAP_DAYS = 45
# Under a loose key (head noun or unit only), values of one quantity given by different sources
# stay within this factor of the next one (rival tolls differ by a third, not tenfold).
SAME_ORDER = 1.35
# Under an exact key, rival claims may differ widely (a side's own toll against its enemy's), but
# not by an order of magnitude: 150 and 25 prisoners in one story are two exchanges, and a
# day's count beside a month's is another quantity.
SAME_QUANTITY = 3.0
# A repeated figure: the same number (to rounding).
SAME_VALUE = 0.01
# A partitive ("30 of them", "seven of its own drones") counts part of a set another figure gives.
_PARTITIVE = re.compile(r"\bof (?:them|these|those|which|its own|their own)\b", re.IGNORECASE)
AREA_UNITS = ("km2", "sq km", "hectares", "ha", "mi2")
DISAGREE_SPREAD = 1.05
# A running total counts from the first days of the full-scale invasion.
INVASION_START = date(2022, 2, 24)

Member = tuple[date | None, Record, int, Figure]


# Where a figure's sentence ends (the scope of a figure is read in its own sentence).
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# A place key: ("whole",) for the whole country or front, ("admin1", country, admin1) for a
# region, ("place", id, country, admin1) for anything narrower.
PlaceKey = tuple[str | int | None, ...]
# A figure of an article with no outlet whose speaker names nobody.
_UNKNOWN = Claimant("outlet/unknown", "unknown", "outlet", None)


def member_claimant(record: Record, figure: Figure) -> Claimant:
    """Who gives the figure, as one claimant across articles: the speaker of its claim, else the
    outlet that prints it (a pronoun or a common noun left as the speaker is no claimant)."""
    for claim in record.claims:
        if claim.id == figure.claim and claim.speaker is not None:
            found = of_speaker(claim.speaker)
            if found is not None:
                return found
    return outlet(record.article.outlet) or _UNKNOWN


def claimant(record: Record, figure: Figure) -> str:
    """The name of who gives the figure (:func:`member_claimant`)."""
    return member_claimant(record, figure).name


@cache
def _scope_words() -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """(whole phrases, words that make a country the whole of it, same_start_days)."""
    raw = read_json("figure_scope")
    return (
        tuple(raw["whole"]["phrases"]),
        tuple(raw["country_prepositions"]["words"]),
        int(raw["same_start_days"]["days"]),
    )


def _whole(record: Record, begin: int, end: int) -> bool:
    """Whether the sentence [begin, end) says the whole country or front ("nationwide",
    "along the whole front line", "Across Ukraine")."""
    phrases, before_country, _ = _scope_words()
    text = record.article.text
    words = f" {' '.join(tokens(text[begin:end]))} "
    if any(f" {p} " in words for p in phrases):
        return True
    for place in record.places:
        if place.kind == "country" and place.role != "actor" and begin <= place.start < end:
            lead = f" {' '.join(tokens(text[begin : place.start]))}"
            if any(lead.endswith(f" {w}") for w in before_country):
                return True
    return False


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return begin, after.start() + 1 if after else len(text)


def _place_key(place: Place) -> PlaceKey | None:
    if place.kind == "country" or place.role == "actor":
        return None  # a country says whose, not where; "Russia said" is no place
    if place.kind == "admin1":
        return ("admin1", place.country_code, place.admin1 or place.name or place.text)
    return ("place", place.geonameid or (place.name or place.text).lower(), place.country_code, place.admin1)


def _figure_place(record: Record, index: int) -> PlaceKey | None:
    """The place a figure counts: the narrowest place of its sentence that is nearer to it than
    to any other figure of the sentence ("158 drones ..., including 46 over the Kursk region":
    Kursk is the 46's); else ("whole",) when the sentence says the whole country or front;
    else None (not said)."""
    figure = record.figures[index]
    text = record.article.text
    begin, end = _sentence(text, figure.start, figure.end)
    others = [f for f in record.figures if begin <= f.start < end]

    def distance(f: Figure, p: Place) -> int:
        return max(f.start - p.end, p.start - f.end, 0)

    best: tuple[int, PlaceKey] | None = None
    for place in record.places:
        key = _place_key(place) if begin <= place.start < end else None
        if key is None or min(distance(f, place) for f in others) < distance(figure, place):
            continue
        if best is None or distance(figure, place) < best[0]:
            best = (distance(figure, place), key)
    if best is not None:
        return best[1]
    return ("whole",) if _whole(record, begin, end) else None


def _same_place(a: PlaceKey | None, b: PlaceKey | None) -> bool:
    """Unknown fits any place; a region fits a town in it (one count of a battle is given for
    the town or its region); the whole country fits only itself."""
    if a is None or b is None or a == b:
        return True
    if "whole" in (a[0], b[0]):
        return False
    if a[0] == "admin1" and b[0] == "place":
        return a[1:] == (b[2], b[3])
    if b[0] == "admin1" and a[0] == "place":
        return b[1:] == (a[2], a[3])
    return False


def _start(figure: Figure) -> date | None:
    """The first day of the interval a figure counts, when it states one ("since August", "in
    December"); None for a figure of one day or of no stated time."""
    period = figure.period
    if period is None or not period.begin or not period.end or period.begin == period.end:
        return None
    try:
        return date.fromisoformat(period.begin[:10])
    except ValueError:
        return None


def _figure_day(figure: Figure, record: Record) -> date | None:
    value = (figure.period.end if figure.period else None) or record.article.published
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _vague(figure: Figure) -> bool:
    """ "Several hundred", "thousands of": an order of magnitude, not a figure to compare."""
    if any(ch.isdigit() for ch in figure.text):
        return False
    first = tokens(figure.text)[:1]
    return bool(first) and first[0] in lexicon()["vague_counts"]


def _noun_family(text: str) -> str | None:
    """What the counted nouns of a text name, when they name one thing."""
    nouns = lexicon()["counted_nouns"]
    found = {nouns[w] for w in tokens(text) if w in nouns}
    return found.pop() if len(found) == 1 else None


def _key(record: Record, figure: Figure) -> tuple[str, str | None, bool] | None:
    """(category, side, loose) under which a figure is compared with others; ("bare", ...) for a
    number that says nothing of what it counts (it may still repeat a figure of the story).

    Civilian tolls are compared whatever side they are put on (whose civilians, or whose
    strike, is read both ways). A figure whose category says nothing (``other``, or an area
    category on a plain count) is compared by its head noun ("casualties", "residents"), else by
    the nouns of its claim ("the number of people killed rose to 43"), and one in a unit (tonnes,
    km) by its unit: such loose keys also need values of the same order."""
    category = figure.category
    if category == "territory" and figure.unit not in AREA_UNITS:
        category = "other"
    if category in (None, "other"):
        words = [w for w in tokens(figure.text) if w.isalpha()]
        noun = lexicon()["counted_nouns"].get(words[-1]) if words else None
        if noun is None and not words:
            claim = next((c for c in record.claims if c.id == figure.claim), None)
            noun = _noun_family(claim.text) if claim else None
        if noun is None:
            if figure.unit and figure.unit not in ("count", "share", "percent"):
                return (f"measure.{figure.unit}", None, True)
            return ("bare", figure.side, True)
        if "." in noun:
            return (noun, figure.side, False)
        return (noun, None if noun == "civilians" else figure.side, True)
    if category.startswith("civilians"):
        return ("civilians", None, True)
    return (category, figure.side, False)


def figure_groups(
    store: Store, records: list[Record], skip: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """The figure groups among the records of one story (articles in `skip` are copies: left out)."""
    keyed: dict[tuple[str, str | None, bool], list[Member]] = defaultdict(list)
    for record in records:
        if record.article.id in skip:
            continue
        for i, figure in enumerate(record.figures):
            value = figure.value if figure.value is not None else figure.high
            if (
                value is None
                or value <= 0
                or figure.parent is not None
                or _PARTITIVE.search(figure.text)
                or _vague(figure)
            ):
                continue  # a sub-count ("30 of them") is a part of another figure, not a rival
            key = _key(record, figure)
            if key is not None:
                keyed[key].append((_figure_day(figure, record), record, i, figure))
    parts: list[tuple[str, str | None, list[Member]]] = []
    for (category, side, loose), members in keyed.items():
        if category == "bare":
            continue
        members.sort(key=lambda m: (m[0] or date.max, m[1].article.id, m[2]))
        runs: list[list[Member]] = []
        for member in members:
            if runs and _close(runs[-1][-1][0], member[0]):
                runs[-1].append(member)
            else:
                runs.append([member])
        for run in runs:
            for part in _same_order(run, SAME_ORDER if loose else SAME_QUANTITY):
                parts.append((category, side, part))
    _join_repeats(parts, keyed)
    groups: list[dict[str, Any]] = []
    for category, side, part in parts:
        for scoped, scope in _scoped(part):
            groups += _group(store, category, side, scoped, scope)
    return groups


Scope = tuple[PlaceKey | None, date | None]


def _scoped(part: list[Member]) -> list[tuple[list[Member], Scope]]:
    """The members split by scope (place counted, first day counted), each part with its scope.

    Members that state more of their scope are placed first; each joins the first part whose
    members all fit it (same place or unknown, first days within ``same_start_days`` or
    unknown), the one of nearest value when several do, else starts a part of its own. A member
    that says neither place nor period fits any part and joins the one nearest in value."""
    days = _scope_words()[2]
    scopes = {id(m): (_figure_place(m[1], m[2]), _start(m[3])) for m in part}

    def fits(a: Scope, b: Scope) -> bool:
        starts = a[1] is None or b[1] is None or abs((a[1] - b[1]).days) <= days
        return starts and _same_place(a[0], b[0])

    order = sorted(part, key=lambda m: -sum(x is not None for x in scopes[id(m)]))
    split: list[list[Member]] = []
    for member in order:
        scope = scopes[id(member)]
        fitting = [p for p in split if all(fits(scope, scopes[id(o)]) for o in p)]
        if not fitting:
            split.append([member])
            continue
        nearest = min(fitting, key=lambda p: min(abs(_value(o) - _value(member)) for o in p))
        nearest.append(member)
    out: list[tuple[list[Member], Scope]] = []
    for members in split:
        members.sort(key=lambda m: (m[0] or date.max, m[1].article.id, m[2]))
        place = next((scopes[id(m)][0] for m in members if scopes[id(m)][0] is not None), None)
        starts = [s for s in (scopes[id(m)][1] for m in members) if s is not None]
        start = min(starts) if starts else None
        out.append((members, (place, start)))
    return out


def _scope_out(scope: Scope, run: list[Member]) -> dict[str, Any]:
    """The group's scope as shown: the place its figures count (the name as the first member's
    article gives it), whether that is the whole country or front, and the first day counted."""
    place, start = scope
    name: str | None = None
    if place is not None and place[0] != "whole":
        for _, record, _, _ in run:
            found = next((p for p in record.places if _place_key(p) == place), None)
            if found is not None:
                name = found.name or found.text
                break
    return {
        "place": name,
        "whole": place is not None and place[0] == "whole",
        "since": start.isoformat() if start else None,
    }


def _is_group(part: list[Member]) -> bool:
    return len({(m[1].article.id, m[3].claim or f"figure{m[2]}") for m in part}) >= 2


def _join_repeats(
    parts: list[tuple[str, str | None, list[Member]]],
    keyed: dict[tuple[str, str | None, bool], list[Member]],
) -> None:
    """A number that found no group of its own but equals a member of a group of the story, in
    the same days and for the same side, repeats that figure under other words ("a figure of
    53,000", "150 Russians", "189 people"): it joins that group. Only figures whose kind is
    loose (a noun family, or nothing) are moved: an exact category is trusted."""
    placed = {(m[1].article.id, m[2]) for _, _, part in parts if _is_group(part) for m in part}
    for (category, side, loose), members in keyed.items():
        if not loose or category.startswith("measure."):
            continue
        for member in members:
            if (member[1].article.id, member[2]) in placed:
                continue
            for _, group_side, part in parts:
                if not _is_group(part) or (side and group_side and side != group_side):
                    continue
                if any(
                    abs(_value(m) - _value(member)) <= SAME_VALUE * _value(m) and _close(m[0], member[0])
                    for m in part
                ):
                    part.append(member)
                    placed.add((member[1].article.id, member[2]))
                    break


def _same_order(run: list[Member], factor: float) -> list[list[Member]]:
    """Members split where their sorted values jump by more than `factor`: under a loose key, 33
    dead and 53,000 residents are not one quantity."""
    ordered = sorted(run, key=_value)
    parts: list[list[Member]] = []
    for member in ordered:
        if parts and _value(member) <= _value(parts[-1][-1]) * factor:
            parts[-1].append(member)
        else:
            parts.append([member])
    return [sorted(p, key=lambda m: (m[0] or date.max, m[1].article.id, m[2])) for p in parts]


def _value(member: Member) -> float:
    figure = member[3]
    return float(figure.value if figure.value is not None else figure.high or 0.0)


def _close(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((b - a).days) <= PERIOD_GAP_DAYS


def _group(
    store: Store, category: str, side: str | None, run: list[Member], scope: Scope = (None, None)
) -> list[dict[str, Any]]:
    claims = {(record.article.id, figure.claim or f"figure{i}") for _, record, i, figure in run}
    if len(run) < 2 or len(claims) < 2:
        return []
    found = [member_claimant(record, figure) for _, record, _, figure in run]
    merged = merge_surnames(found)
    who = [merged[c.key] for c in found]
    names = display_names(zip((c.name for c in found), who, strict=True))
    members: list[dict[str, Any]] = []
    for (_, record, i, figure), by in zip(run, who, strict=True):
        members.append(
            {
                "article": record.article.id,
                "figure": i,
                "start": figure.start,
                "end": figure.end,
                "text": figure.text,
                "value": figure.value if figure.value is not None else figure.high,
                "claimant": names[by.key],
                "claimant_key": by.key,
                "claimant_kind": by.kind,
                "claimant_side": by.side,
            }
        )
    periods = [f.period for _, _, _, f in run if f.period]
    begin = min((p.begin for p in periods if p.begin), default=None)
    end = max((p.end for p in periods if p.end), default=None)
    days = [d for d, _, _, _ in run if d]
    if begin and begin <= (INVASION_START + timedelta(days=7)).isoformat() and days:
        ref = reference_value(store, category, side, max(days))
        if ref is not None:
            members.append(
                {"reference": True, "article": None, "figure": None, "value": ref[1], "claimant": ref[0]}
            )
    values = [m["value"] for m in members]
    spread = max(values) / min(values)
    return [
        {
            "category": category,
            "side": side,
            "period": {"begin": begin, "end": end},
            "scope": _scope_out(scope, run),
            "claimants": len({by.key for by in who}),
            "members": members,
            "spread": round(spread, 3),
            "disagree": spread > DISAGREE_SPREAD,
        }
    ]
