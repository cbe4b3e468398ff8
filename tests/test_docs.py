"""Every command in docs/authoring.md runs, in order, in a fresh folder."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

FILE_MARK = re.compile(r"^(?:# file: |<!-- file: )(\S+?)(?: -->)?$")


def blocks(doc: str) -> list[tuple[str, str]]:
    return re.findall(r"```(\w+)\n(.*?)```", doc, re.S)


@pytest.mark.nbgrader
def test_authoring_guide_runs(tmp_path: Path) -> None:
    doc = (REPO / "docs" / "authoring.md").read_text()
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep
           + os.environ["PATH"]}
    ran = 0
    for lang, body in blocks(doc):
        first, _, rest = body.partition("\n")
        m = FILE_MARK.match(first.strip())
        if m and rest.strip() and not rest.lstrip().startswith("#"):
            target = tmp_path / m.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(rest)
            continue
        if lang != "bash":
            continue
        for line in body.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cmd = shlex.split(line.split("  #")[0])
            proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=300)
            assert proc.returncode == 0, f"{line}\n{proc.stdout}\n{proc.stderr}"
            ran += 1
    assert ran >= 7
    assert (tmp_path / "my-course/curriculum/10-home-visits.ipynb").exists()
    graded = tmp_path / "my-course/assignments/source/a10-home-visits"
    assert (graded / "porch-check-in-graded.transcript.json").exists()


def test_readme_trainer_commands_run(tmp_path: Path) -> None:
    import shutil

    for sub in ("curriculum", "assignments"):
        shutil.copytree(REPO / sub, tmp_path / sub)
    readme = (REPO / "README.md").read_text()
    section = readme.split("## For trainers", 1)[1]
    bash = next(b for lang, b in blocks(section) if lang == "bash")
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep
           + os.environ["PATH"]}
    for line in bash.splitlines():
        cmd = shlex.split(line.split("  #")[0])
        proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, f"{line}\n{proc.stdout}\n{proc.stderr}"
