"""Conflict events on pages that report no conflict: the wild pages against bench/wild/topics.tsv.

    python bench/wild_events.py --pages /tmp/wild/pages            # pages unpacked from
        ../shared/data/wild/pages.tar.xz (outside the repository)
    python bench/wild_events.py --pages DIR --show dev              # each dev page's events

Every page is read with fogofwar's own reader and annotated in this process, one page at a time,
so that an error on one page costs that page only (it is counted and named, not fatal). The
labels (bench/wild/topics.tsv) say which pages report armed conflict, political violence, a
protest or a strategic development; the measures, for the dev part (the first 140 pages in sorted
order) and the held-out part (the last 60) side by side:

* among pages labelled conflict=no: the share with any ACLED-typed event (an event whose ``type``
  is set) and the mean number of such events per page (targets: at most 5%, under 0.1);
  the same without the pages labelled crime (criminal violence, which ACLED records in some
  countries);
* among pages labelled conflict=yes: ACLED-typed events per page (recall must not collapse).

``--show dev`` prints each dev page's events (type, sub-event type, sentence); the held-out part
is not shown unless asked for by name, so that it can stay untouched while the rules are tuned.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
LABELS = BENCH / "wild" / "topics.tsv"
DEV_PAGES = 140


def read_labels(path: Path) -> list[dict[str, str]]:
    """The labelled pages, in sorted file-name order (comment lines and the header skipped)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("file\t"):
            continue
        name, topic, conflict = line.split("\t")
        rows.append({"file": name, "topic": topic, "conflict": conflict})
    return sorted(rows, key=lambda r: r["file"])


def page_events(path: Path) -> tuple[list[dict[str, Any]], str | None]:
    """The events fogofwar codes on one page, and the error that stopped it (if any)."""
    from fogofwar.annotate import extract_articles
    from fogofwar.ingest import read_inputs
    from fogofwar.model import Article

    events: list[dict[str, Any]] = []
    try:
        for item in read_inputs([str(path)]):
            if not isinstance(item, Article):
                return events, f"no record: {item}"
            for record in extract_articles([item]):
                events.extend(e if isinstance(e, dict) else asdict(e) for e in record.part("events"))
    except Exception as exc:  # one page's failure is measured, not fatal
        return events, f"{type(exc).__name__}: {exc}"
    return events, None


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The measures of one part of the pages."""

    def typed(r: dict[str, Any]) -> int:
        return sum(1 for e in r["events"] if e.get("type"))

    def block(pages: list[dict[str, Any]]) -> dict[str, Any]:
        n = len(pages)
        counts = [typed(r) for r in pages]
        return {
            "pages": n,
            "with_event": sum(1 for c in counts if c) / n if n else None,
            "per_page": sum(counts) / n if n else None,
        }

    return {
        "conflict_no": block([r for r in rows if r["conflict"] == "no"]),
        "conflict_no_not_crime": block([r for r in rows if r["conflict"] == "no" and r["topic"] != "crime"]),
        "conflict_yes": block([r for r in rows if r["conflict"] == "yes"]),
        "errors": sum(1 for r in rows if r["error"]),
    }


def show(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        typed = [e for e in r["events"] if e.get("type")]
        print(f"== {r['file']} [{r['topic']}, conflict {r['conflict']}] {len(typed)} typed events")
        if r["error"]:
            print(f"   error: {r['error']}")
        for e in typed:
            text = " ".join(str(e.get("text", "")).split())[:160]
            print(f"   {e.get('type')} / {e.get('subtype')}: {text}")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(parts: dict[str, dict[str, Any]]) -> str:
    lines = ["| measure | " + " | ".join(parts) + " |", "|---|" + "---|" * len(parts)]
    for key, label in (
        ("conflict_no", "conflict=no"),
        ("conflict_no_not_crime", "conflict=no, not crime"),
        ("conflict_yes", "conflict=yes"),
    ):
        lines.append(f"| {label}: pages | " + " | ".join(str(p[key]["pages"]) for p in parts.values()) + " |")
        if key != "conflict_yes":
            lines.append(
                f"| {label}: share with an ACLED-typed event | "
                + " | ".join(_fmt(p[key]["with_event"]) for p in parts.values())
                + " |"
            )
        lines.append(
            f"| {label}: ACLED-typed events per page | "
            + " | ".join(_fmt(p[key]["per_page"]) for p in parts.values())
            + " |"
        )
    lines.append("| pages with an error | " + " | ".join(str(p["errors"]) for p in parts.values()) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--pages", type=Path, help="the unpacked pages/ folder of ../shared/data/wild")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--out", type=Path, help="write every page's events here (JSONL), to compare runs")
    ap.add_argument("--from", dest="from_", type=Path, help="measure the events of an earlier --out")
    ap.add_argument("--show", choices=("dev", "heldout"), help="print each page's events of one part")
    args = ap.parse_args(argv)
    labels = read_labels(args.labels)
    if args.from_:
        rows = [json.loads(line) for line in args.from_.read_text(encoding="utf-8").splitlines()]
    elif args.pages:
        rows = []
        for label in labels:
            events, error = page_events(args.pages / label["file"])
            if error:
                print(f"{label['file']}: {error}", file=sys.stderr)
            rows.append({**label, "events": events, "error": error})
    else:
        ap.error("give --pages (the unpacked wild pages) or --from (an earlier --out)")
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    dev, heldout = rows[:DEV_PAGES], rows[DEV_PAGES:]
    if args.show:
        show(dev if args.show == "dev" else heldout)
    print(table({"dev": summarise(dev), "held-out": summarise(heldout), "all": summarise(rows)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
