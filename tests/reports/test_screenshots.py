"""What a supervisor and a program manager see, in Debian's headless chromium: the cohort
report (a graded course, and a fuller fictional cohort), a trainee's record, the review
notebook in a real JupyterLab (Run All, choose a trainee, confirm a level by clicking) and the
same notebook opened where no course is found.

Screenshots go to build/screenshots/ (see tests/browser/lab.py); ``python -m tools.screenshots``
copies them into docs/screenshots/ for the supervisor guide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paratrain.cohort.course import Course
from paratrain.reports import write_cohort_report, write_trainee_record
from paratrain.supervision.store import Store
from tests.browser.lab import (
    browser_page,
    jupyter_lab,
    require_chromium,
    run_all_until,
    screenshot_path,
    wait_kernel_idle,
)
from tests.conftest import REPO
from tests.reports.test_reports import populate

pytestmark = [pytest.mark.browser, pytest.mark.nbgrader, pytest.mark.slow]


def test_report_in_chromium(course: Course, store: Store, tmp_path: Path) -> None:
    require_chromium()
    populate(course, store)
    store.close()
    html = write_cohort_report(course.root, tmp_path / "out")
    record = write_trainee_record(course.root, "ben", tmp_path / "records")
    # the guide shows a fuller cohort: 12 fictional trainees over 9 modules, made in memory
    from paratrain.reports.cohort import render_cohort
    from tests.reports.synthetic import cohort

    full = tmp_path / "full.html"
    fictional = cohort()
    full.write_text(render_cohort(fictional))
    flagged = fictional.flags.loc[fictional.flags["status"] == "open", "student"].nunique()
    with browser_page(width=1280, height=900) as page:
        page.goto(html.as_uri())  # type: ignore[attr-defined]
        page.wait_for_selector("#levels svg")  # type: ignore[attr-defined]
        page.screenshot(
            path=screenshot_path("supervisor-report-course.png"),  # type: ignore[attr-defined]
            full_page=True,
        )
        page.goto(full.as_uri())  # type: ignore[attr-defined]
        page.wait_for_selector("#levels svg")  # type: ignore[attr-defined]
        page.screenshot(
            path=screenshot_path("supervisor-report.png"),  # type: ignore[attr-defined]
            full_page=True,
        )
        flags = page.locator("#flags")  # type: ignore[attr-defined]
        groups = flags.locator("details.fg")
        assert groups.count() == flagged  # one per trainee with open flags, all closed
        assert flags.locator("table:visible").count() == 0
        groups.first.locator("summary").click()  # a supervisor opens the top trainee
        assert flags.locator("table:visible").count() == 1
        flags.screenshot(path=screenshot_path("supervisor-report-flags.png"))
        for part in ("moments", "levels"):
            page.locator(f"#{part}").screenshot(  # type: ignore[attr-defined]
                path=screenshot_path(f"supervisor-report-{part}.png")
            )
        page.goto(record.as_uri())  # type: ignore[attr-defined]
        page.wait_for_selector("#assessed table")  # type: ignore[attr-defined]
        page.screenshot(
            path=screenshot_path("supervisor-record.png"),  # type: ignore[attr-defined]
            full_page=True,
        )


def test_review_notebook_in_jupyterlab(course: Course, store: Store, tmp_path: Path) -> None:
    require_chromium()
    populate(course, store)
    store.close()
    root = tmp_path / "lab"
    root.mkdir()
    shutil.copy(REPO / "supervisor" / "review.ipynb", root / "review.ipynb")
    env = {"PARATRAIN_COURSES": str(course.root)}
    with jupyter_lab(root, env=env) as lab, browser_page(width=1280, height=1000) as page:
        page.goto(lab.tree_url("review.ipynb"))  # type: ignore[attr-defined]
        wait_kernel_idle(page)
        run_all_until(page, ".pt-review select")
        review = page.locator(".pt-review")  # type: ignore[attr-defined]
        # the cohort is shown by its course id, not by the folder's name ("course")
        assert review.locator("select").first.locator("option").all_inner_texts() == [
            course.course_id
        ]
        page.get_by_placeholder("recorded with every entry").fill("grace")  # type: ignore[attr-defined]
        selects = review.locator("select")
        selects.nth(1).select_option(index=0)  # ben: open safety flags are listed first
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => document.querySelectorAll('.pt-review select')[2].options.length > 0"
        )
        selects.nth(2).select_option(index=0)
        page.wait_for_selector("text=Potentially harmful")  # type: ignore[attr-defined]
        page.get_by_role("tab", name="Competencies").click()  # type: ignore[attr-defined]
        # the list shows omar's level 2 over a computed 1: keeping it is an override
        review.get_by_placeholder("Comment (required to override)").first.fill(
            "agree with omar: the slip was repaired at once"
        )
        review.locator("button:visible", has_text="Save").first.click()
        review.get_by_text("saved.").wait_for()
        page.get_by_role("tab", name="Role-plays").click()  # type: ignore[attr-defined]
        review.screenshot(path=screenshot_path("supervisor-review.png"))
        page.get_by_role("tab", name="Written answers").click()  # type: ignore[attr-defined]
        review.screenshot(path=screenshot_path("supervisor-rubric.png"))
    from paratrain.supervision.store import open_store

    with open_store(course) as s:
        from paratrain.supervision import reviews

        rated = reviews.rating_history(s, course.course_id, "ben")
    assert any(r["reviewer"] == "grace" for r in rated)


def test_review_notebook_with_no_course_says_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notebook opened from a folder with no course near it (as from the repository)."""
    require_chromium()
    monkeypatch.delenv("PARATRAIN_COURSES", raising=False)
    root = tmp_path / "supervisor"
    root.mkdir()
    shutil.copy(REPO / "supervisor" / "review.ipynb", root / "review.ipynb")
    with jupyter_lab(root) as lab, browser_page(width=1280, height=900) as page:
        page.goto(lab.tree_url("review.ipynb"))  # type: ignore[attr-defined]
        wait_kernel_idle(page)
        run_all_until(page, ".pt-review .pt-notice")
        review = page.locator(".pt-review")  # type: ignore[attr-defined]
        said = review.locator(".pt-notice").first.inner_text()
        assert "No course found" in said and "PARATRAIN_COURSES=/path/to/course" in said
        assert review.locator("select").first.locator("option").count() == 0
        review.screenshot(path=screenshot_path("supervisor-review-no-course.png"))
