"""Competency review and module sign-off.

A supervisor reads a submission, sees the *computed* level of each competency (ENACT-style,
:func:`paratrain.competencies.levels.compute_levels`), and confirms or overrides it
(1 potentially harmful … 4 basic and advanced skills). An override needs a comment. Every
rating is a new store entry with the reviewer, the time and the rubric version it was made
under; the current rating of a competency is each reviewer's newest, and the module's is the
newest of all.

A module is signed off when the criteria of :class:`SignOffPolicy` are met (listed by
:func:`module_status`); a sign-off can be withdrawn, again as a new entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.competencies.levels import LEVEL_NAMES
from paratrain.errors import InputError
from paratrain.errors import SignOffError as SignOffError  # in the errors tree; re-exported here
from paratrain.supervision import schema
from paratrain.supervision.flags import list_flags
from paratrain.supervision.rubrics import CellKey, latest_scores
from paratrain.supervision.store import Store
from paratrain.supervision.submissions import AssignmentPlan, Submission

# Ratings record the scale they were made on: the level definitions of
# paratrain.competencies.levels (ENACT-style, four gated levels).
RATING_SCALE = "paratrain-levels/1"


@dataclass(frozen=True)
class SignOffPolicy:
    """What must be true before a supervisor may sign a module off.

    Attributes
    ----------
    min_level:
        Every competency the module assesses needs a confirmed rating at least this high
        (3 = all basic skills shown).
    no_open_flags:
        No open flag for this trainee and module (harmful choices, identifiers, files, late).
    answers_scored:
        Every written answer with a rubric has been scored with it.
    """

    min_level: int = 3
    no_open_flags: bool = True
    answers_scored: bool = True


@dataclass(frozen=True)
class Criterion:
    name: str
    met: bool
    detail: str = ""


@dataclass(frozen=True)
class ModuleStatus:
    student: str
    assignment: str
    criteria: tuple[Criterion, ...]
    ratings: dict[str, dict[str, Any]] = field(default_factory=dict)
    signed_off: dict[str, Any] | None = None

    @property
    def ready(self) -> bool:
        return all(c.met for c in self.criteria)


def rating_version(sub: Submission) -> str:
    """The scale and the role-play keys a rating was made with."""
    keys = ",".join(sorted(r.scenario_id for r in sub.roleplays))
    return f"{RATING_SCALE};keys={keys}" if keys else RATING_SCALE


def rate(
    store: Store, sub: Submission, competency: str, level: int, *, reviewer: str, comment: str = ""
) -> int:
    """Confirm (same level as computed) or override a competency's level for a submission.

    Raises
    ------
    InputError
        Unknown competency, a level outside 1-4, no reviewer, or an override without comment.
    """
    if competency not in COMPETENCIES:
        raise InputError(
            f"unknown competency '{competency}'",
            hint="see paratrain.competencies.framework for the ids",
        )
    if level not in LEVEL_NAMES:
        raise InputError(
            f"level {level} is not 1-4",
            hint="1 potentially harmful, 2 some basic, 3 all basic, 4 advanced",
        )
    if not reviewer.strip():
        raise InputError("a rating needs the reviewer's name")
    computed = sub.levels.get(competency)
    computed_level = computed.level if computed else None
    if computed_level != level and not comment.strip():
        raise InputError(
            f"{competency}: an override (computed {computed_level or 'none'}, rated {level}) "
            "needs a comment saying why"
        )
    return store.add(
        schema.rating,
        {
            "course": sub.course_id,
            "assignment": sub.assignment,
            "student": sub.student,
            "competency": competency,
            "computed_level": computed_level,
            "level": level,
            "comment": comment.strip(),
            "rubric_version": rating_version(sub),
            "reviewer": reviewer.strip(),
        },
    )


def rating_history(
    store: Store, course_id: str, student: str, assignment: str | None = None
) -> list[dict[str, Any]]:
    t = schema.rating
    where = [t.c.course == course_id, t.c.student == student]
    if assignment:
        where.append(t.c.assignment == assignment)
    return store.rows(t, *where)


def current_ratings(
    store: Store, course_id: str, student: str, assignment: str
) -> dict[str, dict[str, Any]]:
    """The newest rating of each competency (whoever made it)."""
    out: dict[str, dict[str, Any]] = {}
    for r in rating_history(store, course_id, student, assignment):
        out[r["competency"]] = r
    return out


def signoff_history(
    store: Store, course_id: str, student: str, assignment: str | None = None
) -> list[dict[str, Any]]:
    t = schema.signoff
    where = [t.c.course == course_id, t.c.student == student]
    if assignment:
        where.append(t.c.assignment == assignment)
    return store.rows(t, *where)


def current_signoff(
    store: Store, course_id: str, student: str, assignment: str
) -> dict[str, Any] | None:
    rows = signoff_history(store, course_id, student, assignment)
    return rows[-1] if rows and rows[-1]["decision"] == "signed" else None


def module_status(
    store: Store, sub: Submission, plan: AssignmentPlan, policy: SignOffPolicy = SignOffPolicy()
) -> ModuleStatus:
    """Each sign-off criterion, met or not, with what is missing."""
    crit = [
        Criterion(
            "submitted",
            sub.submitted,
            "" if sub.submitted else "no submission in the course folder",
        )
    ]
    ratings = current_ratings(store, sub.course_id, sub.student, sub.assignment)
    needed = list(dict.fromkeys([*plan.assesses, *sub.levels]))
    unrated = [c for c in needed if c not in ratings]
    low = [
        f"{c} ({ratings[c]['level']})"
        for c in needed
        if c in ratings and ratings[c]["level"] < policy.min_level
    ]
    crit.append(
        Criterion(
            "every competency rated by a supervisor",
            not unrated,
            "not yet rated: " + ", ".join(unrated) if unrated else "",
        )
    )
    crit.append(
        Criterion(
            f"every competency at level {policy.min_level} or above",
            not low,
            "below: " + ", ".join(low) if low else "",
        )
    )
    if policy.no_open_flags:
        open_flags = list_flags(
            store, sub.course_id, student=sub.student, assignment=sub.assignment
        )
        crit.append(
            Criterion(
                "no open flags",
                not open_flags,
                f"{len(open_flags)} open flag(s)" if open_flags else "",
            )
        )
    if policy.answers_scored:
        unscored = [
            a.grade_id
            for a in plan.answers
            if a.rubric is not None
            and sub.student
            not in latest_scores(
                store, sub.course_id, CellKey(sub.assignment, a.notebook, a.grade_id)
            )
        ]
        crit.append(
            Criterion(
                "written answers scored with their rubric",
                not unscored,
                "not yet scored: " + ", ".join(unscored) if unscored else "",
            )
        )
    return ModuleStatus(
        sub.student,
        sub.assignment,
        tuple(crit),
        ratings,
        current_signoff(store, sub.course_id, sub.student, sub.assignment),
    )


def sign_off(
    store: Store,
    sub: Submission,
    plan: AssignmentPlan,
    *,
    reviewer: str,
    comment: str = "",
    policy: SignOffPolicy = SignOffPolicy(),
) -> int:
    """Sign a module off for a trainee.

    Raises
    ------
    SignOffError
        If a criterion is not met (the error lists which).
    """
    if not reviewer.strip():
        raise InputError("a sign-off needs the reviewer's name")
    status = module_status(store, sub, plan, policy)
    unmet = [f"{c.name}: {c.detail}" if c.detail else c.name for c in status.criteria if not c.met]
    if unmet:
        raise SignOffError(
            f"{sub.student} / {sub.assignment} cannot be signed off yet",
            unmet=unmet,
            hint="; ".join(unmet),
        )
    return store.add(
        schema.signoff,
        {
            "course": sub.course_id,
            "student": sub.student,
            "assignment": sub.assignment,
            "decision": "signed",
            "comment": comment.strip(),
            "criteria": [vars(c) for c in status.criteria],
            "reviewer": reviewer.strip(),
        },
    )


def withdraw_sign_off(store: Store, sub: Submission, *, reviewer: str, comment: str) -> int:
    """Withdraw a sign-off (a new entry; the sign-off stays in the history)."""
    if not comment.strip() or not reviewer.strip():
        raise InputError("withdrawing a sign-off needs the reviewer's name and a comment")
    if current_signoff(store, sub.course_id, sub.student, sub.assignment) is None:
        raise InputError(f"{sub.student} / {sub.assignment} is not signed off")
    return store.add(
        schema.signoff,
        {
            "course": sub.course_id,
            "student": sub.student,
            "assignment": sub.assignment,
            "decision": "withdrawn",
            "comment": comment.strip(),
            "criteria": [],
            "reviewer": reviewer.strip(),
        },
    )
