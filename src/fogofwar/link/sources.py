"""Each source's track record, from a ``fogofwar.links/1`` object: per canonical claimant (a
speaker, as one entity across articles: ``link.claimants``) and per outlet, the forecasts it made
and how they stand, and how its figures compare with the other members of their groups and with
the reference series (median ratio, share within 10%).

One row per claimant: "Zelensky", "Zelenskyy" and "President Volodymyr Zelenskiy" are one row,
"Russia's Defence Ministry" and "the Russian Defense Ministry" one; an outlet quoted as a speaker
("Reuters said") is the outlet's row. A speaker that names nobody ("He", "government",
"anonymous") has no row: its forecasts and figures count for the outlet only. A figure or
forecast counts once per row even when the outlet and the speaker are one claimant.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from statistics import median
from typing import Any

from fogofwar.link.claimants import Claimant, canonical, display_names, merge_surnames, outlet

STATUSES = ("came_true", "did_not", "due", "open", "unclear")
WITHIN = 0.10


def _new() -> dict[str, Any]:
    return {"forecasts": 0, **{s: 0 for s in STATUSES}, "figures": 0, "_peer": [], "_ref": []}


def _member_claimant(member: dict[str, Any]) -> Claimant | None:
    """The claimant a figure group member names (its key when the group gave one)."""
    if member.get("claimant_key"):
        return Claimant(
            member["claimant_key"],
            str(member.get("claimant") or member["claimant_key"]),
            str(member.get("claimant_kind") or "organisation"),
            member.get("claimant_side"),
        )
    return canonical(member.get("claimant"))


def track_record(links: dict[str, Any], outlets: dict[str, str | None]) -> list[dict[str, Any]]:
    """Rows for `fogofwar sources`; `outlets` maps article id -> outlet."""
    spoken: list[tuple[str, Claimant]] = []  # (name as written, claimant): for merging and names

    def who(article: str | None, speaker: Claimant | None, written: str | None) -> list[Claimant]:
        found = []
        printed = outlet(outlets.get(article)) if article else None
        if printed is not None:
            found.append(printed)
            spoken.append((printed.name, printed))
        if speaker is not None:
            found.append(speaker)
            spoken.append((written or speaker.name, speaker))
        return found

    items: list[tuple[list[Claimant], str, Any]] = []
    for forecast in links.get("forecasts", []):
        said = forecast.get("speaker")
        items.append((who(forecast["article"], canonical(said), said), "forecast", forecast["status"]))
    for group in links.get("figure_groups", []):
        members = [m for m in group["members"] if not m.get("reference")]
        reference = next((m["value"] for m in group["members"] if m.get("reference")), None)
        for m in members:
            peers = [o["value"] for o in members if o is not m and o["value"]]
            claimants = who(m["article"], _member_claimant(m), m.get("claimant"))
            items.append((claimants, "figure", (m["value"], peers, reference)))
    merged = merge_surnames(c for _, c in spoken)
    names = display_names((written, merged[c.key]) for written, c in spoken)
    rows: dict[str, dict[str, Any]] = defaultdict(_new)
    heads: dict[str, Claimant] = {}
    for claimants, what, detail in items:
        for c in _once(merged[c.key] for c in claimants):
            heads[c.key] = c
            _count(rows[c.key], what, detail)
    out = []
    for key, row in sorted(rows.items(), key=lambda kv: (heads[kv[0]].kind != "outlet", names[kv[0]])):
        c = heads[key]
        out.append(
            {
                "kind": "outlet" if c.kind == "outlet" else "speaker",
                "name": names[key],
                "claimant": key,
                "claimant_kind": c.kind,
                "side": c.side,
                **_summary(row),
            }
        )
    return out


def _once(claimants: Iterator[Claimant]) -> list[Claimant]:
    seen: dict[str, Claimant] = {}
    for c in claimants:
        seen.setdefault(c.key, c)
    return list(seen.values())


def _count(row: dict[str, Any], what: str, detail: Any) -> None:
    if what == "forecast":
        row["forecasts"] += 1
        row[detail] = row.get(detail, 0) + 1
        return
    value, peers, reference = detail
    row["figures"] += 1
    if peers and value:
        row["_peer"].append(value / median(peers))
    if reference and value:
        row["_ref"].append(value / reference)


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    peer, ref = row.pop("_peer"), row.pop("_ref")
    return {
        **row,
        "peer_median_ratio": round(median(peer), 3) if peer else None,
        "peer_within_10pct": round(sum(abs(r - 1) <= WITHIN for r in peer) / len(peer), 3) if peer else None,
        "reference_median_ratio": round(median(ref), 3) if ref else None,
        "reference_within_10pct": round(sum(abs(r - 1) <= WITHIN for r in ref) / len(ref), 3)
        if ref
        else None,
    }
