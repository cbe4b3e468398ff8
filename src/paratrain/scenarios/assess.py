"""Grading a role-play: one function from a key and a transcript to an outcome.

Grading (the nbgrader test cell), safety flags, the supervisor's review and the reports all
read a submitted role-play through :func:`grade_roleplay`, so they cannot disagree about what
a trainee did or what it scored. Pure: the caller finds the key and reads the file.

A role-play's points come from the choices on the path (``points × path score / highest
score``); free-text replies are graded separately by a supervisor. Anything that stops a
transcript from being graded as played scores 0 and says why, as a :class:`Problem`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from paratrain.competencies.levels import CompetencyLevel
from paratrain.errors import TranscriptError
from paratrain.scenarios import scoring
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.engine import State, Step
from paratrain.scenarios.model import Outcome, Scenario


class Problem(StrEnum):
    """Why a role-play could not be graded as played (it then scores 0)."""

    MISSING = "missing"  # no transcript was submitted
    CORRUPT = "corrupt"  # the file cannot be read
    TAMPERED = "tampered"  # impossible moves, a broken event chain, an order never shown
    MISMATCH = "mismatch"  # the transcript is of another scenario
    FOREIGN = "foreign"  # made by or for another trainee
    NO_KEY = "no-key"  # the grader has no key for the scenario
    UNWITNESSED = "unwitnessed"  # the course's witness has no record of these moves

    @property
    def explanation(self) -> str:
        return EXPLAIN[self]


EXPLAIN = {
    Problem.MISSING: "No saved role-play was found, so this item scores 0. The role-play may "
    "not have been played, or its file was not submitted with the notebook.",
    Problem.CORRUPT: "The saved role-play file could not be read, so this item scores 0. A "
    "supervisor can look at the file and decide what to do.",
    Problem.TAMPERED: "The saved role-play contains moves that are not possible in this "
    "scenario (for example a response that does not exist, an impossible "
    "order, or an edited file), so this item scores 0 and has been flagged "
    "for a supervisor.",
    Problem.MISMATCH: "The saved file belongs to a different role-play, so this item scores 0.",
    Problem.FOREIGN: "The saved role-play was made by or for another trainee, so this item "
    "scores 0 and has been flagged for a supervisor.",
    Problem.NO_KEY: "The scoring key for this role-play was not found, so it scores 0 for now. "
    "A supervisor must re-run grading.",
    Problem.UNWITNESSED: "This course keeps a second record of every role-play move, and it "
    "has no record of these moves, so this item scores 0 until a "
    "supervisor has looked at it.",
}

# (problem or None, detail): what the course's witness says of a transcript
WitnessCheck = Callable[[tx.Transcript], tuple[str | None, str]]


@dataclass(frozen=True)
class RoleplayOutcome:
    """What grading found in one role-play."""

    scenario_id: str
    points: float  # earned, of max_points
    max_points: float
    path_score: int = 0
    best_score: int = 0
    problem: Problem | None = None
    detail: str = ""
    state: State | None = None
    levels: dict[str, CompetencyLevel] = field(default_factory=dict)
    ending: Outcome | None = None
    harmful_tried: tuple[Step, ...] = ()
    trainee: str | None = None  # who the transcript says it was made for
    notes: tuple[str, ...] = ()  # things grading wants the supervisor and trainee to know
    fingerprint: str = ""  # digest of the event stream (moves and their times)
    witness: str = ""  # "" (no witness) | "witnessed" | what the witness found wrong

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def share(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0

    def passed(self, pass_mark: float) -> bool:
        return self.problem is None and self.share + 1e-9 >= pass_mark

    @property
    def signoff_eligible(self) -> bool:
        """No harmful response and every assessed competency at level 3 or 4."""
        return (
            self.problem is None
            and bool(self.levels)
            and all(lv.level >= 3 for lv in self.levels.values())
        )

    @property
    def replies(self) -> tuple[Step, ...]:
        return tuple(s for s in self.state.path if s.choice is None) if self.state else ()


V1_NOTE = (
    "This role-play was saved by an earlier version of paratrain (before choices were "
    "shuffled per trainee); it is graded as before."
)


_TOPS: dict[tuple[str, str, tuple[int, ...]], int] = {}


def _top(key: Scenario) -> int:
    """The score full points are given for: the highest score a trainee can actually reach
    (conditions honoured), never more than the graph bound."""
    k = (key.id, key.structure_hash, tuple(c.earned_points for n in key.nodes for c in n.choices))
    if k not in _TOPS:
        exact = scoring.best_score(key)
        bound = scoring.score_bounds(key).high
        _TOPS[k] = bound if exact is None else min(exact, bound)
    return _TOPS[k]


def scaled(key: Scenario, state: State, points: float) -> tuple[float, int, int]:
    """(points earned, path score, highest score) for a path: ``points × score / highest``."""
    bound = _top(key)
    raw = scoring.path_score(key, state.path)
    earned = 0.0 if bound <= 0 else round(points * min(raw, bound) / bound, 2)
    return earned, raw, bound


def fingerprint(t: tx.Transcript) -> str:
    """A digest of what was done and when: two trainees working on their own never share
    one (times are kept to the millisecond)."""
    blob = json.dumps(
        [[e.action, e.node, e.choice, e.text, e.at] for e in t.events],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def evaluate(
    key: Scenario,
    state: State,
    points: float,
    *,
    trainee: str | None = None,
    notes: tuple[str, ...] = (),
    stream: str = "",
) -> RoleplayOutcome:
    """The outcome of a path that was played (or simulated) through the engine."""
    earned, raw, bound = scaled(key, state, points)
    node = key.node(state.node)
    return RoleplayOutcome(
        key.id,
        earned,
        points,
        raw,
        bound,
        None,
        "",
        state,
        scoring.path_levels(key, state.path),
        node.end,
        tuple(scoring.harmful_steps(key, state.tried)),
        trainee,
        notes,
        stream,
    )


def failed(
    key: Scenario | None,
    scenario_id: str,
    points: float,
    problem: Problem,
    detail: str,
    *,
    trainee: str | None = None,
    stream: str = "",
) -> RoleplayOutcome:
    bound = _top(key) if key is not None else 0
    return RoleplayOutcome(
        scenario_id, 0.0, points, 0, bound, problem, detail, trainee=trainee, fingerprint=stream
    )


def _translate(state: State, names: dict[str, str]) -> State:
    def step(s: Step) -> Step:
        return replace(s, node=names.get(s.node, s.node))

    return State(
        node=names.get(state.node, state.node),
        path=tuple(map(step, state.path)),
        values=state.values,
        tried=tuple(map(step, state.tried)),
    )


def replay_released(
    key: Scenario, t: tx.Transcript, path: str | Path, *, trainee: str | None, secret: bytes | None
) -> State:
    """Replay a transcript made on the released copy, whose node ids are opaque when the
    course has a secret; the state comes back in the key's own ids."""
    if secret is not None and t.structure != key.structure_hash:
        from paratrain.scenarios.release import authored, keyed_projection, released_hash

        if t.structure == released_hash(key, secret):
            projected = keyed_projection(key, secret)
            state = tx.replay(projected, t, path, trainee=trainee)
            return _translate(state, authored(key, secret))
    return tx.replay(key, t, path, trainee=trainee)


def grade_roleplay(
    key: Scenario | None,
    path: str | Path,
    *,
    points: float,
    trainee: str | None = None,
    scenario_id: str | None = None,
    strict: bool = False,
    secret: bytes | None = None,
    witness: WitnessCheck | None = None,
    require_witness: bool = False,
) -> RoleplayOutcome:
    """Grade the transcript file at ``path`` against ``key`` for ``trainee``.

    ``trainee`` is who submitted it (the nbgrader student id); a transcript made for anyone
    else is :attr:`Problem.FOREIGN`, and with ``strict`` so is a schema-2 transcript that
    names nobody (the player always names the trainee). ``key=None`` gives
    :attr:`Problem.NO_KEY`. ``secret`` is the course's, for transcripts of released copies
    with opaque node ids (:mod:`paratrain.scenarios.release`). ``witness`` compares the
    transcript with the course's second record (:func:`paratrain.witness.log.verify`): moves
    it did not see as recorded are tampering; no record at all is
    :attr:`Problem.UNWITNESSED` with ``require_witness``, else graded with a note.
    """
    sid = scenario_id or (key.id if key else Path(path).name.removesuffix(tx.SUFFIX))
    if key is None:
        return failed(
            None, sid, points, Problem.NO_KEY, "the scoring key was not found", trainee=trainee
        )
    stream = ""
    try:
        t = tx.load(path)
        stream = fingerprint(t) if len(t.events) >= 2 else ""
        if strict and t.schema_version >= 2 and t.trainee is None:
            raise TranscriptError(
                "the transcript does not say which trainee it was made for",
                path=path,
                kind=Problem.FOREIGN.value,
            )
        state = replay_released(key, t, path, trainee=trainee, secret=secret)
        seen = "" if witness is None else _witnessed(witness, t, path, require_witness)
    except TranscriptError as exc:
        made_for = None
        if exc.kind == Problem.FOREIGN:
            made_for = _made_for(path)
        return failed(
            key, sid, points, Problem(exc.kind), exc.detail, trainee=made_for, stream=stream
        )
    notes = (V1_NOTE,) if t.schema_version < tx.SCHEMA_VERSION else ()
    if seen not in ("", "witnessed"):
        notes = (
            *notes,
            f"Not on the course's second record of role-play moves ({seen}); a "
            "supervisor will look at it.",
        )
    return replace(
        evaluate(key, state, points, trainee=t.trainee, notes=notes, stream=stream), witness=seen
    )


def _witnessed(check: WitnessCheck, t: tx.Transcript, path: str | Path, require: bool) -> str:
    problem, detail = check(t)
    if problem == Problem.TAMPERED.value or (problem and require):
        raise TranscriptError(detail, path=path, kind=problem)
    return detail if problem else "witnessed"


def _made_for(path: str | Path) -> str | None:
    try:
        return tx.load(path).trainee
    except TranscriptError:
        return None
