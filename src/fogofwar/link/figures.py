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
than rounding: "about 1,000" and "1,040" agree). A reference series loaded with
`fogofwar reference load` joins a group of running totals (a period from the start of the
full-scale invasion) as one more member, marked ``reference``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from fogofwar.knowledge import link_lexicon as lexicon
from fogofwar.link.words import tokens
from fogofwar.model import Figure, Record
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


def claimant(record: Record, figure: Figure) -> str:
    """Who gives the figure: the speaker of its claim, else the outlet that prints it."""
    for claim in record.claims:
        if claim.id == figure.claim and claim.speaker is not None:
            return claim.speaker.name or claim.speaker.kind or "unknown"
    return record.article.outlet or "unknown"


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
        groups += _group(store, category, side, part)
    return groups


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


def _group(store: Store, category: str, side: str | None, run: list[Member]) -> list[dict[str, Any]]:
    claims = {(record.article.id, figure.claim or f"figure{i}") for _, record, i, figure in run}
    if len(run) < 2 or len(claims) < 2:
        return []
    members: list[dict[str, Any]] = []
    for _, record, i, figure in run:
        members.append(
            {
                "article": record.article.id,
                "figure": i,
                "start": figure.start,
                "end": figure.end,
                "text": figure.text,
                "value": figure.value if figure.value is not None else figure.high,
                "claimant": claimant(record, figure),
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
            "members": members,
            "spread": round(spread, 3),
            "disagree": spread > DISAGREE_SPREAD,
        }
    ]
