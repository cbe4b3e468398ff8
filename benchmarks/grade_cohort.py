"""Serial ``nbgrader autograde`` against ``paratrain grade`` on the same submissions.

    python -m benchmarks.grade_cohort [--trainees 40] [--assignment m03-crisis-first-contact]

Builds one course from this repository, lets N scripted trainees fetch, play and submit one
assignment through the real exchange, collects, then makes two fresh copies of the course and
grades one with ``nbgrader autograde ASSIGNMENT`` (one command, all students, as a program
would run it) and the other with ``paratrain grade ASSIGNMENT``. Prints both times, the ratio,
and whether every cell score is identical.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from paratrain.cohort import lifecycle
from paratrain.cohort.course import clone_course, init_course
from paratrain.cohort.simulate import Profile, do_assignment

REPO = Path(__file__).resolve().parents[1]
PROFILES = (Profile("strong", 0.95, quiz_accuracy=0.95, writing=0),
            Profile("average", 0.65), Profile("harmful", 0.4, harmful=True, writing=2),
            Profile("struggling", 0.3, quiz_accuracy=0.5, writing=2))


def build(folder: Path, assignment: str, n: int, seed: int = 11) -> object:
    course = init_course(root=folder / "course", course_id="bench", repo=REPO,
                         assignments=[assignment])
    rel = lifecycle.release(course, assignment)
    if not rel.ok:
        raise SystemExit(f"release failed:\n{rel.log}")
    rng = random.Random(seed)
    for i in range(n):
        sid = f"t{i:03d}"
        home = folder / "homes" / sid
        work = lifecycle.fetch_as(course, sid, assignment, home)
        do_assignment(work, course.keys / assignment, PROFILES[i % len(PROFILES)], rng)
        lifecycle.submit_as(course, sid, assignment, home)
    lifecycle.collect(course, assignment)
    return course


def timed(cmd: list[str], cwd: Path) -> float:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep
           + os.environ.get("PATH", "")}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed


def cell_scores(course: object) -> dict[tuple[str, str], float]:
    return {(r["student"], c): v for r in lifecycle.scores(course)  # type: ignore[arg-type]
            for c, v in r["cells"].items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, default=40)
    ap.add_argument("--assignment", default="m03-crisis-first-contact")
    ap.add_argument("--workers", type=int, default=None, help="paratrain grade --workers")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    bindir = Path(sys.executable).parent
    os.environ["PATH"] = str(bindir) + os.pathsep + os.environ.get("PATH", "")  # alembic
    with tempfile.TemporaryDirectory(prefix="paratrain-bench-") as tmp:
        base = Path(tmp)
        t0 = time.perf_counter()
        course = build(base / "built", args.assignment, args.trainees)
        setup = time.perf_counter() - t0
        serial = clone_course(course, base / "serial")  # type: ignore[arg-type]
        ours = clone_course(course, base / "ours")  # type: ignore[arg-type]
        t_serial = timed([str(bindir / "nbgrader"), "autograde", args.assignment],
                         serial.root)
        workers = ["--workers", str(args.workers)] if args.workers else []
        t_ours = timed([str(bindir / "paratrain"), "grade", args.assignment, "--course",
                        str(ours.root), *workers], ours.root)
        a, b = cell_scores(serial), cell_scores(ours)
        n = len({s for s, _ in a})
        res = {"submissions": n, "cells": len(a), "setup_s": round(setup, 1),
               "nbgrader_autograde_s": round(t_serial, 1), "paratrain_grade_s": round(t_ours, 1),
               "ratio": round(t_serial / t_ours, 2), "identical_scores": a == b,
               "cores": os.cpu_count()}
        shutil.rmtree(base, ignore_errors=True)
    if args.json:
        print(json.dumps(res))
    else:
        print(f"{res['submissions']} submissions ({res['cells']} graded cells), "
              f"{res['cores']} cores\n"
              f"  nbgrader autograde (serial): {res['nbgrader_autograde_s']} s\n"
              f"  paratrain grade            : {res['paratrain_grade_s']} s\n"
              f"  ratio: {res['ratio']}x; identical scores: {res['identical_scores']}")
    sys.exit(0 if res["identical_scores"] else 1)


if __name__ == "__main__":
    main()
