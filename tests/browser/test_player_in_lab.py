"""A trainee in a real JupyterLab: Run All, click through a role-play with mouse and keyboard,
reload the page, restart the kernel, and find everything where it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.browser.lab import (
    browser_page,
    jupyter_lab,
    require_chromium,
    run_all_until,
    screenshot_path,
    wait_kernel_idle,
)
from tests.conftest import MINIREPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def events(path: Path) -> list[tuple[str, str | None]]:
    doc = json.loads(path.read_text())
    return [(e["action"], e.get("choice")) for e in doc["events"]]


def test_play_reload_restart_resume(tmp_path: Path) -> None:
    require_chromium()
    root = tmp_path / "lessons"
    root.mkdir()
    shutil.copy(MINIREPO / "curriculum" / "t00-lesson.ipynb", root)
    shutil.copytree(MINIREPO / "curriculum" / "scenarios", root / "scenarios")
    transcript = root / "t00-practice.transcript.json"
    with jupyter_lab(root) as lab, browser_page() as page:
        page.goto(lab.tree_url("t00-lesson.ipynb"))
        wait_kernel_idle(page)
        run_all_until(page, "text=What do you say next?")
        # code is hidden: the trainee sees no Python source of the play cell
        assert (
            page.locator(
                ".jp-CodeCell .jp-InputArea:visible .cm-content", has_text='play("t00-practice")'
            ).count()
            == 0
        )
        page.get_by_role("button", name="What's your problem?").click()
        page.wait_for_selector("text=Abrupt; try a warm greeting.")
        assert events(transcript) == [("choose", "y")]
        # keyboard only: focus the response and press Enter
        page.get_by_role("button", name="Sorry - let me start again. I'm glad you came.").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("text=After-action summary")
        assert events(transcript) == [("choose", "y"), ("choose", "z")]
        page.screenshot(path=screenshot_path("player-summary.png"), full_page=True)

        # reload the page and run everything again: resumes at the ending
        page.reload()
        wait_kernel_idle(page)
        run_all_until(page, "text=After-action summary")
        assert page.locator(".pt-conv", has_text="Excuse me?").count() >= 1

        # restart the kernel and run all: still there, and the transcript untouched
        page.get_by_role("menuitem", name="Kernel", exact=True).click()
        page.get_by_role("menuitem", name="Restart Kernel and Run All Cells…").click()
        page.get_by_role("button", name="Confirm Kernel Restart").click()
        # the old output is cleared when the cells run again, then the player comes back
        page.wait_for_selector("text=After-action summary", state="detached", timeout=60_000)
        page.wait_for_selector("text=After-action summary", timeout=60_000)
        page.get_by_role("button", name="Start this role-play again").click()
        page.get_by_role("button", name="Hello, how are you today?").click()
        page.wait_for_selector("text=Warm.")
        assert events(transcript)[-2:] == [("restart", None), ("choose", "x")]
        page.screenshot(path=screenshot_path("player-in-jupyterlab.png"), full_page=False)
