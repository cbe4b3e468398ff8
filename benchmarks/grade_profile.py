"""Where the time goes per submission, for serial nbgrader and for one paratrain worker
(``python -m benchmarks.grade_cohort --profile``).

Runs nbgrader's own ``Autograde`` converter in this process over every submission of one
assignment (what ``nbgrader autograde ASSIGNMENT`` runs, without its start-up, which is
measured on its own in a fresh process), then, on a copy of the same submissions in a fresh
process, what one of ``paratrain grade``'s workers runs (:mod:`paratrain.cohort.grade_worker`,
after the fork server's preload), with the same timers wrapped around nbgrader's steps:

* the per-submission set-up (``Autograde.init_assignment``: gradebook rows for the student
  and submission, copying the submission's files and the source's files);
* reading and writing the notebook (twice each: nbgrader sanitizes into ``autograded/``
  and then autogrades from there);
* every sanitize and autograde preprocessor, with ``Execute`` split into kernel start,
  ``kernel_info``, cell execution and kernel shutdown;
* every gradebook opened (``Gradebook.__init__``) and committed, wherever it happens;
* file copies and permissions.

Times are inclusive; rows marked "of which" are inside the row above them. "other" is the
wall time no timer saw (globbing, logging, traitlets, nbconvert's exporter). Below each
table: CPU time per submission in the grading process and in its kernels. Both run one
submission at a time, so the tables show cost, not ``paratrain grade``'s parallel speed.
"""

from __future__ import annotations

import functools
import inspect
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Timers:
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    undo: list[Callable[[], None]] = field(default_factory=list)

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        original = owner.__dict__[attr] if attr in owner.__dict__ else getattr(owner, attr)
        func = original.__func__ if isinstance(original, (staticmethod, classmethod)) else original

        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                t0 = time.perf_counter()
                try:
                    return await func(*args, **kwargs)
                finally:
                    self.seconds[name] += time.perf_counter() - t0
                    self.calls[name] += 1

            replacement: Any = timed_async
        else:

            @functools.wraps(func)
            def timed(*args: Any, **kwargs: Any) -> Any:
                t0 = time.perf_counter()
                try:
                    return func(*args, **kwargs)
                finally:
                    self.seconds[name] += time.perf_counter() - t0
                    self.calls[name] += 1

            replacement = timed
        if isinstance(original, staticmethod):
            replacement = staticmethod(replacement)
        setattr(owner, attr, replacement)
        self.undo.append(lambda: setattr(owner, attr, original))

    def restore(self) -> None:
        for fn in reversed(self.undo):
            fn()
        self.undo.clear()


# (row name, indent, how to find it). Order is the order of the table.
def _targets(config: Any) -> list[tuple[str, int, Any, str]]:
    import shutil

    import nbformat
    from nbclient.client import NotebookClient
    from nbconvert.writers import FilesWriter
    from nbgrader import api
    from nbgrader.converters.autograde import Autograde
    from nbgrader.converters.base import BaseConverter

    rows: list[tuple[str, int, Any, str]] = [
        ("set-up per submission (init_assignment)", 0, Autograde, "init_assignment"),
        ("of which: copy files", 1, shutil, "copy"),
        ("read notebook (nbformat.read)", 0, nbformat, "read"),
        ("write notebook (FilesWriter.write)", 0, FilesWriter, "write"),
        ("set permissions", 0, BaseConverter, "set_permissions"),
    ]
    autograde = Autograde(config=config)  # the course's pipeline (with paratrain's Rescore)
    for stage, classes in (
        ("sanitize", autograde.sanitize_preprocessors),
        ("autograde", autograde.autograde_preprocessors),
    ):
        for cls in classes:
            label = f"{stage}: {cls.__name__}"
            rows.append((label, 0, cls, "preprocess"))
            if cls.__name__ == "Execute":
                rows += [
                    ("of which: kernel start", 1, NotebookClient, "start_new_kernel"),
                    ("of which: kernel client", 1, NotebookClient, "start_new_kernel_client"),
                    ("of which: kernel_info", 1, NotebookClient, "wait_for_reply"),
                    ("of which: cells", 1, NotebookClient, "execute_cell"),
                    ("of which: kernel shutdown", 1, NotebookClient, "_cleanup_kernel"),
                ]
    from nbgrader.apps.api import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    rows += [
        ("driver: read nbgrader_config.py", 0, PyFileConfigLoader, "load_config"),
        ("driver: NbGraderAPI()", 0, NbGraderAPI, "__init__"),
        ("gradebook opens (anywhere)", 0, api.Gradebook, "__init__"),
        ("gradebook commits (anywhere)", 0, api.scoped_session, "commit"),
    ]
    return rows


@contextmanager
def instrumented(config: Any) -> Iterator[tuple[Timers, list[tuple[str, int]]]]:
    timers = Timers()
    layout: list[tuple[str, int]] = []
    seen: set[tuple[int, str]] = set()
    for name, indent, owner, attr in _targets(config):
        key = (id(owner), attr)
        layout.append((name, indent))
        if key in seen:  # the same class in both stages (CheckCellMetadata): counted once,
            layout[-1] = (f"{name} (counted in sanitize)", indent)  # in the first row
            continue
        seen.add(key)
        timers.wrap(owner, attr, name)
    try:
        yield timers, layout
    finally:
        timers.restore()


def startup_seconds(module: str) -> float:
    """What a run pays once before it grades anything: importing ``module`` in a fresh
    process (nbgrader's app for one ``nbgrader`` command; the fork server's preload for
    ``paratrain grade``)."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
    return time.perf_counter() - t0


def _nbgrader_serial(course: Any, assignment: str) -> Callable[[], None]:
    from paratrain.cohort import lifecycle

    def run() -> None:
        nbg = lifecycle.api(course)
        with lifecycle._quiet():
            res = nbg.autograde(assignment, "*")
        if not res.get("success"):
            raise SystemExit(f"autograde failed:\n{res.get('log', '')[-3000:]}")

    return run


def _paratrain_one_process(course: Any, assignment: str) -> Callable[[], None]:
    """paratrain's grading worker for every submission, one after another in this process
    (what each of ``paratrain grade``'s workers does), so its steps can be timed the same
    way. The worker is made first, so the timers wrap what it has set up."""
    from paratrain.cohort import grade
    from paratrain.cohort.grade_worker import Worker

    worker = Worker(str(course.root))

    def run() -> None:
        outcomes = grade.grade_here(course, [assignment], worker)
        failed = [o for o in outcomes if not o.ok]
        if failed:
            raise SystemExit(f"paratrain could not grade {len(failed)}: {failed[:3]}")

    return run


DRIVERS = {
    "nbgrader": (_nbgrader_serial, "nbgrader.apps.nbgraderapp"),
    "paratrain": (_paratrain_one_process, "paratrain.cohort.grade_preload"),
}


def _cpu() -> tuple[float, float]:
    import resource

    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def profile_serial(course: Any, assignment: str, driver: str = "nbgrader") -> dict[str, Any]:
    """Autograde every submission in-process under the timers; per-submission table."""
    import logging

    from paratrain.cohort import lifecycle

    n = len(course.submitted(assignment))
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    make, startup_module = DRIVERS[driver]
    run = make(course, assignment)
    with instrumented(lifecycle.nbgrader_config(course)) as (timers, layout):
        cpu0 = _cpu()
        t0 = time.perf_counter()
        run()
        wall = time.perf_counter() - t0
    if driver == "paratrain":
        from paratrain.grading.zygote import Zygote

        Zygote.get().close()  # waits for it, so its kernels' CPU time is counted
    cpu1 = _cpu()
    start = startup_seconds(startup_module)
    rows = []
    top = 0.0
    for name, indent in layout:
        s = timers.seconds.get(name, 0.0)
        if indent == 0 and not name.startswith(("gradebook opens", "gradebook commits")):
            top += s
        rows.append(
            {
                "step": name,
                "indent": indent,
                "seconds": round(s, 3),
                "calls": timers.calls.get(name, 0),
                "ms_per_submission": round(1000 * s / n, 1),
                "pct": round(100 * s / wall, 1),
            }
        )
    rows.append(
        {
            "step": "other (exporter, traitlets, globbing, logging)",
            "indent": 0,
            "seconds": round(wall - top, 3),
            "calls": 0,
            "ms_per_submission": round(1000 * (wall - top) / n, 1),
            "pct": round(100 * (wall - top) / wall, 1),
        }
    )
    once = {
        "nbgrader": "process start-up of one nbgrader command (once per run)",
        "paratrain": "fork server's preload (once per run, before the workers)",
    }[driver]
    rows.append(
        {
            "step": once,
            "indent": 0,
            "seconds": round(start, 3),
            "calls": 1,
            "ms_per_submission": round(1000 * start / n, 1),
            "pct": None,
        }
    )
    return {
        "driver": driver,
        "submissions": n,
        "wall_s": round(wall, 2),
        "rows": rows,
        "cpu_ms_per_submission": {
            "grading process": round(1000 * (cpu1[0] - cpu0[0]) / n, 1),
            "kernels (child processes)": round(1000 * (cpu1[1] - cpu0[1]) / n, 1),
        },
    }


def print_table(prof: dict[str, Any]) -> None:
    n, wall = prof["submissions"], prof["wall_s"]
    what = {
        "nbgrader": "serial nbgrader autograde, in-process",
        "paratrain": "paratrain's grading worker, one process",
    }[prof["driver"]]
    print(f"{what}, {n} submissions, {wall} s ({1000 * wall / n:.0f} ms per submission)")
    print(f"| {'step':<58} | {'calls':>6} | {'ms/submission':>13} | {'% of wall':>9} |")
    print(f"|{'-' * 60}|{'-' * 8}|{'-' * 15}|{'-' * 11}|")
    for r in prof["rows"]:
        step = ("  " * r["indent"]) + r["step"]
        pct = "" if r["pct"] is None else f"{r['pct']:.1f}"
        print(f"| {step:<58} | {r['calls']:>6} | {r['ms_per_submission']:>13.1f} | {pct:>9} |")
    cpu = prof["cpu_ms_per_submission"]
    print("CPU per submission: " + ", ".join(f"{k} {v:.0f} ms" for k, v in cpu.items()))


def main_profile(course: Any, assignment: str, out: Path | None = None) -> list[dict[str, Any]]:
    """Both drivers on two copies of the same submissions; paratrain's in a fresh process
    (its kernel zygote must be forked while the process is single-threaded)."""
    import json

    from paratrain.course.create import clone_course

    ours = clone_course(course, course.root.parent / "profile-paratrain")
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.grade_profile", str(ours.root), assignment],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"paratrain profile failed:\n{proc.stderr[-3000:]}")
    profs = [profile_serial(course, assignment), json.loads(proc.stdout.splitlines()[-1])]
    print(
        f"python -m benchmarks.grade_cohort --profile: {assignment}, "
        f"{profs[0]['submissions']} submissions, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} (a shared machine: compare within a table)\n"
    )
    for prof in profs:
        print_table(prof)
        print()
    if out is not None:
        out.write_text(json.dumps(profs, indent=1) + "\n")
    return profs


if __name__ == "__main__":
    import json

    import paratrain.cohort.grade_preload  # noqa: F401 - what the fork server has loaded
    from paratrain.course.folder import open_course

    print(json.dumps(profile_serial(open_course(sys.argv[1]), sys.argv[2], "paratrain")))
