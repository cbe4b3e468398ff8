"""Cohort reports: pure frame builders (:mod:`~paratrain.reports.frames`), then renderers
(HTML with plots, CSV exports, an nbgrader export plugin).

    from paratrain.reports import write_cohort_report
    html = write_cohort_report(course_root, out_dir)
"""

from __future__ import annotations

from paratrain.reports.api import write_cohort_report, write_exports, write_trainee_record

__all__ = ["write_cohort_report", "write_exports", "write_trainee_record"]
