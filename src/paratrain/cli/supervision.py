"""The supervision and report commands of ``paratrain``.

``register(subparsers)`` adds ``report``, ``flags``, ``review``, ``calibrate`` and
``supervision-log``. The library is imported inside each handler (``paratrain --help`` stays
fast), ``--json`` gives machine-readable output, and exit codes are 0 success, 1 the command
ran and found problems (open safety flags, a sign-off refused), 2 bad usage or input (the
library's errors, reported by :func:`paratrain.cli.main`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from paratrain.cli.defaults import library_default, settings
from paratrain.cli.output import out
from paratrain.cli.progress import Steps

if TYPE_CHECKING:
    from paratrain.cohort.course import Course
    from paratrain.supervision.store import Store


def _open(args: argparse.Namespace) -> tuple[Course, Store]:
    from paratrain.cohort.course import open_course
    from paratrain.supervision.store import default_url, open_store

    course = open_course(args.course)
    return course, open_store(course, args.store or default_url(course, settings(args)))


def _by(args: argparse.Namespace) -> str:
    """Who is acting: --by, else the JupyterHub user. Never guessed from the OS account."""
    from paratrain.errors import InputError

    who = (args.by or settings(args).hub_user or "").strip()
    if not who:
        raise InputError("say who you are with --by NAME (it is recorded with the entry)")
    return who


def _submission(course: Course, args: argparse.Namespace) -> Any:
    from paratrain.supervision.submissions import assignment_plan, read_submission

    plan = assignment_plan(course, args.assignment)
    return read_submission(course, args.student, args.assignment, plan), plan


# --- report -----------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    from paratrain.errors import NothingToReportError

    try:
        return _report(args)
    except NothingToReportError as exc:  # not a fault: the command ran and had nothing to write
        out(
            args,
            {"nothing_to_report": exc.message, "next": exc.hint},
            f"{exc.message}\nnext: {exc.hint}",
        )
        return 1


def _report(args: argparse.Namespace) -> int:
    from paratrain.reports.api import write_report, write_trainee_record

    course, store = _open(args)
    with store:
        if args.trainee:
            path = write_trainee_record(course, args.trainee, args.out, store=store)
            out(args, {"record": str(path)}, f"wrote {path}")
            return 0
        with Steps(args, "report") as steps:
            files = write_report(
                course,
                args.out,
                store=store,
                csv=not args.no_csv,
                records=args.records,
                progress=steps,
            )
    data = {
        "html": str(files.html),
        "csv": {k: str(v) for k, v in files.csv.items()},
        "records": [str(p) for p in files.records],
    }
    lines = [f"wrote {files.html}", *(f"wrote {p}" for p in files.csv.values())]
    if files.records:
        lines.append(f"wrote {len(files.records)} trainee record(s) in {files.records[0].parent}")
    out(args, data, "\n".join(lines))
    return 0


# --- flags ------------------------------------------------------------------------------


def _flag_dict(v: Any) -> dict[str, Any]:
    return {
        "id": v.id,
        "kind": v.flag.kind,
        "severity": v.flag.severity,
        "status": v.status,
        "student": v.flag.student,
        "assignment": v.flag.assignment,
        "item": v.flag.item,
        "reason": v.flag.reason,
        "detail": v.flag.detail,
        "raised_at": v.raised_at,
        "events": list(v.events),
    }


def cmd_flags_raise(args: argparse.Namespace) -> int:
    from paratrain.supervision.flags import list_flags, raise_flags

    course, store = _open(args)
    with store:
        new = raise_flags(course, store=store)
        still = list_flags(store, course.course_id)
    safety = [v for v in still if v.flag.severity == 1]
    out(
        args,
        {"new": [vars(f) for f in new], "open": len(still), "open_safety": len(safety)},
        f"{len(new)} new flag(s); {len(still)} open, {len(safety)} of them safety flags",
    )
    return 1 if safety else 0


def cmd_flags_list(args: argparse.Namespace) -> int:
    from paratrain.supervision.flags import SEVERITY_WORD, list_flags

    course, store = _open(args)
    with store:
        views = list_flags(
            store,
            course.course_id,
            status=None if args.all else "open",
            student=args.student,
            assignment=args.assignment,
        )
    lines = [
        f"#{v.id:<4} {SEVERITY_WORD[v.flag.severity]:<9} {v.status:<8} "
        f"{v.flag.student or '-':<12} {v.flag.reason}"
        for v in views
    ]
    lines.append(f"{len(views)} flag(s)")
    out(args, [_flag_dict(v) for v in views], "\n".join(lines))
    return 0


def cmd_flags_resolve(args: argparse.Namespace) -> int:
    from paratrain.supervision.flags import reopen_flag, resolve_flag

    _course, store = _open(args)
    with store:
        fn = reopen_flag if args.reopen else resolve_flag
        event = fn(store, args.flag_id, by=_by(args), note=args.note)
    verb = "reopened" if args.reopen else "resolved"
    out(args, {"flag": args.flag_id, "event": event, "action": verb}, f"flag {args.flag_id} {verb}")
    return 0


# --- review -----------------------------------------------------------------------------


def cmd_review_status(args: argparse.Namespace) -> int:
    from paratrain.competencies.levels import LEVEL_NAMES
    from paratrain.supervision.reviews import module_status

    course, store = _open(args)
    with store:
        sub, plan = _submission(course, args)
        status = module_status(store, sub, plan)
    lines = [
        f"{args.student} / {args.assignment}: "
        + (
            "signed off"
            if status.signed_off
            else "ready to sign off"
            if status.ready
            else "not ready to sign off"
        )
    ]
    for comp, lv in sub.levels.items():
        r = status.ratings.get(comp)
        rated = f"rated {r['level']} by {r['reviewer']}" if r else "not yet rated"
        lines.append(f"  {comp:<28} computed {lv.level} ({LEVEL_NAMES[lv.level]}); {rated}")
    lines += [
        f"  [{'x' if c.met else ' '}] {c.name}" + (f": {c.detail}" if c.detail else "")
        for c in status.criteria
    ]
    data = {
        "student": args.student,
        "assignment": args.assignment,
        "ready": status.ready,
        "signed_off": status.signed_off,
        "computed": {c: lv.level for c, lv in sub.levels.items()},
        "ratings": status.ratings,
        "criteria": [vars(c) for c in status.criteria],
    }
    out(args, data, "\n".join(lines))
    return 0


def cmd_review_rate(args: argparse.Namespace) -> int:
    from paratrain.supervision.reviews import rate

    course, store = _open(args)
    with store:
        sub, _plan = _submission(course, args)
        rid = rate(
            store, sub, args.competency, args.level, reviewer=_by(args), comment=args.comment
        )
    out(args, {"rating": rid}, f"rating {rid} saved: {args.competency} = {args.level}")
    return 0


def cmd_review_signoff(args: argparse.Namespace) -> int:
    from paratrain.supervision.reviews import SignOffError, sign_off, withdraw_sign_off

    course, store = _open(args)
    with store:
        sub, plan = _submission(course, args)
        try:
            if args.withdraw:
                sid = withdraw_sign_off(store, sub, reviewer=_by(args), comment=args.comment)
            else:
                sid = sign_off(store, sub, plan, reviewer=_by(args), comment=args.comment)
        except SignOffError as exc:
            out(
                args,
                {"signed": False, "unmet": exc.unmet},
                f"not signed off: {exc.message}\n" + "\n".join(f"  - {u}" for u in exc.unmet),
            )
            return 1
    word = "withdrawn" if args.withdraw else "signed off"
    out(
        args,
        {"signed": not args.withdraw, "entry": sid},
        f"{args.student} / {args.assignment} {word}",
    )
    return 0


def cmd_review_rubrics_sync(args: argparse.Namespace) -> int:
    from paratrain.supervision.rubrics import sync_rubrics

    course, store = _open(args)
    with store:
        changed = sync_rubrics(
            store, course, actor=args.by or "paratrain", write_back=not args.no_write_back
        )
    out(
        args,
        [vars(k) for k in changed],
        f"{len(changed)} rubric(s) stored or changed"
        + "".join(f"\n  {k.assignment}/{k.notebook}: {k.grade_id}" for k in changed),
    )
    return 0


def _cell(course: Course, assignment: str, answer: str) -> tuple[Any, float]:
    from paratrain.errors import InputError
    from paratrain.supervision.rubrics import CellKey
    from paratrain.supervision.submissions import assignment_plan

    for spec in assignment_plan(course, assignment).answers:
        if spec.grade_id == answer:
            return CellKey(assignment, spec.notebook, spec.grade_id), spec.points
    raise InputError(f"assignment '{assignment}' has no written answer '{answer}'")


def cmd_review_rubric_update(args: argparse.Namespace) -> int:
    from paratrain.supervision.rubrics import adopt_rubric, read_rubric_file

    course, store = _open(args)
    with store:
        key, points = _cell(course, args.assignment, args.answer)
        rubric = read_rubric_file(args.file)
        done = adopt_rubric(
            store,
            course,
            key,
            rubric,
            actor=_by(args),
            source=args.file,
            cell_points=points,
            write_back=not args.no_write_back,
        )
    text = (
        f"rubric {rubric.version} adopted; {len(done.rescored)} total(s) re-computed"
        if done.adopted
        else "this rubric is already the current version; nothing changed"
    )
    out(
        args,
        {"adopted": done.adopted, "version": rubric.version, "rescored": list(done.rescored)},
        text,
    )
    return 0


def cmd_review_score(args: argparse.Namespace) -> int:
    from paratrain.errors import InputError
    from paratrain.supervision.rubrics import parse_mark, score_answer

    marks = {}
    for m in args.mark:
        crit, sep, value = m.partition("=")
        if not sep:
            raise InputError(f"--mark '{m}' must look like CRITERION=met|partly|not-met")
        marks[crit.strip()] = parse_mark(value)
    course, store = _open(args)
    with store:
        key, _points = _cell(course, args.assignment, args.answer)
        row = score_answer(
            store,
            course,
            key,
            args.student,
            marks,
            reviewer=_by(args),
            comment=args.comment,
            write_back=not args.no_write_back,
        )
    out(args, row, f"{args.answer}: {row['total']:g} of {row['max_total']:g} points saved")
    return 0


def cmd_queue(args: argparse.Namespace) -> int:
    from paratrain.supervision import queue

    course, store = _open(args)
    cid = course.course_id
    with store:
        if args.action == "list":
            found = queue.items(store, cid, assignee=args.to, include_resolved=args.all)
            lines = [
                f"#{i.id:<4} {i.state:<10} {i.assignee or '-':<12} {i.student} / "
                f"{i.assignment}: {i.subject}"
                for i in found
            ]
            out(args, [vars(i) for i in found], "\n".join([*lines, f"{len(found)} item(s)"]))
            return 0
        if args.action == "add":
            item_id = queue.add_item(
                store,
                cid,
                student=args.student,
                assignment=args.assignment,
                subject=args.subject or "",
                by=_by(args),
                assignee=args.to or "",
            )
            out(args, {"item": item_id}, f"queue item {item_id} added")
            return 0
        if args.item is None:
            raise _usage(f"queue {args.action} needs an item id")
        if args.action == "assign":
            item = queue.assign(
                store, cid, args.item, args.to or "", by=_by(args), note=args.note or ""
            )
        elif args.action == "escalate":
            item = queue.escalate(
                store, cid, args.item, args.to or "", by=_by(args), note=args.note or ""
            )
        else:
            item = queue.resolve(store, cid, args.item, by=_by(args), note=args.note or "")
    out(args, vars(item), f"queue item {item.id}: {item.state} ({item.assignee or '-'})")
    return 0


def _usage(message: str) -> Exception:
    from paratrain.errors import InputError

    return InputError(message)


# --- calibrate --------------------------------------------------------------------------


def cmd_calibrate(args: argparse.Namespace) -> int:
    from paratrain.supervision.agreement import (
        TARGET,
        agreement,
        disagreements,
        rater_summary,
        ratings_frame,
    )

    course, store = _open(args)
    with store:
        ratings = ratings_frame(store, course.course_id)
    results = agreement(ratings)
    far = disagreements(ratings, spread=args.spread)
    raters = rater_summary(ratings)

    def f(v: float | None) -> str:
        return "  n/a" if v is None else f"{v:5.2f}"

    lines = [f"{'competency':<28} raters items  ICC(A,1) [95% CI]      kappa(w)  exact"]
    for a in results:
        ci = f"[{f(a.icc_low)}, {f(a.icc_high)}]" if a.icc is not None else " " * 14
        lines.append(
            f"{a.competency:<28} {len(a.raters):>6} {a.complete_items:>5}  "
            f"{f(a.icc)}   {ci}  {f(a.kappa)}    {f(a.exact)}" + (f"  ({a.note})" if a.note else "")
        )
    if not results:
        lines.append("no competency was rated by two or more supervisors on the same items")
    lines.append(f"target after rater training: ICC {TARGET[0]}-{TARGET[1]} (ENACT)")
    if not far.empty:
        lines.append("\nitems to discuss:")
        lines += [f"  {r.item} · {r.competency}: {r.ratings} ({r.why})" for r in far.itertuples()]
    if not raters.empty:
        lines.append("\nraters (vs_others > 0: rates higher than colleagues):")
        lines += [
            f"  {r.rater:<14} {r.ratings:>4} ratings, mean {r.mean_level:.2f}, "
            f"vs others {r.vs_others:+.2f}"
            for r in raters.itertuples()
        ]
    out(
        args,
        {
            "agreement": [a.as_dict() for a in results],
            "disagreements": far.to_dict("records"),
            "raters": raters.to_dict("records"),
        },
        "\n".join(lines),
    )
    return 0


# --- supervision log --------------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    from paratrain.supervision import sessions as log

    course, store = _open(args)
    cid = course.course_id
    with store:
        if args.action == "add":
            if not args.trainee:
                raise _usage("supervision-log add needs --trainee (once per trainee)")
            ids = [
                log.record_session(
                    store,
                    cid,
                    log.Session(
                        t,
                        args.supervisor,
                        args.date,
                        args.minutes,
                        args.format,
                        tuple(args.topic),
                        args.notes,
                    ),
                    by=_by(args),
                )
                for t in args.trainee
            ]
            out(args, {"entries": ids}, f"{len(ids)} session entr(y/ies) saved")
            return 0
        if args.action == "import":
            if not args.file:
                raise _usage("supervision-log import needs --file SESSIONS.csv")
            ids = log.import_sessions(store, cid, args.file, by=_by(args))
            out(args, {"entries": ids}, f"{len(ids)} session(s) imported from {args.file}")
            return 0
        if args.action == "void":
            if args.session is None:
                raise _usage("supervision-log void needs --session ID")
            vid = log.void_session(store, cid, args.session, by=_by(args), note=args.note)
            out(args, {"entry": vid}, f"session {args.session} voided")
            return 0
        rows = log.current_sessions(store, cid)
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["trainee"]] = totals.get(r["trainee"], 0) + r["minutes"]
    lines = [
        f"#{r['id']:<4} {r['held_on']} {r['trainee']:<12} {r['supervisor']:<12} "
        f"{r['minutes']:>4} min {r['format']:<11} {', '.join(r['topics'])}"
        for r in rows
    ]
    lines += ["", "hours per trainee:"] + [
        f"  {t:<12} {m / 60:6.2f}" for t, m in sorted(totals.items())
    ]
    out(
        args,
        {"sessions": rows, "hours": {t: round(m / 60, 2) for t, m in totals.items()}},
        "\n".join(lines),
    )
    return 0


# --- parser -----------------------------------------------------------------------------


def _common(p: argparse.ArgumentParser, *, by: bool = False) -> None:
    p.add_argument("course", metavar="COURSE", help="the course folder")
    p.add_argument(
        "--store",
        metavar="URL",
        default=None,
        help="supervision store URL (default: SQLite beside the gradebook, or "
        "$PARATRAIN_STORE_URL)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    if by:
        p.add_argument(
            "--by",
            metavar="NAME",
            default=None,
            help="who is acting (recorded; default: $JUPYTERHUB_USER)",
        )


def _who(p: argparse.ArgumentParser) -> None:
    p.add_argument("--student", required=True, help="trainee id")
    p.add_argument("--assignment", required=True, help="assignment id")


def register(subparsers: Any) -> None:
    """Add the supervision and report commands to ``paratrain``'s subparsers."""
    rep = subparsers.add_parser("report", help="cohort report (HTML with plots) and CSV exports")
    _common(rep)
    rep.add_argument(
        "--out", default="reports", metavar="FOLDER", help="where to write (default: ./reports)"
    )
    rep.add_argument("--trainee", metavar="ID", help="write only this trainee's record")
    rep.add_argument(
        "--records", action="store_true", help="also write every trainee's competency record"
    )
    rep.add_argument("--no-csv", action="store_true", help="skip the CSV exports")
    rep.set_defaults(func=cmd_report)

    fl = subparsers.add_parser("flags", help="safety flags: raise, list, resolve")
    fls = fl.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    p = fls.add_parser(
        "raise", help="look for new flags (run after grading); exit 1 if safety flags are open"
    )
    _common(p)
    p.set_defaults(func=cmd_flags_raise)
    p = fls.add_parser("list", help="open flags, most serious first")
    _common(p)
    p.add_argument("--all", action="store_true", help="include resolved flags")
    p.add_argument("--student", default=None)
    p.add_argument("--assignment", default=None)
    p.set_defaults(func=cmd_flags_list)
    p = fls.add_parser("resolve", help="resolve a flag with a note")
    _common(p, by=True)
    p.add_argument("flag_id", type=int, metavar="FLAG")
    p.add_argument("--note", required=True, help="what you checked and what was done")
    p.add_argument("--reopen", action="store_true", help="reopen instead of resolving")
    p.set_defaults(func=cmd_flags_resolve)

    rv = subparsers.add_parser("review", help="competency ratings, sign-off, rubrics, queue")
    rvs = rv.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    p = rvs.add_parser("status", help="computed levels, ratings and sign-off criteria")
    _common(p)
    _who(p)
    p.set_defaults(func=cmd_review_status)
    p = rvs.add_parser("rate", help="confirm or override a competency level")
    _common(p, by=True)
    _who(p)
    p.add_argument("--competency", required=True)
    p.add_argument("--level", type=int, required=True, choices=[1, 2, 3, 4])
    p.add_argument("--comment", default="", help="required when overriding")
    p.set_defaults(func=cmd_review_rate)
    p = rvs.add_parser("signoff", help="sign a module off (exit 1 if criteria are not met)")
    _common(p, by=True)
    _who(p)
    p.add_argument("--comment", default="")
    p.add_argument("--withdraw", action="store_true", help="withdraw a sign-off")
    p.set_defaults(func=cmd_review_signoff)
    p = rvs.add_parser("rubrics", help="store the rubrics of the course's written answers")
    _common(p, by=True)
    p.add_argument(
        "--no-write-back",
        action="store_true",
        help="do not write re-computed totals to the gradebook",
    )
    p.set_defaults(func=cmd_review_rubrics_sync)
    p = rvs.add_parser("rubric", help="adopt a changed rubric (YAML) and re-compute totals")
    _common(p, by=True)
    p.add_argument("--assignment", required=True)
    p.add_argument("--answer", required=True, help="the answer's cell id")
    p.add_argument("file", metavar="RUBRIC.yaml")
    p.add_argument("--no-write-back", action="store_true")
    p.set_defaults(func=cmd_review_rubric_update)
    p = rvs.add_parser("score", help="score a written answer criterion by criterion")
    _common(p, by=True)
    _who(p)
    p.add_argument("--answer", required=True, help="the answer's cell id")
    p.add_argument(
        "--mark",
        action="append",
        default=[],
        metavar="CRITERION=MARK",
        help="met, partly, not-met or a fraction 0-1; once per criterion",
    )
    p.add_argument("--comment", default="")
    p.add_argument("--no-write-back", action="store_true")
    p.set_defaults(func=cmd_review_score)
    p = rvs.add_parser("queue", help="the review queue: list, add, assign, escalate, resolve")
    _common(p, by=True)
    p.add_argument("action", choices=["list", "add", "assign", "escalate", "resolve"])
    p.add_argument("item", nargs="?", type=int, metavar="ITEM")
    p.add_argument("--to", default=None, help="assignee (or, for list, whose items)")
    p.add_argument("--note", default=None)
    p.add_argument("--student", default="")
    p.add_argument("--assignment", default="")
    p.add_argument("--subject", default=None)
    p.add_argument("--all", action="store_true", help="list resolved items too")
    p.set_defaults(func=cmd_queue)

    cal = subparsers.add_parser("calibrate", help="rater agreement (ICC, weighted kappa)")
    _common(cal)
    cal.add_argument(
        "--spread",
        type=int,
        default=library_default("paratrain.supervision.agreement:disagreements", "spread"),
        help="list items whose ratings differ by this many levels (default: %(default)s)",
    )
    cal.set_defaults(func=cmd_calibrate)

    lg = subparsers.add_parser("supervision-log", help="supervision sessions and hours")
    _common(lg, by=True)
    lg.add_argument("action", choices=["list", "add", "import", "void"])
    lg.add_argument("--trainee", action="append", default=[], help="once per trainee")
    lg.add_argument("--supervisor", default="")
    lg.add_argument("--date", default="", help="YYYY-MM-DD")
    lg.add_argument("--minutes", type=int, default=0)
    lg.add_argument(
        "--format",
        default=library_default("paratrain.supervision.sessions:Session", "format"),
        help="individual, group, observation or debrief (default: %(default)s)",
    )
    lg.add_argument("--topic", action="append", default=[])
    lg.add_argument("--notes", default="")
    lg.add_argument("--file", default=None, help="CSV to import")
    lg.add_argument("--session", type=int, default=None, help="entry to void")
    lg.add_argument("--note", default="", help="why an entry is voided")
    lg.set_defaults(func=cmd_log)
