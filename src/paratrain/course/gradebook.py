"""The one adapter to nbgrader's gradebook. Nothing else in paratrain opens it.

Two ways in, each for a reason:

* **Writes and per-submission reads go through nbgrader's own** ``nbgrader.api.Gradebook``
  (:func:`open_gradebook`), so nbgrader's rules (manual beats auto, needs-manual-grade,
  late penalties, extensions) stay nbgrader's. ``import nbgrader`` costs about 3 s, so it is
  imported only inside the functions that need it.
* **Whole-course reads** (reports, flags, review) are five SQL queries over nbgrader 0.9's
  tables (:mod:`paratrain.course.gradebook_tables`, re-exported here as
  :func:`read_gradebook` and :class:`GradebookFrames`): ``nbgrader.api`` walks the ORM one
  submission at a time, which is what makes ``nbgrader export`` slow on large cohorts.

Every failure of the database is a :class:`~paratrain.errors.CourseError` naming the
gradebook, never a bare SQLAlchemy traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.exc import SQLAlchemyError

from paratrain.course.gradebook_tables import GradebookFrames, read_gradebook
from paratrain.course.journal import held_signals
from paratrain.errors import CourseError

__all__ = [
    "GradebookAt",
    "GradebookFrames",
    "Location",
    "Student",
    "SubmissionRecord",
    "add_students",
    "due_dates",
    "grading_state",
    "grant_extension",
    "has_students",
    "open_gradebook",
    "read_gradebook",
    "scores",
    "set_due_date",
    "students",
    "submission_records",
    "write_manual_score",
]

# Rows per IN (...) query when looking students up: well under SQLite's variable limit.
CHUNK = 500


class Location(Protocol):
    """Where a gradebook is: a :class:`~paratrain.course.folder.Course`, or a
    :class:`GradebookAt` when only the URL is known (an export plugin, a course pod)."""

    @property
    def db_url(self) -> str: ...
    @property
    def course_id(self) -> str: ...


@dataclass(frozen=True)
class GradebookAt:
    db_url: str
    course_id: str


class Student(Protocol):
    """What the gradebook needs of a person (a :class:`paratrain.course.roster.Person`)."""

    @property
    def id(self) -> str: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def email(self) -> str: ...


def _failed(course: Location, exc: SQLAlchemyError, doing: str) -> CourseError:
    first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return CourseError(
        f"cannot {doing} the gradebook {course.db_url} ({exc.__class__.__name__}: {first})",
        hint="check the course's db_url; run 'nbgrader db upgrade' if nbgrader was upgraded",
    )


@contextlib.contextmanager
def open_gradebook(course: Location) -> Iterator[Any]:
    """nbgrader's ``Gradebook`` for the course (created on first use), closed afterwards.

    Database errors inside the block are rolled back and raised as :class:`CourseError`.
    """
    from nbgrader.api import Gradebook

    try:
        gb = Gradebook(course.db_url, course_id=course.course_id)
    except SQLAlchemyError as exc:
        raise _failed(course, exc, "open") from None
    try:
        yield gb
    except SQLAlchemyError as exc:
        gb.db.rollback()
        raise _failed(course, exc, "write to") from None
    finally:
        gb.close()


def add_students(
    course: Location, people: Iterable[Student], *, on_commit: Callable[[], None] | None = None
) -> int:
    """Create or update these students in one transaction: all of them, or none.

    Existing students are looked up :data:`CHUNK` at a time, new ones are inserted in one
    batch, and everything is committed once (nbgrader's ``update_or_create_student`` commits
    once per student: 50,000 rows took minutes, and an interrupted import left a part).
    ``on_commit`` runs right after the commit with SIGINT/SIGTERM held back, so a file
    that must change with the gradebook (the roster) changes in the same moment
    (:mod:`paratrain.course.journal`). Returns how many students were written.
    """
    from nbgrader.api import Student as NbStudent
    from sqlalchemy import bindparam, insert, select, update

    table = NbStudent.__table__
    todo = {p.id: (p.first_name, p.last_name, p.email or None) for p in people}
    with open_gradebook(course) as gb:
        ids = list(todo)
        existing: dict[str, tuple[str, str, str | None]] = {}
        for i in range(0, len(ids), CHUNK):
            query = select(table.c.id, table.c.first_name, table.c.last_name, table.c.email).where(
                table.c.id.in_(ids[i : i + CHUNK])
            )
            existing.update({r[0]: (r[1], r[2], r[3]) for r in gb.db.execute(query)})
        new = [
            {"id": sid, "first_name": f, "last_name": la, "email": e}
            for sid, (f, la, e) in todo.items()
            if sid not in existing
        ]
        changed = [
            {"sid": sid, "first_name": f, "last_name": la, "email": e}
            for sid, (f, la, e) in todo.items()
            if sid in existing and existing[sid] != (f, la, e)
        ]
        if new:
            gb.db.execute(insert(table), new)
        if changed:
            gb.db.execute(update(table).where(table.c.id == bindparam("sid")), changed)
        with held_signals():
            gb.db.commit()
            if on_commit is not None:
                on_commit()
    return len(todo)


def has_students(course: Location, people: Iterable[Student]) -> bool:
    """Whether every one of these students is in the gradebook with these names and email."""
    from nbgrader.api import Student as NbStudent
    from sqlalchemy import select

    table = NbStudent.__table__
    todo = {p.id: (p.first_name, p.last_name, p.email or None) for p in people}
    ids = list(todo)
    with open_gradebook(course) as gb:
        for i in range(0, len(ids), CHUNK):
            query = select(table.c.id, table.c.first_name, table.c.last_name, table.c.email).where(
                table.c.id.in_(ids[i : i + CHUNK])
            )
            found = {r[0]: (r[1], r[2], r[3]) for r in gb.db.execute(query)}
            if any(found.get(sid) != todo[sid] for sid in ids[i : i + CHUNK]):
                return False
    return True


def set_due_date(course: Location, assignment: str, when: datetime) -> None:
    """Record an assignment's due date (stored as naive UTC, as nbgrader does)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    with open_gradebook(course) as gb:
        gb.update_or_create_assignment(
            assignment, duedate=when.astimezone(UTC).replace(tzinfo=None)
        )


def grant_extension(course: Location, assignment: str, student: str, length: timedelta) -> None:
    """Give a trainee more time (nbgrader's ``grant_extension``; replaces any earlier one).

    Raises
    ------
    CourseError
        If the trainee's submission is not in the gradebook yet (nbgrader keeps extensions
        on the submission).
    """
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as gb:
        try:
            gb.grant_extension(assignment, student, minutes=length.total_seconds() / 60)
        except MissingEntry:
            raise CourseError(
                f"'{student}' has no submission of '{assignment}' in the gradebook",
                hint="collect and grade it first",
            ) from None


def due_dates(course: Location, assignments: Iterable[str]) -> dict[str, datetime | None]:
    """Each assignment's due date (aware UTC), or None when none is set."""
    from nbgrader.api import MissingEntry

    out: dict[str, datetime | None] = {}
    with open_gradebook(course) as gb:
        for a in assignments:
            try:
                due = gb.find_assignment(a).duedate
            except MissingEntry:
                due = None
            out[a] = due.replace(tzinfo=UTC) if due is not None and due.tzinfo is None else due
    return out


@dataclass(frozen=True)
class SubmissionRecord:
    """One submission as the gradebook has it (nbgrader's totals, not re-computed)."""

    assignment: str
    student: str
    score: float
    max_score: float
    needs_manual_grade: bool
    timestamp: datetime | None
    extension: timedelta | None


def students(course: Location) -> list[str]:
    """Every student id in the gradebook, sorted."""
    with open_gradebook(course) as gb:
        return sorted(s.id for s in gb.students)


def submission_records(course: Location, assignment: str) -> dict[str, SubmissionRecord]:
    """The gradebook's submissions of one assignment, by student."""
    from nbgrader.api import MissingEntry

    out: dict[str, SubmissionRecord] = {}
    with open_gradebook(course) as gb:
        try:
            subs = gb.assignment_submissions(assignment)
        except MissingEntry:
            return {}
        for sub in subs:
            ts = sub.timestamp
            out[sub.student_id] = SubmissionRecord(
                assignment,
                sub.student_id,
                float(sub.score),
                float(sub.max_score),
                bool(sub.needs_manual_grade),
                ts.replace(tzinfo=UTC) if ts is not None and ts.tzinfo is None else ts,
                sub.extension,
            )
    return out


def scores(course: Location) -> list[dict[str, Any]]:
    """Every submission's total and per-cell scores (nbgrader's numbers)."""
    rows: list[dict[str, Any]] = []
    with open_gradebook(course) as gb:
        for assignment in gb.assignments:
            for sub in gb.assignment_submissions(assignment.name):
                cells = {g.name: g.score for nb in sub.notebooks for g in nb.grades}
                rows.append(
                    {
                        "assignment": assignment.name,
                        "student": sub.student_id,
                        "score": sub.score,
                        "max_score": sub.max_score,
                        "needs_manual_grade": sub.needs_manual_grade,
                        "cells": cells,
                    }
                )
    return rows


def grading_state(course: Location) -> dict[tuple[str, str, str], Any]:
    """Everything autograding decides or keeps, keyed ``(assignment, student, what)``: each
    cell's auto score, manual score and needs-manual-grade flag, each answer's auto and manual
    comment, each notebook's late penalty, each submission's timestamp, extension, total,
    maximum and needs-manual-grade flag. Two gradings of the same submissions are the same
    when these are equal (the benchmark and the tests compare paratrain's with nbgrader's)."""
    out: dict[tuple[str, str, str], Any] = {}
    with open_gradebook(course) as gb:
        for a in gb.assignments:
            for sub in gb.assignment_submissions(a.name):
                key = (a.name, sub.student_id)
                out[(*key, "submission")] = (
                    sub.timestamp,
                    sub.extension,
                    sub.score,
                    sub.max_score,
                    sub.needs_manual_grade,
                )
                for nb in sub.notebooks:
                    out[(*key, f"{nb.name}:late penalty")] = nb.late_submission_penalty
                    for g in nb.grades:
                        out[(*key, f"{nb.name}/{g.name}:grade")] = (
                            g.auto_score,
                            g.manual_score,
                            g.needs_manual_grade,
                        )
                    for c in nb.comments:
                        out[(*key, f"{nb.name}/{c.name}:comment")] = (
                            c.auto_comment,
                            c.manual_comment,
                        )
    return out


def write_manual_score(
    course: Location,
    *,
    assignment: str,
    student: str,
    notebook: str,
    grade_id: str,
    score: float,
    comment: str,
) -> None:
    """Set a cell's manual score and comment (what formgrader does).

    Raises
    ------
    CourseError
        If the submission or cell is not in the gradebook, or the score is out of range.
    """
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as gb:
        try:
            grade: Any = gb.find_grade(grade_id, notebook, assignment, student)
            note: Any = gb.find_comment(grade_id, notebook, assignment, student)
        except MissingEntry:
            raise CourseError(
                f"the gradebook has no cell '{grade_id}' in {assignment}/{notebook} "
                f"submitted by '{student}'",
                hint="collect and autograde the submission first",
            ) from None
        if not 0 <= score <= float(grade.max_score) + 1e-9:
            raise CourseError(
                f"score {score:g} is outside 0-{grade.max_score:g} for '{grade_id}'",
                hint="the rubric's points must add up to the cell's points",
            )
        grade.manual_score = float(score)
        grade.needs_manual_grade = False
        note.manual_comment = comment
        gb.db.commit()
