"""One long-lived grading worker: nbgrader's ``Autograde`` converter, run in this process.

A worker reads the course's ``nbgrader_config.py`` once (with paratrain's
``c.Autograde.autograde_preprocessors`` pipeline and its ``Rescore``), and then, for every
submission it is given, runs exactly what ``nbgrader autograde --student S ASSIGNMENT`` runs:
a new ``Autograde`` converter over the submission (sanitize, then the configured autograde
preprocessors), with nbgrader's ``force`` and ``create_student`` as ``NbGraderAPI.autograde``
sets them, its log captured by nbgrader's ``capture_log``. What is different is only what a
long-lived process can keep between submissions:

* nbgrader is imported once (in the fork server the workers come from);
* the gradebook's engine and its compiled statements (:mod:`paratrain.course.gradebook_engines`);
* nbgrader's metadata schema, checked to be a valid JSON schema once instead of before every
  cell (``CheckCellMetadata`` still validates every cell's metadata against it);
* the course's keys, parsed and prepared once (:func:`paratrain.grading.zygote.warm_keys`);
* a warm kernel zygote (:mod:`paratrain.grading.zygote`) that forks each notebook's kernel,
  killed right after the last cell (``Execute.shutdown_kernel = "immediate"``);
* the notebook checked against the notebook schema once per stage rather than after every
  preprocessor (nbconvert's ``Exporter.optimistic_validation``).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from paratrain.course.folder import Course, open_course


@dataclass(frozen=True)
class Outcome:
    assignment: str
    student: str
    ok: bool
    seconds: float
    problem: str = ""


REASONS = (
    (
        ("DeadKernelError", "Kernel died", "kernel died"),
        "the notebook's kernel stopped while running (for example a cell ended the Python "
        "process); the submission could not be graded",
    ),
    (
        ("NotJSONError", "does not appear to be JSON", "Unreadable Notebook", "JSONDecodeError"),
        "the notebook file is corrupt (it is not valid notebook JSON)",
    ),
    (("CellTimeoutError", "timed out"), "a cell ran longer than the course's time limit"),
)


def reason(log: str) -> str:
    """A plain-words reason from nbgrader's log of a failed autograde."""
    for needles, words in REASONS:
        if any(n in log for n in needles):
            return words
    lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if "Error" in ln or "error" in ln:
            return ln[:300]
    return lines[-1][:300] if lines else "nbgrader could not grade this submission"


def check_schemas_once() -> None:
    """nbgrader validates each cell's metadata with ``jsonschema.validate``, which first checks
    that nbgrader's own schema is a valid schema, every time (two thirds of
    ``CheckCellMetadata``'s time). Check each schema once; validate every cell as before."""
    import jsonschema  # type: ignore[import-untyped]
    from jsonschema.exceptions import best_match  # type: ignore[import-untyped]
    from jsonschema.validators import validator_for  # type: ignore[import-untyped]
    from nbgrader.nbgraderformat import common

    if getattr(common.jsonschema, "_paratrain_cached", False):
        return
    checked: dict[str, Any] = {}

    def validate(instance: Any, schema: Any, *args: Any, **kwargs: Any) -> None:
        if args or kwargs:
            jsonschema.validate(instance, schema, *args, **kwargs)
            return
        key = json.dumps(schema, sort_keys=True)
        validator = checked.get(key)
        if validator is None:
            cls = validator_for(schema)
            cls.check_schema(schema)
            validator = checked[key] = cls(schema)
        error = best_match(validator.iter_errors(instance))
        if error is not None:
            raise error

    class CachedJsonschema:
        _paratrain_cached = True
        ValidationError = jsonschema.ValidationError

    CachedJsonschema.validate = staticmethod(validate)  # type: ignore[attr-defined]
    common.jsonschema = CachedJsonschema


# Settings paratrain's own grading run adds on top of the course's nbgrader_config.py.
# Outputs are complete before a kernel is shut down, so there is nothing to wait for.
# Kernels are forked from a warm zygote (paratrain.grading.zygote) instead of started cold.
# nbconvert checks the notebook against the notebook schema once, after the last
# preprocessor, instead of after each of the twelve (its ``optimistic_validation`` option).
FAST_GRADING = {
    "Execute": {
        "shutdown_kernel": "immediate",
        "kernel_manager_class": "paratrain.grading.zygote.ForkingKernelManager",
    },
    "Exporter": {"optimistic_validation": True},
}


class Worker:
    """Grades one submission after another with nbgrader's converter (one per process)."""

    def __init__(self, root: str, zygote: str | None = None) -> None:
        """``zygote``: the socket of the kernel zygote the workers share
        (:func:`paratrain.grading.zygote.fork_shared`); without it, or if it cannot be
        reached, the worker forks a zygote of its own (it must still be single-threaded)."""
        import logging
        import warnings

        from nbgrader.coursedir import CourseDirectory
        from traitlets.config import Config

        from paratrain.cohort import lifecycle
        from paratrain.course import gradebook_engines
        from paratrain.grading.zygote import Zygote, warm_keys

        logging.getLogger("traitlets").setLevel(logging.ERROR)
        # nbgrader 0.9.6's gradebook trips SQLAlchemy 2.1 warnings that do not affect grades
        warnings.filterwarnings("ignore", module=r"nbgrader(\..*)?$")
        self.course: Course = open_course(root)
        self.config = lifecycle.nbgrader_config(self.course)  # sets PARATRAIN_COURSE_ROOT
        self.config.merge(Config(FAST_GRADING))
        self.coursedir = CourseDirectory(config=self.config)
        gradebook_engines.share_engines()
        check_schemas_once()
        warm_keys(self.course.keys)  # for Rescore here, and kernels of a zygote forked here
        if zygote:
            try:
                Zygote.connect(zygote, str(self.course.keys))
            except RuntimeError as exc:
                logging.getLogger("paratrain").warning("%s; forking a zygote here", exc)
        Zygote.start()  # a no-op when connected; else forked now, still single-threaded

    def grade(self, assignment: str, student: str) -> Outcome:
        """``nbgrader autograde --student STUDENT ASSIGNMENT --force``, in this process."""
        t0 = time.perf_counter()
        try:
            res = self._autograde(assignment, student)
        except Exception as exc:  # one submission must never stop the batch
            return Outcome(
                assignment,
                student,
                False,
                round(time.perf_counter() - t0, 3),
                f"{exc.__class__.__name__}: {exc}",
            )
        ok = bool(res.get("success"))
        problem = "" if ok else reason((res.get("log") or "") + (res.get("error") or ""))
        return Outcome(assignment, student, ok, round(time.perf_counter() - t0, 3), problem)

    def _autograde(self, assignment: str, student: str) -> dict[str, Any]:
        # What NbGraderAPI.autograde(assignment, student, force=True, create=True) does.
        from nbgrader.converters import Autograde
        from nbgrader.utils import capture_log

        cd = self.coursedir
        old = cd.assignment_id, cd.student_id
        cd.assignment_id, cd.student_id = assignment, student
        try:
            app = Autograde(coursedir=cd, config=self.config)
            app.force = True
            app.create_student = True
            result: dict[str, Any] = capture_log(app)
            return result
        finally:
            cd.assignment_id, cd.student_id = old
