"""``paratrain grade``: nbgrader autograde for many submissions at once.

Each worker process imports nbgrader once and autogrades one submission at a time through
nbgrader's own API (the same preprocessors, gradebook and rules as ``nbgrader autograde``), so
scores are identical to a serial run. Kernels are shut down immediately after the last cell
(``Execute.shutdown_kernel = "immediate"``): nothing is left to wait for once the outputs are in.

A submission that breaks (corrupt notebook, hanging cell, dying kernel) is reported and does not
stop the batch: nbgrader scores what it can (a cell that timed out or crashed scores 0); when
nbgrader cannot grade the submission at all, it is listed as failed with nbgrader's reason.
Re-running is safe: nbgrader keeps manual grades when it autogrades again.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path

from paratrain.course.folder import Course, open_course
from paratrain.course.sidecars import RESULTS_DIR, read_results, update_results
from paratrain.grading.zygote import WARM_MODULES

__all__ = ["RESULTS_DIR", "Outcome", "default_workers", "grade", "last_results", "submissions"]


@dataclass(frozen=True)
class Outcome:
    assignment: str
    student: str
    ok: bool
    seconds: float
    problem: str = ""


def default_workers() -> int:
    """Grading waits on kernels and files part of the time; two more workers than cores keep
    the CPUs busy. On 2 cores, 40 submissions: 3 workers 2.84x, 4 workers 3.39x faster than
    serial nbgrader (benchmarks/grade_cohort.py)."""
    return (os.cpu_count() or 1) + 2


# Imported once in the fork server; every worker and every kernel inherits them.
PRELOAD = ["nbgrader.apps", "paratrain.cohort.lifecycle", "paratrain.grading.zygote",
           *WARM_MODULES]


def _worker_init(root: str) -> None:  # pragma: no cover - runs in worker processes
    import logging
    import warnings

    from paratrain.grading.zygote import Zygote

    logging.getLogger("traitlets").setLevel(logging.ERROR)
    # nbgrader 0.9.6's gradebook trips SQLAlchemy 2.1 warnings that do not affect grades
    warnings.filterwarnings("ignore", module=r"nbgrader(\..*)?$")
    Zygote.start()  # fork the kernel zygote while this worker is still single-threaded


def _grade_one(root: str, assignment: str, student: str) -> Outcome:  # pragma: no cover
    import time

    from paratrain.cohort import lifecycle

    t0 = time.perf_counter()
    course = open_course(root)
    try:
        res = lifecycle.autograde(course, assignment, student, fast=True)
    except Exception as exc:  # one submission must never stop the batch
        return Outcome(assignment, student, False, time.perf_counter() - t0,
                       f"{exc.__class__.__name__}: {exc}")
    problem = "" if res.ok else _reason(res.log)
    return Outcome(assignment, student, res.ok, round(time.perf_counter() - t0, 3), problem)


REASONS = (
    (("DeadKernelError", "Kernel died", "kernel died"),
     "the notebook's kernel stopped while running (for example a cell ended the Python "
     "process); the submission could not be graded"),
    (("NotJSONError", "does not appear to be JSON", "Unreadable Notebook", "JSONDecodeError"),
     "the notebook file is corrupt (it is not valid notebook JSON)"),
    (("CellTimeoutError", "timed out"), "a cell ran longer than the course's time limit"),
)


def _reason(log: str) -> str:
    """A plain-words reason from nbgrader's log of a failed autograde."""
    for needles, words in REASONS:
        if any(n in log for n in needles):
            return words
    lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if "Error" in ln or "error" in ln:
            return ln[:300]
    return lines[-1][:300] if lines else "nbgrader could not grade this submission"


def submissions(course: Course, assignments: list[str]) -> list[tuple[str, str]]:
    return [(a, p.parent.name) for a in assignments for p in course.submitted(a)]


def grade(
    course: Course,
    assignments: list[str],
    *,
    workers: int | None = None,
    students: list[str] | None = None,
    progress: Callable[[Outcome, int, int], None] | None = None,
) -> list[Outcome]:
    """Autograde every collected submission of ``assignments`` in parallel."""
    todo = [(a, s) for a, s in submissions(course, assignments)
            if students is None or s in students]
    if not todo:
        return []
    n = max(1, min(workers or default_workers(), len(todo)))
    # forkserver: workers are forked from a clean process that imported nbgrader, ipykernel
    # and paratrain once, so no worker pays nbgrader's ~3 s import again.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_worker_init,
                             initargs=(str(course.root),)) as pool:
        pending: set[Future[Outcome]] = {
            pool.submit(_grade_one, str(course.root), a, s) for a, s in todo}
        meta = {}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                try:
                    out = fut.result()
                except Exception as exc:  # a worker died (e.g. killed by OOM)
                    out = Outcome("?", "?", False, 0.0, f"worker failed: {exc!r}")
                outcomes.append(out)
                meta[(out.assignment, out.student)] = out
                if progress:
                    progress(out, len(outcomes), len(todo))
    _save_results(course, outcomes)
    return sorted(outcomes, key=lambda o: (o.assignment, o.student))


def _save_results(course: Course, outcomes: list[Outcome]) -> None:
    by_assignment: dict[str, dict[str, dict[str, object]]] = {}
    for o in outcomes:
        by_assignment.setdefault(o.assignment, {})[o.student] = asdict(o)
    for a, results in by_assignment.items():
        update_results(course.root, a, results)


def last_results(root: str | Path, assignment: str) -> dict[str, dict[str, object]]:
    """The last grading run's outcome per trainee (see :mod:`paratrain.course.sidecars`)."""
    return read_results(root, assignment)


def profile_in_process(course: Course, assignment: str) -> None:
    """Grade every submission of ``assignment`` one after another in this process, as one
    worker does (for ``benchmarks.grade_profile``; the process must be single-threaded)."""
    _worker_init(str(course.root))
    for a, s in submissions(course, [assignment]):
        _grade_one(str(course.root), a, s)
