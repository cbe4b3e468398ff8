"""Layers point inward: every import between paratrain's packages is one the table in
docs/architecture.md allows, and the table itself is a stack of layers (no cycle)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src" / "paratrain"
DOC = REPO / "docs" / "architecture.md"
# Imported by anyone; import no other paratrain package themselves (bar errors).
BASE = frozenset({"errors", "atomic", "settings", "widget_guard", "csvsafe"})

Edge = tuple[str, str]


def package_of(path: Path) -> str:
    """'cohort' for src/paratrain/cohort/x.py, 'errors' for src/paratrain/errors.py."""
    first = path.relative_to(SRC).parts[0]
    return first.removesuffix(".py")


def imports_in(path: Path, packages: set[str]) -> list[tuple[str, int]]:
    """(package, line) for every paratrain package a module imports, wherever the import is."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "paratrain":  # from paratrain import cohort
                names = [f"paratrain.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "paratrain" and len(parts) > 1 and parts[1] in packages:
                found.append((parts[1], node.lineno))
    return found


def actual_edges() -> dict[Edge, list[str]]:
    modules = [p for p in SRC.rglob("*.py") if p != SRC / "__init__.py"]
    packages = {package_of(p) for p in modules}
    edges: dict[Edge, list[str]] = {}
    for path in modules:
        src = package_of(path)
        for target, line in imports_in(path, packages):
            if target != src:
                edges.setdefault((src, target), []).append(f"{path.relative_to(REPO)}:{line}")
    return edges


def allowed_edges(text: str) -> dict[str, set[str]]:
    """The table's rows: package -> the packages it may import (besides the base)."""
    rows: dict[str, set[str]] = {}
    for line in text.splitlines():
        m = re.match(r"^\| `([a-z_]+)` \|.*\| ([^|]*) \|$", line)
        if m:
            cell = m.group(2).strip()
            rows[m.group(1)] = (
                set() if cell == "—" else {n.strip().strip("`") for n in cell.split(",")}
            )
    return rows


def test_every_import_is_one_the_table_allows() -> None:
    rows = allowed_edges(DOC.read_text(encoding="utf-8"))
    edges = actual_edges()
    packages = {package_of(p) for p in SRC.rglob("*.py") if p != SRC / "__init__.py"}
    assert packages - set(rows) == set(), "packages missing from the table in architecture.md"
    assert set(rows) - packages == set(), "the table lists packages that no longer exist"
    wrong = [
        f"{where[0]}: {src} imports {dst}, which docs/architecture.md does not allow "
        f"({src} may import {', '.join(sorted(rows[src])) or 'only the base'})"
        for (src, dst), where in sorted(edges.items())
        if dst not in rows[src] and not (dst in BASE and (src not in BASE or dst == "errors"))
    ]
    assert wrong == []


def test_the_table_lists_no_import_that_is_gone() -> None:
    rows = allowed_edges(DOC.read_text(encoding="utf-8"))
    edges = actual_edges()
    stale = [
        f"{src} -> {dst}"
        for src, dsts in sorted(rows.items())
        for dst in sorted(dsts)
        if (src, dst) not in edges
    ]
    assert stale == [], "remove these from the table in docs/architecture.md"


def test_the_table_is_layered() -> None:
    rows = allowed_edges(DOC.read_text(encoding="utf-8"))
    layers = order(rows)  # raises on a cycle
    assert layers.index("cli") > max(layers.index(p) for p in rows["cli"])
    for base in BASE:
        assert rows[base] == set(), f"{base} is a base module: it imports no paratrain package"


def order(rows: dict[str, set[str]]) -> list[str]:
    """Packages innermost first; raises if the allowed imports form a cycle."""
    done: list[str] = []
    left = dict(rows)
    while left:
        ready = sorted(p for p, deps in left.items() if deps <= set(done))
        if not ready:
            raise AssertionError(f"the allowed imports form a cycle among: {sorted(left)}")
        done += ready
        for p in ready:
            del left[p]
    return done


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import paratrain.reports.api\n", [("reports", 1)]),
        ("def f():\n    from paratrain.supervision import raise_flags\n", [("supervision", 2)]),
        (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from paratrain.cli import x\n",
            [("cli", 3)],
        ),
        ("from paratrain import cohort, __version__\n", [("cohort", 1)]),
        ("from .sibling import x\nimport json\n", []),
    ],
)
def test_the_walker_finds_imports_anywhere(
    tmp_path: Path, source: str, expected: list[tuple[str, int]]
) -> None:
    """The check would catch an upward import however it is written."""
    module = tmp_path / "m.py"
    module.write_text(source)
    assert imports_in(module, {"reports", "supervision", "cli", "cohort"}) == expected


def test_a_cycle_in_the_table_is_caught() -> None:
    with pytest.raises(AssertionError, match="cycle"):
        order({"cohort": {"supervision"}, "supervision": {"cohort"}, "errors": set()})
