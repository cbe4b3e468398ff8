"""Every lesson runs headless, every assignment validates with the real nbgrader CLI (source
and released versions), no assessment key leaks into a release, and every notebook is
committed without outputs.

The nbgrader commands run in worker threads from module-scoped fixtures (one `nbgrader`
invocation per assignment and step), so the per-assignment tests below only read results.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest

from paratrain.authoring.lessons import parse_lesson, parse_rubric
from paratrain.cohort.course import Course, init_course
from paratrain.cohort.lifecycle import find_leaks
from tests.conftest import REPO
from tests.nbgrader_cli import run_nbgrader

LESSONS = sorted((REPO / "curriculum").glob("*.ipynb"))
ASSIGNMENTS = sorted(
    p.name
    for p in (REPO / "assignments" / "source").iterdir()
    if p.is_dir() and (p / f"{p.name}.ipynb").is_file()
)
SOURCE_NOTEBOOKS = sorted((REPO / "assignments" / "source").glob("*/*.ipynb"))
ALL_NOTEBOOKS = [*LESSONS, *SOURCE_NOTEBOOKS]
BIN = Path(sys.executable).parent
WORKERS = max(2, min(4, os.cpu_count() or 2))
CANNOT_START = ("cannot start", "Please tell your trainer")


def rel(p: Path) -> str:
    return p.relative_to(REPO).as_posix()


# --- running nbgrader --------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    cwd: Path
    returncode: int
    output: str

    def report(self) -> str:
        return (
            f"$ nbgrader {' '.join(self.args)}   (in {self.cwd})\n"
            f"exit {self.returncode}\n{self.output}"
        )


def nbgrader(*args: str, cwd: Path) -> Run:
    proc = run_nbgrader(*args, cwd=cwd)
    return Run(args, cwd, proc.returncode, proc.stdout + proc.stderr)


def validated(run: Run, *, invert: bool) -> bool:
    """nbgrader validate exits 0 whatever it finds, so read what it printed."""
    ok = (
        "Success! The notebook does not pass any tests."
        if invert
        else "Success! Your notebook passes all the tests."
    )
    return run.returncode == 0 and ok in run.output and "[ValidateApp | ERROR]" not in run.output


@dataclass(frozen=True)
class Released:
    course: Course
    generate: Run
    validate: Run | None


@dataclass(frozen=True)
class Jobs:
    """Futures of the nbgrader runs, keyed by assignment id."""

    sources: dict[str, Future[Run]]
    released: dict[str, Future[Released]]


@pytest.fixture(scope="module")
def nbgrader_jobs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    """Start every nbgrader run in worker threads and return at once.

    - `nbgrader validate` on each assignment's source notebook, in a fresh copy of its
      assignment folder (the reference transcripts and answers there are the solution);
    - a course made with init_course from a copy of the repository; each assignment
      generated with `nbgrader generate_assignment <a> --force`, one after another (they share
      the SQLite gradebook), and each released notebook checked with
      `nbgrader validate --invert` as soon as it exists.

    The lesson tests request this fixture too, so that the runs overlap with them.
    """
    base = tmp_path_factory.mktemp("nbgrader")
    pool = ThreadPoolExecutor(max_workers=WORKERS + 1)

    def validate_source(a: str) -> Run:
        folder = base / "sources" / a
        shutil.copytree(REPO / "assignments" / "source" / a, folder)
        return nbgrader("validate", f"{a}.ipynb", cwd=folder)

    repo = base / "repo"
    for sub in ("assignments", "curriculum"):
        shutil.copytree(REPO / sub, repo / sub)
    course = init_course(root=base / "qa", course_id="qa", repo=repo)
    released: dict[str, Future[Released]] = {a: Future() for a in ASSIGNMENTS}

    def validate_release(a: str, gen: Run) -> None:
        try:
            run = nbgrader("validate", "--invert", f"release/{a}/{a}.ipynb", cwd=course.root)
            released[a].set_result(Released(course, gen, run))
        except BaseException as exc:  # reported by the test that reads the future
            released[a].set_exception(exc)

    def generate_all() -> None:
        for a in ASSIGNMENTS:
            try:
                gen = nbgrader("generate_assignment", a, "--force", cwd=course.root)
            except BaseException as exc:  # reported by the test that reads the future
                released[a].set_exception(exc)
                continue
            nb = course.root / "release" / a / f"{a}.ipynb"
            if nb.is_file() and "ERROR" not in gen.output:
                pool.submit(validate_release, a, gen)
            else:
                released[a].set_result(Released(course, gen, None))

    pool.submit(generate_all)
    sources = {a: pool.submit(validate_source, a) for a in ASSIGNMENTS}
    yield Jobs(sources, released)
    pool.shutdown(wait=True, cancel_futures=True)


# --- (a) lessons run headless --------------------------------------------------------------------


def _problems(nb: nbformat.NotebookNode) -> list[str]:
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.get("outputs", []):
            if o.output_type == "error":
                out.append(f"cell {cell.get('id')}: {o.ename}: {o.evalue}")
            elif o.output_type == "stream" and o.name == "stderr":
                out.append(f"cell {cell.get('id')}: stderr: {o.text[:300]}")
            html = o.get("data", {}).get("text/html", "")
            if any(s in html for s in CANNOT_START):
                out.append(f"cell {cell.get('id')}: shows an error notice: {html[-300:]}")
    return out


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_runs_headless(lesson: Path, tmp_path: Path, nbgrader_jobs: Jobs) -> None:
    from nbclient import NotebookClient

    work = tmp_path / "curriculum"
    shutil.copytree(REPO / "curriculum", work)  # transcripts the players write stay here
    nb = nbformat.read(work / lesson.name, as_version=4)
    NotebookClient(
        nb,
        kernel_name="python3",
        timeout=120,
        allow_errors=True,
        resources={"metadata": {"path": str(work)}},
    ).execute()
    problems = _problems(nb)
    assert not problems, f"{lesson.name}:\n" + "\n".join(problems)
    # every role-play, quiz and interactive tool put a widget on the page
    source = parse_lesson(REPO / "curriculum" / "src" / f"{lesson.stem}.md")
    widgets = [
        c
        for c in nb.cells
        if c.cell_type == "code"
        and any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs)
    ]
    wanted = [
        b
        for b in source.blocks
        if not isinstance(b, str)
        and b.name in ("play", "quiz", "directory-search", "referral-tracker")
    ]
    assert len(widgets) == len(wanted), (
        f"{lesson.name}: {len(wanted)} role-plays/quizzes/tools but {len(widgets)} widgets shown"
    )
    assert not list((REPO / "curriculum").glob("*.transcript.json")), (
        "a lesson run wrote into the repository"
    )


# --- (b) nbgrader validate on the sources --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.nbgrader
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_validates(assignment: str, nbgrader_jobs: Jobs) -> None:
    run = nbgrader_jobs.sources[assignment].result()
    assert validated(run, invert=False), run.report()


# --- (c) released versions fail every test, and leak no key ---------------------------------------


@pytest.mark.slow
@pytest.mark.nbgrader
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebook_validates_inverted_and_has_no_leaks(
    assignment: str, nbgrader_jobs: Jobs
) -> None:
    r = nbgrader_jobs.released[assignment].result()
    assert r.validate is not None, "generate_assignment failed:\n" + r.generate.report()
    assert validated(r.validate, invert=True), r.validate.report()
    release_dir = r.course.root / "release" / assignment
    assert find_leaks(release_dir, r.course.keys / assignment) == []
    # nothing of the key travels: no reference transcripts or answers, no rubric notes
    assert not list(release_dir.glob("*.transcript.json"))
    assert not list(release_dir.glob("*.answers.json"))


def rubric_secrets(assignment: str) -> list[tuple[str, str]]:
    """(what, text) of every supervisor-only part of the assignment's written answers:
    rubric notes and model answers."""
    path = REPO / "assignments" / "src" / f"{assignment}.md"
    out = []
    for b in parse_lesson(path).blocks:
        if isinstance(b, str) or b.name != "answer":
            continue
        rubric = parse_rubric(b, path)
        if rubric.model_answer:
            out.append((f"model answer of '{b.args[0]}'", rubric.model_answer))
        out += [(f"rubric note '{c.id}' of '{b.args[0]}'", c.note) for c in rubric.rubric if c.note]
    return out


def _norm(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text).lower().split())


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            yield from _strings(v)


def _leaked(release_dir: Path, secrets: list[tuple[str, str]]) -> list[str]:
    """Which secrets appear in a release folder: in any text file, and in a notebook's cell
    sources, outputs and metadata (read as values, so JSON escaping does not hide them)."""
    texts = {}
    for p in release_dir.iterdir():
        if not p.is_file():
            continue
        raw = p.read_text(encoding="utf-8")
        parts = [raw]
        if p.suffix == ".ipynb":
            parts += list(_strings(json.loads(raw)))
        texts[p.name] = _norm(" ".join(parts))
    return [
        f"{name}: {what}"
        for what, secret in secrets
        for name, text in texts.items()
        if _norm(secret)[:80] in text
    ]


@pytest.mark.slow
@pytest.mark.nbgrader
@pytest.mark.parametrize(
    "assignment",
    [
        a
        for a in ASSIGNMENTS
        if any(what.startswith("model answer") for what, _ in rubric_secrets(a))
    ],
)
def test_released_notebook_has_no_model_answers(assignment: str, nbgrader_jobs: Jobs) -> None:
    r = nbgrader_jobs.released[assignment].result()
    secrets = [s for s in rubric_secrets(assignment) if s[0].startswith("model answer")]
    assert not _leaked(r.course.root / "release" / assignment, secrets)


@pytest.mark.slow
@pytest.mark.nbgrader
@pytest.mark.parametrize(
    "assignment",
    [
        a
        for a in ASSIGNMENTS
        if any(what.startswith("rubric note") for what, _ in rubric_secrets(a))
    ],
)
def test_released_notebook_has_no_rubric_notes(assignment: str, nbgrader_jobs: Jobs) -> None:
    r = nbgrader_jobs.released[assignment].result()
    secrets = [s for s in rubric_secrets(assignment) if s[0].startswith("rubric note")]
    assert not _leaked(r.course.root / "release" / assignment, secrets)


# --- (d) committed without outputs ----------------------------------------------------------------


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=[rel(p) for p in ALL_NOTEBOOKS])
def test_notebook_is_committed_without_outputs(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    dirty = [
        c.get("id")
        for c in nb.cells
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert not dirty, f"{rel(notebook)}: cells with outputs or execution counts: {dirty}"
    assert "widgets" not in nb.metadata, f"{rel(notebook)}: saved widget state in metadata"
