"""A course's roster: kept as ``<course>/roster.csv`` and mirrored into nbgrader's gradebook."""

from __future__ import annotations

from pathlib import Path

from paratrain.atomic import atomic_write_text
from paratrain.cohort.course import Course
from paratrain.cohort.roster import Person, parse_roster, read_roster, to_csv, trainees

ROSTER = "roster.csv"


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
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url, course_id=course.course_id) as gb:
        for p in trainees(new):
            gb.update_or_create_student(p.id, first_name=p.first_name, last_name=p.last_name,
                                        email=p.email or None)
    atomic_write_text(course.root / ROSTER, to_csv(people))
    return new
