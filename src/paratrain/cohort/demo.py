"""``paratrain demo``: a complete fictional cohort through the real nbgrader cycle.

Steps, in order (each needs the one before): build the course from the repository, add the
trainees, release every assignment, let each scripted trainee fetch, play and submit through
the real exchange, collect, autograde, generate and release feedback, then summarise.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paratrain.cohort import lifecycle
from paratrain.cohort.course import Course, init_course
from paratrain.cohort.grade import grade
from paratrain.cohort.people import import_roster
from paratrain.cohort.roster import Person, to_csv
from paratrain.cohort.simulate import Profile, do_assignment
from paratrain.cohort.status import Row, cohort_status
from paratrain.errors import CourseError

COURSE_ID = "riverbend-cohort-1"

# Twelve fictional trainees with different skill profiles.
TRAINEES: tuple[tuple[str, str, str, Profile], ...] = (
    ("amara", "Amara", "Okafor", Profile("strong", 1.0, quiz_accuracy=1.0, writing=0)),
    ("bao", "Bao", "Nguyen", Profile("strong", 0.95, quiz_accuracy=0.95, writing=0)),
    ("carmen", "Carmen", "Ruiz", Profile("average", 0.7, quiz_accuracy=0.8)),
    ("deshawn", "DeShawn", "Miller", Profile("average", 0.6, quiz_accuracy=0.75)),
    ("elif", "Elif", "Demir", Profile("average", 0.75, quiz_accuracy=0.85)),
    ("farah", "Farah", "Haddad", Profile("average", 0.65, quiz_accuracy=0.7, writing=1)),
    ("gus", "Gus", "Lindqvist", Profile("harmful-in-crisis", 0.5, harmful=True,
                                        quiz_accuracy=0.6, writing=2)),
    ("hana", "Hana", "Kim", Profile("average", 0.8, quiz_accuracy=0.8)),
    ("ike", "Ike", "Begay", Profile("late", 0.7, quiz_accuracy=0.8, submits="late")),
    ("jo", "Jo", "Peters", Profile("struggling", 0.3, quiz_accuracy=0.5, writing=2)),
    ("kwame", "Kwame", "Asante", Profile("strong", 0.9, quiz_accuracy=0.9, writing=0)),
    ("lena", "Lena", "Fischer", Profile("never-submits", 0.0, submits="never")),
)


SUPERVISORS = (
    Person("sup-rivera", "Marisol", "Rivera", "sup-rivera@example.org", "supervisor"),
    Person("sup-okoye", "Daniel", "Okoye", "sup-okoye@example.org", "supervisor"),
)


@dataclass
class DemoSummary:
    root: Path
    course: Course | None = None
    steps: list[lifecycle.StepResult] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    status: list[Row] = field(default_factory=list)
    flags: int = 0
    report: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and all(s.ok for s in self.steps)

    def as_dict(self) -> dict[str, Any]:
        return {"root": str(self.root), "ok": self.ok, "scores": self.scores,
                "report": str(self.report), "flags": self.flags,
                "problems": self.problems,
                "failed_steps": [vars(s) for s in self.steps if not s.ok]}

    def as_text(self) -> str:
        lines = ["", f"Demo cohort '{COURSE_ID}' in {self.root}", ""]
        by_student: dict[str, dict[str, Any]] = {}
        assignments = sorted({r["assignment"] for r in self.scores})
        for row in self.scores:
            by_student.setdefault(row["student"], {})[row["assignment"]] = row
        short = {a: a.split("-")[0] for a in assignments}
        width = max((len(f"{r['score']:g}/{r['max_score']:g}") for r in self.scores),
                    default=7)
        width = max(width, *(len(v) for v in short.values())) if short else width
        lines.append("trainee    " + "  ".join(short[a].ljust(width) for a in assignments))
        for sid, _f, _l, _p in TRAINEES:
            cells = []
            for a in assignments:
                r: dict[str, Any] | None = by_student.get(sid, {}).get(a)
                cells.append((f"{r['score']:g}/{r['max_score']:g}" if r else "missing")
                             .ljust(width))
            lines.append(f"{sid:<10} " + "  ".join(cells))
        late_by: dict[str, int] = {}
        for st in self.status:
            if st.late:
                late_by[st.student] = late_by.get(st.student, 0) + 1
        late = [f"{s} ({n} assignment{'s' if n > 1 else ''})" for s, n in sorted(late_by.items())]
        missing = sorted({st.student for st in self.status if st.state == "missing"})
        lines += ["", f"late: {', '.join(late) or 'none'}",
                  f"missing: {', '.join(missing) or 'none'}",
                  "", "assignments: " + "; ".join(f"{short[a]} = {a}" for a in assignments),
                  f"safety flags raised for supervisors: {self.flags}",
                  "", "Written answers wait for a supervisor in the formgrader.",
                  "", "Where things are:",
                  f"  course folder : {self.root / 'course'}",
                  f"  gradebook     : {self.root / 'course' / 'gradebook.db'}",
                  f"  trainee homes : {self.root / 'homes'}",
                  f"  feedback      : {self.root / 'course' / 'feedback'}",
                  f"  report        : {self.report}",
                  "", "Open JupyterLab as a trainee:",
                  f"  cd {self.root / 'homes' / 'amara'} && jupyter lab",
                  "Open the formgrader as a supervisor:",
                  f"  cd {self.root / 'course'} && jupyter lab   (then Nbgrader > Formgrader)",
                  "(as root, add --allow-root to 'jupyter lab'; supervisors review in "
                  "supervisor/review.ipynb)"]
        for p in self.problems:
            lines.append(f"problem: {p}")
        for s in self.steps:
            if not s.ok:
                lines.append(f"failed: {s.step} {s.assignment} {s.student or ''}")
        return "\n".join(lines)


def find_repo(start: Path | None = None) -> Path:
    """The repository root holding curriculum/ and assignments/."""
    here = Path(__file__).resolve()
    for folder in [*(p for p in ([start] if start else [])), Path.cwd(), *here.parents]:
        if (folder / "assignments" / "source").is_dir():
            return folder
    raise CourseError("cannot find the paratrain curriculum (assignments/source)",
                      hint="run from a repository checkout or pass --repo")


def run_demo(root: Path, *, seed: int = 7, repo: Path | None = None,
             progress: Callable[[str], None] | None = None) -> DemoSummary:
    say = progress or (lambda _m: None)
    root = root.resolve()
    summary = DemoSummary(root)
    if root.exists():
        shutil.rmtree(root)
    repo_path = find_repo(repo)
    say(f"[1/6] creating course '{COURSE_ID}' from {repo_path}")
    course = init_course(root=root / "course", course_id=COURSE_ID, repo=repo_path)
    summary.course = course
    roster_file = root / "roster.csv"
    roster_file.write_text(to_csv([*(Person(sid, f, la, f"{sid}@example.org")
                                     for sid, f, la, _p in TRAINEES), *SUPERVISORS]))
    import_roster(course, roster_file)
    assignments = course.assignments()
    say(f"[2/6] releasing {len(assignments)} assignment(s)")
    for a in assignments:
        summary.steps.append(lifecycle.release(course, a))
    rng = random.Random(seed)
    say(f"[3/6] {len(TRAINEES)} trainees fetch, play and submit")
    # late trainees go last: the due date is set just before they submit
    order = sorted(TRAINEES, key=lambda t: t[3].submits == "late")
    due_set = False
    for sid, _first, _last, profile in order:
        if profile.submits == "late" and not due_set:
            due = datetime.now(UTC).isoformat()
            for a in assignments:
                lifecycle.set_due_date(course, a, due)
            due_set = True
        home = root / "homes" / sid
        for a in assignments:
            folder = lifecycle.fetch_as(course, sid, a, home)
            if profile.submits == "never":
                continue
            do_assignment(folder, course.keys / a, profile, rng, trainee=sid)
            lifecycle.submit_as(course, sid, a, home)
        say(f"      {sid}: {profile.name}")
    say("[4/6] collecting submissions")
    for a in assignments:
        summary.steps.append(lifecycle.collect(course, a))
    say("[5/6] autograding in parallel")
    outcomes = grade(course, assignments, progress=lambda o, i, n: say(
        f"      [{i}/{n}] {o.assignment} {o.student}" + ("" if o.ok else f": {o.problem}")))
    summary.problems += [f"{o.assignment} {o.student}: {o.problem}" for o in outcomes
                         if not o.ok]
    say("[6/7] generating and releasing feedback")
    for a in assignments:
        summary.steps += lifecycle.feedback(course, a)
    summary.scores = lifecycle.scores(course)
    summary.status = cohort_status(course, assignments)
    say("[7/7] raising safety flags and writing the supervisor report")
    from paratrain.reports import write_cohort_report
    from paratrain.supervision import raise_flags

    summary.flags = len(raise_flags(course))
    summary.report = write_cohort_report(course.root, root / "report")
    return summary
