"""`paratrain report` with nothing to report yet: the message and what to run next on stdout,
exit 1 (the command ran and found nothing to write), JSON with --json; never an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paratrain.cli import main
from paratrain.cohort.course import init_course
from tests.conftest import MINIREPO


def test_nothing_to_report_is_exit_1_with_the_next_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = init_course(root=tmp_path / "course", course_id="fresh", repo=MINIREPO)
    assert main(["report", str(course.root), "--out", str(tmp_path / "out")]) == 1
    got = capsys.readouterr()
    first, second = got.out.strip().splitlines()[:2]
    assert first.startswith("nothing to report yet") and second.startswith("next: ")
    assert "paratrain: error" not in got.err and "Traceback" not in got.err
    assert main(["report", str(course.root), "--out", str(tmp_path / "out"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["nothing_to_report"].startswith("nothing to report yet") and data["next"]
    assert not (tmp_path / "out" / "cohort-report.html").exists()
