"""Create a course folder from the repository's sources, safely; copy one.

:func:`init_course` lays out the folder described in :mod:`paratrain.course.folder`.
Assessment keys stay out of ``source/`` so that not even a plain ``nbgrader
generate_assignment`` can release them; grading finds them through ``keys/``
(:mod:`paratrain.scenarios.files`).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from paratrain.atomic import atomic_write_text
from paratrain.course.folder import CONFIG_NAME, Course, open_course
from paratrain.course.manifest import MANIFEST, Manifest, read_manifest, write_manifest
from paratrain.course.sidecars import read_rubric_keys, write_rubric_keys
from paratrain.errors import CourseError
from paratrain.scenarios import answers, transcript
from paratrain.scenarios.kinds import kind_of
from paratrain.scenarios.loader import (
    dump_yaml,
)
from paratrain.scenarios.model import Mode
from paratrain.scenarios.release import course_secret

# Files in the repository's sources that must never reach a course's source folder.
NEVER_COPY = (
    f"*{transcript.SUFFIX}",
    f"*{answers.SUFFIX}",
    ".ipynb_checkpoints",
    "__pycache__",
    "*.pyc",
)


def rescore_config(root: Path) -> str:
    """Lines that make nbgrader score role-play and quiz cells in the grading process from
    this course's keys (:mod:`paratrain.grading.rescore`). Only text here: nbgrader imports
    paratrain when it reads the file. (Grading kernels find the course from where nbgrader
    runs them, ``<course>/autograded/<student>/<assignment>``: see
    :func:`paratrain.scenarios.keys.grading_course`.)"""
    return (
        "# Role-play and quiz scores are computed again in the grading process from this\n"
        "# course's keys/, so nothing in a submitted notebook can change them.\n"
        "from paratrain.grading.rescore import autograde_pipeline\n"
        "c.Autograde.autograde_preprocessors = autograde_pipeline()\n"
        f"c.Rescore.course_root = {str(root)!r}\n"
    )


def config_text(course: Course, *, timeout: int = 60) -> str:
    return f"""# nbgrader configuration written by `paratrain course init`. Safe to edit.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course.course_id!r}
c.CourseDirectory.root = {str(course.root)!r}
c.CourseDirectory.db_url = {course.db_url!r}
# A real exchange folder: nbgrader's default (/usr/local/share/nbgrader/exchange) does not exist
# on a fresh machine.
c.Exchange.root = {str(course.exchange)!r}
c.Exchange.path_includes_course = True
# A role-play or quiz cell that hangs must not stop a grading batch.
c.ExecutePreprocessor.timeout = {timeout}
c.Execute.timeout = {timeout}
c.Execute.interrupt_on_timeout = True
c.Execute.allow_errors = True
# Files set aside by the player (unreadable transcripts) travel with a submission for review.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
""" + rescore_config(course.root)


def _split_rubric_notes(notebook: Path, dest_keys: Path) -> None:
    """Move supervisor-only rubric notes out of a notebook into ``keys/``.

    nbgrader releases cell metadata with the notebook, so a note left there would reach
    trainees. The notebook keeps the criteria and points (what trainees may see).
    """
    doc = json.loads(notebook.read_text(encoding="utf-8"))
    full: dict[str, dict[str, Any]] = {}
    for cell in doc.get("cells", []):
        meta = cell.get("metadata", {}).get("paratrain", {})
        rubric = meta.get("rubric")
        if not isinstance(rubric, dict) or "answer" not in meta:
            continue
        full[str(meta["answer"])] = json.loads(json.dumps(rubric))
        for criterion in rubric.get("rubric", []):
            criterion.pop("note", None)
    if not full:
        return
    atomic_write_text(notebook, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    existing = read_rubric_keys(dest_keys)
    existing.update(full)
    write_rubric_keys(dest_keys, existing)


def restrict(keys: Path) -> None:
    """Keys are for the grading account only: folders 0700, files 0600."""
    if not keys.is_dir():
        return
    keys.chmod(0o700)
    for p in keys.rglob("*"):
        p.chmod(0o700 if p.is_dir() else 0o600)


def _copy_assignment(src: Path, dest_source: Path, dest_keys: Path) -> None:
    """Copy one assignment folder: public projections into source/, full items into keys/."""
    if dest_source.exists():
        shutil.rmtree(dest_source)
    shutil.copytree(src, dest_source, ignore=shutil.ignore_patterns(*NEVER_COPY))
    if dest_keys.exists():
        shutil.rmtree(dest_keys)
    secret = course_secret(dest_keys.parent, create=True)
    for path in sorted(dest_source.iterdir()):
        if path.suffix == ".ipynb":
            _split_rubric_notes(path, dest_keys)
        elif (k := kind_of(path)) is not None:
            item = k.load(path)
            if item.mode is not Mode.ASSESSMENT:
                continue
            public = k.public(item, secret)
            dest_keys.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest_keys / path.name)
            atomic_write_text(path, dump_yaml(public))
    restrict(dest_keys.parent)


def init_course(
    *,
    root: str | Path,
    course_id: str,
    repo: str | Path,
    assignments: list[str] | None = None,
    exchange: str | Path | None = None,
    db_url: str | None = None,
    timeout: int = 60,
) -> Course:
    """Create or update a course folder from ``repo``'s ``assignments/source`` and ``curriculum``.

    Idempotent. Refuses to replace the source of an assignment that already has submissions.

    Raises
    ------
    CourseError
        If the repository has no assignments, or an assignment with submissions would change.
    """
    base = Path(root).resolve()
    repo_path = Path(repo).resolve()
    src_root = repo_path / "assignments" / "source"
    available = (
        sorted(p.name for p in src_root.iterdir() if p.is_dir()) if src_root.is_dir() else []
    )
    if not available:
        raise CourseError(
            f"no assignments found in {src_root}",
            hint="point --repo at a paratrain repository checkout",
        )
    chosen = assignments or available
    unknown = sorted(set(chosen) - set(available))
    if unknown:
        raise CourseError(
            f"unknown assignment(s): {', '.join(unknown)}",
            hint=f"available: {', '.join(available)}",
        )
    course = Course(
        base,
        course_id,
        Path(exchange).resolve() if exchange else base / "exchange",
        db_url or f"sqlite:///{base / 'gradebook.db'}",
    )
    if (base / MANIFEST).is_file():
        existing = open_course(base)
        if existing.course_id != course_id:
            raise CourseError(
                f"{base} already holds course '{existing.course_id}'",
                hint="choose another folder or the same course id",
            )
    locked = [a for a in chosen if course.submitted(a)]
    for a in locked:
        if _differs(src_root / a, course.source / a, course.keys / a):
            raise CourseError(
                f"assignment '{a}' already has submissions and its source has changed; "
                "refusing to replace it",
                hint="release changes as a new assignment id",
            )
    base.mkdir(parents=True, exist_ok=True)
    for sub in ("inbound", "outbound", "feedback"):
        (course.exchange / course_id / sub).mkdir(parents=True, exist_ok=True)
    (course.exchange / course_id / "inbound").chmod(0o733)
    for a in chosen:
        if a not in locked:
            _copy_assignment(src_root / a, course.source / a, course.keys / a)
    _copy_lessons(repo_path / "curriculum", base / "lessons")
    atomic_write_text(base / CONFIG_NAME, config_text(course, timeout=timeout))
    write_manifest(
        base,
        Manifest(
            course_id,
            course.exchange,
            course.db_url,
            str(repo_path),
            tuple(sorted(set(course.assignments()))),
        ),
    )
    return course


def _differs(repo_src: Path, course_src: Path, course_keys: Path) -> bool:
    """Whether the repository's notebooks differ from those in the course."""
    for nb in repo_src.glob("*.ipynb"):
        other = course_src / nb.name
        if not other.exists() or other.read_bytes() != nb.read_bytes():
            return True
    return False


def _copy_lessons(curriculum: Path, dest: Path) -> None:
    if not curriculum.is_dir():
        return
    dest.mkdir(parents=True, exist_ok=True)
    for nb in curriculum.glob("*.ipynb"):
        shutil.copy2(nb, dest / nb.name)
    scen = curriculum / "scenarios"
    if scen.is_dir():
        shutil.copytree(
            scen, dest / "scenarios", dirs_exist_ok=True, ignore=shutil.ignore_patterns(*NEVER_COPY)
        )


def clone_course(src: Course, dest: str | Path) -> Course:
    """Copy a course folder (submissions, gradebook and all) and point the copy at itself.

    Used to grade the same submissions twice (benchmarks, comparisons). Only SQLite
    gradebooks inside the course folder are copied with it. The copy keeps the original's
    ``nbgrader_config.py`` (with any settings added by hand), its paths pointed at the copy.
    """
    target = Path(dest).resolve()
    shutil.copytree(src.root, target)
    exchange = (
        target / src.exchange.relative_to(src.root)
        if src.exchange.is_relative_to(src.root)
        else src.exchange
    )
    db_url = src.db_url.replace(str(src.root), str(target))
    course = Course(target, src.course_id, exchange, db_url)
    config = (src.root / CONFIG_NAME).read_text(encoding="utf-8")
    moved = re.sub(re.escape(str(src.root)) + r"(?=['\"/])", lambda _m: str(target), config)
    atomic_write_text(target / CONFIG_NAME, moved)
    old = read_manifest(target)
    write_manifest(
        target, Manifest(old.course_id, exchange, db_url, old.repo, old.assignments, old.extra)
    )
    return course
