"""nbgrader's gradebook as tidy tables, in five SQL queries (part of the gradebook adapter).

Use it through :mod:`paratrain.course.gradebook`. ``nbgrader.api`` walks the ORM one
submission at a time, which is what makes ``nbgrader export`` slow on large cohorts, and
``import nbgrader`` alone costs about 3 s; so whole-course reads go straight to the tables of
nbgrader 0.9's schema: ``student``, ``assignment``, ``submitted_assignment``,
``submitted_notebook``, ``notebook``, ``base_cell``, ``grade_cells``, ``task_cells``,
``grade``. Columns are read with nbgrader's own column types (``DateTime``, ``Interval``), so
an extension comes back as a length of time on SQLite (which stores it as a date after 1970)
and on PostgreSQL alike.

A gradebook that does not exist yet, or has none of nbgrader's tables (nothing released or
imported), reads as empty tables, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, Engine, Interval, create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import TextClause

from paratrain.errors import CourseError

if TYPE_CHECKING:
    import pandas as pd

STUDENTS = "SELECT id AS student, first_name, last_name, email FROM student"

ASSIGNMENTS = """
SELECT a.name AS assignment, a.duedate AS duedate,
       COALESCE((SELECT SUM(gc.max_score) FROM notebook n
                 JOIN base_cell bc ON bc.notebook_id = n.id
                 JOIN grade_cells gc ON gc.id = bc.id
                 WHERE n.assignment_id = a.id), 0)
     + COALESCE((SELECT SUM(tc.max_score) FROM notebook n
                 JOIN base_cell bc ON bc.notebook_id = n.id
                 JOIN task_cells tc ON tc.id = bc.id
                 WHERE n.assignment_id = a.id), 0) AS max_score
FROM assignment a WHERE a.course_id = :course
"""

CELLS = """
SELECT a.name AS assignment, n.name AS notebook, bc.name AS cell,
       COALESCE(gc.max_score, tc.max_score) AS max_score,
       COALESCE(gc.cell_type, tc.cell_type) AS cell_type
FROM base_cell bc
JOIN notebook n ON bc.notebook_id = n.id
JOIN assignment a ON n.assignment_id = a.id
LEFT JOIN grade_cells gc ON gc.id = bc.id
LEFT JOIN task_cells tc ON tc.id = bc.id
WHERE a.course_id = :course AND (gc.id IS NOT NULL OR tc.id IS NOT NULL)
"""

SUBMISSIONS = """
SELECT a.name AS assignment, sa.student_id AS student, sa.timestamp AS timestamp,
       sa.extension AS extension, a.duedate AS duedate
FROM submitted_assignment sa JOIN assignment a ON sa.assignment_id = a.id
WHERE a.course_id = :course
"""

GRADES = """
SELECT a.name AS assignment, sa.student_id AS student, n.name AS notebook, bc.name AS cell,
       COALESCE(gc.max_score, tc.max_score) AS max_score,
       COALESCE(gc.cell_type, tc.cell_type) AS cell_type,
       g.auto_score AS auto_score, g.manual_score AS manual_score,
       g.extra_credit AS extra_credit, g.needs_manual_grade AS needs_manual_grade,
       sn.late_submission_penalty AS late_penalty
FROM grade g
JOIN submitted_notebook sn ON g.notebook_id = sn.id
JOIN submitted_assignment sa ON sn.assignment_id = sa.id
JOIN assignment a ON sa.assignment_id = a.id
JOIN notebook n ON sn.notebook_id = n.id
JOIN base_cell bc ON g.cell_id = bc.id
LEFT JOIN grade_cells gc ON gc.id = bc.id
LEFT JOIN task_cells tc ON tc.id = bc.id
WHERE a.course_id = :course
"""


@dataclass(frozen=True)
class GradebookFrames:
    """The gradebook as tidy tables.

    ``cells`` has one row per graded cell of each assignment (what can be scored);
    ``grades`` has one row per submitted cell with ``score`` = manual score if given, else the
    automatic score, plus extra credit (nbgrader's rule).
    """

    students: pd.DataFrame
    assignments: pd.DataFrame
    cells: pd.DataFrame
    submissions: pd.DataFrame
    grades: pd.DataFrame


# nbgrader's column types for the columns whose stored form differs by database
TYPES: dict[str, dict[str, Any]] = {
    "ASSIGNMENTS": {"duedate": DateTime()},
    "SUBMISSIONS": {"timestamp": DateTime(), "extension": Interval(), "duedate": DateTime()},
}
TABLES = ("student", "assignment", "submitted_assignment", "grade")


def _frame(conn: Any, sql: str, name: str, params: dict[str, str]) -> pd.DataFrame:
    import pandas as pd

    stmt: TextClause = text(sql)
    result = conn.execute(stmt.columns(**TYPES[name]) if name in TYPES else stmt, params)
    return pd.DataFrame.from_records(
        result.fetchall(), columns=list(result.keys()), coerce_float=True
    )


def _missing(db: str) -> bool:
    """A SQLite gradebook file that does not exist (connecting would create it)."""
    if not db.startswith("sqlite:///"):
        return False
    from pathlib import Path

    path = db.removeprefix("sqlite:///")
    return path not in ("", ":memory:") and not Path(path).exists()


def read_gradebook(db: str | Engine, course_id: str) -> GradebookFrames:
    """Read students, assignments, cells, submissions and grades in five queries.

    ``db`` is the gradebook's URL, or an open SQLAlchemy engine (an nbgrader export plugin
    passes the one nbgrader opened). ``submissions.extension`` is a timedelta column.

    Raises
    ------
    CourseError
        If the gradebook cannot be opened or is not an nbgrader 0.9 gradebook.
    """
    queries = {
        "STUDENTS": STUDENTS,
        "ASSIGNMENTS": ASSIGNMENTS,
        "CELLS": CELLS,
        "SUBMISSIONS": SUBMISSIONS,
        "GRADES": GRADES,
    }
    raw: dict[str, pd.DataFrame] = {}
    try:
        if isinstance(db, str) and _missing(db):
            return _empty()
        engine = create_engine(db) if isinstance(db, str) else db
        try:
            with engine.connect() as conn:
                present = set(inspect(conn).get_table_names())
                if not present & set(TABLES):
                    return _empty()
                for name, sql in queries.items():
                    raw[name] = _frame(conn, sql, name, {"course": course_id})
        finally:
            if isinstance(db, str):
                engine.dispose()
    except SQLAlchemyError as exc:
        where = db if isinstance(db, str) else str(db.url)
        raise CourseError(
            f"cannot read the gradebook {where} ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0]})",
            hint="check the course's db_url; run 'nbgrader db upgrade' if nbgrader was upgraded",
        ) from None
    return _tidy(
        raw["STUDENTS"], raw["ASSIGNMENTS"], raw["CELLS"], raw["SUBMISSIONS"], raw["GRADES"]
    )


COLUMNS = {
    "STUDENTS": ["student", "first_name", "last_name", "email"],
    "ASSIGNMENTS": ["assignment", "duedate", "max_score"],
    "CELLS": ["assignment", "notebook", "cell", "max_score", "cell_type"],
    "SUBMISSIONS": ["assignment", "student", "timestamp", "extension", "duedate"],
    "GRADES": [
        "assignment",
        "student",
        "notebook",
        "cell",
        "max_score",
        "cell_type",
        "auto_score",
        "manual_score",
        "extra_credit",
        "needs_manual_grade",
        "late_penalty",
    ],
}


def _empty() -> GradebookFrames:
    import pandas as pd

    f = {k: pd.DataFrame(columns=v) for k, v in COLUMNS.items()}
    return _tidy(f["STUDENTS"], f["ASSIGNMENTS"], f["CELLS"], f["SUBMISSIONS"], f["GRADES"])


def _tidy(
    students: pd.DataFrame,
    assignments: pd.DataFrame,
    cells: pd.DataFrame,
    submissions: pd.DataFrame,
    grades: pd.DataFrame,
) -> GradebookFrames:
    import pandas as pd

    for frame, cols in ((assignments, ["duedate"]), (submissions, ["timestamp", "duedate"])):
        for col in cols:
            frame[col] = pd.to_datetime(frame[col], utc=True, format="ISO8601")
    submissions["extension"] = pd.to_timedelta(submissions["extension"])
    for col in ("auto_score", "manual_score", "extra_credit", "max_score", "late_penalty"):
        grades[col] = pd.to_numeric(grades[col], errors="coerce")
    grades["needs_manual_grade"] = grades["needs_manual_grade"].astype(bool)
    grades["score"] = grades["manual_score"].fillna(grades["auto_score"]).fillna(0.0) + grades[
        "extra_credit"
    ].fillna(0.0)
    cells["max_score"] = pd.to_numeric(cells["max_score"], errors="coerce")
    assignments["max_score"] = pd.to_numeric(assignments["max_score"], errors="coerce")
    return GradebookFrames(students, assignments, cells, submissions, grades)
