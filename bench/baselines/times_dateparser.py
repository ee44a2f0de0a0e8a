"""The times reference line: dateparser's ``search_dates`` as a time tagger.

Why: fogofwar's ``times`` component is measured next to what a well-kept library gives out of the
box. ``search_dates`` finds date strings in running text and parses each to a datetime, relative
to a base date (here the article's ``published``). It knows no TIMEX3 types or partial values, so
each hit is written as a DATE whose value is the parsed day (YYYY-MM-DD), or a time of day when the
string had one. The span is the first occurrence of the found string at or after the previous hit.

    python3 bench/baselines/times_dateparser.py ARTICLES.jsonl    # fogofwar.record/1 JSON Lines

Called like ``empty.py`` (the articles path is the last argument, as the scorers' ``--cmd``
appends it); needs ``dateparser`` (a dev dependency: run ``bench/accuracy.py`` with the venv's
Python so the reference line finds it). ``bench/accuracy.py`` runs every
``bench/baselines/times_*.py`` as the times area's "reference" system.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jsonl import empty_record, write_records

warnings.filterwarnings("ignore")  # dateparser warns about pytz/tz internals on every call


def times(text: str, published: str | None) -> list[dict[str, Any]]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
    found = search_dates(text, languages=["en"], settings=settings) or []
    out: list[dict[str, Any]] = []
    pos = 0
    for string, when in found:
        start = text.find(string, pos)
        if start < 0:
            continue
        pos = start + len(string)
        has_time = when.hour or when.minute
        value = when.strftime("%Y-%m-%dT%H:%M") if has_time else when.strftime("%Y-%m-%d")
        out.append(
            {
                "text": string,
                "start": start,
                "end": pos,
                "kind": "date",
                "timex_type": "TIME" if has_time else "DATE",
                "value": value,
                "range": {"begin": value[:10], "end": value[:10]},
                "mod": None,
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("files", nargs="+", type=Path, help="article JSON Lines file(s)")
    args = ap.parse_args(argv)

    def record(row: dict[str, Any]) -> dict[str, Any]:
        rec = empty_record(row)
        rec["times"] = times(rec["article"]["text"], row.get("published"))
        return rec

    return write_records(args.files, record)


if __name__ == "__main__":
    sys.exit(main())
