"""Safety flags: raised automatically, shown first, resolved only by a person with a note.

A flag says what was found, where, and why it matters. The detectors run in the order of
:data:`DETECTORS` (the most serious first, so a listing reads top-down by urgency):

1. ``harmful-choice``: a potentially harmful response in a graded role-play, with the decision
   point (what the person said) and what the trainee chose: a harmful choice must reach a
   supervisor even when the total score is fine.
2. ``identifying-information``: possible real identifiers in a written answer
   (:mod:`paratrain.supervision.identifiers`); trainees must use fictional cases.
3. ``transcript-tampered`` / ``-foreign`` / ``-corrupt`` / ``-missing`` / ``-mismatch`` /
   ``no-key``: a role-play that could not be scored as played; ``identical-transcripts``: the
   same moves at the same times from two trainees; ``unexpected-file`` / ``changed-file`` /
   ``added-code``: a submission holding what the release did not give
   (:mod:`paratrain.supervision.integrity`).
4. ``late-work`` and ``missing-work``, from the gradebook's due dates and timestamps.

Each flag has a stable ``key`` (kind, assignment, trainee, item), so running
:func:`raise_flags` again after every grading run adds only what is new. Resolving is a new
``flag_event`` with the person's name and note; the flag and its history stay.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paratrain.cohort.course import Course, open_course
from paratrain.course.lateness import effective_due, seconds_late
from paratrain.errors import InputError
from paratrain.supervision import schema
from paratrain.supervision.gradebook import GradebookFrames, read_gradebook
from paratrain.supervision.identifiers import find_identifiers
from paratrain.supervision.integrity import inspect
from paratrain.supervision.store import Store, open_store
from paratrain.supervision.submissions import (
    AssignmentPlan,
    Submission,
    assignment_plan,
    read_submission,
)

SEVERITY = {
    "harmful-choice": 1,
    "identifying-information": 1,
    "transcript-tampered": 2,
    "transcript-foreign": 2,
    "transcript-unwitnessed": 2,
    "identical-transcripts": 2,
    "unexpected-file": 2,
    "changed-file": 2,
    "added-code": 2,
    "transcript-corrupt": 3,
    "transcript-missing": 3,
    "transcript-mismatch": 3,
    "no-key": 3,
    "notebook-corrupt": 3,
    "late-work": 4,
    "missing-work": 4,
}
SEVERITY_WORD = {1: "safety", 2: "integrity", 3: "scoring", 4: "progress"}
TRANSCRIPT_WHY = {
    "missing": "no saved role-play was submitted, so it scored 0",
    "corrupt": "the saved role-play file could not be read, so it scored 0",
    "tampered": "the saved role-play holds moves that are impossible in the scenario (edited "
    "by hand?), so it scored 0",
    "mismatch": "the saved file belongs to another role-play, so it scored 0",
    "foreign": "the transcript belongs to another trainee, so it scored 0",
    "unwitnessed": "the course's witness has no record of these moves, so it scored 0",
    "no-key": "the scoring key was not found, so the role-play could not be scored",
}


@dataclass(frozen=True)
class Flag:
    """A flag as raised (before it is stored)."""

    course: str
    key: str
    kind: str
    reason: str
    assignment: str = ""
    student: str = ""
    notebook: str = ""
    item: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> int:
        return SEVERITY.get(self.kind, 4)


@dataclass(frozen=True)
class FlagView:
    """A stored flag with its status and history."""

    id: int
    flag: Flag
    raised_at: datetime
    status: str  # open | resolved
    events: tuple[dict[str, Any], ...] = ()

    @property
    def resolution(self) -> dict[str, Any] | None:
        done = [e for e in self.events if e["action"] == "resolved"]
        return done[-1] if done and self.status == "resolved" else None


@dataclass
class FlagContext:
    """What the detectors read, loaded once per run."""

    course: Course
    gradebook: GradebookFrames
    plans: dict[str, AssignmentPlan]
    submissions: list[Submission]
    fictional: list[str]
    now: datetime


Detector = Callable[[FlagContext], Iterator[Flag]]


def _key(*parts: str) -> str:
    return "/".join(parts)


def harmful_choices(ctx: FlagContext) -> Iterator[Flag]:
    for sub in ctx.submissions:
        for rp in sub.roleplays:
            for step, undone in [
                *((s, False) for s in rp.steps),
                *((s, True) for s in rp.undone_harmful),
            ]:
                if not step.harmful:
                    continue
                harmed = sorted(c for c, g in step.evidence.items() if g == "harmful")
                how = "tried, then stepped back from," if undone else "chose"
                said = f' after the person said "{step.client}"' if step.client else ""
                yield Flag(
                    sub.course_id,
                    _key(
                        "harmful-choice",
                        sub.assignment,
                        sub.student,
                        rp.scenario_id,
                        step.node,
                        step.choice,
                    ),
                    "harmful-choice",
                    f"Potentially harmful response in the role-play '{rp.title}', decision "
                    f"{step.number} ('{step.node}'): the trainee {how} \"{step.text}\"{said}.",
                    sub.assignment,
                    sub.student,
                    "",
                    rp.scenario_id,
                    {
                        "scenario": rp.scenario_id,
                        "node": step.node,
                        "choice": step.choice,
                        "client": step.client,
                        "text": step.text,
                        "feedback": step.feedback,
                        "competencies": harmed,
                        "decision": step.number,
                        "undone": undone,
                    },
                )


def identifying_information(ctx: FlagContext) -> Iterator[Flag]:
    for sub in ctx.submissions:
        for ans in sub.answers:
            found = find_identifiers(ans.text, fictional=ctx.fictional)
            if not found:
                continue
            kinds = sorted({f.kind for f in found})
            digest = hashlib.sha256(
                "|".join(f"{f.kind}:{f.masked}" for f in found).encode()
            ).hexdigest()[:12]
            yield Flag(
                sub.course_id,
                _key(
                    "identifying-information",
                    sub.assignment,
                    sub.student,
                    ans.spec.grade_id,
                    digest,
                ),
                "identifying-information",
                f"Possible real identifying information ({', '.join(kinds)}) in the written "
                f"answer '{ans.spec.grade_id}'. Trainees must use fictional cases only: check "
                "it, and if it is real, remove it from the submission and talk with the trainee.",
                sub.assignment,
                sub.student,
                ans.spec.notebook,
                ans.spec.grade_id,
                {
                    "findings": [
                        {"kind": f.kind, "masked": f.masked, "why": f.why, "at": f.start}
                        for f in found
                    ]
                },
            )


def transcript_problems(ctx: FlagContext) -> Iterator[Flag]:
    for sub in ctx.submissions:
        for notebook, why in sub.unreadable:
            yield Flag(
                sub.course_id,
                _key("notebook-corrupt", sub.assignment, sub.student, notebook),
                "notebook-corrupt",
                f"The submitted notebook '{notebook}' could not be "
                f"read ({why}); its written answers cannot be reviewed or graded. Ask the "
                "trainee to resubmit, or recover the file.",
                sub.assignment,
                sub.student,
                notebook,
                "",
                {"notebook": notebook, "detail": why},
            )
        for rp in sub.roleplays:
            if rp.problem is None and rp.witness not in ("", "witnessed"):
                yield Flag(
                    sub.course_id,
                    _key("transcript-unwitnessed", sub.assignment, sub.student, rp.scenario_id),
                    "transcript-unwitnessed",
                    f"Role-play '{rp.title}': {rp.witness}. It was scored as saved; "
                    "check with the trainee (the witness may have been down) before "
                    "signing off.",
                    sub.assignment,
                    sub.student,
                    "",
                    rp.scenario_id,
                    {"scenario": rp.scenario_id, "detail": rp.witness},
                )
            if rp.problem is None:
                continue
            kind = "no-key" if rp.problem == "no-key" else f"transcript-{rp.problem}"
            whose = ""
            if rp.problem == "foreign":
                whose = (
                    f" It was made for '{rp.made_for or 'nobody named'}' and submitted by "
                    f"'{sub.student}'."
                )
            yield Flag(
                sub.course_id,
                _key(kind, sub.assignment, sub.student, rp.scenario_id),
                kind,
                f"Role-play '{rp.title}': {TRANSCRIPT_WHY.get(rp.problem, '')} "
                f"({rp.detail}).{whose}",
                sub.assignment,
                sub.student,
                "",
                rp.scenario_id,
                {
                    "scenario": rp.scenario_id,
                    "problem": str(rp.problem),
                    "detail": rp.detail,
                    "file": rp.transcript.name,
                    "made_for": rp.made_for,
                    "submitted_by": sub.student,
                },
            )


def copied_transcripts(ctx: FlagContext) -> Iterator[Flag]:
    """Two trainees handing in the same moves at the same milliseconds did not work alone."""
    seen: dict[tuple[str, str, str], list[str]] = {}
    for sub in ctx.submissions:
        for rp in sub.roleplays:
            if rp.fingerprint:
                seen.setdefault((sub.assignment, rp.scenario_id, rp.fingerprint), []).append(
                    sub.student
                )
    for (assignment, sid, _fp), students in sorted(seen.items()):
        if len(students) < 2:
            continue
        for student in students:
            others = [s for s in students if s != student]
            yield Flag(
                ctx.course.course_id,
                _key("identical-transcripts", assignment, student, sid),
                "identical-transcripts",
                f"Role-play '{sid}': the transcript handed in by '{student}' has exactly "
                f"the same moves at exactly the same times as the one handed in by "
                f"{', '.join(repr(o) for o in others)}. Two people working on their own "
                "never produce that; talk with both trainees.",
                assignment,
                student,
                "",
                sid,
                {"scenario": sid, "same_as": others},
            )


def submission_contents(ctx: FlagContext) -> Iterator[Flag]:
    """Files and code cells in a submission that the released assignment did not hold."""
    for sub in ctx.submissions:
        if sub.folder is None:
            continue
        release = ctx.course.root / "release" / sub.assignment
        # what the trainee handed in: autograde overwrites released files with the source's
        handed = ctx.course.root / "submitted" / sub.student / sub.assignment
        for f in inspect(release, handed):
            what = {
                "unexpected-file": "an extra file",
                "changed-file": "a changed file",
                "added-code": "added code",
            }[f.kind]
            yield Flag(
                sub.course_id,
                _key(f.kind, sub.assignment, sub.student, f.name),
                f.kind,
                f"The submission holds {what}, '{f.name}': {f.why}. No score "
                "depends on it; check whether the trainee tried to change their grade.",
                sub.assignment,
                sub.student,
                f.name if f.name.endswith(".ipynb") else "",
                f.name,
                {"file": f.name, "why": f.why},
            )


def _ago(delta: Any) -> str:
    hours = int(delta.total_seconds() // 3600)
    return f"{hours // 24} day(s) {hours % 24} hour(s)" if hours >= 24 else f"{hours} hour(s)"


def missing_and_late(ctx: FlagContext) -> Iterator[Flag]:
    gb = ctx.gradebook
    subs = {(r.assignment, r.student): r for r in gb.submissions.itertuples()}
    counts = gb.submissions.groupby("assignment").size().to_dict()
    for a in gb.assignments.itertuples():
        due = a.duedate if a.duedate == a.duedate else None  # NaT is not equal to itself
        for s in gb.students.itertuples():
            sub = subs.get((a.assignment, s.student))
            if sub is None:
                if due is not None and ctx.now > due:
                    why = f"not submitted; it was due {due:%Y-%m-%d %H:%M} UTC"
                elif due is None and counts.get(a.assignment, 0) > 0:
                    why = (
                        f"not submitted, while {counts[a.assignment]} other trainee(s) have "
                        "(no due date is set)"
                    )
                else:
                    continue
                yield Flag(
                    ctx.course.course_id,
                    _key("missing-work", a.assignment, s.student),
                    "missing-work",
                    f"Assignment '{a.assignment}' {why}.",
                    a.assignment,
                    s.student,
                    detail={"duedate": None if due is None else str(due)},
                )
                continue
            # one lateness rule for status and flags: due date + extension (nbgrader's)
            ts = sub.timestamp if sub.timestamp == sub.timestamp else None
            extension = sub.extension if sub.extension == sub.extension else None
            limit = effective_due(due, extension)
            if limit is not None and ts is not None and seconds_late(ts, due, extension) > 0:
                yield Flag(
                    ctx.course.course_id,
                    _key("late-work", a.assignment, s.student),
                    "late-work",
                    f"Assignment '{a.assignment}' was submitted "
                    f"{_ago(ts - limit)} after it was due.",
                    a.assignment,
                    s.student,
                    detail={"duedate": str(limit), "submitted": str(ts)},
                )


# Most serious first: harmful choices must be seen before anything else.
DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("harmful choices in role-plays", harmful_choices),
    ("identifying information in answers", identifying_information),
    ("role-play files that could not be scored", transcript_problems),
    ("copied role-plays", copied_transcripts),
    ("files and code a submission should not hold", submission_contents),
    ("missing and late work", missing_and_late),
)


def fictional_text(course: Course) -> list[str]:
    """The course's own fictional material (scenario and quiz files)."""
    texts = []
    for folder in (course.keys, course.source, course.root / "lessons"):
        if folder.is_dir():
            texts += [
                p.read_text(encoding="utf-8", errors="replace")
                for p in sorted(folder.rglob("*.yaml"))
            ]
    return texts


def load_context(course: Course, *, now: datetime | None = None) -> FlagContext:
    gb = read_gradebook(course.db_url, course.course_id)
    plans = {a: assignment_plan(course, a) for a in course.assignments()}
    subs = []
    for a, plan in plans.items():
        for folder in course.submitted(a):
            subs.append(read_submission(course, folder.parent.name, a, plan))
    return FlagContext(course, gb, plans, subs, fictional_text(course), now or datetime.now(UTC))


def detect(ctx: FlagContext) -> list[Flag]:
    """Every flag the detectors find (stored or not), most serious first."""
    out: dict[str, Flag] = {}
    for _name, fn in DETECTORS:
        for f in fn(ctx):
            out.setdefault(f.key, f)
    return list(out.values())


def _row(f: Flag) -> dict[str, Any]:
    return {
        "course": f.course,
        "key": f.key,
        "kind": f.kind,
        "severity": f.severity,
        "assignment": f.assignment,
        "student": f.student,
        "notebook": f.notebook,
        "item": f.item,
        "reason": f.reason,
        "detail": f.detail,
        "raised_by": "paratrain",
    }


def store_flags(store: Store, flags: Iterable[Flag]) -> list[Flag]:
    """Store the flags not stored before; return those."""
    flags = list(flags)
    courses = {f.course for f in flags}
    t = schema.flag
    known = {r["key"] for c in courses for r in store.rows(t, t.c.course == c)}
    new = [f for f in flags if f.key not in known]
    with store.transaction() as conn:
        for f in new:
            store.add(t, _row(f), conn=conn)
    return new


def raise_flags(
    course: Course | str | Path, *, store: Store | None = None, now: datetime | None = None
) -> list[Flag]:
    """Look through a course for everything a supervisor must see; store and return new flags.

    Call it after every grading run (it is cheap to run again: known flags are not repeated).
    ``course`` is a :class:`~paratrain.cohort.course.Course` or a course folder.
    """
    c = course if isinstance(course, Course) else open_course(course)
    own = store is None
    st = store or open_store(c)
    try:
        return store_flags(st, detect(load_context(c, now=now)))
    finally:
        if own:
            st.close()


# --- reading and resolving --------------------------------------------------------------


def _flag_of(r: dict[str, Any]) -> Flag:
    return Flag(
        r["course"],
        r["key"],
        r["kind"],
        r["reason"],
        r["assignment"],
        r["student"],
        r["notebook"],
        r["item"],
        dict(r["detail"] or {}),
    )


def list_flags(
    store: Store,
    course_id: str,
    *,
    status: str | None = "open",
    student: str | None = None,
    assignment: str | None = None,
) -> list[FlagView]:
    """Flags with their status and history: open first, then by severity and age."""
    t, e = schema.flag, schema.flag_event
    where = [t.c.course == course_id]
    if student:
        where.append(t.c.student == student)
    if assignment:
        where.append(t.c.assignment == assignment)
    rows = store.rows(t, *where)
    events: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for ev in store.rows(e, e.c.flag_id.in_([r["id"] for r in rows])):
            events.setdefault(ev["flag_id"], []).append(ev)
    views = []
    for r in rows:
        evs = tuple(events.get(r["id"], []))
        state = "open"
        for ev in evs:
            state = {"resolved": "resolved", "reopened": "open"}.get(ev["action"], state)
        if status is None or state == status:
            views.append(FlagView(r["id"], _flag_of(r), r["created_at"], state, evs))
    return sorted(views, key=lambda v: (v.status != "open", v.flag.severity, v.raised_at, v.id))


def _flag_event(store: Store, flag_id: int, action: str, *, by: str, note: str) -> int:
    if not by.strip():
        raise InputError(f"flag {flag_id}: say who you are (--by)")
    if not note.strip():
        raise InputError(
            f"flag {flag_id}: a note is required", hint="write what you checked and what was done"
        )
    t = schema.flag
    if not store.rows(t, t.c.id == flag_id):
        raise InputError(f"there is no flag {flag_id}", hint="see 'paratrain flags list'")
    return store.add(
        schema.flag_event,
        {"flag_id": flag_id, "action": action, "note": note.strip(), "actor": by.strip()},
    )


def resolve_flag(store: Store, flag_id: int, *, by: str, note: str) -> int:
    """Resolve a flag (a person, with a note saying what was done)."""
    return _flag_event(store, flag_id, "resolved", by=by, note=note)


def reopen_flag(store: Store, flag_id: int, *, by: str, note: str) -> int:
    return _flag_event(store, flag_id, "reopened", by=by, note=note)
