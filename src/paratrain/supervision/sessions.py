"""The supervision log: who was supervised, when, by whom, for how long, on what.

Certifications count supervised hours (for example IC&RC's peer recovery credential asks for
25 hours of supervision), so every session is kept per trainee: a group session of three
trainees is three entries. A correction is a new entry that ``replaces`` the old one, and a
session entered by mistake is *voided* by a new entry; totals count only entries that are
neither replaced nor voided.

Sessions can be imported from CSV (header required, any order, case-insensitive)::

    trainee, supervisor, date, minutes, format, topics, notes

``date`` is YYYY-MM-DD, ``format`` one of :data:`FORMATS`, ``topics`` separated by ``;``.
Every row is checked before anything is stored; errors name the row and the column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from paratrain.errors import InputError
from paratrain.supervision import schema
from paratrain.supervision.store import Store

FORMATS = ("individual", "group", "observation", "debrief")
COLUMNS = ("trainee", "supervisor", "date", "minutes", "format", "topics", "notes")
REQUIRED = ("trainee", "supervisor", "date", "minutes")
MAX_MINUTES = 8 * 60


@dataclass(frozen=True)
class Session:
    trainee: str
    supervisor: str
    held_on: str
    minutes: int
    format: str = "individual"
    topics: tuple[str, ...] = ()
    notes: str = ""


def check_session(s: Session, where: str = "") -> list[str]:
    """Problems with one session (empty if it is fine)."""
    at = f"{where}, " if where else ""
    out = []
    if not s.trainee.strip():
        out.append(f"{at}column trainee: empty")
    if not s.supervisor.strip():
        out.append(f"{at}column supervisor: empty")
    try:
        if date.fromisoformat(s.held_on) > date.today():
            out.append(f"{at}column date: {s.held_on} is in the future")
    except ValueError:
        out.append(f"{at}column date: '{s.held_on}' is not a date like 2026-03-14")
    if not 1 <= s.minutes <= MAX_MINUTES:
        out.append(f"{at}column minutes: {s.minutes} is not between 1 and {MAX_MINUTES}")
    if s.format not in FORMATS:
        out.append(f"{at}column format: '{s.format}' must be one of {', '.join(FORMATS)}")
    return out


def record_session(
    store: Store,
    course_id: str,
    s: Session,
    *,
    by: str,
    replaces: int | None = None,
    conn: Connection | None = None,
) -> int:
    """Store one session; ``replaces`` names the entry it corrects."""
    problems = check_session(s)
    if not by.strip():
        problems.append("say who is recording (--by)")
    if problems:
        raise InputError("; ".join(problems))
    return store.add(
        schema.supervision_session,
        {
            "course": course_id,
            "trainee": s.trainee.strip(),
            "supervisor": s.supervisor.strip(),
            "held_on": s.held_on,
            "minutes": s.minutes,
            "format": s.format,
            "topics": [t.strip() for t in s.topics if t.strip()],
            "notes": s.notes.strip(),
            "replaces": replaces,
            "voided": False,
            "recorded_by": by.strip(),
        },
        conn=conn,
    )


def void_session(store: Store, course_id: str, session_id: int, *, by: str, note: str) -> int:
    """Mark an entry as entered by mistake (a new entry; the old one stays)."""
    t = schema.supervision_session
    old = store.rows(t, t.c.course == course_id, t.c.id == session_id)
    if not old:
        raise InputError(f"there is no supervision session {session_id} in this course")
    if not note.strip():
        raise InputError("voiding a session needs a note saying why")
    o = old[0]
    return store.add(
        t,
        {
            "course": course_id,
            "trainee": o["trainee"],
            "supervisor": o["supervisor"],
            "held_on": o["held_on"],
            "minutes": 0,
            "format": o["format"],
            "topics": [],
            "notes": note.strip(),
            "replaces": session_id,
            "voided": True,
            "recorded_by": by.strip(),
        },
    )


def parse_sessions_csv(text: str, path: str | Path = "<sessions>") -> list[Session]:
    """Parse and check a sessions CSV; InputError lists every bad row and column."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"the header is missing column(s): {', '.join(missing)}",
            path=path,
            hint=f"the first line must name the columns: {','.join(COLUMNS)}",
        )
    reader.fieldnames = header
    sessions, problems = [], []
    for n, row in enumerate(reader, start=2):
        v = {k: (row.get(k) or "").strip() for k in COLUMNS}
        if not any(v.values()):
            continue
        try:
            minutes = int(v["minutes"])
        except ValueError:
            problems.append(f"row {n}, column minutes: '{v['minutes']}' is not a whole number")
            continue
        s = Session(
            v["trainee"],
            v["supervisor"],
            v["date"],
            minutes,
            v["format"].lower() or "individual",
            tuple(t.strip() for t in v["topics"].split(";") if t.strip()),
            v["notes"],
        )
        problems += check_session(s, f"row {n}")
        sessions.append(s)
    if problems:
        raise InputError(
            f"{len(problems)} problem(s); nothing was imported:\n  " + "\n  ".join(problems),
            path=path,
            hint="fix the rows listed and import the whole file again",
        )
    return sessions


def import_sessions(store: Store, course_id: str, path: str | Path, *, by: str) -> list[int]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file ({exc})", path=p) from None
    sessions = parse_sessions_csv(text, p)
    with store.transaction() as conn:  # all rows or none
        return [record_session(store, course_id, s, by=by, conn=conn) for s in sessions]


def current_sessions(store: Store, course_id: str) -> list[dict[str, Any]]:
    """Entries that count: not replaced by a later entry and not voided."""
    t = schema.supervision_session
    rows = store.rows(t, t.c.course == course_id)
    replaced = {r["replaces"] for r in rows if r["replaces"] is not None}
    return [r for r in rows if r["id"] not in replaced and not r["voided"]]
