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
    return [s for s in steps if s.choice is not None
            and scenario.node(s.node).choice_by_id[s.choice].is_harmful]


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


def best_path(scenario: Scenario, *, limit: int = 200_000,
              state: State | None = None) -> list[str]:
    """Choice ids of a highest-scoring path to an ending (from ``state``, else the start);
    a reply node on the way appears as the text ``(reply)``.

    Exact on scenarios without loops (dynamic programming over the graph). With loops it
    searches paths that visit each node at most once, up to ``limit`` steps of search.
    Conditions are honoured, since a reference path must be playable.
    """
    from paratrain.scenarios import engine  # local: engine imports nothing of scoring

    best: tuple[int, list[str]] = (-1, [])
    budget = [limit]

    def walk(state: engine.State, visited: frozenset[str]) -> None:
        nonlocal best
        budget[0] -= 1
        if budget[0] < 0:
            return
        if engine.is_finished(scenario, state):
            score = path_score(scenario, state.path)
            if score > best[0]:
                best = (score, [s.choice or "(reply)" for s in state.path])
            return
        node = engine.current(scenario, state)
        if node.is_reply:
            nxt = engine.reply(scenario, state, "(reply)")
            if nxt.node not in visited:
                walk(nxt, visited | {nxt.node})
            return
        for c in engine.available_choices(scenario, state):
            nxt = engine.advance(scenario, state, c.id)
            if nxt.node not in visited:
                walk(nxt, visited | {nxt.node})

    begin = state if state is not None else engine.start(scenario)
    walk(begin, frozenset({begin.node, *(s.node for s in begin.path)}))
    return best[1][len(begin.path):]
