"""Every lesson as a trainee sees it: open it in JupyterLab (headless chromium), Run All, and
save the screen at the first role-play to build/screenshots/lesson-<id>.png
(``python -m tools.screenshots`` copies them into docs/screenshots/).

One JupyterLab server and one browser serve all lessons; each lesson opens in a fresh
workspace and its kernel is shut down afterwards. The lessons run in a temporary copy of
curriculum/, so the transcripts the players write never touch the repository.
"""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.lab import (
    DIALOGS,
    Lab,
    browser_page,
    dismiss_dialog,
    jupyter_lab,
    require_chromium,
    run_all_until,
    screenshot_path,
    wait_kernel_idle,
)
from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted((REPO / "curriculum").glob("*.ipynb"))
PLAYER = ".pt-player"


@pytest.fixture(scope="module")
def lab_and_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Lab, object]]:
    require_chromium()
    base = tmp_path_factory.mktemp("lessons")
    root = base / "curriculum"
    shutil.copytree(REPO / "curriculum", root, ignore=shutil.ignore_patterns("src", "*.md"))
    # JupyterLab 4 renders only the cells near the viewport by default; render them all, so
    # a role-play far down a lesson exists in the page to wait for and scroll to.
    tracker = base / "curriculum-lab-settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    with jupyter_lab(root) as lab, browser_page(width=1280, height=900) as page:
        yield lab, page
    if DIALOGS:  # shown with -s; a trainee would have met these dialogs too
        print("\nJupyterLab dialogs accepted during the run:\n  " + "\n  ".join(DIALOGS))


def _shutdown_kernels(lab: Lab) -> None:
    """Close every session, so kernels do not pile up from one lesson to the next."""

    def call(method: str, path: str) -> bytes:
        req = urllib.request.Request(f"{lab.url}{path}?token={lab.token}", method=method)
        with urllib.request.urlopen(req, timeout=10) as resp:
            return bytes(resp.read())

    for session in json.loads(call("GET", "/api/sessions")):
        call("DELETE", f"/api/sessions/{session['id']}")


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_screenshot(lesson: Path, lab_and_page: tuple[Lab, object]) -> None:
    lab, page = lab_and_page
    # a workspace per lesson, reset, so earlier lessons' tabs are not restored alongside
    page.goto(
        f"{lab.url}/lab/workspaces/{lesson.stem}/tree/{lesson.name}"  # type: ignore[attr-defined]
        f"?reset&token={lab.token}"
    )
    wait_kernel_idle(page)
    run_all_until(page, PLAYER)
    wait_kernel_idle(page)
    player = page.locator(PLAYER).first  # type: ignore[attr-defined]
    player.wait_for(state="visible")
    # the notebook scrolls inside its own panel: bring the first role-play to the top of it
    player.evaluate("el => el.closest('.jp-Cell').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    dismiss_dialog(page)
    page.screenshot(path=screenshot_path(f"lesson-{lesson.stem}.png"), full_page=False)  # type: ignore[attr-defined]
    # what a trainee must see: the persona card and the first choices, no error notices
    assert player.locator(".pt-choice").count() >= 2
    assert page.locator("text=cannot start").count() == 0  # type: ignore[attr-defined]
    assert (
        page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"  # type: ignore[attr-defined]
        ).count()
        == 0
    )
    _shutdown_kernels(lab)
    assert not list((REPO / "curriculum").glob("*.transcript.json"))
