"""``paratrain demo``: a complete fictional cohort through the real nbgrader cycle.

The steps, in order (each needs the one before; :data:`STEPS` numbers them for the progress
lines): build the course from the repository and add the people, release every assignment,
let each scripted trainee fetch, play and submit through the real exchange, collect,
autograde, generate and release feedback, then raise flags, write the report and set up
JupyterLab for a trainee and a supervisor.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from paratrain.atomic import atomic_write_text
from paratrain.cohort import lifecycle
from paratrain.cohort.course import Course, init_course
from paratrain.cohort.grade import grade
from paratrain.cohort.people import import_roster
from paratrain.cohort.roster import Person, to_csv
from paratrain.cohort.simulate import do_assignment
from paratrain.cohort.status import cohort_status
from paratrain.demo.lab import (
    LabCommand,
    lab_command,
    trainee_nbgrader_config,
    write_lab_config,
)
from paratrain.demo.people import COURSE_ID, SHOWN_TRAINEE, SUPERVISORS, TRAINEES
from paratrain.demo.summary import DemoSummary
from paratrain.repo import find_repo
from paratrain.reports import write_cohort_report
from paratrain.supervision.flags import SEVERITY_WORD, list_flags, raise_flags
from paratrain.supervision.store import open_store

STEPS = (
    "creating the course",
    "releasing",
    "trainees fetch, play and submit",
    "collecting",
    "autograding in parallel",
    "generating and releasing feedback",
    "flags, the supervisor report and JupyterLab",
)
REVIEW_NOTEBOOK = Path("supervisor") / "review.ipynb"


def run_demo(
    root: Path,
    *,
    seed: int = 7,
    repo: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    emit = progress or (lambda _m: None)
    done = iter(range(1, len(STEPS) + 1))

    def step(detail: str = "") -> None:
        i = next(done)
        emit(f"[{i}/{len(STEPS)}] {STEPS[i - 1]}" + (f": {detail}" if detail else ""))

    root = root.resolve()
    summary = DemoSummary(root)
    if root.exists():
        shutil.rmtree(root)
    repo_path = find_repo(repo)
    step(f"'{COURSE_ID}' from {repo_path}")
    course = init_course(root=root / "course", course_id=COURSE_ID, repo=repo_path)
    summary.course = course
    roster_file = root / "roster.csv"
    roster_file.write_text(
        to_csv(
            [
                *(Person(sid, f, la, f"{sid}@example.org") for sid, f, la, _p in TRAINEES),
                *SUPERVISORS,
            ]
        )
    )
    import_roster(course, roster_file)
    assignments = course.assignments()
    step(f"{len(assignments)} assignment(s)")
    for a in assignments:
        summary.steps.append(lifecycle.release(course, a))
    step(f"{len(TRAINEES)} trainees")
    _trainees_work(course, root, assignments, random.Random(seed), emit)
    step()
    for a in assignments:
        summary.steps.append(lifecycle.collect(course, a))
    step()
    outcomes = grade(
        course,
        assignments,
        progress=lambda o, i, n: emit(
            f"      [{i}/{n}] {o.assignment} {o.student}" + ("" if o.ok else f": {o.problem}")
        ),
    )
    summary.problems += [f"{o.assignment} {o.student}: {o.problem}" for o in outcomes if not o.ok]
    step()
    for a in assignments:
        summary.steps += lifecycle.feedback(course, a)
    summary.scores = lifecycle.scores(course)
    summary.status = cohort_status(course, assignments)
    step()
    summary.flags = _open_flags(course)
    summary.report = write_cohort_report(course.root, root / "report")
    summary.labs = _labs(course, root, repo_path)
    return summary


def _trainees_work(
    course: Course,
    root: Path,
    assignments: list[str],
    rng: random.Random,
    emit: Callable[[str], None],
) -> None:
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
        emit(f"      {sid}: {profile.name}")


def _open_flags(course: Course) -> dict[str, dict[str, int]]:
    """Raise the flags, then count the open ones by type and kind, as the report shows them."""
    store = open_store(course)
    with store:
        raise_flags(course, store=store)
        views = list_flags(store, course.course_id)
    counts = Counter((SEVERITY_WORD[v.flag.severity], v.flag.kind) for v in views)
    out: dict[str, dict[str, int]] = {}
    for (kind_type, kind), n in sorted(counts.items()):
        out.setdefault(kind_type, {})[kind] = n
    return out


def _labs(course: Course, root: Path, repo: Path) -> list[LabCommand]:
    """Jupyter configuration for a trainee's and a supervisor's lab, the trainee homes'
    nbgrader settings, the review notebook beside the course; the commands to open them."""
    for sid, *_rest in TRAINEES:
        home = root / "homes" / sid
        home.mkdir(parents=True, exist_ok=True)
        atomic_write_text(
            home / "nbgrader_config.py",
            trainee_nbgrader_config(
                exchange=course.exchange, course_id=course.course_id, student=sid, home=home
            ),
        )
    trainee_cfg = write_lab_config(root / "jupyter" / "trainee", "trainee")
    supervisor_cfg = write_lab_config(root / "jupyter" / "supervisor", "supervisor")
    review = ""
    if (repo / REVIEW_NOTEBOOK).is_file():
        shutil.copy2(repo / REVIEW_NOTEBOOK, course.root / REVIEW_NOTEBOOK.name)
        review = f"; {REVIEW_NOTEBOOK.name} shows flags, transcripts, ratings and sign-off"
    first = next(f for sid, f, _l, _p in TRAINEES if sid == SHOWN_TRAINEE)
    return [
        LabCommand(
            f"Open JupyterLab as trainee {first} (her assignments; feedback in the "
            "Assignments tab)",
            lab_command(root / "homes" / SHOWN_TRAINEE, trainee_cfg),
        ),
        LabCommand(
            "Open JupyterLab as a supervisor (Nbgrader > Formgrader grades written "
            f"answers{review})",
            lab_command(course.root, supervisor_cfg),
        ),
    ]
