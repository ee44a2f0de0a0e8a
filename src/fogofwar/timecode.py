"""Date codes: the TIMEX3-style values the record carries, and the calendar arithmetic on them.

One module for every part that reads or writes a date value: the times component (which
resolves "spring 2025" to ``2025-SP`` and its days), claims (a forecast's window), the links
(forecast deadlines, figure periods) and the store's readers. Plain standard library, no NLP:
the read side imports it without loading spaCy.

Written here rather than taken from a library: dateutil and dateparser parse day strings but
know no TIMEX3 codes (weeks ``2024-W32``, weekends ``-WE``, quarters, halves, seasons, decades).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

Range = tuple[date, date]

# TIMEX3 season codes -> the month each starts in (meteorological seasons, northern hemisphere).
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_ORDER = ("SP", "SU", "FA", "WI")

# ASCII digits only: \d would read full-width digits, which no stored date ever has.
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_CODES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("day", r"(\d{4})-(\d\d)-(\d\d)"),
        ("month", r"(\d{4})-(\d\d)"),
        ("year", r"(\d{4})"),
        ("week", r"(\d{4})-W(\d\d)(-WE)?"),
        ("quarter", r"(\d{4})-Q([1-4])"),
        ("half", r"(\d{4})-H([12])"),
        ("season", r"(\d{4})-(SP|SU|FA|WI)"),
        ("fiscal", r"FY(\d{4})"),
        ("decade", r"(\d{3})"),
        ("century", r"(\d\d)"),
    )
)


def parse_day(value: object) -> date | None:
    """The day a stored or published value names (``YYYY-MM-DD``, a timestamp's first ten
    characters), or None when it names none. The one way the code reads ``published``."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    m = _DAY.match(str(value))
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, n: int) -> date:
    """The same day `n` months on, clipped to the month's last day (31 January + 1 = 29 February)."""
    y, m = divmod(day.year * 12 + day.month - 1 + n, 12)
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def add(day: date, n: int, unit: str) -> date:
    """`day` moved by `n` units of a duration code: Y, M, W or D (29 February + 1 Y = 28 February)."""
    if unit == "Y":
        return add_months(day, 12 * n)
    if unit == "M":
        return add_months(day, n)
    return day + timedelta(days=7 * n if unit == "W" else n)


def week_value(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def season_start(year: int, code: str) -> date:
    """The first day of a season code of a year (``WI`` of 2024 starts on 1 December 2024)."""
    return date(year, SEASON_START_MONTH[code], 1)


def value_range(value: str | None) -> Range | None:
    """The calendar days a TIMEX3 DATE/TIME value covers, or None when it names no stretch of days."""
    if not value:
        return None
    v = value.split("T")[0] if re.match(r"\d{4}-\d\d-\d\dT", value) else value
    for name, pattern in _CODES:
        m = pattern.fullmatch(v)
        if m is not None:
            try:
                return _range(name, m)
            except ValueError:
                return None
    return None


def _range(name: str, m: re.Match[str]) -> Range:
    y = int(m[1])
    if name == "day":
        d = date(y, int(m[2]), int(m[3]))
        return d, d
    if name == "month":
        return date(y, int(m[2]), 1), month_end(y, int(m[2]))
    if name in ("year", "fiscal"):
        return date(y, 1, 1), date(y, 12, 31)
    if name == "week":
        monday = date.fromisocalendar(y, int(m[2]), 1)
        return (monday + timedelta(5), monday + timedelta(6)) if m[3] else (monday, monday + timedelta(6))
    if name == "quarter":
        q = int(m[2])
        return date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    if name == "half":
        h = int(m[2])
        return date(y, 6 * h - 5, 1), month_end(y, 6 * h)
    if name == "season":
        first = season_start(y, m[2])
        if m[2] == "WI":
            return first, month_end(y + 1, 2)
        return first, month_end(y, first.month + 2)
    if name == "decade":
        return date(y * 10, 1, 1), date(y * 10 + 9, 12, 31)
    return date(y * 100, 1, 1), date(y * 100 + 99, 12, 31)  # century


def shift(dct: date, unit: str, n: int) -> str | None:
    """The value of the unit `n` steps from a reference day (last week = -1 week)."""
    if unit in ("day", "night"):
        return (dct + timedelta(n)).isoformat()
    if unit == "week":
        return week_value(dct + timedelta(7 * n))
    if unit == "weekend":
        return week_value(dct + timedelta(7 * n)) + "-WE"
    if unit == "month":
        return add_months(dct, n).strftime("%Y-%m")
    if unit == "quarter":
        q = (dct.year * 4 + (dct.month - 1) // 3) + n
        return f"{q // 4}-Q{q % 4 + 1}"
    if unit == "year":
        return str(dct.year + n)
    if unit == "decade":
        return str(dct.year // 10 + n)
    if unit == "century":
        return str(dct.year // 100 + n)
    return None


def ago_value(day: date, unit: str, n: int) -> str | None:
    """The value of the unit `n` steps from `day` as "three years ago" names it: at the unit's
    grain, except that hours and less name the day itself and a decade or century a year."""
    if unit in ("hour", "minute", "second"):
        return day.isoformat()
    if unit in ("decade", "century"):  # "a decade ago" is a year ten years back
        return str(day.year + n * (10 if unit == "decade" else 100))
    return shift(day, unit, n)


# The days a unit of a stretch lasts, on average ("the past month" = the last 30 days).
_UNIT_DAYS = {
    "day": 1,
    "night": 1,
    "week": 7,
    "weekend": 7,
    "month": 30.44,
    "quarter": 91.31,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525,
    "hour": 1 / 24,
    "minute": 0,
    "second": 0,
}


def approx_length(unit: str, n: float) -> timedelta:
    """`n` units as whole days, at the unit's average length; a stretch under a day is no days."""
    days = _UNIT_DAYS[unit]
    return timedelta(days=round(n * days)) if days else timedelta(0)


# A half of a duration unit, written in the next smaller one: P2Y6M, PT5H30M.
_HALF_UNIT = {"Y": ("6", "M"), "M": ("2", "W"), "D": ("12", "TH"), "TH": ("30", "TM"), "TM": ("30", "TS")}


def duration_value(num: str, code: str) -> str:
    """The TIMEX3 duration of `num` (3, 0.5, 2.5 or X) units of a duration code (Y, M, W, D, DE,
    CE, or TH/TM/TS for hours, minutes, seconds): P3D, PT5H30M, P2Y6M, P10Y for a decade."""
    if code in ("DE", "CE") and num != "X":  # TimeBank writes "a decade" P10Y, "a century" P100Y
        n = float(num) * (10 if code == "DE" else 100)
        num, code = (str(int(n)) if n.is_integer() else str(n)), "Y"
    if num.endswith(".5") and code in _HALF_UNIT:
        whole = num[:-2]
        small, small_code = _HALF_UNIT[code]
        lead = "" if whole in ("", "0") else f"{whole}{code.lstrip('T')}"
        time_part = code.startswith("T") or small_code.startswith("T")
        if time_part and not code.startswith("T"):
            return f"P{lead}T{small}{small_code[1:]}"
        return ("PT" if time_part else "P") + lead + small + small_code.lstrip("T")
    if code.startswith("T"):
        return f"PT{num}{code[1:]}"
    return f"P{num}{code}"


def weekday_before(day: date, weekday: int, *, strict: bool = False) -> date:
    """The latest ISO `weekday` (1 Monday .. 7 Sunday) on or before `day` (before it if `strict`)."""
    back = (day.isoweekday() - weekday) % 7
    return day - timedelta(7 if strict and back == 0 else back)


def weekday_after(day: date, weekday: int, *, strict: bool = False) -> date:
    """The first ISO `weekday` on or after `day` (after it if `strict`)."""
    ahead = (weekday - day.isoweekday()) % 7
    return day + timedelta(7 if strict and ahead == 0 else ahead)


def season_serial(day: date) -> int:
    """The season a day falls in, counted as year * 4 + its place in SEASON_ORDER; a winter counts
    in the year it starts (15 January 2025 is in winter 2024: 2024 * 4 + 3)."""
    return (day.year * 12 + day.month - 3) // 3


def latest_season(day: date, code: str) -> int:
    """The serial (see :func:`season_serial`) of the latest season `code` not after `day`'s."""
    current = season_serial(day)
    return current - (current % 4 - SEASON_ORDER.index(code)) % 4


def season_value(serial: int) -> str:
    """The TIMEX3 value of a season serial: 2024 * 4 + 3 -> 2024-WI."""
    return f"{serial // 4}-{SEASON_ORDER[serial % 4]}"
