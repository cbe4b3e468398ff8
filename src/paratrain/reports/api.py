"""Entry points that read a course, build frames and write files: what the CLI, the demo and
the review notebook call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from paratrain.atomic import atomic_write_text
from paratrain.cohort.course import Course, open_course
from paratrain.reports import export
from paratrain.reports.cohort import render_cohort
from paratrain.reports.inputs import CohortInputs, load_inputs
from paratrain.reports.record import render_record
from paratrain.supervision.store import Store, open_store

REPORT_NAME = "cohort-report.html"


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    csv: dict[str, Path] = field(default_factory=dict)
    records: tuple[Path, ...] = ()


def _load(
    course_root: str | Path | Course,
    store: Store | None,
    store_url: str | None,
    now: datetime | None,
) -> CohortInputs:
    course = course_root if isinstance(course_root, Course) else open_course(course_root)
    st = store or open_store(course, store_url)
    try:
        return load_inputs(course, st, now=now)
    finally:
        if store is None:
            st.close()


def write_report(
    course_root: str | Path | Course,
    out_dir: str | Path,
    *,
    store: Store | None = None,
    store_url: str | None = None,
    csv: bool = True,
    records: bool = False,
    now: datetime | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ReportFiles:
    """The cohort report (HTML), and optionally the CSV exports and every trainee's record.

    ``progress(done, total, label)`` is called after each step (reading the course, the
    report, the exports, each record).
    """
    say = progress or (lambda _d, _t, _l: None)
    inp = _load(course_root, store, store_url, now)
    students = list(inp.gradebook.students["student"]) if records else []
    total = 2 + int(csv) + len(students)
    say(1, total, "read the course")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    html = out / REPORT_NAME
    atomic_write_text(html, render_cohort(inp))
    say(2, total, html.name)
    files = export.write_all(inp, out) if csv else {}
    if csv:
        say(3, total, "CSV exports")
    recs = []
    for i, sid in enumerate(students, 3 + int(csv)):
        recs.append(_write_record(inp, sid, out / "records"))
        say(i, total, f"record {sid}")
    return ReportFiles(html, files, tuple(recs))


def write_cohort_report(course_root: Path, out_dir: Path) -> Path:
    """Write ``cohort-report.html`` (and the CSV exports) for a course; return the HTML path.

    The course's own supervision store is used (see :mod:`paratrain.supervision.store`).
    """
    return write_report(course_root, out_dir).html


def _write_record(inp: CohortInputs, student: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{student}.html"
    atomic_write_text(path, render_record(inp, student))
    return path


def write_trainee_record(
    course_root: str | Path | Course,
    student: str,
    out_dir: str | Path,
    *,
    store: Store | None = None,
    store_url: str | None = None,
    now: datetime | None = None,
) -> Path:
    """Write ``<out_dir>/<student>.html``, the trainee's competency record."""
    return _write_record(_load(course_root, store, store_url, now), student, Path(out_dir))


def write_exports(
    course_root: str | Path | Course,
    out_dir: str | Path,
    *,
    store: Store | None = None,
    store_url: str | None = None,
) -> dict[str, Path]:
    """Only the CSV exports (long, wide, competency levels)."""
    return export.write_all(_load(course_root, store, store_url, None), Path(out_dir))
