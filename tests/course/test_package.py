"""The course package: its public names, its light imports, and that it imports nothing above."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import paratrain.course as course_pkg
from paratrain.course.folder import KEYS_DIR
from paratrain.scenarios import files

PACKAGE = Path(course_pkg.__file__).parent
ABOVE = (
    "paratrain.cohort",
    "paratrain.supervision",
    "paratrain.reports",
    "paratrain.hub",
    "paratrain.cli",
    "paratrain.grading",
    "paratrain.notebook",
)


def test_every_public_name_resolves() -> None:
    assert all(getattr(course_pkg, n) is not None for n in course_pkg.__all__)


def test_course_imports_nothing_above_it() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            bad = [n for n in names if n.startswith(ABOVE)]
            assert not bad, f"{path.name} imports {bad}"


def test_reading_a_roster_stays_light() -> None:
    code = (
        "import sys, paratrain.course.roster, paratrain.course.folder\n"
        "print([m for m in ('pydantic', 'yaml', 'pandas', 'sqlalchemy', 'nbgrader') "
        "if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "[]"


def test_keys_folder_name_is_the_one_grading_uses() -> None:
    assert KEYS_DIR == files.KEYS_DIR
