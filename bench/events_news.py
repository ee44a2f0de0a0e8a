"""Events in news articles: one gold event per happening, several per article.

Usage (from the repository root):
  python3 bench/events_news.py --data bench/gold/events/news_dev \
      --cmd "$PY -m fogofwar extract --format jsonl"
  python3 bench/events_news.py --data FOLDER --pred preds.jsonl --errors 10
  python3 bench/events_news.py --data FOLDER --oracle        # records built from the gold: every metric 1.0

Same contract as the shared scorers (``--shared``, default ../shared beside the repository, holds
eval/common.py): articles.jsonl(.gz) rows {"id", "title", "outlet", "published", "text"};
gold.jsonl(.gz) rows {"id", "events": [{"type" (ACLED event_type), "subtype" (sub_event_type or
null), "actor1" (ACLED-style name), "place", "lat", "lon", "admin1" (or null), "date"
(YYYY-MM-DD), "fatalities" (int, or null when the text does not say), "main" (true for exactly
one event of an article that has any)}]}; an article may have "events": [].

Predicted events: the record's events that carry an ACLED type (record["events"] items with a
non-empty "type"); events with none are PLOVER-only codings (statements, talks, demands), counted
apart as untyped_events. Matching, per article: gold events in gold order, each takes the first
still-unmatched predicted event (its place record["places"][ev["place"]]) with norm(type) equal, the place
within 50 km (great circle) and the gold date within the predicted date's begin..end (a missing
begin or end is the other one; no date = no match).

Metrics:
  event_p, event_r, event_f1   matched pairs over predicted / gold events
  events_per_happening         predicted events / gold events, over the articles with gold events
  main_acc                     share of the articles with gold events whose FIRST event (typed or not)
                               matches (type, place, date as above) the gold main event
  actor1_acc                   over matched pairs: the shared events scorer's token rule (at least
                               half of the gold actor1's tokens in the predicted actor1)
  fatalities_acc               over matched pairs: null == null, else equal ints
  admin1_acc                   over matched pairs: the shared scorer's admin_norm, equal (null == null)
  n_gold, n_pred, n_matched, articles_with_events; articles, missing_records, bad_spans
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def _shared_modules(argv: list[str]) -> tuple[Any, Any]:
    """common.py and events.py of the shared scorers (``--shared`` or ../shared)."""
    # ../shared beside the repository; a worktree (/work/wt/NAME) finds it one level further up.
    shared = next(
        (d / "shared" for d in REPO.parents if (d / "shared" / "eval" / "common.py").is_file()),
        REPO.parent / "shared",
    )
    for i, arg in enumerate(argv):
        if arg == "--shared" and i + 1 < len(argv):
            shared = Path(argv[i + 1])
        elif arg.startswith("--shared="):
            shared = Path(arg.split("=", 1)[1])
    folder = shared / "eval"
    if not (folder / "common.py").is_file():
        raise SystemExit(f"{folder}: no common.py (give --shared FOLDER holding eval/common.py)")
    sys.path.insert(0, str(folder))
    import common
    import events

    return common, events


common, shared_events = _shared_modules(sys.argv)


def _place_of(rec: dict[str, Any], ev: dict[str, Any]) -> dict[str, Any] | None:
    place = shared_events.event_place(rec, ev)
    return place if isinstance(place, dict) else None


def _date_ok(gold_date: str, d: Any) -> bool:
    return bool(gold_date) and shared_events.date_ok(gold_date, d, precision=2)


def matches(rec: dict[str, Any], pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The predicted event is the gold event: same type, place within 50 km, date in range."""
    if shared_events.norm(pred.get("type")) != shared_events.norm(gold.get("type")):
        return False
    place = _place_of(rec, pred)
    if place is None:
        return False
    lat, lon = shared_events.coord(place.get("lat")), shared_events.coord(place.get("lon"))
    if lat is None or lon is None or common.km(lat, lon, gold["lat"], gold["lon"]) > 50.0:
        return False
    return _date_ok(gold.get("date") or "", pred.get("date"))


def _fatalities_equal(pred: Any, gold: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if isinstance(pred, bool) or not isinstance(pred, int | float):
        return False
    return math.isfinite(pred) and int(pred) == gold


def _admin1_equal(place: dict[str, Any] | None, gold: Any) -> bool:
    adm = place.get("admin1") if place else None
    if place and not adm and place.get("kind") == "admin1":
        adm = place.get("name")
    if gold is None:
        return not adm
    return shared_events.admin_norm(adm) == shared_events.admin_norm(gold)


def _actor_ok(pred: Any, gold: Any) -> bool:
    gt = shared_events.tokens(gold)
    return bool(gt) and 2 * len(gt & shared_events.tokens(pred)) >= len(gt)


def _brief(rec: dict[str, Any], ev: dict[str, Any]) -> dict[str, Any]:
    place = _place_of(rec, ev)
    return {
        "type": ev.get("type"),
        "place": place.get("name") if place else None,
        "date": ev.get("date"),
        "actor1": ev.get("actor1"),
        "fatalities": ev.get("fatalities"),
        "text": str(ev.get("text") or "")[:120],
    }


def score(articles: list[dict], gold: dict[str, dict], pred: dict[str, dict], args: argparse.Namespace):
    c = dict(
        untyped=0,
        gold=0,
        pred=0,
        matched=0,
        main=0,
        with_events=0,
        pred_in_gold_arts=0,
        actor=0,
        fat=0,
        adm=0,
    )
    errors: list[dict[str, Any]] = []
    for a in articles:
        g_events = gold[a["id"]].get("events") or []
        rec = pred.get(a["id"]) or {}
        every = [e for e in common.items(rec, "events") if isinstance(e, dict)]
        # Events with no ACLED type are PLOVER codings (a statement, talks, a demand): not
        # happenings an analyst maps; counted apart. The main event is the record's first, typed or not.
        p_events = [e for e in every if e.get("type")]
        c["untyped"] += len(every) - len(p_events)
        c["gold"] += len(g_events)
        c["pred"] += len(p_events)
        used: set[int] = set()
        pairs: list[tuple[dict, dict]] = []
        missed = []
        for g in g_events:
            found = next((i for i, p in enumerate(p_events) if i not in used and matches(rec, p, g)), None)
            if found is None:
                missed.append(g)
                continue
            used.add(found)
            pairs.append((g, p_events[found]))
        c["matched"] += len(pairs)
        for g, p in pairs:
            c["actor"] += _actor_ok(p.get("actor1"), g.get("actor1"))
            c["fat"] += _fatalities_equal(p.get("fatalities"), g.get("fatalities"))
            c["adm"] += _admin1_equal(_place_of(rec, p), g.get("admin1"))
        main_ok = True
        if g_events:
            c["with_events"] += 1
            c["pred_in_gold_arts"] += len(p_events)
            main = next((g for g in g_events if g.get("main")), g_events[0])
            main_ok = bool(every) and matches(rec, every[0], main)
            c["main"] += main_ok
        extra = [p for i, p in enumerate(p_events) if i not in used]
        if missed or extra or not main_ok:
            errors.append(
                {
                    "id": a["id"],
                    "main_ok": main_ok,
                    "missed": [
                        {k: g.get(k) for k in ("type", "place", "date", "fatalities")} for g in missed
                    ],
                    "extra": [_brief(rec, p) for p in extra],
                    "first": _brief(rec, every[0]) if every else None,
                }
            )
    prf = common.prf(c["matched"], c["pred"], c["gold"])
    metrics = {
        "event_p": prf["p"],
        "event_r": prf["r"],
        "event_f1": prf["f1"],
        "events_per_happening": common.ratio(c["pred_in_gold_arts"], c["gold"]),
        "main_acc": common.ratio(c["main"], c["with_events"]),
        "actor1_acc": common.ratio(c["actor"], c["matched"]),
        "fatalities_acc": common.ratio(c["fat"], c["matched"]),
        "admin1_acc": common.ratio(c["adm"], c["matched"]),
        "n_gold": c["gold"],
        "n_pred": c["pred"],
        "n_matched": c["matched"],
        "untyped_events": c["untyped"],
        "articles_with_events": c["with_events"],
    }
    return metrics, errors


def oracle(articles: list[dict], gold: dict[str, dict]) -> dict[str, dict]:
    """Perfect fogofwar.record/1 records built from the gold (the main event first)."""
    out = {}
    for a in articles:
        g_events = sorted(gold[a["id"]].get("events") or [], key=lambda g: not g.get("main"))
        places, events = [], []
        for n, g in enumerate(g_events):
            places.append(
                {
                    "name": g["place"],
                    "lat": g["lat"],
                    "lon": g["lon"],
                    "admin1": g.get("admin1"),
                    "kind": "populated_place",
                }
            )
            events.append(
                {
                    "id": f"e{n + 1}",
                    "type": g["type"],
                    "subtype": g.get("subtype"),
                    "actor1": g.get("actor1"),
                    "place": n,
                    "date": {"begin": g["date"], "end": g["date"]},
                    "fatalities": g.get("fatalities"),
                }
            )
        out[a["id"]] = {
            "schema": "fogofwar.record/1",
            "article": {"id": a["id"]},
            "places": places,
            "events": events,
        }
    return out


def main() -> None:
    ap = common.parser("events_news", "", __doc__.split("\n")[0])
    ap.add_argument(
        "--shared", help="folder holding eval/common.py (default: ../shared beside the repository)"
    )
    ap.add_argument(
        "--oracle", action="store_true", help="score records built from the gold (should give 1.0)"
    )
    args = ap.parse_args()
    if not args.data:
        raise SystemExit("give --data FOLDER (a folder with articles.jsonl and gold.jsonl)")
    folder = Path(args.data)
    if not folder.is_dir():
        raise SystemExit(f"no data set at {folder}")
    articles = common.load_inputs(folder, args.limit)
    gold = common.load_gold(folder, {a["id"] for a in articles})
    missing = [a["id"] for a in articles if a["id"] not in gold]
    if missing:
        raise SystemExit(f"{folder}: {len(missing)} articles have no gold (first: {missing[0]})")
    pred = oracle(articles, gold) if args.oracle else common.predictions(args, articles)
    if pred is None:
        return
    metrics, errors = score(articles, gold, pred, args)
    metrics = {
        "area": "events_news",
        "set": folder.name,
        "articles": len(articles),
        "missing_records": sum(1 for a in articles if a["id"] not in pred),
        "bad_spans": common.check_spans(pred, articles),
        **metrics,
    }
    common.emit(metrics, errors, args.errors)


if __name__ == "__main__":
    main()
