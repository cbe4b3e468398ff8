"""Report at scale: ``paratrain report`` against ``nbgrader export`` on one synthetic gradebook.

    .venv/bin/python -m benchmarks.report_scale [--trainees 2000] [--assignments 24] [--dir D]

Builds an nbgrader 0.9 gradebook (schema created by nbgrader itself; rows bulk-inserted) of
``trainees x assignments`` submissions, each assignment one notebook with a role-play, a quiz
and two written answers (4 graded cells), about 90% submitted and 10% of those late. Then times,
as separate processes from a cold start, on the same gradebook:

* ``nbgrader export --to grades.csv`` (nbgrader's CSV export: one row per submission);
* ``paratrain report COURSE --out DIR`` (HTML report with plots, long and wide CSV exports).

Goal (issue 6): ``paratrain report`` under 10 s and at least 10x faster than nbgrader export.
Prints the figures and writes them as JSON (``--json``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

CELLS = (("score-roleplay", 10.0, "code"), ("score-quiz", 5.0, "code"),
         ("answer-one", 4.0, "markdown"), ("answer-two", 6.0, "markdown"))
COURSE_ID = "scale-cohort"


def _uid() -> str:
    return uuid.uuid4().hex


def build(root: Path, trainees: int, assignments: int, seed: int = 1) -> Path:
    """A paratrain course folder with a synthetic gradebook; returns the course root."""
    from nbgrader.api import Gradebook
    from sqlalchemy import create_engine, text

    course = root / "course"
    if course.exists():
        shutil.rmtree(course)
    course.mkdir(parents=True)
    db_url = f"sqlite:///{course / 'gradebook.db'}"
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.CourseDirectory.root = {str(course)!r}\nc.CourseDirectory.db_url = {db_url!r}\n")
    (course / "paratrain.json").write_text(json.dumps(
        {"course_id": COURSE_ID, "exchange": str(course / "exchange"), "db_url": db_url}))
    with Gradebook(db_url, course_id=COURSE_ID):
        pass  # nbgrader creates its own schema
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 17, 0)
    rows: dict[str, list[dict[str, object]]] = {k: [] for k in (
        "student", "assignment", "notebook", "base_cell", "grade_cells", "solution_cells",
        "submitted_assignment", "submitted_notebook", "grade")}
    for i in range(trainees):
        rows["student"].append({"id": f"t{i:05d}", "first_name": f"First{i}",
                                "last_name": f"Last{i}", "email": f"t{i:05d}@example.org",
                                "lms_user_id": None})
    cells: list[list[tuple[str, str, float, str]]] = []
    for a in range(assignments):
        aid, nid = _uid(), _uid()
        due = start + timedelta(days=7 * a)
        rows["assignment"].append({"id": aid, "name": f"m{a + 1:02d}-module",
                                   "duedate": due, "course_id": COURSE_ID})
        rows["notebook"].append({"id": nid, "name": f"m{a + 1:02d}-module", "assignment_id": aid,
                                 "kernelspec": None})
        these = []
        for name, pts, kind in CELLS:
            cid = _uid()
            rows["base_cell"].append({"id": cid, "name": name, "notebook_id": nid,
                                      "type": "GradeCell"})
            rows["grade_cells"].append({"id": cid, "max_score": pts, "cell_type": kind})
            these.append((cid, name, pts, kind))
        cells.append(these)
        for i in range(trainees):
            if rng.random() > 0.9:
                continue
            late = rng.random() < 0.1
            stamp = due + timedelta(hours=rng.randint(1, 72) if late else -rng.randint(1, 96))
            said, snid = _uid(), _uid()
            rows["submitted_assignment"].append({"id": said, "assignment_id": aid,
                                                 "student_id": f"t{i:05d}", "timestamp": stamp,
                                                 "extension": None})
            rows["submitted_notebook"].append({"id": snid, "assignment_id": said,
                                               "notebook_id": nid, "flagged": False,
                                               "late_submission_penalty": None})
            for cid, _name, pts, kind in these:
                auto = round(rng.random() * pts, 2) if kind == "code" else None
                manual = round(rng.random() * pts, 2) if kind == "markdown" and \
                    rng.random() < 0.7 else None
                rows["grade"].append({"id": _uid(), "notebook_id": snid, "cell_id": cid,
                                      "auto_score": auto, "manual_score": manual,
                                      "extra_credit": None,
                                      "needs_manual_grade": kind == "markdown" and manual is None})
    engine = create_engine(db_url)
    with engine.begin() as conn:
        for table, items in rows.items():
            if not items:
                continue
            cols = list(items[0])
            conn.execute(text(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                              f"({', '.join(':' + c for c in cols)})"), items)
    engine.dispose()
    return course


def _timed(cmd: list[str], cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep
           + os.environ.get("PATH", "")}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=4 * 3600)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return took, proc.stdout


def _report_command(course: Path, out: Path) -> list[str]:
    """``paratrain report`` once it is wired into the CLI; before that, the same handler run
    through paratrain's parser with the supervision commands registered."""
    exe = str(Path(sys.executable).parent / "paratrain")
    probe = subprocess.run([exe, "report", "--help"], capture_output=True, text=True)
    if probe.returncode == 0:
        return [exe, "report", str(course), "--out", str(out)]
    return [sys.executable, "-m", "benchmarks.report_scale", "--run-report", str(course),
            str(out)]


def _run_report(course: str, out: str) -> int:
    from paratrain.cli import build_parser

    args = build_parser().parse_args(["report", course, "--out", out])
    return int(args.func(args))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, default=2000)
    ap.add_argument("--assignments", type=int, default=24)
    ap.add_argument("--dir", default="/tmp/paratrain-report-scale")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--run-report", nargs=2, metavar=("COURSE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run_report:
        return _run_report(*args.run_report)
    root = Path(args.dir)
    # nbgrader runs alembic by name when it creates a gradebook
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
    t0 = time.perf_counter()
    course = build(root, args.trainees, args.assignments)
    built = time.perf_counter() - t0
    repo = Path(__file__).resolve().parents[1]
    ours, _ = _timed(_report_command(course, root / "report"), repo)
    theirs, _ = _timed([str(Path(sys.executable).parent / "nbgrader"), "export", "--to",
                        str(root / "nbgrader-grades.csv")], course)
    result = {"trainees": args.trainees, "assignments": args.assignments,
              "submissions": len((root / "nbgrader-grades.csv").read_text().splitlines()) - 1,
              "build_s": round(built, 1), "paratrain_report_s": round(ours, 2),
              "nbgrader_export_s": round(theirs, 2), "ratio": round(theirs / ours, 1),
              "goal_met": ours < 10 and theirs / ours >= 10}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"gradebook: {args.trainees} trainees x {args.assignments} assignments "
              f"({result['submissions']} submissions), built in {built:.1f} s")
        print(f"paratrain report : {ours:7.2f} s  (HTML report + long and wide CSV)")
        print(f"nbgrader export  : {theirs:7.2f} s  (CSV, one row per submission)")
        print(f"ratio            : {theirs / ours:7.1f}x   goal: < 10 s and >= 10x -> "
              f"{'met' if result['goal_met'] else 'NOT met'}")
    return 0 if result["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
