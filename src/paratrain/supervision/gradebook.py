"""nbgrader's gradebook, seen from supervision: fast reads in SQL, writes through nbgrader.

Reads go straight to the gradebook's tables with one query each (``nbgrader.api`` walks the
ORM one submission at a time, which is what makes ``nbgrader export`` slow on large cohorts,
and ``import nbgrader`` alone costs about 3 s). The tables read are those of nbgrader 0.9's
schema: ``student``, ``assignment``, ``submitted_assignment``, ``submitted_notebook``,
``notebook``, ``base_cell``, ``grade_cells``, ``task_cells``, ``grade``.

The one write, a manual score from a rubric, goes through nbgrader's own ``Gradebook`` API so
nbgrader's rules (manual beats auto, the needs-manual-grade flag) stay nbgrader's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import SQLAlchemyError

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


def read_gradebook(db: str | Engine, course_id: str) -> GradebookFrames:
    """Read students, assignments, cells, submissions and grades in five queries.

    ``db`` is the gradebook's URL, or an open SQLAlchemy engine (an nbgrader export plugin
    passes the one nbgrader opened).

    Raises
    ------
    CourseError
        If the gradebook cannot be opened or is not an nbgrader 0.9 gradebook.
    """
    import pandas as pd

    try:
        engine = create_engine(db) if isinstance(db, str) else db
        try:
            with engine.connect() as conn:
                params = {"course": course_id}
                students = pd.read_sql(text(STUDENTS), conn)
                assignments = pd.read_sql(text(ASSIGNMENTS), conn, params=params)
                cells = pd.read_sql(text(CELLS), conn, params=params)
                submissions = pd.read_sql(text(SUBMISSIONS), conn, params=params)
                grades = pd.read_sql(text(GRADES), conn, params=params)
        finally:
            if isinstance(db, str):
                engine.dispose()
    except SQLAlchemyError as exc:
        raise CourseError(f"cannot read the gradebook ({exc.__class__.__name__}: "
                          f"{str(exc).splitlines()[0]})",
                          hint="check the course's db_url; run 'nbgrader db upgrade' if "
                          "nbgrader was upgraded") from None
    for frame, cols in ((assignments, ["duedate"]),
                        (submissions, ["timestamp", "extension", "duedate"])):
        for col in cols:
            frame[col] = pd.to_datetime(frame[col], utc=True, format="ISO8601")
    for col in ("auto_score", "manual_score", "extra_credit", "max_score", "late_penalty"):
        grades[col] = pd.to_numeric(grades[col], errors="coerce")
    grades["needs_manual_grade"] = grades["needs_manual_grade"].astype(bool)
    grades["score"] = (grades["manual_score"].fillna(grades["auto_score"]).fillna(0.0)
                       + grades["extra_credit"].fillna(0.0))
    cells["max_score"] = pd.to_numeric(cells["max_score"], errors="coerce")
    return GradebookFrames(students, assignments, cells, submissions, grades)


def write_manual_score(db_url: str, course_id: str, *, assignment: str, student: str,
                       notebook: str, grade_id: str, score: float, comment: str) -> None:
    """Set a cell's manual score and comment in the gradebook (what formgrader does).

    Raises
    ------
    CourseError
        If the submission or cell is not in the gradebook, or the score is out of range.
    """
    from nbgrader.api import Gradebook, MissingEntry

    try:
        with Gradebook(db_url, course_id=course_id) as gb:
            try:
                grade: Any = gb.find_grade(grade_id, notebook, assignment, student)
                note: Any = gb.find_comment(grade_id, notebook, assignment, student)
            except MissingEntry:
                raise CourseError(
                    f"the gradebook has no cell '{grade_id}' in {assignment}/{notebook} "
                    f"submitted by '{student}'",
                    hint="collect and autograde the submission first") from None
            if not 0 <= score <= float(grade.max_score) + 1e-9:
                raise CourseError(f"score {score:g} is outside 0-{grade.max_score:g} for "
                                  f"'{grade_id}'", hint="the rubric's points must add up to "
                                  "the cell's points")
            grade.manual_score = float(score)
            grade.needs_manual_grade = False
            note.manual_comment = comment
            gb.db.commit()
    except SQLAlchemyError as exc:
        raise CourseError(f"cannot write to the gradebook ({exc.__class__.__name__})",
                          hint="check the course's db_url") from None
