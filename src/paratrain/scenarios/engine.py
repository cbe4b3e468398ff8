"""The pure role-play engine: ``advance(scenario, state, choice) -> state``.

No widgets, files or nbgrader here. The widget, the grader and the CLI all drive the same
functions, so what a trainee clicks, what the grader replays and what ``scenario play`` prints
cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paratrain.errors import MoveError as MoveError  # in the errors tree; re-exported here
from paratrain.scenarios.model import Choice, Mode, Node, Scenario


@dataclass(frozen=True)
class Step:
    """One decision: at ``node`` the trainee chose ``choice``."""

    node: str
    choice: str


@dataclass(frozen=True)
class State:
    """Where a playthrough is: the current node, the path that led here, and the flags set.

    ``tried`` keeps every choice ever made, including ones later stepped back from in practice
    mode (supervisors see those too).
    """

    node: str
    path: tuple[Step, ...] = ()
    flags: frozenset[str] = frozenset()
    tried: tuple[Step, ...] = field(default=())


def start(scenario: Scenario) -> State:
    """The state before the first choice."""
    return State(node=scenario.start)


def current(scenario: Scenario, state: State) -> Node:
    return scenario.node(state.node)


def is_finished(scenario: Scenario, state: State) -> bool:
    return current(scenario, state).is_ending


def available_choices(scenario: Scenario, state: State) -> tuple[Choice, ...]:
    """The choices offered at the current node, given the flags set so far."""
    return tuple(c for c in current(scenario, state).choices if c.available(state.flags))


def advance(scenario: Scenario, state: State, choice_id: str) -> State:
    """Take ``choice_id`` at the current node.

    Raises
    ------
    MoveError
        If the scenario has ended, or the choice does not exist or is not offered here.
    """
    node = current(scenario, state)
    if node.is_ending:
        raise MoveError("the role-play has already ended", node_id=node.id, choice_id=choice_id)
    choice = node.choice_by_id.get(choice_id)
    if choice is None or not choice.available(state.flags):
        offered = ", ".join(c.id for c in available_choices(scenario, state)) or "none"
        raise MoveError(
            "this choice is not offered here", node_id=node.id, choice_id=choice_id,
            hint=f"choices offered here: {offered}",
        )
    step = Step(node.id, choice.id)
    return State(
        node=choice.next,
        path=(*state.path, step),
        flags=state.flags | frozenset(choice.sets),
        tried=(*state.tried, step),
    )


def step_back(scenario: Scenario, state: State) -> State:
    """Undo the last choice (practice mode only). The undone choice stays in ``tried``.

    Raises
    ------
    MoveError
        In assessment mode, or when there is nothing to undo.
    """
    if scenario.mode is Mode.ASSESSMENT:
        raise MoveError("stepping back is not allowed in an assessment",
                        node_id=state.node)
    if not state.path:
        raise MoveError("there is no earlier choice to go back to", node_id=state.node)
    path = state.path[:-1]
    return State(
        node=state.path[-1].node,
        path=path,
        flags=flags_after(scenario, path),
        tried=state.tried,
    )


def restart(scenario: Scenario, state: State) -> State:
    """Start again from the beginning (practice mode only), keeping the history of tries."""
    if scenario.mode is Mode.ASSESSMENT:
        raise MoveError("an assessment cannot be restarted", node_id=state.node)
    return State(node=scenario.start, tried=state.tried)


def flags_after(scenario: Scenario, path: tuple[Step, ...]) -> frozenset[str]:
    flags: set[str] = set()
    for step in path:
        flags.update(scenario.node(step.node).choice_by_id[step.choice].sets)
    return frozenset(flags)


def replay(scenario: Scenario, choice_ids: list[str]) -> State:
    """Play a list of choice ids from the start; raises MoveError at the first bad one."""
    state = start(scenario)
    for choice_id in choice_ids:
        state = advance(scenario, state, choice_id)
    return state


def chosen(scenario: Scenario, path: tuple[Step, ...]) -> list[tuple[Node, Choice]]:
    """The (node, choice) pairs of a path, for scoring and display."""
    out = []
    for step in path:
        node = scenario.node(step.node)
        out.append((node, node.choice_by_id[step.choice]))
    return out
