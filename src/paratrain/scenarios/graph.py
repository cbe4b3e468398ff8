"""Small graph algorithms for scenario graphs (iterative, so 10,000-node files are fine)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence


def reachable(start: Iterable[str], adj: Mapping[str, Sequence[str]]) -> set[str]:
    """All vertices reachable from ``start`` (inclusive)."""
    seen = set(start)
    queue = deque(seen)
    while queue:
        u = queue.popleft()
        for v in adj.get(u, ()):
            if v not in seen:
                seen.add(v)
                queue.append(v)
    return seen


def reverse(adj: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {u: [] for u in adj}
    for u, vs in adj.items():
        for v in vs:
            out.setdefault(v, []).append(u)
    return out


def condensation(
    vertices: Sequence[str], adj: Mapping[str, Sequence[str]]
) -> tuple[dict[str, int], list[list[str]]]:
    """Strongly connected components (Tarjan, iterative).

    Returns ``(component index of each vertex, components)``; components are listed in
    reverse topological order (a component's successors come before it).
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    comp_of: dict[str, int] = {}
    comps: list[list[str]] = []
    counter = 0
    succs = {u: [v for v in adj.get(u, ()) if v in adj] for u in vertices}
    for root in vertices:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            u, i = work.pop()
            if i == 0:
                index[u] = low[u] = counter
                counter += 1
                stack.append(u)
                on_stack.add(u)
            succ = succs[u]
            recurse = False
            while i < len(succ):
                v = succ[i]
                i += 1
                if v not in index:
                    work.append((u, i))
                    work.append((v, 0))
                    recurse = True
                    break
                if v in on_stack:
                    low[u] = min(low[u], index[v])
            if recurse:
                continue
            if low[u] == index[u]:
                comp: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp_of[w] = len(comps)
                    comp.append(w)
                    if w == u:
                        break
                comps.append(comp)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[u])
    return comp_of, comps
