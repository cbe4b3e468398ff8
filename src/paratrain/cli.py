"""The ``paratrain`` command: argument parsing, progress, exit codes. Nothing else.

Imports of the library happen inside each command, so ``paratrain --help`` starts fast.
Exit codes: 0 success, 1 the command ran and found problems, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Handler = Callable[[argparse.Namespace], int]


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, default=str))
    else:
        print(text)


# --- scenario -------------------------------------------------------------------------------

def _expand(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted([*p.rglob("*.scenario.yaml"), *p.rglob("*.quiz.yaml")])
        else:
            out.append(p)
    return out


def cmd_scenario_lint(args: argparse.Namespace) -> int:
    from paratrain.scenarios.lint import lint_path

    reports = [lint_path(p) for p in _expand(args.paths)]
    if not reports:
        print("no scenario or quiz files found", file=sys.stderr)
        return 2
    lines = []
    for r in reports:
        lines += [i.format(r.path) for i in r.issues]
        if r.bounds is not None:
            approx = "" if r.bounds.exact else " (highest is an upper bound: loops)"
            lines.append(f"{r.path}: ok: score {r.bounds.low} to {r.bounds.high} "
                         f"over all paths{approx}")
        elif r.max_points is not None and r.ok:
            lines.append(f"{r.path}: ok: quiz worth {r.max_points} point(s)")
        if r.measures():
            lines.append(f"{r.path}: {r.mode}: {r.measures()}")
    n_err = sum(len(r.errors) for r in reports)
    n_warn = sum(len(r.issues) - len(r.errors) for r in reports)
    lines.append(f"{len(reports)} file(s), {n_err} error(s), {n_warn} warning(s)")
    data = [{"path": r.path, "kind": r.kind, "ok": r.ok,
             "issues": [vars(i) for i in r.issues],
             "score": None if r.bounds is None else {"low": r.bounds.low, "high": r.bounds.high,
                                                     "exact": r.bounds.exact},
             "cues": None if r.cues is None else vars(r.cues),
             "shape": None if r.shape is None else vars(r.shape)}
            for r in reports]
    _out(args, data, "\n".join(lines))
    return 1 if n_err else 0


def cmd_scenario_play(args: argparse.Namespace) -> int:
    from paratrain.scenarios import playthrough as pt
    from paratrain.scenarios.lint import check_loaded
    from paratrain.scenarios.loader import load_scenario
    from paratrain.scenarios.scoring import score_bounds

    scenario = load_scenario(args.path)
    check_loaded(scenario, args.path)
    bounds = score_bounds(scenario)
    if args.choices is not None:
        runs = [pt.replayed(scenario, [c for c in args.choices.split(",") if c])]
    elif args.all:
        runs = list(pt.every_path(scenario))
    else:
        runs = [pt.seeded(scenario, args.seed)]
    texts = []
    for r in runs:
        head = f"path: {','.join(r.choices)}\nscore: {r.score} (range {bounds.low}-{bounds.high})"
        levels = r.as_dict()["levels"]
        lv = ", ".join(f"{c}={v}" for c, v in levels.items()) or "none assessed"
        texts.append(f"{r.as_text()}\n{head}\nlevels: {lv}" if not args.all else
                     f"{r.score:>4}  {','.join(r.choices)}  levels: {lv}")
    if args.all:
        texts.append(f"{len(runs)} path(s); score {bounds.low} to {bounds.high}")
    _out(args, [r.as_dict() for r in runs], "\n\n".join(texts) if not args.all
         else "\n".join(texts))
    return 0


def cmd_scenario_copy(args: argparse.Namespace) -> int:
    from paratrain.atomic import atomic_write_text
    from paratrain.scenarios.loader import SCENARIO_SUFFIX, dump_yaml, load_scenario
    from paratrain.scenarios.model import Mode

    scenario = load_scenario(args.path)
    update: dict[str, Any] = {"id": args.id}
    if args.mode:
        update["mode"] = Mode(args.mode)
    copy = scenario.model_copy(update=update)
    dest = Path(args.to) / f"{args.id}{SCENARIO_SUFFIX}"
    if dest.exists() and not args.force:
        print(f"paratrain: {dest} exists; use --force to replace it", file=sys.stderr)
        return 2
    dest.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(dest, dump_yaml(copy.model_dump(mode="json", by_alias=True,
                                                      exclude_none=True)))
    print(f"wrote {dest}")
    return 0


# --- notebooks ------------------------------------------------------------------------------

def cmd_notebook_build(args: argparse.Namespace) -> int:
    from paratrain.authoring.build import build_all

    changed, same = build_all(args.root, check=args.check)
    verb = "stale" if args.check else "wrote"
    lines = [f"{verb}: {p}" for p in changed]
    lines.append(f"{len(changed)} {verb}, {len(same)} up to date")
    _out(args, {"changed": [str(p) for p in changed], "same": len(same)}, "\n".join(lines))
    return 1 if (args.check and changed) else 0


# --- demo -----------------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    from paratrain.cohort.demo import run_demo

    summary = run_demo(Path(args.dir), seed=args.seed, repo=Path(args.repo) if args.repo else None,
                       progress=None if args.json else print)
    _out(args, summary.as_dict(), summary.as_text())
    return 0 if summary.ok else 1


# --- parser ---------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paratrain",
        description="Train and supervise paraprofessionals: role-plays, nbgrader cohorts, "
                    "supervision.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sc = sub.add_parser("scenario", help="write, check and try role-play scenarios")
    scs = sc.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    lint = scs.add_parser("lint", help="check scenario and quiz files for problems")
    lint.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    lint.add_argument("--json", action="store_true", help="machine-readable output")
    lint.set_defaults(func=cmd_scenario_lint)
    play = scs.add_parser("play", help="play a scenario from the command line")
    play.add_argument("path", metavar="PATH", help="a .scenario.yaml file")
    how = play.add_mutually_exclusive_group()
    how.add_argument("--seed", type=int, default=0, help="random playthrough with this seed")
    how.add_argument("--choices", metavar="A,B,C", help="replay these choice ids in order")
    how.add_argument("--all", action="store_true", help="every path (small scenarios)")
    play.add_argument("--json", action="store_true", help="machine-readable output")
    play.set_defaults(func=cmd_scenario_play)

    cp = scs.add_parser("copy", help="copy a scenario under a new id (e.g. an assessment "
                        "version of a practice scenario)")
    cp.add_argument("path", metavar="PATH", help="the scenario to copy")
    cp.add_argument("--to", required=True, metavar="FOLDER", help="destination folder")
    cp.add_argument("--id", required=True, help="the new scenario id")
    cp.add_argument("--mode", choices=["practice", "assessment"], help="change the mode")
    cp.add_argument("--force", action="store_true", help="replace an existing file")
    cp.set_defaults(func=cmd_scenario_copy)

    nb = sub.add_parser("notebook", help="build lesson and assignment notebooks")
    nbs = nb.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    build = nbs.add_parser("build", help="build notebooks from curriculum/src and "
                           "assignments/src")
    build.add_argument("root", nargs="?", default=".", help="repository root (default: .)")
    build.add_argument("--check", action="store_true",
                       help="write nothing; exit 1 if any notebook is out of date")
    build.add_argument("--json", action="store_true", help="machine-readable output")
    build.set_defaults(func=cmd_notebook_build)

    from paratrain.cohort.commands import register as register_cohort

    register_cohort(sub)

    demo = sub.add_parser("demo", help="run a complete demo cohort end to end")
    demo.add_argument("--dir", default="paratrain-demo", help="where to build it")
    demo.add_argument("--seed", type=int, default=7, help="seed for the simulated trainees")
    demo.add_argument("--repo", default=None, help="repository root with curriculum/ and "
                      "assignments/ (default: found from the installed package)")
    demo.add_argument("--json", action="store_true", help="machine-readable output")
    demo.set_defaults(func=cmd_demo)

    from paratrain.hub.commands import register as register_hub
    from paratrain.supervision.commands import register as register_supervision

    register_supervision(sub)
    register_hub(sub)
    return parser


def _bin_on_path() -> None:
    """nbgrader runs helper programs (alembic, kernels) by name: put this interpreter's
    bin folder on PATH so a non-activated virtual environment works."""
    import os

    bindir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + path


def main(argv: Sequence[str] | None = None) -> int:
    import warnings

    # nbgrader 0.9.6's gradebook code trips SQLAlchemy 2.1 warnings that do not affect grades
    # (see reference notes); keep them out of what programs and supervisors read.
    warnings.filterwarnings("ignore", module=r"nbgrader(\..*)?$")
    _bin_on_path()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from paratrain import __version__

        print(__version__)
        return 0
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from paratrain.errors import ParatrainError

    try:
        return int(args.func(args))
    except ParatrainError as exc:
        print(f"paratrain: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("paratrain: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
