"""Per-trainee order, free-text replies and reloads, in a real JupyterLab in chromium.

Two trainees open the same lesson: the options come in a different order for each, and the
order a trainee saw survives a page reload and a kernel restart. A reply typed with the
keyboard alone is saved and survives a reload. A plain reload (no Run All) says to press Run
All instead of looking like lost work. After Run All the trainee is brought to the first
role-play, not left at the references.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from paratrain.authoring.lessons import build_notebook, parse_lesson
from tests.browser.lab import (
    browser_page,
    jupyter_lab,
    require_chromium,
    run_all_until,
    screenshot_path,
    wait_kernel_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OPTIONS = [
    "Tell me more about the move.",
    "That sounds like a lot to carry.",
    "Have you tried a support group?",
    "What would help most this week?",
]

SCENARIO = (
    """schema_version: 2
id: b01-order
title: "Browser test: Ruth after the move"
mode: practice
persona: {fictional: true, name: Ruth Okafor, age: 52, pronouns: she/her,
  background: Fictional person for tests., situation: Moved last month., reason: Drop-in.}
start: a
nodes:
  - id: a
    client: "It's been a strange month."
    choices:
"""
    + "".join(
        f"""      - {{id: o{i}, text: "{t}", next: b, feedback: "Feedback {i}.",
         evidence: {{rapport: basic}}}}
"""
        for i, t in enumerate(OPTIONS)
    )
    + """  - id: b
    client: "I just feel far from everyone."
    reply:
      prompt: "What would you say to Ruth now, in your own words?"
      points: 1
      feedback: "A strong reply names the distance she feels."
    next: c
  - id: c
    client: "Thank you."
    end: good
    debrief: "Done."
"""
)

LESSON = (
    """---
id: b01-lesson
title: "Browser test lesson"
module: 0
kind: lesson
teaches: [rapport]
assesses: [rapport]
seed_topics: []
---
# Browser test lesson

A short lesson with a role-play.

+++

::: play b01-order

+++

## References

- A long list of references, so that the end of the notebook is far from the role-play.
"""
    + "\n".join(
        f"- Reference {i}: Author A (2020). A title. A journal 1(1):1-2." for i in range(60)
    )
    + "\n"
)


def make_lesson(root: Path) -> None:
    (root / "scenarios").mkdir(parents=True)
    (root / "scenarios" / "b01-order.scenario.yaml").write_text(SCENARIO)
    src = root / "src" / "b01-lesson.md"
    src.parent.mkdir()
    src.write_text(LESSON)
    nbformat.write(build_notebook(parse_lesson(src)), root / "b01-lesson.ipynb")


def shown_order(page: object) -> list[str]:
    texts = page.locator(".pt-choice:visible").all_inner_texts()  # type: ignore[attr-defined]
    return [t.strip() for t in texts]


def open_lesson(page: object, url: str, wait_for: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    wait_kernel_idle(page)
    run_all_until(page, wait_for)


def test_two_trainees_see_their_own_order_which_survives_reload_and_restart(tmp_path: Path) -> None:
    require_chromium()
    orders = {}
    for trainee in ("amara", "ben"):
        root = tmp_path / trainee
        make_lesson(root)
        with jupyter_lab(root, env={"PARATRAIN_TRAINEE": trainee}) as lab, browser_page() as page:
            open_lesson(page, lab.tree_url("b01-lesson.ipynb"), "text=What do you say next?")
            first = shown_order(page)
            assert sorted(first) == sorted(OPTIONS)
            orders[trainee] = first
            page.reload()
            open_lesson(page, lab.tree_url("b01-lesson.ipynb"), "text=What do you say next?")
            assert shown_order(page) == first
            page.get_by_role("menuitem", name="Kernel", exact=True).click()
            page.get_by_role("menuitem", name="Restart Kernel and Run All Cells…").click()
            page.get_by_role("button", name="Confirm Kernel Restart").click()
            # the old output is cleared when the cells run again, then the player comes back
            page.wait_for_selector("text=What do you say next?", state="detached", timeout=60_000)
            page.wait_for_selector("text=What do you say next?", timeout=60_000)
            assert shown_order(page) == first
            page.get_by_role("button", name=first[0]).click()
            page.wait_for_selector("text=What would you say to Ruth now")
            doc = json.loads((root / "b01-order.transcript.json").read_text())
            assert doc["trainee"] == trainee
            assert doc["events"][0]["shown"] == [f"o{OPTIONS.index(t)}" for t in first]
    assert orders["amara"] != orders["ben"]


def test_reply_by_keyboard_survives_reload_and_plain_reload_says_run_all(tmp_path: Path) -> None:
    require_chromium()
    root = tmp_path / "lessons"
    make_lesson(root)
    transcript = root / "b01-order.transcript.json"
    with jupyter_lab(root, env={"PARATRAIN_TRAINEE": "amara"}) as lab, browser_page() as page:
        open_lesson(page, lab.tree_url("b01-lesson.ipynb"), "text=What do you say next?")
        # after Run All the first role-play's first option has focus, so it is in view
        focused = page.evaluate("() => document.activeElement.closest('.pt-player') !== null")
        assert focused
        box = page.locator(".pt-player").first.bounding_box()
        assert box is not None and box["y"] < 900 and box["y"] + box["height"] > 0
        # the note that says to press Run All is hidden while the player is live
        assert not page.locator(".pt-reload-note").first.is_visible()
        # keyboard only: Tab to an option, Enter; then type the reply, Tab to Send, Enter
        page.keyboard.press("Enter")
        page.wait_for_selector("text=What would you say to Ruth now")
        page.wait_for_selector(".pt-fb-region")
        # focus moved on to the next question's text box, right below the feedback, which
        # Tab can reach and screen readers read out (a live region)
        page.wait_for_function(
            "() => document.activeElement.tagName === 'TEXTAREA' && "
            "document.activeElement.closest('.pt-player') !== null"
        )
        assert page.locator(".pt-fb-region .widget-html[tabindex='0']").count() == 1
        assert page.locator(".pt-fb-region [aria-live='polite']").count() == 1
        fb = page.locator(".pt-fb-region").first.bounding_box()
        question = page.locator("text=What would you say to Ruth now").first.bounding_box()
        assert fb is not None and question is not None and fb["y"] < question["y"]
        page.locator(".pt-reply-text textarea").focus()
        page.keyboard.type("It sounds lonely, being so far from everyone you know.")
        page.locator(".pt-player").first.screenshot(path=screenshot_path("player-reply.png"))
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector("text=A strong reply names the distance she feels.")
        doc = json.loads(transcript.read_text())
        assert [e["action"] for e in doc["events"]] == ["choose", "reply"]
        assert doc["events"][1]["text"] == "It sounds lonely, being so far from everyone you know."
        # feedback on the response sits above the next question
        page.keyboard.press("Control+s")
        page.wait_for_timeout(1500)
        # a plain reload: the live kernel gives the player back, or the note says what to do
        page.reload()
        page.wait_for_selector(".jp-Notebook")
        page.wait_for_selector(".pt-player, .pt-reload-note >> visible=true", timeout=60_000)
        # the kernel is gone (shut down, server restarted): the saved output cannot show the
        # player, and the note says to press Run All
        page.get_by_role("menuitem", name="Kernel", exact=True).click()
        page.get_by_role("menuitem", name="Shut Down Kernel", exact=True).click()
        page.wait_for_timeout(2000)
        page.reload()
        page.wait_for_selector(".jp-Notebook")
        page.wait_for_selector(".pt-reload-note", state="visible", timeout=60_000)
        assert "Press Run All to continue" in page.locator(".pt-reload-note").first.inner_text()
        page.screenshot(path=screenshot_path("player-reload-note.png"))
        run_all_until(page, "text=It sounds lonely, being so far from everyone you know.")
        assert not page.locator(".pt-reload-note").first.is_visible()
        assert json.loads(transcript.read_text())["events"] == doc["events"]
