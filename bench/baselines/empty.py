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
does with a bad input line (``jsonl.py``, which every baseline here shares). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jsonl import empty_record, read_articles, warn, write_records

LINK_PARTS = ("duplicates", "stories", "figure_groups", "contradictions", "forecasts")


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
    if not args.links:
        return write_records(args.files, empty_record)
    problems: list[str] = []
    rows = [row for path in args.files for row in read_articles(path, problems)]
    sys.stdout.write(json.dumps(empty_links(rows), ensure_ascii=False) + "\n")
    return warn(problems)


if __name__ == "__main__":
    sys.exit(main())
