"""Every command in the guides runs, in order, in a fresh folder (and the README's too)."""

from __future__ import annotations

import os
import random
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

FILE_MARK = re.compile(r"^(?:# file: |<!-- file: )(\S+?)(?: -->)?$")
ENV = {
    **os.environ,
    "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"],
    "PARATRAIN_REPO": str(REPO),
}  # as the program guide says


def blocks(doc: str) -> list[tuple[str, str]]:
    return re.findall(r"```(\w+)\n(.*?)```", doc, re.S)


def run_doc(doc: str, cwd: Path, hooks: dict[str, Callable[[], None]] | None = None) -> int:
    """Write the files a guide shows and run its commands; return how many ran."""
    ran = 0
    for lang, body in blocks(doc):
        first, _, rest = body.partition("\n")
        m = FILE_MARK.match(first.strip())
        if m and rest.strip():
            target = cwd / m.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(rest)
            continue
        if lang != "bash":
            continue
        for key, hook in (hooks or {}).items():
            if key in first:
                hook()
        for line in body.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            proc = subprocess.run(
                shlex.split(line.split("  #")[0]),
                cwd=cwd,
                env=ENV,
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert proc.returncode == 0, f"{line}\n{proc.stdout}\n{proc.stderr}"
            ran += 1
    return ran


@pytest.mark.nbgrader
def test_authoring_guide_runs(tmp_path: Path) -> None:
    ran = run_doc((REPO / "docs" / "authoring.md").read_text(), tmp_path)
    assert ran >= 7
    assert (tmp_path / "my-course/curriculum/10-home-visits.ipynb").exists()
    graded = tmp_path / "my-course/assignments/source/a10-home-visits"
    assert (graded / "porch-check-in-graded.transcript.json").exists()


@pytest.mark.nbgrader
@pytest.mark.slow
def test_program_guide_runs(tmp_path: Path) -> None:
    from paratrain.cohort import lifecycle
    from paratrain.cohort.course import open_course
    from paratrain.cohort.people import list_people
    from paratrain.cohort.simulate import Profile, do_assignment

    def trainees_submit() -> None:
        course = open_course(tmp_path / "spring-cohort")
        rng = random.Random(5)
        for p in list_people(course):
            if p.role != "trainee" or p.id == "lupe":  # lupe never submits
                continue
            for a in lifecycle.released(course):
                work = lifecycle.fetch_as(course, p.id, a, tmp_path / "homes" / p.id)
                do_assignment(work, course.keys / a, Profile("average", 0.7), rng, trainee=p.id)
                lifecycle.submit_as(course, p.id, a, tmp_path / "homes" / p.id)

    ran = run_doc(
        (REPO / "docs" / "program-guide.md").read_text(),
        tmp_path,
        {"trainees fetch, work and submit": trainees_submit},
    )
    assert ran >= 9
    fb = tmp_path / "spring-cohort" / "feedback" / "amina" / "m03-crisis-first-contact"
    assert (fb / "m03-crisis-first-contact.html").exists()
    assert not (tmp_path / "spring-cohort" / "submitted" / "lupe").exists()


def test_readme_trainer_commands_run(tmp_path: Path) -> None:
    for sub in ("curriculum", "assignments"):
        shutil.copytree(REPO / sub, tmp_path / sub)
    section = (REPO / "README.md").read_text().split("## For trainers", 1)[1]
    bash = next(b for lang, b in blocks(section) if lang == "bash")
    assert run_doc(f"```bash\n{bash}```", tmp_path) == 3
