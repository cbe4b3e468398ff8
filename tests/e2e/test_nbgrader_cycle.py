"""The whole cycle with the real nbgrader command line: generate, release, fetch, play through
the engine, submit, collect, autograde, feedback; exact scores and static transcripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paratrain.cohort import lifecycle
from paratrain.cohort.course import init_course
from paratrain.cohort.lifecycle import find_leaks
from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.widget import Player
from tests.conftest import MINIREPO
from tests.nbgrader_cli import run_nbgrader

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

A = "t01-first-contact"
COURSE = "test-course"


def nbgrader(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = run_nbgrader(*args, cwd=cwd, env=env, timeout=300)
    assert proc.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


def test_full_cycle_with_the_nbgrader_cli(tmp_path: Path) -> None:
    course = init_course(root=tmp_path / "course", course_id=COURSE, repo=MINIREPO)
    root = course.root
    # the key never enters the course's source folder
    assert not load_scenario(root / "source" / A / "t01-lin.scenario.yaml").has_key
    assert load_scenario(root / "keys" / A / "t01-lin.scenario.yaml").has_key
    assert not list((root / "source" / A).glob("*.transcript.json"))

    nbgrader("generate_assignment", A, "--force", cwd=root)
    release = root / "release" / A
    assert find_leaks(release, root / "keys" / A) == []
    key_text = (root / "keys" / A / "t01-lin.scenario.yaml").read_text()
    released = "\n".join(p.read_text() for p in release.iterdir() if p.is_file())
    for secret in (
        "Direct and caring",
        "Never promise secrecy",
        "Reviews find no increase",
        "correct: true",
        "points: 4",
    ):
        assert (
            secret in key_text or secret in (root / "keys" / A / "t01-check.quiz.yaml").read_text()
        )
        assert secret not in released
    nbgrader("release_assignment", A, cwd=root)

    plans = {
        "ana": ["open", "ask-directly", "involve"],  # 6/6 -> 10 points
        "ben": ["advice", "ask-directly", "secret"],  # 4/6 -> 6.67 points
        "cy": None,  # transcript deleted before submit
        "dee": "corrupt",  # transcript damaged before submit
    }
    for student, plan in plans.items():
        home = tmp_path / "homes" / student
        home.mkdir(parents=True)
        (home / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.Exchange.root = {str(course.exchange)!r}\n"
            "c.Exchange.path_includes_course = True\n"
        )
        nbgrader("fetch_assignment", A, f"--course={COURSE}", cwd=home)
        work = home / COURSE / A
        public = load_scenario(work / "t01-lin.scenario.yaml")
        player = Player(public, work / "t01-lin.transcript.json", trainee=student)
        for choice in plan if isinstance(plan, list) else ["open"]:
            player.choose(choice)
        if plan is None:
            (work / "t01-lin.transcript.json").unlink()
        elif plan == "corrupt":
            (work / "t01-lin.transcript.json").write_text('{"schema_version": 1, "ev')
        nbgrader("submit", A, f"--course={COURSE}", f"--student={student}", cwd=home)

    nbgrader("collect", A, cwd=root)
    submitted_ana = (root / "submitted" / "ana" / A / "t01-lin.transcript.json").read_text()
    nbgrader("autograde", A, cwd=root)
    # autograde must not overwrite the trainee's transcript
    assert (
        root / "autograded" / "ana" / A / "t01-lin.transcript.json"
    ).read_text() == submitted_ana

    scores = {
        (r["student"], cell): v for r in lifecycle.scores(course) for cell, v in r["cells"].items()
    }
    assert scores[("ana", "score-t01-lin")] == 10.0
    assert scores[("ben", "score-t01-lin")] == 6.67
    assert scores[("cy", "score-t01-lin")] == 0.0
    assert scores[("dee", "score-t01-lin")] == 0.0
    # nobody answered the quiz: no answers file -> 0, never full credit
    assert {scores[(s, "score-t01-check")] for s in plans} == {0.0}

    nbgrader("generate_feedback", A, cwd=root)
    html_ana = (root / "feedback" / "ana" / A / f"{A}.html").read_text()
    assert "Transcript" in html_ana and "Are you thinking about suicide?" in html_ana
    assert "Direct and caring." in html_ana and "10 of 10 points" in html_ana
    html_ben = (root / "feedback" / "ben" / A / f"{A}.html").read_text()
    assert "Never promise secrecy." in html_ben and "Potentially harmful" in html_ben
    html_cy = (root / "feedback" / "cy" / A / f"{A}.html").read_text()
    assert "No saved role-play was found" in html_cy
    html_dee = (root / "feedback" / "dee" / A / f"{A}.html").read_text()
    assert "could not be read" in html_dee
    meta = json.loads((root / "autograded" / "ana" / A / "t01-lin.transcript.json").read_text())
    assert meta["scenario"]["id"] == "t01-lin"
