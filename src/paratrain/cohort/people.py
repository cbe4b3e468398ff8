"""A course's roster: kept as ``<course>/roster.csv`` and mirrored into nbgrader's gradebook.

An import changes both or neither. The roster file and the gradebook cannot share one
transaction, so the import follows :mod:`paratrain.course.journal`: the new roster is written
in full to ``roster.csv.pending``; the trainees go into the gradebook in one transaction;
then, with Ctrl-C and SIGTERM held back, the transaction is committed and the pending file
renamed over ``roster.csv``. Interrupted before that moment, nothing changed (the gradebook
rolls back, the pending file is removed); after it, both did. A process killed outright in
between leaves ``roster.csv.pending``; the next roster command finishes the rename if the
gradebook has the new trainees, or discards the file if it has not.
"""

from __future__ import annotations

from pathlib import Path

from paratrain.course import gradebook, journal
from paratrain.course.folder import Course
from paratrain.course.roster import Person, parse_roster, read_roster, to_csv, trainees


def _recover(course: Course) -> str | None:
    path = course.roster_file
    if not journal.pending_path(path).exists():
        return None

    def committed(text: str) -> bool:
        try:
            people = parse_roster(text, journal.pending_path(path))
        except ValueError:
            return False
        return gradebook.has_students(course, trainees(people))

    return journal.recover(path, committed)


def _read(course: Course) -> list[Person]:
    path = course.roster_file
    return parse_roster(path.read_text(encoding="utf-8"), path) if path.exists() else []


def list_people(course: Course) -> list[Person]:
    """Everyone on the roster (finishing or undoing an import a killed process left)."""
    _recover(course)
    return _read(course)


def import_roster(course: Course, file: str | Path) -> list[Person]:
    """Validate the whole file first, then add everyone: roster and gradebook, all or nothing.

    People already on the roster are updated; nobody is removed (a trainee who leaves keeps
    their grades). Trainees become nbgrader students; supervisors are kept for the hub and
    the review tools.
    """
    new = read_roster(file)
    merged = {p.id: p for p in list_people(course)}
    merged.update({p.id: p for p in new})
    people = sorted(merged.values(), key=lambda p: (p.role, p.id))
    path = course.roster_file
    committed = False

    def publish() -> None:  # runs right after the commit, with signals held back
        nonlocal committed
        committed = True
        journal.publish(path)

    try:
        journal.write_pending(path, to_csv(people))
        gradebook.add_students(course, trainees(new), on_commit=publish)
    except BaseException:
        if not committed:  # the gradebook rolled back: the roster file must not change
            journal.discard(path)
        raise  # (committed but not renamed: the next roster command finishes the rename)
    return new
