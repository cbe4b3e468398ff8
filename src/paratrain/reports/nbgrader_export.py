"""nbgrader export plugins, so ``nbgrader export`` can write paratrain's CSVs::

    nbgrader export --exporter=paratrain.reports.nbgrader_export.LongExport --to scores-long.csv
    nbgrader export --exporter=paratrain.reports.nbgrader_export.WideExport --to scores-wide.csv

Long form: one row per trainee and gradable item (missing work included with an empty score).
Wide form: one row per trainee, one column per ``assignment/item``, and a total. ``--student``
and ``--assignment`` filters work as for nbgrader's own CSV exporter. The gradebook is read in
a handful of SQL queries through the engine nbgrader opened.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from nbgrader.plugins import ExportPlugin
from traitlets import Unicode

from paratrain.reports import frames
from paratrain.reports.export import write_csv
from paratrain.reports.inputs import (
    LEVEL_COLUMNS,
    PLAN_COLUMNS,
    RATING_COLUMNS,
    STEP_COLUMNS,
    CohortInputs,
)
from paratrain.supervision.gradebook import read_gradebook


def _plans(root: Path | None) -> pd.DataFrame:
    """The assignment plans when the course is a paratrain course (item kinds, modules)."""
    from paratrain.cohort.course import MANIFEST, open_course
    from paratrain.reports.inputs import plans_frame
    from paratrain.supervision.submissions import assignment_plan

    if root is None or not (root / MANIFEST).is_file():
        return pd.DataFrame(columns=PLAN_COLUMNS)
    course = open_course(root)
    return plans_frame({a: assignment_plan(course, a) for a in course.assignments()})


def _inputs(gradebook: Any, root: Path | None) -> CohortInputs:
    gb = read_gradebook(gradebook.engine, gradebook.course_id)
    empty = pd.DataFrame
    return CohortInputs(
        gradebook.course_id,
        gb,
        _plans(root),
        empty(columns=STEP_COLUMNS),
        empty(columns=LEVEL_COLUMNS),
        empty(columns=RATING_COLUMNS),
        empty(),
        empty(),
        empty(),
        datetime.now(UTC),
    )


class _Base(ExportPlugin):  # type: ignore[misc]
    default_name = Unicode("scores.csv", help="file written when --to is not given")

    def table(self, long: pd.DataFrame) -> pd.DataFrame:
        raise NotImplementedError

    def export(self, gradebook: Any) -> None:
        coursedir = getattr(self.parent, "coursedir", None)
        root = Path(coursedir.root) if coursedir is not None else None
        long = frames.long_export(_inputs(gradebook, root))
        if self.student:
            long = long[long["student"].isin([str(s) for s in self.student])]
        if self.assignment:
            long = long[long["assignment"].isin([str(a) for a in self.assignment])]
        dest = Path(self.to or self.default_name)
        self.log.info("Exporting paratrain %s to %s", type(self).__name__, dest)
        write_csv(self.table(long), dest)


class LongExport(_Base):
    """One row per trainee and item (paratrain's long form)."""

    default_name = Unicode("scores-long.csv", help="file written when --to is not given")

    def table(self, long: pd.DataFrame) -> pd.DataFrame:
        return long


class WideExport(_Base):
    """One row per trainee, one column per item (paratrain's wide form)."""

    default_name = Unicode("scores-wide.csv", help="file written when --to is not given")

    def table(self, long: pd.DataFrame) -> pd.DataFrame:
        return frames.wide_export(long)
