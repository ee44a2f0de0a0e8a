"""What the reference lines share: fogofwar's article JSON Lines in, fogofwar.record/1 lines out.

Input: fogofwar's article JSON Lines (``id``, ``text``, optional ``title``, ``outlet``,
``published``, ``url``, ``language``), plain or gzipped. A line that is not a JSON object with an
``id`` is skipped with a warning on standard error and the exit code is 1 (the scorers accept 1),
as the product does with a bad input line; every baseline must say so the same way, or a scorer
would read one baseline's skipped lines as another's misses. Standard library only.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

PARTS = ("places", "times", "figures", "claims", "events", "entities")


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


def warn(problems: list[str]) -> int:
    """Say each line that was not an article on standard error; the exit code (1 if any)."""
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 1 if problems else 0


def write_records(paths: Iterable[Path | str], record: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """Print `record(article)` for every article of the files as JSON Lines; the exit code."""
    problems: list[str] = []
    for path in paths:
        for row in read_articles(Path(path), problems):
            sys.stdout.write(json.dumps(record(row), ensure_ascii=False) + "\n")
    return warn(problems)
