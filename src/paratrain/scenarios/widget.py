"""The role-play player: a thin ipywidgets view over the engine.

Every click goes ``engine.advance`` -> transcript event -> atomic save -> re-render. If the
save fails the click is undone on screen and the trainee is told, so the screen never shows a
choice that is not on disk. On start the player replays the transcript on disk, so a kernel
restart, page reload or Run All resumes exactly where the trainee was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import ipywidgets as w

from paratrain.atomic import move_aside, remove_stale_temps
from paratrain.errors import ParatrainError, TranscriptError
from paratrain.scenarios import engine, render, scoring
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.model import Mode, Scenario

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
    """

    def __init__(self, scenario: Scenario, transcript_file: str | Path) -> None:
        self.scenario = scenario
        self.path = Path(transcript_file)
        self.errors: list[str] = []
        self.practice = scenario.mode is Mode.PRACTICE
        self._notice = ""
        self.transcript, self.state = self._resume()

        self.card = w.HTML(render.CSS + render.persona_card(scenario))
        self.conv = w.HTML()
        self.prompt = w.HTML('<div class="pt-prompt">What do you say next?</div>')
        self.buttons = [self._make_button(i) for i in range(MAX_CHOICES)]
        self.choice_box = w.VBox(self.buttons, layout=w.Layout(max_width="860px"))
        self.feedback = w.HTML()
        self.back_button = w.Button(
            description="Step back and try another response", icon="undo",
            tooltip="Undo your last response and choose again (practice only)",
            layout=w.Layout(width="auto"))
        self.restart_button = w.Button(
            description="Start this role-play again", icon="refresh",
            tooltip="Begin again from the start; your earlier tries stay in the record",
            layout=w.Layout(width="auto"))
        self.back_button.on_click(self._guard(self._on_back))
        self.restart_button.on_click(self._guard(self._on_restart))
        self.controls = w.HBox([self.back_button, self.restart_button])
        self.status = w.HTML()
        self.summary = w.HTML()
        self.widget = w.VBox(
            [self.card, self.conv, self.prompt, self.choice_box, self.feedback, self.controls,
             self.summary, self.status],
            layout=w.Layout(max_width="900px"),
        )
        self.widget.add_class("pt-player")
        self._last_choice: tuple[str, str] | None = None
        self.render()

    # --- state on disk ------------------------------------------------------------------
    def _resume(self) -> tuple[tx.Transcript, engine.State]:
        remove_stale_temps(self.path)
        if not self.path.exists():
            return tx.Transcript.new(self.scenario), engine.start(self.scenario)
        try:
            t = tx.load(self.path)
            return t, tx.replay(self.scenario, t, self.path)
        except TranscriptError as exc:
            kept = move_aside(self.path, "unreadable")
            self._notice = (
                f"Your saved role-play file could not be read ({exc.detail}). It has been kept "
                f"as '{kept.name}' so nothing is lost, and the role-play starts again from the "
                "beginning. Please tell your supervisor."
            )
            log.warning("transcript %s set aside as %s: %s", self.path, kept, exc.detail)
            return tx.Transcript.new(self.scenario), engine.start(self.scenario)

    def _commit(self, new_t: tx.Transcript, new_state: engine.State) -> bool:
        try:
            tx.save(self.path, new_t)
        except OSError as exc:
            self._show_error(f"Your response could not be saved ({exc.strerror}). Nothing "
                             "was changed; please try again or tell your supervisor.")
            return False
        self.transcript, self.state = new_t, new_state
        return True

    # --- events -------------------------------------------------------------------------
    def _make_button(self, i: int) -> w.Button:
        b = w.Button(layout=w.Layout(width="100%", height="auto", margin="3px 0"))
        b.add_class("pt-choice")
        b.on_click(self._guard(partial(self._on_choice, i)))
        return b

    def choose(self, choice_id: str) -> None:
        """Take a choice by id (what a click does; also used by tests and demos)."""
        node = self.state.node
        new_state = engine.advance(self.scenario, self.state, choice_id)
        if self._commit(self.transcript.with_event("choose", node, choice_id), new_state):
            self._last_choice = (node, choice_id)
            self.render()

    def _on_choice(self, i: int) -> None:
        offered = engine.available_choices(self.scenario, self.state)
        if i < len(offered) and not engine.is_finished(self.scenario, self.state):
            self.choose(offered[i].id)

    def _on_back(self) -> None:
        new_state = engine.step_back(self.scenario, self.state)
        if self._commit(self.transcript.with_event("back", self.state.node), new_state):
            self._last_choice = None
            self.render()

    def _on_restart(self) -> None:
        new_state = engine.restart(self.scenario, self.state)
        if self._commit(self.transcript.with_event("restart", self.state.node), new_state):
            self._last_choice = None
            self.render()

    def _guard(self, fn: Callable[[], None]) -> Callable[[Any], None]:
        """Run a callback; show any error to the trainee instead of losing it in a log."""
        def run(_button: Any = None) -> None:
            try:
                fn()
            except ParatrainError as exc:
                self._show_error(getattr(exc, "detail", None) or str(exc))
            except Exception as exc:
                log.exception("role-play player error")
                self._show_error(f"Something went wrong ({exc.__class__.__name__}). Your "
                                 "earlier responses are saved. Please tell your supervisor.")
        return run

    def _show_error(self, message: str) -> None:
        self.errors.append(message)
        log.error("player: %s", message)
        self.status.value = render.notice(message)

    # --- view ---------------------------------------------------------------------------
    def render(self) -> None:
        s, st = self.scenario, self.state
        finished = engine.is_finished(s, st)
        self.conv.value = render.conversation(s, st)
        offered = () if finished else engine.available_choices(s, st)
        for i, b in enumerate(self.buttons):
            if i < len(offered):
                b.description = offered[i].text
                b.tooltip = offered[i].text
                b.layout.display = None
            else:
                b.description = ""
                b.layout.display = "none"
        self.prompt.layout.display = "none" if finished else None
        fb = ""
        if self.practice and self._last_choice:
            node, cid = self._last_choice
            fb = render.feedback_box(s.node(node).choice_by_id[cid])
        self.feedback.value = fb
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
        saved = (f'<span class="pt-saved" title="{self.path.name}">Saved automatically · '
                 f"{n} response{'' if n == 1 else 's'} so far</span>")
        self.status.value = (render.notice(self._notice) if self._notice else "") + saved


def player(scenario: Scenario, transcript_file: str | Path) -> Player:
    return Player(scenario, transcript_file)
