"""``paratrain scenario ...`` and ``paratrain notebook build``: write, check and try role-plays
and build the lesson and assignment notebooks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from paratrain.cli.output import out

# --- scenario -------------------------------------------------------------------------------


def _expand(paths: Sequence[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            from paratrain.scenarios.kinds import item_files

            found += list(item_files(p, recursive=True))
        else:
            found.append(p)
    return found


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
            lines.append(
                f"{r.path}: ok: score {r.bounds.low} to {r.bounds.high} over all paths{approx}"
            )
        elif r.max_points is not None and r.ok:
            lines.append(f"{r.path}: ok: quiz worth {r.max_points} point(s)")
        if r.measures():
            lines.append(f"{r.path}: {r.mode}: {r.measures()}")
    n_err = sum(len(r.errors) for r in reports)
    n_warn = sum(len(r.issues) - len(r.errors) for r in reports)
    lines.append(f"{len(reports)} file(s), {n_err} error(s), {n_warn} warning(s)")
    data = [
        {
            "path": r.path,
            "kind": r.kind,
            "ok": r.ok,
            "issues": [vars(i) for i in r.issues],
            "score": None
            if r.bounds is None
            else {"low": r.bounds.low, "high": r.bounds.high, "exact": r.bounds.exact},
            "cues": None if r.cues is None else vars(r.cues),
            "shape": None if r.shape is None else vars(r.shape),
        }
        for r in reports
    ]
    out(args, data, "\n".join(lines))
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
        texts.append(
            f"{r.as_text()}\n{head}\nlevels: {lv}"
            if not args.all
            else f"{r.score:>4}  {','.join(r.choices)}  levels: {lv}"
        )
    if args.all:
        texts.append(f"{len(runs)} path(s); score {bounds.low} to {bounds.high}")
    out(args, [r.as_dict() for r in runs], "\n\n".join(texts) if not args.all else "\n".join(texts))
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
    atomic_write_text(
        dest, dump_yaml(copy.model_dump(mode="json", by_alias=True, exclude_none=True))
    )
    print(f"wrote {dest}")
    return 0


# --- notebooks ------------------------------------------------------------------------------


def cmd_notebook_build(args: argparse.Namespace) -> int:
    from paratrain.authoring.build import build_all

    changed, same = build_all(args.root, check=args.check)
    verb = "stale" if args.check else "wrote"
    lines = [f"{verb}: {p}" for p in changed]
    lines.append(f"{len(changed)} {verb}, {len(same)} up to date")
    out(args, {"changed": [str(p) for p in changed], "same": len(same)}, "\n".join(lines))
    return 1 if (args.check and changed) else 0


# --- parser ---------------------------------------------------------------------------------


def register(sub: Any) -> None:
    """Add ``scenario`` and ``notebook`` to paratrain's subparsers."""
    sc = sub.add_parser("scenario", help="write, check and try role-play scenarios")
    scs = sc.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    lint = scs.add_parser("lint", help="check scenario and quiz files for problems")
    lint.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    lint.add_argument("--json", action="store_true", help="machine-readable output")
    lint.set_defaults(func=cmd_scenario_lint)
    play = scs.add_parser("play", help="play a scenario from the command line")
    play.add_argument("path", metavar="PATH", help="a .scenario.yaml file")
    how = play.add_mutually_exclusive_group()
    how.add_argument(
        "--seed",
        type=int,
        default=0,
        help="random playthrough with this seed (default: %(default)s)",
    )
    how.add_argument("--choices", metavar="A,B,C", help="replay these choice ids in order")
    how.add_argument("--all", action="store_true", help="every path (small scenarios)")
    play.add_argument("--json", action="store_true", help="machine-readable output")
    play.set_defaults(func=cmd_scenario_play)

    cp = scs.add_parser(
        "copy",
        help="copy a scenario under a new id (e.g. an assessment version of a practice scenario)",
    )
    cp.add_argument("path", metavar="PATH", help="the scenario to copy")
    cp.add_argument("--to", required=True, metavar="FOLDER", help="destination folder")
    cp.add_argument("--id", required=True, help="the new scenario id")
    cp.add_argument("--mode", choices=["practice", "assessment"], help="change the mode")
    cp.add_argument("--force", action="store_true", help="replace an existing file")
    cp.set_defaults(func=cmd_scenario_copy)

    nb = sub.add_parser("notebook", help="build lesson and assignment notebooks")
    nbs = nb.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    build = nbs.add_parser("build", help="build notebooks from curriculum/src and assignments/src")
    build.add_argument("root", nargs="?", default=".", help="repository root (default: .)")
    build.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any notebook is out of date"
    )
    build.add_argument("--json", action="store_true", help="machine-readable output")
    build.set_defaults(func=cmd_notebook_build)
