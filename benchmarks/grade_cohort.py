"""Serial ``nbgrader autograde`` against ``paratrain grade`` on the same submissions.

    python -m benchmarks.grade_cohort [--trainees 40 200 1000] [--assignment ID]
    python -m benchmarks.grade_cohort --profile [--trainees 40]

For each size, builds one course from this repository, lets N scripted trainees fetch, play
and submit one assignment through the real exchange (the second half after the due date,
with nbgrader's ``penalty_method = "zero"``), collects, then grades fresh copies of the course:
``paratrain grade ASSIGNMENT``, then ``nbgrader autograde ASSIGNMENT`` (one command, all
students, as a program would run it), then ``paratrain grade`` again. Prints seconds per
submission for both, the ratio (nbgrader over the mean of paratrain's two runs), and whether
everything autograding decides is identical (:func:`paratrain.course.gradebook.grading_state`:
every cell's scores and flags, every comment, late penalty, timestamp and total). The peer is
skipped at a size where its run, estimated from the previous size, would take more than
``--peer-limit`` seconds (20 minutes). ``--cache DIR`` keeps the built courses.

``--profile`` instead prints where the time goes per submission, for serial nbgrader and for
one paratrain worker (:mod:`benchmarks.grade_profile`).

The machine may be shared with other work: compare the ratio, measured in the same run.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paratrain.cohort import lifecycle
from paratrain.cohort.simulate import Profile, do_assignment
from paratrain.course import gradebook
from paratrain.course.create import clone_course, init_course
from paratrain.course.folder import Course

REPO = Path(__file__).resolve().parents[1]
PROFILES = (
    Profile("strong", 0.95, quiz_accuracy=0.95, writing=0),
    Profile("average", 0.65),
    Profile("harmful", 0.4, harmful=True, writing=2),
    Profile("struggling", 0.3, quiz_accuracy=0.5, writing=2),
)
DEFAULT_ASSIGNMENT = "m04-suicide-risk"


def build(folder: Path, assignment: str, n: int, seed: int = 11) -> Course:
    """N trainees submit; the due date falls after the first half, so the second half is
    late, and late work scores zero (nbgrader's ``penalty_method = "zero"``)."""
    course = init_course(
        root=folder / "course", course_id="bench", repo=REPO, assignments=[assignment]
    )
    with (course.root / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
        fh.write('c.LateSubmissionPlugin.penalty_method = "zero"\n')
    rel = lifecycle.release(course, assignment)
    if not rel.ok:
        raise SystemExit(f"release failed:\n{rel.log}")
    rng = random.Random(seed)
    for i in range(n):
        if i == n // 2:
            gradebook.set_due_date(course, assignment, datetime.now(UTC))
        sid = f"t{i:04d}"
        home = folder / "homes" / sid
        work = lifecycle.fetch_as(course, sid, assignment, home)
        do_assignment(work, course.keys / assignment, PROFILES[i % len(PROFILES)], rng, trainee=sid)
        lifecycle.submit_as(course, sid, assignment, home)
        shutil.rmtree(home)
    lifecycle.collect(course, assignment)
    return course


def timed(cmd: list[str], cwd: Path) -> float:
    env = {
        **os.environ,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed


def built(cache: Path | None, base: Path, assignment: str, n: int) -> Course:
    """A course with N collected submissions; kept in ``cache`` (and reused) if given."""
    from paratrain.course.folder import open_course

    if cache is None:
        return build(base / "built", assignment, n)
    folder = cache / f"{assignment}-{n}"
    if not (folder / "course" / "paratrain.json").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        build(folder, assignment, n)
    return open_course(folder / "course")


def one_size(
    base: Path,
    assignment: str,
    n: int,
    workers: int | None,
    run_peer: bool,
    cache: Path | None = None,
) -> dict[str, Any]:
    """Grade one size. With the peer, paratrain runs right before and right after serial
    nbgrader (each on its own copy), and the ratio is nbgrader's time over the mean of the
    two, so load from other work on a shared machine weighs on both sides alike."""
    t0 = time.perf_counter()
    course = built(cache, base, assignment, n)
    res: dict[str, Any] = {
        "trainees": n,
        "setup_s": round(time.perf_counter() - t0, 1),
        "submissions": len(course.submitted(assignment)),
    }
    bindir = Path(sys.executable).parent
    opt = ["--workers", str(workers)] if workers else []

    def ours(name: str) -> tuple[Course, float]:
        copy = clone_course(course, base / name)
        return copy, timed(
            [str(bindir / "paratrain"), "grade", assignment, "--course", str(copy.root), *opt],
            copy.root,
        )

    first, t_first = ours("ours-before")
    runs = [t_first]
    if run_peer:
        serial = clone_course(course, base / "serial")
        t_serial = timed([str(bindir / "nbgrader"), "autograde", assignment], serial.root)
        runs.append(ours("ours-after")[1])
        res["nbgrader_s"] = round(t_serial, 1)
        res["nbgrader_s_per_submission"] = round(t_serial / res["submissions"], 3)
    t_ours = sum(runs) / len(runs)
    res["paratrain_runs_s"] = [round(t, 1) for t in runs]
    res["paratrain_s"] = round(t_ours, 1)
    res["paratrain_s_per_submission"] = round(t_ours / res["submissions"], 3)
    if run_peer:
        a, b = gradebook.grading_state(serial), gradebook.grading_state(first)
        res["ratio"] = round(t_serial / t_ours, 2)
        res["identical"] = a == b
        res["compared_values"] = len(a)
        res["differences"] = [
            f"{k}: {a.get(k)!r} != {b.get(k)!r}"
            for k in sorted(set(a) | set(b))
            if a.get(k) != b.get(k)
        ][:10]
    shutil.rmtree(base, ignore_errors=True)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, nargs="+", default=[40])
    ap.add_argument("--assignment", default=DEFAULT_ASSIGNMENT)
    ap.add_argument("--workers", type=int, default=None, help="paratrain grade --workers")
    ap.add_argument(
        "--peer-limit",
        type=float,
        default=1200.0,
        help="skip nbgrader at a size estimated to take longer (s)",
    )
    ap.add_argument(
        "--profile",
        action="store_true",
        help="where serial nbgrader spends its time, per submission",
    )
    ap.add_argument("--profile-out", type=Path, help="also write the profile as JSON here")
    ap.add_argument(
        "--cache",
        type=Path,
        help="keep built courses here and reuse them (building 1,000 takes a while)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    bindir = Path(sys.executable).parent
    os.environ["PATH"] = str(bindir) + os.pathsep + os.environ.get("PATH", "")  # alembic
    if args.profile:
        from benchmarks.grade_profile import main_profile

        with tempfile.TemporaryDirectory(prefix="paratrain-profile-") as tmp:
            course = built(args.cache, Path(tmp), args.assignment, args.trainees[0])
            if args.cache:
                course = clone_course(course, Path(tmp) / "profiled")
            main_profile(course, args.assignment, args.profile_out)
        return
    results = []
    rate: float | None = None
    for n in args.trainees:
        run_peer = rate is None or rate * n <= args.peer_limit
        with tempfile.TemporaryDirectory(prefix="paratrain-bench-") as tmp:
            res = one_size(Path(tmp), args.assignment, n, args.workers, run_peer, args.cache)
        rate = res.get("nbgrader_s_per_submission", rate)
        results.append(res)
        if not args.json:
            report(res)
    if args.json:
        print(json.dumps({"cores": os.cpu_count(), "load": os.getloadavg(), "results": results}))
    sys.exit(0 if all(r.get("identical", True) for r in results) else 1)


def report(r: dict[str, Any]) -> None:
    print(
        f"{r['submissions']} submissions, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} (shared machine: compare the ratio)"
    )
    if "nbgrader_s" in r:
        print(
            f"  nbgrader autograde (serial): {r['nbgrader_s']} s "
            f"({r['nbgrader_s_per_submission']} s per submission)"
        )
    else:
        print("  nbgrader autograde (serial): skipped (estimated over the peer limit)")
    runs = " and ".join(f"{t} s" for t in r["paratrain_runs_s"])
    print(
        f"  paratrain grade            : {r['paratrain_s']} s "
        f"({r['paratrain_s_per_submission']} s per submission"
        + (
            f"; mean of {runs}, before and after nbgrader)"
            if len(r["paratrain_runs_s"]) > 1
            else ")"
        )
    )
    if "ratio" in r:
        print(
            f"  ratio: {r['ratio']}x; identical scores, comments, late penalties and totals "
            f"({r['compared_values']} values): {r['identical']}"
        )
        for d in r["differences"]:
            print(f"    {d}")


if __name__ == "__main__":
    main()
