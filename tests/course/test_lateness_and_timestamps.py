"""One lateness rule (due date + extension, nbgrader's) and one timestamp.txt reader."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from paratrain.course.lateness import effective_due, is_late, seconds_late
from paratrain.course.timestamps import parse_timestamp, read_timestamp
from paratrain.errors import InputError

DUE = datetime(2027, 3, 1, 17, 0, tzinfo=UTC)


def test_an_extension_moves_the_due_date_on() -> None:
    two_h_late = DUE + timedelta(hours=2)
    assert seconds_late(two_h_late, DUE) == 7200
    assert seconds_late(two_h_late, DUE, timedelta(hours=1)) == 3600
    assert not is_late(two_h_late, DUE, timedelta(days=1))
    assert effective_due(DUE, timedelta(days=1)) == DUE + timedelta(days=1)


def test_no_due_date_or_no_time_is_never_late() -> None:
    assert seconds_late(None, DUE) == 0
    assert seconds_late(DUE + timedelta(days=9), None) == 0
    assert seconds_late(DUE + timedelta(days=9), None, timedelta(hours=1)) == 0
    assert not is_late(DUE, DUE)  # exactly on time is on time


def test_naive_times_are_utc_as_in_nbgraders_gradebook() -> None:
    naive_due = DUE.replace(tzinfo=None)
    cest = timezone(timedelta(hours=2))
    assert seconds_late(datetime(2027, 3, 1, 20, 0, tzinfo=cest), naive_due) == 3600


def test_matches_nbgraders_own_rule() -> None:
    from nbgrader.api import Assignment, SubmittedAssignment

    for ext in (None, timedelta(minutes=30), timedelta(hours=3)):
        sub = SubmittedAssignment(
            timestamp=(DUE + timedelta(hours=2)).replace(tzinfo=None), extension=ext
        )
        sub.assignment = Assignment(name="a", duedate=DUE.replace(tzinfo=None))
        assert seconds_late(DUE + timedelta(hours=2), DUE, ext) == sub.total_seconds_late


@pytest.mark.parametrize(
    "text",
    [
        "2027-03-01 16:59:58.123456 UTC",
        "2027-03-01 17:59:58.123456 Europe/Paris",
        "2027-03-01T16:59:58.123456+00:00",
        "2027-03-01 16:59:58.123456",
    ],
)
def test_timestamp_forms_nbgrader_reads(text: str) -> None:
    from nbgrader.utils import parse_utc

    ours = parse_timestamp(text)
    assert ours == datetime(2027, 3, 1, 16, 59, 58, 123456, tzinfo=UTC)
    assert ours.replace(tzinfo=None) == parse_utc(text)


def test_timestamp_file(tmp_path: Path) -> None:
    assert read_timestamp(tmp_path) is None
    (tmp_path / "timestamp.txt").write_text("  \n")
    assert read_timestamp(tmp_path) is None
    (tmp_path / "timestamp.txt").write_text("2027-03-01 16:59:58.1 UTC\n")
    assert read_timestamp(tmp_path) == datetime(2027, 3, 1, 16, 59, 58, 100000, tzinfo=UTC)
    (tmp_path / "timestamp.txt").write_text("last tuesday-ish")
    with pytest.raises(InputError) as info:
        read_timestamp(tmp_path)
    assert str(tmp_path / "timestamp.txt") in str(info.value)
    assert "is not a submission time" in str(info.value)
