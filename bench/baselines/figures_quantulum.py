"""The figures reference line: plain quantulum3, every quantity it finds as a figure.

Why: the figures component must beat a general-purpose quantity extractor on conflict
reporting (category, side, period) and be no worse at reading numbers. Each quantity that
``quantulum3.parser.parse`` finds in an article's text becomes a figure with its span and value,
category "other", qualifier "exact" (or "range" when quantulum gives an uncertainty), side and
period null; everything else in the record is empty.

    python3 bench/baselines/figures_quantulum.py ARTICLES.jsonl     # fogofwar.record/1 JSON Lines

Called like ``bench/baselines/empty.py`` (the articles path last, as the scorers' ``--cmd``
appends it); ``bench/accuracy.py`` picks up every ``bench/baselines/figures_*.py``. Needs
quantulum3 (in the ``dev`` extra).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jsonl import empty_record, write_records

# quantulum3 warns once that its optional classifier is missing; the plain parser is the baseline.
warnings.filterwarnings("ignore", module="quantulum3")
from quantulum3 import parser  # noqa: E402


def figures(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for q in parser.parse(text):
        start, end = q.span
        low = high = None
        if q.uncertainty:
            low, high = q.value - q.uncertainty, q.value + q.uncertainty
        out.append(
            {
                "text": text[start:end],
                "start": start,
                "end": end,
                "value": q.value,
                "low": low,
                "high": high,
                "qualifier": "range" if q.uncertainty else "exact",
                "category": "other",
                "side": None,
                "period": None,
                "claim": None,
                "unit": q.unit.name,
                "parent": None,
            }
        )
    return out


def record(row: dict[str, Any]) -> dict[str, Any]:
    rec = empty_record(row)
    rec["figures"] = figures(rec["article"]["text"])
    return rec


def main(argv: list[str]) -> int:
    return write_records(argv, record)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
