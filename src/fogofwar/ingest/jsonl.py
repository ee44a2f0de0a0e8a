"""Article JSON Lines: one object per line with `id` and `text` (title, outlet, published, url optional)."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from fogofwar import jsondepth
from fogofwar.errors import InputError
from fogofwar.ingest.dates import normalise_published
from fogofwar.ingest.files import over_cap, read_lines
from fogofwar.model import Article


def _optional_str(row: dict[str, object], key: str) -> str | None:
    value = row.get(key)
    return value.strip() or None if isinstance(value, str) else None


def parse_jsonl(raw: str, source: str) -> Iterator[Article | InputError]:
    """Each good line is an Article; each bad line an InputError naming `source:LINE`."""
    seen = False
    for lineno, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            seen = True
            yield parse_line(line, f"{source}:{lineno}")
    if not seen:
        yield InputError(source, "empty input")


def stream_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[Article | InputError]:
    """A JSON Lines file read line by line: memory follows the longest line, not the file, and
    the size cap applies to each article's line. JSON Lines is UTF-8 by definition, so each line
    is decoded on its own and a bad byte costs its line only."""
    seen = False
    for lineno, data in read_lines(path, source, max_bytes):
        where = f"{source}:{lineno}"
        if data is None:
            seen = True
            yield InputError(where, over_cap("line", max_bytes))
            continue
        if lineno == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            seen = True
            yield InputError(where, f"not UTF-8 text (invalid byte at offset {exc.start} of the line)")
            continue
        if line.strip():
            seen = True
            yield parse_line(line, where)
    if not seen:
        yield InputError(source, "empty input")


def parse_line(line: str, where: str) -> Article | InputError:
    """One line's article, or why it is none."""
    try:
        row = jsondepth.loads(line)
    except jsondepth.TooDeep as exc:
        return InputError(where, str(exc))
    except ValueError as exc:
        return InputError(where, f"not valid JSON ({exc})")
    if not isinstance(row, dict):
        return InputError(where, f"expected a JSON object, got {type(row).__name__}")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(where, "no 'text' field (or it is empty)")
    raw_id = row.get("id")
    article_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else where
    cites = row.get("cites")
    return Article(
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
