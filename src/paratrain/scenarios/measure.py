"""Is a role-play a measurement? Cue bias, spine length and feedback-only forks.

* **Cue bias.** At each decision point where the options are not all worth the same, is the
  best option (the highest points) the longest, the shortest, or in the same authored
  position? A trainee who learns "pick the longest" must not pass.
* **Spine.** How many decision points a trainee meets on the best path, and on the shortest
  way to any ending. Graded role-plays need enough decisions to measure anything.
* **Feedback-only forks.** Decision points where every option leads to the same next moment
  with no lasting effect: the choice changes the feedback, not the conversation.

Pure functions over the model; :mod:`paratrain.scenarios.lint` prints them and enforces the
rules for assessments.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass

from paratrain.scenarios import engine
from paratrain.scenarios.conditions import names, parse
from paratrain.scenarios.model import Choice, Node, Scenario, conditions_of

# Graded role-plays: the rules lint and the curriculum tests hold them to.
MAX_BEST_LONGEST = 0.40
SPINE = (10, 12)
MAX_FORK_SHARE = 0.25


@dataclass(frozen=True)
class CueBias:
    points: int  # decision points where the options differ in points
    best_longest: int
    best_shortest: int
    best_first: int  # in authored order
    best_last: int
    pinned: tuple[str, ...]  # nodes with order: fixed

    def share(self, n: int) -> float:
        return n / self.points if self.points else 0.0


@dataclass(frozen=True)
class Shape:
    decision_points: int  # nodes with two or more choices
    forks: tuple[str, ...]  # feedback-only decision points
    spine: int  # decision points on the best path
    shortest: int  # decision points on the shortest way to an ending
    replies: int  # free-text turns

    @property
    def fork_share(self) -> float:
        return len(self.forks) / self.decision_points if self.decision_points else 0.0


def decision_nodes(s: Scenario) -> list[Node]:
    return [n for n in s.nodes if len(n.choices) >= 2]


def _unique_extreme(choices: tuple[Choice, ...], longest: bool) -> Choice | None:
    lengths = [len(" ".join(c.text.split())) for c in choices]
    target = max(lengths) if longest else min(lengths)
    hits = [c for c, n in zip(choices, lengths, strict=True) if n == target]
    return hits[0] if len(hits) == 1 else None


def cue_bias(s: Scenario) -> CueBias:
    points = longest = shortest = first = last = 0
    for n in decision_nodes(s):
        scores = [c.earned_points for c in n.choices]
        if len(set(scores)) == 1:
            continue
        points += 1
        top = max(scores)
        best = {c.id for c in n.choices if c.earned_points == top}
        lc, sc = _unique_extreme(n.choices, True), _unique_extreme(n.choices, False)
        longest += bool(lc and lc.id in best)
        shortest += bool(sc and sc.id in best)
        first += n.choices[0].id in best
        last += n.choices[-1].id in best
    pinned = tuple(n.id for n in s.nodes if n.order == "fixed")
    return CueBias(points, longest, shortest, first, last, pinned)


def read_variables(s: Scenario) -> set[str]:
    """Variables some condition reads."""
    out: set[str] = set()
    for n in s.nodes:
        for _loc, text in conditions_of(n):
            out |= names(parse(text))
    return out


def is_fork(n: Node, read: set[str]) -> bool:
    """Every option leads to the same next moment and changes nothing that is read later."""
    if len(n.choices) < 2:
        return False
    nexts = {repr(c.next) for c in n.choices}
    lasting = any(set(c.set) & read or set(c.add) & read for c in n.choices)
    return len(nexts) == 1 and not lasting


@dataclass
class _StateGraph:
    """The (node, variables) states reachable from the start, with their moves."""

    ends: list[bool]
    edges: list[list[tuple[int, int, int]]]  # (successor, points, decision point 0|1)


def _state_graph(s: Scenario, limit: int = 200_000) -> _StateGraph:
    begin = engine.start(s)
    ids = {(begin.node, begin.values): 0}
    states = [begin]
    g = _StateGraph([], [])
    i = 0
    while i < len(states):
        state = states[i]
        i += 1
        node = engine.current(s, state)
        g.ends.append(node.is_ending)
        out: list[tuple[int, int, int]] = []
        g.edges.append(out)
        if node.is_ending:
            continue
        if node.is_reply:
            moves = [(engine.reply(s, state, "(reply)"), 0)]
        else:
            moves = [
                (engine.advance(s, state, c.id), c.earned_points)
                for c in engine.available_choices(s, state)
            ]
        decision = 1 if len(node.choices) >= 2 else 0
        for nxt, pts in moves:
            key = (nxt.node, nxt.values)
            if key not in ids:
                if len(states) >= limit:
                    continue
                ids[key] = len(states)
                states.append(engine.State(node=nxt.node, values=nxt.values))
            out.append((ids[key], pts, decision))
    return g


def _spine_and_shortest(s: Scenario) -> tuple[int, int]:
    """Decision points on a best-scoring way to an ending (ties: the longer), and on the
    shortest way. Loops are cut where a move goes back to a state on the way (DFS)."""
    g = _state_graph(s)
    n = len(g.ends)
    # shortest: 0-1 BFS on decision points
    dist = [1 << 30] * n
    dist[0] = 0
    dq: deque[int] = deque([0])
    while dq:
        u = dq.popleft()
        for v, _pts, d in g.edges[u]:
            if dist[u] + d < dist[v]:
                dist[v] = dist[u] + d
                (dq.appendleft if d == 0 else dq.append)(v)
    shortest = min((dist[u] for u in range(n) if g.ends[u] and dist[u] < 1 << 30), default=0)
    # best: iterative DFS post-order, DP over the moves that are not back edges
    neg = (-(1 << 40), 0)
    best: list[tuple[int, int]] = [neg] * n
    colour = [0] * n  # 0 new, 1 on the stack, 2 done
    stack: list[tuple[int, int]] = [(0, 0)]
    colour[0] = 1
    while stack:
        u, k = stack.pop()
        if k < len(g.edges[u]):
            stack.append((u, k + 1))
            v = g.edges[u][k][0]
            if colour[v] == 0:
                colour[v] = 1
                stack.append((v, 0))
            continue
        colour[u] = 2
        if g.ends[u]:
            best[u] = (0, 0)
            continue
        for v, pts, d in g.edges[u]:
            if colour[v] == 2 and best[v] != neg:
                cand = (best[v][0] + pts, best[v][1] + d)
                best[u] = max(best[u], cand)
    return (best[0][1] if best[0] != neg else 0), shortest


def shape(s: Scenario) -> Shape:
    read = read_variables(s)
    dps = decision_nodes(s)
    forks = tuple(n.id for n in dps if is_fork(n, read))
    spine, shortest = _spine_and_shortest(s)
    return Shape(len(dps), forks, spine, shortest, len(s.reply_nodes))


def length_profile(s: Scenario) -> Counter[str]:
    """How often the best option is longest / shortest / neither (for reports)."""
    b = cue_bias(s)
    return Counter(
        {
            "longest": b.best_longest,
            "shortest": b.best_shortest,
            "neither": b.points - b.best_longest - b.best_shortest,
        }
    )
