"""The cohort report, trainee records and CSV exports on a graded course, and the nbgrader
export plugin through the real ``nbgrader export`` command."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paratrain.cohort.course import Course
from paratrain.reports import write_cohort_report, write_trainee_record
from paratrain.supervision import flags, reviews, sessions
from paratrain.supervision.store import Store
from paratrain.supervision.submissions import assignment_plan, read_submission
from tests.supervision.course_builder import A

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def populate(course: Course, store: Store) -> None:
    """Flags, two raters on the same submissions, a sign-off-free record, a session."""
    flags.raise_flags(course, store=store)
    plan = assignment_plan(course, A)
    for sid in ("ana", "ben"):
        sub = read_submission(course, sid, A, plan)
        for comp, lv in sub.levels.items():
            reviews.rate(store, sub, comp, lv.level, reviewer="grace")
            other = min(4, lv.level + (1 if sid == "ben" else 0))
            reviews.rate(
                store,
                sub,
                comp,
                other,
                reviewer="omar",
                comment="" if other == lv.level else "saw more skill",
            )
    sessions.record_session(
        store,
        course.course_id,
        sessions.Session("ana", "grace", "2026-02-02", 60, "individual", ("boundaries",)),
        by="grace",
    )


def test_cohort_report_sections_and_exports(course: Course, store: Store, tmp_path: Path) -> None:
    populate(course, store)
    store.close()
    html_path = write_cohort_report(course.root, tmp_path / "out")
    html = html_path.read_text()
    for text in (
        "Open flags",
        "Completion and lateness by module",
        "Score distributions",
        "Competency levels",
        "Moments that trip trainees up",
        "Supervision log",
        "Possible real identifying information",
        "<svg",
    ):
        assert text in html, text
    assert "<metadata>" not in html and "<script" not in html  # self-contained, no scripts
    assert 'src="http' not in html and 'href="http' not in html
    long = rows(tmp_path / "out" / "scores-long.csv")
    eve = [r for r in long if r["student"] == "eve"]
    assert eve and all(r["score"] == "" for r in eve)
    wide = rows(tmp_path / "out" / "scores-wide.csv")
    assert {r["student"] for r in wide} == {"ana", "ben", "cy", "dee", "eve"}
    assert any(k.endswith("/t01-note") for k in wide[0])
    rec = write_trainee_record(course.root, "ben", tmp_path / "records").read_text()
    assert "Competency record: Ben Brook" in rec and "saw more skill" in rec


def test_nbgrader_export_uses_our_plugin(course: Course, tmp_path: Path) -> None:
    exe = str(Path(sys.executable).parent / "nbgrader")
    for cls, name in (("LongExport", "long.csv"), ("WideExport", "wide.csv")):
        proc = subprocess.run(
            [
                exe,
                "export",
                f"--exporter=paratrain.reports.nbgrader_export.{cls}",
                "--to",
                str(tmp_path / name),
            ],
            cwd=course.root,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ},
        )
        assert proc.returncode == 0, proc.stderr
    long = rows(tmp_path / "long.csv")
    assert {"student", "assignment", "item", "kind", "score", "max_score"} <= set(long[0])
    ana_rp = next(r for r in long if r["student"] == "ana" and r["kind"] == "role-play")
    assert float(ana_rp["score"]) == 10.0
    wide = rows(tmp_path / "wide.csv")
    assert len(wide) == 5 and "total" in wide[0]
