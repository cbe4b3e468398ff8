"""Lint speed on a large scenario: ``python -m benchmarks.lint_large [N]``.

Builds an N-node scenario (a long chain with side branches and loops back that always have a
way out), then times parsing + linting + score bounds. The issue's goal: 10,000 nodes well
under a second for the graph work.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def make_large(folder: Path, n: int) -> Path:
    lines = [
        "schema_version: 1",
        "id: large",
        "title: Large",
        "mode: practice",
        "persona: {fictional: true, name: Big Test, age: 40, pronouns: they/them, "
        "background: b, situation: s, reason: r}",
        "start: n0",
        "nodes:",
    ]
    for i in range(n - 1):
        back = max(0, i - 3)
        lines += [
            f"  - id: n{i}",
            f'    client: "Line {i}"',
            "    choices:",
            f"      - {{id: on, text: On, next: n{i + 1}, feedback: f, "
            "evidence: {empathy: basic}}",
            f"      - {{id: back, text: Back, next: n{back}, feedback: f, points: 0}}"
            if i % 7 == 3
            else f"      - {{id: skip, text: Skip, next: n{min(i + 2, n - 1)}, feedback: f}}",
        ]
    lines += [f"  - id: n{n - 1}", "    client: End", "    end: good", "    debrief: d"]
    p = folder / "large.scenario.yaml"
    p.write_text("\n".join(lines) + "\n")
    return p


def main() -> None:
    from paratrain.scenarios.lint import lint_scenario_model
    from paratrain.scenarios.loader import load_scenario
    from paratrain.scenarios.scoring import score_bounds

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        p = make_large(Path(tmp), n)
        t0 = time.perf_counter()
        s = load_scenario(p)
        t1 = time.perf_counter()
        issues = lint_scenario_model(s)
        b = score_bounds(s)
        t2 = time.perf_counter()
    print(
        f"{n} nodes: parse+validate {t1 - t0:.3f} s, lint+bounds {t2 - t1:.3f} s, "
        f"total {t2 - t0:.3f} s; {len(issues)} issue(s); score {b.low}-{b.high}"
    )


if __name__ == "__main__":
    main()
