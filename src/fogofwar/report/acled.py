"""Events as ACLED-style rows, under ACLED's own column names, so ACLED tooling reads them.

Columns we cannot fill from one article (interaction codes, region, admin2/3, tags) are left
empty rather than guessed. `source` is the outlet and, after a semicolon, the outlets it cites,
as ACLED lists its sources; `notes` is the event's sentence.
"""

from __future__ import annotations

from typing import Any

# ACLED's export columns, in ACLED's order.
COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

# ACLED's geo_precision: 1 the named town, 2 a nearby or part of a region, 3 a larger region.
_GEO_PRECISION = {"populated_place": 1, "feature": 1, "admin2": 2, "admin1": 3, "country": 3}


def acled_row(event: dict[str, Any], cites: list[str]) -> dict[str, Any]:
    """One `query.event_rows` row in ACLED's columns."""
    day = event["date_begin"] or event["published"]
    # ACLED's time_precision: 1 the exact day, 2 within a week, 3 within a month. An event
    # dated by its article's day is only known to be on or before it.
    precision = 1 if event["date_begin"] and event["date_begin"] == event["date_end"] else 2
    if not event["date_begin"]:
        precision = 3
    return {
        "event_id_cnty": f"{event['article_id']}#{event['item_id']}",
        "event_date": day or "",
        "year": day[:4] if day else "",
        "time_precision": precision,
        "disorder_type": "Political violence" if event["type"] in _VIOLENT else "",
        "event_type": event["type"] or "",
        "sub_event_type": event["subtype"] or "",
        "actor1": event["actor1"] or "",
        "actor2": event["actor2"] or "",
        "iso": event["country_code"] or "",
        "admin1": event["admin1"] or "",
        "location": event["place_name"] or event["place_text"] or "",
        "latitude": event["lat"] if event["lat"] is not None else "",
        "longitude": event["lon"] if event["lon"] is not None else "",
        "geo_precision": _GEO_PRECISION.get(event["place_kind"] or "", "")
        if event["lat"] is not None
        else "",
        "source": "; ".join([event["outlet"] or "", *cites]).strip("; "),
        "notes": event["text"],
        "fatalities": event["fatalities"] if event["fatalities"] is not None else 0,
    }


_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}

__all__ = ["COLUMNS", "acled_row"]
