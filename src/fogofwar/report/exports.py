"""`fogofwar export`: the selected articles in a format another tool reads.

Each writer streams from the read-side queries (`query.py`), so an export of a large store does
not hold it in memory, and an export says what the API says about the same store.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

from fogofwar.errors import FogofwarError
from fogofwar.query import FLAT_TABLES, Filters, event_rows, flat_columns, flat_rows, place_features, records
from fogofwar.report.acled import COLUMNS as ACLED_COLUMNS
from fogofwar.report.acled import acled_row
from fogofwar.report.geojson import feature
from fogofwar.report.spreadsheet import CsvTable
from fogofwar.store import Store


def write_geojson(store: Store, f: Filters, out: IO[str]) -> int:
    """A FeatureCollection written feature by feature; returns the number of features."""
    places = place_features(store, f, limit=10**9)
    out.write('{"type": "FeatureCollection", "features": [\n')
    for n, place in enumerate(places):
        out.write((",\n" if n else "") + json.dumps(feature(place), ensure_ascii=False))
    out.write("\n]}\n")
    return len(places)


def write_jsonl(store: Store, f: Filters, out: IO[str]) -> int:
    n = 0
    for n, record in enumerate(records(store, f), 1):  # noqa: B007 (n is the count)
        out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    return n


def write_acled(store: Store, f: Filters, out: IO[str]) -> int:
    table = CsvTable(out, ACLED_COLUMNS)
    cites: dict[str, list[str]] = {}
    for row in flat_rows(store, "cites", f):
        if row["name"] not in cites.setdefault(row["article_id"], []):
            cites[row["article_id"]].append(row["name"])
    return table.rows(acled_row(event, cites.get(event["article_id"], [])) for event in event_rows(store, f))


def write_csv_folder(store: Store, f: Filters, folder: Path) -> int:
    """One flat CSV per table (articles, cites and each record part); returns the rows written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for name in FLAT_TABLES:
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            total += CsvTable(handle, flat_columns(name)).rows(flat_rows(store, name, f))
    return total


Writer = Callable[[Store, Filters, IO[str]], int]
FORMATS: dict[str, Writer | None] = {
    "geojson": write_geojson,
    "csv": None,  # a folder of files, not one stream
    "acled": write_acled,
    "jsonl": write_jsonl,
}


def export(store: Store, fmt: str, f: Filters, out: IO[str] | None, path: Path | None) -> int:
    """Write `fmt` to `path` (or `out` when no path is given); returns the number of items."""
    if fmt == "csv":
        if path is None:
            raise FogofwarError(f"csv: one file per part ({', '.join(FLAT_TABLES)}); give a folder with -o")
        return write_csv_folder(store, f, path)
    writer = FORMATS[fmt]
    assert writer is not None
    if path is None:
        assert out is not None
        return writer(store, f, out)
    with path.open("w", encoding="utf-8", newline="") as handle:
        return writer(store, f, handle)


__all__ = ["FORMATS", "export"]
