"""The command line stays fast by importing nothing heavy before a command runs."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "nbgrader",
    "ipywidgets",
    "pandas",
    "pydantic",
    "jupyter_client",
    "sqlalchemy",
    "matplotlib",
    "frictionless",
)


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\nfrom paratrain.cli import build_parser\nbuild_parser().format_help()\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_help_lists_the_cycle() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "paratrain.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for word in (
        "scenario",
        "course",
        "roster",
        "release",
        "collect",
        "grade",
        "feedback",
        "status",
        "demo",
        "hub",
    ):
        assert word in out
