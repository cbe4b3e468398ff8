"""When is a submission late: nbgrader's rule, in one place.

nbgrader (``nbgrader.api.SubmittedAssignment.duedate`` and ``total_seconds_late``): a
trainee's due date is the assignment's due date **plus** their extension, if they have one
(an extension is a length of time, granted with ``Gradebook.grant_extension``); a submission
is late by ``timestamp - due date`` seconds when that is positive; with no timestamp or no
due date it is not late. The late-submission penalty nbgrader applies at autograde
(``AssignLatePenalties``) starts from the same number.

``paratrain status`` and the ``late-work`` flag both use :func:`seconds_late`, so they agree.
Times may be naive (nbgrader keeps naive UTC in its gradebook) or aware; naive means UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def effective_due(due: datetime | None, extension: timedelta | None) -> datetime | None:
    """The due date for one trainee: the assignment's, moved on by their extension."""
    if due is None:
        return None
    return _utc(due) + (extension or timedelta(0))


def seconds_late(
    submitted: datetime | None, due: datetime | None, extension: timedelta | None = None
) -> float:
    """How many seconds after the trainee's due date the work came in (0 if on time)."""
    limit = effective_due(due, extension)
    if submitted is None or limit is None:
        return 0.0
    return max(0.0, (_utc(submitted) - limit).total_seconds())


def is_late(
    submitted: datetime | None, due: datetime | None, extension: timedelta | None = None
) -> bool:
    return seconds_late(submitted, due, extension) > 0


def late_mask(timestamp: pd.Series, due: pd.Series, extension: pd.Series) -> pd.Series:
    """:func:`is_late` over columns of a gradebook frame (NaT means none), for reports.

    ``extension`` is a timedelta column (as :func:`paratrain.course.gradebook.read_gradebook`
    returns it); a datetime column is read the way SQLAlchemy stores an interval on SQLite,
    as a time after 1970-01-01.
    """
    import pandas as pd

    ext = extension
    if pd.api.types.is_datetime64_any_dtype(ext):
        epoch = pd.Timestamp(0, tz="UTC") if getattr(ext.dt, "tz", None) else pd.Timestamp(0)
        ext = ext - epoch
    ext = pd.to_timedelta(ext).fillna(pd.Timedelta(0))
    limit = due + ext
    return timestamp.notna() & limit.notna() & (timestamp > limit)
