"""The role-play player: a thin ipywidgets view over a
:class:`~paratrain.scenarios.session.PlaySession`.

Every click goes ``session.choose`` (engine → transcript event → atomic save) → re-render. If
the save fails nothing changes on screen and the trainee is told, so the screen never shows a
choice that is not on disk. On start the session replays the transcript on disk, so a kernel
restart, page reload or Run All resumes exactly where the trainee was.

Layout, top to bottom: persona card, the conversation so far, feedback on the response just
made (practice), then the next question with its options — or a text box for a reply in the
trainee's own words — and the controls. After a response, keyboard focus moves to the first
option (or the text box) of the next question, right below the feedback; the feedback is an
ARIA live region, so screen-reader users hear it at once, and one Shift+Tab reaches it.
(ipywidgets can focus buttons and text boxes from Python, not an HTML block.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import ipywidgets as w

from paratrain.scenarios import engine, render, scoring
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.model import Scenario
from paratrain.scenarios.session import PlaySession
from paratrain.widget_guard import guarded

log = logging.getLogger("paratrain.widget")

MAX_CHOICES = 6


class Player:
    """Plays one scenario and keeps its transcript file up to date.

    Parameters
    ----------
    scenario:
        The scenario (for assessments, the released copy without its key).
    transcript_file:
        Where choices are saved, normally ``<scenario-id>.transcript.json`` beside the notebook.
    trainee:
        Who is playing; the options are shuffled for them (``None``: the authored order).
    """

    def __init__(
        self,
        scenario: Scenario,
        transcript_file: str | Path,
        *,
        trainee: str | None = None,
        on_saved: Callable[[tx.Transcript], None] | None = None,
    ) -> None:
        self.session = PlaySession(scenario, transcript_file, trainee=trainee, on_saved=on_saved)
        self.scenario = scenario
        self.path = self.session.path
        self.errors: list[str] = []
        self.practice = self.session.practice

        self.card = w.HTML(render.CSS + render.persona_card(scenario))
        self.conv = w.HTML()
        # Tab reaches the feedback (tabbable), and it is a live region: screen readers read
        # it out when it changes
        self.feedback = w.HTML(tabbable=True)
        self.feedback_region = w.VBox([self.feedback])
        self.feedback_region.add_class("pt-fb-region")
        self.prompt = w.HTML('<div class="pt-prompt">What do you say next?</div>')
        self.buttons = [self._make_button(i) for i in range(MAX_CHOICES)]
        self.choice_box = w.VBox(self.buttons, layout=w.Layout(max_width="860px"))
        self.reply_text = w.Textarea(
            placeholder="Write what you would say, as you would say it out loud.",
            layout=w.Layout(width="100%", max_width="860px", height="7em"),
        )
        self.reply_text.add_class("pt-reply-text")
        self.reply_send = w.Button(
            description="Send my reply",
            icon="paper-plane",
            tooltip="Save your reply and continue the conversation",
            layout=w.Layout(width="auto"),
        )
        self.reply_send.add_class("pt-reply-send")
        self.reply_send.on_click(self._guard(self._on_reply))
        self.reply_box = w.VBox([self.reply_text, self.reply_send])
        self.back_button = w.Button(
            description="Step back and try another response",
            icon="undo",
            tooltip="Undo your last response and choose again (practice only)",
            layout=w.Layout(width="auto"),
        )
        self.restart_button = w.Button(
            description="Start this role-play again",
            icon="refresh",
            tooltip="Begin again from the start; your earlier tries stay in the record",
            layout=w.Layout(width="auto"),
        )
        self.back_button.on_click(self._guard(self._on_back))
        self.restart_button.on_click(self._guard(self._on_restart))
        self.controls = w.HBox([self.back_button, self.restart_button])
        self.status = w.HTML()
        self.summary = w.HTML()
        self.widget = w.VBox(
            [
                self.card,
                self.conv,
                self.feedback_region,
                self.prompt,
                self.choice_box,
                self.reply_box,
                self.controls,
                self.summary,
                self.status,
            ],
            layout=w.Layout(max_width="900px"),
        )
        self.widget.add_class("pt-player")
        self.render()

    # --- what tests and scripted trainees read ------------------------------------------
    @property
    def state(self) -> engine.State:
        return self.session.state

    @property
    def transcript(self) -> tx.Transcript:
        return self.session.transcript

    # --- events -------------------------------------------------------------------------
    def _make_button(self, i: int) -> w.Button:
        b = w.Button(layout=w.Layout(width="100%", height="auto", margin="3px 0"))
        b.add_class("pt-choice")
        b.on_click(self._guard(partial(self._on_choice, i)))
        return b

    def choose(self, choice_id: str) -> None:
        """Take a choice by id (what a click does; also used by tests and demos)."""
        self._run(lambda: self.session.choose(choice_id), saving="Your response")

    def reply(self, text: str) -> None:
        """Send a free-text reply (what the Send button does)."""
        self._run(lambda: self.session.reply(text), saving="Your reply")
        if self.session.last is not None and self.session.last.reply is not None:
            self.reply_text.value = ""

    def _run(self, move: Callable[[], None], *, saving: str) -> None:
        before = self.session.state
        guarded(move, self._show_error, log, saving=saving)()
        if self.session.state is not before:
            self.render(moved=True)

    def _on_choice(self, i: int) -> None:
        offered = self.session.offered()
        if i < len(offered):
            self.choose(offered[i].id)

    def _on_reply(self) -> None:
        self.reply(self.reply_text.value)

    def _on_back(self) -> None:
        self._run(self.session.back, saving="Stepping back")

    def _on_restart(self) -> None:
        self._run(self.session.restart, saving="Starting again")

    def _guard(self, fn: Callable[[], None]) -> Callable[[Any], None]:
        """Run a callback; show any error to the trainee instead of losing it in a log."""
        return guarded(fn, self._show_error, log)

    def _show_error(self, message: str) -> None:
        self.errors.append(message)
        log.error("player: %s", message)
        self.status.value = render.notice(message)

    # --- view ---------------------------------------------------------------------------
    def render(self, *, moved: bool = False) -> None:
        ses, s = self.session, self.scenario
        st = ses.state
        finished = ses.finished
        asks_reply = not finished and ses.node.is_reply
        self.conv.value = render.conversation(s, st)
        offered = ses.offered()
        for i, b in enumerate(self.buttons):
            if i < len(offered):
                b.description = offered[i].text
                b.tooltip = offered[i].text
                b.layout.display = None
            else:
                b.description = ""
                b.layout.display = "none"
        if asks_reply and ses.node.reply is not None:
            prompt = render.escape_text(ses.node.reply.prompt)
            self.prompt.value = f'<div class="pt-prompt">{prompt}</div>'
        else:
            self.prompt.value = '<div class="pt-prompt">What do you say next?</div>'
        self.prompt.layout.display = "none" if finished else None
        self.reply_box.layout.display = None if asks_reply else "none"
        fb = ""
        if self.practice and ses.last is not None:
            last_node = s.node(ses.last.node)
            choice = ses.last_choice()
            fb = (
                render.feedback_box(choice)
                if choice is not None
                else render.reply_box(last_node, graded=False)
            )
        self.feedback.value = fb
        self.feedback_region.layout.display = None if fb else "none"
        self.back_button.layout.display = None if self.practice and st.path else "none"
        self.restart_button.layout.display = None if self.practice and finished else "none"
        if finished and self.practice:
            levels = scoring.path_levels(s, st.path)
            tried = scoring.harmful_steps(s, st.tried)
            self.summary.value = render.summary(s, st, levels, tried)
        elif finished:
            self.summary.value = render.assessment_done()
        else:
            self.summary.value = ""
        n = len(st.path)
        saved = (
            f'<span class="pt-saved" title="{self.path.name}">Saved automatically · '
            f"{n} response{'' if n == 1 else 's'} so far</span>"
        )
        notice = render.notice(ses.notice) if ses.notice else ""
        self.status.value = notice + saved
        if moved:
            self._move_focus(bool(fb), offered)

    def focus_start(self) -> None:
        """Put keyboard focus where the trainee continues (scrolls the player into view)."""
        if self.session.offered():
            self.buttons[0].focus()
        elif self.reply_box.layout.display is None:
            self.reply_text.focus()
        else:
            self.widget.focus()

    def _move_focus(self, has_feedback: bool, offered: tuple[Any, ...]) -> None:
        if offered:
            self.buttons[0].focus()
        elif self.reply_box.layout.display is None:
            self.reply_text.focus()
        elif has_feedback:
            self.feedback.focus()


def player(
    scenario: Scenario, transcript_file: str | Path, *, trainee: str | None = None
) -> Player:
    return Player(scenario, transcript_file, trainee=trainee)
