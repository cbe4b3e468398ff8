"""Entry points that read a course, build frames and write files: what the CLI, the demo and
the review notebook call."""

from __future__ import annotations

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


def _load(course_root: str | Path | Course, store: Store | None, store_url: str | None,
          now: datetime | None) -> CohortInputs:
    course = course_root if isinstance(course_root, Course) else open_course(course_root)
    st = store or open_store(course, store_url)
    try:
        return load_inputs(course, st, now=now)
    finally:
        if store is None:
            st.close()


def write_report(course_root: str | Path | Course, out_dir: str | Path, *,
                 store: Store | None = None, store_url: str | None = None,
                 csv: bool = True, records: bool = False,
                 now: datetime | None = None) -> ReportFiles:
    """The cohort report (HTML), and optionally the CSV exports and every trainee's record."""
    inp = _load(course_root, store, store_url, now)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    html = out / REPORT_NAME
    atomic_write_text(html, render_cohort(inp))
    files = export.write_all(inp, out) if csv else {}
    recs = []
    if records:
        for sid in inp.gradebook.students["student"]:
            recs.append(_write_record(inp, sid, out / "records"))
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


def write_trainee_record(course_root: str | Path | Course, student: str, out_dir: str | Path, *,
                         store: Store | None = None, store_url: str | None = None,
                         now: datetime | None = None) -> Path:
    """Write ``<out_dir>/<student>.html``, the trainee's competency record."""
    return _write_record(_load(course_root, store, store_url, now), student, Path(out_dir))


def write_exports(course_root: str | Path | Course, out_dir: str | Path, *,
                  store: Store | None = None, store_url: str | None = None) -> dict[str, Path]:
    """Only the CSV exports (long, wide, competency levels)."""
    return export.write_all(_load(course_root, store, store_url, None), Path(out_dir))
