"""``paratrain status``, the late-work flags and nbgrader itself agree on who is late, with
extensions, through the real cycle (release, submit, collect, grade, extension, grade again)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from paratrain.cli import main
from paratrain.cohort import lifecycle
from paratrain.cohort.grade import grade
from paratrain.cohort.people import import_roster
from paratrain.course import gradebook
from paratrain.course.create import init_course
from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.widget import Player
from paratrain.supervision.flags import detect, load_context
from tests.conftest import MINIREPO

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]
A = "t01-first-contact"


def status_late(root: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    assert main(["status", "--course", str(root), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    return {r["student"] for r in rows if r["late"]}


def test_status_and_flags_agree_on_an_extended_late_submission(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = init_course(root=tmp_path / "course", course_id="late", repo=MINIREPO)
    (tmp_path / "r.csv").write_text("id,first_name,last_name\nana,Ana,A\nben,Ben,B\ncy,Cy,C\n")
    import_roster(course, tmp_path / "r.csv")
    lifecycle.set_due_date(course, A, (datetime.now(UTC) - timedelta(hours=2)).isoformat())
    assert lifecycle.release(course, A).ok
    for sid in ("ana", "ben", "cy"):
        work = lifecycle.fetch_as(course, sid, A, tmp_path / "homes" / sid)
        Player(
            load_scenario(work / "t01-lin.scenario.yaml"),
            work / "t01-lin.transcript.json",
            trainee=sid,
        ).choose("open")
        lifecycle.submit_as(course, sid, A, tmp_path / "homes" / sid)
    assert lifecycle.collect(course, A).ok
    # collected, not graded: status reads timestamp.txt; everyone is about 2 hours late
    assert status_late(course.root, capsys) == {"ana", "ben", "cy"}
    assert all(o.ok for o in grade(course, [A], workers=2))
    # ana's extension is too short, ben's covers it, cy has none
    gradebook.grant_extension(course, A, "ana", timedelta(hours=1))
    gradebook.grant_extension(course, A, "ben", timedelta(days=1))
    assert all(o.ok for o in grade(course, [A], workers=2))

    with gradebook.open_gradebook(course) as gb:
        nbgrader_late = {
            s.student_id for s in gb.assignment_submissions(A) if s.total_seconds_late > 0
        }
        penalised = {
            s.student_id
            for s in gb.assignment_submissions(A)
            for nb in s.notebooks
            if nb.late_submission_penalty is not None
        }
    flagged = {f.student for f in detect(load_context(course)) if f.kind == "late-work"}
    assert nbgrader_late == {"ana", "cy"}
    assert status_late(course.root, capsys) == nbgrader_late
    assert flagged == nbgrader_late
    assert penalised <= nbgrader_late  # nbgrader's own penalty step saw the same extensions
    reasons = {f.student: f.reason for f in detect(load_context(course)) if f.kind == "late-work"}
    assert "1 hour(s) after it was due" in reasons["ana"]  # 2 h late, 1 h extension
