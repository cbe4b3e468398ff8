"""What a supervisor and a program manager see, in Debian's headless chromium: the review
notebook in a real JupyterLab (Run All, choose a trainee, confirm a level by clicking) and the
cohort report. Screenshots go to docs/screenshots/supervisor-*.png for the supervisor guide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paratrain.cohort.course import Course
from paratrain.reports import write_cohort_report
from paratrain.supervision.store import Store
from tests.browser.lab import (
    browser_page,
    jupyter_lab,
    require_chromium,
    run_all,
    wait_kernel_idle,
)
from tests.conftest import REPO
from tests.reports.test_reports import populate

pytestmark = [pytest.mark.browser, pytest.mark.nbgrader, pytest.mark.slow]
SHOTS = REPO / "docs" / "screenshots"


def _accept_dialogs(page: object) -> None:
    """JupyterLab may ask which kernel to start: take the preferred one (Python 3)."""
    accept = page.locator(".jp-Dialog .jp-mod-accept")  # type: ignore[attr-defined]
    if accept.count():
        accept.first.click()


def _settle(page: object, seconds: float = 120) -> bool:
    """Wait for the review screen, answering any dialog on the way."""
    for _ in range(int(seconds * 2)):
        if page.locator(".pt-review select").count():  # type: ignore[attr-defined]
            return True
        _accept_dialogs(page)
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
    return False


def test_report_in_chromium(course: Course, store: Store, tmp_path: Path) -> None:
    require_chromium()
    populate(course, store)
    store.close()
    html = write_cohort_report(course.root, tmp_path / "out")
    # the guide shows a fuller cohort: 12 fictional trainees over 9 modules, made in memory
    from paratrain.reports.cohort import render_cohort
    from tests.reports.synthetic import cohort

    full = tmp_path / "full.html"
    full.write_text(render_cohort(cohort()))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with browser_page(width=1280, height=900) as page:
        page.goto(html.as_uri())  # type: ignore[attr-defined]
        page.wait_for_selector("#levels svg")  # type: ignore[attr-defined]
        page.locator("#flags").screenshot(  # type: ignore[attr-defined]
            path=str(SHOTS / "supervisor-report-flags.png"))
        page.goto(full.as_uri())  # type: ignore[attr-defined]
        page.wait_for_selector("#levels svg")  # type: ignore[attr-defined]
        page.screenshot(path=str(SHOTS / "supervisor-report.png"),  # type: ignore[attr-defined]
                        full_page=True)


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
        for _attempt in range(3):
            _accept_dialogs(page)
            run_all(page)
            if _settle(page):
                break
        page.wait_for_selector(".pt-review select")  # type: ignore[attr-defined]
        page.get_by_placeholder("recorded with every entry").fill("grace")  # type: ignore[attr-defined]
        selects = page.locator(".pt-review select")  # type: ignore[attr-defined]
        selects.nth(1).select_option(index=0)  # ben: open safety flags are listed first
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => document.querySelectorAll('.pt-review select')[2].options.length > 0")
        selects.nth(2).select_option(index=0)
        page.wait_for_selector("text=Potentially harmful")  # type: ignore[attr-defined]
        page.get_by_role("tab", name="Competencies").click()  # type: ignore[attr-defined]
        review = page.locator(".pt-review")  # type: ignore[attr-defined]
        # the list shows omar's level 2 over a computed 1: keeping it is an override
        review.get_by_placeholder("Comment (required to override)").first.fill(
            "agree with omar: the slip was repaired at once")
        review.locator("button:visible", has_text="Save").first.click()
        review.get_by_text("saved.").wait_for()
        page.get_by_role("tab", name="Role-plays").click()  # type: ignore[attr-defined]
        page.locator(".pt-review").screenshot(  # type: ignore[attr-defined]
            path=str(SHOTS / "supervisor-review.png"))
        page.get_by_role("tab", name="Written answers").click()  # type: ignore[attr-defined]
        page.locator(".pt-review").screenshot(  # type: ignore[attr-defined]
            path=str(SHOTS / "supervisor-rubric.png"))
    from paratrain.supervision.store import open_store

    with open_store(course) as s:
        from paratrain.supervision import reviews

        rated = reviews.rating_history(s, course.course_id, "ben")
    assert any(r["reviewer"] == "grace" for r in rated)
