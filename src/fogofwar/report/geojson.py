"""Places as a GeoJSON FeatureCollection (RFC 7946): what QGIS and kepler.gl open."""

from __future__ import annotations

from typing import Any


def feature(place: dict[str, Any]) -> dict[str, Any]:
    """One place mention (a `query.place_features` row) as a Point feature; lon first, per RFC 7946."""
    properties = {k: v for k, v in place.items() if k not in ("lat", "lon")}
    # Flat properties load as columns in QGIS; the event list is kept too, and summarised.
    properties["event_types"] = ", ".join(sorted({e["type"] for e in place["events"] if e["type"]}))
    return {
        "type": "Feature",
        "id": f"{place['article_id']}#{place['idx']}",
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": properties,
    }


def feature_collection(places: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(p) for p in places]}


__all__ = ["feature", "feature_collection"]
