"""Date codes: the calendar arithmetic every part shares (month ends, leap days, winters that
cross the year, ISO weeks, durations), checked without the NLP stack."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fogofwar.timecode import (
    add,
    add_months,
    ago_value,
    approx_length,
    duration_value,
    latest_season,
    month_end,
    parse_day,
    season_serial,
    season_value,
    shift,
    value_range,
    week_value,
    weekday_after,
    weekday_before,
)


def test_month_ends_and_adding_months_clip_to_the_last_day() -> None:
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2023, 2) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)
    assert add_months(date(2024, 1, 15), -1) == date(2023, 12, 15)


def test_29_february_plus_a_year_is_28_february() -> None:
    assert add(date(2024, 2, 29), 1, "Y") == date(2025, 2, 28)
    assert add(date(2024, 2, 29), 4, "Y") == date(2028, 2, 29)
    assert add(date(2024, 8, 25), 2, "W") == date(2024, 9, 8)
    assert add(date(2024, 8, 25), -3, "D") == date(2024, 8, 22)


def test_winter_crosses_the_year() -> None:
    assert value_range("2024-WI") == (date(2024, 12, 1), date(2025, 2, 28))
    assert value_range("2023-WI") == (date(2023, 12, 1), date(2024, 2, 29))
    # January 2025 is in the winter that started in December 2024.
    assert season_value(season_serial(date(2025, 1, 15))) == "2024-WI"
    assert season_value(season_serial(date(2024, 12, 1))) == "2024-WI"
    assert season_value(season_serial(date(2025, 3, 1))) == "2025-SP"
    assert season_value(latest_season(date(2025, 1, 15), "FA")) == "2024-FA"
    assert season_value(latest_season(date(2025, 1, 15), "WI")) == "2024-WI"
    assert season_value(latest_season(date(2024, 8, 25), "SP")) == "2024-SP"


@pytest.mark.parametrize("month", range(1, 13))
def test_season_serial_counts_meteorological_seasons(month: int) -> None:
    day = date(2024, month, 10)
    index = {12: 3, 1: 3, 2: 3, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1}.get(month, 2)
    assert season_serial(day) == (2024 - (1 if month <= 2 else 0)) * 4 + index


def test_iso_weeks_belong_to_their_iso_year() -> None:
    assert week_value(date(2024, 12, 30)) == "2025-W01"
    assert week_value(date(2021, 1, 3)) == "2020-W53"
    assert value_range("2020-W53") == (date(2020, 12, 28), date(2021, 1, 3))
    assert value_range("2024-W33-WE") == (date(2024, 8, 17), date(2024, 8, 18))
    assert shift(date(2024, 8, 25), "week", -1) == "2024-W33"
    assert shift(date(2024, 8, 25), "weekend", 0) == "2024-W34-WE"


def test_shift_and_ago_at_the_units_grain() -> None:
    sunday = date(2024, 8, 25)
    assert shift(sunday, "quarter", -3) == "2023-Q4"
    assert shift(sunday, "month", -8) == "2023-12"
    assert ago_value(sunday, "decade", -1) == "2014"
    assert ago_value(sunday, "hour", -3) == "2024-08-25"
    assert ago_value(sunday, "year", -3) == "2021"


def test_weekdays_before_and_after() -> None:
    sunday = date(2024, 8, 25)
    assert weekday_before(sunday, 7) == sunday
    assert weekday_before(sunday, 7, strict=True) == sunday - timedelta(7)
    assert weekday_before(sunday, 5) == date(2024, 8, 23)
    assert weekday_after(sunday, 7) == sunday
    assert weekday_after(sunday, 7, strict=True) == sunday + timedelta(7)
    assert weekday_after(sunday, 1) == date(2024, 8, 26)


def test_durations_and_their_lengths() -> None:
    assert duration_value("3", "D") == "P3D"
    assert duration_value("2.5", "Y") == "P2Y6M"
    assert duration_value("5.5", "TH") == "PT5H30M"
    assert duration_value("0.5", "D") == "PT12H"
    assert duration_value("1", "DE") == "P10Y"
    assert duration_value("X", "M") == "PXM"
    assert approx_length("week", 1) == timedelta(7)
    assert approx_length("month", 1) == timedelta(30)
    assert approx_length("minute", 5) == timedelta(0)


def test_parse_day_reads_a_timestamps_day() -> None:
    assert parse_day("2024-08-25T10:00:00Z") == date(2024, 8, 25)
    assert parse_day("2024-02-30") is None
    assert parse_day("yesterday") is None
    assert parse_day(None) is None
