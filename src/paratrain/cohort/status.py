"""Who submitted what: submitted, late, missing, graded, needs manual grading, grading failed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paratrain.cohort.course import Course
from paratrain.cohort.grade import last_results


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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _timestamp(folder: Path) -> datetime | None:
    f = folder / "timestamp.txt"
    if not f.is_file():
        return None
    text = f.read_text().strip()
    for fmt in ("%Y-%m-%d %H:%M:%S.%f %Z", "%Y-%m-%d %H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S %Z"):
        try:
            ts = datetime.strptime(text, fmt)
            return ts if ts.tzinfo else ts.replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        ts = datetime.fromisoformat(text)
    except ValueError:
        return None
    return ts if ts.tzinfo else ts.replace(tzinfo=UTC)


def cohort_status(course: Course, assignments: list[str]) -> list[Row]:
    from nbgrader.api import Gradebook, MissingEntry

    rows: list[Row] = []
    with Gradebook(course.db_url, course_id=course.course_id) as gb:
        students = sorted(s.id for s in gb.students)
        for a in assignments:
            try:
                due = gb.find_assignment(a).duedate
            except MissingEntry:
                due = None
            if due is not None and due.tzinfo is None:
                due = due.replace(tzinfo=UTC)
            results = last_results(course.root, a)
            for sid in students:
                folder = course.root / "submitted" / sid / a
                if not folder.is_dir():
                    rows.append(Row(a, sid, "missing", False, None, None, None))
                    continue
                ts = _timestamp(folder)
                late = bool(due and ts and ts > due)
                failed = results.get(sid, {}).get("ok") is False
                score = max_score = None
                state = "submitted"
                try:
                    sub = gb.find_submission(a, sid)
                    score, max_score = sub.score, sub.max_score
                    state = "needs-manual" if sub.needs_manual_grade else "graded"
                except MissingEntry:
                    pass
                if failed:
                    state = "grading-failed"
                rows.append(Row(a, sid, state, late, ts.isoformat() if ts else None, score,
                                max_score, str(results.get(sid, {}).get("problem", ""))))
    return rows
