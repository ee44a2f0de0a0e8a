"""Reference series: a claimant's daily values per figure category (`fogofwar reference load`).

The file shape is the one of ``shared/data/reference/``: a JSON object with ``claimant``,
``side``, ``cumulative``, ``tracked`` ({category: [first day, last day]}) and ``series``, one row
per day ({"date": "YYYY-MM-DD", category: value, ...}) listing only the values that changed. Rows
are stored as they are (sparse); a value on a day is the last one on or before it, within the
category's tracked range.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from fogofwar import jsondepth
from fogofwar.errors import InputError
from fogofwar.store import Store
from fogofwar.store.linking import replace_reference_series
from fogofwar.textcheck import value_problem

MAX_BYTES = 50 * 1024 * 1024

# Exactly YYYY-MM-DD: date.fromisoformat also reads 20240101 and 2024-W01-1, which the read
# side (and every other reader of the file) would not.
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SIDE = re.compile(r"[A-Za-z]{2}")


def _checked_day(value: Any, where: str, source: str) -> date:
    try:
        if isinstance(value, str) and _DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise InputError(source, f"{where}: {value!r} is not a YYYY-MM-DD date")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _finite(value: int | float, where: str, source: str) -> float:
    """The value as stored (a float), or an InputError: JSON has no NaN or Infinity, but Python's
    decoder reads them (and 1e400 as Infinity); a database stores NaN as NULL, and a reader
    serves Infinity as null."""
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        shown = "NaN" if math.isnan(number) else ("Infinity" if number > 0 else "-Infinity")
        raise InputError(
            source, f"{where} is {shown if isinstance(value, float) else 'too large'}, not a finite number"
        )
    return number


def _storable(name: str, value: str | None, source: str) -> None:
    problem = value_problem(name, value)
    if problem:
        raise InputError(source, problem)


def parse(path: Path, name: str | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The series' header and its value rows; an InputError naming the file and what is wrong.

    The whole file is checked before any of it is stored: what is stored is what every
    reader of the store (the API, the figure line-ups) can serve."""
    source = str(path)
    if name is not None:
        _storable("series name", name, source)
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
        "cumulative": data.get("cumulative", False),
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
        return jsondepth.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text") from None
    except jsondepth.TooDeep as exc:
        raise InputError(source, str(exc)) from None
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
    _storable("claimant", data["claimant"], source)
    side = data.get("side")
    if side is not None and not (isinstance(side, str) and _SIDE.fullmatch(side)):
        raise InputError(source, "'side' must be a two-letter country code")
    if not isinstance(data.get("cumulative", False), bool):
        raise InputError(source, "'cumulative' must be true or false")
    if isinstance(data.get("source"), str):
        _storable("source", data["source"], source)
    _check_tracked(data["tracked"], source)
    if not isinstance(data["series"], list):
        raise InputError(source, "'series' must be a list of daily rows")
    for n, row in enumerate(data["series"], 1):
        if not isinstance(row, dict) or "date" not in row:
            raise InputError(source, f"series row {n}: expected an object with a 'date'")


def _check_tracked(tracked: Any, source: str) -> None:
    """Each tracked category: a storable name and [first day, last day], in that order."""
    if not isinstance(tracked, dict) or not all(
        isinstance(v, list) and len(v) == 2 for v in tracked.values()
    ):
        raise InputError(source, "'tracked' must map each category to [first day, last day]")
    for category, (first, last) in tracked.items():
        _storable("tracked category", category, source)
        if _checked_day(first, f"tracked {category}", source) > _checked_day(
            last, f"tracked {category}", source
        ):
            raise InputError(
                source, f"tracked {category}: its first day {first} is after its last day {last}"
            )


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
            rows.append(
                {
                    "category": category,
                    "day": day,
                    "value": _finite(value, f"series row {n}: {category}", source),
                }
            )
    return rows


def load(store: Store, path: Path, name: str | None = None) -> tuple[str, int]:
    """Store the series in `path` (replacing one of the same name); its name and value count."""
    name = name or path.stem
    header, rows = parse(path, name)
    replace_reference_series(store, name, header, rows)
    return name, len(rows)
