"""Ingest an articles file into a fresh store and print fogofwar's links for it.

Why: shared/eval/links.py scores one ``fogofwar.links/1`` object for a whole set and runs its
``--cmd`` with the articles file appended, but ``fogofwar links`` reads a store, not a file.
This wrapper is that command (DESIGN.md, "Across articles"):

    python3 bench/fogofwar_links.py [--fogofwar EXE] ARTICLES.jsonl

runs ``EXE ingest ARTICLES.jsonl --db TMP/links.db`` (its standard output goes to standard
error, so that only the links object reaches standard output), then
``EXE links --format json --db TMP/links.db``, in a temporary folder removed afterwards.
Exit code: the first failure (not 0 or 1) of the two, else 1 if either exited 1, else 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import find_fogofwar


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--fogofwar", help="the fogofwar executable (default: next to this Python / PATH)")
    ap.add_argument("articles", type=Path, help="article JSON Lines file")
    args = ap.parse_args(argv)
    exe = args.fogofwar or find_fogofwar()
    if not exe:
        print("fogofwar_links: no fogofwar executable", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="fogofwar-links-") as tmp:
        db = str(Path(tmp) / "links.db")
        ingest = subprocess.run(
            [exe, "ingest", str(args.articles), "--db", db], stdout=sys.stderr, check=False
        )
        if ingest.returncode not in (0, 1):
            return ingest.returncode
        links = subprocess.run([exe, "links", "--format", "json", "--db", db], check=False)
        if links.returncode not in (0, 1):
            return links.returncode
        return max(ingest.returncode, links.returncode)


if __name__ == "__main__":
    sys.exit(main())
