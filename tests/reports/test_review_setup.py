"""The review notebook's tools when they find no course: they say so and what to set, instead
of an empty picker; and a cohort is labelled by its course id, not its folder's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from paratrain.cohort.course import Course
from paratrain.reports.widget import Calibration, CohortReport, SupervisionLog
from paratrain.supervision.review_model import COURSES_ENV
from paratrain.supervision.review_widget import ReviewApp


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A notebook folder with no course near it and no PARATRAIN_COURSES."""
    folder = tmp_path / "repo" / "supervisor"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    monkeypatch.delenv(COURSES_ENV, raising=False)
    return folder


def test_no_course_found_says_so_and_what_to_set(nowhere: Path) -> None:
    app = ReviewApp()
    assert app.course_pick.options == ()
    assert "No course found" in app.setup.value and str(nowhere) in app.setup.value
    assert f"{COURSES_ENV}=/path/to/course" in app.setup.value
    assert "jupyter lab" in app.setup.value
    for tool in (Calibration(), SupervisionLog(), CohortReport()):
        assert "No course found" in tool.message.value and COURSES_ENV in tool.message.value
    report = CohortReport()
    report.button.click()  # pressing the button repeats the reason, not "choose a cohort"
    assert "No course found" in report.message.value


def test_a_listed_folder_that_is_not_a_course_is_named(
    nowhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(COURSES_ENV, str(nowhere.parent))
    app = ReviewApp()
    assert app.course_pick.options == ()
    assert "not paratrain courses" in app.setup.value and str(nowhere.parent) in app.setup.value


@pytest.mark.nbgrader
@pytest.mark.slow
def test_cohort_is_labelled_by_course_id(course: Course, monkeypatch: pytest.MonkeyPatch) -> None:
    assert course.root.name != course.course_id  # the folder is "course"
    monkeypatch.setenv(COURSES_ENV, str(course.root))
    app = ReviewApp()
    assert app.course_pick.options == ((course.course_id, str(course.root)),)
    assert app.setup.value == "" and app.trainee_pick.options
    assert Calibration().course_pick.options == ((course.course_id, str(course.root)),)
    app.close()
