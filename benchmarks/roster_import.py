"""Roster import: one commit per student (nbgrader's ``update_or_create_student``, what
paratrain did before) against ``paratrain roster import`` (one transaction), same rows.

    python -m benchmarks.roster_import [--rows 1000 10000 50000] [--json]

For each size it writes a roster CSV of N trainees, then in the same run (the machine may be
shared: compare the ratio, not the seconds):

* ``per-student commits``: a fresh gradebook, ``Gradebook.update_or_create_student`` for each
  trainee, as ``import_roster`` did before it was batched (in-process, no start-up);
* ``paratrain (library)``: ``paratrain.cohort.people.import_roster`` into a fresh course;
* ``paratrain roster import``: the real command in a new process (start-up included).

Each starts from an existing, empty gradebook (creating one runs ``alembic heads`` once).
Every run checks that the gradebook ends with N students and the roster file with N rows.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from paratrain.cohort.people import import_roster, list_people
from paratrain.course.folder import Course
from paratrain.course.manifest import Manifest, write_manifest


def roster_csv(path: Path, n: int) -> Path:
    lines = ["id,first_name,last_name,email,role"]
    lines += [f"t{i:06d},First{i},Last{i},t{i:06d}@example.org,trainee" for i in range(n)]
    path.write_text("\n".join(lines) + "\n")
    return path


def new_course(root: Path) -> Course:
    root.mkdir(parents=True)
    course = Course(root, "bench", root / "exchange", f"sqlite:///{root / 'gradebook.db'}")
    write_manifest(root, Manifest(course.course_id, course.exchange, course.db_url))
    from nbgrader.api import Gradebook

    # a new gradebook runs `alembic heads` once (seconds); both sides start from an existing one
    Gradebook(course.db_url, course_id=course.course_id).close()
    return course


def students_in(course: Course) -> int:
    with sqlite3.connect(course.root / "gradebook.db") as conn:
        return int(conn.execute("SELECT COUNT(*) FROM student").fetchone()[0])


def per_student_commits(course: Course, csv: Path) -> float:
    from nbgrader.api import Gradebook

    from paratrain.course.roster import read_roster, trainees

    t0 = time.perf_counter()
    people = trainees(read_roster(csv))
    with Gradebook(course.db_url, course_id=course.course_id) as gb:
        for p in people:
            gb.update_or_create_student(
                p.id, first_name=p.first_name, last_name=p.last_name, email=p.email or None
            )
    return time.perf_counter() - t0


def library(course: Course, csv: Path) -> float:
    t0 = time.perf_counter()
    import_roster(course, csv)
    return time.perf_counter() - t0


def command(course: Course, csv: Path) -> float:
    exe = Path(sys.executable).parent / "paratrain"
    t0 = time.perf_counter()
    subprocess.run(
        [str(exe), "roster", "import", str(csv), "--course", str(course.root)],
        check=True,
        capture_output=True,
        env=os.environ.copy(),
    )
    return time.perf_counter() - t0


def measure(base: Path, n: int, *, before: bool) -> dict[str, object]:
    csv = roster_csv(base / f"roster-{n}.csv", n)
    row: dict[str, object] = {"rows": n}
    if before:
        old = new_course(base / f"old-{n}")
        row["per_student_commits_s"] = round(per_student_commits(old, csv), 2)
        assert students_in(old) == n
    lib = new_course(base / f"lib-{n}")
    row["library_s"] = round(library(lib, csv), 2)
    cli = new_course(base / f"cli-{n}")
    row["command_s"] = round(command(cli, csv), 2)
    for c in (lib, cli):
        assert students_in(c) == n and len(list_people(c)) == n, "import lost rows"
    if before:
        row["ratio_library"] = round(
            float(row["per_student_commits_s"])  # type: ignore[arg-type]
            / float(row["library_s"]),
            1,
        )  # type: ignore[arg-type]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument(
        "--no-before",
        action="store_true",
        help="skip the per-student-commit run (it takes minutes at 50,000)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="paratrain-roster-") as tmp:
        rows = [measure(Path(tmp), n, before=not args.no_before) for n in args.rows]
    if args.json:
        print(json.dumps(rows))
        return
    print(f"{os.cpu_count()} cores (shared machine: compare ratios measured in the same run)")
    print(
        f"{'rows':>7} {'per-student commits':>20} {'paratrain (library)':>20} "
        f"{'paratrain roster import':>24} {'ratio':>7}"
    )
    for r in rows:
        before = f"{r['per_student_commits_s']} s" if "per_student_commits_s" in r else "-"
        ratio = f"{r['ratio_library']}x" if "ratio_library" in r else "-"
        print(
            f"{r['rows']:>7} {before:>20} {str(r['library_s']) + ' s':>20} "
            f"{str(r['command_s']) + ' s':>24} {ratio:>7}"
        )


if __name__ == "__main__":
    main()
