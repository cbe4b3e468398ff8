"""The ``paratrain`` command: argument parsing, output, exit codes. Nothing else.

The edge of the house: the only place that reads the process's environment for settings,
prints, and turns errors into exit codes. Each command set lives in its own module and
registers itself into one parser::

    scenario     scenario lint / play / copy, notebook build
    cohort       course init, roster, release, collect, grade, feedback, status
    demo         the demo cohort (orchestrated by paratrain.demo)
    supervision  report, flags, review, calibrate, supervision-log
    hub          hub config / start / demo / z2jh / check / course-init / link
    environment  settings: the environment variables paratrain reads
    output       what a result and a progress note look like (--json aware)
    defaults     defaults read from the library's config dataclasses and signatures

Imports of the library happen inside each command, so ``paratrain --help`` starts fast.
Exit codes: 0 success, 1 the command ran and found problems, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from paratrain.cli import cohort, demo, environment, hub, scenario, supervision, witness
from paratrain.cli.defaults import Parser

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]

# In the order `paratrain --help` lists them: author, run a cohort, supervise, host, settings.
COMMAND_SETS = (scenario, cohort, demo, supervision, hub, witness, environment)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="paratrain",
        description="Train and supervise paraprofessionals: role-plays, nbgrader cohorts, "
        "supervision.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for commands in COMMAND_SETS:
        commands.register(sub)
    return parser


def _bin_on_path() -> None:
    """nbgrader runs helper programs (alembic, kernels) by name: put this interpreter's
    bin folder on PATH so a non-activated virtual environment works."""
    import os

    bindir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + path


def _skip_final_collection() -> None:
    """Let the process end without the garbage collector going over everything it loaded.

    At exit CPython tears its modules down and collects every cycle left: after
    ``paratrain grade`` (nbgrader, SQLAlchemy, pandas) that took about 0.27 s on the
    reference machine, after the output was already printed. Objects moved to the permanent
    generation are not collected then; reference counting still frees what it can, files are
    still closed and ``atexit`` handlers still run. Only for the command's own process, never
    when :func:`main` is called with arguments (tests, other Python code)."""
    import gc

    gc.freeze()


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
    from paratrain.settings import Settings

    args.settings = Settings.from_env()  # read once; commands get it from paratrain.cli.defaults
    try:
        code = int(args.func(args))
        if argv is None:  # the ``paratrain`` command itself, which ends right after this
            _skip_final_collection()
        return code
    except ParatrainError as exc:
        print(f"paratrain: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("paratrain: interrupted", file=sys.stderr)
        return 130
