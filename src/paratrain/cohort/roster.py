"""Moved to :mod:`paratrain.course.roster`; re-exported here while code moves."""

from __future__ import annotations

from paratrain.course.roster import (
    COLUMNS,
    EMAIL_PATTERN,
    ID_PATTERN,
    REQUIRED,
    ROLES,
    Person,
    parse_roster,
    read_roster,
    supervisors,
    to_csv,
    trainees,
)

__all__ = [
    "COLUMNS",
    "EMAIL_PATTERN",
    "ID_PATTERN",
    "REQUIRED",
    "ROLES",
    "Person",
    "parse_roster",
    "read_roster",
    "supervisors",
    "to_csv",
    "trainees",
]
