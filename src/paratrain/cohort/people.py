"""A course's roster: kept as ``<course>/roster.csv`` and mirrored into nbgrader's gradebook."""

from __future__ import annotations

from pathlib import Path

from paratrain.atomic import atomic_write_text
from paratrain.course import gradebook
from paratrain.course.folder import ROSTER, Course
from paratrain.course.roster import Person, parse_roster, read_roster, to_csv, trainees


def list_people(course: Course) -> list[Person]:
    path = course.root / ROSTER
    return parse_roster(path.read_text(encoding="utf-8"), path) if path.exists() else []


def import_roster(course: Course, file: str | Path) -> list[Person]:
    """Validate the whole file first, then add everyone (all or nothing).

    People already on the roster are updated; nobody is removed (a trainee who leaves keeps
    their grades). Trainees become nbgrader students; supervisors are kept for the hub and
    the review tools.
    """
    new = read_roster(file)
    merged = {p.id: p for p in list_people(course)}
    merged.update({p.id: p for p in new})
    people = sorted(merged.values(), key=lambda p: (p.role, p.id))
    gradebook.add_students(course, trainees(new))
    atomic_write_text(course.root / ROSTER, to_csv(people))
    return new
