"""The supervisor review screen: a thin ipywidgets view over the review model.

Choose a cohort, a trainee and a submission; open flags come first; then tabs for the
role-plays (with the feedback each choice carried), the written answers (scored criterion by
criterion with their rubric), the competency levels (confirm or override with a comment), the
module sign-off, and the history of every entry. Every button goes through :meth:`_guard`
(:func:`paratrain.widget_guard.guarded`): a problem the supervisor can fix (a missing comment,
an unmet criterion) is shown on screen; anything unexpected is shown and logged, never lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

import ipywidgets as w

from paratrain.cohort.course import Course, open_course
from paratrain.competencies.levels import LEVEL_NAMES
from paratrain.errors import ParatrainError
from paratrain.scenarios.render import notice
from paratrain.supervision import flags as flag_ops
from paratrain.supervision import review_model as model
from paratrain.supervision import review_render as view
from paratrain.supervision import reviews, rubrics
from paratrain.supervision.review_model import Loaded
from paratrain.supervision.store import Store, open_store
from paratrain.widget_guard import guarded

log = logging.getLogger("paratrain.widget")

MARKS = [("Met", 1.0), ("Partly", 0.5), ("Not met", 0.0)]
LEVELS = [(f"{k} {v}", k) for k, v in LEVEL_NAMES.items()]
WIDE = w.Layout(width="100%")


def _ok(text: str) -> str:
    return f'<div class="pt-saved" role="status">✔ {text}</div>'


class ReviewApp:
    """The review screen. ``courses`` defaults to :func:`review_model.find_courses`."""

    def __init__(
        self,
        courses: list[Path] | None = None,
        *,
        reviewer: str | None = None,
        store_url: str | None = None,
    ) -> None:
        self.store_url = store_url
        self.course: Course | None = None
        self.store: Store | None = None
        self.loaded: Loaded | None = None
        self._shown: tuple[str, str] | None = None
        self.level_widgets: dict[str, tuple[w.Dropdown, w.Text, w.Button]] = {}
        self.answer_widgets: dict[str, tuple[dict[str, w.ToggleButtons], w.Text, w.Button]] = {}
        self.answer_texts: dict[str, w.HTML] = {}
        paths, problem = model.usable_courses(
            courses if courses is not None else model.find_courses()
        )
        style = {"description_width": "90px"}
        self.reviewer = w.Text(
            value=reviewer if reviewer is not None else model.default_reviewer(),
            description="Your name",
            placeholder="recorded with every entry",
            style=style,
        )
        self.course_pick = w.Dropdown(
            options=model.course_options(paths),
            value=None,
            description="Cohort",
            style=style,
            layout=w.Layout(width="420px"),
        )
        self.trainee_pick = w.Dropdown(
            options=[], description="Trainee", style=style, layout=w.Layout(width="420px")
        )
        self.assignment_pick = w.Dropdown(
            options=[], description="Submission", style=style, layout=w.Layout(width="520px")
        )
        self.flags_html = w.HTML()
        self.flag_pick = w.Dropdown(options=[], description="Flag", style=style)
        self.flag_note = w.Text(
            placeholder="What you checked and what was done", layout=w.Layout(width="420px")
        )
        self.resolve_button = w.Button(
            description="Resolve flag", icon="check", button_style="warning"
        )
        self.roleplays = w.HTML()
        self.answers = w.VBox()
        self.levels = w.VBox()
        self.status_html = w.HTML()
        self.signoff_comment = w.Text(
            placeholder="Comment (optional)", layout=w.Layout(width="420px")
        )
        self.signoff_button = w.Button(
            description="Sign off this module", icon="certificate", button_style="success"
        )
        self.history = w.HTML()
        self.message = w.HTML()
        # what to set when no course was found (shown above the pickers, where one looks)
        self.setup = w.HTML(notice(problem) if problem else "")
        self.tabs = w.Tab(
            children=[
                self.roleplays,
                self.answers,
                self.levels,
                w.VBox([self.status_html, w.HBox([self.signoff_comment, self.signoff_button])]),
                self.history,
            ]
        )
        for i, title in enumerate(
            ["Role-plays", "Written answers", "Competencies", "Sign-off", "History"]
        ):
            self.tabs.set_title(i, title)
        self.flag_box = w.VBox(
            [self.flags_html, w.HBox([self.flag_pick, self.flag_note, self.resolve_button])]
        )
        self.widget = w.VBox(
            [
                w.HTML(view.CSS + "<h2 style='margin:4px 0'>Supervisor review</h2>"),
                self.setup,
                w.HBox([self.course_pick, self.reviewer]),
                w.HBox([self.trainee_pick, self.assignment_pick]),
                w.HTML("<h3 style='margin:8px 0 2px'>Open flags</h3>"),
                self.flag_box,
                self.message,
                self.tabs,
            ],
            layout=w.Layout(max_width="1000px"),
        )
        self.widget.add_class("pt-review")
        self.course_pick.observe(self._guard(self._on_course), names="value")
        self.trainee_pick.observe(self._guard(self._on_trainee), names="value")
        self.assignment_pick.observe(self._guard(self._on_assignment), names="value")
        self.resolve_button.on_click(self._guard(self._on_resolve))
        self.signoff_button.on_click(self._guard(self._on_signoff))
        if paths:
            self.course_pick.value = str(paths[0])

    # --- plumbing -------------------------------------------------------------------------
    def _guard(self, fn: Callable[[], None]) -> Callable[..., None]:
        return guarded(fn, self._show, log, saving="Your entry")

    def _show(self, text: str) -> None:
        self.message.value = notice(text)

    def _who(self) -> str:
        who = str(self.reviewer.value).strip()
        if not who:
            raise ParatrainError(
                "Type your name in 'Your name' first: it is recorded with "
                "every rating, score and sign-off."
            )
        return who

    def _need(self) -> tuple[Course, Store, Loaded]:
        if self.course is None or self.store is None or self.loaded is None:
            raise ParatrainError("Choose a cohort, a trainee and a submission first.")
        return self.course, self.store, self.loaded

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    # --- pickers --------------------------------------------------------------------------
    def _on_course(self) -> None:
        self.close()
        self.course = self.loaded = None
        self._shown = None
        self.trainee_pick.options = []
        if not self.course_pick.value:
            return
        self.course = open_course(self.course_pick.value)
        self.store = open_store(self.course, self.store_url)
        rubrics.sync_rubrics(self.store, self.course)
        self.trainee_pick.options = model.trainee_choices(self.course, self.store)
        self.message.value = ""

    def _on_trainee(self) -> None:
        self.assignment_pick.options = []
        if self.course is None or self.store is None or not self.trainee_pick.value:
            return
        self.assignment_pick.options = model.assignment_choices(
            self.course, self.store, self.trainee_pick.value
        )

    def _on_assignment(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the chosen submission again and redraw everything."""
        if (
            self.course is None
            or self.store is None
            or not self.assignment_pick.value
            or not self.trainee_pick.value
        ):
            self.loaded = None
            return
        self.loaded = model.load(
            self.course, self.store, self.trainee_pick.value, self.assignment_pick.value
        )
        self.render()

    # --- view -----------------------------------------------------------------------------
    def render(self) -> None:
        _course, store, ld = self._need()
        sub = ld.submission
        self.flags_html.value = view.CSS + view.flags_html(ld.flags)
        self.flag_pick.options = [(f"#{v.id} {v.flag.kind}", v.id) for v in ld.flags]
        self.flag_pick.value = ld.flags[0].id if ld.flags else None  # the most serious first
        self.flag_box.layout.display = None
        self.roleplays.value = view.CSS + '<div class="sv">' + view.roleplays_html(sub) + "</div>"
        shown = (sub.student, sub.assignment)
        if shown != self._shown:  # a new submission: new rows; else keep the widgets in place
            self._render_answers(ld)
            self._render_levels(ld)
            self._shown = shown
        else:
            self._refresh_values(ld)
        self.status_html.value = '<div class="sv">' + view.status_html(ld.status) + "</div>"
        cid = sub.course_id
        self.history.value = (
            '<div class="sv"><h3>Competency ratings</h3>'
            + view.history_html(
                reviews.rating_history(store, cid, sub.student, sub.assignment), "rating"
            )
            + "<h3>Rubric scores</h3>"
            + view.history_html([s for s in ld.scores.values() if s], "score")
            + "<h3>Sign-offs</h3>"
            + view.history_html(
                reviews.signoff_history(store, cid, sub.student, sub.assignment), "signoff"
            )
            + "</div>"
        )

    def _render_answers(self, ld: Loaded) -> None:
        self.answer_widgets = {}
        self.answer_texts = {}
        parts: list[w.Widget] = []
        for ans in ld.submission.answers:
            gid = ans.spec.grade_id
            rubric = ld.rubrics.get(gid)
            self.answer_texts[gid] = w.HTML(
                '<div class="sv">'
                + view.answer_html(gid, ans.spec.prompt, ans.text, ld.scores.get(gid))
                + "</div>"
            )
            parts.append(self.answer_texts[gid])
            if rubric is None:
                parts.append(
                    w.HTML(
                        '<p class="sv-muted">No rubric: grade this answer in the formgrader.</p>'
                    )
                )
                continue
            parts.append(w.HTML('<div class="sv">' + view.rubric_html(rubric) + "</div>"))
            old = (ld.scores.get(gid) or {}).get("marks", {})
            toggles = {}
            for c in rubric.rubric:
                t = w.ToggleButtons(
                    options=MARKS,
                    value=old.get(c.id),
                    description=c.id,
                    tooltips=[c.criterion] * 3,
                    style={"description_width": "140px", "button_width": "80px"},
                )
                toggles[c.id] = t
                parts.append(t)
            comment = w.Text(
                placeholder="Comment the trainee will read (optional)",
                layout=w.Layout(width="520px"),
            )
            save = w.Button(
                description=f"Save score for {gid}",
                icon="save",
                button_style="primary",
                layout=w.Layout(width="auto"),
            )
            save.on_click(self._guard(partial(self._on_score, gid)))
            parts += [w.HBox([comment, save])]
            self.answer_widgets[gid] = (toggles, comment, save)
        if not parts:
            parts = [w.HTML('<p class="sv-muted">No written answers in this assignment.</p>')]
        self.answers.children = parts

    def _render_levels(self, ld: Loaded) -> None:
        self.level_widgets = {}
        rows: list[w.Widget] = [
            w.HTML(
                '<div class="sv">'
                + view.levels_html(ld.submission, ld.status.ratings)
                + "<p>Confirm each computed level, or choose "
                "another with a comment saying why.</p></div>"
            )
        ]
        for comp, lv in ld.submission.levels.items():
            current = ld.status.ratings.get(comp, {}).get("level", lv.level)
            pick = w.Dropdown(options=LEVELS, value=current, layout=w.Layout(width="230px"))
            comment = w.Text(
                placeholder="Comment (required to override)", layout=w.Layout(width="330px")
            )
            save = w.Button(description="Save", icon="check", layout=w.Layout(width="80px"))
            save.on_click(self._guard(partial(self._on_rate, comp)))
            rows.append(
                w.HBox(
                    [
                        w.HTML(f"<div style='width:260px'>{view.comp_name(comp)}</div>"),
                        pick,
                        comment,
                        save,
                    ]
                )
            )
            self.level_widgets[comp] = (pick, comment, save)
        self.levels.children = rows

    def _refresh_values(self, ld: Loaded) -> None:
        """After a save: new texts and values, same widgets (so focus and clicks carry on)."""
        head = self.levels.children[0]
        if isinstance(head, w.HTML):
            head.value = (
                '<div class="sv">'
                + view.levels_html(ld.submission, ld.status.ratings)
                + "<p>Confirm each computed level, or "
                "choose another with a comment saying why.</p></div>"
            )
        for comp, (pick, comment, _save) in self.level_widgets.items():
            rating = ld.status.ratings.get(comp)
            if rating:
                pick.value = rating["level"]
            comment.value = ""
        for gid, (toggles, comment, _save) in self.answer_widgets.items():
            marks = (ld.scores.get(gid) or {}).get("marks", {})
            for cid, t in toggles.items():
                t.value = marks.get(cid, t.value)
            comment.value = ""
        for ans in ld.submission.answers:
            gid = ans.spec.grade_id
            if gid in self.answer_texts:
                self.answer_texts[gid].value = (
                    '<div class="sv">'
                    + view.answer_html(gid, ans.spec.prompt, ans.text, ld.scores.get(gid))
                    + "</div>"
                )

    # --- actions --------------------------------------------------------------------------
    def _on_rate(self, comp: str) -> None:
        _course, store, ld = self._need()
        pick, comment, _save = self.level_widgets[comp]
        reviews.rate(
            store, ld.submission, comp, int(pick.value), reviewer=self._who(), comment=comment.value
        )
        self.reload()
        self.message.value = _ok(f"{view.comp_name(comp)}: level {pick.value} saved.")

    def _on_score(self, gid: str) -> None:
        course, store, ld = self._need()
        toggles, comment, _save = self.answer_widgets[gid]
        marks = {cid: t.value for cid, t in toggles.items() if t.value is not None}
        row = rubrics.score_answer(
            store,
            course,
            ld.key(gid),
            ld.submission.student,
            marks,
            reviewer=self._who(),
            comment=comment.value,
        )
        self.reload()
        self.message.value = _ok(
            f"{gid}: {row['total']:g} of {row['max_total']:g} points "
            "saved and written to the gradebook."
        )

    def _on_resolve(self) -> None:
        _course, store, _ld = self._need()
        if self.flag_pick.value is None:
            raise ParatrainError("Choose the flag to resolve.")
        fid = int(self.flag_pick.value)
        flag_ops.resolve_flag(store, fid, by=self._who(), note=self.flag_note.value)
        self.flag_note.value = ""
        self.reload()
        self.message.value = _ok(f"Flag #{fid} resolved.")

    def _on_signoff(self) -> None:
        _course, store, ld = self._need()
        try:
            reviews.sign_off(
                store,
                ld.submission,
                ld.plan,
                reviewer=self._who(),
                comment=self.signoff_comment.value,
            )
        except reviews.SignOffError as exc:
            self.message.value = notice("Not signed off yet: " + "; ".join(exc.unmet))
            return
        self.reload()
        self.message.value = _ok(
            f"{ld.submission.assignment} signed off for {ld.submission.student}."
        )


def review(course: str | Path | None = None, *, store_url: str | None = None) -> ReviewApp:
    """The review screen, for one course or every course found from the notebook's folder."""
    return ReviewApp([Path(course).resolve()] if course else None, store_url=store_url)
