"""The README's JupyterLab instructions run as written: the commands that hide nbgrader's staff
panels and the news question on a plain local lab, and the shape of the demo's lab command."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from paratrain.demo.lab import lab_command
from tests.conftest import REPO
from tests.test_docs import blocks

README = (REPO / "README.md").read_text()
HIDDEN = {
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    "@jupyterlab/apputils-extension:announcements",
}


def section(title: str) -> str:
    return README.split(title, 1)[1].split("\n#", 1)[0]


def test_hiding_the_staff_panels_works_as_written(tmp_path: Path) -> None:
    bash = next(
        b for lang, b in blocks(section("### Your own JupyterLab on one machine")) if lang == "bash"
    )
    # "with the environment activated": its bin first on PATH; a throwaway user config
    env = {
        **os.environ,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"],
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter"),
    }
    lines = [line for line in bash.splitlines() if line.strip()]
    assert len(lines) == 2
    for line in lines:
        proc = subprocess.run(
            shlex.split(line), env=env, capture_output=True, text=True, timeout=300
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    page = json.loads((tmp_path / "jupyter" / "labconfig" / "page_config.json").read_text())
    assert set(page["disabledExtensions"]) == HIDDEN
    assert set(page["lockedExtensions"]) == HIDDEN
    listed = subprocess.run(
        ["jupyter", "labextension", "list"], env=env, capture_output=True, text=True, timeout=300
    )
    disabled = listed.stdout + listed.stderr
    assert all(name in disabled.split("Disabled extensions:", 1)[1] for name in HIDDEN)


def test_the_readme_shows_the_command_the_demo_prints() -> None:
    shown = next(b for lang, b in blocks(README) if lang == "text" and "homes/amara" in b)
    root = Path("/home/you/paratrain/paratrain-demo")
    printed = lab_command(root / "homes" / "amara", root / "jupyter" / "trainee")
    venv = str(Path(sys.executable).parent)
    printed = printed.replace(venv, "/home/you/paratrain/.venv/bin")
    printed = re.sub(r" --allow-root$", "", printed)  # the README says when it is added
    assert shown.strip() == printed
