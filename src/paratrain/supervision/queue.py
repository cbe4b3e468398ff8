"""The review queue: submissions to review, assigned to a supervisor, escalated, resolved.

An item's state is the result of its events, oldest first::

    (new) ──assigned──> assigned ──escalated──> escalated ──resolved──> resolved
              ^  │                    │                        ^
              │  └──────resolved──────┼────────────────────────┘
              └────────assigned───────┘   (a lead can hand it back)

``escalated`` hands the item to a lead (named as the new assignee) with a note saying why.
``resolved`` needs a note. A resolved item can be re-opened by assigning it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from paratrain.errors import InputError
from paratrain.supervision import schema
from paratrain.supervision.store import Store

ACTIONS = ("assigned", "escalated", "resolved", "note")


@dataclass(frozen=True)
class QueueItem:
    id: int
    course: str
    student: str
    assignment: str
    subject: str
    created_at: datetime
    state: str  # new | assigned | escalated | resolved
    assignee: str
    events: tuple[dict[str, Any], ...]


def add_item(
    store: Store,
    course_id: str,
    *,
    student: str,
    assignment: str,
    subject: str,
    by: str,
    assignee: str = "",
) -> int:
    """Put a submission in the queue (optionally assigned at once)."""
    if not by.strip():
        raise InputError("say who is adding the item (--by)")
    with store.transaction() as conn:
        item = store.add(
            schema.queue_item,
            {
                "course": course_id,
                "student": student,
                "assignment": assignment,
                "subject": subject.strip() or f"review {student} / {assignment}",
                "created_by": by.strip(),
            },
            conn=conn,
        )
        if assignee.strip():
            store.add(
                schema.queue_event,
                {
                    "item_id": item,
                    "action": "assigned",
                    "assignee": assignee.strip(),
                    "note": "",
                    "actor": by.strip(),
                },
                conn=conn,
            )
    return item


def _fold(row: dict[str, Any], events: list[dict[str, Any]]) -> QueueItem:
    state, assignee = "new", ""
    for ev in events:
        if ev["action"] in ("assigned", "escalated"):
            state, assignee = ev["action"], ev["assignee"]
        elif ev["action"] == "resolved":
            state = "resolved"
    return QueueItem(
        row["id"],
        row["course"],
        row["student"],
        row["assignment"],
        row["subject"],
        row["created_at"],
        state,
        assignee,
        tuple(events),
    )


def items(
    store: Store, course_id: str, *, assignee: str | None = None, include_resolved: bool = False
) -> list[QueueItem]:
    """Queue items, oldest first; only those of ``assignee`` if given."""
    t, e = schema.queue_item, schema.queue_event
    rows = store.rows(t, t.c.course == course_id)
    events: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for ev in store.rows(e, e.c.item_id.in_([r["id"] for r in rows])):
            events.setdefault(ev["item_id"], []).append(ev)
    out = [_fold(r, events.get(r["id"], [])) for r in rows]
    return [
        i
        for i in out
        if (include_resolved or i.state != "resolved")
        and (assignee is None or i.assignee == assignee)
    ]


def _event(
    store: Store,
    course_id: str,
    item_id: int,
    action: str,
    *,
    by: str,
    assignee: str = "",
    note: str = "",
) -> QueueItem:
    if not by.strip():
        raise InputError("say who you are (--by)")
    found = [i for i in items(store, course_id, include_resolved=True) if i.id == item_id]
    if not found:
        raise InputError(
            f"there is no queue item {item_id} in this course",
            hint="see 'paratrain review queue list'",
        )
    store.add(
        schema.queue_event,
        {
            "item_id": item_id,
            "action": action,
            "assignee": assignee.strip(),
            "note": note.strip(),
            "actor": by.strip(),
        },
    )
    return next(i for i in items(store, course_id, include_resolved=True) if i.id == item_id)


def assign(
    store: Store, course_id: str, item_id: int, to: str, *, by: str, note: str = ""
) -> QueueItem:
    if not to.strip():
        raise InputError("assign to whom? (--to)")
    return _event(store, course_id, item_id, "assigned", by=by, assignee=to, note=note)


def escalate(
    store: Store, course_id: str, item_id: int, to: str, *, by: str, note: str
) -> QueueItem:
    """Hand an item to a lead, with a note saying why."""
    if not to.strip() or not note.strip():
        raise InputError("escalating needs the lead's name (--to) and a note saying why")
    return _event(store, course_id, item_id, "escalated", by=by, assignee=to, note=note)


def resolve(store: Store, course_id: str, item_id: int, *, by: str, note: str) -> QueueItem:
    if not note.strip():
        raise InputError("resolving needs a note saying what was decided")
    return _event(store, course_id, item_id, "resolved", by=by, note=note)
