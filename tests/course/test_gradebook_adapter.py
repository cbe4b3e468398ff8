"""The one nbgrader adapter: students in one transaction, typed frames, clear errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from paratrain.course import gradebook
from paratrain.course.gradebook import GradebookAt
from paratrain.course.roster import Person
from paratrain.errors import CourseError

DUE = datetime(2027, 3, 1, 17, 0, tzinfo=UTC)


def test_students_are_created_and_updated_together(tmp_path: Path) -> None:
    where = GradebookAt(f"sqlite:///{tmp_path / 'gb.db'}", "c1")
    assert (
        gradebook.add_students(
            where, [Person("ana", "Ana", "Silva", "ana@example.org"), Person("ben", "Ben", "Osei")]
        )
        == 2
    )
    gradebook.add_students(where, [Person("ana", "Ana", "Souza", "")])
    frames = gradebook.read_gradebook(where.db_url, "c1")
    rows = frames.students.set_index("student").to_dict("index")
    assert rows["ana"]["last_name"] == "Souza" and rows["ana"]["email"] is None
    assert rows["ben"]["first_name"] == "Ben"


def test_extension_reads_as_a_length_of_time(tmp_path: Path) -> None:
    where = GradebookAt(f"sqlite:///{tmp_path / 'gb.db'}", "c1")
    gradebook.add_students(where, [Person("ana", "Ana", "Silva")])
    gradebook.set_due_date(where, "a1", DUE)
    with gradebook.open_gradebook(where) as gb:
        gb.add_submission("a1", "ana", timestamp=(DUE + timedelta(hours=2)).replace(tzinfo=None))
    gradebook.grant_extension(where, "a1", "ana", timedelta(hours=1, minutes=30))
    subs = gradebook.read_gradebook(where.db_url, "c1").submissions
    row = subs.iloc[0]
    assert row["extension"] == pd.Timedelta(hours=1, minutes=30)
    assert row["timestamp"] == pd.Timestamp(DUE + timedelta(hours=2))
    assert row["duedate"] == pd.Timestamp(DUE)
    rec = gradebook.submission_records(where, "a1")["ana"]
    assert rec.extension == timedelta(hours=1, minutes=30)
    assert rec.timestamp == DUE + timedelta(hours=2)
    assert gradebook.due_dates(where, ["a1", "nope"]) == {"a1": DUE, "nope": None}


def test_extension_needs_a_submission(tmp_path: Path) -> None:
    where = GradebookAt(f"sqlite:///{tmp_path / 'gb.db'}", "c1")
    gradebook.set_due_date(where, "a1", DUE)
    gradebook.add_students(where, [Person("ana", "Ana", "Silva")])
    with pytest.raises(CourseError, match="'ana' has no submission of 'a1'"):
        gradebook.grant_extension(where, "a1", "ana", timedelta(hours=1))


def test_no_gradebook_yet_reads_as_empty_tables(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    frames = gradebook.read_gradebook(url, "c1")
    assert frames.students.empty and frames.grades.empty and frames.submissions.empty
    assert "extension" in frames.submissions.columns
    assert not (tmp_path / "gb.db").exists()  # reading did not create a database


def test_a_database_that_is_not_a_gradebook_names_it(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE student (x INTEGER)")
    with pytest.raises(CourseError) as info:
        gradebook.read_gradebook(f"sqlite:///{db}", "c1")
    assert str(db) in str(info.value) and "cannot read the gradebook" in str(info.value)


def test_manual_score_out_of_range_is_refused(tmp_path: Path) -> None:
    where = GradebookAt(f"sqlite:///{tmp_path / 'gb.db'}", "c1")
    with pytest.raises(CourseError, match="has no cell 'x'"):
        gradebook.write_manual_score(
            where, assignment="a1", student="ana", notebook="n", grade_id="x", score=1, comment=""
        )
