"""nbgrader's gradebook, seen from supervision: the course gradebook adapter, re-exported.

The adapter is :mod:`paratrain.course.gradebook`; this module keeps the names supervision and
the reports have always imported (``read_gradebook``, ``GradebookFrames``,
``write_manual_score``).
"""

from __future__ import annotations

from paratrain.course import gradebook as _adapter
from paratrain.course.gradebook import GradebookFrames, read_gradebook

__all__ = ["GradebookFrames", "read_gradebook", "write_manual_score"]


def write_manual_score(
    db_url: str,
    course_id: str,
    *,
    assignment: str,
    student: str,
    notebook: str,
    grade_id: str,
    score: float,
    comment: str,
) -> None:
    """Set a cell's manual score and comment (the adapter's ``write_manual_score``)."""
    _adapter.write_manual_score(
        _adapter.GradebookAt(db_url, course_id),
        assignment=assignment,
        student=student,
        notebook=notebook,
        grade_id=grade_id,
        score=score,
        comment=comment,
    )
