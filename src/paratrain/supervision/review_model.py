"""What the review notebook shows and does, without widgets: choices for the pickers and the
loaded view of one submission. The widget (:mod:`paratrain.supervision.review_widget`) only
wires clicks to these functions and re-renders."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paratrain.cohort.course import MANIFEST, Course
from paratrain.settings import Settings
from paratrain.supervision.flags import FlagView, list_flags
from paratrain.supervision.reviews import ModuleStatus, module_status
from paratrain.supervision.rubrics import CellKey, Rubric, current_rubric, latest_scores
from paratrain.supervision.store import Store
from paratrain.supervision.submissions import (
    AssignmentPlan,
    Submission,
    assignment_plan,
    read_submission,
    submission_folder,
)

COURSES_ENV = Settings.env_name("courses")


def find_courses(start: Path | None = None, *, depth: int = 2) -> list[Path]:
    """Course folders to offer: ``$PARATRAIN_COURSES`` (separated by the path separator),
    else folders holding ``paratrain.json`` at or below ``start`` (two levels) and above it."""
    configured = Settings.from_env().courses
    if configured:
        return [p.resolve() for p in configured]
    base = (start or Path.cwd()).resolve()
    found = [p for p in (base, *base.parents) if (p / MANIFEST).is_file()]
    level = [base]
    for _ in range(depth):
        level = (
            [
                c
                for p in level
                for c in sorted(p.iterdir())
                if c.is_dir() and not c.name.startswith(".")
            ]
            if level
            else []
        )
        found += [p for p in level if (p / MANIFEST).is_file()]
    return list(dict.fromkeys(found))


def course_label(path: Path) -> str:
    """How a course is named in the pickers: its course id (from ``paratrain.json``)."""
    try:
        return str(json.loads((path / MANIFEST).read_text(encoding="utf-8"))["course_id"])
    except (OSError, ValueError, KeyError, TypeError):
        return path.name


def course_options(paths: list[Path]) -> list[tuple[str, str]]:
    """(label, folder) for the cohort picker: the course id, and the folder as well when two
    courses share an id."""
    labels = [course_label(p) for p in paths]
    return [
        (f"{lbl} ({p})" if labels.count(lbl) > 1 else lbl, str(p))
        for lbl, p in zip(labels, paths, strict=True)
    ]


def usable_courses(paths: list[Path]) -> tuple[list[Path], str]:
    """The course folders among ``paths``, and what to tell the supervisor ('' if all is well):
    that no course was found and what to set, or which listed folders are not courses."""
    good = [p for p in paths if (p / MANIFEST).is_file()]
    bad = [p for p in paths if p not in good]
    jupyter = Path(sys.executable).parent / "jupyter"
    how = (
        f"Set {COURSES_ENV} to the course folder (the one holding {MANIFEST}) before "
        f"starting JupyterLab, for example:\n    {COURSES_ENV}=/path/to/course {jupyter} "
        f"lab\n(several courses: separate the folders with '{os.pathsep}'; on JupyterHub "
        "the hub administrator sets it). Then open this notebook again and press Run All."
    )
    if bad:
        listed = ", ".join(str(p) for p in bad)
        msg = (
            f"{COURSES_ENV} lists folder(s) that are not paratrain courses (no {MANIFEST}): "
            f"{listed}."
        )
        return good, msg + ("" if good else "\n" + how)
    if not good:
        return good, (
            f"No course found. This notebook looks for a course folder in "
            f"{Path.cwd()}, the folders above it and two levels below it, and "
            f"{COURSES_ENV} is not set.\n" + how
        )
    return good, ""


def default_reviewer() -> str:
    """On JupyterHub the reviewer is the logged-in user; elsewhere they type their name."""
    return Settings.from_env().hub_user or ""


def trainee_choices(course: Course, store: Store) -> list[tuple[str, str]]:
    """(label, id) for every trainee with a submission or a flag; open safety flags first."""
    from paratrain.supervision.gradebook import read_gradebook

    gb = read_gradebook(course.db_url, course.course_id)
    flags = list_flags(store, course.course_id)
    safety = {v.flag.student for v in flags if v.flag.severity == 1}
    counts: dict[str, int] = {}
    for v in flags:
        counts[v.flag.student] = counts.get(v.flag.student, 0) + 1
    out = []
    for r in gb.students.sort_values("student").itertuples():
        name = f"{r.first_name or ''} {r.last_name or ''}".strip() or r.student
        note = f" · {counts[r.student]} open flag(s)" if counts.get(r.student) else ""
        out.append(((r.student not in safety), f"{name} ({r.student}){note}", r.student))
    return [(label, sid) for _first, label, sid in sorted(out, key=lambda x: (x[0], x[2]))]


def assignment_choices(course: Course, store: Store, student: str) -> list[tuple[str, str]]:
    flags = list_flags(store, course.course_id, student=student)
    out = []
    for a in course.assignments():
        n = sum(1 for v in flags if v.flag.assignment == a)
        state = "submitted" if submission_folder(course, student, a) else "not submitted"
        out.append((f"{a} · {state}" + (f" · {n} flag(s)" if n else ""), a))
    return out


@dataclass
class Loaded:
    """One submission as the review screen shows it."""

    submission: Submission
    plan: AssignmentPlan
    status: ModuleStatus
    flags: list[FlagView]
    rubrics: dict[str, Rubric | None] = field(default_factory=dict)
    scores: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def key(self, grade_id: str) -> CellKey:
        spec = next(a for a in self.plan.answers if a.grade_id == grade_id)
        return CellKey(self.plan.assignment, spec.notebook, spec.grade_id)


def load(course: Course, store: Store, student: str, assignment: str) -> Loaded:
    plan = assignment_plan(course, assignment)
    sub = read_submission(course, student, assignment, plan)
    rubrics: dict[str, Rubric | None] = {}
    scores: dict[str, dict[str, Any] | None] = {}
    for spec in plan.answers:
        key = CellKey(assignment, spec.notebook, spec.grade_id)
        rubrics[spec.grade_id] = current_rubric(store, course.course_id, key)
        scores[spec.grade_id] = latest_scores(store, course.course_id, key).get(student)
    return Loaded(
        sub,
        plan,
        module_status(store, sub, plan),
        list_flags(store, course.course_id, student=student, assignment=assignment),
        rubrics,
        scores,
    )
