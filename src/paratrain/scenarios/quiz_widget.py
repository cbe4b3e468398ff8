"""The quiz view: radio buttons or tick boxes per question, each answer saved at once."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

import ipywidgets as w

from paratrain.atomic import move_aside
from paratrain.errors import TranscriptError
from paratrain.scenarios import answers as ans
from paratrain.scenarios import render
from paratrain.scenarios.model import Mode, Question, Quiz

log = logging.getLogger("paratrain.widget")


class QuizView:
    """Shows a quiz and keeps its answers file up to date."""

    def __init__(self, quiz: Quiz, answers_file: str | Path) -> None:
        self.quiz = quiz
        self.path = Path(answers_file)
        self.errors: list[str] = []
        self.practice = quiz.mode is Mode.PRACTICE
        self.status = w.HTML()
        self.answers = self._resume()
        self.feedback: dict[str, w.HTML] = {}
        self.inputs: dict[str, list[w.ValueWidget]] = {}
        rows: list[w.Widget] = [
            w.HTML(
                render.CSS + f'<div class="pt-card"><h3>{escape(quiz.title)}'
                f'<span class="pt-badge {quiz.mode.value}">{quiz.mode.value}'
                "</span></h3>" + self._intro() + "</div>"
            )
        ]
        for n, q in enumerate(quiz.questions, start=1):
            rows.extend(self._question(n, q))
        rows.append(self.status)
        self.widget = w.VBox(rows, layout=w.Layout(max_width="900px"))
        self.widget.add_class("pt-quiz")
        self._render_status()

    def _intro(self) -> str:
        if self.practice:
            return "<p>Choose an answer to see an explanation. Your answers are saved.</p>"
        return (
            "<p>Your answers are saved as you choose them. You can change them until you "
            "submit. Results appear after grading.</p>"
        )

    def _resume(self) -> ans.Answers:
        if not self.path.exists():
            return ans.Answers.new(self.quiz)
        try:
            a = ans.load(self.path)
            ans.check(self.quiz, a, self.path) if self.quiz.has_key else None
            if a.quiz_id != self.quiz.id:
                raise TranscriptError("answers belong to another quiz", path=self.path)
            return a
        except TranscriptError as exc:
            kept = move_aside(self.path, "unreadable")
            self.status.value = render.notice(
                f"Your saved answers could not be read ({exc.detail}). They were kept as "
                f"'{kept.name}'. Please answer again and tell your supervisor."
            )
            return ans.Answers.new(self.quiz)

    def _question(self, n: int, q: Question) -> list[w.Widget]:
        prompt = w.HTML(f'<div class="pt-prompt">{n}. {escape(q.prompt)}</div>')
        prior = self.answers.answers.get(q.id)
        selected = set(prior.selected) if prior else set()
        fb = w.HTML()
        self.feedback[q.id] = fb
        if q.select == "one":
            labels = [(o.text, o.id) for o in q.options]
            value = next(iter(selected)) if selected else None
            radio = w.RadioButtons(
                options=labels, value=value, description="", layout=w.Layout(width="100%")
            )
            radio.observe(
                lambda ch, q=q: self._changed(q, (ch["new"],) if ch["new"] else ()), names="value"
            )
            self.inputs[q.id] = [radio]
            body: list[w.Widget] = [radio]
        else:
            boxes = [
                w.Checkbox(
                    value=o.id in selected,
                    description=o.text,
                    indent=False,
                    layout=w.Layout(width="100%"),
                )
                for o in q.options
            ]
            for box in boxes:
                box.observe(
                    lambda _ch, q=q, boxes=boxes: self._changed(
                        q, tuple(o.id for o, b in zip(q.options, boxes, strict=True) if b.value)
                    ),
                    names="value",
                )
            self.inputs[q.id] = list(boxes)
            body = [w.HTML("<i>Tick all that apply.</i>"), *boxes]
        if prior:
            fb.value = self._explain(q, prior.selected)
        return [prompt, *body, fb]

    def _changed(self, q: Question, selected: tuple[str, ...]) -> None:
        new = self.answers.with_answer(q.id, selected)
        try:
            ans.save(self.path, new)
        except OSError as exc:
            msg = f"Your answer could not be saved ({exc.strerror}). Please tell your supervisor."
            self.errors.append(msg)
            log.error("quiz: %s", msg)
            self.status.value = render.notice(msg)
            return
        self.answers = new
        self.feedback[q.id].value = self._explain(q, selected)
        self._render_status()

    def _explain(self, q: Question, selected: tuple[str, ...]) -> str:
        if not self.practice or not selected or not q.correct_ids:
            return ""
        ok = frozenset(selected) == q.correct_ids
        cls, word = ("helpful", "Correct.") if ok else ("harmful", "Not quite.")
        return (
            f'<div class="pt-fb {cls}" role="status"><span class="pt-tag">{word}</span> '
            f"{escape(q.explanation or '')}</div>"
        )

    def _render_status(self) -> None:
        done = sum(1 for a in self.answers.answers.values() if a.selected)
        self.status.value = (self.status.value if "pt-notice" in self.status.value else "") + (
            f'<span class="pt-saved" title="{self.path.name}">Saved automatically · {done} of '
            f"{len(self.quiz.questions)} answered</span>"
        )

    def select(self, question_id: str, option_ids: tuple[str, ...]) -> None:
        """Answer a question as a click would (used by tests and the demo)."""
        q = self.quiz.question_by_id[question_id]
        inputs = self.inputs[question_id]
        if q.select == "one":
            inputs[0].value = option_ids[0] if option_ids else None
        else:
            for o, box in zip(q.options, inputs, strict=True):
                box.value = o.id in option_ids
