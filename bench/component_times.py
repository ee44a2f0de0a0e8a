"""What each of fogofwar's components costs, next to the base spaCy pipeline, on the same texts.

Why: throughput.py measures the whole command against raw spaCy; when the ratio drops, this says
which component did it. Run by ``bench/throughput.py`` (with the fogofwar interpreter) on its
largest corpus, or alone:

    python3 bench/component_times.py [--limit N] ARTICLES.jsonl

The pipeline is fogofwar's (``fogofwar.nlp.build_pipeline``). Each article becomes a Doc as
``fogofwar.annotate`` makes it (text, publication date, outlet and title set on ``Doc._``); the
base spaCy components run batched through ``nlp.pipe`` with ours disabled (timed as one), then
each of our components runs on each Doc, timed on its own (they run per Doc in ``nlp.pipe``
too). Articles longer than one piece (annotate.PIECE_CHARS) are cut as annotate cuts them.
On standard output: one JSON object {"articles", "chars", "base_s", "components": {name: s}}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("articles", type=Path)
    ap.add_argument("--limit", type=int, default=None, help="the first N articles only")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args(argv)

    from fogofwar.annotate import pieces
    from fogofwar.nlp import build_pipeline

    nlp = build_pipeline()
    ours = [name for name in nlp.pipe_names if name.startswith("fogofwar_")]
    rows = []
    with args.articles.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                rows.append(row)
            if args.limit and len(rows) >= args.limit:
                break

    docs = []
    for row in rows:
        text = row["text"]
        for start, end in pieces(text):
            doc = nlp.make_doc(text[start:end])
            doc._.text = doc.text
            doc._.published = row.get("published")
            doc._.outlet = row.get("outlet")
            doc._.title = row.get("title")
            docs.append(doc)
    # The first Doc through each component pays its lazy loads (the gazetteer index, lexicons):
    # a start-up cost, left out as throughput.py leaves start-up out of the steady rate.
    warm = nlp(docs[0].text) if docs else None
    del warm

    with nlp.select_pipes(disable=ours):
        start = time.perf_counter()
        done = list(nlp.pipe(docs, batch_size=args.batch_size))
        base_s = time.perf_counter() - start
    spent = dict.fromkeys(ours, 0.0)
    for doc in done:
        for name in ours:
            component = nlp.get_pipe(name)
            start = time.perf_counter()
            doc = component(doc)
            spent[name] += time.perf_counter() - start
    json.dump(
        {
            "articles": len(rows),
            "pieces": len(docs),
            "chars": sum(len(r["text"]) for r in rows),
            "base_s": base_s,
            "components": spent,
        },
        sys.stdout,
    )
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
