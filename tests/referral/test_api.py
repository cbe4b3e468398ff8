"""The public API and the subpackage's boundaries."""

from __future__ import annotations

import ast
from pathlib import Path

import paratrain.referral as referral

SOURCE = Path(referral.__file__).parent


def test_all_lists_exactly_the_public_names() -> None:
    public = {n for n in vars(referral) if not n.startswith("_")} - {"annotations"}
    modules = {n for n in public if type(getattr(referral, n)).__name__ == "module"}
    assert set(referral.__all__) == (public - modules) | {"directory_search", "referral_tracker"}
    for name in referral.__all__:
        assert getattr(referral, name) is not None


def test_imports_nothing_of_ours_but_errors() -> None:
    for path in SOURCE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.level == 0
                and (node.module or "").startswith("paratrain")
            ):
                assert node.module == "paratrain.errors", (path.name, node.module)
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("paratrain"), (path.name, alias.name)
            if isinstance(node, ast.ImportFrom) and node.level > 1:
                raise AssertionError(f"{path.name} imports from a parent package")


def test_plain_use_does_not_load_the_widgets_or_frictionless() -> None:
    import subprocess
    import sys

    code = (
        "import sys, paratrain.referral as r; r.search(r.load_directory(), needs=['food']);"
        "print('ipywidgets' in sys.modules, 'frictionless' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
