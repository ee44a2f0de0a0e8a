"""Article JSON Lines: one object per line with `id` and `text` (title, outlet, published, url optional)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fogofwar.errors import InputError
from fogofwar.ingest.dates import normalise_published
from fogofwar.model import Article


def _optional_str(row: dict[str, object], key: str) -> str | None:
    value = row.get(key)
    return value.strip() or None if isinstance(value, str) else None


def parse_jsonl(raw: str, source: str) -> Iterator[Article | InputError]:
    """Each good line is an Article; each bad line an InputError naming `source:LINE`."""
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield InputError(where, f"not valid JSON ({exc})")
            continue
        if not isinstance(row, dict):
            yield InputError(where, f"expected a JSON object, got {type(row).__name__}")
            continue
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            yield InputError(where, "no 'text' field (or it is empty)")
            continue
        raw_id = row.get("id")
        article_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else where
        cites = row.get("cites")
        yield Article(
            id=article_id,
            text=text,
            title=_optional_str(row, "title"),
            outlet=_optional_str(row, "outlet"),
            published=normalise_published(row.get("published")),
            url=_optional_str(row, "url"),
            language=_optional_str(row, "language"),
            cites=[c for c in cites if isinstance(c, str)] if isinstance(cites, list) else [],
            source=where,
        )
