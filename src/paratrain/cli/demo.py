"""``paratrain demo``: a complete fictional cohort end to end (see :mod:`paratrain.demo`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from paratrain.cli.defaults import library_default
from paratrain.cli.output import notes, out


def cmd_demo(args: argparse.Namespace) -> int:
    from paratrain.demo import run_demo

    summary = run_demo(
        Path(args.dir),
        seed=args.seed,
        repo=Path(args.repo) if args.repo else None,
        progress=notes(args),
    )
    out(args, summary.as_dict(), summary.as_text())
    return 0 if summary.ok else 1


def register(sub: Any) -> None:
    """Add ``demo`` to paratrain's subparsers."""
    demo = sub.add_parser("demo", help="run a complete demo cohort end to end")
    demo.add_argument(
        "--dir",
        default="paratrain-demo",
        help="where to build it (default: %(default)s; replaced if it exists)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=library_default("paratrain.demo:run_demo", "seed"),
        help="seed for the simulated trainees (default: %(default)s)",
    )
    demo.add_argument(
        "--repo",
        default=None,
        help="repository root with curriculum/ and "
        "assignments/ (default: the current folder or the nearest one above it)",
    )
    demo.add_argument("--json", action="store_true", help="machine-readable output")
    demo.set_defaults(func=cmd_demo)
