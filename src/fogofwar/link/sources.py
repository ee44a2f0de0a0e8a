"""Each source's track record, from a ``fogofwar.links/1`` object: per outlet and per speaker, the
forecasts it made and how they stand, and how its figures compare with the other members of their
groups and with the reference series (median ratio, share within 10%)."""

from __future__ import annotations

from collections import defaultdict
from statistics import median
from typing import Any

STATUSES = ("came_true", "did_not", "due", "open", "unclear")
WITHIN = 0.10


def _new() -> dict[str, Any]:
    return {"forecasts": 0, **{s: 0 for s in STATUSES}, "figures": 0, "_peer": [], "_ref": []}


def track_record(links: dict[str, Any], outlets: dict[str, str | None]) -> list[dict[str, Any]]:
    """Rows for `fogofwar sources`; `outlets` maps article id -> outlet."""
    rows: dict[tuple[str, str], dict[str, Any]] = defaultdict(_new)

    def keys(article: str | None, speaker: str | None) -> list[tuple[str, str]]:
        out = []
        if article and outlets.get(article):
            out.append(("outlet", str(outlets[article])))
        if speaker:
            out.append(("speaker", speaker))
        return out

    for forecast in links.get("forecasts", []):
        for key in keys(forecast["article"], forecast.get("speaker")):
            rows[key]["forecasts"] += 1
            rows[key][forecast["status"]] = rows[key].get(forecast["status"], 0) + 1
    for group in links.get("figure_groups", []):
        members = [m for m in group["members"] if not m.get("reference")]
        reference = next((m["value"] for m in group["members"] if m.get("reference")), None)
        for m in members:
            peers = [o["value"] for o in members if o is not m and o["value"]]
            for key in keys(m["article"], m.get("claimant")):
                rows[key]["figures"] += 1
                if peers and m["value"]:
                    rows[key]["_peer"].append(m["value"] / median(peers))
                if reference and m["value"]:
                    rows[key]["_ref"].append(m["value"] / reference)
    out = []
    for (kind, name), row in sorted(rows.items()):
        peer, ref = row.pop("_peer"), row.pop("_ref")
        out.append(
            {
                "kind": kind,
                "name": name,
                **row,
                "peer_median_ratio": round(median(peer), 3) if peer else None,
                "peer_within_10pct": round(sum(abs(r - 1) <= WITHIN for r in peer) / len(peer), 3)
                if peer
                else None,
                "reference_median_ratio": round(median(ref), 3) if ref else None,
                "reference_within_10pct": round(sum(abs(r - 1) <= WITHIN for r in ref) / len(ref), 3)
                if ref
                else None,
            }
        )
    return out
