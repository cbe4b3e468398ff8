"""Who submitted what: submitted, late, missing, graded, needs manual grading, grading failed.

Lateness is :func:`paratrain.course.lateness.seconds_late` (due date plus the trainee's
extension, nbgrader's rule), the same rule as the ``late-work`` flag. The submission time is
the gradebook's once the submission is graded (nbgrader read it from ``timestamp.txt``), else
``timestamp.txt`` in the collected folder, read the way nbgrader reads it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from paratrain.course import gradebook
from paratrain.course.folder import Course
from paratrain.course.lateness import seconds_late
from paratrain.course.sidecars import read_results
from paratrain.course.timestamps import read_timestamp
from paratrain.errors import InputError


@dataclass(frozen=True)
class Row:
    assignment: str
    student: str
    state: str  # missing | submitted | graded | needs-manual | grading-failed
    late: bool
    submitted_at: str | None
    score: float | None
    max_score: float | None
    problem: str = ""
    seconds_late: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _row(
    course: Course,
    assignment: str,
    student: str,
    due: datetime | None,
    record: gradebook.SubmissionRecord | None,
    result: dict[str, Any],
) -> Row:
    folder = course.folders(student, assignment).submitted
    if not folder.is_dir():
        return Row(assignment, student, "missing", False, None, None, None)
    problem = str(result.get("problem", ""))
    ts: datetime | None = record.timestamp if record else None
    if ts is None:
        try:
            ts = read_timestamp(folder)
        except InputError as exc:
            problem = problem or str(exc)
    late_by = seconds_late(ts, due, record.extension if record else None)
    state, score, max_score = "submitted", None, None
    if record is not None:
        score, max_score = record.score, record.max_score
        state = "needs-manual" if record.needs_manual_grade else "graded"
    if result.get("ok") is False:
        state = "grading-failed"
    return Row(
        assignment,
        student,
        state,
        late_by > 0,
        ts.isoformat() if ts else None,
        score,
        max_score,
        problem,
        late_by,
    )


def cohort_status(course: Course, assignments: list[str]) -> list[Row]:
    students = gradebook.students(course)
    dues = gradebook.due_dates(course, assignments)
    rows: list[Row] = []
    for a in assignments:
        records = gradebook.submission_records(course, a)
        results = read_results(course.root, a)
        rows += [
            _row(course, a, sid, dues[a], records.get(sid), results.get(sid, {}))
            for sid in students
        ]
    return rows
