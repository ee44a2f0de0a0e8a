"""What text fogofwar can annotate and store: the rule shared by ingest and ``fogofwar.extract``.

It sits below both (it needs only the Article) so that annotate does not reach up into ingest
for it; decoding bytes into text stays in ``ingest/encoding.py``.
"""

from __future__ import annotations

import re

from fogofwar.model import Article

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_NOT_UNICODE = re.compile("[\ud800-\udfff]")


def text_problem(article: Article, *, storing: bool = True) -> str | None:
    """Why a decoded article cannot be stored as it is, or None.

    JSON's \\ud800 escapes (and a path's undecodable bytes) give lone surrogates, which are
    not Unicode: UTF-8 cannot encode them, so spaCy, the database and the terminal all fail
    on them. NUL is valid Unicode, but PostgreSQL's text type refuses it; it is refused on
    every backend alike so that a store's content does not depend on its backend; with
    `storing` False (``fogofwar.extract``, which stores nothing) only lone surrogates count.
    """
    fields: list[tuple[str, str | None]] = [
        ("id", article.id),
        ("text", article.text),
        ("title", article.title),
        ("outlet", article.outlet),
        ("url", article.url),
        ("language", article.language),
        *(("cites", c) for c in article.cites),
    ]
    return next(
        (problem for name, value in fields if (problem := value_problem(name, value, storing=storing))),
        None,
    )


def value_problem(name: str, value: str | None, *, storing: bool = True) -> str | None:
    """Why one text value (an article's field, a reference series' claimant, a posted title)
    cannot be stored, or None; the words name it ("title holds a NUL character ...")."""
    found = (_UNSTORABLE if storing else _NOT_UNICODE).search(value) if value else None
    if found is None:
        return None
    char = found.group()
    what = "a NUL character" if char == "\x00" else "a lone surrogate"
    return f"{name} holds {what} (U+{ord(char):04X} at character {found.start()}), not storable text"
