"""Scores and competency levels of a path, and the score range over all paths."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from paratrain.competencies.levels import CompetencyLevel, DecisionEvidence, compute_levels
from paratrain.scenarios.engine import State, Step
from paratrain.scenarios.graph import condensation
from paratrain.scenarios.model import Scenario


@dataclass(frozen=True)
class Bounds:
    """Lowest and highest score over all complete paths.

    ``exact`` is False when loops make the highest score an upper bound (each choice counts
    once, so a path through a loop cannot collect more than every choice in it).
    """

    low: int
    high: int
    exact: bool


def path_score(scenario: Scenario, path: tuple[Step, ...]) -> int:
    """Sum of points of the distinct choices on the path."""
    seen: set[Step] = set()
    total = 0
    for step in path:
        if step in seen or step.choice is None:
            continue
        seen.add(step)
        total += scenario.node(step.node).choice_by_id[step.choice].earned_points
    return total


def decision_evidence(scenario: Scenario, path: tuple[Step, ...]) -> list[DecisionEvidence]:
    """The evidence of each decision on a path, in order."""
    out = []
    for i, step in enumerate(path):
        if step.choice is None:  # a free-text reply is assessed by a supervisor
            continue
        node = scenario.node(step.node)
        assessed = frozenset(k for c in node.choices for k in c.evidence)
        shown = {k: v.value for k, v in node.choice_by_id[step.choice].evidence.items()}
        out.append(DecisionEvidence(f"{scenario.id}/{node.id}#{i + 1}", assessed, shown))
    return out


def path_levels(scenario: Scenario, path: tuple[Step, ...]) -> dict[str, CompetencyLevel]:
    """Competency levels (ENACT-style, see :mod:`paratrain.competencies.levels`) of a path."""
    return compute_levels(decision_evidence(scenario, path))


def harmful_steps(scenario: Scenario, steps: tuple[Step, ...]) -> list[Step]:
    """Steps whose choice shows potentially harmful behaviour."""
    return [
        s
        for s in steps
        if s.choice is not None and scenario.node(s.node).choice_by_id[s.choice].is_harmful
    ]


def score_bounds(scenario: Scenario) -> Bounds:
    """Lowest and highest path score from the start to any reachable ending.

    Conditions are ignored (every choice counts as possibly offered, every route as
    possibly taken), so these are bounds over the graph. The lowest
    score is exact (Dijkstra; points are never negative). The highest is exact on scenarios
    without loops; with loops each strongly connected part contributes all its internal
    points once, an upper bound.
    """
    nodes = scenario.node_by_id
    adj: dict[str, list[tuple[str, int, str]]] = {
        n.id: [(t, c.earned_points, c.id) for c in n.choices for t in c.targets if t in nodes]
        + [(t, 0, "") for t in n.targets if t in nodes]
        for n in scenario.nodes
    }
    endings = {n.id for n in scenario.nodes if n.is_ending}
    if scenario.start not in nodes:
        return Bounds(0, 0, True)

    # lowest: Dijkstra from start
    dist = {scenario.start: 0}
    heap = [(0, scenario.start)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist.get(u, d):
            continue
        for v, w, _ in adj[u]:
            if d + w < dist.get(v, 1 << 62):
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    reached_endings = [e for e in endings if e in dist]
    if not reached_endings:
        return Bounds(0, 0, True)
    low = min(dist[e] for e in reached_endings)

    # highest: DP over the condensation in topological order
    targets = {u: [v for v, _, _ in edges] for u, edges in adj.items()}
    comp_of, comps = condensation(list(nodes), targets)
    exact = all(len(c) == 1 and not any(v == c[0] for v, _, _ in adj[c[0]]) for c in comps)
    internal = [0] * len(comps)
    for u, edges in adj.items():
        for v, w, _ in edges:
            if comp_of[u] == comp_of[v]:
                internal[comp_of[u]] += w
    neg = -(1 << 62)
    best = [neg] * len(comps)  # best score on arriving at the component
    best[comp_of[scenario.start]] = 0
    high = neg
    # comps come out of Tarjan in reverse topological order
    for ci in range(len(comps) - 1, -1, -1):
        if best[ci] == neg:
            continue
        inside = best[ci] + internal[ci]
        for u in comps[ci]:
            if u in endings:
                high = max(high, inside)
            for v, w, _ in adj[u]:
                cj = comp_of[v]
                if cj != ci:
                    best[cj] = max(best[cj], inside + w)
    return Bounds(low, max(high, low), exact)


def _state_graph(
    scenario: Scenario, begin: State, limit: int
) -> tuple[list[bool], list[list[tuple[int, int, str]]]]:
    """The (node, variables) states reachable from ``begin`` (conditions honoured), as
    ending flags and moves ``(successor, points, choice id or "(reply)")``."""
    from paratrain.scenarios import engine  # local: engine imports nothing of scoring

    first = State(node=begin.node, values=begin.values)
    ids = {(first.node, first.values): 0}
    states = [first]
    ends: list[bool] = []
    moves: list[list[tuple[int, int, str]]] = []
    i = 0
    while i < len(states):
        st = states[i]
        i += 1
        node = engine.current(scenario, st)
        ends.append(node.is_ending)
        out: list[tuple[int, int, str]] = []
        moves.append(out)
        if node.is_ending:
            continue
        if node.is_reply:
            nexts = [(engine.reply(scenario, st, REPLY), 0, REPLY)]
        else:
            nexts = [
                (engine.advance(scenario, st, c.id), c.earned_points, c.id)
                for c in engine.available_choices(scenario, st)
            ]
        for nxt, pts, item in nexts:
            k = (nxt.node, nxt.values)
            if k not in ids:
                if len(states) >= limit:
                    continue
                ids[k] = len(states)
                states.append(State(node=nxt.node, values=nxt.values))
            out.append((ids[k], pts, item))
    return ends, moves


REPLY = "(reply)"


def _best(scenario: Scenario, begin: State, limit: int) -> tuple[int, list[str]] | None:
    """Highest score from ``begin`` to an ending and the moves of one such way; exact on
    acyclic state graphs, and loops are cut where a move returns to a state on the way."""
    ends, moves = _state_graph(scenario, begin, limit)
    n = len(ends)
    neg = -(1 << 40)
    best = [neg] * n
    pick: list[int] = [-1] * n
    colour = [0] * n
    stack: list[tuple[int, int]] = [(0, 0)]
    colour[0] = 1
    while stack:
        u, k = stack.pop()
        if k < len(moves[u]):
            stack.append((u, k + 1))
            v = moves[u][k][0]
            if colour[v] == 0:
                colour[v] = 1
                stack.append((v, 0))
            continue
        colour[u] = 2
        if ends[u]:
            best[u] = 0
            continue
        for j, (v, pts, _item) in enumerate(moves[u]):
            if colour[v] == 2 and best[v] > neg and best[v] + pts > best[u]:
                best[u], pick[u] = best[v] + pts, j
    if best[0] == neg:
        return None
    items, u, seen = [], 0, set()
    while not ends[u] and pick[u] >= 0 and u not in seen:
        seen.add(u)
        v, _pts, item = moves[u][pick[u]]
        items.append(item)
        u = v
    return best[0], items


def best_score(scenario: Scenario) -> int | None:
    """The highest score a trainee can reach (conditions honoured): what a role-play's points
    are scaled to. None when no ending can be reached."""
    from paratrain.scenarios import engine

    found = _best(scenario, engine.start(scenario), 200_000)
    return None if found is None else found[0] + 0


def best_path(scenario: Scenario, *, limit: int = 200_000, state: State | None = None) -> list[str]:
    """Choice ids of a highest-scoring way to an ending (from ``state``, else the start);
    a reply node on the way appears as the text ``(reply)``.

    Dynamic programming over the (node, variables) states, with conditions honoured (a
    reference path must be playable); exact when the states form no loop.
    """
    from paratrain.scenarios import engine

    begin = state if state is not None else engine.start(scenario)
    found = _best(scenario, begin, limit)
    return [] if found is None else found[1]
