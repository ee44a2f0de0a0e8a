#!/usr/bin/env python3
"""A store of N articles for the web UI's load test (bench/load.py), made from a real one.

Ingesting 2,000 articles through spaCy takes most of an hour on a shared 2-core box; the
desk's routes only read what is stored. So every record of a source store (one the pipeline
wrote, e.g. examples/ ingested) is saved again under a new id (`ID#k`) with its publication
date moved k weeks on, until N articles are stored, then linked as `fogofwar ingest` links
(stories, figure groups, settled forecasts). The parts are the pipeline's own; only their
number is multiplied.

    fogofwar ingest examples --db /tmp/examples.db
    python3 bench/desk_store.py --source /tmp/examples.db --out /tmp/desk2000.db --n 2000
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from datetime import date, timedelta
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", required=True, help="an SQLite store the pipeline wrote")
    ap.add_argument("--out", type=Path, required=True, help="the new store (replaced)")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--no-link", action="store_true", help="store only (link later with fogofwar links)")
    args = ap.parse_args()

    from fogofwar.link.index import link_pending
    from fogofwar.query import get_record, list_articles
    from fogofwar.store import Store

    source = Store(args.source)
    records = [r for r in (get_record(source, a.id) for a in list_articles(source)) if r is not None]
    if not records:
        sys.exit(f"{args.source}: no articles to copy")
    args.out.unlink(missing_ok=True)
    out = Store(str(args.out))
    started = time.monotonic()
    for n in range(args.n):
        record = records[n % len(records)]
        k = n // len(records)
        article = record.article
        published = article.published
        if published and k:
            published = (date.fromisoformat(published) + timedelta(weeks=k)).isoformat()
        # A different text per copy: the store would otherwise take copy k for a re-run of copy 0.
        text = article.text if not k else f"{article.text}\n\n[copy {k}]"
        copy = dataclasses.replace(
            record,
            article=dataclasses.replace(
                article, id=article.id if not k else f"{article.id}#{k}", published=published, text=text
            ),
        )
        out.save(copy)
    print(f"stored {args.n} articles in {time.monotonic() - started:.1f} s", flush=True)
    if not args.no_link:
        started = time.monotonic()
        linked = link_pending(out)
        print(f"linked {linked} articles in {time.monotonic() - started:.1f} s", flush=True)
    out.close()
    source.close()


if __name__ == "__main__":
    main()
