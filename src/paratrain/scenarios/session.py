"""A role-play being played: the engine state and its transcript on disk, without widgets.

:class:`PlaySession` is what a click does — ``engine.advance`` → transcript event → atomic
save — and what a page reload or kernel restart resumes from. The ipywidgets player
(:mod:`paratrain.scenarios.widget`) is a view over it; scripted trainees
(:mod:`paratrain.cohort.simulate`) and tests drive it directly.

Saving comes first: a move is kept (in memory and on screen) only after its event is on
disk, so what a trainee sees is never ahead of what is saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from paratrain.atomic import move_aside, remove_stale_temps
from paratrain.errors import TranscriptError
from paratrain.scenarios import engine
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.model import Choice, Mode, Node, Scenario

log = logging.getLogger("paratrain.session")


class PlaySession:
    """Plays one scenario and keeps its transcript file up to date.

    Parameters
    ----------
    scenario:
        The scenario (for assessments, the released copy without its key).
    transcript_file:
        Where moves are saved, normally ``<scenario-id>.transcript.json`` beside the notebook.
    trainee:
        Who is playing (nbgrader student id or Jupyter user). The order of the choices is
        shuffled for them (:func:`paratrain.scenarios.engine.display_order`) and the
        transcript records it. ``None`` keeps the authored order (authors' tools and tests).
    on_saved:
        Called with the transcript after each save (the course's witness, which keeps a
        second record of the moves: :mod:`paratrain.witness`). It must not raise.

    Raises
    ------
    OSError
        From :meth:`choose`, :meth:`reply`, :meth:`back` and :meth:`restart` when the move
        could not be saved; nothing changed then.
    MoveError
        When the move is not allowed from here.
    """

    def __init__(
        self,
        scenario: Scenario,
        transcript_file: str | Path,
        *,
        trainee: str | None = None,
        on_saved: Callable[[tx.Transcript], None] | None = None,
    ) -> None:
        self.scenario = scenario
        self.path = Path(transcript_file)
        self.trainee = trainee
        self.on_saved = on_saved  # e.g. the witness sender; called after every save
        self.notice = ""  # something the trainee must be told (a file set aside)
        self.last: engine.Step | None = None  # the move just made, for its feedback
        self.transcript, self.state = self._resume()
        if self.on_saved is not None and self.transcript.events:
            self.on_saved(self.transcript)  # moves saved while the witness was away

    # --- state on disk ----------------------------------------------------------------------
    def _resume(self) -> tuple[tx.Transcript, engine.State]:
        remove_stale_temps(self.path)
        if not self.path.exists():
            return tx.Transcript.new(self.scenario, self.trainee), engine.start(self.scenario)
        try:
            t = tx.load(self.path)
            if self.trainee is not None and t.trainee not in (None, self.trainee):
                raise TranscriptError(
                    f"it was made for '{t.trainee}', not '{self.trainee}'",
                    path=self.path,
                    kind="foreign",
                )
            return t, tx.replay(self.scenario, t, self.path)
        except TranscriptError as exc:
            kept = move_aside(self.path, "unreadable")
            self.notice = (
                f"Your saved role-play file could not be read ({exc.detail}). It has been kept "
                f"as '{kept.name}' so nothing is lost, and the role-play starts again from the "
                "beginning. Please tell your supervisor."
            )
            log.warning("transcript %s set aside as %s: %s", self.path, kept, exc.detail)
            return tx.Transcript.new(self.scenario, self.trainee), engine.start(self.scenario)

    def _commit(self, new_t: tx.Transcript, new_state: engine.State) -> None:
        tx.save(self.path, new_t)  # raises OSError; then nothing changes
        self.transcript, self.state = new_t, new_state
        if self.on_saved is not None:
            self.on_saved(new_t)

    # --- what the trainee sees --------------------------------------------------------------
    @property
    def practice(self) -> bool:
        return self.scenario.mode is Mode.PRACTICE

    @property
    def node(self) -> Node:
        return engine.current(self.scenario, self.state)

    @property
    def finished(self) -> bool:
        return engine.is_finished(self.scenario, self.state)

    def offered(self) -> tuple[Choice, ...]:
        """The choices offered now, in the order this trainee sees them."""
        if self.finished or self.node.is_reply:
            return ()
        return engine.display_order(self.scenario, self.state, self.trainee)

    def last_choice(self) -> Choice | None:
        if self.last is None or self.last.choice is None:
            return None
        return self.scenario.node(self.last.node).choice_by_id[self.last.choice]

    # --- moves ------------------------------------------------------------------------------
    def choose(self, choice_id: str) -> None:
        """Take a choice by id (what a click does)."""
        node = self.state.node
        shown = tuple(c.id for c in self.offered())
        new_state = engine.advance(self.scenario, self.state, choice_id)
        self._commit(self.transcript.with_event("choose", node, choice_id, shown=shown), new_state)
        self.last = new_state.path[-1]

    def reply(self, text: str) -> None:
        """Give the free-text reply the current node asks for."""
        node = self.state.node
        new_state = engine.reply(self.scenario, self.state, text)
        step = new_state.path[-1]
        self._commit(self.transcript.with_event("reply", node, text=step.reply), new_state)
        self.last = step

    def back(self) -> None:
        new_state = engine.step_back(self.scenario, self.state)
        self._commit(self.transcript.with_event("back", self.state.node), new_state)
        self.last = None

    def restart(self) -> None:
        new_state = engine.restart(self.scenario, self.state)
        self._commit(self.transcript.with_event("restart", self.state.node), new_state)
        self.last = None
