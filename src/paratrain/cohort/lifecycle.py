"""The nbgrader cycle for one course, through nbgrader's own API and exchange classes.

Instructor side: release (generate + leak check + release), collect, autograde, feedback.
Trainee side (for the demo, tests and scripted trainees): fetch and submit as a named trainee.
nbgrader is imported lazily: it takes about 3 s to import.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paratrain.course import gradebook
from paratrain.course.folder import CONFIG_NAME, Course
from paratrain.course.sidecars import read_rubric_keys
from paratrain.errors import CourseError
from paratrain.scenarios import answers, transcript
from paratrain.scenarios.kinds import item_files, load_item
from paratrain.scenarios.model import Scenario
from paratrain.scenarios.release import leaks as scenario_leaks


@dataclass(frozen=True)
class StepResult:
    step: str
    assignment: str
    student: str | None
    ok: bool
    log: str = ""


def nbgrader_config(course: Course) -> Any:
    """The course's ``nbgrader_config.py``, read as nbgrader reads it (running it sets
    ``PARATRAIN_COURSE_ROOT`` for grading kernels)."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(CONFIG_NAME, path=str(course.root)).load_config()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """nbgrader logs through the root 'traitlets' loggers; keep its chatter off our output."""
    logger = logging.getLogger("traitlets")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        logger.setLevel(old)


def api(course: Course, overrides: dict[str, dict[str, Any]] | None = None) -> Any:
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    cfg = nbgrader_config(course)
    if overrides:
        cfg.merge(Config(overrides))
    return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)


def _result(step: str, assignment: str, student: str | None, res: dict[str, Any]) -> StepResult:
    text = (res.get("log") or "") + (res.get("error") or "")
    return StepResult(step, assignment, student, bool(res.get("success")), text)


def find_leaks(release_dir: Path, keys_dir: Path) -> list[str]:
    """Anything of an assessment key found in a release folder (should be empty).

    Looks for key files by name, for every feedback, debrief and explanation text of the
    keys in every text file of the release, and, in each released scenario, for a graph that
    is not sealed or an authored node id (:func:`paratrain.scenarios.release.leaks`).
    """
    leaks: list[str] = []
    secrets: list[str] = []
    for key in item_files(keys_dir) if keys_dir.is_dir() else []:
        item = load_item(key)
        if isinstance(item, Scenario):
            s = item
            released = release_dir / key.name
            if released.is_file():
                leaks += [
                    f"{released}: {what}"
                    for what in scenario_leaks(s, released.read_text(encoding="utf-8"))
                ]
            secrets += [c.feedback for n in s.nodes for c in n.choices if c.feedback]
            secrets += [n.debrief for n in s.nodes if n.debrief]
        else:
            secrets += [x.explanation for x in item.questions if x.explanation]
    for rubric in read_rubric_keys(keys_dir).values():
        secrets += [c["note"] for c in rubric.get("rubric", []) if c.get("note")]
    for path in sorted(release_dir.rglob("*")):
        if not path.is_file():
            continue
        if path.name.endswith((transcript.SUFFIX, answers.SUFFIX)):
            leaks.append(f"{path}: a reference transcript or answers file")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        flat = " ".join(text.split())
        for secret in secrets:
            if " ".join(secret.split())[:80] in flat:
                leaks.append(f"{path}: contains key text '{secret[:50]}...'")
                break
    return leaks


def set_due_date(course: Course, assignment: str, due: str) -> None:
    """Record an assignment's due date in the gradebook (ISO 8601; UTC if no offset)."""
    from datetime import datetime

    try:
        when = datetime.fromisoformat(due)
    except ValueError:
        raise CourseError(
            f"'{due}' is not a date and time", hint="use ISO 8601, e.g. 2027-03-01T17:00:00+00:00"
        ) from None
    gradebook.set_due_date(course, assignment, when)


def release(course: Course, assignment: str) -> StepResult:
    """Generate the student version, check it for key leaks, and release it to the exchange."""
    nbg = api(course)
    with _quiet():
        gen = nbg.generate_assignment(assignment)
    if not gen.get("success"):
        return _result("generate", assignment, None, gen)
    leaks = find_leaks(course.root / "release" / assignment, course.keys / assignment)
    if leaks:
        raise CourseError(
            f"refusing to release '{assignment}': the student version contains "
            "assessment keys:\n  " + "\n  ".join(leaks)
        )
    with _quiet():
        with contextlib.suppress(Exception):
            nbg.unrelease(assignment)
        return _result("release", assignment, None, nbg.release_assignment(assignment))


def released(course: Course) -> list[str]:
    """Assignments currently released to trainees (in the exchange's outbound folder)."""
    outbound = course.exchange / course.course_id / "outbound"
    return sorted(p.name for p in outbound.iterdir() if p.is_dir()) if outbound.is_dir() else []


def _exchange_app(
    course: Course, cls_name: str, assignment: str, home: Path, student: str | None = None
) -> Any:
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import default

    cfg = nbgrader_config(course)
    coursedir = CourseDirectory(config=cfg)
    coursedir.assignment_id = assignment
    if student:
        coursedir.student_id = student
    cls = {
        "fetch": default.ExchangeFetchAssignment,
        "submit": default.ExchangeSubmit,
        "fetch_feedback": default.ExchangeFetchFeedback,
    }[cls_name]
    app = cls(coursedir=coursedir, authenticator=Authenticator(config=cfg), config=cfg)
    app.assignment_dir = str(home)
    app.cache = str(home / ".nbgrader-cache")
    return app


def fetch_as(course: Course, student: str, assignment: str, home: Path) -> Path:
    """Fetch a released assignment into ``home`` the way a trainee's Fetch button does."""
    home.mkdir(parents=True, exist_ok=True)
    app = _exchange_app(course, "fetch", assignment, home)
    with _quiet():
        app.start()
    return home / course.course_id / assignment


def submit_as(course: Course, student: str, assignment: str, home: Path) -> None:
    app = _exchange_app(course, "submit", assignment, home, student)
    with _quiet():
        app.start()


def fetch_feedback_as(course: Course, student: str, assignment: str, home: Path) -> Path:
    app = _exchange_app(course, "fetch_feedback", assignment, home, student)
    with _quiet():
        app.start()
    return home / course.course_id / assignment / "feedback"


def collect(course: Course, assignment: str) -> StepResult:
    nbg = api(course)
    with _quiet():
        return _result("collect", assignment, None, nbg.collect(assignment))


def autograde(course: Course, assignment: str, student: str) -> StepResult:
    """Plain ``NbGraderAPI.autograde`` for one submission (``paratrain grade`` runs the same
    converter in long-lived workers: :mod:`paratrain.cohort.grade_worker`)."""
    nbg = api(course)
    with _quiet():
        return _result("autograde", assignment, student, nbg.autograde(assignment, student))


def feedback(course: Course, assignment: str) -> list[StepResult]:
    nbg = api(course)
    with _quiet():
        gen = nbg.generate_feedback(assignment)
        rel = nbg.release_feedback(assignment)
    return [
        _result("generate_feedback", assignment, None, gen),
        _result("release_feedback", assignment, None, rel),
    ]


def scores(course: Course) -> list[dict[str, Any]]:
    """Every submission's total and per-cell scores from the gradebook."""
    return gradebook.scores(course)
