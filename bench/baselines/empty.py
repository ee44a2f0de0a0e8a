"""The floor baseline: a record per article with every part empty.

Why: every accuracy area must beat this. Run through a scorer, it shows what "found
nothing" scores (0 for most metrics, but not all: an empty prediction is *right* on
e.g. figures' negatives_flagged, events' fat_exact when gold is 0, or claims' anonymous
speakers), so a number from fogofwar can be read against it rather than against 0.

    python3 bench/baselines/empty.py ARTICLES.jsonl            # fogofwar.record/1 JSON Lines
    python3 bench/baselines/empty.py --links ARTICLES.jsonl    # one empty fogofwar.links/1 object

Input: fogofwar's article JSON Lines (``id``, ``text``, optional ``title``, ``outlet``,
``published``, ``url``, ``language``), plain or gzipped; the path is the last argument, as
the scorers' ``--cmd`` appends it. A line that is not a JSON object with an ``id`` is skipped
with a warning on standard error and the exit code is 1 (the scorers accept 1), as the product
does with a bad input line. Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

PARTS = ("places", "times", "figures", "claims", "events", "entities")
LINK_PARTS = ("duplicates", "stories", "figure_groups", "contradictions", "forecasts")


def open_text(path: Path) -> TextIO:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_articles(path: Path, problems: list[str]) -> Iterator[dict[str, Any]]:
    """Yield the article objects of a JSON Lines file; note the lines that are not articles."""
    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                problems.append(f"{path}:{n}: not JSON ({exc})")
                continue
            if not isinstance(row, dict) or row.get("id") is None:
                problems.append(f"{path}:{n}: not an article object with an id")
                continue
            yield row


def empty_record(row: dict[str, Any]) -> dict[str, Any]:
    """A fogofwar.record/1 object for one input article, with every part empty."""
    article: dict[str, Any] = {
        "id": str(row["id"]),
        "title": row.get("title"),
        "outlet": row.get("outlet"),
        "published": row.get("published"),
        "url": row.get("url"),
        "language": row.get("language"),
        "text": row.get("text") if isinstance(row.get("text"), str) else "",
        "cites": [],
    }
    return {"schema": "fogofwar.record/1", "article": article, **{part: [] for part in PARTS}}


def empty_links(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A fogofwar.links/1 object that links nothing (no duplicates, no stories, ...)."""
    dates = [r["published"] for r in rows if isinstance(r.get("published"), str)]
    return {"schema": "fogofwar.links/1", "as_of": max(dates)[:10] if dates else None} | {
        part: [] for part in LINK_PARTS
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--links", action="store_true", help="print one empty fogofwar.links/1 object instead")
    ap.add_argument("files", nargs="+", type=Path, help="article JSON Lines file(s)")
    args = ap.parse_args(argv)
    problems: list[str] = []
    out = sys.stdout
    if args.links:
        rows = [row for path in args.files for row in read_articles(path, problems)]
        out.write(json.dumps(empty_links(rows), ensure_ascii=False) + "\n")
    else:
        for path in args.files:
            for row in read_articles(path, problems):
                out.write(json.dumps(empty_record(row), ensure_ascii=False) + "\n")
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
