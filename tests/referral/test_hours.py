"""Opening hours from HSDS schedules, with fixed moments."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from paratrain.referral.hours import (
    Rule,
    hours_on,
    is_open,
    next_time_on,
    parse_rule,
    parse_time,
)

CHICAGO = ZoneInfo("America/Chicago")
# 2026-11-24 is a Tuesday; 2026-11-28 is the 4th Saturday of November.


def rule(**fields: str) -> tuple[Rule, ...]:
    return (parse_rule(fields),)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CHICAGO)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00:00", (time(9), None)),
        ("09:30", (time(9, 30), None)),
        ("17:00:00Z", (time(17), UTC)),
        ("09:00:00-05:00", (time(9), timezone(timedelta(hours=-5)))),
        ("", (None, None)),
        ("9am", (None, None)),
        ("25:00", (None, None)),
    ],
)
def test_parse_time(text: str, expected: tuple[object, object]) -> None:
    assert parse_time(text) == expected


def test_weekly_hours() -> None:
    r = rule(byday="MO,TU,WE,TH,FR", opens_at="09:00:00", closes_at="17:00:00")
    assert is_open(r, at(24, 9), CHICAGO) is True
    assert is_open(r, at(24, 16, 59), CHICAGO) is True
    assert is_open(r, at(24, 17), CHICAGO) is False  # closing time is closed
    assert is_open(r, at(24, 8, 59), CHICAGO) is False
    assert is_open(r, at(28, 12), CHICAGO) is False  # Saturday
    assert hours_on(r, date(2026, 11, 24)) == "09:00–17:00"
    assert hours_on(r, date(2026, 11, 28)) == "Closed"


def test_overnight_hours_belong_to_the_opening_day() -> None:
    r = rule(byday="FR", opens_at="19:00:00", closes_at="07:00:00")
    assert is_open(r, at(27, 23), CHICAGO) is True  # Friday night
    assert is_open(r, at(28, 6, 59), CHICAGO) is True  # early Saturday, still Friday's night
    assert is_open(r, at(28, 7), CHICAGO) is False
    assert is_open(r, at(28, 23), CHICAGO) is False  # Saturday night: not listed
    assert hours_on(r, date(2026, 11, 27)) == "19:00–07:00 (closes next day)"


def test_open_all_day() -> None:
    r = rule(byday="MO,TU,WE,TH,FR,SA,SU", opens_at="00:00:00", closes_at="23:59:00")
    assert is_open(r, datetime(2026, 11, 24, 23, 59, 30, tzinfo=CHICAGO), CHICAGO) is True
    assert is_open(r, at(24, 0), CHICAGO) is True
    assert hours_on(r, date(2026, 11, 24)) == "Open 24 hours"


def test_monthly_nth_and_last_weekday() -> None:
    second_saturday = rule(freq="MONTHLY", byday="2SA", opens_at="09:00:00", closes_at="11:00:00")
    assert is_open(second_saturday, at(14, 10), CHICAGO) is True  # 14 Nov 2026
    assert is_open(second_saturday, at(28, 10), CHICAGO) is False
    last_wednesday = rule(freq="MONTHLY", byday="-1WE", opens_at="17:00:00", closes_at="20:00:00")
    assert is_open(last_wednesday, at(25, 18), CHICAGO) is True  # 25 Nov: last Wednesday
    assert is_open(last_wednesday, at(18, 18), CHICAGO) is False
    by_day_of_month = rule(
        freq="MONTHLY", bymonthday="1,-1", opens_at="09:00:00", closes_at="10:00:00"
    )
    assert is_open(by_day_of_month, at(30, 9, 30), CHICAGO) is True
    assert is_open(by_day_of_month, at(29, 9, 30), CHICAGO) is False


def test_every_other_week_from_dtstart() -> None:
    r = rule(
        byday="TU", interval="2", dtstart="2026-11-10", opens_at="10:00:00", closes_at="12:00:00"
    )
    assert is_open(r, at(24, 11), CHICAGO) is True
    assert is_open(r, at(17, 11), CHICAGO) is False


def test_valid_from_and_to() -> None:
    r = rule(
        byday="MO,TU,WE,TH,FR",
        opens_at="11:00:00",
        closes_at="13:00:00",
        valid_from="2027-06-14",
        valid_to="2027-08-20",
        description="Summer only",
    )
    assert is_open(r, at(24, 12), CHICAGO) is False
    assert is_open(r, datetime(2027, 7, 6, 12, tzinfo=CHICAGO), CHICAGO) is True
    assert hours_on(r, date(2026, 11, 24)) == "Closed (Summer only)"


def test_no_times_means_not_listed() -> None:
    r = rule(byday="MO", description="Call for hours")
    assert is_open(r, at(23, 12), CHICAGO) is None
    assert is_open((), at(23, 12), CHICAGO) is None
    assert hours_on(r, date(2026, 11, 23)) == "Not listed: Call for hours"


def test_times_are_read_in_the_directory_zone_across_daylight_saving() -> None:
    r = rule(byday="MO,TU,WE,TH,FR,SA,SU", opens_at="09:00:00", closes_at="17:00:00")
    # Chicago is UTC-6 in winter and UTC-5 in summer; the same rule follows the clock.
    winter = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)  # 09:30 CST
    summer = datetime(2026, 7, 7, 13, 30, tzinfo=UTC)  # 08:30 CDT
    assert is_open(r, winter, CHICAGO) is True
    assert is_open(r, summer, CHICAGO) is False
    assert is_open(r, datetime(2026, 7, 7, 14, 30, tzinfo=UTC), CHICAGO) is True


def test_offset_in_the_data_wins_over_the_directory_zone() -> None:
    with_offset = rule(byday="TU", opens_at="09:00:00-05:00", closes_at="17:00:00-05:00")
    column = rule(byday="TU", opens_at="09:00:00", closes_at="17:00:00", timezone="-5")
    moment = datetime(2026, 11, 24, 14, 30, tzinfo=UTC)  # 09:30 at UTC-5, 08:30 in Chicago
    assert is_open(with_offset, moment, CHICAGO) is True
    assert is_open(column, moment, CHICAGO) is True
    assert (
        is_open(rule(byday="TU", opens_at="09:00:00", closes_at="17:00:00"), moment, CHICAGO)
        is False
    )


def test_no_byday_means_every_day() -> None:
    r = rule(opens_at="10:00:00", closes_at="11:00:00")
    assert all(is_open(r, at(d, 10, 30), CHICAGO) for d in range(23, 30))


def test_next_time_on() -> None:
    tuesday_noon = at(24, 12)
    assert next_time_on(1, time(14), tuesday_noon) == at(24, 14)  # later today
    assert next_time_on(1, time(9), tuesday_noon) == datetime(2026, 12, 1, 9, tzinfo=CHICAGO)
    assert next_time_on(5, time(10), tuesday_noon) == at(28, 10)
