"""The store's write rate: the records of a filled store saved again into an empty one, no NLP.

    PYTHON bench/store_rate.py --from URL --to URL [--limit N]

Why: capacity planning needs to know when the database, not the workers, becomes the limit.
This saves each record with `Store.save` (one transaction per article, as ingest does) from
one process and prints {"records", "seconds", "per_s"} as JSON. Run by ``scale.py`` with the
Python of the fogofwar under test (it imports fogofwar).
"""

from __future__ import annotations

import argparse
import json
import time

from fogofwar.query import get_record, list_articles
from fogofwar.store import Store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--from", dest="source", required=True, help="a filled store's URL")
    ap.add_argument("--to", dest="target", required=True, help="an empty store's URL")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    with Store(args.source, migrate=False) as source:
        records = [get_record(source, row.id) for row in list_articles(source, limit=args.limit)]
    with Store(args.target) as target:
        start = time.perf_counter()
        saved = sum(bool(target.save(record)) for record in records if record is not None)
        seconds = time.perf_counter() - start
    print(json.dumps({"records": saved, "seconds": round(seconds, 3), "per_s": round(saved / seconds, 1)}))


if __name__ == "__main__":
    main()
