"""What the CLI and the API show of the links: the ``fogofwar.links/1`` object, each source's track
record, the forecast ledger and the figure-group marks of a figure list.

These build on ``link.build`` and read the store through ``query``; ``query`` itself knows nothing
of links, so the read model stays below the link code that builds on it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from fogofwar.link.build import links
from fogofwar.link.forecasts import status_until_settled
from fogofwar.link.sources import track_record
from fogofwar.link.stance import predicts
from fogofwar.query import Filters, article_heads, article_outlets, forecast_claims, newest_published
from fogofwar.store import Store

# Statuses that a later report gave a forecast: the ledger names the articles that settled it.
SETTLED = ("came_true", "did_not", "unclear")


def sources(store: Store) -> list[dict[str, Any]]:
    """Each outlet's and speaker's track record: forecasts and how their figures compare."""
    outlets = article_outlets(store)
    return track_record(links(store), outlets)


def forecast_ledger(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Predictive claims of the selected articles, with their status so far.

    Only claims about the future (``stance.predicts``); `open` while the window's end is not past
    the newest article, `due` after (``forecasts.status_until_settled``); `came_true`,
    `did_not` or `unclear` once cross-article linking (``fogofwar.links/1``) found later articles
    of the same story that settle it: those are `resolved_by`, each with its title and outlet.
    Settlement reads every linked article, not only the selected ones: a filter chooses which
    forecasts are listed, not which articles may settle them.
    """
    now = newest_published(store)
    rows = forecast_claims(store, f)
    # Linking reads every record of every story: not for a selection without forecasts.
    settled = {
        (fc["article"], fc["claim"]): fc
        for fc in (links(store, articles={r["article_id"] for r in rows})["forecasts"] if rows else [])
        if fc["status"] in SETTLED and fc["resolved_by"]
    }
    settling = article_heads(store, sorted({i for fc in settled.values() for i in fc["resolved_by"]}))
    out = []
    for r in rows:
        # The rules of the links object, so that the ledger and `fogofwar links` / `sources` agree:
        # only claims about the future; the deadline is the window's end, none when that end is
        # before the article (a misread date); open until it passes, then due.
        if not predicts(r["text"], has_window=True):
            continue
        published = r["published"].isoformat() if r["published"] is not None else None
        deadline = r["forecast_end"]
        if deadline is not None and published is not None and deadline < published:
            deadline = None
        status = status_until_settled(deadline, now)
        verdict = settled.get((r["article_id"], r["idx"]))
        out.append(
            {
                "article_id": r["article_id"],
                "claim": r["idx"],
                "id": r["item_id"],
                "text": r["text"],
                "start": r["char_start"],
                "end": r["char_end"],
                "speaker": r["speaker_name"] or r["speaker_kind"],
                "outlet": r["outlet"],
                "published": published,
                "title": r["title"],
                "forecast": {"begin": r["forecast_begin"], "end": r["forecast_end"]},
                "deadline": deadline,
                "status": verdict["status"] if verdict else status,
                "resolved_by": [settling[i] for i in verdict["resolved_by"] if i in settling]
                if verdict
                else [],
            }
        )
    return out


def figure_group_marks(
    store: Store, articles: Collection[str] | None = None
) -> dict[tuple[str, int], dict[str, Any]]:
    """For each figure in a figure group of ``fogofwar.links/1`` (of the stories of `articles`,
    when given): the group's key, its spread, whether its members disagree, and whether a
    reference series joined it. A figure in no group (no other source gives the same quantity)
    is absent. The key is the group's first member ("ARTICLE#FIGURE"): the same on every page
    of a paginated list, whichever stories the page holds."""
    marks: dict[tuple[str, int], dict[str, Any]] = {}
    for group in links(store, articles=articles)["figure_groups"]:
        reference = [m["claimant"] for m in group["members"] if m.get("reference")]
        first = next((m for m in group["members"] if not m.get("reference")), None)
        key = f"{first['article']}#{first['figure']}" if first else ""
        for member in group["members"]:
            if member.get("reference"):
                continue
            marks.setdefault(
                (member["article"], member["figure"]),
                {
                    "group": key,
                    "disagree": bool(group["disagree"]),
                    "spread": group["spread"],
                    "members": len(group["members"]),
                    "reference": reference[0] if reference else None,
                },
            )
    return marks


__all__ = ["SETTLED", "figure_group_marks", "forecast_ledger", "links", "sources"]
