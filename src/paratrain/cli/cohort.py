"""The cohort commands of ``paratrain``: course, roster, release, collect, grade, feedback,
status. Thin adapters over keyword-only library functions; imports are lazy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from paratrain.cli.defaults import library_default
from paratrain.cli.output import out
from paratrain.cli.progress import Steps

COURSE_HELP = "the course folder (default: the current folder)"


def _course(args: argparse.Namespace) -> Any:
    from paratrain.cohort.course import open_course

    return open_course(args.course)


def _assignments(course: Any, names: list[str]) -> list[str]:
    from paratrain.errors import CourseError

    known = course.assignments()
    if not names or names == ["all"]:
        return list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise CourseError(
            f"unknown assignment(s): {', '.join(unknown)}",
            hint=f"this course has: {', '.join(known) or 'none'}",
        )
    return names


# --- handlers --------------------------------------------------------------------------------


def cmd_course_init(args: argparse.Namespace) -> int:
    from paratrain.cohort.course import init_course
    from paratrain.repo import find_repo

    course = init_course(
        root=args.course,
        course_id=args.id,
        repo=Path(args.repo) if args.repo else find_repo(),
        assignments=args.assignment or None,
        exchange=args.exchange,
        db_url=args.db_url,
        timeout=args.timeout,
    )
    out(
        args,
        {
            "root": str(course.root),
            "course_id": course.course_id,
            "assignments": course.assignments(),
            "exchange": str(course.exchange),
            "db_url": course.db_url,
        },
        f"course '{course.course_id}' ready in {course.root}\n"
        f"  assignments: {', '.join(course.assignments())}\n"
        f"  exchange:    {course.exchange}\n  gradebook:   {course.db_url}",
    )
    return 0


def cmd_roster_import(args: argparse.Namespace) -> int:
    from paratrain.cohort.people import import_roster

    people = import_roster(_course(args), args.file)
    n_t = sum(p.role == "trainee" for p in people)
    out(
        args,
        [vars(p) for p in people],
        f"imported {len(people)} people ({n_t} trainees, {len(people) - n_t} supervisors)",
    )
    return 0


def cmd_roster_list(args: argparse.Namespace) -> int:
    from paratrain.cohort.people import list_people

    people = list_people(_course(args))
    lines = [f"{p.id:<16} {p.role:<10} {p.name:<28} {p.email}" for p in people]
    out(args, [vars(p) for p in people], "\n".join(lines) or "no one on the roster yet")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from paratrain.cohort import lifecycle

    course = _course(args)
    names = _assignments(course, args.assignments)
    results = []
    with Steps(args, "releasing", total=len(names)) as steps:
        for i, a in enumerate(names, 1):
            if args.due:
                lifecycle.set_due_date(course, a, args.due)
            results.append(lifecycle.release(course, a))
            steps(i, len(names), f"{a}: {'released' if results[-1].ok else 'FAILED'}")
    failed = [r for r in results if not r.ok]
    out(
        args,
        [vars(r) for r in results],
        "\n".join(f"{'released' if r.ok else 'FAILED'}: {r.assignment}" for r in results)
        + "".join(f"\n{r.log}" for r in failed),
    )
    return 1 if failed else 0


def cmd_collect(args: argparse.Namespace) -> int:
    from paratrain.cohort import lifecycle

    course = _course(args)
    names = _assignments(course, args.assignments)
    results = []
    with Steps(args, "collecting", total=len(names)) as steps:
        for i, a in enumerate(names, 1):
            results.append(lifecycle.collect(course, a))
            steps(i, len(names), f"{a}: {'collected' if results[-1].ok else 'FAILED'}")
    lines = [
        f"{r.assignment}: {len(course.submitted(r.assignment))} submission(s) collected"
        if r.ok
        else f"{r.assignment}: collect FAILED\n{r.log}"
        for r in results
    ]
    out(args, [vars(r) for r in results], "\n".join(lines))
    return 0 if all(r.ok for r in results) else 1


def cmd_grade(args: argparse.Namespace) -> int:
    from paratrain.cohort.grade import grade, start_fork_server

    start_fork_server()  # its imports run on the other core while this command starts up
    # what the safety flags need after grading (pandas reads the gradebook), imported now,
    # while the fork server leaves this core free, rather than after the last submission
    import pandas  # noqa: F401

    from paratrain.supervision import raise_flags

    course = _course(args)
    with Steps(args, "grading") as steps:

        def show(o: Any, i: int, n: int) -> None:
            steps(
                i, n, f"{o.assignment} {o.student}: " + ("ok" if o.ok else f"FAILED ({o.problem})")
            )
            if not o.ok and steps.terminal:
                steps.say(f"{o.assignment} {o.student}: FAILED ({o.problem})")

        outcomes = grade(
            course,
            _assignments(course, args.assignments),
            workers=args.workers,
            students=args.student or None,
            progress=show,
        )
    flags = raise_flags(course)
    failed = [o for o in outcomes if not o.ok]
    text = (
        f"graded {len(outcomes) - len(failed)} of {len(outcomes)} submission(s); "
        f"{len(flags)} new safety flag(s) for supervisors ('paratrain flags list')"
    )
    if failed:
        text += "; these could not be graded and are flagged for a supervisor:\n" + "\n".join(
            f"  {o.assignment} {o.student}: {o.problem}" for o in failed
        )
    out(args, [vars(o) for o in outcomes], text)
    return 1 if failed else 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from paratrain.cohort import lifecycle

    course = _course(args)
    names = _assignments(course, args.assignments)
    results = []
    with Steps(args, "feedback", total=len(names)) as steps:
        for i, a in enumerate(names, 1):
            done = lifecycle.feedback(course, a)
            results += done
            steps(
                i,
                len(names),
                f"{a}: " + ("generated and released" if all(r.ok for r in done) else "FAILED"),
            )
    out(
        args,
        [vars(r) for r in results],
        "\n".join(f"{r.step} {r.assignment}: {'ok' if r.ok else 'FAILED'}" for r in results),
    )
    return 0 if all(r.ok for r in results) else 1


def cmd_status(args: argparse.Namespace) -> int:
    from paratrain.cohort.status import cohort_status

    course = _course(args)
    rows = cohort_status(course, _assignments(course, args.assignments))
    lines = [f"{'assignment':<30} {'trainee':<14} {'state':<15} {'late':<5} score"]
    for r in rows:
        score = "" if r.score is None else f"{r.score:g}/{r.max_score:g}"
        lines.append(
            f"{r.assignment:<30} {r.student:<14} {r.state:<15} "
            f"{'late' if r.late else '':<5} {score}"
        )
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.state] = counts.get(r.state, 0) + 1
    lines.append(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    out(args, [r.as_dict() for r in rows], "\n".join(lines))
    return 0


# --- parser ----------------------------------------------------------------------------------


def register(sub: Any) -> None:
    def common(p: argparse.ArgumentParser, *, assignments: bool = True) -> None:
        p.add_argument("--course", default=".", help=COURSE_HELP)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        if assignments:
            p.add_argument(
                "assignments",
                nargs="*",
                metavar="ASSIGNMENT",
                help="one or more assignment ids, or 'all' (default: all)",
            )

    course = sub.add_parser("course", help="create a cohort's nbgrader course")
    cs = course.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    init = cs.add_parser("init", help="create or update a course from the curriculum")
    common(init, assignments=False)
    init.add_argument("--id", required=True, help="course id, e.g. riverbend-2027-spring")
    init.add_argument(
        "--repo",
        help="repository with curriculum/ and assignments/ "
        "(default: the current folder or the nearest one above it)",
    )
    init.add_argument("--assignment", action="append", help="only this assignment (repeat)")
    init.add_argument("--exchange", help="nbgrader exchange folder (default: COURSE/exchange)")
    init.add_argument(
        "--db-url",
        help="gradebook URL (default: SQLite in the course folder; "
        "postgresql+psycopg://... for PostgreSQL)",
    )
    init.add_argument(
        "--timeout",
        type=int,
        default=library_default("paratrain.cohort.course:init_course", "timeout"),
        help="seconds a cell may run when grading (default: %(default)s)",
    )
    init.set_defaults(func=cmd_course_init)

    roster = sub.add_parser("roster", help="the people in a cohort")
    rs = roster.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    imp = rs.add_parser("import", help="import a roster CSV (all rows or none)")
    imp.add_argument("file", help="CSV with columns id,first_name,last_name,email,role")
    common(imp, assignments=False)
    imp.set_defaults(func=cmd_roster_import)
    ls = rs.add_parser("list", help="list trainees and supervisors")
    common(ls, assignments=False)
    ls.set_defaults(func=cmd_roster_list)

    rel = sub.add_parser("release", help="generate and release assignments to trainees")
    common(rel)
    rel.add_argument("--due", help="due date, e.g. 2027-03-01T17:00:00+00:00")
    rel.set_defaults(func=cmd_release)
    col = sub.add_parser("collect", help="collect submitted assignments")
    common(col)
    col.set_defaults(func=cmd_collect)
    gr = sub.add_parser("grade", help="autograde collected submissions in parallel")
    common(gr)
    gr.add_argument("--workers", type=int, help="parallel workers (default: cores + 1)")
    gr.add_argument("--student", action="append", help="only this trainee (repeat)")
    gr.set_defaults(func=cmd_grade)
    fb = sub.add_parser("feedback", help="generate and release feedback")
    common(fb)
    fb.set_defaults(func=cmd_feedback)
    st = sub.add_parser("status", help="who submitted what, late, missing, graded")
    common(st)
    st.set_defaults(func=cmd_status)
