"""``paratrain grade``: nbgrader autograde for many submissions at once.

One long-lived worker process per core (:class:`paratrain.cohort.grade_worker.Worker`) runs
nbgrader's own ``Autograde`` converter in-process, one submission after another, with the
course's configured preprocessors (paratrain's ``Rescore`` right after ``Execute``), nbgrader's
gradebook writes and nbgrader's late-penalty rules, so scores, comments and penalties are those
of serial ``nbgrader autograde``. Workers are forked from a fork server that has imported
nbgrader, ipykernel and paratrain once; every kernel is forked from one warm zygote that the
fork server forked before importing nbgrader (:mod:`paratrain.grading.zygote_preload`). A SQLite
gradebook is in WAL mode while the workers write to it (:mod:`paratrain.course.gradebook_engines`).

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
from dataclasses import asdict
from pathlib import Path

from paratrain.cohort.grade_worker import Outcome, Worker
from paratrain.course.folder import Course
from paratrain.course.sidecars import RESULTS_DIR, read_results, update_results
from paratrain.grading.zygote import ipc_folder, socket_in_environment

__all__ = [
    "RESULTS_DIR",
    "Outcome",
    "default_workers",
    "grade",
    "grade_here",
    "last_results",
    "start_fork_server",
    "submissions",
]


def default_workers() -> int:
    """A worker waits while its kernel starts and runs, and the kernel while nbgrader writes
    the gradebook; one more worker than cores keeps the CPUs busy. On 2 cores, 40
    submissions, nine alternating runs each (2026-12-04, after kernels stopped waiting 100 ms
    to connect): 3 workers 6.81 s, 4 workers 7.17 s on average."""
    return (os.cpu_count() or 1) + 1


# Imported once in the fork server, in this order: the first forks the kernels' shared
# zygote, the second loads what every worker inherits.
PRELOAD = ["paratrain.grading.zygote_preload", "paratrain.cohort.grade_preload"]

_worker: Worker | None = None


def start_fork_server() -> multiprocessing.context.ForkServerContext:
    """Start the fork server the workers come from, if it is not running yet, and return at
    once: it imports nbgrader, ipykernel and paratrain (:mod:`paratrain.cohort.grade_preload`,
    about 2.5 s) in its own process while this one goes on. ``paratrain grade`` calls this
    before anything else, so that import overlaps with the command's own start-up.

    Workers are forked from that clean, single-threaded process, so no worker pays nbgrader's
    import again (and none is forked from this process, whose progress display runs a
    thread)."""
    from multiprocessing import forkserver

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    with socket_in_environment(shared_zygote_path()):  # read by the fork server as it starts
        forkserver.ensure_running()
    return ctx


def shared_zygote_path() -> str:
    """The socket of the kernel zygote shared by this process's grading workers, forked by
    its fork server (:mod:`paratrain.grading.zygote_preload`), in this process's private
    folder (:func:`paratrain.grading.zygote.ipc_folder`)."""
    return str(ipc_folder() / "zygote")


def _start_worker(root: str, zygote: str | None) -> None:  # pragma: no cover - in workers
    global _worker
    _worker = Worker(root, zygote)


def _grade_one(assignment: str, student: str) -> Outcome:  # pragma: no cover - in workers
    assert _worker is not None, "worker not started"
    return _worker.grade(assignment, student)


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
    todo = [
        (a, s) for a, s in submissions(course, assignments) if students is None or s in students
    ]
    if not todo:
        return []
    from paratrain.course.gradebook_engines import sqlite_wal  # SQLAlchemy: after the start

    n = max(1, min(workers or default_workers(), len(todo)))
    ctx = start_fork_server()
    outcomes: list[Outcome] = []
    with (
        sqlite_wal(course.db_url),
        ProcessPoolExecutor(
            max_workers=n,
            mp_context=ctx,
            initializer=_start_worker,
            initargs=(str(course.root), shared_zygote_path()),
        ) as pool,
    ):
        pending: set[Future[Outcome]] = {pool.submit(_grade_one, a, s) for a, s in todo}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                try:
                    out = fut.result()
                except Exception as exc:  # a worker died (e.g. killed by OOM)
                    out = Outcome("?", "?", False, 0.0, f"worker failed: {exc!r}")
                outcomes.append(out)
                if progress:
                    progress(out, len(outcomes), len(todo))
    _save_results(course, outcomes)
    return sorted(outcomes, key=lambda o: (o.assignment, o.student))


def grade_here(
    course: Course, assignments: list[str], worker: Worker | None = None
) -> list[Outcome]:
    """Every submission one after another in this process, as one worker grades them (for
    profiling; make the worker while this process is still single-threaded)."""
    from paratrain.course.gradebook_engines import sqlite_wal

    worker = worker or Worker(str(course.root))
    with sqlite_wal(course.db_url):
        outcomes = [worker.grade(a, s) for a, s in submissions(course, assignments)]
    _save_results(course, outcomes)
    return outcomes


def _save_results(course: Course, outcomes: list[Outcome]) -> None:
    by_assignment: dict[str, dict[str, dict[str, object]]] = {}
    for o in outcomes:
        by_assignment.setdefault(o.assignment, {})[o.student] = asdict(o)
    for a, results in by_assignment.items():
        update_results(course.root, a, results)


def last_results(root: str | Path, assignment: str) -> dict[str, dict[str, object]]:
    """The last grading run's outcome per trainee (see :mod:`paratrain.course.sidecars`)."""
    return read_results(root, assignment)
