"""Small screens for the supervisor notebook: rater calibration, the supervision log, and the
cohort report. Each is a thin view: one button calls one library function and shows the result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

import ipywidgets as w
import pandas as pd

from paratrain.cohort.course import Course, open_course
from paratrain.errors import ParatrainError
from paratrain.reports.html import macro, make_table
from paratrain.scenarios.render import notice
from paratrain.supervision import sessions as log_ops
from paratrain.supervision.review_model import (
    COURSES_ENV,
    course_options,
    default_reviewer,
    find_courses,
    usable_courses,
)
from paratrain.supervision.store import open_store
from paratrain.widget_guard import guarded

log = logging.getLogger("paratrain.widget")
STYLE = {"description_width": "90px"}


class _Tool:
    """A course picker, a message line and a guarded button."""

    def __init__(self, courses: list[Path] | None, store_url: str | None) -> None:
        paths, problem = usable_courses(courses if courses is not None else find_courses())
        self.store_url = store_url
        self.course_pick = w.Dropdown(
            options=course_options(paths),
            value=str(paths[0]) if paths else None,
            description="Cohort",
            style=STYLE,
        )
        self.out = w.HTML()
        # no course found: say so here (in one line; the review screen gives the whole
        # instructions), and again when a button is pressed
        self.problem = problem.splitlines()[0] if problem else ""
        if problem and not paths:
            self.problem += f" Set {COURSES_ENV} to the course folder before starting JupyterLab."
        self.message = w.HTML(notice(self.problem) if problem else "")

    def course(self) -> Course:
        if not self.course_pick.value:
            raise ParatrainError(self.problem or "Choose a cohort first.")
        return open_course(self.course_pick.value)

    def guard(self, fn: Callable[[], None]) -> Callable[..., None]:
        return guarded(fn, self._show, log)

    def _show(self, text: str) -> None:
        self.message.value = notice(text)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    widget: w.Widget


class Calibration(_Tool):
    """Agreement between supervisors who rated the same submissions."""

    def __init__(self, courses: list[Path] | None = None, store_url: str | None = None) -> None:
        super().__init__(courses, store_url)
        self.button = w.Button(
            description="Compute agreement",
            icon="balance-scale",
            button_style="primary",
            layout=w.Layout(width="auto"),
        )
        self.button.on_click(self.guard(self.compute))
        self.widget = w.VBox([w.HBox([self.course_pick, self.button]), self.message, self.out])

    def compute(self) -> None:
        from paratrain.supervision.agreement import (
            TARGET,
            agreement,
            disagreements,
            rater_summary,
            ratings_frame,
        )

        with open_store(self.course(), self.store_url) as store:
            ratings = ratings_frame(store, self.course().course_id)
        res = pd.DataFrame([a.as_dict() for a in agreement(ratings)])
        if res.empty:
            self.out.value = notice(
                "No competency has been rated by two or more supervisors "
                "on the same submissions yet."
            )
            return
        res["raters"] = res["raters"].map(", ".join)
        self.out.value = macro(
            "tools.html.j2",
            "calibration",
            TARGET,
            make_table(
                res.round(2),
                [
                    ("competency", "Competency"),
                    ("raters", "Raters"),
                    ("complete_items", "Items", "num"),
                    ("icc", "ICC(A,1)", "num"),
                    ("icc_low", "95% low", "num"),
                    ("icc_high", "95% high", "num"),
                    ("kappa", "Weighted κ", "num"),
                    ("exact", "Exact", "num"),
                    ("note", "Note"),
                ],
            ),
            make_table(
                disagreements(ratings),
                [
                    ("item", "Item"),
                    ("competency", "Competency"),
                    ("ratings", "Ratings"),
                    ("why", "Why"),
                ],
                empty="No large disagreements.",
            ),
            make_table(
                rater_summary(ratings),
                [
                    ("rater", "Rater"),
                    ("ratings", "Ratings", "num"),
                    ("mean_level", "Mean level", "num"),
                    ("vs_others", "vs colleagues", "num"),
                ],
            ),
        )
        self.message.value = ""


class SupervisionLog(_Tool):
    """Record a supervision session (one entry per trainee) and see hours per trainee."""

    def __init__(self, courses: list[Path] | None = None, store_url: str | None = None) -> None:
        super().__init__(courses, store_url)
        self.trainees = w.SelectMultiple(options=[], description="Trainees", rows=5, style=STYLE)
        self.supervisor = w.Text(value=default_reviewer(), description="Supervisor", style=STYLE)
        self.when = w.DatePicker(value=date.today(), description="Date", style=STYLE)
        self.minutes = w.BoundedIntText(
            value=60, min=1, max=log_ops.MAX_MINUTES, description="Minutes", style=STYLE
        )
        self.format = w.Dropdown(options=list(log_ops.FORMATS), description="Format", style=STYLE)
        self.topics = w.Text(
            description="Topics",
            placeholder="separated by ;",
            style=STYLE,
            layout=w.Layout(width="480px"),
        )
        self.notes = w.Textarea(description="Notes", style=STYLE, layout=w.Layout(width="480px"))
        self.save = w.Button(description="Save session", icon="save", button_style="primary")
        self.save.on_click(self.guard(self.record))
        self.course_pick.observe(self.guard(self.refresh), names="value")
        self.widget = w.VBox(
            [
                self.course_pick,
                self.trainees,
                self.supervisor,
                self.when,
                self.minutes,
                self.format,
                self.topics,
                self.notes,
                self.save,
                self.message,
                self.out,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        if not self.course_pick.value:
            return
        course = self.course()
        from paratrain.supervision.gradebook import read_gradebook

        gb = read_gradebook(course.db_url, course.course_id)
        self.trainees.options = list(gb.students["student"])
        with open_store(course, self.store_url) as store:
            rows = log_ops.current_sessions(store, course.course_id)
        totals: dict[str, float] = {}
        for r in rows:
            totals[r["trainee"]] = totals.get(r["trainee"], 0) + r["minutes"] / 60
        frame = pd.DataFrame(sorted(totals.items()), columns=["trainee", "hours"]).round(2)
        self.out.value = macro(
            "tools.html.j2",
            "hours",
            make_table(
                frame,
                [("trainee", "Trainee"), ("hours", "Hours", "num")],
                empty="No sessions recorded yet.",
            ),
        )

    def record(self) -> None:
        course = self.course()
        if not self.trainees.value:
            raise ParatrainError("Choose at least one trainee.")
        if self.when.value is None:
            raise ParatrainError("Choose the date of the session.")
        who = self.supervisor.value.strip()
        with open_store(course, self.store_url) as store:
            for t in self.trainees.value:
                log_ops.record_session(
                    store,
                    course.course_id,
                    log_ops.Session(
                        t,
                        who,
                        self.when.value.isoformat(),
                        int(self.minutes.value),
                        self.format.value,
                        tuple(x for x in self.topics.value.split(";")),
                        self.notes.value,
                    ),
                    by=who,
                )
        self.message.value = macro("tools.html.j2", "saved", len(self.trainees.value))
        self.refresh()


class CohortReport(_Tool):
    """Write the cohort report into ``<course>/reports/`` and say where it is."""

    def __init__(self, courses: list[Path] | None = None, store_url: str | None = None) -> None:
        super().__init__(courses, store_url)
        self.button = w.Button(
            description="Write the cohort report",
            icon="file",
            button_style="primary",
            layout=w.Layout(width="auto"),
        )
        self.button.on_click(self.guard(self.write))
        self.widget = w.VBox([w.HBox([self.course_pick, self.button]), self.message, self.out])

    def write(self) -> None:
        from paratrain.reports.api import write_report

        course = self.course()
        files = write_report(course, course.root / "reports", store_url=self.store_url)
        self.out.value = macro("tools.html.j2", "written", str(files.html), len(files.csv))
        self.message.value = ""


def calibration(course: str | Path | None = None) -> Calibration:
    return Calibration([Path(course).resolve()] if course else None)


def supervision_log(course: str | Path | None = None) -> SupervisionLog:
    return SupervisionLog([Path(course).resolve()] if course else None)


def cohort_report(course: str | Path | None = None) -> CohortReport:
    return CohortReport([Path(course).resolve()] if course else None)
