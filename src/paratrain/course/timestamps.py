"""``timestamp.txt``: when a trainee submitted, read the way nbgrader reads it.

nbgrader's exchange writes the submission time with ``Exchange.timestamp_format``
(default ``"%Y-%m-%d %H:%M:%S.%f %Z"``, e.g. ``2027-03-01 16:59:58.123456 UTC``), and
autograde reads it back with ``nbgrader.utils.parse_utc``: a three-part text is date, time and
a zone (a name such as ``UTC`` or ``Europe/Lisbon``, or a numeric offset such as ``+0100``);
anything else goes to ``dateutil``'s parser; no zone means UTC. This module is that rule, so
``paratrain status``, the flags and the gradebook agree on every submission's time.
Unlike nbgrader (which keeps naive UTC), times here are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from dateutil import parser as dateparser
from dateutil import tz as datetz

from paratrain.errors import InputError

TIMESTAMP_FILE = "timestamp.txt"


def parse_timestamp(text: str) -> datetime:
    """Parse a submission time (nbgrader's ``parse_utc`` rule) to an aware UTC datetime.

    Raises
    ------
    ValueError
        If the text is not a date and time.
    """
    parts = text.strip().split(" ")
    if len(parts) == 3:
        zone: object
        try:
            zone = int(parts[2])
        except ValueError:
            zone = datetz.gettz(parts[2])
        ts: datetime = dateparser.parse(" ".join([*parts[:2], "TZ"]), tzinfos={"TZ": zone})
    else:
        ts = dateparser.parse(text.strip())
    return ts.astimezone(UTC) if ts.tzinfo is not None else ts.replace(tzinfo=UTC)


def read_timestamp(folder: Path) -> datetime | None:
    """The time in ``folder/timestamp.txt``; None if there is no file or it is empty.

    Raises
    ------
    InputError
        If the file holds something that is not a time (names the file).
    """
    path = folder / TIMESTAMP_FILE
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read ({exc})", path=path) from None
    if not text:
        return None
    try:
        return parse_timestamp(text)
    except (ValueError, OverflowError):
        raise InputError(
            f"'{text[:60]}' is not a submission time",
            path=path,
            hint="nbgrader writes e.g. '2027-03-01 16:59:58.123456 UTC'",
        ) from None
