"""A small graded course built through the real nbgrader cycle (in-process, like the demo),
once per test session, then copied for each test so tests never share a gradebook or store.

Trainees of course ``sup-test`` (assignment ``t01-first-contact`` of the mini repository):

* ana: the best path; a clean written answer;
* ben: two potentially harmful responses; a written answer with a phone number and an email;
* cy: deleted the transcript before submitting;
* dee: damaged the transcript before submitting;
* eve: never submits.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat

from paratrain.cohort import lifecycle
from paratrain.cohort.course import Course, init_course, open_course
from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.widget import Player
from tests.conftest import MINIREPO

COURSE_ID = "sup-test"
A = "t01-first-contact"
PLANS: dict[str, list[str] | str | None] = {
    "ana": ["open", "ask-directly", "involve"],
    "ben": ["advice", "ask-directly", "secret"],
    "cy": "deleted",
    "dee": "corrupt",
    "eve": None,
}
ANSWERS = {
    "ana": 'Mr. Lin (fictional) said "they would be better off without me". I asked about '
    "suicide directly and told my supervisor at 3 pm.",
    "ben": "Called him back on (503) 555-2368, wrote to lin.real@gmail.com. Sounds depressed.",
    "cy": "A note.",
    "dee": "Another note.",
}
NAMES = {
    "ana": ("Ana", "Alves"),
    "ben": ("Ben", "Brook"),
    "cy": ("Cy", "Chen"),
    "dee": ("Dee", "Diaz"),
    "eve": ("Eve", "Evans"),
}


def build(root: Path) -> Course:
    from nbgrader.api import Gradebook

    course = init_course(root=root / "course", course_id=COURSE_ID, repo=MINIREPO)
    with Gradebook(course.db_url, course_id=COURSE_ID) as gb:
        for sid, (first, last) in NAMES.items():
            gb.update_or_create_student(
                sid, first_name=first, last_name=last, email=f"{sid}@example.org"
            )
    assert lifecycle.release(course, A).ok
    for sid, plan in PLANS.items():
        home = root / "homes" / sid
        work = lifecycle.fetch_as(course, sid, A, home)
        if plan is None:
            continue
        public = load_scenario(work / "t01-lin.scenario.yaml")
        player = Player(public, work / "t01-lin.transcript.json", trainee=sid)
        for choice in plan if isinstance(plan, list) else ["open"]:
            player.choose(choice)
        if plan == "deleted":
            (work / "t01-lin.transcript.json").unlink()
        elif plan == "corrupt":
            (work / "t01-lin.transcript.json").write_text('{"schema_version": 1, "ev')
        nb_path = work / f"{A}.ipynb"
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "t01-note":
                cell.source = ANSWERS[sid]
        nbformat.write(nb, nb_path)
        lifecycle.submit_as(course, sid, A, home)
    assert lifecycle.collect(course, A).ok
    for sid, plan in PLANS.items():
        if plan is not None:
            assert lifecycle.autograde(course, A, sid).ok
    return course


def copy_course(template: Course, dest: Path) -> Course:
    """Copy a built course and point its config at the copy (paths are absolute)."""
    target = dest / "course"
    shutil.copytree(template.root, target)
    old, new = str(template.root), str(target)
    for name in ("paratrain.json", "nbgrader_config.py"):
        p = target / name
        p.write_text(p.read_text().replace(old, new))
    manifest = json.loads((target / "paratrain.json").read_text())
    assert manifest["db_url"].endswith(f"{new}/gradebook.db")
    return open_course(target)
