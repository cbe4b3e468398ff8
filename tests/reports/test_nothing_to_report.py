"""A report asked for too early says "nothing to report yet" and what to do next, never a
traceback, and writes nothing (not even an empty gradebook); once an assignment is released
the report is written, with completion and no scores."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from paratrain.cohort.course import Course, init_course
from paratrain.cohort.lifecycle import release
from paratrain.cohort.people import import_roster
from paratrain.errors import NothingToReportError
from paratrain.reports.api import REPORT_NAME, write_report
from tests.conftest import MINIREPO

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]


def _cli_report(course: Course, out: Path) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "paratrain")
    return subprocess.run(
        [exe, "report", str(course.root), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )


def test_fresh_course_then_roster_then_release(tmp_path: Path) -> None:
    course = init_course(root=tmp_path / "course", course_id="fresh-cohort", repo=MINIREPO)
    out = tmp_path / "out"
    gradebook = course.root / "gradebook.db"
    assert not gradebook.exists()

    with pytest.raises(NothingToReportError) as err:
        write_report(course, out)
    assert "nothing to report yet" in str(err.value) and "no gradebook" in str(err.value)
    assert "paratrain roster import" in err.value.hint
    assert not gradebook.exists()  # looking did not create one
    assert not (out / REPORT_NAME).exists()

    proc = _cli_report(course, out)
    said = proc.stdout + proc.stderr
    assert "Traceback" not in said and "nothing to report yet" in said, said
    assert proc.returncode != 0  # nothing was written (the CLI's code for it: see h-cli)

    roster = tmp_path / "roster.csv"
    roster.write_text("id,first_name,last_name\nana,Ana,Alvarez\nben,Ben,Brook\n")
    import_roster(course, roster)
    with pytest.raises(NothingToReportError, match="no assignment has been released"):
        write_report(course, out)
    proc = _cli_report(course, out)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "no assignment has been released" in proc.stdout + proc.stderr

    assert release(course, course.assignments()[0]).ok
    files = write_report(course, out)
    html = files.html.read_text()
    assert "No scores yet" in html and "Completion and lateness by module" in html
    assert "No open flags." in html and "has been resolved" not in html  # none were raised
