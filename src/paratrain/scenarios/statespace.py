"""Every (node, variables) state a scenario can reach, honouring its conditions.

Variables are small (bools, bounded ints, enums), so the reachable state space is finite
and, for real scenarios, small. Lint uses it to find conditions no path can satisfy,
choices never offered, routes never taken, variants never shown and states where the
trainee would be stuck; the naive-player benchmark and the spine measure use the same
exploration.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from paratrain.scenarios import engine
from paratrain.scenarios.conditions import Value, holds
from paratrain.scenarios.engine import State
from paratrain.scenarios.model import Next, Node, Scenario

MAX_STATES = 100_000

Values = tuple[tuple[str, Value], ...]


@dataclass
class Space:
    """What the exploration found."""

    states: dict[str, set[Values]] = field(default_factory=dict)  # node -> variable values
    offered: set[tuple[str, str]] = field(default_factory=set)  # (node, choice) ever offered
    routes: set[tuple[str, str, int]] = field(default_factory=set)  # (node, choice|"", route)
    variants: set[tuple[str, int]] = field(default_factory=set)  # (node, variant index)
    stuck: list[tuple[str, Values]] = field(default_factory=list)
    complete: bool = True  # False when MAX_STATES was hit

    def reached(self, node_id: str) -> bool:
        return node_id in self.states


def _route_index(nxt: Next, env: dict[str, Value]) -> int:
    if isinstance(nxt, str):
        return 0
    for i, r in enumerate(nxt):
        if r.condition is None or holds(r.condition, env):
            return i
    return len(nxt) - 1


def _note_variant(space: Space, node: Node, env: dict[str, Value]) -> None:
    for i, v in enumerate(node.variants):
        if holds(v.condition, env):
            space.variants.add((node.id, i))
            return


def explore(scenario: Scenario, *, limit: int = MAX_STATES) -> Space:
    """Breadth-first search over (node, variables) from the start."""
    space = Space()
    if scenario.start not in scenario.node_by_id:
        return space
    begin = engine.start(scenario)
    queue: deque[tuple[str, Values]] = deque([(begin.node, begin.values)])
    space.states[begin.node] = {begin.values}
    count = 1
    while queue:
        node_id, values = queue.popleft()
        node = scenario.node(node_id)
        env = dict(values)
        _note_variant(space, node, env)
        if node.is_ending:
            continue
        state = State(node=node_id, values=values)
        successors: list[State] = []
        if node.is_reply and node.next is not None:
            space.routes.add((node_id, "", _route_index(node.next, env)))
            nxt = engine.route(node.next, env)
            if nxt in scenario.node_by_id:
                successors.append(State(node=nxt, values=values))
        else:
            offered = engine.available_choices(scenario, state)
            if not offered:
                space.stuck.append((node_id, values))
            for c in offered:
                space.offered.add((node_id, c.id))
                after = engine.after_step(scenario, values, engine.Step(node_id, c.id))
                space.routes.add((node_id, c.id, _route_index(c.next, dict(after))))
                nxt = engine.route(c.next, dict(after))
                if nxt in scenario.node_by_id:
                    successors.append(State(node=nxt, values=after))
        for st in successors:
            seen = space.states.setdefault(st.node, set())
            if st.values in seen:
                continue
            if count >= limit:
                space.complete = False
                return space
            seen.add(st.values)
            count += 1
            queue.append((st.node, st.values))
    return space
