"""Reference series: a claimant's daily values per figure category (`fogofwar reference load`).

The file shape is the one of ``shared/data/reference/``: a JSON object with ``claimant``,
``side``, ``cumulative``, ``tracked`` ({category: [first day, last day]}) and ``series``, one row
per day ({"date": "YYYY-MM-DD", category: value, ...}) listing only the values that changed. Rows
are stored as they are (sparse); a value on a day is the last one on or before it, within the
category's tracked range.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from fogofwar.errors import InputError
from fogofwar.store import Store
from fogofwar.store.linking import replace_reference_series

MAX_BYTES = 50 * 1024 * 1024


def _checked_day(value: Any, where: str, source: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(source, f"{where}: {value!r} is not a YYYY-MM-DD date") from None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The series' header and its value rows; an InputError naming the file and what is wrong."""
    source = str(path)
    data = _read_json(path, source)
    _check_shape(data, source)
    tracked, side = data["tracked"], data.get("side")
    # A tracked field whose every value is text is a daily note, not a count (the General
    # Staff's "greatest_losses_direction" names a front): it rides along in the file. A field
    # that mixes numbers and text is a broken series, and refused.
    numbers = {c for row in data["series"] for c, v in row.items() if c in tracked and _is_number(v)}
    rows = _value_rows(data["series"], numbers, source)
    header = {
        "claimant": data["claimant"].strip(),
        "side": side,
        "cumulative": bool(data.get("cumulative", False)),
        "tracked": {c: span for c, span in tracked.items() if c in numbers},
        "source": data.get("source") if isinstance(data.get("source"), str) else None,
    }
    return header, rows


def _read_json(path: Path, source: str) -> Any:
    try:
        if not path.is_file():
            raise InputError(source, "not a regular file")
        if path.stat().st_size > MAX_BYTES:
            raise InputError(source, "over the 50 MiB a reference series may have")
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text") from None
    except ValueError as exc:
        raise InputError(source, f"not valid JSON ({exc})") from None


def _check_shape(data: Any, source: str) -> None:
    """Refuse, naming the first problem, what is not a reference series: the fields, the tracked
    ranges' days, the side and the rows' dates."""
    if not isinstance(data, dict):
        raise InputError(source, "expected a JSON object with 'claimant', 'tracked' and 'series'")
    missing = [k for k in ("claimant", "tracked", "series") if k not in data]
    if missing:
        raise InputError(source, f"missing field(s) {', '.join(missing)}: not a reference series")
    if not isinstance(data["claimant"], str) or not data["claimant"].strip():
        raise InputError(source, "'claimant' must be a non-empty string")
    tracked = data["tracked"]
    if not isinstance(tracked, dict) or not all(
        isinstance(v, list) and len(v) == 2 for v in tracked.values()
    ):
        raise InputError(source, "'tracked' must map each category to [first day, last day]")
    for category, (first, last) in tracked.items():
        _checked_day(first, f"tracked {category}", source)
        _checked_day(last, f"tracked {category}", source)
    side = data.get("side")
    if side is not None and not (isinstance(side, str) and len(side) == 2):
        raise InputError(source, "'side' must be a two-letter country code")
    if not isinstance(data["series"], list):
        raise InputError(source, "'series' must be a list of daily rows")
    for n, row in enumerate(data["series"], 1):
        if not isinstance(row, dict) or "date" not in row:
            raise InputError(source, f"series row {n}: expected an object with a 'date'")


def _value_rows(series: list[dict[str, Any]], numbers: set[str], source: str) -> list[dict[str, Any]]:
    """One row per (day, numeric category) the series gives."""
    rows: list[dict[str, Any]] = []
    for n, row in enumerate(series, 1):
        day = _checked_day(row["date"], f"series row {n}", source)
        for category, value in row.items():
            if category not in numbers:
                continue  # the date, qualifiers, notes and untracked extras
            if not _is_number(value):
                raise InputError(source, f"series row {n}: {category} is {value!r}, not a number")
            rows.append({"category": category, "day": day, "value": float(value)})
    return rows


def load(store: Store, path: Path, name: str | None = None) -> tuple[str, int]:
    """Store the series in `path` (replacing one of the same name); its name and value count."""
    header, rows = parse(path)
    name = name or path.stem
    replace_reference_series(store, name, header, rows)
    return name, len(rows)
