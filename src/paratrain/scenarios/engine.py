"""The pure role-play engine: ``advance(scenario, state, choice) -> state``.

No widgets, files or nbgrader here. The widget, the grader and the CLI all drive the same
functions, so what a trainee clicks, what the grader replays and what ``scenario play`` prints
cannot disagree.

A state holds the current node, the path that led there, the values of the scenario's
variables (set by choices, read by conditions on lines, choices, routes and endings), and
every step ever tried. Two kinds of step move a conversation on: a *choice* at a node with
choices, and a free-text *reply* at a reply node.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from paratrain.errors import MoveError
from paratrain.scenarios.conditions import Value, holds
from paratrain.scenarios.model import Choice, Mode, Next, Node, Scenario, VarType

__all__ = [
    "MoveError",
    "State",
    "Step",
    "advance",
    "after_step",
    "available_choices",
    "chosen",
    "current",
    "display_order",
    "is_finished",
    "line",
    "replay",
    "reply",
    "restart",
    "route",
    "start",
    "step_back",
    "values_after",
    "walk",
]


@dataclass(frozen=True)
class Step:
    """One move: at ``node`` the trainee chose ``choice``, or (reply nodes) wrote ``reply``."""

    node: str
    choice: str | None = None
    reply: str | None = None

    @property
    def is_reply(self) -> bool:
        return self.choice is None


@dataclass(frozen=True)
class State:
    """Where a playthrough is: the current node, the path that led here, the variables.

    ``values`` are the scenario's variables as sorted ``(name, value)`` pairs (hashable, so
    states can be compared and searched). ``tried`` keeps every step ever taken, including
    ones later stepped back from in practice mode (supervisors see those too).
    """

    node: str
    path: tuple[Step, ...] = ()
    values: tuple[tuple[str, Value], ...] = ()
    tried: tuple[Step, ...] = field(default=())

    @property
    def env(self) -> dict[str, Value]:
        return dict(self.values)

    @property
    def flags(self) -> frozenset[str]:
        """Names of the bool variables that are true (schema 1 called them flags)."""
        return frozenset(k for k, v in self.values if v is True)


def start(scenario: Scenario) -> State:
    """The state before the first choice."""
    return State(node=scenario.start, values=scenario.initial_values)


def current(scenario: Scenario, state: State) -> Node:
    return scenario.node(state.node)


def is_finished(scenario: Scenario, state: State) -> bool:
    return current(scenario, state).is_ending


def _offered(choice: Choice, env: Mapping[str, Value]) -> bool:
    return choice.condition is None or holds(choice.condition, env)


def available_choices(scenario: Scenario, state: State) -> tuple[Choice, ...]:
    """The choices offered at the current node (authored order), given the variables."""
    env = state.env
    return tuple(c for c in current(scenario, state).choices if _offered(c, env))


def display_order(scenario: Scenario, state: State, trainee: str | None) -> tuple[Choice, ...]:
    """The offered choices in the order this trainee sees them.

    Shuffled per trainee, scenario and node, from a hash of the three and each choice id, so
    the same trainee always sees the same order at the same moment (across reloads, restarts
    and grading) and two trainees usually see different ones. A node with ``order: fixed``
    keeps the authored order; so does ``trainee=None`` (authors' tools).
    """
    offered = available_choices(scenario, state)
    node = current(scenario, state)
    if trainee is None or node.order == "fixed":
        return offered
    seed = f"{trainee}\x00{scenario.id}\x00{node.id}\x00"

    def rank(c: Choice) -> str:
        return hashlib.sha256((seed + c.id).encode()).hexdigest()

    return tuple(sorted(offered, key=rank))


def line(
    scenario: Scenario, node: Node, env: Mapping[str, Value]
) -> tuple[str | None, str | None, str | None]:
    """(narration, client, debrief) of a node as the variables make it: the first variant
    whose condition holds replaces what it gives; the rest comes from the node."""
    for v in node.variants:
        if holds(v.condition, env):
            return (
                v.narration or node.narration,
                v.client or node.client,
                v.debrief or node.debrief,
            )
    return node.narration, node.client, node.debrief


def route(nxt: Next, env: Mapping[str, Value]) -> str:
    """The node a ``next`` leads to: the target, or the first route whose condition holds."""
    if isinstance(nxt, str):
        return nxt
    for r in nxt:
        if r.condition is None or holds(r.condition, env):
            return r.to
    return nxt[-1].to  # unreachable: the last route has no condition (checked on load)


def _apply(
    scenario: Scenario, choice: Choice, values: tuple[tuple[str, Value], ...]
) -> tuple[tuple[str, Value], ...]:
    if not choice.effects:
        return values
    env = dict(values)
    env.update(choice.set)
    for name, delta in choice.add.items():
        var = scenario.variables[name]
        assert var.type is VarType.INT and var.min is not None and var.max is not None
        old = env[name]
        assert isinstance(old, int)
        env[name] = max(var.min, min(var.max, old + delta))
    return tuple(sorted(env.items()))


def advance(scenario: Scenario, state: State, choice_id: str) -> State:
    """Take ``choice_id`` at the current node.

    Raises
    ------
    MoveError
        If the scenario has ended, the node asks for a reply, or the choice does not exist or
        is not offered here.
    """
    node = current(scenario, state)
    if node.is_ending:
        raise MoveError("the role-play has already ended", node_id=node.id, choice_id=choice_id)
    if node.is_reply:
        raise MoveError(
            "this moment asks for a reply in your own words, not a choice",
            node_id=node.id,
            choice_id=choice_id,
        )
    choice = node.choice_by_id.get(choice_id)
    if choice is None or not _offered(choice, state.env):
        offered = ", ".join(c.id for c in available_choices(scenario, state)) or "none"
        raise MoveError(
            "this choice is not offered here",
            node_id=node.id,
            choice_id=choice_id,
            hint=f"choices offered here: {offered}",
        )
    values = _apply(scenario, choice, state.values)
    step = Step(node.id, choice.id)
    return State(
        node=route(choice.next, dict(values)),
        path=(*state.path, step),
        values=values,
        tried=(*state.tried, step),
    )


def reply(scenario: Scenario, state: State, text: str) -> State:
    """Give a free-text reply at the current (reply) node.

    Raises
    ------
    MoveError
        If the node does not ask for a reply, or the text is empty or too long.
    """
    node = current(scenario, state)
    if node.reply is None or node.next is None:
        raise MoveError("this moment does not ask for a written reply", node_id=node.id)
    words = text.strip()
    if not words:
        raise MoveError("write your reply before you send it", node_id=node.id)
    if len(words) > node.reply.max_length:
        raise MoveError(
            f"the reply is longer than {node.reply.max_length} characters",
            node_id=node.id,
            hint="shorten it to what you would say out loud",
        )
    step = Step(node.id, None, words)
    return State(
        node=route(node.next, state.env),
        path=(*state.path, step),
        values=state.values,
        tried=(*state.tried, step),
    )


def step_back(scenario: Scenario, state: State) -> State:
    """Undo the last step (practice mode only). The undone step stays in ``tried``.

    Raises
    ------
    MoveError
        In assessment mode, or when there is nothing to undo.
    """
    if scenario.mode is Mode.ASSESSMENT:
        raise MoveError("stepping back is not allowed in an assessment", node_id=state.node)
    if not state.path:
        raise MoveError("there is no earlier choice to go back to", node_id=state.node)
    path = state.path[:-1]
    return State(
        node=state.path[-1].node, path=path, values=values_after(scenario, path), tried=state.tried
    )


def restart(scenario: Scenario, state: State) -> State:
    """Start again from the beginning (practice mode only), keeping the history of tries."""
    if scenario.mode is Mode.ASSESSMENT:
        raise MoveError("an assessment cannot be restarted", node_id=state.node)
    return State(node=scenario.start, values=scenario.initial_values, tried=state.tried)


def after_step(
    scenario: Scenario, values: tuple[tuple[str, Value], ...], step: Step
) -> tuple[tuple[str, Value], ...]:
    """The variables after one step (a reply changes none)."""
    if step.choice is None:
        return values
    return _apply(scenario, scenario.node(step.node).choice_by_id[step.choice], values)


def values_after(scenario: Scenario, path: tuple[Step, ...]) -> tuple[tuple[str, Value], ...]:
    """The variables after a path from the start."""
    values = scenario.initial_values
    for step in path:
        values = after_step(scenario, values, step)
    return values


def walk(scenario: Scenario, state: State) -> list[tuple[Node, dict[str, Value], Step | None]]:
    """Each node of a state's path with the variables as they were there, and the step
    taken; last, the current node with ``None``. What renderers need to show the lines each
    node had at the time."""
    out: list[tuple[Node, dict[str, Value], Step | None]] = []
    values = scenario.initial_values
    for step in state.path:
        out.append((scenario.node(step.node), dict(values), step))
        values = after_step(scenario, values, step)
    out.append((scenario.node(state.node), dict(values), None))
    return out


def replay(scenario: Scenario, choice_ids: list[str]) -> State:
    """Play a list of choice ids from the start; raises MoveError at the first bad one.

    At a reply node, the item is the reply text itself.
    """
    state = start(scenario)
    for item in choice_ids:
        if current(scenario, state).is_reply:
            state = reply(scenario, state, item)
        else:
            state = advance(scenario, state, item)
    return state


def chosen(scenario: Scenario, path: tuple[Step, ...]) -> list[tuple[Node, Choice]]:
    """The (node, choice) pairs of a path's choices (replies are left out)."""
    out = []
    for step in path:
        if step.choice is None:
            continue
        node = scenario.node(step.node)
        out.append((node, node.choice_by_id[step.choice]))
    return out
