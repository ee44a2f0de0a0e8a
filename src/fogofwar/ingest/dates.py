"""Publication dates as they arrive in metadata (ISO, RFC 822, 'Aug 12, 2024') -> YYYY-MM-DD.

This is metadata only; dates inside article text are the `times` component's job.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_day(value: str) -> str:
    """Strictly parse YYYY-MM-DD (for --published); raises ValueError otherwise."""
    if not _ISO_DAY.match(value):
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}")
    return date.fromisoformat(value).isoformat()


def normalise_published(value: object) -> str | None:
    """Any reasonable date or timestamp -> YYYY-MM-DD, or None when it is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        # dayfirst=False: US-style metadata ("08/12/2024") is far more common in feeds.
        return dateutil_parser.parse(text, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return None
