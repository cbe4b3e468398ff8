"""Everything a report reads, loaded once into plain tables: the adapter side of reports.

:func:`load_inputs` reads the gradebook (one SQL query per table, see
:mod:`paratrain.supervision.gradebook`), the assignment sources, every submitted role-play
transcript (replayed against its key) and the supervision store. The frame builders in
:mod:`paratrain.reports.frames` are pure functions of the :class:`CohortInputs` it returns, so
they are tested on small hand-made tables without any files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from paratrain.cohort.course import Course
from paratrain.errors import NothingToReportError
from paratrain.supervision import schema
from paratrain.supervision.flags import list_flags
from paratrain.supervision.gradebook import GradebookFrames, read_gradebook
from paratrain.supervision.sessions import current_sessions
from paratrain.supervision.store import Store
from paratrain.supervision.submissions import AssignmentPlan, assignment_plan, read_submission

STEP_COLUMNS = [
    "student",
    "assignment",
    "scenario",
    "title",
    "number",
    "node",
    "client",
    "choice",
    "text",
    "harmful",
]
LEVEL_COLUMNS = ["student", "assignment", "competency", "level"]
RATING_COLUMNS = [
    "id",
    "student",
    "assignment",
    "competency",
    "computed_level",
    "level",
    "comment",
    "reviewer",
    "created_at",
    "rubric_version",
]
SIGNOFF_COLUMNS = ["id", "student", "assignment", "decision", "comment", "reviewer", "created_at"]
FLAG_COLUMNS = [
    "id",
    "kind",
    "severity",
    "student",
    "assignment",
    "item",
    "reason",
    "status",
    "raised_at",
    "resolved_by",
    "resolution",
]
SESSION_COLUMNS = ["id", "trainee", "supervisor", "held_on", "minutes", "format", "topics", "notes"]
PLAN_COLUMNS = ["assignment", "module", "title", "roleplays", "answers", "assesses"]


@dataclass(frozen=True)
class CohortInputs:
    """The tables a cohort report is built from (see the ``*_COLUMNS`` lists for columns)."""

    course_id: str
    gradebook: GradebookFrames
    plans: pd.DataFrame
    steps: pd.DataFrame
    levels: pd.DataFrame
    ratings: pd.DataFrame
    signoffs: pd.DataFrame
    flags: pd.DataFrame
    sessions: pd.DataFrame
    now: datetime
    # frames that several sections need (submission status), computed once per report
    memo: dict[str, pd.DataFrame] = field(default_factory=dict, compare=False, repr=False)


def plans_frame(plans: dict[str, AssignmentPlan]) -> pd.DataFrame:
    rows = [
        {
            "assignment": a,
            "module": p.module,
            "title": p.title,
            "roleplays": list(p.roleplays),
            "answers": [x.grade_id for x in p.answers],
            "assesses": list(p.assesses),
        }
        for a, p in plans.items()
    ]
    return pd.DataFrame(rows, columns=PLAN_COLUMNS)


def _submitted_work(
    course: Course, plans: dict[str, AssignmentPlan]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    steps: list[dict[str, Any]] = []
    levels: list[dict[str, Any]] = []
    for a, plan in plans.items():
        if not plan.roleplays:
            continue
        for folder in course.submitted(a):
            sub = read_submission(course, folder.parent.name, a, plan)
            for rp in sub.roleplays:
                steps += [
                    {
                        "student": sub.student,
                        "assignment": a,
                        "scenario": rp.scenario_id,
                        "title": rp.title,
                        "number": s.number,
                        "node": s.node,
                        "client": s.client,
                        "choice": s.text,
                        "text": s.text,
                        "harmful": s.harmful,
                    }
                    for s in rp.steps
                ]
            levels += [
                {"student": sub.student, "assignment": a, "competency": c, "level": lv.level}
                for c, lv in sub.levels.items()
            ]
    return (pd.DataFrame(steps, columns=STEP_COLUMNS), pd.DataFrame(levels, columns=LEVEL_COLUMNS))


def _store_frames(store: Store, course_id: str) -> dict[str, pd.DataFrame]:
    t = schema.rating
    ratings = pd.DataFrame(store.rows(t, t.c.course == course_id), columns=RATING_COLUMNS)
    s = schema.signoff
    signoffs = pd.DataFrame(store.rows(s, s.c.course == course_id), columns=SIGNOFF_COLUMNS)
    flag_rows = []
    for v in list_flags(store, course_id, status=None):
        res = v.resolution or {}
        flag_rows.append(
            {
                "id": v.id,
                "kind": v.flag.kind,
                "severity": v.flag.severity,
                "student": v.flag.student,
                "assignment": v.flag.assignment,
                "item": v.flag.item,
                "reason": v.flag.reason,
                "status": v.status,
                "raised_at": v.raised_at,
                "resolved_by": res.get("actor", ""),
                "resolution": res.get("note", ""),
            }
        )
    sessions = pd.DataFrame(current_sessions(store, course_id), columns=SESSION_COLUMNS)
    return {
        "ratings": ratings,
        "signoffs": signoffs,
        "flags": pd.DataFrame(flag_rows, columns=FLAG_COLUMNS),
        "sessions": sessions,
    }


def _has_gradebook(db_url: str) -> bool:
    """Whether nbgrader has created its gradebook at ``db_url`` (never creates a file)."""
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        if not url.database or not path.is_file() or path.stat().st_size == 0:
            return False
    try:
        engine = create_engine(url)
        try:
            return bool(inspect(engine).has_table("student"))
        finally:
            engine.dispose()
    except SQLAlchemyError:
        return True  # reachable or not, let read_gradebook say what is wrong


def _nothing(course: Course, what: str, hint: str) -> NothingToReportError:
    return NothingToReportError(f"nothing to report yet for {course.course_id}: {what}", hint=hint)


def check_ready(course: Course, gb: GradebookFrames | None = None) -> None:
    """Raise :class:`~paratrain.errors.NothingToReportError` while a course has nothing to
    report: no gradebook, no trainee in it, or no assignment released. With ``gb`` only the
    last two are checked."""
    folder = f"--course {course.root}"
    if gb is None and not _has_gradebook(course.db_url):
        raise _nothing(
            course,
            "there is no gradebook yet",
            f"import the roster (paratrain roster import ROSTER.csv {folder}) and "
            f"release the assignments (paratrain release {folder}); the report "
            "shows completion as soon as an assignment is released",
        )
    if gb is not None and gb.students.empty:
        raise _nothing(
            course,
            "no trainee is in the gradebook",
            f"import the roster first: paratrain roster import ROSTER.csv {folder}",
        )
    if gb is not None and gb.assignments.empty:
        raise _nothing(
            course,
            "no assignment has been released",
            f"release the assignments (paratrain release {folder}); the report "
            "shows completion as soon as one is released",
        )


def load_inputs(
    course: Course, store: Store, *, now: datetime | None = None, transcripts: bool = True
) -> CohortInputs:
    """Read a course and its store. ``transcripts=False`` skips reading role-play files.

    Raises
    ------
    NothingToReportError
        If there is no gradebook yet, no trainee in it, or no released assignment.
    """
    check_ready(course)
    gb = read_gradebook(course.db_url, course.course_id)
    check_ready(course, gb)
    plans = {a: assignment_plan(course, a) for a in course.assignments()}
    steps, levels = (
        _submitted_work(course, plans)
        if transcripts
        else (pd.DataFrame(columns=STEP_COLUMNS), pd.DataFrame(columns=LEVEL_COLUMNS))
    )
    return CohortInputs(
        course.course_id,
        gb,
        plans_frame(plans),
        steps,
        levels,
        now=now or datetime.now(UTC),
        **_store_frames(store, course.course_id),
    )
