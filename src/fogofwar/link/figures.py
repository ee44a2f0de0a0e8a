"""Figure groups: the same quantity (category, side, period) given by different sources.

Within one story, figures of the same category and side whose periods end within
``PERIOD_GAP_DAYS`` of each other are taken to count the same thing: reports of one battle or one
deployment give their totals days apart. A group needs two members that are not the same
claim; its spread is max/min of the values, and it disagrees when the spread is above 1.05
(more than rounding: "about 1,000" and "1,040" agree). A reference series loaded with
`fogofwar reference load` joins a group of running totals (a period from the start of the
full-scale invasion) as one more member, marked ``reference``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from fogofwar.link.reference import reference_value
from fogofwar.model import Figure, Record
from fogofwar.store import Store

PERIOD_GAP_DAYS = 45
DISAGREE_SPREAD = 1.05
# A running total counts from the first days of the full-scale invasion.
INVASION_START = date(2022, 2, 24)


def claimant(record: Record, figure: Figure) -> str:
    """Who gives the figure: the speaker of its claim, else the outlet that prints it."""
    for claim in record.claims:
        if claim.id == figure.claim and claim.speaker is not None:
            return claim.speaker.name or claim.speaker.kind or "unknown"
    return record.article.outlet or "unknown"


def _day(figure: Figure, record: Record) -> date | None:
    value = (figure.period.end if figure.period else None) or record.article.published
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def figure_groups(
    store: Store, records: list[Record], skip: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """The figure groups among the records of one story (articles in `skip` are copies: left out)."""
    keyed: dict[tuple[str, str | None], list[tuple[date | None, Record, int, Figure]]] = defaultdict(list)
    for record in records:
        if record.article.id in skip:
            continue
        for i, figure in enumerate(record.figures):
            value = figure.value if figure.value is not None else figure.high
            if figure.category in (None, "other") or value is None or value <= 0:
                continue
            keyed[(figure.category, figure.side)].append((_day(figure, record), record, i, figure))
    groups: list[dict[str, Any]] = []
    for (category, side), members in keyed.items():
        members.sort(key=lambda m: (m[0] or date.max, m[1].article.id, m[2]))
        run: list[tuple[date | None, Record, int, Figure]] = []
        for member in members:
            if run and not _close(run[-1][0], member[0]):
                groups += _group(store, category, side, run)
                run = []
            run.append(member)
        groups += _group(store, category, side, run)
    return groups


def _close(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((b - a).days) <= PERIOD_GAP_DAYS


def _group(
    store: Store, category: str, side: str | None, run: list[tuple[date | None, Record, int, Figure]]
) -> list[dict[str, Any]]:
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
